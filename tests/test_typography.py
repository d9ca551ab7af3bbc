"""Type on the page: one type scale, true hanging indents, no word alone at the end of a
heading, addresses printed whole, and grey that prints (issue 12)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader
from pypdf.generic import ContentStream

from conftest import ROOT
from needs import tools
from words import word_boxes as _words

LAYOUTS = ("handout", "flyer", "trifold")
SCALE = {round(float(s["size"]), 2) for s in yaml.safe_load(
    (ROOT / "layouts" / "common" / "theme.yaml").read_text(encoding="utf-8"))["sizes"].values()}
BODY = 10.0
needs = tools("pdftotext", package="poppler-utils")


def _drawn(pdf: Path) -> tuple[list[tuple[int, str, float, tuple[float, ...]]],
                               list[tuple[int, float, float, float, float, tuple[float, ...]]]]:
    """Every piece of text drawn, as (page, font, size, fill colour), and every filled
    rectangle, as (page, x, y, width, height, fill colour), read from the content streams."""
    texts: list[tuple[int, str, float, tuple[float, ...]]] = []
    rects: list[tuple[int, float, float, float, float, tuple[float, ...]]] = []
    reader = PdfReader(pdf)
    for number, page in enumerate(reader.pages, start=1):
        fonts = page["/Resources"]["/Font"]
        fill: tuple[float, ...] = (0.0,)
        font, size = "", 0.0
        path: list[tuple[float, float, float, float]] = []
        stream = ContentStream(page.get_contents(), reader)
        for operands, op in stream.operations:
            if op == b"rg" or op == b"g":
                fill = tuple(float(v) for v in operands)
            elif op == b"Tf":
                font, size = str(fonts[operands[0]]["/BaseFont"]).split("+")[-1], float(operands[1])
            elif op in (b"Tj", b"TJ") and any(
                    (len(o) if isinstance(o, (bytes, str)) else 1) for o in operands):
                texts.append((number, font, round(size, 2), fill))
            elif op == b"re":
                path.append(tuple(float(v) for v in operands))  # type: ignore[arg-type]
            elif op in (b"f", b"f*", b"B", b"b"):
                rects += [(number, *r, fill) for r in path]
                path = []
            elif op in (b"n", b"S", b"s"):
                path = []
    return texts, rects


def _luminance(fill: tuple[float, ...]) -> float:
    if len(fill) == 1:
        return fill[0]
    r, g, b = fill
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize("layout", LAYOUTS)
def test_text_sizes_are_the_theme_scale_and_one_body_size_a_page(run, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                          layout: str) -> None:
    careers = ["medical-records-technician", "general-operations-manager", "registered-nurse"]
    result = run("-C", ROOT, "build", *careers, "--layout", layout, "--out", tmp_path)
    assert result.code == 0, result.err
    assert len(SCALE) == 5
    for career in careers:
        texts, _ = _drawn(tmp_path / f"{career}-{layout}.pdf")
        for page in {page for page, *_ in texts}:
            sizes = {size for number, _, size, _ in texts if number == page}
            off_scale = sizes - SCALE
            # At most one size off the scale on a page: the body size chosen for the page
            # to fit, smaller than the body.
            assert len(off_scale) <= 1, (career, page, sorted(sizes))
            assert all(9 <= size < BODY for size in off_scale), (career, page, sorted(sizes))


@needs
@pytest.mark.parametrize("layout", ["trifold", "handout"])
def test_list_items_hang_their_second_lines_under_the_first_lines_text(  # type: ignore[no-untyped-def]
        run, tmp_path: Path, layout: str) -> None:
    result = run("-C", ROOT, "build", "medical-records-technician", "--layout", layout,
                 "--out", tmp_path)
    assert result.code == 0, result.err
    pdf = tmp_path / f"medical-records-technician-{layout}.pdf"
    checked = 0
    for page in (1, 2):
        words = _words(pdf, page)
        for text, left, right, top in words:
            if not re.fullmatch(r"\d\.|•", text):
                continue
            line = [w for w in words if abs(w[3] - top) < 1 and right < w[1] < right + 20]
            following = [w for w in words if 8 < w[3] - top < 16 and left - 2 < w[1] < left + 40]
            if not line or not following:
                continue
            first_text = min(w[1] for w in line)
            second = min(following, key=lambda w: w[1])
            if re.fullmatch(r"\d\.|•", second[0]):
                continue  # a one-line item, the next item below it
            assert abs(second[1] - first_text) < 0.5, (text, second)
            checked += 1
    assert checked >= 4


def _links(pdf: Path) -> dict[int, list[str]]:
    reader = PdfReader(pdf)
    out: dict[int, list[str]] = {}
    for number, page in enumerate(reader.pages, start=1):
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                out.setdefault(number, []).append(str(action["/URI"]))
    return out


@needs
@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_printed_address_is_whole_on_one_line_and_short(run, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                              layout: str) -> None:
    from brochure.format import address

    brand = tmp_path / "brand.yaml"
    brand.write_text("organisation: Riverside College\nqr: https://www.example.edu/careers/"
                     "open-days-for-health-information-programmes/\n"
                     "contact:\n  website: https://www.example.edu/careers/\n"
                     "  email: careers@example.edu\n", encoding="utf-8")
    careers = ["medical-records-technician", "welder"]
    result = run("-C", ROOT, "build", *careers, "--layout", layout, "--brand", brand,
                 "--out", tmp_path / "out")
    assert result.code == 0, result.err
    printed = 0
    for pdf in (tmp_path / "out").glob("*.pdf"):
        for page, links in _links(pdf).items():
            forms = set()
            for link in links:
                short = address(link)
                site, _, path = short.partition("/")
                forms |= {short, site, f"{site}/…/{path.rstrip('/').rpartition('/')[2]}"}
            for word, *_ in _words(pdf, page):
                if re.search(r"\.(gov|org|edu|com)\b|https?:|www\.", word):
                    shown = word.rstrip(".,;)")
                    assert shown in forms, (pdf.name, page, word)
                    printed += 1
    assert printed >= 4


@needs
@pytest.mark.parametrize("layout", LAYOUTS)
def test_in_grey_headings_are_as_dark_as_body_text_and_bands_are_light(  # type: ignore[no-untyped-def]
        run, tmp_path: Path, layout: str) -> None:
    career = "medical-records-technician"
    result = run("-C", ROOT, "build", career, "--layout", layout, "--out", tmp_path)
    assert result.code == 0, result.err
    result = run("-C", ROOT, "build", career, "--layout", layout, "--grayscale",
                 "--out", tmp_path)
    assert result.code == 0, result.err
    for name, grey in ((f"{career}-{layout}.pdf", False), (f"{career}-{layout}-grey.pdf", True)):
        texts, rects = _drawn(tmp_path / name)
        headings = {fill for _, font, size, fill in texts
                    if font.endswith("-Bold") and size == 11.5}
        body = Counter(fill for _, font, size, fill in texts
                       if font.endswith("-Regular") and size <= BODY).most_common(1)[0][0]
        # The title band, or the tri-fold's cover: the largest filled area at the top.
        top = max(r[2] + r[4] for r in rects)
        band = max((r for r in rects if r[2] + r[4] >= top - 1), key=lambda r: r[3] * r[4])
        if grey:
            assert headings and all(_luminance(h) <= _luminance(body) + 1e-3 for h in headings)
            assert _luminance(band[5]) > 0.8, band
        else:
            assert _luminance(band[5]) < 0.3, band  # the brand's colour, as before


def _line_text(line: Any) -> str:
    """A set line's words (reportlab keeps them as fragments, or as strings)."""
    return " ".join(f.text for f in line.words) if hasattr(line, "words") else " ".join(line[1])


