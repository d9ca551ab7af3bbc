"""Benchmark: how fast a career fair builds, beside Typst and WeasyPrint making the same handout.

Run with `make bench` (or `.venv/bin/python benchmarks/bench.py` after `pip install -e '.[bench]'`).
Prints a Markdown table of medians and ratios measured side by side in this one run: our three
layouts, Typst compiling benchmarks/handout.typ and WeasyPrint rendering
benchmarks/handout.html.j2, each over every career, in the same rounds.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LAYOUTS = ("handout", "trifold", "flyer")
COLD = "medical-records-technician"  # the career of the cold builds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="repeats of each measurement")
    parser.add_argument("--careers", type=int, default=0, metavar="N",
                        help="only the first N careers, for a quick look (at least 12: Typst "
                             "keeps what it laid out for its last 10 documents)")
    args = parser.parse_args()
    if args.careers and args.careers < 12:
        parser.error("--careers: at least 12")

    from brochure.model.brand import DEFAULT
    from brochure.options import Options
    from brochure.output.build import Batch, build, default_jobs
    from brochure.project import Project

    project = Project(ROOT)
    careers = project.career_ids()[:args.careers or None]
    cores = default_jobs()
    rows: list[tuple[str, str]] = []
    print(f"{len(careers)} careers, {cores} cores, Python {sys.version.split()[0]}",
          file=sys.stderr)

    # Every layout and both peers are timed side by side: each round visits every career and
    # builds it with each of them in turn, so a busy moment on a shared machine falls on all
    # of them alike. Wall time is the headline; CPU time (all of the process's threads)
    # moves less when other work competes for the cores.
    typst = _typst_peers(project, careers)
    peers = [*(_Ours(project, layout) for layout in LAYOUTS), *typst[:1],
             *_weasyprint(project, careers)]
    for peer in peers:  # warm-up: fonts, templates, careers and caches loaded once
        for career in careers[:peer.warm_up]:
            peer.build(career)
    for peer in peers:
        rows.extend(peer.check(careers))
    for _ in range(args.rounds):
        for career in careers:
            for peer in peers:
                peer.time(career)
    # What fitting costs Typst, in a pass of its own: interleaved with the fitted handout,
    # each would reuse the other's layout of the same career from Typst's memo cache.
    for peer in typst[1:]:
        for career in careers:
            peer.build(career)
        for _ in range(args.rounds):
            for career in careers:
                peer.time(career)
    for peer in [*peers, *typst[1:]]:
        rows.append((f"{peer.label}: warm ms per brochure, wall / CPU (median)",
                     f"{peer.wall:.1f} / {peer.cpu:.1f}"))
        rows.append((f"{peer.label}: KB per PDF (median)", f"{peer.kb:.0f}"))
    warm = {peer.name: peer for peer in peers}
    ours = warm["handout"]
    for name, text in (("typst", "ours ÷ Typst"), ("weasyprint", "WeasyPrint ÷ ours")):
        if name not in warm:
            rows.append((f"ratio: {text}", "peer not installed: pip install -e '.[bench]'"))
            continue
        top, bottom = (ours, warm[name]) if name == "typst" else (warm[name], ours)
        rows.append((f"ratio: {text}, wall / CPU",
                     f"{top.wall / bottom.wall:.2f}x / {top.cpu / bottom.cpu:.2f}x"))

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

        # Cold: a new Python process makes one handout, ours and each peer's in turn.
        ours_cold = "ours: cold `brochure build` of one handout"
        peer_colds = [(f"{peer.label}: cold, one handout in a new Python process",
                       [sys.executable, "-c", peer.cold_script,
                        *peer.cold_arguments(COLD, Path(tmp))])
                      for peer in peers if peer.cold_script is not None]
        runs: dict[str, list[tuple[float, float]]] = {}
        for r in range(max(5, args.rounds)):
            build_one = [sys.executable, "-m", "brochure", "-C", str(ROOT), "build", COLD,
                         "--out", f"{tmp}/cold{r}", "--jobs", "1"]
            for name, command in [(ours_cold, build_one), *peer_colds]:
                runs.setdefault(name, []).append(_child(command))
        for name, measured in runs.items():
            rows.append((f"{name}: wall seconds (median) / peak MB",
                         f"{statistics.median(s for s, _ in measured):.2f} / "
                         f"{max(mb for _, mb in measured):.0f}"))

    print("| measurement | value |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")


class _Peer:
    """One way of making the handout, timed brochure by brochure."""

    name = label = ""
    cold_script: str | None = None  # Python run in a new process for the cold time
    warm_up: int | None = None  # how many careers to build before timing: all

    def __init__(self) -> None:
        self.walls: list[float] = []
        self.cpus: list[float] = []
        self.kbs: list[float] = []

    def build(self, career: str) -> bytes:
        raise NotImplementedError

    def before(self) -> None:
        """Undo what a real batch would not have cached (outside the timing)."""

    def check(self, careers: list[str]) -> list[tuple[str, str]]:
        """Rows that say whether the output is comparable (outside the timing)."""
        return []

    def time(self, career: str) -> None:
        self.before()
        wall, cpu = time.perf_counter(), time.process_time()
        pdf = self.build(career)
        self.cpus.append(time.process_time() - cpu)
        self.walls.append(time.perf_counter() - wall)
        self.kbs.append(len(pdf) / 1024)

    def cold_arguments(self, career: str, tmp: Path) -> list[str]:
        return []

    @property
    def wall(self) -> float:
        return statistics.median(self.walls) * 1000

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpus) * 1000

    @property
    def kb(self) -> float:
        return statistics.median(self.kbs)


class _Ours(_Peer):
    def __init__(self, project: Any, layout: str) -> None:
        super().__init__()
        from brochure.model.brand import DEFAULT
        from brochure.options import Options
        from brochure.output.build import make_pdf
        from brochure.render.pictures import qr_modules

        self.name, self.label = layout, f"ours, {layout}"
        self._make: Callable[[str], tuple[bytes, int]] = (
            lambda career: make_pdf(project, career, layout, DEFAULT, Options()))
        self._qr = qr_modules

    def before(self) -> None:
        # Each career's QR code is encoded once in a real batch: pay for it here too.
        self._qr.cache_clear()

    def build(self, career: str) -> bytes:
        return self._make(career)[0]


def _fonts() -> Path:
    import font_source_sans_pro

    return Path(font_source_sans_pro.__file__).parent / "files"


def _typst_data(project: Any, career_id: str) -> str:
    """The career record and its BLS figures as JSON, for handout.typ's `sys.inputs.data`:
    the same data our compose stage starts from, nothing formatted yet."""
    from brochure.figures.tables import Citation

    def plain(value: Any) -> Any:
        if isinstance(value, Citation):
            return {"text": str(value), "brief": value.brief, "short": value.short,
                    "period": value.period, "year": value.year}
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if isinstance(value, (list, tuple)):
            return [plain(v) for v in value]
        return value

    career = project.load_career(career_id)
    figures = project.tables.figures(career)
    return json.dumps({"career": career.model_dump(mode="json"),
                       "figures": {**plain(figures), "counts_differ": figures.counts_differ}})


class _Typst(_Peer):
    """benchmarks/handout.typ through the `typst` package: one compiler, fonts read once,
    the career's JSON passed per brochure. Untagged PDF, like ours (Typst tags by default)."""

    name, label = "typst", "Typst, same handout from handout.typ"
    cold_script: str | None = (
        "import sys, typst\n"
        "template, fonts, data, out = sys.argv[1:]\n"
        "typst.Compiler(template, font_paths=[fonts], ignore_system_fonts=True).compile(\n"
        "    output=out, sys_inputs={'data': open(data, encoding='utf-8').read()},\n"
        "    pdf_tags=False)\n")

    def __init__(self, compiler: Any, data: dict[str, str], fit: bool = True) -> None:
        super().__init__()
        self._compiler, self._data, self._fit = compiler, data, fit
        if not fit:
            self.name = "typst-no-fit"
            self.label = "Typst without shrinking to fit (a long frame runs over)"
            self.cold_script = None

    def build(self, career: str) -> bytes:
        inputs = {"data": self._data[career], "fit": "yes" if self._fit else "no"}
        pdf = self._compiler.compile(sys_inputs=inputs, pdf_tags=False)
        assert isinstance(pdf, bytes)
        return pdf

    def check(self, careers: list[str]) -> list[tuple[str, str]]:
        if not self._fit:
            return []
        over = []
        for career in careers:
            self.build(career)
            if json.loads(self._compiler.query("<overflow>", field="value", format="json")):
                over.append(career)
        return [("Typst handouts with a frame too long even at 9 pt (not comparable)",
                 f"{len(over)} of {len(careers)}" + (f": {', '.join(over)}" if over else ""))]

    def cold_arguments(self, career: str, tmp: Path) -> list[str]:
        data = tmp / f"{career}.json"
        data.write_text(self._data[career], encoding="utf-8")
        return [str(HERE / "handout.typ"), str(_fonts()), str(data), str(tmp / "typst.pdf")]


