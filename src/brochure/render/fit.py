"""Typeset a frame's blocks with reportlab, shrinking type to fit down to the body floor."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, TableStyle
from reportlab.platypus import Table as RLTable

from brochure.compose.plan import Block, Chart, FramePlan, Picture, Plan, Table, Text
from brochure.errors import FitError
from brochure.model.layout import Layout
from brochure.render import fonts
from brochure.render.charts import Ink, OutlookChart, PayRangeChart, TopStatesChart
from brochure.render.pictures import Logo, QRCode

STEP = 0.25  # points of body size between fitting attempts
ALIGN = {"left": TA_LEFT, "centre": TA_CENTER, "right": TA_RIGHT}
Palette = tuple[tuple[str, str], ...]


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


def typeset(frame: FramePlan, plan: Plan, page: int) -> Typeset:
    """Fit the frame at the largest body size that fits, or raise FitError at the floor."""
    layout = plan.layout
    palette: Palette = tuple(sorted(plan.palette.items()))
    body = layout.styles["body"].size
    floor = min(layout.spec.body_floor, body)
    sizes = [body - STEP * i for i in range(round((body - floor) / STEP) + 1)]
    room = frame.box.height - 2 * frame.padding
    width = frame.box.width - 2 * frame.padding
    def at(index: int) -> Typeset:
        return _measure(frame.blocks, layout, palette, sizes[index] / body, width)

    # Most frames fit at full size: one measurement decides.
    full = at(0)
    if full.height <= room + 0.01:
        return full
    # Otherwise start where the height says (it grows about with the square of the type
    # size), then step to the largest size that fits: usually one or two more measurements.
    guess = body * (room / full.height) ** 0.5
    index = min(len(sizes) - 1, max(1, next(
        (i for i, size in enumerate(sizes) if size <= guess + 1e-9), len(sizes) - 1)))
    result = at(index)
    best: Typeset | None = None
    if result.height <= room + 0.01:
        best = result
        while index > 1:
            larger = at(index - 1)
            if larger.height > room + 0.01:
                break
            best, index = larger, index - 1
    else:
        while index < len(sizes) - 1:
            index += 1
            result = at(index)
            if result.height <= room + 0.01:
                best = result
                break
    if best is None:
        over = result.height - room
        raise FitError(plan.career_id, layout.id, plan.paper, page, frame.name,
                       frame.sections, over, sizes[-1])
    return best


def _measure(blocks: tuple[Block, ...], layout: Layout, palette: Palette, scale: float,
             width: float) -> Typeset:
    placed: list[Placed] = []
    total, after = 0.0, 0.0
    for block in blocks:
        flow = _flowable(block, layout, palette, scale, width)
        _, h = flow.wrap(width, 10_000)
        gap = max(after, flow.getSpaceBefore()) if placed else 0.0
        placed.append(Placed(flow, h, gap))
        total += gap + h
        after = flow.getSpaceAfter()
    return Typeset(tuple(placed), total, layout.styles["body"].size * scale)


def _flowable(block: Block, layout: Layout, palette: Palette, scale: float,
              width: float) -> Flowable:
    styles = paragraph_styles(layout, palette, round(scale, 4))
    if isinstance(block, Text):
        style = styles[block.style]
        text = block.markup.upper() if layout.styles[block.style].upper else block.markup
        if block.bullet:
            return Paragraph(text, style, bulletText=block.bullet)
        return Paragraph(text, style)
    if isinstance(block, Table):
        return _table(block, styles, dict(palette), width)
    if isinstance(block, Picture):
        colours = dict(palette)
        if block.kind == "qr":
            return QRCode(block.target, block.height, block.align, HexColor(colours["ink"]),
                          HexColor(colours["paper"]))
        return Logo(block.data, block.height, block.align, grey=_is_grey(colours))
    return _chart(block, layout, dict(palette), scale)


def _is_grey(colours: dict[str, str]) -> bool:
    return all(v[1:3] == v[3:5] == v[5:7] for v in colours.values())


@lru_cache(maxsize=32)  # bounded: each project read makes new layouts
def paragraph_styles(layout: Layout, palette: Palette, scale: float) -> dict[str, ParagraphStyle]:
    """The layout's named styles as reportlab styles at `scale` (made once per size)."""
    faces = fonts.register()
    colours = dict(palette)
    floor = layout.spec.body_floor
    bullet = HexColor(colours["accent" if "accent" in colours else "ink"])
    out = {}
    for name, s in layout.styles.items():
        # Every style shrinks with the body, but none below the floor it started above.
        factor = max(scale, min(1.0, floor / s.size))
        out[name] = ParagraphStyle(
            name,
            fontName=faces[s.font],
            fontSize=s.size * factor,
            leading=s.leading * factor,
            textColor=HexColor(colours[s.colour]),
            spaceBefore=s.space_before * scale,
            spaceAfter=s.space_after * scale,
            alignment=ALIGN[s.align],  # type: ignore[arg-type]  # stubs omit the TA_ ints
            leftIndent=s.indent * scale,
            bulletIndent=s.indent * scale * 0.25,
            bulletFontName=faces["bold"],
            bulletColor=bullet,
        )
    return out


def _table(block: Table, styles: dict[str, ParagraphStyle], colours: dict[str, str],
           width: float) -> Flowable:
    cell = styles[block.style]
    head = styles.get(f"{block.style}-header", cell)
    rows = [[Paragraph(text, head if (block.header and r == 0) else cell) for text in row]
            for r, row in enumerate(block.rows)]
    total = sum(block.widths) or 1.0
    table = RLTable(rows, colWidths=[width * w / total for w in block.widths])
    rule = HexColor(colours["rule"]) if "rule" in colours else cell.textColor
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


def _chart(block: Chart, layout: Layout, colours: dict[str, str], scale: float) -> Flowable:
    faces = fonts.register()
    small = layout.styles.get("chart", layout.styles["body"])

    def pick(name: str, fallback: str = "ink") -> Color:
        return HexColor(colours[name if name in colours else fallback])

    ink = Ink(text=pick("ink"), muted=pick("muted"), strong=pick("primary"),
              light=pick("tint"), rule=pick("rule"), paper=pick("paper"),
              font=faces["regular"], bold=faces["bold"],
              size=max(small.size * scale, min(small.size, layout.spec.body_floor)))
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
