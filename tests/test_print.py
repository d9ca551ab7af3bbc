"""Every print situation: panels, papers, bleed and crop marks, brand, QR codes, grey."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from conftest import ROOT, assert_valid_pdf, pdf_text
from needs import tools
from words import word_boxes as _word_boxes

CAREER = "medical-records-technician"
MM = 72 / 25.4
IN = 72.0
LINK = "https://www.bls.gov/ooh/healthcare/medical-records-and-health-information-technicians.htm"
needs = tools("pdftoppm", "pdftotext", "zbarimg", package="poppler-utils zbar-tools")


def _layout(name: str):  # type: ignore[no-untyped-def]
    from brochure.project import Project

    return Project(ROOT).layout(name)


@pytest.mark.parametrize(("layout", "paper", "page", "expected"), [
    ("trifold", "letter", 0, [("flap", 0, 3.635), ("back", 3.635, 3.6775),
                              ("cover", 7.3125, 3.6875)]),
    ("trifold", "letter", 1, [("inside-left", 0, 3.6875), ("inside-middle", 3.6875, 3.6775),
                              ("inside-right", 7.365, 3.635)]),
    ("trifold", "a4", 0, [("flap", 0, 97 / 25.4), ("back", 97 / 25.4, 100 / 25.4),
                          ("cover", 197 / 25.4, 100 / 25.4)]),
    ("trifold", "a4", 1, [("inside-left", 0, 100 / 25.4), ("inside-middle", 100 / 25.4,
                                                           100 / 25.4),
                          ("inside-right", 200 / 25.4, 97 / 25.4)]),
    ("handout", "letter", 0, [("page", 0, 8.5)]),
    ("handout", "a4", 1, [("page", 0, 210 / 25.4)]),
    ("flyer", "letter", 0, [("page", 0, 8.5)]),
    ("flyer", "a4", 0, [("page", 0, 210 / 25.4)]),
])
def test_panel_geometry(layout: str, paper: str, page: int,
                        expected: list[tuple[str, float, float]]) -> None:
    panels = _layout(layout).panels(page, paper)
    assert [p.name for p in panels] == [name for name, _, _ in expected]
    for panel, (_, x, width) in zip(panels, expected, strict=True):
        assert abs(panel.box.x / IN - x) < 0.005 and abs(panel.box.width / IN - width) < 0.005


@pytest.mark.parametrize(("layout", "paper", "bleed", "size", "pages"), [
    ("handout", "letter", False, (612, 792), 2),
    ("handout", "letter", True, (630, 810), 2),
    ("handout", "a4", False, (595.28, 841.89), 2),
    ("handout", "a4", True, (595.28 + 6 * MM, 841.89 + 6 * MM), 2),
    ("trifold", "letter", False, (792, 612), 2),
    ("trifold", "a4", True, (841.89 + 6 * MM, 595.28 + 6 * MM), 2),
    ("flyer", "letter", True, (630, 810), 1),
    ("flyer", "a4", False, (595.28, 841.89), 1),
])
def test_page_sizes_and_print_boxes(run, tmp_path: Path, layout: str, paper: str, bleed: bool,
                                    size: tuple[float, float], pages: int) -> None:  # type: ignore[no-untyped-def]
    args = ["-C", ROOT, "build", CAREER, "--layout", layout, "--paper", paper, "--out", tmp_path]
    result = run(*args, *(["--bleed"] if bleed else []))
    assert result.code == 0, result.err
    (pdf,) = tmp_path.glob("*.pdf")
    assert pdf.name == f"{CAREER}-{layout}{'-a4' if paper == 'a4' else ''}" \
                       f"{'-bleed' if bleed else ''}.pdf"
    assert_valid_pdf(pdf)
    reader = PdfReader(pdf)
    assert len(reader.pages) == pages
    for page in reader.pages:
        media = page.mediabox
        assert abs(float(media.width) - size[0]) < 0.02
        assert abs(float(media.height) - size[1]) < 0.02
        if bleed:
            b = 9.0 if paper == "letter" else 3 * MM
            trim = [float(v) for v in page.trimbox]
            want = [b, b, size[0] - b, size[1] - b]
            assert all(abs(t - w) < 0.02 for t, w in zip(trim, want, strict=True)), trim
            assert [float(v) for v in page.bleedbox] == [float(v) for v in media]
        else:
            assert "/TrimBox" not in page and "/BleedBox" not in page


def _png(pdf: Path, page: int, dpi: int, tmp_path: Path, *extra: str) -> Image.Image:
    stem = tmp_path / f"page{page}-{dpi}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png",
                    "-singlefile", *extra, str(pdf), str(stem)], check=True)
    return Image.open(f"{stem}.png").convert("RGB")


@needs
def test_crop_marks_only_with_bleed(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for bleed in (False, True):
        out = tmp_path / str(bleed)
        args = ["-C", ROOT, "build", CAREER, "--out", out, *(["--bleed"] if bleed else [])]
        assert run(*args).code == 0
        (pdf,) = out.glob("*.pdf")
        image = _png(pdf, 2, 72, out)
        # At 72 dpi a pixel is a point. With bleed, the trim corner is at (9, 9): the mark
        # runs along the trim line outside it, in the bleed.
        corner = [image.getpixel((x, 9)) for x in range(0, 5)]
        dark = [p for p in corner if sum(p) < 200]
        assert bool(dark) is bleed


def _text_in(pdf: Path, page: int, x0: float, x1: float, height: float) -> str:
    result = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-x",
                             str(round(x0)), "-y", "0", "-W", str(round(x1 - x0)), "-H",
                             str(round(height)), str(pdf), "-"], capture_output=True,
                            text=True, check=True)
    return " ".join(result.stdout.split())


@needs
@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_trifold_sections_land_on_their_panels(run, tmp_path: Path, paper: str) -> None:  # type: ignore[no-untyped-def]
    assert run("-C", ROOT, "build", CAREER, "--layout", "trifold", "--paper", paper,
               "--out", tmp_path).code == 0
    (pdf,) = tmp_path.glob("*.pdf")
    layout = _layout("trifold")
    expected = {
        (1, "flap"): ["KEY SKILLS", "WHERE THEY WORK"],
        (1, "back"): ["FIND OUT MORE", "Scan to read more", "SOURCES", "May 2025"],
        (1, "cover"): ["CAREER PROFILE", "Medical Records Technician", "$51,140"],
        (2, "inside-left"): ["WHAT THEY DO", "FIRST STEPS"],
        (2, "inside-middle"): ["EDUCATION AND TRAINING", "RHIT", "CTR", "CPC"],
        (2, "inside-right"): ["PAY", "$51,140", "WHERE THE JOBS ARE", "Florida", "JOB OUTLOOK",
                              "+7.1%"],
    }
    height = layout.page_size(paper)[1]  # type: ignore[arg-type]
    for (page, panel_name), words in expected.items():
        panel = next(p for p in layout.panels(page - 1, paper) if p.name == panel_name)
        text = _text_in(pdf, page, panel.box.x, panel.box.x + panel.box.width, height)
        for word in words:
            assert word in text, (paper, panel_name, word, text[:200])
        others = [w for (pg, name), ws in expected.items() if (pg, name) != (page, panel_name)
                  and pg == page for w in ws if w.isupper() and len(w) > 4]
        for word in others:
            assert word not in text, (panel_name, word)


@needs
@pytest.mark.parametrize(("layout", "page"), [("trifold", 1), ("flyer", 1)])
def test_qr_code_decodes_to_the_career_link(run, tmp_path: Path, layout: str, page: int) -> None:  # type: ignore[no-untyped-def]
    assert run("-C", ROOT, "build", CAREER, "--layout", layout, "--out", tmp_path).code == 0
    (pdf,) = tmp_path.glob("*.pdf")
    _png(pdf, page, 200, tmp_path).save(tmp_path / "qr.png")
    result = subprocess.run(["zbarimg", "--quiet", "--raw", str(tmp_path / "qr.png")],
                            capture_output=True, text=True)
    assert result.stdout.strip() == LINK


def _brand(tmp_path: Path, **fields: str) -> Path:
    folder = tmp_path / "brand"
    folder.mkdir(exist_ok=True)
    shutil.copy(ROOT / "examples" / "logo.png", folder / "logo.png")
    text = (ROOT / "examples" / "brand.yaml").read_text()
    for key, value in fields.items():
        lines = [f"{key}: {value}" if line.startswith(f"{key}:") else line
                 for line in text.splitlines()]
        text = "\n".join(lines) + "\n"
    (folder / "brand.yaml").write_text(text)
    return folder / "brand.yaml"


@needs
def test_brand_name_contact_colours_and_qr_link_are_applied(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    brand = _brand(tmp_path, qr="https://careers.riverside.example.edu/fair")
    out = tmp_path / "out"
    for layout in ("handout", "trifold", "flyer"):
        result = run("-C", ROOT, "build", CAREER, "--layout", layout, "--brand", brand,
                     "--out", out)
        assert result.code == 0, result.err
    branded = "--riverside-community-college.pdf"  # the organisation names the files
    trifold = pdf_text(out / f"{CAREER}-trifold{branded}")[0]
    for text in ("Riverside Community College Careers Centre", "Spring Health Careers Fair",
                 "Booth 14", "(217) 555-0142", "careers@riverside.example.edu",
                 "Free careers advice for every student and resident."):
        assert text in trifold
    handout = pdf_text(out / f"{CAREER}-handout{branded}")
    assert "Riverside Community College Careers Centre" in handout[1]
    assert PdfReader(out / f"{CAREER}-handout{branded}").metadata.author == \
        "Riverside Community College Careers Centre"
    # The cover's band is printed in the brand's primary colour, #0e6b5a.
    image = _png(out / f"{CAREER}-trifold{branded}", 1, 72, tmp_path)
    assert image.getpixel((792 - 40, 300)) == (0x0E, 0x6B, 0x5A)
    image.save(tmp_path / "cover.png")
    image = _png(out / f"{CAREER}-flyer{branded}", 1, 200, tmp_path)
    image.save(tmp_path / "flyer.png")
    decoded = subprocess.run(["zbarimg", "--quiet", "--raw", str(tmp_path / "flyer.png")],
                             capture_output=True, text=True).stdout.strip()
    assert decoded == "https://careers.riverside.example.edu/fair"


def test_a_low_contrast_brand_is_refused(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    brand = _brand(tmp_path, primary='"#7fb3d5"')
    result = run("-C", ROOT, "build", CAREER, "--brand", brand, "--out", tmp_path / "out")
    assert result.code == 2
    assert result.err == (
        f"error: {brand}:5:10: primary: white text on #7fb3d5 has a contrast ratio of 2.3:1; "
        "it needs at least 4.5:1 to be read easily\n  hint: choose a darker colour\n")
    assert not (tmp_path / "out").exists()


def test_a_logo_that_is_not_an_image_is_refused(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    brand = _brand(tmp_path)
    (brand.parent / "logo.png").write_bytes(b"<svg onload=alert(1)>")
    result = run("-C", ROOT, "build", CAREER, "--brand", brand, "--out", tmp_path / "out")
    assert result.code == 2
    assert result.err == (f"error: {brand}:4:7: logo: logo.png is not a PNG or JPEG image\n"
                          "  hint: use a PNG or JPEG file under 2 MB beside brand.yaml\n")


@needs
@pytest.mark.parametrize("layout", ["handout", "trifold", "flyer"])
def test_grayscale_output_contains_no_colour(run, tmp_path: Path, layout: str) -> None:  # type: ignore[no-untyped-def]
    brand = _brand(tmp_path)
    result = run("-C", ROOT, "build", CAREER, "--layout", layout, "--grayscale", "--brand",
                 brand, "--out", tmp_path / "out")
    assert result.code == 0, result.err
    (pdf,) = (tmp_path / "out").glob("*.pdf")
    assert pdf.name.endswith("-grey--riverside-community-college.pdf")
    for page in range(1, len(PdfReader(pdf).pages) + 1):
        image = _png(pdf, page, 50, tmp_path)
        data = image.tobytes()
        coloured = [data[i:i + 3] for i in range(0, len(data), 3)
                    if max(data[i:i + 3]) - min(data[i:i + 3]) > 2]
        assert not coloured, coloured[:5]


def test_the_project_config_sets_the_default_paper(project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from conftest import MINIMAL

    folder = project(minimal=MINIMAL)
    (folder / "brochure.yaml").write_text("paper: a4\nlayout: flyer\n")
    assert run("-C", folder, "build", "--out", tmp_path / "out").code == 0
    pdf = tmp_path / "out" / "minimal-flyer-a4.pdf"
    width = float(PdfReader(pdf).pages[0].mediabox.width)
    assert round(width, 2) == 595.28
    (folder / "brochure.yaml").write_text("paper: legal\n")
    result = run("-C", folder, "build")
    assert (result.code, result.err) == (2, "error: brochure.yaml:1:8: paper: must be one of "
                                            "'letter' or 'a4', got 'legal'\n")


def test_the_paper_is_the_command_lines_then_the_projects_then_the_layouts(
        project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from conftest import MINIMAL, ROOT, files_in

    folder = project(minimal=MINIMAL)
    shutil.copytree(ROOT / "layouts" / "flyer", folder / "layouts" / "poster")
    spec = folder / "layouts" / "poster" / "layout.yaml"
    spec.write_text(spec.read_text().replace("paper: letter", "paper: a4"))
    out = tmp_path / "out"

    def paper(*args: str) -> str:
        result = run("-C", folder, "build", "--layout", "poster", "--out", out, *args)
        assert result.code == 0, result.err
        name, = (pdf for pdf in files_in(out) if pdf.startswith("minimal-poster"))
        width = round(float(PdfReader(out / name).pages[0].mediabox.width))
        shutil.rmtree(out)
        return f"{name} {width}"

    assert paper() == "minimal-poster-a4.pdf 595"  # the layout's own paper
    assert paper("--paper", "letter") == "minimal-poster.pdf 612"
    (folder / "brochure.yaml").write_text("paper: letter\n")
    assert paper() == "minimal-poster.pdf 612"
    assert paper("--paper", "A4") == "minimal-poster-a4.pdf 595"


def test_every_career_fits_every_layout_on_both_papers(run) -> None:  # type: ignore[no-untyped-def]
    result = run("-C", ROOT, "check")
    assert result.code == 0, result.err
    careers = len(list((ROOT / "data" / "careers").glob("*.yaml")))
    assert result.out.endswith(f"{careers * 6} fit, 0 failed\n")


@pytest.mark.parametrize(("field", "value", "message"), [
    ("organisation", "'<b>Riverside</b> &amp; Co'", None),
    ("organisation", "Riverside 学院", "organisation: the typeface cannot print '学' (U+5B66), "
                                      "'院' (U+9662)\n  hint: replace or remove the character"),
    ("qr", "javascript:alert(1)", "qr: must be a full https:// address"),
    ("accent", "red", "accent: must be a colour written as #RRGGBB, like #1d4e89, got 'red'"),
])
def test_brand_text_is_printed_literally_or_refused(run, tmp_path: Path, field: str,
                                                    value: str, message: str | None) -> None:  # type: ignore[no-untyped-def]
    brand = _brand(tmp_path, **{field: value})
    result = run("-C", ROOT, "build", CAREER, "--layout", "trifold", "--brand", brand,
                 "--out", tmp_path / "out")
    if message is None:
        assert result.code == 0, result.err
        # only plain letters, digits and hyphens reach the file name
        assert "<b>Riverside</b> &amp; Co" in pdf_text(
            tmp_path / "out" / f"{CAREER}-trifold--b-riverside-b-amp-co.pdf")[0]
    else:
        assert result.code == 2
        assert result.err.startswith(f"error: {brand}:") and message in result.err


@needs
def test_a_falling_outlook_prints_its_value_clear_of_the_rows_name(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # The handout's back has the outlook chart (the flyer gives the change as a quick fact).
    result = run("-C", ROOT, "build", "customer-service-representative", "--out", tmp_path)
    assert result.code == 0, result.err
    words = _word_boxes(tmp_path / "customer-service-representative-handout.pdf", 2)
    # The chart's row: "This job" and, on the same line, its value.
    pairs = [(name, value) for i, name in enumerate(words[1:], start=1)
             if name[0] == "job" and words[i - 1][0] == "This"
             for value in words if value[0] == "−5.5%" and abs(value[3] - name[3]) < 1]
    assert len(pairs) == 1
    name, value = pairs[0]
    assert value[1] > name[2] + 2  # the value starts clear of "This job"


@needs
def test_six_digit_pay_stays_on_one_line_in_the_state_table(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("-C", ROOT, "build", "software-developer", "--state", "CA", "--out", tmp_path)
    assert result.code == 0, result.err
    pdf = tmp_path / "software-developer-handout-ca.pdf"
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    assert re.search(r"U\.S\.\s+\$82,460\s+\$105,210\s+\$135,980\s+\$171,980\s+\$214,670", out)
    assert re.search(r"CA\s+\$105,060\s+\$136,990\s+\$174,410\s+\$216,670\s+\$272,670", out)