def _typst_peers(project: Any, careers: list[str]) -> list[_Peer]:
    try:
        import typst
    except ImportError:
        return []
    # All the faces of the font package, as a Typst user would point at them; the compiler
    # keeps them for every brochure, as ours registers its fonts once per process.
    compiler = typst.Compiler(HERE / "handout.typ", root=HERE, font_paths=[_fonts()],
                              ignore_system_fonts=True)
    data = {career: _typst_data(project, career) for career in {*careers, COLD}}
    return [_Typst(compiler, data), _Typst(compiler, data, fit=False)]


class _WeasyPrint(_Peer):
    """benchmarks/handout.html.j2, filled in beforehand, through WeasyPrint (Pango)."""

    name, label = "weasyprint", "WeasyPrint, same content from handout.html.j2"
    warm_up = 3  # its pages are filled in beforehand: nothing per career to load
    cold_script = ("import sys, weasyprint\n"
                   "weasyprint.HTML(filename=sys.argv[1]).write_pdf(sys.argv[2])\n")

    def __init__(self, pages: dict[str, str]) -> None:
        super().__init__()
        import weasyprint

        self._html, self._pages = weasyprint.HTML, pages

    def build(self, career: str) -> bytes:
        pdf = self._html(string=self._pages[career]).write_pdf()
        assert isinstance(pdf, bytes)
        return pdf

    def cold_arguments(self, career: str, tmp: Path) -> list[str]:
        page = tmp / f"{career}.html"
        page.write_text(self._pages[career], encoding="utf-8")
        return [str(page), str(tmp / "weasyprint.pdf")]


