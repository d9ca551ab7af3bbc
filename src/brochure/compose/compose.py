"""Compose: career + figures + layout → a Plan of pages, frames and blocks (no PDF yet)."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import TypeGuard
from xml.sax.saxutils import escape, quoteattr

from brochure import __version__
from brochure.compose.plan import (
    CHARTS,
    Align,
    Block,
    Chart,
    ChartKind,
    FramePlan,
    Metadata,
    PagePlan,
    Picture,
    Plan,
    Table,
    Text,
)
from brochure.compose.templates import markup_error, section_elements
from brochure.figures.tables import Figures
from brochure.model.brand import DEFAULT, Brand
from brochure.model.career import Career
from brochure.model.layout import SAFE_EDGE, Layout, Panel, Rect, frame_box, points
from brochure.model.palette import resolve
from brochure.options import DEFAULT as DEFAULT_OPTIONS
from brochure.options import Options

INLINE = {"b", "i", "br", "a"}
BLEED = {"letter": 9.0, "a4": 3 * 72 / 25.4}  # 0.125 in; 3 mm


def compose(career: Career, figures: Figures, layout: Layout, brand: Brand = DEFAULT,
            options: Options = DEFAULT_OPTIONS) -> Plan:
    """Fill every frame of `layout` with its sections' templates for this career."""
    spec = layout.spec
    width, height = layout.page_size(options.paper)
    bleed = BLEED[options.paper] if options.bleed else 0.0
    palette = resolve(layout.colours, {"primary": brand.spec.primary,
                                       "accent": brand.spec.accent}, options.grayscale)
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
                for el in section_elements(layout, section, context):
                    block = _block(el, figures, layout, section, brand, career.more_info.url,
                                   box.width - 2 * padding)
                    if block is not None:
                        blocks.append(block)
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


def _block(el: ET.Element, figures: Figures, layout: Layout, section: str, brand: Brand,
           link: str, width: float) -> Block | None:
    styles = layout.styles

    def style_of(default: str) -> str:
        style = el.get("style", default)
        if style not in styles:
            raise markup_error(layout, section, f"<{el.tag}> uses unknown style {style!r}",
                               el)
        return style

    if el.tag in ("p", "h"):
        return Text(style_of("heading" if el.tag == "h" else "body"), _inline(el))
    if el.tag == "li":
        return Text(style_of("bullet"), _inline(el), bullet=el.get("bullet", "•"))
    if el.tag == "table":
        rows = tuple(tuple(_inline(cell) for cell in row) for row in el.findall("tr"))
        header = el.find("tr/th") is not None
        widths = tuple(_number(w, "a width", layout, section, el)
                       for w in el.get("widths", "").split(",") if w.strip())
        columns = max((len(r) for r in rows), default=0)
        if len(widths) != columns:
            widths = tuple(1.0 for _ in range(columns))
        return Table(style_of("table"), rows, widths, header)
    if el.tag == "chart":
        kind = el.get("kind", "")
        if not _is_chart(kind):
            raise markup_error(layout, section, f"unknown chart kind {kind!r}; "
                                                  f"known: {', '.join(CHARTS)}", el)
        height = _number(el.get("height", "90"), "a chart height", layout, section,
                         el)
        return Chart(kind, height, figures)
    if el.tag in ("qr", "logo"):
        size = el.get("size", "1in")
        try:
            height = points(size, width)
        except ValueError:
            raise markup_error(layout, section, f"<{el.tag}> size {size!r} is not a length",
                               el) from None
        align = el.get("align", "left")
        if not _is_align(align):
            raise markup_error(layout, section, f"<{el.tag}> align must be left, centre or "
                                                  "right", el)
        if el.tag == "qr":
            return Picture("qr", height, align, target=brand.qr_target(link))
        return Picture("logo", height, align, data=brand.logo) if brand.logo else None
    raise markup_error(layout, section, f"unknown element <{el.tag}>; use p, h, li, table, "
                                          "chart, qr or logo", el)


def _number(text: str, what: str, layout: Layout, section: str, el: ET.Element) -> float:
    """A positive, finite number from a template attribute."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value > 0):
        raise markup_error(layout, section, f"{what} must be a positive number, got {text!r}",
                           el)
    return value


def _is_chart(kind: str) -> TypeGuard[ChartKind]:
    return kind in CHARTS


def _is_align(align: str) -> TypeGuard[Align]:
    return align in ("left", "centre", "right")


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
