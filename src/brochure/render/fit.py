"""Fit: decide every frame's type size and every line, shrinking type down to the body floor.

Fit sets each block once, with reportlab's line breaker (the one that will draw it), and
hands draw a Fitted brochure whose blocks need no more measuring. `brochure check` stops
here: whether a brochure fits is known without making a PDF."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import pyphen
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, TableStyle
from reportlab.platypus import Table as RLTable
from reportlab.platypus.paraparser import ParaFrag

from brochure.compose.plan import (
    BREAK,
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
from brochure.format import address
from brochure.render import fonts
from brochure.render.balance import balance, level
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
    """Each page at one body size, the largest at which every frame of the page fits;
    FitError names the first frame that does not fit even at the floor."""
    fonts.register()
    press = press_for(plan)
    # Balanced frames share their blocks out again first; each page is then set at one body
    # size, and the balanced frames that end higher are loosened to end level.
    pages = balance(plan.pages, plan.balanced, lambda frame: _sizes(frame, plan.fitting, press))
    fitted = [[fit_frame(frame, plan, number, press) for frame in page.frames]
              for number, page in enumerate(pages, start=1)]
    return Fitted(plan, level(tuple(FittedPage(page, _one_size(frames, plan.fitting, press))
                                    for page, frames in zip(pages, fitted, strict=True)),
                              plan.balanced), press)


def _sizes(frame: FramePlan, rules: Fitting, press: Press | None) -> list[tuple[float, float]]:
    """Each block of the frame at full size: its height and the gap above it."""
    fitted = _set(frame, rules, 1.0, frame.box.width - 2 * frame.inset, press)
    return [(item.height, item.gap) for item in fitted.placed]


def _one_size(frames: list[FittedFrame], rules: Fitting,
              press: Press | None) -> tuple[FittedFrame, ...]:
    """A page's frames at one body size: those that fit larger are set again at the size
    the longest one needs, so the same kind of text is the same size across the page."""
    body = min((f.body_size for f in frames), default=rules.body)

    def at_body(f: FittedFrame) -> FittedFrame:
        if f.body_size <= body:
            return f
        smaller = _set(f.frame, rules, body / rules.body,
                       f.frame.box.width - 2 * f.frame.inset, press)
        # Smaller type takes no more room; should a line break differ, the frame keeps
        # the size it fits at rather than run over.
        room = f.frame.box.height - 2 * f.frame.padding
        return smaller if smaller.height <= room + ROOM else f

    return tuple(at_body(f) for f in frames)


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
        style = paragraph_style(block.style, rules.floor, scale, press, rules.body,
                                narrow=width - block.style.indent * scale
                                < NARROW * _average_width(block.style.face) * block.style.size)
        if block.bullet:
            style = _hanging(style, block.bullet)
        together = block.tag != "P" or block.style.keep_last_words
        runs = _keep_last_words(block.runs, width - style.leftIndent, style,
                                block.style.upper) if together else block.runs
        return Paragraph(block.text, style, bulletText=block.bullet or None,
                         frags=_frags(runs, style, block.style.upper,
                                      width - style.leftIndent))
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
                    press: Press | None = None, body: float = 10.0,
                    narrow: bool = False) -> ParagraphStyle:
    """A style as reportlab's at `scale` (made once per size). Text at the body size or
    smaller shrinks with the body, but none below the floor it started above; larger text
    (headings, titles, figures) keeps its size. Its colours are ink with a `press`."""
    faces = fonts.register()
    factor = max(scale, min(1.0, floor / style.size)) if style.size <= body + 1e-6 else 1.0
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
        bulletFontSize=style.size * factor,
        bulletColor=colour(style.bullet_colour, press),
        # Only running text in a narrow column is hyphenated; headings and titles never.
        hyphenationLang=(_hyphenate if narrow and style.size <= body + 1e-6  # type: ignore[arg-type]  # a callable is allowed
                         else ""),
    )


NARROW = 50
"""A column narrower than this many characters of its text is hyphenated."""
_HYPHENS = pyphen.Pyphen(lang="en_US", left=3, right=3)


def _hyphenate(word: str) -> list[tuple[str, str]]:
    """Where `word` may break, longest head first: only plain lower-case words, so names,
    credentials, abbreviations and numbers stay whole (links are never hyphenated)."""
    if not (word.isalpha() and word.islower()):
        return []
    return list(_HYPHENS.iterate(word))


@lru_cache(maxsize=8)
def _average_width(face: str) -> float:
    """The width of an average character of running text in `face`, in ems."""
    sample = "the quick brown fox jumps over a lazy dog, then rests "
    return float(stringWidth(sample, fonts.register()[face], 1.0)) / len(sample)


def _hanging(style: ParagraphStyle, bullet: str) -> ParagraphStyle:
    """The style with room for `bullet` left of the text, so that every line of the item
    starts where its first line's text does: a true hanging indent."""
    # reportlab pushes the first line's text right when the bullet and 0.6 em after it
    # pass the indent; an indent that holds them keeps every line on one edge.
    room = (style.bulletIndent + stringWidth(bullet, style.bulletFontName, style.bulletFontSize)
            + 0.6 * style.bulletFontSize)
    if room <= style.leftIndent:
        return style
    return ParagraphStyle("text", parent=style, leftIndent=room)


