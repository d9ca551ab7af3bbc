"""A layout: page geometry, type and colour as data in `layouts/<name>/layout.yaml`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from brochure.errors import DataError, Problem
from brochure.fields import STRICT, Id, Line, Name
from brochure.source import Document, read_yaml
from brochure.validate import parse

Length = Annotated[str, Field(pattern=r"^\d+(\.\d+)?(in|mm|pt|%)$")]
"""A length such as 0.5in, 12mm, 36pt, or a percentage of the live area."""
Colour = Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")]
"""A colour as #RRGGBB."""

PAPER = {"letter": (612.0, 792.0), "a4": (595.2756, 841.8898)}
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
    model_config = STRICT
    top: Length
    right: Length
    bottom: Length
    left: Length


class Style(BaseModel):
    """How one kind of text looks."""

    model_config = STRICT
    font: Literal["regular", "semibold", "bold", "italic"] = "regular"
    """The weight or slant of the typeface."""
    size: float = Field(ge=6, le=72)
    """Type size in points before any shrinking to fit."""
    leading: float = Field(ge=6, le=90)
    """Distance between lines in points."""
    colour: str = "ink"
    """A name from `colours`."""
    space_before: float = Field(default=0, ge=0, le=72)
    space_after: float = Field(default=0, ge=0, le=72)
    align: Literal["left", "centre", "right"] = "left"
    indent: float = Field(default=0, ge=0, le=72)
    """Left indent in points (bullets hang in it)."""
    upper: bool = False
    """Print in capitals."""


class FrameSpec(BaseModel):
    """A box on the page that holds one or more sections."""

    model_config = STRICT
    name: Id
    """Named in overflow messages."""
    x: Length
    """Left edge, from the live area's left edge."""
    y: Length
    """Top edge, from the live area's top edge."""
    width: Length
    height: Length
    sections: list[Id] = Field(min_length=1, max_length=12)
    """Templates to fill the frame with, in order (each a `<name>.j2`)."""
    background: str | None = None
    """A name from `colours` to fill the frame with."""
    padding: Length = "0pt"
    """Space inside the frame's edge."""
    align: Literal["top", "middle", "bottom"] = "top"
    """Where the content sits when it is shorter than the frame."""


class PageSpec(BaseModel):
    model_config = STRICT
    name: Name
    frames: list[FrameSpec] = Field(min_length=1, max_length=20)


class LayoutSpec(BaseModel):
    """A page layout: paper, margins, type, colours and frames."""

    model_config = STRICT
    name: Name
    """The layout's display name."""
    description: Line
    """What it is for."""
    paper: Literal["letter", "a4"] = "letter"
    orientation: Literal["portrait", "landscape"] = "portrait"
    duplex: Literal["long-edge", "short-edge", "single-sided"] = "long-edge"
    """How the sheet is printed: flip on the long edge, the short edge, or one side only."""
    margins: Margins
    """The live area's distance from the sheet's edges (at least 0.25in)."""
    body_floor: float = Field(default=9, ge=9, le=14)
    """The smallest body size text may shrink to when a section is long."""
    colours: dict[Id, Colour]
    """Named colours; `ink` is the text colour."""
    styles: dict[Id, Style]
    """Named text styles; `body` is the one that shrinks to `body_floor`."""
    pages: list[PageSpec] = Field(min_length=1, max_length=8)


@dataclass(frozen=True, eq=False)
class Layout:
    """A validated layout and where its templates are."""

    id: str
    spec: LayoutSpec
    folder: Path
    template_dirs: tuple[Path, ...]

    @property
    def page_size(self) -> tuple[float, float]:
        w, h = PAPER[self.spec.paper]
        return (h, w) if self.spec.orientation == "landscape" else (w, h)


def load_layout(layout_id: str, folder: Path, common: Path, display: str) -> Layout:
    """Read and check `folder/layout.yaml`, including that every section has a template."""
    doc = read_yaml(folder / "layout.yaml", display)
    spec = parse(LayoutSpec, doc)
    dirs = (folder, common)
    problems = _check(spec, doc, dirs)
    if problems:
        raise DataError(problems)
    return Layout(layout_id, spec, folder, dirs)


def _check(spec: LayoutSpec, doc: Document, dirs: tuple[Path, ...]) -> list[Problem]:
    problems: list[Problem] = []
    if "ink" not in spec.colours:
        problems.append(doc.problem(("colours",), "needs an 'ink' colour for text"))
    if "body" not in spec.styles:
        problems.append(doc.problem(("styles",), "needs a 'body' style"))
    for name, style in spec.styles.items():
        if style.colour not in spec.colours:
            problems.append(doc.problem(("styles", name, "colour"),
                                        f"unknown colour {style.colour!r}",
                                        f"known colours: {', '.join(spec.colours)}"))
    w, h = PAPER[spec.paper] if spec.orientation == "portrait" else PAPER[spec.paper][::-1]
    m = spec.margins
    edges = {"top": points(m.top, h), "right": points(m.right, w),
             "bottom": points(m.bottom, h), "left": points(m.left, w)}
    for side, value in edges.items():
        if value < SAFE_EDGE - 0.01:
            problems.append(doc.problem(("margins", side), "is closer than 0.25in to the edge",
                                        "office printers cannot print there"))
    live_w, live_h = w - edges["left"] - edges["right"], h - edges["top"] - edges["bottom"]
    for p, page in enumerate(spec.pages):
        for f, frame in enumerate(page.frames):
            key = ("pages", p, "frames", f)
            right = points(frame.x, live_w) + points(frame.width, live_w)
            bottom = points(frame.y, live_h) + points(frame.height, live_h)
            if right > live_w + 0.01 or bottom > live_h + 0.01:
                problems.append(doc.problem(key, f"frame '{frame.name}' reaches outside the "
                                                 "live area inside the margins"))
            if frame.background and frame.background not in spec.colours:
                problems.append(doc.problem((*key, "background"),
                                            f"unknown colour {frame.background!r}"))
            for s, section in enumerate(frame.sections):
                if not any((d / f"{section}.j2").is_file() for d in dirs):
                    problems.append(doc.problem((*key, "sections", s),
                                                f"no template {section}.j2 in the layout or "
                                                "in layouts/common"))
    return problems
