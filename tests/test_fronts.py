"""The fronts: quick facts with their icons and sources, the QR code and the brand's logo on
the handout's first page and on the flyer, read back from the PDFs."""

from __future__ import annotations

import math
import subprocess
from pathlib import Path

import pikepdf
import pytest
from PIL import Image
from pypdf import PdfReader

from brochure.cli import main
from brochure.format import money, number, percent
from brochure.project import Project
from brochure.render.pictures import qr_modules
from conftest import ROOT, pdf_text
from needs import tools

CAREER = "medical-records-technician"
BRAND_LINK = "https://careers.riverside.example.edu"
DPI = 300
needs = tools("pdftoppm", "zbarimg", package="poppler-utils zbar-tools")


def _build(out: Path, *args: str) -> Path:
    assert main(["-C", str(ROOT), "build", *args, "--out", str(out)]) == 0
    (pdf,) = out.glob("*.pdf")
    return pdf


def _folded(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def handouts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every career's handout on Letter."""
    out = tmp_path_factory.mktemp("handouts")
    assert main(["-C", str(ROOT), "build", "--out", str(out)]) == 0
    return out


def test_page_one_of_every_handout_shows_median_pay_and_entry_education(
        handouts: Path) -> None:
    project = Project(ROOT)
    ids = project.career_ids()
    assert len(ids) == 101
    for career_id in ids:
        career = project.load_career(career_id)
        figures = project.tables.figures(career, None)
        front = pdf_text(handouts / f"{career_id}-handout.pdf")[0]
        pay = f"{money(figures.pay.median)} a year" if figures.pay.median.known \
            else "Median pay not published"
        entry = figures.entry_education.value or "Entry education not published"
        assert pay in front, (career_id, pay)
        assert _folded(entry) in front, (career_id, entry)


def test_the_flyer_gives_each_quick_fact_with_its_source_and_year(tmp_path: Path) -> None:
    project = Project(ROOT)
    career = project.load_career(CAREER)
    figures = project.tables.figures(career, None)
    (text,) = pdf_text(_build(tmp_path, CAREER, "--layout", "flyer"))
    pay, o = figures.pay.citation, figures.outlook.citation
    entry, jobs = figures.entry_education, figures.employment_citation
    assert pay.period == "May 2025" and o.period == "2024–34"  # the tables shipped
    expected = [
        f"{money(figures.pay.median)} a year", f"Median pay · {pay.short}, {pay.period}",
        f"{entry.value}", f"Typical entry education · {entry.citation.short} "
                          f"{entry.citation.period}",
        career.education.time_to_enter[1:], f"Time to get ready · this career's sources, "
                                            f"{career.sources[0].year}",
        f"{number(figures.employment)} jobs", f"In the U.S. · {jobs.short}, {jobs.period}",
        f"{percent(figures.outlook.change_percent)}, {o.period}",
        f"Projected change in jobs (all jobs {percent(o_all)}) · {o.short}"
        if (o_all := figures.outlook.all_occupations_percent) is not None else o.short,
    ]
    at = text.index("QUICK FACTS")
    for words in expected:
        assert _folded(words) in text[at:], words
    assert text.index("QUICK FACTS") < text.index("WHAT THEY DO")


def _icons_drawn(operators: list[tuple[str, list[str]]]) -> int:
    """How many artifacts draw curves: the icons (backgrounds and rules draw none)."""
    count, inside, drew = 0, False, False
    for op, marks in operators:
        if op == "BMC" and marks[-1] == "/Artifact":
            inside, drew = True, False
        elif op == "EMC" and inside:
            count += drew
            inside = False
        elif op == "c" and inside:
            drew = True
    return count


def _marked_operators(pdf: Path, page: int) -> list[tuple[str, list[str]]]:
    """Each operator of a page's content with the marks it is drawn inside (outermost
    first)."""
    with pikepdf.open(pdf) as doc:
        marks: list[str] = []
        out = []
        for operands, operator in pikepdf.parse_content_stream(doc.pages[page]):
            op = str(operator)
            if op in ("BMC", "BDC"):
                marks.append(str(operands[0]))
            elif op == "EMC":
                marks.pop()
            out.append((op, list(marks)))
        return out


@pytest.mark.parametrize("layout", ["handout", "flyer"])
def test_icons_are_vector_artifacts(tmp_path: Path, layout: str) -> None:
    pdf = _build(tmp_path, CAREER, "--layout", layout)
    assert len(PdfReader(pdf).pages[0].images) == 0  # no picture at all without a brand
    operators = _marked_operators(pdf, 0)
    curves = [marks for op, marks in operators if op == "c"]
    assert curves, "the icons are drawn as curves"
    assert all(marks and marks[-1] == "/Artifact" for marks in curves)
    assert _icons_drawn(operators) == 5  # five separate artifacts that draw curves


def _square_of_ink(image: Image.Image, region: tuple[int, int, int, int]) -> tuple[int, ...]:
    """The bounding box (left, top, right, bottom, inclusive) of the largest square block of
    ink in `region` of the page: the QR code's modules, set apart from any text by their
    quiet zone (a band's text is light; text on paper is lines, wide and short)."""
    # The modules are ink, far darker than a band or a tint.
    dark = image.crop(region).point(lambda v: 255 if v < 58 else 0)
    rows = [y for y in range(dark.height) if dark.crop((0, y, dark.width, y + 1)).getbbox()]
    blocks, start = [], rows[0]
    for before, y in zip(rows, [*rows[1:], rows[-1] + 100], strict=True):
        if y - before > 20:  # a gap of light rows wider than a module or a line's leading
            blocks.append((start, before))
            start = y
    squares = []
    for top, bottom in blocks:
        box = dark.crop((0, top, dark.width, bottom + 1)).getbbox()
        assert box is not None
        side = bottom - top + 1
        if abs((box[2] - box[0]) - side) <= side * 0.03:
            squares.append((side, (box[0] + region[0], top + region[1],
                                   box[2] - 1 + region[0], bottom + region[1])))
    assert squares, "no QR code in the region"
    return max(squares)[1]


def _qr_geometry(png: Path, target: str, layout: str) -> tuple[float, float]:
    """The symbol's side in cm and its light quiet zone in modules (the narrowest side), for
    the QR code in the top right of a handout's or flyer's first page, on its coloured band,
    or on the middle panel (the back) of the tri-fold's outside."""
    found = subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], capture_output=True,
                           text=True, check=True).stdout.strip()
    assert found == target
    image = Image.open(png).convert("L")
    width, height = image.size
    region = (width // 3, 0, width * 2 // 3, height) if layout == "trifold" else \
        (width * 7 // 10, 0, width, height // 5)
    left, top, right, bottom = _square_of_ink(image, region)
    pixels = image.load()
    assert pixels is not None
    module = (right - left + 1) / len(qr_modules(target))

    def light_run(x: int, y: int, dx: int, dy: int) -> int:
        """Light pixels outward from the symbol's edge, past a pixel or two of
        anti-aliasing."""
        start = 1
        while start < 3 and pixels[x + dx * start, y + dy * start] <= 200:
            start += 1
        count = 0
        while pixels[x + dx * (start + count), y + dy * (start + count)] > 200:
            count += 1
        return count

    mid_x, mid_y = (left + right) // 2, (top + bottom) // 2
    quiet = min(light_run(left, mid_y, -1, 0), light_run(right, mid_y, 1, 0),
                light_run(mid_x, top, 0, -1), light_run(mid_x, bottom, 0, 1))
    return (right - left + 1) / DPI * 2.54, quiet / module


@needs
@pytest.mark.parametrize(("layout", "brand", "target"), [
    ("handout", False, "career"), ("handout", True, BRAND_LINK),
    ("flyer", False, "career"), ("flyer", True, BRAND_LINK),
    ("trifold", False, "career"), ("trifold", True, BRAND_LINK)])
def test_the_qr_code_is_big_enough_with_a_light_quiet_zone(tmp_path: Path, layout: str,
                                                           brand: bool, target: str) -> None:
    brand_args = ["--brand", str(tmp_path / "brand.yaml")] if brand else []
    if brand:
        (tmp_path / "logo.png").write_bytes((ROOT / "examples" / "logo.png").read_bytes())
        text = (ROOT / "examples" / "brand.yaml").read_text()
        (tmp_path / "brand.yaml").write_text(text.replace("qr: career", f"qr: {target}"))
    pdf = _build(tmp_path / "out", CAREER, "--layout", layout, *brand_args)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-f", "1", "-l", "1", "-singlefile", "-png",
                    str(pdf), str(tmp_path / "front")], check=True)
    more = Project(ROOT).load_career(CAREER).more_info
    link = more.url if target == "career" else target
    size, quiet = _qr_geometry(tmp_path / "front.png", link, layout)
    assert size >= 2.5
    assert quiet >= 3.75  # four modules, less the pixels anti-aliasing greys
    front = pdf_text(pdf)[0]
    caption = f"Scan to open {link.removeprefix('https://')}" if target != "career" else \
        f"Scan to read more: {more.label}" if layout == "trifold" else \
        "Scan for the BLS handbook"
    assert caption in _folded(front)