def _keep_last_words(runs: tuple[Run, ...], line: float, style: ParagraphStyle,
                     upper: bool = False) -> tuple[Run, ...]:
    """The runs with the last two words joined by a no-break space, so that no word ends
    a heading, a title or an also-called line alone; not when the two are wider than a
    `line` together (they would be broken), nor in a link."""
    text = "".join(run.text for run in runs).rstrip()
    gap = text.rfind(" ")
    if gap <= 0 or BREAK in runs or not text[:gap].strip():
        return runs
    pair = " ".join(text.split(" ")[-2:])
    if stringWidth(pair.upper() if upper else pair, style.fontName, style.fontSize) > line:
        return runs
    start = 0
    for i, run in enumerate(runs):
        if start <= gap < start + len(run.text):
            if run.link or any(r.link for r in runs[i + 1:]):
                return runs
            at = gap - start
            joined = replace(run, text=run.text[:at] + "\xa0" + run.text[at + 1:])
            return (*runs[:i], joined, *runs[i + 1:])
        start += len(run.text)
    return runs


def _frags(runs: tuple[Run, ...], style: ParagraphStyle, upper: bool = False,
           line: float = 0.0) -> list[ParaFrag]:
    """The runs as reportlab's fragments, built directly: no text is ever read as markup.
    An address printed as a link's text is shown short enough for a `line` (points)."""
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
        if run.link or run.bold:
            frag.nobr = True  # addresses and names (in bold: credentials, skills) never break
        if run.link and line and run.text.strip() in (run.link, address(run.link)):
            frag.text = _address_within(run.link, line, frag.fontName, frag.fontSize)
        elif run.text == "\n":
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


def _address_within(link: str, line: float, font: str, size: float) -> str:
    """`link` as printed: its short form, or when that is wider than a `line` (with room
    for the punctuation after it) the site and the page's name, or the site alone. The
    link itself keeps the full address, and no address is ever broken across lines."""
    room = line - stringWidth(".)", font, size)
    short = address(link)
    site, _, path = short.partition("/")
    page = path.rstrip("/").rpartition("/")[2]
    for text in (short, f"{site}/\u2026/{page}" if page else site, site):
        if stringWidth(text, font, size) <= room:
            return text
    return site


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
    cell = paragraph_style(block.style, rules.floor, scale, press, rules.body)
    head = paragraph_style(block.header_style, rules.floor, scale, press, rules.body)
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
              size=i.size if i.size > rules.body else max(i.size * scale, min(i.size, rules.floor)))
    chart = ChartFlowable(block.data, block.height * scale, ink)
    chart.spaceBefore, chart.spaceAfter = i.space_before * scale, i.space_after * scale
    return chart
