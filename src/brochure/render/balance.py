"""Balance: a layout's balanced frames read as one column, broken where the frames on one page
end nearest one another (a tri-fold's inside panels end level): before a heading, or between
paragraphs of one kind, such as list items, with at least two of them on each side."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import accumulate, combinations

from brochure.compose.plan import Block, FramePlan, PagePlan, Text

Measure = Callable[[FramePlan], Sequence[tuple[float, float]]]
"""Each block of a frame set at full size: its height and the gap above it (points)."""
RUN_BREAK = 18.0
"""What a break between two list items (or two paragraphs of one kind) costs, in points of
unevenness: a frame starts at a heading unless that leaves the ends a quarter inch further
apart."""
HEADINGS = ("H1", "H2", "H3")


def balance(pages: tuple[PagePlan, ...], names: Sequence[str],
            measure: Measure) -> tuple[PagePlan, ...]:
    """The pages with the named frames' blocks shared out again, in the same order."""
    where = {frame.name: (p, frame) for p, page in enumerate(pages) for frame in page.frames}
    group = [where[name][1] for name in names if name in where]
    page_of = [where[frame.name][0] for frame in group]
    blocks = tuple(block for frame in group for block in frame.blocks)
    cost = {i: c for i in range(1, len(blocks)) if (c := _break_cost(blocks, i)) is not None}
    if len(group) < 2 or len(cost) < len(group) - 1:
        return pages
    tops = [frame.box.y + frame.padding for frame in group]
    rooms = [frame.box.height - 2 * frame.padding for frame in group]
    gaps, sums = [], []
    for frame in group:
        sized = measure(replace(frame, blocks=blocks))
        gaps.append([gap for _, gap in sized])
        sums.append([0.0, *accumulate(gap + height for height, gap in sized)])

    def height(k: int, first: int, stop: int) -> float:
        """Frame k's content holding blocks[first:stop] (no gap above its first block)."""
        return sums[k][stop] - sums[k][first] - gaps[k][first]

    best: tuple[tuple[int, float], tuple[int, ...]] | None = None
    for cut in combinations(sorted(cost), len(group) - 1):
        bounds = (0, *cut, len(blocks))
        heights = [height(k, bounds[k], bounds[k + 1]) for k in range(len(group))]
        over = max((h - room) / room for h, room in zip(heights, rooms, strict=True))
        # First whatever fits at full size, then the most level ends on each page; when
        # nothing fits, the cut that needs the least shrinking.
        if over <= 0:
            ends = [top + h for top, h in zip(tops, heights, strict=True)]
            uneven = max(_spread([e for e, p in zip(ends, page_of, strict=True) if p == page])
                         for page in set(page_of))
            score = (0, uneven + sum(cost[i] for i in cut))
        else:
            score = (1, over)
        if best is None or score < best[0]:
            best = (score, bounds)
    assert best is not None
    bounds = best[1]
    shared = {frame.name: _holding(frame, blocks[bounds[k]:bounds[k + 1]])
              for k, frame in enumerate(group)}
    return tuple(replace(page, frames=tuple(shared.get(frame.name, frame)
                                            for frame in page.frames)) for page in pages)


def _spread(ends: list[float]) -> float:
    return max(ends) - min(ends)


def _break_cost(blocks: Sequence[Block], i: int) -> float | None:
    """What starting a frame at blocks[i] costs: nothing at a heading (but not between a
    heading and its subheading); RUN_BREAK between paragraphs of one kind in one section, two
    on each side; None where a frame may not start."""
    block, before = blocks[i], blocks[i - 1]
    if isinstance(block, Text) and block.tag in HEADINGS:
        return None if isinstance(before, Text) and before.tag in HEADINGS else 0.0

    def alike(j: int) -> bool:
        other = blocks[j] if 0 <= j < len(blocks) else None
        return (isinstance(block, Text) and isinstance(other, Text) and other.tag == "P"
                and other.role == block.role and other.section == block.section)

    return RUN_BREAK if all(alike(j) for j in (i - 2, i - 1, i, i + 1)) else None


def _holding(frame: FramePlan, blocks: tuple[Block, ...]) -> FramePlan:
    """The frame with these blocks, and the sections they come from (named when too long)."""
    return replace(frame, blocks=blocks,
                   sections=tuple(dict.fromkeys(block.section for block in blocks)))
