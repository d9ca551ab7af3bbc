"""Compose: career + figures + layout → a Plan of pages, frames and blocks (no PDF yet)."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache
from typing import Literal, TypeGuard
from xml.sax.saxutils import escape, quoteattr

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from brochure import __version__
from brochure.career import Career
from brochure.errors import DataError, Problem
from brochure.figures import Amount, Citation, Figures
from brochure.layout import Layout, points

ChartKind = Literal["pay-range", "top-states", "outlook"]
CHARTS: tuple[ChartKind, ...] = ("pay-range", "top-states", "outlook")
INLINE = {"b", "i", "br", "a"}


@dataclass(frozen=True)
class Text:
    """A paragraph in a named style; `markup` holds only escaped text and b/i/br/a tags."""

    style: str
    markup: str
    bullet: str | None = None


@dataclass(frozen=True)
class Table:
    """Rows of cells; the first row is a header when `header` is set."""

    style: str
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    header: bool


@dataclass(frozen=True)
class Chart:
    """A vector chart of some of the figures."""

    kind: ChartKind
    height: float
    figures: Figures


Block = Text | Table | Chart


@dataclass(frozen=True)
class FramePlan:
    """A frame's place on the page (points, from the sheet's top-left) and its content."""

    name: str
    x: float
    y: float
    width: float
    height: float
    padding: float
    background: str | None
    align: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class PagePlan:
    name: str
    frames: tuple[FramePlan, ...]


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    creator: str
    language: str = "en-US"


@dataclass(frozen=True)
class Plan:
    """Everything the renderer needs to draw one brochure."""

    career_id: str
    layout: Layout
    pages: tuple[PagePlan, ...]
    metadata: Metadata


def compose(career: Career, figures: Figures, layout: Layout) -> Plan:
    """Fill every frame of `layout` with its sections' templates for this career."""
    spec = layout.spec
    width, height = layout.page_size
    m = spec.margins
    left, top = points(m.left, width), points(m.top, height)
    live_w = width - left - points(m.right, width)
    live_h = height - top - points(m.bottom, height)
    env = _environment(layout.template_dirs)
    context = {"career": career, "figures": figures, "layout": spec}
    pages = []
    for page in spec.pages:
        frames = []
        for frame in page.frames:
            blocks: list[Block] = []
            for section in frame.sections:
                blocks.extend(_section(env, section, context, figures, layout))
            frames.append(FramePlan(
                name=frame.name,
                x=left + points(frame.x, live_w), y=top + points(frame.y, live_h),
                width=points(frame.width, live_w), height=points(frame.height, live_h),
                padding=points(frame.padding, live_w),
                background=spec.colours[frame.background] if frame.background else None,
                align=frame.align, blocks=tuple(blocks)))
        pages.append(PagePlan(page.name, tuple(frames)))
    metadata = Metadata(
        title=f"{career.title}: career {spec.name.lower()}",
        author="Career brochures",
        subject=career.summary,
        keywords=(career.title, *career.other_titles, f"SOC {career.soc}", "career"),
        creator=f"career-brochures {__version__}",
    )
    return Plan(career.id, layout, tuple(pages), metadata)


@cache
def _environment(dirs: tuple[object, ...]) -> jinja2.Environment:
    # Sandboxed: a layout folder may come from anyone, and plain Jinja2 lets a template
    # reach Python itself (cycler.__init__.__globals__.os ...) or change the data it is given.
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(d) for d in dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(money=money, number=number, percent=percent, hourly=hourly,
                       cite=cite)
    return env


def _section(env: jinja2.Environment, name: str, context: dict[str, object],
             figures: Figures, layout: Layout) -> list[Block]:
    template_name = f"{name}.j2"
    try:
        text = env.get_template(template_name).render(context)
    except jinja2.TemplateError as exc:
        line = getattr(exc, "lineno", None) or 1
        raise DataError([Problem(_template_path(layout, template_name), line, 1, name,
                                 f"template error: {exc.message or exc}")]) from None
    try:
        root = ET.fromstring(f"<section>{text}</section>")
    except ET.ParseError as exc:
        line, col = exc.position
        raise DataError([Problem(_template_path(layout, template_name), line, col, name,
                                 f"template makes invalid markup: {exc}")]) from None
    return [_block(el, figures, layout, template_name) for el in root]


