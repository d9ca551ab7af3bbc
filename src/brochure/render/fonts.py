"""The embedded typeface, Source Sans Pro, registered with reportlab."""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from brochure.typeface import FACE_FILES, FILES

NAMES = {
    "regular": "SourceSans",
    "italic": "SourceSans-Italic",
    "semibold": "SourceSans-Semibold",
    "bold": "SourceSans-Bold",
    "bolditalic": "SourceSans-BoldItalic",
}
"""The name reportlab knows each weight by."""
FACES = {weight: (name, FACE_FILES[weight]) for weight, name in NAMES.items()}


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

