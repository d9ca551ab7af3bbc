"""Compose: career + figures + layout → a Plan of pages, frames and blocks (no PDF yet)."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TypeGuard

from brochure import __version__
from brochure.compose.charts import chart_data
from brochure.compose.plan import (
    BREAK,
    CHARTS,
    Align,
    Block,
    Chart,
    ChartInk,
    ChartKind,
    Fact,
    Facts,
    Fitting,
    FramePlan,
    Metadata,
    PagePlan,
    Picture,
    Plan,
    Run,
    Table,
    Text,
    TextStyle,
)
from brochure.compose.templates import markup_error, section_elements
from brochure.figures.tables import Figures
from brochure.geometry import Rect
from brochure.language import LOCALES, N_, TAGS, translate
from brochure.model.brand import DEFAULT, Brand, given_inks
from brochure.model.career import Career
from brochure.model.icons import exists, svg
from brochure.model.layout import SAFE_EDGE, Layout, Panel, frame_box, points
from brochure.model.palette import is_dark, light_band, resolve
from brochure.options import DEFAULT as DEFAULT_OPTIONS
from brochure.options import Options

LAYOUT_NAMES = (N_("handout"), N_("tri-fold"), N_("flyer"))
"""The standard layouts' names as the PDF's title says them ("…: career handout")."""
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
               "paper": options.paper, "qr_link": brand.qr_target(career.more_info.url),
               "icons": layout.icons.names(career.soc)}
    lang = options.lang
    made = _Maker(layout, palette, figures, brand, career.more_info.url, lang)
    # Frames are read page by page as listed, unless the layout gives its reading order.
    position = 0
    pages = []
    for number, page in enumerate(spec.pages):
        panels = layout.panels(number, options.paper)
        by_name = {panel.name: panel for panel in panels}
        frames = []
        for frame in page.frames:
            panel = by_name[frame.panel or panels[0].name]
            box = frame_box(frame, panel)
            ends, sides = (frame.padding, frame.padding) if isinstance(frame.padding, str) \
                else frame.padding
            padding, padding_sides = points(ends, box.width), points(sides, box.width)
            background = palette[frame.background] if frame.background else None
            maker = made
            if options.grayscale and background and is_dark(background, palette):
                # In grey a dark band would be a block of toner: it prints as a light
                # tint, and the text on it in the ink colour.
                background = light_band(palette)
                maker = replace(made, text_colours={"paper": palette["ink"]})
            blocks: list[Block] = []
            for section in frame.sections:
                for el in section_elements(layout, section, context, lang):
                    block = maker.block(el, section, box.width - 2 * padding_sides)
                    if block is not None:
                        blocks.append(replace(block, section=section))
            frames.append(FramePlan(
                name=frame.name, box=box, padding=padding, padding_sides=padding_sides,
                background=background,
                background_box=_extended(box, frame.extend, panel, (width, height), bleed),
                align=frame.align, blocks=tuple(blocks), sections=tuple(frame.sections),
                reading=spec.reading_order.index(frame.name) if spec.reading_order
                else position))
            position += 1
        folds = tuple(panel.box.x for panel in panels[1:])
        pages.append(PagePlan(page.name, tuple(frames), folds))
    metadata = Metadata(
        title=translate(lang, "%(title)s: career %(layout)s") % {
            "title": career.title, "layout": translate(lang, spec.name.lower())},
        author=brand.spec.organisation or "Career brochures",
        subject=career.summary,
        keywords=(career.title, *career.other_titles, f"SOC {career.soc}",
                  translate(lang, "career")),
        creator=f"career-brochures {__version__}",
        language=TAGS[lang],
    )
    body = layout.size("body")[0]
    # A brand's own CMYK stands for its colour in print-shop files (not in grey ones).
    inks = () if options.grayscale or not bleed else tuple(
        (palette[name], cmyk) for name, cmyk in given_inks(brand.spec).items())
    return Plan(career.id, layout.id, options.paper, (width, height), bleed,
                Fitting(body, min(spec.body_floor, body), hyphenation=LOCALES[lang]),
                spec.fold_guides and bleed > 0,
                tuple(pages), metadata, inks, tuple(spec.balance))


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


@dataclass(frozen=True)
class _Maker:
    """Turns a section's block elements into the Plan's blocks, styles and colours resolved."""

    layout: Layout
    palette: dict[str, str]
    figures: Figures
    brand: Brand
    link: str
    """The career's own page, where a QR code leads unless the brand says otherwise."""
    lang: str
    """The language of the fixed words: alt text and charts."""
    text_colours: dict[str, str] = field(default_factory=dict)
    """Colours text takes instead of the palette's, by name (in a light band in grey)."""

    def style(self, name: str) -> TextStyle:
        s = self.layout.styles[name]
        size, leading = self.layout.size(name)
        colours = {**self.palette, **self.text_colours}
        return TextStyle(face=s.font, size=size, leading=leading, colour=colours[s.colour],
                         space_before=s.space_before, space_after=s.space_after, align=s.align,
                         indent=s.indent, upper=s.upper, keep_last_words=s.keep_last_words,
                         bullet_colour=colours["accent" if "accent" in colours else "ink"])

    def colour(self, name: str, fallback: str = "ink") -> str:
        return self.palette[name if name in self.palette else fallback]

    def block(self, el: ET.Element, section: str, width: float) -> Block | None:
        layout = self.layout
        styles = layout.styles

        def style_of(default: str) -> str:
            style = el.get("style", default)
            if style not in styles:
                raise markup_error(layout, section, f"<{el.tag}> uses unknown style {style!r}", el)
            return style

        def text(role: str, bullet: str | None = None) -> Text:
            return Text(role, self.style(role), _runs(el), bullet, styles[role].tag)

        if el.tag in ("p", "h"):
            return text(style_of("heading" if el.tag == "h" else "body"))
        if el.tag == "li":
            return text(style_of("bullet"), el.get("bullet", "•"))
        if el.tag == "table":
            role = style_of("table")
            head = f"{role}-header" if f"{role}-header" in styles else role
            header = el.find("tr/th") is not None
            rows = tuple(tuple(_runs(cell) for cell in row) for row in el.findall("tr"))
            widths = tuple(_number(w, "a width", layout, section, el)
                           for w in el.get("widths", "").split(",") if w.strip())
            columns = max((len(r) for r in rows), default=0)
            if len(widths) != columns:
                widths = tuple(1.0 for _ in range(columns))
            cell = self.style(role)
            return Table(role, cell, self.style(head), rows, widths, header,
                         self.palette.get("rule", cell.colour))
        if el.tag == "chart":
            kind = el.get("kind", "")
            if not _is_chart(kind):
                raise markup_error(layout, section, f"unknown chart kind {kind!r}; "
                                                    f"known: {', '.join(CHARTS)}", el)
            height = _number(el.get("height", "90"), "a chart height", layout, section, el)
            chart_style = "chart" if "chart" in styles else "body"
            small = styles[chart_style]
            ink = ChartInk(text=self.colour("ink"), muted=self.colour("muted"),
                           strong=self.colour("primary"), light=self.colour("tint"),
                           rule=self.colour("rule"), paper=self.colour("paper"),
                           size=layout.size(chart_style)[0], space_before=small.space_before,
                           space_after=small.space_after)
            return Chart(chart_data(kind, self.figures, self.lang), height, ink)
        if el.tag == "facts":
            return self.facts(el, section, width)
        if el.tag in ("qr", "logo", "icon"):
            size = el.get("size", "1in")
            try:
                height = points(size, width)
            except ValueError:
                raise markup_error(layout, section, f"<{el.tag}> size {size!r} is not a "
                                                    "length", el) from None
            align = el.get("align", "left")
            if not _is_align(align):
                raise markup_error(layout, section, f"<{el.tag}> align must be left, centre "
                                                    "or right", el)
            if el.tag == "icon":
                return Picture("icon", height, align, data=self.icon(el, section),
                               ink=self.ink(el, section))
            if el.tag == "qr":
                target = self.brand.qr_target(self.link)
                return Picture("qr", height, align, target=target, ink=self.palette["ink"],
                               paper=self.palette["paper"],
                               alt=translate(self.lang, "QR code that opens %(link)s")
                               % {"link": target})
            if not self.brand.logo:
                return None
            organisation = self.brand.spec.organisation
            return Picture("logo", height, align, data=self.brand.logo,
                           grey=all(v[1:3] == v[3:5] == v[5:7] for v in self.palette.values()),
                           alt=translate(self.lang, "Logo of %(organisation)s")
                           % {"organisation": organisation} if organisation
                           else translate(self.lang, "Logo"))
        raise markup_error(layout, section, f"unknown element <{el.tag}>; use p, h, li, "
                                            "table, chart, qr, logo, icon or facts", el)

    def icon(self, el: ET.Element, section: str) -> bytes:
        """The SVG of the icon an element names in `icon` (a <fact>) or `name` (an <icon>)."""
        name = el.get("icon" if el.tag == "fact" else "name", "")
        if not exists(name):
            raise markup_error(self.layout, section, f"<{el.tag}> names no icon of Font "
                                                     f"Awesome Free's solid set: {name!r}", el)
        return svg(name)

    def ink(self, el: ET.Element, section: str) -> str:
        name = el.get("colour", "accent")
        if name not in self.palette:
            raise markup_error(self.layout, section, f"<{el.tag}> uses unknown colour "
                                                     f"{name!r}", el)
        # An icon takes the colour its frame gives text (ink for paper in a light band).
        return {**self.palette, **self.text_colours}[name]

    def facts(self, el: ET.Element, section: str, width: float) -> Facts:
        """`<facts min-width="2.2in" icon-size="20pt" gap="9pt">` holding `<fact icon="name">`
        elements, each holding paragraphs (`<p>`): as many columns as the frame's width
        holds facts at least `min-width` wide."""
        layout = self.layout
        sizes = {}
        for attribute, default in (("min-width", "2.2in"), ("icon-size", "18pt"),
                                   ("gap", "8pt")):
            try:
                sizes[attribute] = points(el.get(attribute, default), width)
            except ValueError:
                raise markup_error(layout, section, f"<facts> {attribute} "
                                                    f"{el.get(attribute)!r} is not a length",
                                   el) from None
        gap = sizes["gap"]
        columns = max(1, min(len(el), int((width + gap) // (sizes["min-width"] + gap))))
        facts = []
        for fact in el:
            if fact.tag != "fact":
                raise markup_error(layout, section, f"<facts> holds only <fact>, not "
                                                    f"<{fact.tag}>", fact)
            texts = []
            for line in fact:
                block = self.block(line, section, width) if line.tag == "p" else None
                if not isinstance(block, Text):
                    raise markup_error(layout, section, f"<fact> holds only <p>, not "
                                                        f"<{line.tag}>", line)
                texts.append(replace(block, section=section))
            facts.append(Fact(self.icon(fact, section) if fact.get("icon") else b"",
                              tuple(texts)))
        return Facts(tuple(facts), columns, sizes["icon-size"], self.ink(el, section), gap)


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


def _runs(el: ET.Element) -> tuple[Run, ...]:
    """An element's text as runs: plain words, bold, italic and links, any other element
    read as its text. Nothing in it is markup any more."""
    out: list[Run] = []

    def add(text: str | None, bold: bool, italic: bool, link: str | None) -> None:
        if text:
            out.append(Run(text, bold, italic, link))

    def walk(node: ET.Element, bold: bool, italic: bool, link: str | None) -> None:
        add(node.text, bold, italic, link)
        for child in node:
            if child.tag == "br":
                out.append(BREAK)
            elif child.tag in ("b", "i", "a"):
                href = child.get("href", "")
                walk(child, bold or child.tag == "b", italic or child.tag == "i",
                     href if child.tag == "a" and href.startswith(("https://", "mailto:"))
                     else link)
            else:
                add(ET.tostring(child, encoding="unicode", method="text"), bold, italic, link)
            add(child.tail, bold, italic, link)

    walk(el, False, False, None)
    return tuple(out)
