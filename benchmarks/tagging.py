"""What tagging costs: the same brochures made with and without the structure-tree step, in
one run, interleaved (the machines are noisy). Prints the median time of each and the ratio,
and the files' sizes. Run: .venv/bin/python benchmarks/tagging.py

"Without" still writes the marked-content operators on the pages (they are part of drawing);
it leaves out the structure tree, the parent tree, the links' ties and the XMP, which pikepdf
writes after drawing. So the ratio is the tagging step's cost, not the operators'."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from brochure.model.brand import DEFAULT
from brochure.options import Options
from brochure.output.build import make_fitted
from brochure.project import Project
from brochure.render import draw as draw_module

ROOT = Path(__file__).resolve().parents[1]
CAREERS = ("medical-records-technician", "registered-nurse", "welder")
LAYOUTS = ("handout", "trifold", "flyer")
ROUNDS = 15


def main() -> None:
    project = Project(ROOT)
    tag = draw_module.tag
    untagged = lambda data, document, metadata, **options: data  # noqa: E731

    def make(career: str, layout: str, tagged: bool) -> tuple[float, int]:
        draw_module.tag = tag if tagged else untagged  # type: ignore[assignment]
        start = time.perf_counter()
        fitted = make_fitted(project, career, layout, DEFAULT, Options())
        size = len(draw_module.draw(fitted))
        return time.perf_counter() - start, size

    print(f"{'brochure':<38} {'untagged':>10} {'tagged':>10} {'time':>7} {'size':>7}")
    ratios, growth = [], []
    for layout in LAYOUTS:
        for career in CAREERS:
            make(career, layout, True)  # warm: fonts, templates, tables
            times: dict[bool, list[float]] = {False: [], True: []}
            sizes = {}
            for _ in range(ROUNDS):
                for tagged in (False, True):
                    seconds, sizes[tagged] = make(career, layout, tagged)
                    times[tagged].append(seconds)
            plain, full = statistics.median(times[False]), statistics.median(times[True])
            ratios.append(full / plain)
            growth.append(sizes[True] / sizes[False])
            print(f"{career + ' ' + layout:<38} {plain * 1000:>8.1f}ms {full * 1000:>8.1f}ms "
                  f"{full / plain - 1:>+6.1%} {sizes[True] / sizes[False] - 1:>+6.1%}")
    draw_module.tag = tag
    print(f"median cost of tagging: time {statistics.median(ratios) - 1:+.1%} "
          f"(target at most +15%), size {statistics.median(growth) - 1:+.1%} "
          "(target at most +10%)")


if __name__ == "__main__":
    main()