def _weasyprint(project: Any, careers: list[str]) -> list[_Peer]:
    try:
        import weasyprint  # noqa: F401
    except ImportError:
        return []
    import jinja2

    from brochure.format import money

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE)), autoescape=True)
    template = env.get_template("handout.html.j2")
    pages = {}
    for career_id in {*careers, COLD}:
        career = project.load_career(career_id)
        pages[career_id] = template.render(career=career, figures=project.tables.figures(career),
                                           money=money, fonts=_fonts().as_uri())
    return [_WeasyPrint(pages)]


# Runs a command and reports its wall seconds, peak memory in KB and exit code. A small
# process of its own starts it: Linux counts the memory of the process a child was forked
# from in the child's peak, and this benchmark's own process is large.
_MEASURE = """\
import os, subprocess, sys, time
start = time.perf_counter()
process = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(process.pid, 0)
print(time.perf_counter() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def _child(command: list[str]) -> tuple[float, float]:
    """Run a command: its wall seconds and its own peak memory in MB."""
    done = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True,
                          text=True, check=True)
    seconds, kb, code = done.stdout.split()
    if code != "0":
        raise SystemExit(f"{' '.join(command[:6])} failed:\n{done.stderr}")
    return float(seconds), int(kb) / 1024


if __name__ == "__main__":
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    main()
