"""Benchmark: how fast a career fair builds, beside Typst and WeasyPrint making the same handout.

Run with `make bench` (or `.venv/bin/python benchmarks/bench.py` after `pip install -e '.[bench]'`).
Prints Markdown tables of medians and ratios measured side by side in this one run: our three
layouts, Typst compiling benchmarks/handout.typ and WeasyPrint rendering
benchmarks/handout.html.j2, each over every career, in the same rounds; then batches on one
process and on two, cold commands in new processes, and each target of issue 11 as met or
missed by how much.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LAYOUTS = ("handout", "trifold", "flyer")
COLD = "medical-records-technician"  # the career of the cold builds
FAIR = 30  # careers at a fair: the batch on one process and on two, and the check
HANDOUTS = 300  # the big batch: 100 careers' handouts on Letter, on A4 and for Texas


@dataclasses.dataclass(frozen=True)
class Target:
    """One target of issue 11: a measured value against the bound it should stay within."""

    name: str
    value: float
    bound: float
    unit: str
    most: bool = True
    """True when the value should be at most the bound (a time); False for at least (a rate)."""

    def verdict(self) -> str:
        met = self.value <= self.bound if self.most else self.value >= self.bound
        if met:
            return "met"
        gap = abs(self.value - self.bound)
        return f"missed by {gap:.2f}{self.unit} ({gap / self.bound:.0%})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="repeats of each measurement")
    parser.add_argument("--careers", type=int, default=0, metavar="N",
                        help="only the first N careers, for a quick look (at least 12: Typst "
                             "keeps what it laid out for its last 10 documents)")
    args = parser.parse_args()
    if args.careers and args.careers < 12:
        parser.error("--careers: at least 12")

    from brochure.output.build import default_jobs
    from brochure.project import Project

    project = Project(ROOT)
    careers = project.career_ids()[:args.careers or None]
    cores = default_jobs()
    print(f"{len(careers)} careers, {cores} cores, Python {sys.version.split()[0]}, "
          f"load average {os.getloadavg()[0]:.1f} at the start", file=sys.stderr)

    rows, warm = _warm(project, careers, args.rounds)
    batch_rows, rates = _batches(project, careers, args.rounds)
    cold_rows, cold = _cold(project, careers, warm, args.rounds)
    print("| measurement | value |\n|---|---|")
    for name, value in [*rows, *batch_rows, *cold_rows]:
        print(f"| {name} | {value} |")
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end", file=sys.stderr)

    handout = warm["handout"]
    targets = [
        Target("warm handout ÷ Typst (ratio)", handout.wall / warm["typst"].wall, 1.0, "x")
        if "typst" in warm else None,
        *(Target(f"warm {layout} ÷ warm handout (ratio)", warm[layout].wall / handout.wall,
                 1.2, "x") for layout in ("trifold", "flyer")),
        Target(f"{len(careers[:FAIR])} brochures: 2 processes ÷ 1 process (rate ratio)",
               rates["fair 2"] / rates["fair 1"], 1.7, "x", most=False),
        Target(f"{rates['handouts']:.0f} handouts on 2 processes: per second",
               rates["handouts 2"], 120, "/s", most=False),
        Target("cold `brochure build` of one career: seconds", cold["build"], 0.3, " s"),
        Target(f"`brochure check` of {len(careers[:FAIR])} careers × 3 layouts × 2 papers: "
               "seconds",
               cold["check"], 3.0, " s"),
        Target("KB per PDF, largest median of the three layouts",
               max(warm[layout].kb for layout in LAYOUTS), 60, " KB"),
    ]
    print("\n| target (issue 11) | measured | bound | verdict |\n|---|---|---|---|")
    for target in filter(None, targets):
        bound = f"{'≤' if target.most else '≥'} {target.bound:g}{target.unit}"
        print(f"| {target.name} | {target.value:.2f}{target.unit} | {bound} | "
              f"{target.verdict()} |")


def _warm(project: Any, careers: list[str], rounds: int) -> tuple[list[tuple[str, str]],
                                                                   dict[str, _Peer]]:
    """Every layout and both peers, brochure by brochure, with everything loaded."""
    # Each round visits every career and builds it with each of them in turn, so a busy
    # moment on a shared machine falls on all of them alike. Wall time is the headline; CPU
    # time (all of the process's threads) moves less when other work competes for the cores.
    rows: list[tuple[str, str]] = []
    typst = _typst_peers(project, careers)
    peers = [*(_Ours(project, layout) for layout in LAYOUTS), *typst[:1],
             *_weasyprint(project, careers)]
    for peer in peers:  # warm-up: fonts, templates, careers and caches loaded once
        for career in careers[:peer.warm_up]:
            peer.build(career)
    for peer in peers:
        rows.extend(peer.check(careers))
    for _ in range(rounds):
        for career in careers:
            for peer in peers:
                peer.time(career)
    # What fitting costs Typst, in a pass of its own: interleaved with the fitted handout,
    # each would reuse the other's layout of the same career from Typst's memo cache.
    for peer in typst[1:]:
        for career in careers:
            peer.build(career)
        for _ in range(rounds):
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
        rows.append((f"ratio: {text}, warm, wall / CPU",
                     f"{top.wall / bottom.wall:.2f}x / {top.cpu / bottom.cpu:.2f}x"))
    return rows, warm


def _batches(project: Any, careers: list[str], rounds: int) -> tuple[list[tuple[str, str]],
                                                                      dict[str, float]]:
    """Batches as `brochure build` runs them, in this process: a fair's worth on one process
    and on two, and the big batch on two."""
    from brochure.model.brand import DEFAULT
    from brochure.options import Options
    from brochure.output.build import Batch, build
    from brochure.render.pictures import qr_modules

    fair = careers[:FAIR]
    many = careers[:HANDOUTS // 3]
    # The big batch: each career's handout on Letter, on A4, and with Texas pay beside.
    handouts = [Options(), Options(paper="a4"), Options(state="TX")]
    rates: dict[str, list[float]] = {}
    cpus: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        def run(name: str, jobs: int, ids: list[str], options: list[Options]) -> None:
            out = Path(tmp) / f"{name}-{len(rates.get(name, []))}"
            done, start, cpu = 0, time.perf_counter(), _cpu_seconds()
            for option in options:
                qr_modules.cache_clear()  # each batch encodes its QR codes, as a new one does
                batch = Batch(project, "handout", DEFAULT, option, out, force=True)
                outcomes = build(batch, ids, jobs=jobs)
                assert all(o.status == "built" for o in outcomes), outcomes
                done += len(outcomes)
            rates.setdefault(name, []).append(done / (time.perf_counter() - start))
            cpus.setdefault(name, []).append((_cpu_seconds() - cpu) / done * 1000)

        def control(jobs: int) -> None:
            start = time.perf_counter()
            if jobs == 1:
                for task in range(FAIR):
                    _spin(task)
            else:
                with ProcessPoolExecutor(jobs, mp_context=get_context("fork")) as pool:
                    list(pool.map(_spin, range(FAIR)))
            rates.setdefault(f"control {jobs}", []).append(FAIR / (time.perf_counter() - start))

        for _ in range(rounds):  # interleaved, so that a busy moment falls on each alike
            control(1)
            run("fair 1", 1, fair, [Options()])
            control(2)
            run("fair 2", 2, fair, [Options()])
            run("handouts 2", 2, many, handouts)
    rate = {name: statistics.median(measured) for name, measured in rates.items()}
    rows = [
        (f"{len(fair)} handouts, 1 process: brochures per second (median)",
         f"{rate['fair 1']:.1f}"),
        (f"{len(fair)} handouts, 2 processes: brochures per second (median)",
         f"{rate['fair 2']:.1f} ({rate['fair 2'] / rate['fair 1']:.2f}x one process)"),
        ("control: what a second process gained for plain Python arithmetic in the same "
         "rounds (2 cores free: about 2x)",
         f"{rate['control 2'] / rate['control 1']:.2f}x"),
        (f"{len(fair)} handouts' gain from a second process ÷ the control's (1.0: the batch "
         "uses the second core as fully as plain arithmetic can)",
         f"{rate['fair 2'] / rate['fair 1'] / (rate['control 2'] / rate['control 1']):.2f}"),
        (f"{len(fair)} handouts: CPU ms per brochure, all processes, on 1 / on 2 (median; "
         "what the second process costs in work, whatever the load)",
         f"{statistics.median(cpus['fair 1']):.1f} / {statistics.median(cpus['fair 2']):.1f}"),
        (f"{len(many) * 3} handouts ({len(many)} careers on Letter, A4 and with Texas pay), "
         "2 processes: per second (median)", f"{rate['handouts 2']:.1f}"),
    ]
    rate["handouts"] = len(many) * 3
    return rows, rate


def _cold(project: Any, careers: list[str], warm: dict[str, _Peer],
          rounds: int) -> tuple[list[tuple[str, str]], dict[str, float]]:
    """Commands in new Python processes: ours and each peer's one handout, and the check."""
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        fair = Path(tmp) / "fair"  # a project of its own: the first careers, standard layouts
        (fair / "data" / "careers").mkdir(parents=True)
        for career in careers[:FAIR]:
            shutil.copy(project.career_path(career), fair / "data" / "careers")
        ours_cold = "ours: cold `brochure build` of one handout"
        check = (f"ours: cold `brochure check` of {len(careers[:FAIR])} careers × 3 layouts × "
                 "2 papers")
        peer_colds = [(f"{peer.label}: cold, one handout in a new Python process",
                       [sys.executable, "-c", peer.cold_script,
                        *peer.cold_arguments(COLD, Path(tmp))])
                      for peer in warm.values() if peer.cold_script is not None]
        runs: dict[str, list[_Run]] = {}
        # Round 0 is not counted: it leaves on disk what any installed program has there
        # (Python's compiled modules, our index of the BLS tables), nothing in memory.
        for r in range(max(5, rounds) + 1):
            build_one = [sys.executable, "-m", "brochure", "-C", str(ROOT), "build", COLD,
                         "--out", f"{tmp}/cold{r}", "--jobs", "1"]
            for name, command in [(ours_cold, build_one), *peer_colds]:
                measured = _child(command)
                if r:
                    runs.setdefault(name, []).append(measured)
        for _ in range(rounds):
            command = [sys.executable, "-m", "brochure", "-C", str(fair), "check", "--quiet"]
            runs.setdefault(check, []).append(_child(command))
    medians = {name: statistics.median(run.wall for run in measured)
               for name, measured in runs.items()}
    for name, measured in runs.items():
        # CPU: the command's process and every process it started (a check's workers).
        rows.append((f"{name}: wall / CPU seconds (median), peak MB",
                     f"{medians[name]:.2f} / "
                     f"{statistics.median(run.cpu for run in measured):.2f}, "
                     f"{max(run.mb for run in measured):.0f}"))
    ours = medians[ours_cold]
    for peer in warm.values():
        name = f"{peer.label}: cold, one handout in a new Python process"
        if name in medians:
            top, bottom = (ours, medians[name]) if peer.name == "typst" else \
                (medians[name], ours)
            text = "ours ÷ Typst" if peer.name == "typst" else "WeasyPrint ÷ ours"
            rows.append((f"ratio: {text}, cold", f"{top / bottom:.2f}x"))
    return rows, {"build": ours, "check": medians[check]}


def _cpu_seconds() -> float:
    """CPU time of this process and of the workers it has waited for."""
    import resource

    own, workers = (resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                        resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def _spin(_: int) -> int:
    """A fixed piece of plain Python work (about 15 ms): the control for what a second
    process can gain on this machine at this moment, whatever else is running on it."""
    total = 0
    for i in range(400_000):
        total += i
    return total


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
print(time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss,
      os.waitstatus_to_exitcode(status))
"""


@dataclasses.dataclass(frozen=True)
class _Run:
    """One command in a new process: wall and CPU seconds, peak memory in MB."""

    wall: float
    cpu: float
    mb: float


def _child(command: list[str]) -> _Run:
    """Run a command, measured."""
    done = subprocess.run([sys.executable, "-c", _MEASURE, *command], capture_output=True,
                          text=True, check=True)
    seconds, cpu, kb, code = done.stdout.split()
    if code != "0":
        raise SystemExit(f"{' '.join(command[:6])} failed:\n{done.stderr}")
    return _Run(float(seconds), float(cpu), int(kb) / 1024)


if __name__ == "__main__":
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # cold starts as an installed program's
    main()
