"""Balance: a layout's balanced frames read as one column, broken where the frames on one page
end nearest one another (a tri-fold's inside panels end level): before a heading, or between
paragraphs of one kind, such as list items, with at least two of them on each side, and
at a subheading only when a section's heading leaves the ends too far apart. What
unevenness is left is taken up, once fitted, by a little more space above the headings of the
frames that end higher (vertical justification: at most LOOSEN points above a heading,
half above a subheading)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import accumulate, combinations
from typing import TYPE_CHECKING

from brochure.compose.plan import Block, FramePlan, PagePlan, Text

if TYPE_CHECKING:
    from brochure.render.fit import FittedFrame, FittedPage

Measure = Callable[[FramePlan], Sequence[tuple[float, float]]]
"""Each block of a frame set at full size: its height and the gap above it (points)."""
RUN_BREAK = 18.0
"""What a break between two list items (or two paragraphs of one kind) costs, in points of
unevenness: a frame starts at a heading unless that leaves the ends a quarter inch further
apart."""
HEADINGS = ("H1", "H2", "H3")
LOOSEN = 30.0
"""The most space added above one heading to bring a frame's end level with the others'."""


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
    loose = [0.0, *accumulate(LOOSEN * _loosens(blocks, i) for i in range(len(blocks)))]
    # Every block set once in each width of frame (a tri-fold's panels differ by a few points,
    # enough to change where lines break).
    widths = [frame.box.width - 2 * frame.inset for frame in group]
    sets: dict[float, tuple[list[float], list[float]]] = {}
    for frame, width in zip(group, widths, strict=True):
        if width not in sets:
            sized = measure(replace(frame, blocks=blocks))
            sets[width] = ([gap for _, gap in sized],
                           [0.0, *accumulate(gap + height for height, gap in sized)])

    def height(k: int, first: int, stop: int) -> float:
        """Frame k's content holding blocks[first:stop] (no gap above its first block)."""
        gaps, sums = sets[widths[k]]
        return sums[stop] - sums[first] - gaps[first]

    # A frame on a later page (a tri-fold's flap, read after the inside) may give sections
    # back to the page before, but takes none of those the layout put there, and starts at a
    # heading: nothing runs on over the sheet's edge.
    given = list(accumulate(len(frame.blocks) for frame in group))
    turns = [page_of[k + 1] != page_of[k] for k in range(len(group) - 1)]
    best: tuple[tuple[int, float], tuple[int, ...]] | None = None
    for cut in combinations(sorted(cost), len(group) - 1):
        if any(turn and (at < given[k] or not _heading(blocks[at]))
               for k, (at, turn) in enumerate(zip(cut, turns, strict=True))):
            continue
        bounds = (0, *cut, len(blocks))
        heights = [height(k, bounds[k], bounds[k + 1]) for k in range(len(group))]
        over = max((h - room) / room for h, room in zip(heights, rooms, strict=True))
        # First whatever fits at full size, then the most level ends on each page; when
        # nothing fits, the cut that needs the least shrinking.
        if over <= 0:
            ends = [top + h for top, h in zip(tops, heights, strict=True)]
            # How far the frames' ends stay apart, once loosened.
            slack = [loose[bounds[k + 1]] - loose[bounds[k] + 1] for k in range(len(group))]
            uneven = _uneven(ends, slack, page_of)
            score = (0, max(uneven, 0.0) + sum(cost[i] for i in cut))
        else:
            score = (1, over)
        if best is None or score < best[0]:
            best = (score, bounds)
    if best is None:
        return pages
    bounds = best[1]
    shared = {frame.name: _holding(frame, blocks[bounds[k]:bounds[k + 1]])
              for k, frame in enumerate(group)}
    return tuple(replace(page, frames=tuple(shared.get(frame.name, frame)
                                            for frame in page.frames)) for page in pages)


