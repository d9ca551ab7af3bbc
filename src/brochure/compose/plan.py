"""The Plan: every page, frame and block of one brochure as plain values, for fit and draw."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from brochure.figures.tables import Figures
from brochure.model.layout import Layout, Paper, Rect

ChartKind = Literal["pay-range", "top-states", "outlook"]
Align = Literal["left", "centre", "right"]
CHARTS: tuple[ChartKind, ...] = ("pay-range", "top-states", "outlook")


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
