"""The typeface every brochure is set in: Source Sans Pro, from the font-source-sans-pro
package. Validation reads its character maps; render embeds it."""

from __future__ import annotations

from pathlib import Path

import font_source_sans_pro

FILES = Path(font_source_sans_pro.__file__).parent / "files"
"""Source Sans Pro, shipped by the font-source-sans-pro package."""
FACE_FILES = {
    "regular": "SourceSansPro-Regular.ttf",
    "italic": "SourceSansPro-It.ttf",
    "semibold": "SourceSansPro-Semibold.ttf",
    "bold": "SourceSansPro-Bold.ttf",
    "bolditalic": "SourceSansPro-BoldIt.ttf",
}
"""Each weight's font file in FILES."""
