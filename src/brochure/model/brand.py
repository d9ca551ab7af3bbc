"""The organisation's brand (`brand.yaml`): name, logo, colours, contact, event, QR target."""

from __future__ import annotations

import io
import re
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from brochure.errors import DataError, Problem
from brochure.files import FileTooBig, NotRegularFile, read_bounded
from brochure.model.fields import COLOUR_PATTERN, EMAIL_PATTERN, STRICT, Line, Name, Url
from brochure.model.palette import contrast
from brochure.model.source import read_yaml
from brochure.model.validate import parse, unprintable

Colour = Annotated[str, Field(pattern=COLOUR_PATTERN)]
"""A colour as #RRGGBB."""
Email = Annotated[str, Field(pattern=EMAIL_PATTERN, max_length=120)]
"""An email address."""
MAX_LOGO_BYTES = 2_000_000
MAX_LOGO_PIXELS = 25_000_000
"""25 megapixels (5,000 × 5,000): far more than a printed logo needs, and a bounded cost."""
LOGO_HINT = "use a PNG or JPEG file under 2 MB beside brand.yaml"
MIN_CONTRAST = 4.5
MAX_INK = 300
"""The most ink, in per cent of all four together, a brand's CMYK colour may lay down."""
InkPercent = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]
Inks = Annotated[list[InkPercent], Field(min_length=4, max_length=4)]
"""Cyan, magenta, yellow and black ink, in per cent: [100, 60, 0, 20]."""
WHITE = "#ffffff"
SLUG_LIMIT = 30
"""The most characters a brand adds to a brochure's file name."""


class Contact(BaseModel):
    model_config = STRICT
    address: Line | None = None
    """Postal address on one line."""
    phone: Name | None = None
    email: Email | None = None
    website: Url | None = None


class Event(BaseModel):
    """A career fair or open day the brochures are printed for."""

    model_config = STRICT
    name: Name
    date: Name
    """As it should be printed, such as 'Saturday 14 March 2027, 10am–3pm'."""
    place: Line
    booth: Name | None = None


class BrandInks(BaseModel):
    """The brand's colours as a printer's four inks, for print-shop (--bleed) files."""

    model_config = STRICT
    primary: Inks | None = None
    """The primary colour as [cyan, magenta, yellow, black] per cent, such as [100, 60, 0, 20]."""
    accent: Inks | None = None
    """The accent colour likewise."""


class BrandSpec(BaseModel):
    """An organisation's brand, applied to every layout."""

    model_config = STRICT
    organisation: Name | None = None
    """The school, college or centre's name."""
    logo: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    """A PNG or JPEG file, relative to the brand file."""
    primary: Colour = "#1d4e89"
    """Bands and headings; white text must stand out on it (contrast 4.5:1 or more)."""
    accent: Colour = "#b45309"
    """Bullets and small highlights."""
    cmyk: BrandInks = Field(default_factory=BrandInks)
    """The brand's own CMYK for print-shop files; a colour not given is converted from its
    #RRGGBB (brochure check --bleed shows the result)."""
    contact: Contact = Field(default_factory=Contact)
    event: Event | None = None
    qr: Literal["career"] | Url = "career"
    """Where the QR code leads: each career's more-information link, or one link for all."""
    footer: Line | None = None
    """A note printed in every footer."""


@dataclass(frozen=True)
class Brand:
    """A validated brand with its logo read."""

    spec: BrandSpec
    logo: bytes | None
    slug: str | None = None
    """What the brand adds to each brochure's file name; None for the neutral default."""

    def qr_target(self, career_link: str) -> str:
        return career_link if self.spec.qr == "career" else self.spec.qr


def load_brand(path: Path, display: str) -> Brand:
    """Read `path`, check the colours' contrast and that the logo is a real PNG or JPEG."""
    doc = read_yaml(path, display)
    spec = parse(BrandSpec, doc)
    problems: list[Problem] = []
    ratio = contrast(WHITE, spec.primary)
    if ratio < MIN_CONTRAST:
        problems.append(doc.problem(
            ("primary",), f"white text on {spec.primary} has a contrast ratio of "
                          f"{ratio:.1f}:1; it needs at least {MIN_CONTRAST}:1 to be read easily",
            "choose a darker colour"))
    for name in ("primary", "accent"):
        given = getattr(spec.cmyk, name)
        if given is not None and sum(given) > MAX_INK:
            problems.append(doc.problem(
                ("cmyk", name), f"{_percent(given)} lays down {sum(given):g} % ink; a press "
                                f"takes at most {MAX_INK} %", "use less cyan, magenta or yellow"))
    problems += unprintable(doc)
    logo = None
    if spec.logo is not None:
        try:
            logo = read_logo(path.parent, spec.logo)
        except LogoError as exc:
            problems.append(doc.problem(("logo",), str(exc), exc.hint))
    if problems:
        raise DataError(problems)
    name = file_slug(spec.organisation or "") or file_slug(path.stem) or "brand"
    return Brand(spec, logo, name)


