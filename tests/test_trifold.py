"""The tri-fold folded: fold marks only outside the trim, a cover coloured to the edges, a back
panel that carries the event and the QR code, inside panels that end level."""

from __future__ import annotations

import itertools
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image

from conftest import MINIMAL, ROOT
from needs import tools

needs = tools("pdftoppm", "pdftotext", "zbarimg", package="poppler-utils zbar-tools")
CAREER = "registered-nurse"
BLEED = 9.0  # 0.125 in on Letter
PRIMARY = (0x0E, 0x6B, 0x5A)  # examples/brand.yaml
FAIR = "https://careers.riverside.example.edu/fair"


def _build(run, out: Path, *args: str | Path, career: str = CAREER) -> Path:  # type: ignore[no-untyped-def]
    result = run("-C", ROOT, "build", career, "--layout", "trifold", "--out", out, *args)
    assert result.code == 0, result.err
    (pdf,) = out.glob(f"{career}-*.pdf")
    return pdf


def _folds(paper: str = "letter") -> list[list[float]]:
    from brochure.project import Project

    layout = Project(ROOT).layout("trifold")
    return [[panel.box.x for panel in layout.panels(page, paper)[1:]] for page in (0, 1)]


def _thin_upright_paths(pdf: Path, page: int) -> list[tuple[float, float, float, float]]:
    """Every drawn path about a line wide and taller than that: the shape of fold marks."""
    doc = pdfium.PdfDocument(pdf)
    found = []
    for obj in doc[page].get_objects(max_depth=4):
        if obj.type == pdfium.raw.FPDF_PAGEOBJ_PATH:
            left, bottom, right, top = obj.get_bounds()
            if right - left < 1.5 and top - bottom > 1.5:
                found.append((left, bottom, right, top))
    return found


def _brand(tmp_path: Path, qr: str | None = None) -> Path:
    folder = tmp_path / "brand"
    folder.mkdir(exist_ok=True)
    (folder / "logo.png").write_bytes((ROOT / "examples" / "logo.png").read_bytes())
    text = (ROOT / "examples" / "brand.yaml").read_text()
    if qr:
        text = text.replace("qr: career", f"qr: {qr}")
    (folder / "brand.yaml").write_text(text)
    return folder / "brand.yaml"


def test_fold_marks_lie_outside_the_trim_box_of_a_print_shop_file(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pdf = _build(run, tmp_path, "--bleed")
    with pikepdf.open(pdf) as doc:
        trims = [[float(v) for v in page.TrimBox] for page in doc.pages]
    for page, (folds, trim) in enumerate(zip(_folds(), trims, strict=True)):
        x0, y0, _, y1 = trim
        marks = [p for p in _thin_upright_paths(pdf, page)
                 if any(abs((p[0] + p[2]) / 2 - (x0 + fold)) < 0.5 for fold in folds)]
        # Above and below each fold, and none of them reaching into the trimmed sheet.
        assert len(marks) == 2 * len(folds)
        for _, bottom, _, top in marks:
            assert top <= y0 or bottom >= y1, (page, bottom, top, trim)
        assert {round((m[0] + m[2]) / 2 - x0, 1) for m in marks} == {round(f, 1) for f in folds}


def test_an_office_file_has_no_fold_marks(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pdf = _build(run, tmp_path)
    for page, folds in enumerate(_folds()):
        near = [p for p in _thin_upright_paths(pdf, page)
                if any(abs((p[0] + p[2]) / 2 - fold) < 3 for fold in folds)]
        assert near == []


def _png(pdf: Path, page: int, dpi: int, tmp_path: Path) -> Image.Image:
    stem = tmp_path / f"page{page}-{dpi}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png",
                    "-singlefile", str(pdf), str(stem)], check=True)
    return Image.open(f"{stem}.png").convert("RGB")


