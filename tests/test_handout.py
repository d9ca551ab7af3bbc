"""The Medical Records Technician handout, built through the CLI and read back from the PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import ROOT, assert_valid_pdf, pdf_text

CAREER = "medical-records-technician"
LETTER = (612, 792)


@pytest.fixture(scope="module")
def handout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from brochure.cli import main

    out = tmp_path_factory.mktemp("out")
    assert main(["-C", str(ROOT), "build", CAREER, "--out", str(out)]) == 0
    return out / f"{CAREER}-handout.pdf"


def test_two_letter_pages_that_pass_a_structural_check(handout: Path) -> None:
    reader = PdfReader(handout, strict=True)
    assert len(reader.pages) == 2
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == LETTER
    assert_valid_pdf(handout)


def test_front_page_has_the_title_and_its_sections_in_order(handout: Path) -> None:
    front = pdf_text(handout)[0]
    expected = ["Medical Records Technician", "Also called Medical Records Specialist",
                "Scan for the BLS handbook",
                "WHAT THEY DO", "WHERE THEY WORK",
                "EDUCATION AND TRAINING", "Path in", "Length", "Leads to", "RHIT",
                "American Health Information Management Association (AHIMA)", "CTR",
                "National Cancer Registrars Association (NCRA)", "CPC", "AAPC",
                "QUICK FACTS", "$51,140 a year", "Postsecondary nondegree award",
                "About 1 to 2 years", "194,720 jobs", "+7.1%, 2024–34",
                "KEY SKILLS", "TOOLS OF THE TRADE"]
    positions = [front.find(text) for text in expected]
    assert -1 not in positions, [t for t, p in zip(expected, positions, strict=True) if p < 0]
    assert positions == sorted(positions)


def test_back_page_shows_the_may_2025_bls_figures(handout: Path) -> None:
    back = pdf_text(handout)[1]
    for heading in ("PAY", "WHERE THE JOBS ARE", "JOB OUTLOOK", "FIRST STEPS", "SOURCES"):
        assert heading in back
    assert "$51,140" in back  # national median, SOC 29-2072, OEWS May 2025
    assert "$24.59 an hour" in back
    for value in ("$37,000", "$43,490", "$64,820", "$81,150"):  # 10th, 25th, 75th, 90th
        assert value in back
    assert "194,720 people work in this job" in back
    assert "May 2025" in back
    assert "Occupational Employment and Wage Statistics, May 2025" in back
    assert "Employment Projections, 2024–34" in back
    assert "+7.1%" in back and "14,200" in back
    assert "Postsecondary nondegree award".lower() in pdf_text(handout)[0].lower()


def test_the_five_top_states_in_order_with_jobs_and_median_pay(handout: Path) -> None:
    back = pdf_text(handout)[1]
    states = [("Florida", "21,490", "$45,760"), ("California", "18,700", "$61,810"),
              ("Texas", "17,210", "$48,860"), ("New York", "9,080", "$61,720"),
              ("Ohio", "7,440", "$50,990")]
    positions = []
    for name, jobs, pay in states:
        row = back.find(name)
        assert row >= 0, name
        assert jobs in back[row:row + 40] and pay in back[row:row + 40], (name, back[row:row + 40])
        positions.append(row)
    assert positions == sorted(positions)


def test_fonts_are_embedded(handout: Path) -> None:
    reader = PdfReader(handout)
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font \
                else font
            descriptor = descendant["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = "/FontFile2" in descriptor
    assert fonts and all(fonts.values()), fonts
    assert any("SourceSans" in name for name in fonts)


def test_metadata_is_set(handout: Path) -> None:
    reader = PdfReader(handout)
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Medical Records Technician: career handout"
    assert meta.author == "Career brochures"
    assert meta.subject and meta.subject.startswith("Keeps patients' health records")
    assert "SOC 29-2072" in str(meta["/Keywords"])
    assert reader.trailer["/Root"]["/Lang"] == "en-US"


def test_the_same_input_gives_byte_identical_files(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    first, second = tmp_path / "a", tmp_path / "b"
    assert run("-C", ROOT, "build", CAREER, "--out", first).code == 0
    assert run("-C", ROOT, "build", CAREER, "--out", second).code == 0
    name = f"{CAREER}-handout.pdf"
    assert (first / name).read_bytes() == (second / name).read_bytes()
