"""Compose: career + figures + layout → a Plan of pages, frames and blocks (no PDF yet)."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal, TypeGuard
from xml.sax.saxutils import escape, quoteattr

import jinja2
import jinja2.nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

from brochure import __version__
from brochure.brand import DEFAULT, Brand
from brochure.career import Career
from brochure.errors import DataError, Problem
from brochure.figures import Amount, Citation, Figures
from brochure.files import FileTooBig, NotRegularFile, read_bounded
from brochure.layout import SAFE_EDGE, Layout, Panel, Paper, Rect, frame_box, points
from brochure.palette import resolve

ChartKind = Literal["pay-range", "top-states", "outlook"]
Align = Literal["left", "centre", "right"]
CHARTS: tuple[ChartKind, ...] = ("pay-range", "top-states", "outlook")
INLINE = {"b", "i", "br", "a"}
BLEED = {"letter": 9.0, "a4": 3 * 72 / 25.4}  # 0.125 in; 3 mm


@dataclass(frozen=True)
class Options:
    """How to build: paper, print-shop bleed, grey only, and a state's local pay."""

    paper: Paper = "letter"
    bleed: bool = False
    grayscale: bool = False
    state: str | None = None
    """A two-letter state code whose pay is printed beside the national figures."""


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


@dataclass(frozen=True)
class Picture:
    """A QR code for `target`, or the brand's logo, `height` points tall."""

    kind: Literal["qr", "logo"]
    height: float
    align: Align
    target: str = ""
    data: bytes = b""


Block = Text | Table | Chart | Picture


@dataclass(frozen=True)
class FramePlan:
    """A frame's place on the sheet (points, from the trimmed sheet's top-left) and content."""

    name: str
    box: Rect
    padding: float
    background: str | None
    background_box: Rect
    align: str
    blocks: tuple[Block, ...]
    sections: tuple[str, ...] = ()
    """The layout's sections printed in it, in order."""


@dataclass(frozen=True)
class PagePlan:
    name: str
    frames: tuple[FramePlan, ...]
    folds: tuple[float, ...]
    """x of each fold between panels."""


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
    paper: Paper
    page_size: tuple[float, float]
    """The trimmed sheet, in points."""
    bleed: float
    """How far the page extends past the trim on every side (0 for office printing)."""
    grayscale: bool
    fold_guides: bool
    palette: dict[str, str]
    pages: tuple[PagePlan, ...]
    metadata: Metadata


def compose(career: Career, figures: Figures, layout: Layout, brand: Brand = DEFAULT,
            options: Options = Options()) -> Plan:
    """Fill every frame of `layout` with its sections' templates for this career."""
    spec = layout.spec
    width, height = layout.page_size(options.paper)
    bleed = BLEED[options.paper] if options.bleed else 0.0
    palette = resolve(layout.colours, {"primary": brand.spec.primary,
                                       "accent": brand.spec.accent}, options.grayscale)
    env = _environment(layout.template_dirs)
    context = {"career": career, "figures": figures, "layout": spec, "brand": brand.spec,
               "paper": options.paper}
    pages = []
    for number, page in enumerate(spec.pages):
        panels = layout.panels(number, options.paper)
        by_name = {panel.name: panel for panel in panels}
        frames = []
        for frame in page.frames:
            panel = by_name[frame.panel or panels[0].name]
            box = frame_box(frame, panel)
            padding = points(frame.padding, box.width)
            blocks: list[Block] = []
            for section in frame.sections:
                blocks.extend(_section(env, section, context, figures, layout, brand,
                                       career.more_info.url, box.width - 2 * padding))
            frames.append(FramePlan(
                name=frame.name, box=box, padding=padding,
                background=palette[frame.background] if frame.background else None,
                background_box=_extended(box, frame.extend, panel, (width, height), bleed),
                align=frame.align, blocks=tuple(blocks), sections=tuple(frame.sections)))
        folds = tuple(panel.box.x for panel in panels[1:])
        pages.append(PagePlan(page.name, tuple(frames), folds))
    metadata = Metadata(
        title=f"{career.title}: career {spec.name.lower()}",
        author=brand.spec.organisation or "Career brochures",
        subject=career.summary,
        keywords=(career.title, *career.other_titles, f"SOC {career.soc}", "career"),
        creator=f"career-brochures {__version__}",
    )
    return Plan(career.id, layout, options.paper, (width, height), bleed, options.grayscale,
                spec.fold_guides, palette, tuple(pages), metadata)


