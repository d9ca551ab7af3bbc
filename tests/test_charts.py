"""Charts that compare: one pay axis and one outlook scale for every career, the median of all
jobs marked, and no label over another or over a bar; read back from built PDFs."""

from __future__ import annotations

import csv
import ctypes
import gzip
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest

from accessible import _mark_name, _text_of, structure
from brochure.cli import main
from conftest import ROOT

CAREERS = ("cashier", "software-developer", "customer-service-representative")
LAYOUTS = ("handout", "trifold", "flyer")
# The flyer gives the change in jobs as a quick fact and prints no outlook chart.
OUTLOOK_LAYOUTS = ("handout", "trifold")
PAPERS = ("letter", "a4")
CHART_PAGE = {"handout": 1, "trifold": 1, "flyer": 0}
"""The page (from 0) with the pay and outlook charts."""

Box = tuple[float, float, float, float]
"""Left, bottom, right, top in points."""


@dataclass
class Chart:
    """What one chart (a Figure's marked content) draws: its labels and its filled shapes."""

    labels: list[tuple[str, Box]] = field(default_factory=list)
    bars: list[Box] = field(default_factory=list)
    """Shapes filled with a colour other than the paper's."""

    def label(self, text: str) -> Box:
        found = [box for words, box in self.labels if words.strip() == text]
        assert len(found) == 1, (text, [words for words, _ in self.labels])
        return found[0]

    def texts(self) -> list[str]:
        return [words.strip() for words, _ in self.labels]


def _bounds(obj: Any) -> Box:
    edges = [ctypes.c_float() for _ in range(4)]
    raw.FPDFPageObj_GetBounds(obj, *(ctypes.byref(e) for e in edges))
    return edges[0].value, edges[1].value, edges[2].value, edges[3].value


