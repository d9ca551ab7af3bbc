"""The organisation's brand (`brand.yaml`): name, logo, colours, contact, event, QR target."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from brochure.errors import DataError, Problem
from brochure.fields import EMAIL_PATTERN, STRICT, Line, Name, Url
from brochure.palette import contrast
from brochure.source import read_yaml
from brochure.validate import parse, unprintable

Colour = Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$")]
"""A colour as #RRGGBB."""
Email = Annotated[str, Field(pattern=EMAIL_PATTERN, max_length=120)]
"""An email address."""
MAX_LOGO_BYTES = 2_000_000
MIN_CONTRAST = 4.5
WHITE = "#ffffff"


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
    source: str

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
    problems += unprintable(doc)
    logo = None
    if spec.logo is not None:
        file = (path.parent / spec.logo)
        message = _check_logo(file)
        if message:
            problems.append(doc.problem(("logo",), message,
                                        "use a PNG or JPEG file under 2 MB beside brand.yaml"))
        else:
            logo = file.read_bytes()
    if problems:
        raise DataError(problems)
    return Brand(spec, logo, display)


def _check_logo(file: Path) -> str | None:
    if not file.is_file():
        return f"no file {file.name} beside the brand file"
    size = file.stat().st_size
    if size > MAX_LOGO_BYTES:
        return f"{file.name} is {size:,} bytes; the limit is {MAX_LOGO_BYTES:,}"
    head = file.read_bytes()[:8]
    if not (head.startswith(b"\x89PNG\r\n\x1a\n") or head.startswith(b"\xff\xd8\xff")):
        return f"{file.name} is not a PNG or JPEG image"
    try:
        from PIL import Image

        with Image.open(file) as image:
            image.verify()
    except Exception:
        return f"{file.name} is damaged or not a readable image"
    return None


DEFAULT = Brand(BrandSpec(), None, "default brand")