@pytest.mark.parametrize("layout", ["handout", "flyer"])
def test_the_brand_shows_its_logo_and_event_on_the_first_page(tmp_path: Path,
                                                                layout: str) -> None:
    pdf = _build(tmp_path, CAREER, "--layout", layout, "--brand",
                 str(ROOT / "examples" / "brand.yaml"))
    reader = PdfReader(pdf)
    (logo,) = reader.pages[0].images
    assert logo.image is not None and logo.image.size == (240, 240)
    front = pdf_text(pdf)[0]
    assert "Spring Health Careers Fair" in front
    assert "Saturday 13 March 2027, 10am to 3pm · Riverside Community College, Main Hall, " \
           "booth 14" in front


def test_every_icon_the_map_names_is_read_as_outlines_inside_its_box() -> None:
    from brochure.model.icons import FACTS, GROUPS, svg
    from brochure.render.svgpath import outline

    icons = Project(ROOT).layout("handout").icons
    assert set(icons.facts) == set(FACTS) and set(icons.fields) == set(GROUPS)
    for name in {*icons.facts.values(), *icons.fields.values()}:
        shape = outline(svg(name))
        assert shape.segments and shape.segments[0][0] == "M", name
        for _, values in shape.segments:  # each piece ends inside the box (control points
            if values:                     # of a curve may lie outside it)
                x, y = values[-2:]
                assert -1 <= x <= shape.width + 1 and -1 <= y <= shape.height + 1, name


