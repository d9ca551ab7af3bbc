"""Benchmark: how fast a whole career fair builds, beside WeasyPrint rendering the same handout.

Run with `make bench` (or `.venv/bin/python benchmarks/bench.py` after `pip install -e '.[bench]'`).
Prints a Markdown table of medians and ratios measured side by side in this one run.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYOUTS = ("handout", "trifold", "flyer")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="repeats of each measurement")
    args = parser.parse_args()

    from brochure.brand import DEFAULT
    from brochure.build import Batch, build, default_jobs, make_pdf
    from brochure.compose import Options
    from brochure.pictures import qr_modules
    from brochure.project import Project

    project = Project(ROOT)
    careers = project.career_ids()
    cores = default_jobs()
    rows: list[tuple[str, str]] = []
    print(f"{len(careers)} careers, {cores} cores, Python {sys.version.split()[0]}",
          file=sys.stderr)

    warm: dict[str, float] = {}
    sizes: dict[str, float] = {}
    for layout in LAYOUTS:
        for career in careers:  # warm-up: fonts, templates, careers loaded once
            make_pdf(project, career, layout, DEFAULT, Options())
        times, kb = [], []
        for _ in range(args.rounds):
            for career in careers:
                # Each career's QR code is encoded once in a real batch: pay for it here too.
                qr_modules.cache_clear()
                start = time.perf_counter()
                pdf, _ = make_pdf(project, career, layout, DEFAULT, Options())
                times.append(time.perf_counter() - start)
                kb.append(len(pdf) / 1024)
        warm[layout] = statistics.median(times) * 1000
        sizes[layout] = statistics.median(kb)
        rows.append((f"{layout}: warm ms per brochure (median)", f"{warm[layout]:.1f}"))
        rows.append((f"{layout}: KB per PDF (median)", f"{sizes[layout]:.0f}"))

    with tempfile.TemporaryDirectory() as tmp:
        for jobs in (1, cores):
            rates = []
            for r in range(args.rounds):
                batch = Batch(project, "handout", DEFAULT, Options(), Path(tmp) / f"{jobs}-{r}",
                              force=True)
                start = time.perf_counter()
                outcomes = build(batch, careers, jobs=jobs)
                rates.append(len(outcomes) / (time.perf_counter() - start))
            rows.append((f"handout batch, {jobs} process{'es' if jobs > 1 else ''}: "
                         "brochures per second (median)", f"{statistics.median(rates):.0f}"))

        cold, peak = [], []
        for r in range(max(5, args.rounds)):
            command = [sys.executable, "-m", "brochure", "-C", str(ROOT), "build",
                       "medical-records-technician", "--out", f"{tmp}/cold{r}", "--jobs", "1"]
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            cold.append(time.perf_counter() - start)
            peak.append(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
        rows.append(("cold `build` of one brochure: wall seconds (median)",
                     f"{statistics.median(cold):.2f}"))
        rows.append(("peak memory of that process: MB", f"{max(peak):.0f}"))

    peer = _weasyprint(project, careers, args.rounds)
    if peer is not None:
        rows.append(("WeasyPrint, same handout content from HTML/CSS: warm ms (median)",
                     f"{peer:.1f}"))
        rows.append(("ratio: WeasyPrint ms / our handout ms", f"{peer / warm['handout']:.1f}x"))
    else:
        rows.append(("WeasyPrint peer", "not installed (pip install weasyprint)"))

    print("| measurement | value |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")


def _weasyprint(project: object, careers: list[str], rounds: int) -> float | None:
    try:
        import weasyprint
    except ImportError:
        return None
    import font_source_sans_pro
    import jinja2

    from brochure.compose import money
    from brochure.project import Project

    assert isinstance(project, Project)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(Path(__file__).parent)),
                             autoescape=True)
    template = env.get_template("handout.html.j2")
    fonts = (Path(font_source_sans_pro.__file__).parent / "files").as_uri()
    pages = {}
    for career_id in careers:
        career = project.load_career(career_id)
        pages[career_id] = template.render(career=career, figures=project.tables.figures(career),
                                           money=money, fonts=fonts)
    for career_id in careers[:3]:  # warm-up
        weasyprint.HTML(string=pages[career_id]).write_pdf()
    times = []
    for _ in range(rounds):
        for career_id in careers:
            start = time.perf_counter()
            weasyprint.HTML(string=pages[career_id]).write_pdf()
            times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


if __name__ == "__main__":
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    main()