def _extended(box: Rect, sides: Sequence[str], panel: Panel, sheet: tuple[float, float],
              bleed: float) -> Rect:
    """The frame's background box, grown on `sides` to the panel's edge; at the sheet's edge,
    to the printable edge (office) or through the trim into the bleed (print shop)."""
    left, top = box.x, box.y
    right, bottom = box.x + box.width, box.y + box.height
    w, h = sheet
    edge = SAFE_EDGE if bleed == 0 else -bleed

    def reach(panel_edge: float, sheet_edge: float, inward: float) -> float:
        return sheet_edge + inward * edge if abs(panel_edge - sheet_edge) < 0.01 else panel_edge

    if "left" in sides:
        left = reach(panel.box.x, 0.0, 1)
    if "right" in sides:
        right = reach(panel.box.x + panel.box.width, w, -1)
    if "top" in sides:
        top = reach(panel.box.y, 0.0, 1)
    if "bottom" in sides:
        bottom = reach(panel.box.y + panel.box.height, h, -1)
    return Rect(left, top, right - left, bottom - top)


def preload(layout: Layout) -> None:
    """Compile every template the layout uses, so forked workers start with them."""
    env = _environment(layout.template_dirs)
    for page in layout.spec.pages:
        for frame in page.frames:
            for section in frame.sections:
                env.get_template(f"{section}.j2")


def section_syntax(layout: Layout, section: str) -> jinja2.nodes.Template:
    """A section's template as Jinja's syntax tree, to see which fields it prints."""
    env = _environment(layout.template_dirs)
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, f"{section}.j2")
    return env.parse(source)


MAX_TEMPLATE_BYTES = 1_000_000


class _BoundedLoader(jinja2.FileSystemLoader):
    """Jinja's folder loader, reading only regular files of a sensible size (a template
    that is a link to /dev/zero must not fill memory, nor a pipe hang the build)."""

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str, Callable[[], bool]]:
        for folder in self.searchpath:
            path = Path(folder, *jinja2.loaders.split_template_path(template))
            if path.exists() or path.is_symlink():
                try:
                    data = read_bounded(path, MAX_TEMPLATE_BYTES)
                except NotRegularFile:
                    raise DataError([Problem(str(path), 1, 1, "", "is not a regular file (a "
                                             "device, pipe or socket)",
                                             "replace it with an ordinary text file")]) from None
                except FileTooBig as exc:
                    raise DataError([Problem(str(path), 1, 1, "", f"the file is {exc.size:,} "
                                             f"bytes; the limit is {exc.limit:,}")]) from None
                except OSError as exc:
                    raise DataError([Problem(str(path), 1, 1, "", "cannot read the file "
                                             f"({exc.strerror})")]) from None
                return data.decode(self.encoding), str(path), _unchanged(path)
        raise jinja2.TemplateNotFound(template)


def _unchanged(path: Path) -> Callable[[], bool]:
    """Whether the template file is still the one read (Jinja asks before reusing it)."""
    mtime = path.stat().st_mtime

    def check() -> bool:
        try:
            return path.stat().st_mtime == mtime
        except OSError:
            return False

    return check


@lru_cache(maxsize=16)  # bounded: a long `serve` may see many layout folders
def _environment(dirs: tuple[object, ...]) -> jinja2.Environment:
    # Sandboxed: a layout folder may come from anyone, and plain Jinja2 lets a template
    # reach Python itself (cycler.__init__.__globals__.os ...) or change the data it is given.
    env = ImmutableSandboxedEnvironment(
        loader=_BoundedLoader([str(d) for d in dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(money=money, number=number, percent=percent, hourly=hourly,
                       cite=cite)
    return env


def _section(env: jinja2.Environment, name: str, context: dict[str, object],
             figures: Figures, layout: Layout, brand: Brand, link: str,
             width: float) -> list[Block]:
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
    blocks = (_block(el, figures, layout, template_name, brand, link, width) for el in root)
    return [block for block in blocks if block is not None]


def _template_path(layout: Layout, name: str) -> str:
    for folder in layout.template_dirs:
        if (folder / name).is_file():
            return str(folder / name)
    return name


def _block(el: ET.Element, figures: Figures, layout: Layout, template: str, brand: Brand,
           link: str, width: float) -> Block | None:
    styles = layout.styles

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
    if el.tag in ("qr", "logo"):
        size = el.get("size", "1in")
        try:
            height = points(size, width)
        except ValueError:
            raise _markup_error(layout, template, f"<{el.tag}> size {size!r} is not a length"
                                ) from None
        align = el.get("align", "left")
        if not _is_align(align):
            raise _markup_error(layout, template, f"<{el.tag}> align must be left, centre or "
                                                  "right")
        if el.tag == "qr":
            return Picture("qr", height, align, target=brand.qr_target(link))
        return Picture("logo", height, align, data=brand.logo) if brand.logo else None
    raise _markup_error(layout, template, f"unknown element <{el.tag}>; use p, h, li, table, "
                                          "chart, qr or logo")


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


def _is_align(align: str) -> TypeGuard[Align]:
    return align in ("left", "centre", "right")


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
