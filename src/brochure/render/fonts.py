"""The embedded typeface: Source Sans Pro, shipped by the font-source-sans-pro package."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import font_source_sans_pro
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FILES = Path(font_source_sans_pro.__file__).parent / "files"
FACES = {
    "regular": ("SourceSans", "SourceSansPro-Regular.ttf"),
    "italic": ("SourceSans-Italic", "SourceSansPro-It.ttf"),
    "semibold": ("SourceSans-Semibold", "SourceSansPro-Semibold.ttf"),
    "bold": ("SourceSans-Bold", "SourceSansPro-Bold.ttf"),
    "bolditalic": ("SourceSans-BoldItalic", "SourceSansPro-BoldIt.ttf"),
}


@cache
def register() -> dict[str, str]:
    """Register the faces with reportlab once per process; map weight → font name."""
    for name, filename in FACES.values():
        pdfmetrics.registerFont(TTFont(name, str(FILES / filename)))
    regular, italic = FACES["regular"][0], FACES["italic"][0]
    bold, bolditalic = FACES["bold"][0], FACES["bolditalic"][0]
    # <b> and <i> inside a paragraph pick the right face, whatever the paragraph's weight:
    # base face → (plain, bold, italic, bold italic).
    table = {regular: (regular, bold, italic, bolditalic),
             FACES["semibold"][0]: (FACES["semibold"][0], bold, italic, bolditalic),
             italic: (italic, bolditalic, italic, bolditalic),
             bold: (bold, bold, bolditalic, bolditalic)}
    for base, (plain, b, i, bi) in table.items():
        addMapping(base, 0, 0, plain)
        addMapping(base, 1, 0, b)
        addMapping(base, 0, 1, i)
        addMapping(base, 1, 1, bi)
    return {weight: name for weight, (name, _) in FACES.items()}


@cache
def _coverage() -> frozenset[int]:
    """Characters every face can draw: a layout may set any text in any face (the italic
    lacks Greek and Cyrillic, for one), so only these are safe everywhere."""
    register()
    faces = [pdfmetrics.getFont(name).face for name, _ in FACES.values()]  # type: ignore[attr-defined]
    return frozenset.intersection(*(frozenset(f.charToGlyph) for f in faces))


def missing_characters(text: str) -> list[str]:
    """Characters in `text` the typeface cannot draw (they would print as empty boxes)."""
    covered = _coverage()
    return sorted({ch for ch in text if ord(ch) not in covered and ch not in "\n\t"})
