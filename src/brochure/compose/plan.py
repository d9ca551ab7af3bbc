"""The Plan: one brochure as plain values: pages, frames and blocks, every text run with its
resolved style, every chart with its figures already written out. Compose makes it; fit and
draw read it; nothing in it points back at the career, the figures or the layout."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from brochure.geometry import Rect

ChartKind = Literal["pay-range", "top-states", "outlook"]
Align = Literal["left", "centre", "right"]
Face = Literal["regular", "semibold", "bold", "italic"]
Tag = Literal["H1", "H2", "H3", "P"]
CHARTS: tuple[ChartKind, ...] = ("pay-range", "top-states", "outlook")


@dataclass(frozen=True)
class TextStyle:
    """How one kind of text looks at full size, colours resolved to #rrggbb."""

    face: Face
    size: float
    leading: float
    colour: str
    space_before: float = 0.0
    space_after: float = 0.0
    align: Align = "left"
    indent: float = 0.0
    """Left indent in points; a bullet hangs in it."""
    bullet_colour: str = "#000000"
    upper: bool = False
    """Set in capitals (the runs keep the words as written, for readers and search)."""
    keep_last_words: bool = False
    """The last two words share a line (headings always do)."""


@dataclass(frozen=True)
class Run:
    """A stretch of text in one weight and slant, perhaps a link. A run whose text is a
    line feed alone is a line break."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None
    """An https: or mailto: address."""


BREAK = Run("\n")


@dataclass(frozen=True)
class Text:
    """A paragraph: its runs in a resolved style; `role` is the layout's name for the style
    (heading, body, caption ...), which says what the paragraph is."""

    role: str
    style: TextStyle
    runs: tuple[Run, ...]
    bullet: str | None = None
    tag: Tag = "P"
    """What it is to a screen reader; an item with a bullet is a list item."""
    section: str = ""
    """The layout's section it belongs to."""

    @property
    def text(self) -> str:
        """The words, as a reader hears them."""
        return "".join(run.text for run in self.runs)


Cell = tuple[Run, ...]


@dataclass(frozen=True)
class Table:
    """Rows of cells; the first row is a header when `header` is set."""

    role: str
    style: TextStyle
    header_style: TextStyle
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[float, ...]
    """Relative column widths."""
    header: bool
    rule: str
    """The colour of the lines between rows."""
    section: str = ""


@dataclass(frozen=True)
class ChartInk:
    """The colours and type size a chart is drawn with, at full size."""

    text: str
    muted: str
    strong: str
    light: str
    rule: str
    paper: str
    size: float
    space_before: float
    space_after: float


@dataclass(frozen=True)
class Mark:
    """A value on a chart's scale, written out, with what it is."""

    value: float | None
    """None where BLS released no figure (the label says so)."""
    label: str
    or_more: bool = False
    """BLS gives only a floor ("$239,200 or more"): drawn reaching the axis's end."""


@dataclass(frozen=True)
class Tick:
    value: float
    label: str


@dataclass(frozen=True)
class Axis:
    """A chart's fixed scale, the same in every brochure so that any two compare."""

    low: float
    high: float
    ticks: tuple[Tick, ...]
    """The values marked and labelled along it."""


@dataclass(frozen=True)
class PayRange:
    """Yearly pay from the 10th to the 90th percentile, the middle half, and the median, on
    a shared axis with the median of all occupations marked."""

    kind: Literal["pay-range"]
    low: Mark
    """The 10th percentile."""
    high: Mark
    """The 90th percentile."""
    middle: tuple[float, float] | None
    """The 25th and 75th percentiles."""
    median: Mark | None
    reference: Mark | None
    """The median of all occupations, or None where the tables have none."""
    axis: Axis
    empty: str
    """What to print when there is no range."""
    alt: str = ""


@dataclass(frozen=True)
class StateRow:
    name: str
    jobs: int
    jobs_label: str
    pay_label: str


@dataclass(frozen=True)
class TopStates:
    """The states with the most jobs: a bar for each one's jobs, and its median pay."""

    kind: Literal["top-states"]
    headings: tuple[str, str, str]
    rows: tuple[StateRow, ...]
    empty: str
    alt: str = ""