def _percent(values: list[float]) -> str:
    return "[" + ", ".join(f"{v:g}" for v in values) + "]"


def given_inks(spec: BrandSpec) -> dict[str, tuple[float, float, float, float]]:
    """The brand's CMYK colours by name (primary, accent), each ink from 0 to 1."""
    out = {}
    for name in ("primary", "accent"):
        given = getattr(spec.cmyk, name)
        if given is not None:
            c, m, y, k = (round(v / 100, 4) for v in given)
            out[name] = (c, m, y, k)
    return out


def file_slug(text: str) -> str:
    """'Riverside Community College Careers Centre' → 'riverside-community-college': plain
    lower-case letters and digits in whole words, at most SLUG_LIMIT characters."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", folded)
    kept = ""
    for word in words:
        longer = f"{kept}-{word}" if kept else word
        if len(longer) > SLUG_LIMIT:
            break
        kept = longer
    return kept or (words[0][:SLUG_LIMIT] if words else "")


class LogoError(ValueError):
    """Why a logo cannot be used, in words that name nothing outside the brand's folder."""

    def __init__(self, message: str, hint: str = LOGO_HINT) -> None:
        self.hint = hint
        super().__init__(message)


def read_logo(folder: Path, name: str) -> bytes:
    """The logo `name` in the brand file's `folder`: a PNG or JPEG file inside that folder
    (links included: where it leads must be inside too), at most MAX_LOGO_BYTES and
    MAX_LOGO_PIXELS, whose header is read before any pixel is decoded."""
    inside = folder.resolve()
    shown = name if len(name) <= 60 and name.isprintable() else "the logo"
    target = Path(name)
    if target.is_absolute() or ".." in target.parts or "\\" in name:
        raise LogoError(f"{shown}: the logo must be a file in the brand file's own folder",
                        "copy the logo beside brand.yaml and give just its file name")
    try:
        real = (folder / target).resolve()
    except (OSError, RuntimeError):  # a loop of links
        real = None
    if real is None or not real.is_relative_to(inside):
        raise LogoError(f"{shown}: the logo must be a file in the brand file's own folder",
                        "copy the logo beside brand.yaml and give just its file name")
    try:
        data = read_bounded(real, MAX_LOGO_BYTES)
    except FileTooBig as exc:
        raise LogoError(f"{shown} is {exc.size:,} bytes; the limit is {MAX_LOGO_BYTES:,}") \
            from None
    except NotRegularFile:
        raise LogoError(f"{shown} is not an ordinary file") from None
    except FileNotFoundError:
        raise LogoError(f"no file {shown} beside the brand file") from None
    except OSError as exc:
        raise LogoError(f"cannot read {shown} ({exc.strerror or 'unreadable'})") from None
    check_logo_image(data, shown)
    return data


def check_logo_image(data: bytes, shown: str) -> None:
    """Refuse anything but a sound PNG or JPEG of a sensible size, judged from its header
    first: a small file can declare a picture of billions of pixels (a decompression bomb)."""
    if not (data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff")):
        raise LogoError(f"{shown} is not a PNG or JPEG image")
    from PIL import Image

    try:
        with warnings.catch_warnings():
            # Pillow's own warning comes at 89 million pixels; ours is far lower, below.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            opened = Image.open(io.BytesIO(data), formats=("PNG", "JPEG"))
    except Image.DecompressionBombError:
        raise LogoError(f"{shown} is far larger than {MAX_LOGO_PIXELS // 1_000_000} million "
                        "pixels", "a logo needs no more than about 2,000 pixels across; "
                        "save a smaller copy") from None
    except Exception:
        raise LogoError(f"{shown} is damaged or not a readable image") from None
    try:
        with opened as image:
            width, height = image.size
            if width * height > MAX_LOGO_PIXELS:
                raise LogoError(
                    f"{shown} is {width:,} × {height:,} pixels; the limit is "
                    f"{MAX_LOGO_PIXELS // 1_000_000} million pixels",
                    "a logo needs no more than about 2,000 pixels across; save a smaller copy")
            image.verify()
    except LogoError:
        raise
    except Exception:
        raise LogoError(f"{shown} is damaged or not a readable image") from None


DEFAULT = Brand(BrandSpec(), None)