@needs
@pytest.mark.parametrize("bleed", [True, False])
def test_the_cover_colour_reaches_every_edge(run, tmp_path: Path, bleed: bool) -> None:  # type: ignore[no-untyped-def]
    pdf = _build(run, tmp_path, "--brand", _brand(tmp_path), *(["--bleed"] if bleed else []))
    image = _png(pdf, 1, 72, tmp_path)  # a pixel is a point
    width, height = image.size
    fold = (BLEED if bleed else 0) + _folds()[0][-1]
    # With bleed, into the bleed on the three outer edges (the media box's own edge);
    # in an office file, to the printable edge 0.25 in in.
    edge = 0 if bleed else 18
    middle = height // 2
    # The brand's colour as printed (a print-shop file's inks render a shade off #0e6b5a).
    cover = image.getpixel((round(fold) + 6, middle))
    assert cover != (255, 255, 255) if bleed else cover == PRIMARY
    for x, y in ((fold + 1, middle), (width - 1 - edge, middle), ((fold + width) / 2, edge),
                 ((fold + width) / 2, height - 1 - edge), (fold + 1, edge), (width - 1 - edge,
                                                                             height - 1 - edge)):
        assert image.getpixel((round(x), round(y))) == cover, (x, y)
    # It stops at the fold: the back panel beside it is paper.
    assert image.getpixel((round(fold) - 3, middle)) == (255, 255, 255)
    if not bleed:
        assert image.getpixel((width - 1, middle)) == (255, 255, 255)


def _back_text(pdf: Path, page: int = 1) -> str:
    folds = _folds()[0]
    result = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-x",
                             str(round(folds[0])), "-y", "0", "-W",
                             str(round(folds[1] - folds[0])), "-H", "612", str(pdf), "-"],
                            capture_output=True, text=True, check=True)
    return " ".join(result.stdout.split())


@needs
def test_the_back_carries_the_organisation_event_and_a_qr_code_to_the_brand_link(  # type: ignore[no-untyped-def]
        run, tmp_path: Path) -> None:
    pdf = _build(run, tmp_path, "--brand", _brand(tmp_path, qr=FAIR))
    back = _back_text(pdf)
    for text in ("Spring Health Careers Fair", "Saturday 13 March 2027, 10am to 3pm",
                 "Booth 14", "Riverside Community College Careers Centre",
                 "(217) 555-0142", "Scan to open careers.riverside.example.edu/fair"):
        assert text in back
    # The event first, then who the brochure is from, then the QR code's caption.
    assert back.index("Spring Health Careers Fair") \
        < back.index("Riverside Community College Careers Centre") < back.index("Scan to open")
    folds = _folds()[0]
    image = _png(pdf, 1, 200, tmp_path)
    scale = 200 / 72
    image.crop((round(folds[0] * scale), 0, round(folds[1] * scale), image.size[1])) \
        .save(tmp_path / "back.png")
    decoded = subprocess.run(["zbarimg", "--quiet", "--raw", str(tmp_path / "back.png")],
                             capture_output=True, text=True).stdout.split()
    assert decoded == [FAIR]


