"""Typeset a frame's blocks with reportlab, shrinking type to fit down to the body floor."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, TableStyle
from reportlab.platypus import Table as RLTable

from brochure import fonts
from brochure.charts import Ink, OutlookChart, PayRangeChart, TopStatesChart
from brochure.compose import Block, Chart, FramePlan, Table, Text
from brochure.errors import FitError
from brochure.layout import Layout

STEP = 0.25  # points of body size between fitting attempts
ALIGN = {"left": TA_LEFT, "centre": TA_CENTER, "right": TA_RIGHT}


@dataclass(frozen=True)
class Placed:
    """A wrapped flowable and the gap above it, ready to draw."""

    flowable: Flowable
    height: float
    gap: float


@dataclass(frozen=True)
class Typeset:
    """A frame's content at the size that fits."""

    placed: tuple[Placed, ...]
    height: float
    body_size: float


def typeset(frame: FramePlan, layout: Layout, career_id: str, page: int) -> Typeset:
    """Fit the frame at the largest body size that fits, or raise FitError at the floor."""
    spec = layout.spec
    body = spec.styles["body"].size
    floor = min(spec.body_floor, body)
    sizes = [body - STEP * i for i in range(round((body - floor) / STEP) + 1)]
    room = frame.height - 2 * frame.padding
    width = frame.width - 2 * frame.padding
    # Binary search: content height shrinks as type shrinks.
    lo, hi, best = 0, len(sizes) - 1, None
    while lo <= hi:
        mid = (lo + hi) // 2
        result = _measure(frame.blocks, layout, sizes[mid] / body, width)
        if result.height <= room + 0.01:
            best, hi = result, mid - 1
        else:
            lo = mid + 1
    if best is None:
        at_floor = _measure(frame.blocks, layout, sizes[-1] / body, width)
        over = at_floor.height - room
        raise FitError(
            f"{career_id}: layout '{layout.id}', page {page}, frame '{frame.name}' is "
            f"{over:.0f} pt ({over / 72:.2f} in) too long even with body text at "
            f"{sizes[-1]:g} pt; shorten the text of its sections")
    return best


def _measure(blocks: tuple[Block, ...], layout: Layout, scale: float, width: float) -> Typeset:
    placed: list[Placed] = []
    total, after = 0.0, 0.0
    for block in blocks:
        flow = _flowable(block, layout, scale, width)
        _, h = flow.wrap(width, 10_000)
        gap = max(after, flow.getSpaceBefore()) if placed else 0.0
        placed.append(Placed(flow, h, gap))
        total += gap + h
        after = flow.getSpaceAfter()
    return Typeset(tuple(placed), total, layout.spec.styles["body"].size * scale)


def _flowable(block: Block, layout: Layout, scale: float, width: float) -> Flowable:
    styles = paragraph_styles(layout, round(scale, 4))
    if isinstance(block, Text):
        style = styles[block.style]
        text = block.markup.upper() if layout.spec.styles[block.style].upper else block.markup
        if block.bullet:
            return Paragraph(text, style, bulletText=block.bullet)
        return Paragraph(text, style)
    if isinstance(block, Table):
        return _table(block, layout, styles, width)
    return _chart(block, layout, scale)


@cache
def paragraph_styles(layout: Layout, scale: float) -> dict[str, ParagraphStyle]:
    """The layout's named styles as reportlab styles at `scale` (made once per size)."""
    faces = fonts.register()
    floor = layout.spec.body_floor
    out = {}
    for name, s in layout.spec.styles.items():
        # Every style shrinks with the body, but none below the floor it started above.
        factor = max(scale, min(1.0, floor / s.size))
        out[name] = ParagraphStyle(
            name,
            fontName=faces[s.font],
            fontSize=s.size * factor,
            leading=s.leading * factor,
            textColor=colour(layout, s.colour),
            spaceBefore=s.space_before * scale,
            spaceAfter=s.space_after * scale,
            alignment=ALIGN[s.align],  # type: ignore[arg-type]  # stubs omit the TA_ ints
            leftIndent=s.indent * scale,
            bulletIndent=s.indent * scale * 0.25,
            bulletFontName=faces["bold"],
            bulletColor=colour(layout, "accent" if "accent" in layout.spec.colours else s.colour),
        )
    return out


def colour(layout: Layout, name: str) -> Color:
    return HexColor(layout.spec.colours[name])


def _table(block: Table, layout: Layout, styles: dict[str, ParagraphStyle],
           width: float) -> Flowable:
    cell = styles[block.style]
    head = styles.get(f"{block.style}-header", cell)
    rows = [[Paragraph(text, head if (block.header and r == 0) else cell) for text in row]
            for r, row in enumerate(block.rows)]
    total = sum(block.widths) or 1.0
    table = RLTable(rows, colWidths=[width * w / total for w in block.widths])
    rule = colour(layout, "rule") if "rule" in layout.spec.colours else cell.textColor
    commands: list[Any] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), cell.fontName),  # else reportlab sets Helvetica
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, rule),
    ]
    if block.header:
        commands.append(("LINEBELOW", (0, 0), (-1, 0), 1.0, head.textColor))
    table.setStyle(TableStyle(commands))
    table.spaceBefore, table.spaceAfter = cell.spaceBefore, cell.spaceAfter
    return table


def _chart(block: Chart, layout: Layout, scale: float) -> Flowable:
    spec, faces = layout.spec, fonts.register()
    small = spec.styles.get("chart", spec.styles["body"])

    def pick(name: str, fallback: str = "ink") -> Color:
        return colour(layout, name if name in spec.colours else fallback)

    ink = Ink(text=pick("ink"), muted=pick("muted"), strong=pick("primary"),
              light=pick("tint"), rule=pick("rule"), font=faces["regular"],
              bold=faces["bold"], size=small.size * scale)
    height = block.height * scale
    figures = block.figures
    chart: Flowable
    if block.kind == "pay-range":
        chart = PayRangeChart(figures.pay, height, ink)
    elif block.kind == "top-states":
        chart = TopStatesChart(figures.top_states, height, ink)
    else:
        chart = OutlookChart(figures.outlook, height, ink)
    chart.spaceBefore, chart.spaceAfter = small.space_before * scale, small.space_after * scale
    return chart
