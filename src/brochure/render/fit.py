"""Fit: decide every frame's type size and every line, shrinking type down to the body floor.

Fit sets each block once, with reportlab's line breaker (the one that will draw it), and
hands draw a Fitted brochure whose blocks need no more measuring. `brochure check` stops
here: whether a brochure fits is known without making a PDF."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, TableStyle
from reportlab.platypus import Table as RLTable
from reportlab.platypus.paraparser import ParaFrag

from brochure.compose.plan import (
    Block,
    Chart,
    Facts,
    Fitting,
    FramePlan,
    PagePlan,
    Picture,
    Plan,
    Run,
    Table,
    Text,
    TextStyle,
)
from brochure.errors import FitError
from brochure.render import fonts
from brochure.render.charts import ChartFlowable, Ink
from brochure.render.pictures import FactsGrid, Icon, Logo, QRCode
from brochure.render.press import Press, colour

ALIGN = {"left": TA_LEFT, "centre": TA_CENTER, "right": TA_RIGHT}
# White space as reportlab's paragraph cleaner sees it: all of Python's but the no-break space.
_SPACES = re.compile("[\t\n\x0b\x0c\r \x1c-\x1f\x85\u1680\u2000-\u200a"
                     "\u2028\u2029\u202f\u205f\u3000]+")
ROOM = 0.01  # points a frame may be over and still fit (rounding)


@dataclass(frozen=True)
class Placed:
    """A block set in its lines, and the gap above it, ready to draw."""

    block: Block
    flowable: Flowable
    height: float
    gap: float


@dataclass(frozen=True)
class FittedFrame:
    """A frame's content at the size that fits."""

    frame: FramePlan
    placed: tuple[Placed, ...]
    height: float
    body_size: float


@dataclass(frozen=True)
class FittedPage:
    page: PagePlan
    frames: tuple[FittedFrame, ...]


@dataclass(frozen=True)
class Fitted:
    """A brochure whose every frame fits: what draw puts on paper."""

    plan: Plan
    pages: tuple[FittedPage, ...]
    press: Press | None = None
    """How colours become ink in a print-shop file; None for an office file."""


def fit(plan: Plan) -> Fitted:
    """Every frame of `plan` at the largest body size that fits; FitError names the first
    frame that does not fit even at the floor."""
    fonts.register()
    press = press_for(plan)
    return Fitted(plan, tuple(
        FittedPage(page, tuple(fit_frame(frame, plan, number, press) for frame in page.frames))
        for number, page in enumerate(plan.pages, start=1)), press)


def press_for(plan: Plan) -> Press | None:
    """How a print-shop file's colours become ink; None for an office file (RGB)."""
    return Press(plan.inks) if plan.bleed else None


def fit_frame(frame: FramePlan, plan: Plan, page: int,
              press: Press | None = None) -> FittedFrame:
    """The frame at the largest body size that fits, or FitError at the floor."""
    rules = plan.fitting
    sizes = [rules.body - rules.step * i
             for i in range(round((rules.body - rules.floor) / rules.step) + 1)]
    room = frame.box.height - 2 * frame.padding
    width = frame.box.width - 2 * frame.inset

    def at(index: int) -> FittedFrame:
        return _set(frame, rules, sizes[index] / rules.body, width, press)

    # Most frames fit at full size: one setting decides.
    full = at(0)
    if full.height <= room + ROOM:
        return full
    # Otherwise start where the height says (it grows about with the square of the type
    # size), then step to the largest size that fits: usually one or two more settings.
    guess = rules.body * (room / full.height) ** 0.5
    index = min(len(sizes) - 1, max(1, next(
        (i for i, size in enumerate(sizes) if size <= guess + 1e-9), len(sizes) - 1)))
    result = at(index)
    best: FittedFrame | None = None
    if result.height <= room + ROOM:
        best = result
        while index > 1:
            larger = at(index - 1)
            if larger.height > room + ROOM:
                break
            best, index = larger, index - 1
    else:
        while index < len(sizes) - 1:
            index += 1
            result = at(index)
            if result.height <= room + ROOM:
                best = result
                break
    if best is None:
        raise FitError(plan.career_id, plan.layout_id, plan.paper, page, frame.name,
                       frame.sections, result.height - room, sizes[-1])
    return best


def _set(frame: FramePlan, rules: Fitting, scale: float, width: float,
         press: Press | None) -> FittedFrame:
    placed: list[Placed] = []
    total, after = 0.0, 0.0
    for block in frame.blocks:
        flow = _flowable(block, rules, round(scale, 4), width, press)
        _, h = flow.wrap(width, 10_000)
        gap = max(after, flow.getSpaceBefore()) if placed else 0.0
        placed.append(Placed(block, flow, h, gap))
        total += gap + h
        after = flow.getSpaceAfter()
    return FittedFrame(frame, tuple(placed), total, rules.body * scale)


def _flowable(block: Block, rules: Fitting, scale: float, width: float,
              press: Press | None) -> Flowable:
    if isinstance(block, Text):
        style = paragraph_style(block.style, rules.floor, scale, press)
        return Paragraph(block.text, style, bulletText=block.bullet or None,
                         frags=_frags(block.runs, style, block.style.upper))
    if isinstance(block, Table):
        return _table(block, rules, scale, width, press)
    if isinstance(block, Facts):
        return FactsGrid([(fact.icon, [_flowable(text, rules, scale, width, press)
                                       for text in fact.texts]) for fact in block.facts],
                         block.columns, block.icon_size * scale, block.gap * scale,
                         colour(block.ink, press))
    if isinstance(block, Picture):
        if block.kind == "icon":
            return Icon(block.data, block.height, block.align, colour(block.ink, press))
        if block.kind == "qr":
            return QRCode(block.target, block.height, block.align, colour(block.ink, press),
                          colour(block.paper, press))
        return Logo(block.data, block.height, block.align, grey=block.grey,
                    cmyk=press is not None)
    return _chart(block, rules, scale, press)