def _filled(obj: Any) -> bool:
    """A path filled with ink, not paper (white knocks the grid out behind a value)."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke))
    rgba = [ctypes.c_uint() for _ in range(4)]
    raw.FPDFPageObj_GetFillColor(obj, *(ctypes.byref(c) for c in rgba))
    return bool(fill.value) and [c.value for c in rgba[:3]] != [255, 255, 255]


def charts(pdf: Path, page: int) -> list[Chart]:
    """The charts of one page in drawing order, read by PDFium from their Figure tags."""
    document = pdfium.PdfDocument(pdf)
    found: dict[int, Chart] = {}
    try:
        sheet = document[page]
        textpage = sheet.get_textpage()
        for index in range(raw.FPDFPage_CountObjects(sheet.raw)):
            obj = raw.FPDFPage_GetObject(sheet.raw, index)
            names = [_mark_name(raw.FPDFPageObj_GetMark(obj, m))
                     for m in range(raw.FPDFPageObj_CountMarks(obj))]
            if "Figure" not in names:
                continue
            chart = found.setdefault(raw.FPDFPageObj_GetMarkedContentID(obj), Chart())
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_TEXT:
                chart.labels.append((_text_of(obj, textpage.raw), _bounds(obj)))
            elif kind == raw.FPDF_PAGEOBJ_PATH and _filled(obj):
                chart.bars.append(_bounds(obj))
    finally:
        document.close()
    return [chart for chart in found.values() if chart.labels]


def pay_chart(pdf: Path, page: int) -> Chart:
    return next(c for c in charts(pdf, page) if "$50k" in c.texts())


def outlook_chart(pdf: Path, page: int) -> Chart:
    return next(c for c in charts(pdf, page) if "This job" in c.texts())


def centre(box: Box) -> float:
    return (box[0] + box[2]) / 2


def overlap(a: Box, b: Box) -> bool:
    """Two boxes share more than a hairline (0.1 pt) both across and down."""
    return (min(a[2], b[2]) - max(a[0], b[0]) > 0.1) and (min(a[3], b[3]) - max(a[1], b[1]) > 0.1)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str, str], Path]:
    """The three careers in every layout on both papers, built once for every test here."""
    out = tmp_path_factory.mktemp("charts")
    files = {}
    for layout in LAYOUTS:
        for paper in PAPERS:
            code = main(["-C", str(ROOT), "build", *CAREERS, "--layout", layout, "--paper",
                         paper, "--out", str(out), "--jobs", "1"])
            assert code == 0
            for career in CAREERS:
                suffix = "-a4" if paper == "a4" else ""
                files[career, layout, paper] = out / f"{career}-{layout}{suffix}.pdf"
    return files


def _all_jobs_median() -> int:
    """The U.S. all-occupations median as the OEWS table has it, read apart from the code."""
    with gzip.open(ROOT / "data" / "bls" / "oews_may2025_national_state_all.csv.gz", "rt",
                   encoding="utf-8") as table:
        return next(int(row["A_MEDIAN"]) for row in csv.DictReader(table)
                    if row["OCC_CODE"] == "00-0000" and row["AREA_TYPE"] == "1")


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_pay_axis_is_the_same_for_a_low_and_a_high_paid_career(
        built: dict[tuple[str, str, str], Path], layout: str, paper: str) -> None:
    low = pay_chart(built["cashier", layout, paper], CHART_PAGE[layout])
    high = pay_chart(built["software-developer", layout, paper], CHART_PAGE[layout])

    def along(chart: Chart, tick: str) -> float:
        """Where a tick sits from $0 (0) to $250k (1): the tri-fold balances its inside
        panels, so the chart may be in a panel a few points narrower for one career."""
        start, end = centre(chart.label("$0")), centre(chart.label("$250k"))
        return (centre(chart.label(tick)) - start) / (end - start)

    for tick in ("$50k", "$100k", "$200k"):
        assert along(low, tick) == pytest.approx(along(high, tick), abs=0.001)
    # The cashier's bar ends left of $50k; the developer's starts right of it.
    assert max(bar[2] for bar in low.bars) < centre(low.label("$50k"))
    assert centre(high.label("$50k")) < min(bar[0] for bar in high.bars)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_all_jobs_median_is_marked_and_named_where_it_falls(
        built: dict[tuple[str, str, str], Path], layout: str) -> None:
    everyone = _all_jobs_median()
    pdf = built["cashier", layout, "letter"]
    chart = pay_chart(pdf, CHART_PAGE[layout])
    label = chart.label(f"All jobs ${everyone:,}")
    start, end = centre(chart.label("$0")), centre(chart.label("$250k"))
    assert centre(label) == pytest.approx(start + everyone / 250_000 * (end - start), abs=0.5)
    _, elements = structure(pdf)
    alt = next(e.alt for e in elements if e.type == "Figure" and e.alt
               and e.alt.startswith("Yearly pay"))
    assert (f"drawn on a scale from $0 to $250,000; the median of all jobs, ${everyone:,}, "
            "is marked for comparison") in alt


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("layout", OUTLOOK_LAYOUTS)
def test_the_outlook_zero_line_is_at_one_place_and_a_fall_grows_left(
        built: dict[tuple[str, str, str], Path], layout: str, paper: str) -> None:
    falling = outlook_chart(built["customer-service-representative", layout, paper],
                            CHART_PAGE[layout])
    rising = outlook_chart(built["software-developer", layout, paper], CHART_PAGE[layout])
    zero = centre(falling.label("0"))
    assert centre(rising.label("0")) == pytest.approx(zero, abs=0.01)
    for chart, sign in ((falling, "−"), (rising, "+")):
        row = chart.label("This job")
        value = next(box for text, box in chart.labels if text.strip().endswith("%")
                     and text.strip()[0] in "+−" and abs(box[1] - row[1]) < 3)
        bar = next(bar for bar in chart.bars if bar[1] < (row[1] + row[3]) / 2 < bar[3])
        if sign == "−":  # the bar ends at zero and grows left, its value left of it
            assert bar[2] == pytest.approx(zero, abs=1) and bar[0] < zero - 2
            assert value[2] < bar[0]
        else:
            assert bar[0] == pytest.approx(zero, abs=1) and bar[2] > zero + 2
            assert value[0] > bar[2]


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_no_chart_label_touches_another_or_a_bar(
        built: dict[tuple[str, str, str], Path], layout: str, paper: str) -> None:
    problems = []
    for career in CAREERS:
        pdf = built[career, layout, paper]
        for page in range(2 if layout != "flyer" else 1):
            for chart in charts(pdf, page):
                labels = chart.labels
                problems += [(career, a, b) for i, (a, box) in enumerate(labels)
                             for b, other in labels[i + 1:] if overlap(box, other)]
                problems += [(career, a, bar) for a, box in labels for bar in chart.bars
                             if overlap(box, bar)]
    assert problems == []


def test_a_range_past_the_axis_reaches_its_end_with_the_figure_in_full(tmp_path: Path) -> None:
    career = "airline-pilot"  # the 90th percentile is over $250,000
    soc = next(line.split(":", 1)[1].strip() for line in
               (ROOT / "data" / "careers" / f"{career}.yaml").read_text().splitlines()
               if line.startswith("soc:"))
    with gzip.open(ROOT / "data" / "bls" / "oews_may2025_national_state_all.csv.gz", "rt",
                   encoding="utf-8") as table:
        top = next(int(row["A_PCT90"]) for row in csv.DictReader(table)
                   if row["OCC_CODE"] == soc and row["AREA_TYPE"] == "1")
    assert top > 250_000
    assert main(["-C", str(ROOT), "build", career, "--layout", "trifold", "--out",
                 str(tmp_path)]) == 0
    chart = pay_chart(tmp_path / f"{career}-trifold.pdf", CHART_PAGE["trifold"])
    label = chart.label(f"${top:,}")
    end = centre(chart.label("$250k"))
    assert max(bar[2] for bar in chart.bars) > end  # the arrowhead passes the last tick
    # The figure is printed whole and ends within the chart, which ends 5 pt past the last
    # tick's label to hold the arrowhead.
    assert label[2] <= chart.label("$250k")[2] + 5.5
