"""A layout: paper, panels, frames, type and colour as data in `layouts/<name>/layout.yaml`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from brochure.errors import DataError, Problem
from brochure.geometry import Rect
from brochure.model.fields import STRICT, Id, Line, Name
from brochure.model.icons import Icons, load_icons
from brochure.model.source import Document, read_yaml
from brochure.model.validate import parse

Length = Annotated[str, Field(pattern=r"^\d+(\.\d+)?(in|mm|pt|%)$")]
"""A length such as 0.5in, 12mm, 36pt, or a percentage of the live area."""
ColourValue = Annotated[str, Field(pattern=r"^(#[0-9a-fA-F]{6}|[a-z0-9-]+ \d{1,3}%)$")]
"""#RRGGBB, or another colour's name and a strength, like `primary 20%` (a tint)."""
Paper = Literal["letter", "a4"]
Side = Literal["top", "right", "bottom", "left"]
PAPERS: tuple[Paper, ...] = ("letter", "a4")

PAPER: dict[str, tuple[float, float]] = {"letter": (612.0, 792.0), "a4": (595.2756, 841.8898)}
SAFE_EDGE = 18.0  # 0.25 in: office printers cannot print closer to the sheet's edge.
UNITS = {"in": 72.0, "mm": 72.0 / 25.4, "pt": 1.0}


def points(length: str, whole: float) -> float:
    """Convert a Length to points; percentages are of `whole`."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)(in|mm|pt|%)", length)
    if not match:
        raise ValueError(f"not a length: {length!r}")
    number, unit = float(match.group(1)), match.group(2)
    return whole * number / 100 if unit == "%" else number * UNITS[unit]


class Margins(BaseModel):
    """Space between each panel's edges and its live area."""

    model_config = STRICT
    top: Length
    right: Length
    bottom: Length
    left: Length


class Size(BaseModel):
    """One size of the theme's type scale."""

    model_config = STRICT
    size: float = Field(ge=9, le=72)
    """Type size in points (never below 9)."""
    leading: float = Field(ge=9, le=90)
    """Distance between lines in points."""


class Style(BaseModel):
    """How one kind of text looks."""

    model_config = STRICT
    font: Literal["regular", "semibold", "bold", "italic"] = "regular"
    """The weight or slant of the typeface."""
    size: Id | Annotated[float, Field(ge=9, le=72)]
    """A size of the theme's scale (`body`, `heading` ...), or points (never below 9). Text
    at the body size or smaller shrinks with the body when a page is long; larger text
    (headings, titles, figures) never does."""
    leading: float | None = Field(default=None, ge=9, le=90)
    """Distance between lines in points (default: the scale size's leading)."""
    colour: Id = "ink"
    """A name from `colours`."""
    space_before: float = Field(default=0, ge=0, le=72)
    space_after: float = Field(default=0, ge=0, le=72)
    align: Literal["left", "centre", "right"] = "left"
    indent: float = Field(default=0, ge=0, le=72)
    """Left indent in points (bullets hang in it)."""
    upper: bool = False
    """Print in capitals."""
    keep_last_words: bool = False
    """Keep the last two words on one line, so no word ends the text alone (headings,
    tagged H1 to H3, always do)."""
    tag: Literal["H1", "H2", "H3", "P"] = "P"
    """What the text is to a screen reader: a heading of level 1 to 3, or a paragraph."""


class Theme(BaseModel):
    """Colours and styles every layout starts from (`layouts/common/theme.yaml`); a project's
    own `layouts/common/theme.yaml` names only those it adds or changes."""

    model_config = STRICT
    sizes: dict[Id, Size] = Field(default_factory=dict)
    """The type scale: a few named sizes (title, lead, heading, body, caption) styles use."""
    colours: dict[Id, ColourValue] = Field(default_factory=dict)
    styles: dict[Id, Style] = Field(default_factory=dict)


class PanelSpec(BaseModel):
    """A strip of the sheet between folds; its width may differ by paper."""

    model_config = STRICT
    name: Id
    width: Length | dict[Paper, Length]
    """One length for every paper, or one per paper: {letter: 3.6875in, a4: 100mm}."""