def test_every_brochure_keeps_to_the_scale_and_leaves_no_word_alone() -> None:
    """Every career in every layout on both papers, as fit sets it (what draw draws): each
    page's text is on the scale or at the page's one body size; a heading's, title's,
    summary's or also-called line's last two words share a line wherever they fit on one."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from brochure.compose.compose import compose
    from brochure.compose.plan import Text
    from brochure.options import Options
    from brochure.project import Project
    from brochure.render.fit import fit

    project = Project(ROOT)
    checked = 0
    alone, off_scale = [], []
    for layout_id in LAYOUTS:
        layout = project.layout(layout_id)
        for career_id in project.career_ids():
            career = project.load_career(career_id)
            figures = project.tables.figures(career)
            for paper in ("letter", "a4"):
                fitted = fit(compose(career, figures, layout, options=Options(paper=paper)))
                for number, page in enumerate(fitted.pages, start=1):
                    (body,) = {frame.body_size for frame in page.frames}
                    texts = [p for frame in page.frames for p in frame.placed
                             if isinstance(p.block, Text)]
                    sizes = {round(p.flowable.style.fontSize, 2) for p in texts}  # type: ignore[attr-defined]
                    if not sizes <= SCALE | {body}:
                        off_scale.append((career_id, layout_id, paper, number, sizes))
                    for placed in texts:
                        block = placed.block
                        assert isinstance(block, Text)
                        if not (block.tag != "P" or block.style.keep_last_words):
                            continue
                        lines = placed.flowable.blPara.lines  # type: ignore[attr-defined]
                        if len(lines) < 2:
                            continue
                        checked += 1
                        words, previous = _line_text(lines[-1]), _line_text(lines[-2])
                        # A word alone after a line of two or more, where the two last words
                        # would have fitted on one line together.
                        if len(words.split()) < 2 and len(previous.split()) > 1:
                            style = placed.flowable.style  # type: ignore[attr-defined]
                            pair = f"{previous.split()[-1]} {words.strip()}"
                            if block.style.upper:
                                pair = pair.upper()
                            room = placed.flowable.width - style.leftIndent  # type: ignore[attr-defined]
                            if stringWidth(pair, style.fontName, style.fontSize) <= room:
                                alone.append((career_id, layout_id, paper, block.text))
    assert checked > 100
    assert off_scale == []
    assert alone == [], "\n".join(map(str, alone))


@pytest.mark.parametrize("layout", ["handout", "trifold"])
def test_an_issuer_ending_in_a_full_stop_gets_no_second_one(run, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                           layout: str) -> None:
    from conftest import pdf_text

    result = run("-C", ROOT, "build", "server", "--layout", layout, "--out", tmp_path)
    assert result.code == 0, result.err
    text = " ".join(pdf_text(tmp_path / f"server-{layout}.pdf"))
    assert "Health Communications, Inc. Responsib" in text
    assert ".." not in text


LONG = ("understandably, their responsibilities include administration, documentation, "
        "interdepartmental communication, telecommunications and characteristically "
        "uncompromising recordkeeping")


@needs
def test_narrow_columns_are_hyphenated_and_wide_ones_never(project, run,  # type: ignore[no-untyped-def]
                                                          tmp_path: Path) -> None:
    from conftest import MINIMAL

    sentence = f"'{LONG.capitalize()}.'"
    text = (MINIMAL.replace("{name: Care, why: It matters.}",
                            f"{{name: Interdepartmental communication, why: {sentence}}}")
            .replace("    - First duty.\n", f"    - {sentence}\n"))
    folder = project(minimal=text)
    result = run("-C", folder, "build", "--out", tmp_path)
    assert result.code == 0, result.err
    words = _words(tmp_path / "minimal-handout.pdf", 1)
    broken = [(word, left) for word, left, _, _ in words if re.fullmatch(r"[a-z]+-", word)]
    # Only in the narrow side panel (right of the page's middle), and never the skill's name,
    # which is in bold.
    assert broken
    assert all(left > 612 / 2 for _, left in broken), broken
    assert "Interdepartmental" in {word for word, *_ in words}
