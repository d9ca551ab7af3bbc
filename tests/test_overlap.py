"""No word is printed over another: every career in every layout on both papers, in colour
and in grey, read back from the PDFs with poppler's word boxes (issue 12)."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from needs import tools
from words import Box, pages_of_words

needs = tools("pdftotext", package="poppler-utils")


def core(box: Box) -> Box:
    """A word's box without the room its font keeps above and below the letters (poppler's
    boxes reach the font's full ascent and descent, more than tight leading leaves), and half
    a point at each side."""
    left, top, right, bottom = box
    height = bottom - top
    return left + 0.5, top + 0.3 * height, right - 0.5, bottom - 0.25 * height


def clashes(words: list[tuple[str, Box]]) -> list[tuple[str, str]]:
    """Pairs of words whose letters cover the same place."""
    boxes = sorted(((core(box), word) for word, box in words), key=lambda item: item[0][0])
    found = []
    for i, (a, word) in enumerate(boxes):
        for b, other in boxes[i + 1:]:
            if b[0] >= a[2]:
                break  # sorted by left edge: nothing further right can touch this word
            if b[1] < a[3] and a[1] < b[3]:
                found.append((word, other))
    return found


def test_the_check_finds_two_words_printed_over_each_other() -> None:
    one = ("Median", (100.0, 100.0, 130.0, 112.0))
    assert clashes([one, ("$51,140", (120.0, 101.0, 150.0, 113.0))]) == [("Median", "$51,140")]
    # Side by side, or on lines one after the other, is no clash.
    assert clashes([one, ("pay", (132.0, 100.0, 150.0, 112.0)),
                    ("below", (100.0, 111.0, 130.0, 123.0))]) == []


@needs
def test_no_word_is_printed_over_another_in_any_brochure(every_brochure: Path) -> None:
    pdfs = sorted(every_brochure.glob("*.pdf"))
    assert len(pdfs) >= 606
    found = [(pdf.name, page, pair) for pdf in pdfs
             for page, words in enumerate(pages_of_words(pdf), start=1)
             for pair in clashes(words)]
    assert found == []


@needs
@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_no_word_is_printed_over_another_in_grey(run, tmp_path: Path, paper: str) -> None:  # type: ignore[no-untyped-def]
    for layout in ("handout", "trifold", "flyer"):
        result = run("-C", ROOT, "build", "--layout", layout, "--paper", paper, "--grayscale",
                     "--out", tmp_path)
        assert result.code == 0, result.err
    pdfs = sorted(tmp_path.glob("*-grey.pdf"))
    assert len(pdfs) == 303
    found = [(pdf.name, page, pair) for pdf in pdfs
             for page, words in enumerate(pages_of_words(pdf), start=1)
             for pair in clashes(words)]
    assert found == []