class FrameSpec(BaseModel):
    """A box in a panel that holds one or more sections."""

    model_config = STRICT
    name: Id
    """Named in overflow messages."""
    panel: Id | None = None
    """The panel it sits in (default: the page's first panel)."""
    x: Length
    """Left edge, from the panel's live area's left edge."""
    y: Length
    """Top edge, from the panel's live area's top edge."""
    width: Length
    height: Length
    sections: list[Id] = Field(min_length=1, max_length=12)
    """Templates to fill the frame with, in order (each a `<name>.j2`)."""
    background: Id | None = None
    """A name from `colours` to fill the frame with."""
    extend: list[Side] = Field(default_factory=list, max_length=4)
    """Sides whose background reaches out to the panel's edge (and into the bleed)."""
    padding: Length | Annotated[list[Length], Field(min_length=2, max_length=2)] = "0pt"
    """Space inside the frame's edge: one length, or [top and bottom, left and right] (a
    band's text can then start on the page's left edge of text)."""
    align: Literal["top", "middle", "bottom"] = "top"
    """Where the content sits when it is shorter than the frame."""


class PageSpec(BaseModel):
    model_config = STRICT
    name: Name
    panels: list[PanelSpec] = Field(default_factory=list, max_length=6)
    """Strips across the sheet, left to right; none means one panel, the whole sheet."""
    frames: list[FrameSpec] = Field(min_length=1, max_length=24)


class LayoutSpec(BaseModel):
    """A page layout: paper, margins, panels, frames, and any changes to the theme."""

    model_config = STRICT
    name: Name
    """The layout's display name."""
    description: Line
    """What it is for."""
    paper: Paper = "letter"
    """The paper it is built for unless `--paper` or the project's config says otherwise."""
    orientation: Literal["portrait", "landscape"] = "portrait"
    margins: Margins
    """Each panel's live area inside its edges (at the sheet's edge, at least 0.25in)."""
    fold_guides: bool = False
    """Mark the folds in the bleed of print-shop files, outside the trimmed sheet."""
    body_floor: float = Field(default=9, ge=9, le=14)
    """The smallest body size text may shrink to when a section is long."""
    colours: dict[Id, ColourValue] = Field(default_factory=dict)
    """Colours added to or replacing the theme's."""
    styles: dict[Id, Style] = Field(default_factory=dict)
    """Styles added to or replacing the theme's."""
    pages: list[PageSpec] = Field(min_length=1, max_length=8)
    balance: list[Id] = Field(default_factory=list, max_length=8)
    """Frames read as one column, in this order: their sections are shared out again, a frame
    starting at a heading or inside a list, so that those on one page end level."""
    reading_order: list[Id] = Field(default_factory=list, max_length=48)
    """The frames in the order a person reads them, where that is not page by page in the
    order they are listed (a tri-fold is read cover first); every frame, each once."""


@dataclass(frozen=True)
class Panel:
    name: str
    box: Rect
    live: Rect


@dataclass(frozen=True, eq=False)
class Layout:
    """A validated layout, its theme merged in, and where its templates are."""

    id: str
    spec: LayoutSpec
    colours: dict[str, str]
    styles: dict[str, Style]
    template_dirs: tuple[Path, ...]
    """Where its templates are looked up, the first that has one winning: the project's
    layout folder, the standard one, the project's `common`, the standard `common`."""
    icons: Icons = field(default_factory=Icons)
    """Which icon stands for each quick fact and field of work (`icons.yaml`)."""

    sizes: dict[str, Size] = field(default_factory=dict)
    """The theme's type scale."""

    def size(self, style: str) -> tuple[float, float]:
        """Style `style`'s type size and leading in points."""
        s = self.styles[style]
        named = self.sizes[s.size] if isinstance(s.size, str) else None
        size = named.size if named else float(s.size)
        leading = s.leading if s.leading is not None else (named.leading if named else size)
        return size, leading

    def page_size(self, paper: Paper) -> tuple[float, float]:
        w, h = PAPER[paper]
        return (h, w) if self.spec.orientation == "landscape" else (w, h)

    def panels(self, page: int, paper: Paper) -> list[Panel]:
        """The panels of page `page` (from 0) on `paper`, left to right."""
        return _panels(self.spec, self.spec.pages[page], paper)