@dataclass(frozen=True)
class OutlookRow:
    name: str
    change: float | None
    label: str
    strong: bool


@dataclass(frozen=True)
class Outlook:
    """Projected change in jobs for this occupation beside all occupations."""

    kind: Literal["outlook"]
    rows: tuple[OutlookRow, ...]
    axis: Axis
    widest: str
    """The widest value label the chart keeps room for."""
    empty: str
    alt: str = ""


ChartData = PayRange | TopStates | Outlook


@dataclass(frozen=True)
class Chart:
    """A vector chart `height` points tall at full size."""

    data: ChartData
    height: float
    ink: ChartInk
    section: str = ""

    @property
    def alt(self) -> str:
        """The chart's figures in words, for a screen reader."""
        return self.data.alt

    @property
    def kind(self) -> ChartKind:
        return self.data.kind


@dataclass(frozen=True)
class Picture:
    """A QR code for `target`, the brand's logo, or an icon (`data` its SVG, drawn in `ink`
    and read by no screen reader), `height` points tall."""

    kind: Literal["qr", "logo", "icon"]
    height: float
    align: Align
    target: str = ""
    data: bytes = b""
    ink: str = "#000000"
    paper: str = "#ffffff"
    grey: bool = False
    """Print the logo in grey."""
    alt: str = ""
    """What the picture is, in words, for a screen reader."""
    section: str = ""


@dataclass(frozen=True)
class Fact:
    """One quick fact: its icon (the SVG of one, or none) beside its lines of text."""

    icon: bytes
    texts: tuple[Text, ...]


@dataclass(frozen=True)
class Facts:
    """Quick facts in a grid of `columns`, each with its icon `icon_size` points square in
    `ink` (a decoration: the words say it all)."""

    facts: tuple[Fact, ...]
    columns: int
    icon_size: float
    ink: str
    gap: float
    """Points between facts, across and down."""
    section: str = ""


Block = Text | Table | Chart | Picture | Facts


@dataclass(frozen=True)
class FramePlan:
    """A frame's place on the sheet (points, from the trimmed sheet's top-left) and content."""

    name: str
    box: Rect
    padding: float
    background: str | None
    background_box: Rect
    align: Literal["top", "middle", "bottom"]
    blocks: tuple[Block, ...]
    sections: tuple[str, ...] = ()
    """The layout's sections printed in it, in order."""
    padding_sides: float | None = None
    """Space inside the left and right edges where it differs from `padding`, which is
    then the space at the top and bottom."""
    reading: int = 0
    """Its place in the order a person reads the brochure's frames."""

    @property
    def inset(self) -> float:
        """Space inside the frame's left and right edges."""
        return self.padding if self.padding_sides is None else self.padding_sides


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
class Fitting:
    """How type may shrink when a frame's text is long: from the body size, in steps, down to
    the floor; no style shrinks below the floor unless it started below it. Narrow columns
    are hyphenated by the patterns of the text's language."""

    body: float
    floor: float
    step: float = 0.25
    hyphenation: str = "en_US"
    """The hyphenation patterns' language (pyphen's name): the brochure's locale."""


@dataclass(frozen=True)
class Plan:
    """Everything fit and draw need for one brochure."""

    career_id: str
    layout_id: str
    paper: str
    page_size: tuple[float, float]
    """The trimmed sheet, in points."""
    bleed: float
    """How far the page extends past the trim on every side (0 for office printing)."""
    fitting: Fitting
    fold_guides: bool
    """Mark the folds in the bleed (print-shop files only; office files have no bleed)."""
    pages: tuple[PagePlan, ...]
    metadata: Metadata
    inks: tuple[tuple[str, tuple[float, float, float, float]], ...] = ()
    """CMYK (each 0 to 1) the brand gives for its colours, by the #rrggbb they print as;
    print-shop files use them instead of converting those colours."""
    balanced: tuple[str, ...] = ()
    """Frames read as one column: fit shares their blocks out again so that those on one page
    end level."""