def level(pages: tuple[FittedPage, ...], names: Sequence[str]) -> tuple[FittedPage, ...]:
    """The fitted pages with each balanced frame that ends higher than the lowest on its page
    (or, alone on its page, than the lowest of all, as a tri-fold's flap beside the inside)
    loosened: up to LOOSEN more points above each of its headings (half as much above a
    subheading)."""
    def end(fitted: FittedFrame) -> float:
        return fitted.frame.box.y + fitted.frame.padding + fitted.height

    balanced = [[f for f in page.frames if f.frame.name in names] for page in pages]
    everywhere = [f for frames in balanced for f in frames]
    if len(everywhere) < 2:
        return pages

    def loosened(fitted: FittedFrame, lowest: float) -> FittedFrame:
        frame = fitted.frame
        blocks = [item.block for item in fitted.placed]
        weights = [_loosens(blocks, i) if i else 0.0 for i in range(len(blocks))]
        short = min(lowest - frame.box.y - frame.padding,
                    frame.box.height - 2 * frame.padding) - fitted.height
        if not any(weights) or short <= 0.01:
            return fitted
        more = min(LOOSEN, short / sum(weights))
        placed = tuple(replace(item, gap=item.gap + more * weight) if weight else item
                       for item, weight in zip(fitted.placed, weights, strict=True))
        return replace(fitted, placed=placed, height=fitted.height + more * sum(weights))

    out = []
    for page, frames in zip(pages, balanced, strict=True):
        lowest = max(map(end, frames if len(frames) > 1 else everywhere), default=0.0)
        out.append(replace(page, frames=tuple(loosened(f, lowest) if f in frames else f
                                              for f in page.frames)))
    return tuple(out)


def _uneven(ends: Sequence[float], slack: Sequence[float], page_of: Sequence[int]) -> float:
    """How far frames end above the lowest on their page once loosened, most of all; and half
    as much how far above the lowest of all, so that a frame alone on its page (a flap) is
    neither emptied nor crammed."""
    def short(k: int, among: Sequence[int]) -> float:
        return max(0.0, max(ends[j] for j in among) - ends[k] - slack[k])

    every = range(len(ends))
    return (max(short(k, [j for j in every if page_of[j] == page_of[k]]) for k in every)
            + 0.5 * max(short(k, every) for k in every))


def _heading(block: Block) -> bool:
    return isinstance(block, Text) and block.tag in HEADINGS


def _loosens(blocks: Sequence[Block], i: int) -> float:
    """How much the space above blocks[i] may grow, as a share of LOOSEN: all of it above a
    heading, half above a subheading, none at a frame's top, straight after another heading
    or above anything else."""
    block = blocks[i]
    before = blocks[i - 1] if i > 0 else None
    if not _heading(block) or before is None or _heading(before):
        return 0.0
    return 0.5 if isinstance(block, Text) and block.tag == "H3" else 1.0


def _break_cost(blocks: Sequence[Block], i: int) -> float | None:
    """What starting a frame at blocks[i] costs: nothing at a heading; one and a half
    RUN_BREAKs at a subheading, which opens a panel with the end of the section before, so
    a frame starts at a section's heading unless that leaves the ends over a third of an
    inch further apart; never between a heading and a subheading; RUN_BREAK between
    paragraphs of one kind in one section, two on each side; None where a frame may not
    start."""
    block, before = blocks[i], blocks[i - 1]
    if isinstance(block, Text) and block.tag in HEADINGS:
        if isinstance(before, Text) and before.tag in HEADINGS:
            return None
        return RUN_BREAK * 1.5 if block.tag == "H3" else 0.0

    def alike(j: int) -> bool:
        other = blocks[j] if 0 <= j < len(blocks) else None
        return (isinstance(block, Text) and isinstance(other, Text) and other.tag == "P"
                and other.role == block.role and other.section == block.section)

    return RUN_BREAK if all(alike(j) for j in (i - 2, i - 1, i, i + 1)) else None


def _holding(frame: FramePlan, blocks: tuple[Block, ...]) -> FramePlan:
    """The frame with these blocks, and the sections they come from (named when too long)."""
    return replace(frame, blocks=blocks,
                   sections=tuple(dict.fromkeys(block.section for block in blocks)))