@lru_cache(maxsize=512)
def paragraph_style(style: TextStyle, floor: float, scale: float,
                    press: Press | None = None) -> ParagraphStyle:
    """A style as reportlab's at `scale` (made once per size). Every style shrinks with the
    body, but none below the floor it started above. Its colours are ink with a `press`."""
    faces = fonts.register()
    factor = max(scale, min(1.0, floor / style.size))
    return ParagraphStyle(
        "text",
        fontName=faces[style.face],
        fontSize=style.size * factor,
        leading=style.leading * factor,
        textColor=colour(style.colour, press),
        spaceBefore=style.space_before * scale,
        spaceAfter=style.space_after * scale,
        alignment=ALIGN[style.align],  # type: ignore[arg-type]  # stubs omit the TA_ ints
        leftIndent=style.indent * scale,
        bulletIndent=style.indent * scale * 0.25,
        bulletFontName=faces["bold"],
        bulletColor=colour(style.bullet_colour, press),
    )


def _frags(runs: tuple[Run, ...], style: ParagraphStyle, upper: bool = False) -> list[ParaFrag]:
    """The runs as reportlab's fragments, built directly: no text is ever read as markup."""
    family, _, _ = ps2tt(style.fontName)
    base = ParaFrag()
    base.rise, base.greek, base.us_lines = 0, 0, []
    base.fontSize, base.textColor = style.fontSize, style.textColor
    base_bold, base_italic = ps2tt(style.fontName)[1:]
    out: list[ParaFrag] = []
    link: list[tuple[int, str]] = []
    links = 0  # numbered as reportlab numbers each <a> of a paragraph
    for i, run in enumerate(runs):
        frag = copy.copy(base)
        frag.bold = 1 if run.bold else base_bold
        frag.italic = 1 if run.italic else base_italic
        frag.fontName = tt2ps(family, frag.bold, frag.italic)
        if run.link is None:
            link = []
        elif not link or link[0][1] != run.link:
            link, links = [(links, run.link)], links + 1
        frag.link = link
        if run.text == "\n":
            frag.text, frag.lineBreak = "", True
        else:
            # Only plain text at the very start or end is stripped, as in markup, where a
            # <b> or <a> at the start keeps the space inside it.
            plain = not (run.bold or run.italic or run.link)
            frag.text = _clean(run.text.upper() if upper else run.text, first=plain and i == 0,
                               last=plain and i == len(runs) - 1)
            if not frag.text:
                continue
        out.append(frag)
    return out


def _clean(text: str, first: bool, last: bool) -> str:
    """Text as reportlab's paragraph cleaner leaves it: every stretch of white space one
    space (a no-break space stays), the paragraph's own ends stripped."""
    text = _SPACES.sub(" ", text)
    if first:
        text = text.lstrip(" ")
    if last:
        text = text.rstrip(" ")
    return text


class CellTable(RLTable):
    """reportlab's table, telling `on_cell` (when draw sets it) before and after each cell
    it draws, row by row: draw tags the cells and leaves the rules as artifacts."""

    on_cell: Callable[[int, bool], None] | None = None
    cells_drawn = 0

    def _drawCell(self, cellval: Any, cellstyle: Any, pos: Any, size: Any) -> None:
        hook = self.on_cell
        if hook is None:
            super()._drawCell(cellval, cellstyle, pos, size)  # type: ignore[misc]
            return
        count = self.cells_drawn
        self.cells_drawn = count + 1
        hook(count, True)
        super()._drawCell(cellval, cellstyle, pos, size)  # type: ignore[misc]
        hook(count, False)


def _table(block: Table, rules: Fitting, scale: float, width: float,
           press: Press | None) -> Flowable:
    cell = paragraph_style(block.style, rules.floor, scale, press)
    head = paragraph_style(block.header_style, rules.floor, scale, press)
    rows = []
    for r, row in enumerate(block.rows):
        style = head if (block.header and r == 0) else cell
        upper = (block.header_style if block.header and r == 0 else block.style).upper
        rows.append([Paragraph("", style, frags=_frags(runs, style, upper)) for runs in row])
    total = sum(block.widths) or 1.0
    table = CellTable(rows, colWidths=[width * w / total for w in block.widths])
    commands: list[Any] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), cell.fontName),  # else reportlab sets Helvetica
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, colour(block.rule, press)),
    ]
    if press is not None:  # reportlab's own default cell colour is RGB black
        commands.append(("TEXTCOLOR", (0, 0), (-1, -1), colour("#000000", press)))
    if block.header:
        commands.append(("LINEBELOW", (0, 0), (-1, 0), 1.0, head.textColor))
    table.setStyle(TableStyle(commands))
    table.spaceBefore, table.spaceAfter = cell.spaceBefore, cell.spaceAfter
    return table


def _chart(block: Chart, rules: Fitting, scale: float, press: Press | None) -> Flowable:
    faces = fonts.register()
    i = block.ink
    ink = Ink(text=colour(i.text, press), muted=colour(i.muted, press),
              strong=colour(i.strong, press), light=colour(i.light, press),
              rule=colour(i.rule, press), paper=colour(i.paper, press),
              font=faces["regular"], bold=faces["bold"],
              size=max(i.size * scale, min(i.size, rules.floor)))
    chart = ChartFlowable(block.data, block.height * scale, ink)
    chart.spaceBefore, chart.spaceAfter = i.space_before * scale, i.space_after * scale
    return chart
