"""Which characters the embedded typeface can draw, read from its font files' character
maps, so that a record is checked without loading the renderer."""

from __future__ import annotations

from functools import cache

from brochure.typeface import FACE_FILES, FILES

COMMON = frozenset(
    [*range(0x20, 0x7F), *range(0xA0, 0x100),  # ASCII and Latin-1, less their controls
     0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2026, 0x20AC, 0x2122])
"""Characters every face draws (a test checks it): text made only of these needs no font
file read, which keeps a cold build from paying for reading five character maps."""


@cache
def coverage() -> frozenset[int]:
    """Characters every face can draw: a layout may set any text in any face (the italic
    lacks Greek and Cyrillic, for one), so only these are safe everywhere."""
    from fontTools.ttLib import TTFont

    maps = []
    for name in FACE_FILES.values():
        with TTFont(FILES / name, lazy=True) as font:
            maps.append(frozenset(font.getBestCmap()))
    return frozenset.intersection(*maps)


def missing_characters(text: str) -> list[str]:
    """Characters in `text` the typeface cannot draw (they would print as empty boxes)."""
    odd = {ch for ch in text if ord(ch) not in COMMON and ch not in "\n\t"}
    if not odd:
        return []
    covered = coverage()
    return sorted(ch for ch in odd if ord(ch) not in covered)
