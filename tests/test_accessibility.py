"""Tagged PDF: every brochure read as a screen reader reads it, by engines that did not write
it (PDFium for the marked content, pypdf for the structure tree)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from accessible import HEADINGS, document_problems, marked_content, structure
from conftest import ROOT


def _expected_headings(career_id: str, layout: str, paper: str) -> list[tuple[str, str]]:
    """The plan's headings in the layout's reading order."""
    from brochure.compose.compose import compose
    from brochure.compose.plan import Text
    from brochure.options import Options
    from brochure.project import Project

    project = Project(ROOT)
    career = project.load_career(career_id)
    plan = compose(career, project.tables.figures(career), project.layout(layout),
                   options=Options(paper=paper))  # type: ignore[arg-type]
    frames = sorted((f for page in plan.pages for f in page.frames), key=lambda f: f.reading)
    return [(b.tag, b.text) for f in frames for b in f.blocks
            if isinstance(b, Text) and b.tag in HEADINGS]


def _words(text: str) -> str:
    """Text to compare, whatever the line breaks (PDFium reads a line's end as no space)."""
    return re.sub(r"\s+", "", text).casefold()


@pytest.mark.slow
def test_every_brochure_is_tagged_for_a_screen_reader(every_brochure: Path) -> None:
    problems: dict[str, list[str]] = {}
    pdfs = sorted(every_brochure.glob("*.pdf"))
    assert len(pdfs) >= 600
    checked_order = 0
    for path in pdfs:
        found = document_problems(path)
        found += [f"text outside any tag or artifact: {text!r}"
                  for page in marked_content(path) for text in page.unmarked]
        _, elements = structure(path)
        found += [f"a {e.type} without alt text" for e in elements
                  if e.type == "Figure" and not e.alt]
        levels = [int(e.type[1]) for e in elements if e.type in HEADINGS]
        if not levels or levels[0] != 1:
            found.append(f"headings start at {levels[:1]}, not H1")
        found += [f"heading level jumps from H{a} to H{b}"
                  for a, b in itertools.pairwise(levels) if b > a + 1]
        if path.name.startswith(("medical-records-technician-", "welder-", "registered-nurse-")):
            career, layout, paper = _parts(path.name)
            expected = [(tag, _words(text)) for tag, text in
                        _expected_headings(career, layout, paper)]
            read = [(e.type, _words(e.text)) for e in elements if e.type in HEADINGS]
            if read != expected:
                found.append(f"headings read {read}, expected {expected}")
            checked_order += 1
        if found:
            problems[path.name] = found
    assert checked_order == 18
    assert problems == {}


def _parts(name: str) -> tuple[str, str, str]:
    stem = name.removesuffix(".pdf")
    paper = "a4" if stem.endswith("-a4") else "letter"
    stem = stem.removesuffix("-a4")
    career, _, layout = stem.rpartition("-")
    return career, layout, paper


def test_a_handout_reads_in_order_with_lists_tables_and_figures(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    result = run("-C", ROOT, "build", "medical-records-technician", "--out", tmp_path)
    assert result.code == 0, result.err
    path = tmp_path / "medical-records-technician-handout.pdf"
    assert document_problems(path) == []
    reader, elements = structure(path)
    assert reader.trailer["/Root"]["/Lang"] == "en-US"
    kinds = [e.type for e in elements]
    assert kinds[:2] == ["Document", "Sect"]
    assert [(e.type, e.text) for e in elements if e.type in HEADINGS][:3] == [
        ("H1", "Medical Records Technician"), ("H2", "WHAT THEY DO"),
        ("H2", "WHERE THEY WORK")]
    # A bulleted list: each item a label (the bullet) and a body (the words).
    first = kinds.index("L")
    assert kinds[first:first + 4] == ["L", "LI", "Lbl", "LBody"]
    assert elements[first + 2].text.strip() == "•"
    # A table with its header cells, then its data cells.
    table = kinds.index("Table")
    assert kinds[table + 1:table + 3] == ["TR", "TH"]
    assert elements[table + 2].text.strip() == "Path in"
    # The QR code and the charts are figures whose alt text states their address or figures;
    # the quick facts' icons are decoration, no figures: the facts are paragraphs.
    figures = [e.alt for e in elements if e.type == "Figure"]
    assert figures[0] == "QR code that opens https://www.bls.gov/ooh/healthcare/" \
                         "medical-records-and-health-information-technicians.htm"
    assert "Yearly pay: 10th percentile $" in figures[1] and ", median $" in figures[1]
    assert figures[2].startswith("States with the most jobs: ")
    assert figures[3].startswith("Projected change in jobs, 2024–34: this job ")
    assert len(figures) == 4
    facts = [" ".join(e.text.split()) for e in elements if e.type == "P"]
    assert "$51,140 a year" in facts and "Median pay · BLS OEWS, May 2025" in facts


def test_a_tri_fold_reads_cover_first_then_inside_then_flap(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    result = run("-C", ROOT, "build", "welder", "--layout", "trifold", "--out", tmp_path)
    assert result.code == 0, result.err
    _, elements = structure(tmp_path / "welder-trifold.pdf")
    headings = [e.text for e in elements if e.type in ("H1", "H2")]
    assert headings[:2] == ["Welder", "QUICK FACTS"]  # the cover
    assert headings[2:5] == ["WHAT THEY DO", "FIRST STEPS", "EDUCATION AND TRAINING"]
    assert headings.index("KEY SKILLS") > headings.index("EDUCATION AND TRAINING")
    # The QR code is on the back, read last.
    qr = [e for e in elements if e.type == "Figure"][-1]
    assert qr.alt is not None and qr.alt.startswith("QR code that opens https://")


def test_backgrounds_and_print_marks_are_artifacts(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    result = run("-C", ROOT, "build", "welder", "--layout", "trifold", "--bleed",
                 "--out", tmp_path)
    assert result.code == 0, result.err
    path = tmp_path / "welder-trifold-bleed.pdf"
    assert [p.unmarked for p in marked_content(path)] == [[], []]
    content = b"".join(page.get_contents().get_data()  # type: ignore[union-attr]
                       for page in structure(path)[0].pages)
    # Backgrounds, fold guides and crop marks: three artifacts on each of two pages at least.
    assert content.count(b"/Artifact BMC") >= 6
    assert content.count(b"BDC") + content.count(b"BMC") == content.count(b"EMC")


def test_the_fair_pack_keeps_the_tags_of_each_brochure(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    pack = tmp_path / "fair.pdf"
    result = run("-C", ROOT, "build", "welder", "electrician", "registered-nurse",
                 "--layout", "flyer", "--bundle", pack, "--out", tmp_path / "out")
    assert result.code == 0, result.err
    assert document_problems(pack) == []
    assert [p.unmarked for p in marked_content(pack)] == [[]] * 8
    reader, elements = structure(pack)
    assert reader.trailer["/Root"]["/Lang"] == "en-US"
    assert [e.type if e.type == "Part" else e.text for e in elements
            if e.type in ("H1", "Part")] == [
        "3 careers", "Part", "Welder", "Part", "Electrician", "Part", "Registered Nurse"]
    contents = [e.text for e in elements if e.type == "TD"][:2]
    assert contents == ["Welder", "page 3"]
    # Each brochure's elements point at the pack's own pages (their text is found there).
    assert all(e.text for e in elements if e.type in ("H2", "LBody"))


def test_the_qr_codes_link_is_also_printed_as_text(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    from conftest import pdf_text

    result = run("-C", ROOT, "build", "writer", "--layout", "flyer", "--out", tmp_path)
    assert result.code == 0, result.err
    path = tmp_path / "writer-flyer.pdf"
    target = "https://www.bls.gov/ooh/media-and-communication/writers-and-authors.htm"
    qr = next(e for e in structure(path)[1] if e.type == "Figure")
    assert qr.alt == f"QR code that opens {target}"
    # Printed in its short form; the link and the alternative text keep the full address.
    shown = "bls.gov/ooh/media-and-communication/writers-and-authors.htm"
    assert f"The QR code opens {shown}." in " ".join(pdf_text(path)[0].split())