def _template_path(layout: Layout, name: str) -> str:
    for folder in layout.template_dirs:
        if (folder / name).is_file():
            return str(folder / name)
    return name


def _block(el: ET.Element, figures: Figures, layout: Layout, template: str) -> Block:
    styles = layout.spec.styles

    def style_of(default: str) -> str:
        style = el.get("style", default)
        if style not in styles:
            raise _markup_error(layout, template, f"<{el.tag}> uses unknown style {style!r}")
        return style

    if el.tag in ("p", "h"):
        return Text(style_of("heading" if el.tag == "h" else "body"), _inline(el))
    if el.tag == "li":
        return Text(style_of("bullet"), _inline(el), bullet=el.get("bullet", "•"))
    if el.tag == "table":
        rows = tuple(tuple(_inline(cell) for cell in row) for row in el.findall("tr"))
        header = el.find("tr/th") is not None
        widths = tuple(_number(w, "a width", layout, template)
                       for w in el.get("widths", "").split(",") if w.strip())
        columns = max((len(r) for r in rows), default=0)
        if len(widths) != columns:
            widths = tuple(1.0 for _ in range(columns))
        return Table(style_of("table"), rows, widths, header)
    if el.tag == "chart":
        kind = el.get("kind", "")
        if not _is_chart(kind):
            raise _markup_error(layout, template, f"unknown chart kind {kind!r}; "
                                                  f"known: {', '.join(CHARTS)}")
        height = _number(el.get("height", "90"), "a chart height", layout, template)
        return Chart(kind, height, figures)
    raise _markup_error(layout, template, f"unknown element <{el.tag}>; use p, h, li, table "
                                          "or chart")


def _number(text: str, what: str, layout: Layout, template: str) -> float:
    """A positive, finite number from a template attribute."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value > 0):
        raise _markup_error(layout, template, f"{what} must be a positive number, got {text!r}")
    return value


def _is_chart(kind: str) -> TypeGuard[ChartKind]:
    return kind in CHARTS


def _markup_error(layout: Layout, template: str, message: str) -> DataError:
    return DataError([Problem(_template_path(layout, template), 1, 1, "", message)])


def _inline(el: ET.Element) -> str:
    """Serialise an element's content as reportlab paragraph markup, escaping all text."""
    out = [escape(el.text or "")]
    for child in el:
        if child.tag not in INLINE:
            out.append(escape(ET.tostring(child, encoding="unicode", method="text")))
        elif child.tag == "br":
            out.append("<br/>")
        elif child.tag == "a":
            href = child.get("href", "")
            inner = _inline(child)
            if href.startswith(("https://", "mailto:")):
                out.append(f"<a href={quoteattr(href)}>{inner}</a>")
            else:
                out.append(inner)
        else:
            out.append(f"<{child.tag}>{_inline(child)}</{child.tag}>")
        out.append(escape(child.tail or ""))
    return "".join(out)


# Filters the templates use to print figures; each says so when BLS published none.

def money(amount: Amount) -> str:
    if amount.value is None:
        return "not released"
    text = f"${amount.value:,}"
    return f"{text} or more" if amount.status == "at least" else text


def hourly(amount: Amount) -> str:
    if amount.value is None:
        return "not released"
    return f"${amount.value / 100:,.2f} an hour"


def number(amount: Amount | int | None) -> str:
    value = amount.value if isinstance(amount, Amount) else amount
    return "not released" if value is None else f"{value:,}"


def percent(value: float | None) -> str:
    if value is None:
        return "not released"
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    return f"{sign}{abs(value):.1f}%"


def cite(citation: Citation) -> str:
    return str(citation)