def _panels(spec: LayoutSpec, page: PageSpec, paper: Paper) -> list[Panel]:
    w, h = PAPER[paper] if spec.orientation == "portrait" else PAPER[paper][::-1]
    m = spec.margins
    specs = page.panels or [PanelSpec(name="page", width="100%")]
    out, x = [], 0.0
    for panel in specs:
        width_spec = panel.width if isinstance(panel.width, str) else panel.width.get(paper)
        width = points(width_spec, w) if width_spec else 0.0
        left, top = points(m.left, width), points(m.top, h)
        live = Rect(x + left, top, width - left - points(m.right, width),
                    h - top - points(m.bottom, h))
        out.append(Panel(panel.name, Rect(x, 0.0, width, h), live))
        x += width
    return out


def frame_box(frame: FrameSpec, panel: Panel) -> Rect:
    """Where a frame sits on the sheet."""
    live = panel.live
    return Rect(live.x + points(frame.x, live.width), live.y + points(frame.y, live.height),
                points(frame.width, live.width), points(frame.height, live.height))


def load_layout(layout_id: str, folder: Path, dirs: tuple[Path, ...], display: str,
                theme: Theme) -> Layout:
    """Read and check `folder/layout.yaml`, including that every section has a template in
    one of `dirs`, the folders its templates are looked up in, first found first."""
    doc = read_yaml(folder / "layout.yaml", display)
    spec = parse(LayoutSpec, doc)
    colours = {**theme.colours, **spec.colours}
    styles = {**theme.styles, **spec.styles}
    problems = _check(spec, doc, dirs, colours, styles)
    problems += _size_problems(doc, spec.styles, theme.sizes)
    if problems:
        raise DataError(list(dict.fromkeys(problems)))  # one message per problem, any paper
    return Layout(layout_id, spec, colours, styles, dirs, load_icons(dirs), dict(theme.sizes))


def load_theme(path: Path, display: str, under: Theme | None = None) -> Theme:
    """The theme in `path`; over `under`, that theme with the colours and styles `path`
    names added or replaced (a style is replaced whole)."""
    doc = read_yaml(path, display)
    theme = parse(Theme, doc)
    under = under or Theme()
    colours = {**under.colours, **theme.colours}
    sizes = {**under.sizes, **theme.sizes}
    problems = _colour_problems(doc, theme.colours, theme.styles, colours)
    problems += _size_problems(doc, theme.styles, sizes)
    if problems:
        raise DataError(problems)
    return Theme(sizes=sizes, colours=colours, styles={**under.styles, **theme.styles})


def _size_problems(doc: Document, styles: dict[str, Style],
                   sizes: dict[str, Size]) -> list[Problem]:
    """Styles whose size is not on the scale, or is points without a leading."""
    problems: list[Problem] = []
    for name, style in styles.items():
        if isinstance(style.size, str) and style.size not in sizes:
            problems.append(doc.problem(("styles", name, "size"),
                                        f"unknown size {style.size!r}",
                                        f"the theme's sizes: {', '.join(sizes)}"))
        elif not isinstance(style.size, str) and style.leading is None:
            problems.append(doc.problem(("styles", name), "give a leading with a size in "
                                                          "points"))
    return problems


def _colour_problems(doc: Document, named: dict[str, str], styles: dict[str, Style],
                     colours: dict[str, str]) -> list[Problem]:
    """Tints of, and styles in, colours that are not among `colours`, where `doc` names
    them."""
    problems: list[Problem] = []
    for name, value in named.items():
        base = value.split()[0]
        if not base.startswith("#") and base not in colours:
            problems.append(doc.problem(("colours", name), f"unknown colour {base!r}"))
    for name, style in styles.items():
        if style.colour not in colours:
            problems.append(doc.problem(("styles", name, "colour"),
                                        f"unknown colour {style.colour!r}",
                                        f"known colours: {', '.join(colours)}"))
    return problems


