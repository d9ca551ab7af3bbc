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
    if unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cn") and ch not in "\n\u00ad\u200b\u200d":
        return "a control or unassigned character"
    return None


def clean_text(value: str) -> str:
    """NFC-normalise, fold whitespace, and refuse characters that cannot be printed."""
    for ch in value:
        why = _bad_character(ch)
        if why:
            raise ValueError(f"contains {why} (U+{ord(ch):04X}); remove it")
    value = unicodedata.normalize("NFC", value).replace("\u00ad", "")
    return " ".join(value.split())


# Limits are generous for a printed page but small enough to refuse a pasted book at once.
# Length limits come before cleaning so pydantic reports them as text lengths.
Name = Annotated[str, Field(min_length=1, max_length=80), AfterValidator(clean_text)]
"""A title or name: one short line."""
Line = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(clean_text)]
"""One sentence."""

Id = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", min_length=1, max_length=60)]
"""Lower-case letters, digits and single hyphens; it names the output file."""

Soc = Annotated[str, Field(pattern=r"^\d{2}-\d{4}$")]
"""A 2018 Standard Occupational Classification code such as 29-2072."""

Year = Annotated[int, Field(ge=1990, le=2100)]
"""A four-digit year."""


def _https(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.netloc or re.search(r"\s", value):
        raise ValueError("must be a full https:// address")
    return value


Url = Annotated[str, Field(min_length=9, max_length=300), AfterValidator(_https)]
"""A web address starting with https://."""
