"""Words read back from a PDF with their places, as poppler's `pdftotext -bbox` gives them."""
from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

WORD = re.compile(r'<page width="[\d.]+" height="[\d.]+">|<word xMin="([\d.]+)" '
                  r'yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')

Box = tuple[float, float, float, float]


def pages_of_words(pdf: Path, page: int | None = None) -> list[list[tuple[str, Box]]]:
    """Each page's words (or one page's, counted from 1) with their boxes (left, top, right,
    bottom)."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    out = subprocess.run(["pdftotext", "-bbox", *pages, str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    found: list[list[tuple[str, Box]]] = []
    for match in WORD.finditer(out):
        if match.group(1) is None:
            found.append([])
            continue
        left, top, right, bottom = (float(match.group(i)) for i in range(1, 5))
        found[-1].append((html.unescape(match.group(5)), (left, top, right, bottom)))
    return found


def word_boxes(pdf: Path, page: int) -> list[tuple[str, float, float, float]]:
    """Each word on one page with its left edge, right edge and top."""
    return [(word, left, right, top)
            for word, (left, top, right, _) in pages_of_words(pdf, page)[0]]