@pytest.mark.parametrize("data", ["M0 0 A10 10 0 0 1 20 0", "M0 0a10 10 0 0120 0"])
def test_an_arc_becomes_quarter_turn_curves_through_its_points(data: str) -> None:
    from brochure.render.svgpath import path_segments

    (move, first, second) = path_segments(data)
    assert move == ("M", (0.0, 0.0))
    # A half circle of radius 10 swept clockwise on screen: over the top (y is down).
    assert first[0] == "C" and first[1][4:] == pytest.approx((10.0, -10.0))
    assert second[0] == "C" and second[1][4:] == pytest.approx((20.0, 0.0))
    # Each quarter's control points lie on the tangents, 4/3·tan(π/8)·r from its ends.
    assert first[1][:2] == pytest.approx((0.0, -10 * 4 / 3 * math.tan(math.pi / 8)))


def test_a_template_draws_the_icon_of_the_careers_field(layout_copy: Path, run) -> None:  # type: ignore[no-untyped-def]
    """A project's own template can show the career's field icon (the tri-fold cover's)."""
    tools = layout_copy / "layouts" / "handout" / "tools.j2"
    tools.write_text('<icon name="{{ icons.field }}" size="24pt" colour="primary"/>\n')
    out = layout_copy / "out"
    assert run("-C", layout_copy, "build", "--out", out).code == 0
    # The five quick facts' icons and the field's.
    assert _icons_drawn(_marked_operators(out / "minimal-handout.pdf", 0)) == 6

    tools.write_text('<icon name="no-such-icon"/>\n')
    result = run("-C", layout_copy, "build", "--out", out)
    assert result.code == 2
    assert result.err.endswith(f"{tools}:1:1: <icon> names no icon of Font Awesome Free's "
                               "solid set: 'no-such-icon'\n")


@pytest.fixture
def layout_copy(project):  # type: ignore[no-untyped-def]
    import shutil

    from conftest import MINIMAL

    folder = project(minimal=MINIMAL)
    shutil.copytree(ROOT / "layouts" / "handout", folder / "layouts" / "handout")
    return folder


def test_an_unknown_icon_in_a_projects_icon_map_is_located(layout_copy: Path, run) -> None:  # type: ignore[no-untyped-def]
    common = layout_copy / "layouts" / "common"
    common.mkdir(parents=True)
    (common / "icons.yaml").write_text("facts:\n  pay: sack-dollar\nfields:\n  '29': stethoscop\n")
    result = run("-C", layout_copy, "build", "--out", layout_copy / "out")
    assert result.code == 2
    assert result.err == (f"error: {common / 'icons.yaml'}:4:9: fields.29: no icon named "
                          "'stethoscop' in Font Awesome Free's solid icons\n")


def test_a_projects_icon_map_changes_only_the_icons_it_names(layout_copy: Path) -> None:
    common = layout_copy / "layouts" / "common"
    common.mkdir(parents=True)
    (common / "icons.yaml").write_text("facts:\n  pay: coins\n")
    standard = Project(ROOT).layout("handout").icons
    icons = Project(layout_copy).layout("handout").icons
    assert icons.facts == {**standard.facts, "pay": "coins"}
    assert icons.fields == standard.fields


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_every_careers_flyer_fits_with_the_brands_event_in_its_quick_facts(
        paper: str) -> None:
    """The event makes the facts grid's last cell the tallest; every career still fits."""
    from brochure.options import Options
    from brochure.output.build import make_fitted

    project = Project(ROOT)
    brand = project.brand(ROOT / "examples" / "brand.yaml")
    assert brand.spec.event is not None
    ids = project.career_ids()
    assert len(ids) == 101
    for career_id in ids:
        fitted = make_fitted(project, career_id, "flyer", brand, Options(paper=paper))
        (facts,) = [f for f in fitted.pages[0].frames if f.frame.name == "quick-facts"]
        assert facts.height <= facts.frame.box.height - 2 * facts.frame.padding, career_id