@needs
def test_without_a_brand_the_back_says_where_to_read_more(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pdf = _build(run, tmp_path)
    back = _back_text(pdf)
    assert "FIND OUT MORE" in back
    assert "Scan to read more: BLS Occupational Outlook Handbook, Registered Nurses" in back
    assert "SOURCES" in back


@needs
# Careers whose inside panels end 0.9 to 3.5 in apart unbalanced (with `balance: []`), and
# two that end level either way.
@pytest.mark.parametrize(("career", "paper"), [
    ("registered-nurse", "letter"), ("welder", "a4"), ("medical-records-technician", "letter"),
    ("customer-service-representative", "letter"), ("writer", "letter"),
    ("graphic-designer", "a4"), ("audio-video-technician", "letter"),
    ("aircraft-mechanic", "a4")])
def test_inside_panels_end_within_three_quarters_of_an_inch(run, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                            career: str, paper: str) -> None:
    pdf = _build(run, tmp_path, "--paper", paper, career=career)
    doc = pdfium.PdfDocument(pdf)
    page = doc[1]
    text = page.get_textpage()
    edges = [0.0, *_folds(paper)[1], page.get_width()]
    ends = []
    for left, right in itertools.pairwise(edges):
        lowest = min(bottom for i in range(text.count_chars())
                     if (box := text.get_charbox(i))
                     and left <= (box[0] + box[2]) / 2 < right and box[2] > box[0]
                     for bottom in (box[1],))
        ends.append(lowest)
    # Measured from the baselines' boxes: about 0.75 in, with a little for descenders.
    assert max(ends) - min(ends) <= 0.8 * 72, ends


@pytest.mark.parametrize(("balance", "expected"), [
    ("[role, education, figurez, flap]", "balance[2]: no frame named 'figurez'"),
    ("[role, education, role, flap]", "balance[2]: lists 'role' twice"),
])
def test_a_balance_naming_a_wrong_frame_is_located(project, run, balance: str,  # type: ignore[no-untyped-def]
                                                   expected: str) -> None:
    folder = project(minimal=MINIMAL)
    shutil.copytree(ROOT / "layouts" / "trifold", folder / "layouts" / "trifold")
    path = folder / "layouts" / "trifold" / "layout.yaml"
    text = path.read_text().replace("balance: [role, education, figures, flap]",
                                    f"balance: {balance}")
    path.write_text(text)
    before = text[:text.index(balance)]
    line = before.count("\n") + 1
    col = len(before) - before.rfind("\n") + balance.rindex(expected.split("'")[1])
    result = run("-C", folder, "build", "--layout", "trifold")
    assert result.code == 2
    assert result.err == f"error: layouts/trifold/layout.yaml:{line}:{col}: {expected}\n"


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_every_career_keeps_inside_sections_inside_and_the_flap_starts_at_a_heading(  # type: ignore[no-untyped-def]
        paper: str) -> None:
    from brochure.compose.plan import Text
    from brochure.model.brand import DEFAULT
    from brochure.options import Options
    from brochure.output.build import make_fitted
    from brochure.project import Project

    project = Project(ROOT)
    layout = project.layout("trifold")
    inside = {s for frame in layout.spec.pages[1].frames for s in frame.sections}
    for path in sorted((ROOT / "data" / "careers").glob("*.yaml")):
        fitted = make_fitted(project, path.stem, "trifold", DEFAULT, Options(paper=paper))
        (flap,) = [f for f in fitted.pages[0].frames if f.frame.name == "flap"]
        first = flap.placed[0].block
        assert isinstance(first, Text) and first.tag == "H2", path.stem
        assert not inside & {item.block.section for item in flap.placed}, path.stem
        ends = [f.frame.box.y + f.frame.padding + f.height for f in fitted.pages[1].frames]
        assert max(ends) - min(ends) <= 0.9 * 72, (path.stem, ends)


def _found(pdf: Path, page: int, text: str) -> tuple[float, float, float, float]:
    """Where `text` first prints on a page (0-based): left, top, right and bottom, in points
    from the page's top left."""
    doc = pdfium.PdfDocument(pdf)
    height = doc[page].get_height()
    textpage = doc[page].get_textpage()
    searcher = textpage.search(text)
    found = searcher.get_next()
    assert found is not None, text
    index, count = found
    boxes = [textpage.get_charbox(i) for i in range(index, index + count)]
    return (min(b[0] for b in boxes), height - max(b[3] for b in boxes),
            max(b[2] for b in boxes), height - min(b[1] for b in boxes))


def _contrast(image: Image.Image, box: tuple[float, float, float, float], dpi: int) -> float:
    """The WCAG contrast ratio between the darkest and lightest pixels around some text."""
    scale = dpi / 72
    crop = image.crop(tuple(round(v * scale) for v in (box[0] - 2, box[1] - 2, box[2] + 2,
                                                       box[3] + 2))).convert("L")
    low, high = crop.getextrema()
    luminance = [((v / 255 + 0.055) / 1.055) ** 2.4 if v > 10 else v / 255 / 12.92
                 for v in (low, high)]
    return (luminance[1] + 0.05) / (luminance[0] + 0.05)


@needs
@pytest.mark.parametrize("grey", [False, True])
def test_the_cover_shows_the_quick_facts_readable_on_its_colour(  # type: ignore[no-untyped-def]
        run, tmp_path: Path, grey: bool) -> None:
    from brochure.format import money
    from brochure.project import Project

    project = Project(ROOT)
    career = project.load_career(CAREER)
    figures = project.tables.figures(career, None)
    pdf = _build(run, tmp_path, *(["--grayscale"] if grey else []))
    cover = _folds()[0][1]  # the outside's second fold: the cover is right of it
    image = _png(pdf, 1, 150, tmp_path)
    title = _found(pdf, 0, career.title)
    texts = [f"{money(figures.pay.median)} a year", "QUICK FACTS",
             str(figures.entry_education.value)]
    places = [_found(pdf, 0, text) for text in texts]
    for text, place in zip(texts, places, strict=True):
        assert place[0] > cover, text  # on the cover panel
        assert place[1] > title[3], text  # under the career's name
        assert _contrast(image, place, 150) >= 4.5, text
    assert places[1][3] < places[0][1] < places[2][1]  # the heading, pay, then education
    # The median pay prints once on the cover: in the facts, not in a headline too.
    assert _cover_text(pdf).count(money(figures.pay.median)) == 1


def _cover_text(pdf: Path) -> str:
    result = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-x",
                             str(round(_folds()[0][1])), "-y", "0", "-W", "400", "-H", "612",
                             str(pdf), "-"], capture_output=True, text=True, check=True)
    return " ".join(result.stdout.split())


