"""Field types shared by every schema: clean text with limits, ids, SOC codes, links."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, ConfigDict, Field

# Schemas are built on first use, so a command pays only for the ones it needs.
STRICT = ConfigDict(extra="forbid", strict=True, frozen=True, use_attribute_docstrings=True,
                    defer_build=True)

_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _bad_character(ch: str) -> str | None:
    code = ord(ch)
    if ch in _BIDI:
        return "a bidirectional control character"
    if 0xD800 <= code <= 0xDFFF:
        return "a lone surrogate"
    if (0xFDD0 <= code <= 0xFDEF) or (code & 0xFFFE) == 0xFFFE:
        return "a Unicode non-character"
    if unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cn") and ch not in _ALLOWED:
        return "a control or unassigned character"
    return None


# Tabs and line breaks are folded like spaces; a soft hyphen is dropped; the zero-width
# space and joiner pass here and are then refused by the typeface check.
_ALLOWED = "\t\n\r\u00ad\u200b\u200d"


def _check_characters(value: str) -> None:
    for ch in value:
        why = _bad_character(ch)
        if why:
            raise ValueError(f"contains {why} (U+{ord(ch):04X}); remove it")


def printed_form(value: str) -> str:
    """Text as it is printed: NFC-normalised, soft hyphens dropped, whitespace folded."""
    return " ".join(unicodedata.normalize("NFC", value).replace("\u00ad", "").split())


def clean_text(value: str) -> str:
    """NFC-normalise, fold whitespace, and refuse characters that cannot be printed."""
    _check_characters(value)
    value = printed_form(value)
    if not value:
        raise ValueError("must not be empty (it holds only spaces or invisible characters)")
    return value


# Limits are generous for a printed page but small enough to refuse a pasted book at once.
# Length limits come before cleaning so pydantic reports them as text lengths.
Name = Annotated[str, Field(min_length=1, max_length=80), AfterValidator(clean_text)]
"""A title or name: one short line."""
Line = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(clean_text)]
"""One sentence."""

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Id = Annotated[str, Field(pattern=ID_PATTERN, min_length=1, max_length=60)]
"""Lower-case letters, digits and single hyphens; it names the output file."""

COLOUR_PATTERN = r"^#[0-9a-fA-F]{6}$"
"""A colour as #RRGGBB."""

EMAIL_PATTERN = r"^[^@\s<>\"'()]+@[^@\s<>\"'()]+\.[A-Za-z]{2,}$"
"""An email address: something, @, a domain with a dot."""

SOC_PATTERN = r"^\d{2}-\d{4}$"
Soc = Annotated[str, Field(pattern=SOC_PATTERN, max_length=7)]
"""A 2018 Standard Occupational Classification code such as 29-2072."""

Year = Annotated[int, Field(ge=1990, le=2100)]
"""A four-digit year."""

# Bounds keep figures printable and drawable: no overflow when a chart scales them.
Dollars = Annotated[int, Field(gt=0, le=10_000_000)]
"""A yearly amount in whole US dollars."""
Count = Annotated[int, Field(gt=0, le=1_000_000_000)]
"""A number of people or jobs."""
Percent = Annotated[float, Field(ge=-100, le=1000, allow_inf_nan=False)]
"""A change in percent (−100 to 1000)."""


def _https(value: str) -> str:
    try:
        host = urlsplit(value).netloc
    except ValueError:  # such as an unclosed [ of an IPv6 address
        host = ""
    if not value.startswith("https://") or not host or re.search(r"\s", value):
        raise ValueError("must be a full https:// address")
    _check_characters(value)
    if not value.isprintable():
        raise ValueError("must be a full https:// address without spaces or invisible "
                         "characters")
    return value


Url = Annotated[str, Field(min_length=9, max_length=300), AfterValidator(_https)]
"""A web address starting with https://."""