def _check(spec: LayoutSpec, doc: Document, dirs: tuple[Path, ...], colours: dict[str, str],
           styles: dict[str, Style]) -> list[Problem]:
    problems: list[Problem] = []
    for name in ("ink", "paper"):
        if name not in colours:
            problems.append(doc.problem(("colours",), f"needs a '{name}' colour"))
    if "body" not in styles:
        problems.append(doc.problem(("styles",), "needs a 'body' style"))
    problems += _colour_problems(doc, spec.colours, spec.styles, colours)
    for p, page in enumerate(spec.pages):
        names = [panel.name for panel in page.panels]
        for i, panel in enumerate(page.panels):
            if isinstance(panel.width, dict) and set(panel.width) != {"letter", "a4"}:
                problems.append(doc.problem(("pages", p, "panels", i, "width"),
                                            "give a width for both letter and a4"))
        for paper in PAPERS:
            problems += _check_geometry(spec, doc, p, page, paper)
        for f, frame in enumerate(page.frames):
            key = ("pages", p, "frames", f)
            if frame.panel is not None and frame.panel not in names:
                problems.append(doc.problem((*key, "panel"), f"no panel named {frame.panel!r} "
                                                             "on this page"))
            if frame.background and frame.background not in colours:
                problems.append(doc.problem((*key, "background"),
                                            f"unknown colour {frame.background!r}"))
            for s, section in enumerate(frame.sections):
                if not any((d / f"{section}.j2").is_file() for d in dirs):
                    problems.append(doc.problem((*key, "sections", s),
                                                f"no template {section}.j2 in the layout or "
                                                "in layouts/common"))
    if spec.reading_order:
        problems += _check_reading_order(spec, doc)
    frame_names = [frame.name for page in spec.pages for frame in page.frames]
    for b, name in enumerate(spec.balance):
        if name not in frame_names:
            problems.append(doc.problem(("balance", b), f"no frame named {name!r}"))
        elif name in spec.balance[:b]:
            problems.append(doc.problem(("balance", b), f"lists {name!r} twice"))
    return problems


def _check_reading_order(spec: LayoutSpec, doc: Document) -> list[Problem]:
    """A reading order names every frame once, and frames by names that are unique."""
    names = [frame.name for page in spec.pages for frame in page.frames]
    listed = spec.reading_order
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        return [doc.problem(("reading_order",), f"frames {', '.join(twice)} share a name; "
                                                "give each frame its own name to list it")]
    problems = [doc.problem(("reading_order", i), f"no frame named {name!r}")
                for i, name in enumerate(listed) if name not in names]
    missing = [n for n in names if n not in listed]
    repeated = sorted({n for n in listed if listed.count(n) > 1})
    if missing:
        problems.append(doc.problem(("reading_order",), f"leaves out {', '.join(missing)}",
                                    "list every frame once, in the order a person reads"))
    if repeated:
        problems.append(doc.problem(("reading_order",), f"lists {', '.join(repeated)} twice"))
    return problems


def _check_geometry(spec: LayoutSpec, doc: Document, p: int, page: PageSpec,
                    paper: Paper) -> list[Problem]:
    problems: list[Problem] = []
    if any(isinstance(panel.width, dict) and paper not in panel.width for panel in page.panels):
        return problems
    w, h = PAPER[paper] if spec.orientation == "portrait" else PAPER[paper][::-1]
    panels = _panels(spec, page, paper)
    total = sum(panel.box.width for panel in panels)
    if abs(total - w) > 0.72:
        problems.append(doc.problem(("pages", p, "panels"), f"panel widths add up to "
                                                            f"{total / 72:.3f}in on {paper}; "
                                                            f"the sheet is {w / 72:.3f}in wide"))
    first, last = panels[0].live, panels[-1].live
    gaps = {"top": first.y, "bottom": h - first.y - first.height, "left": first.x,
            "right": w - last.x - last.width}
    for side, gap in gaps.items():
        if gap < SAFE_EDGE - 0.01:
            problems.append(doc.problem(("margins", side), f"puts the {side} of the live area "
                                                          f"closer than 0.25in to the edge on "
                                                          f"{paper}",
                                        "office printers cannot print there"))
    by_name = {panel.name: panel for panel in panels}
    for f, frame in enumerate(page.frames):
        panel = by_name.get(frame.panel or panels[0].name)
        if panel is None:
            continue
        box = frame_box(frame, panel)
        live = panel.live
        if (box.x + box.width > live.x + live.width + 0.01
                or box.y + box.height > live.y + live.height + 0.01):
            problems.append(doc.problem(("pages", p, "frames", f),
                                        f"frame '{frame.name}' reaches outside the live area "
                                        f"of its panel on {paper}"))
    return problems