def test_the_cover_draws_the_fields_icon_as_a_vector_artifact(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    from test_fronts import _icons_drawn, _marked_operators

    pdf = _build(run, tmp_path)
    assert len(PdfReader(pdf).pages[0].images) == 0  # no picture at all without a brand
    # The field's icon and the five quick facts' icons, each an artifact drawn in curves.
    assert _icons_drawn(_marked_operators(pdf, 0)) == 6
    doc = pdfium.PdfDocument(pdf)
    height = doc[0].get_height()
    heading = _found(pdf, 0, "QUICK FACTS")
    icons = [obj.get_bounds() for obj in doc[0].get_objects(max_depth=4)
             if obj.type == pdfium.raw.FPDF_PAGEOBJ_PATH]
    # The field's: a big icon (the facts' are 16 pt), on the cover, over the quick facts.
    field = [(left, height - top) for left, bottom, right, top in icons
             if 0.3 * 72 < top - bottom <= 0.6 * 72 and left > _folds()[0][1]
             and height - bottom < heading[1]]
    assert len(field) == 1, icons


@needs
# Careers whose education section ends with a subheading that, breaking there, would open the
# figures panel: "Choosing a programme" under no section's name.
@pytest.mark.parametrize(("career", "paper"), [("carpenter", "letter"),
                                               ("phlebotomist", "a4")])
def test_the_figures_panel_opens_at_a_sections_heading_not_a_subheading(  # type: ignore[no-untyped-def]
        run, tmp_path: Path, career: str, paper: str) -> None:
    pdf = _build(run, tmp_path, "--paper", paper, career=career)
    fold = _folds(paper)[1][1]  # the inside's second fold: the figures panel is right of it
    with pikepdf.open(pdf) as doc:
        width, height = (float(v) for v in doc.pages[1].mediabox[2:])
    result = subprocess.run(["pdftotext", "-f", "2", "-l", "2", "-x", str(round(fold)), "-y",
                             "0", "-W", str(round(width - fold)), "-H", str(round(height)),
                             str(pdf), "-"], capture_output=True, text=True, check=True)
    figures = " ".join(result.stdout.split())
    assert figures.startswith("PAY "), figures[:60]
    assert "Choosing a programme" not in figures
