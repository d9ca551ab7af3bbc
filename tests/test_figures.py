"""Figures joined by SOC code: published values, BLS's markers, and cited overrides."""

from __future__ import annotations

import csv
import gzip
import shutil
from pathlib import Path

import pytest

from conftest import MINIMAL, ROOT, pdf_text

HEADER = ["YEAR", "AREA", "AREA_TITLE", "AREA_TYPE", "PRIM_STATE", "OCC_CODE", "OCC_TITLE",
          "O_GROUP", "TOT_EMP", "EMP_PRSE", "JOBS_1000", "LOC_QUOTIENT", "H_MEAN", "A_MEAN",
          "MEAN_PRSE", "H_PCT10", "H_PCT25", "H_MEDIAN", "H_PCT75", "H_PCT90", "A_PCT10",
          "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90", "FOOTNOTES"]


def _row(area: str, title: str, kind: str, emp: str, pay: list[str], notes: str = "") -> list[str]:
    hourly = ["-"] * 5
    code = {"U.S.": "US", "California": "CA", "Texas": "TX", "Vermont": "VT",
            "Nevada": "NV"}[title]
    return ["2025", area, title, kind, code, "11-1111", "Test Occupation", "detailed", emp,
            "1.0", "", "", "-", "100000", "1.0", *hourly, *pay, notes]


def make_tables(folder: Path) -> None:
    """Tables in BLS's exact column layout, with its markers for 'not released' and top-coding."""
    bls = folder / "data" / "bls"
    bls.mkdir(parents=True)
    rows = [
        _row("99", "U.S.", "1", "5000", ["60000", "80000", "120000", "200000", "-"],
             "A_PCT90:5"),
        _row("06", "California", "2", "900", ["-", "-", "-", "-", "-"],
             "A_PCT10:8;A_PCT25:8;A_MEDIAN:8;A_PCT75:8;A_PCT90:8"),
        _row("48", "Texas", "2", "1200", ["50000", "70000", "110000", "190000", "-"],
             "A_PCT90:5"),
        _row("50", "Vermont", "2", "-", ["40000", "50000", "90000", "100000", "120000"],
             "TOT_EMP:8"),
        # Nevada is in the tables, but only for another occupation.
        [*_row("32", "Nevada", "2", "300", ["1", "2", "3", "4", "5"])[:5], "22-2222",
         *_row("32", "Nevada", "2", "300", ["1", "2", "3", "4", "5"])[6:]],
    ]
    with gzip.open(bls / "oews_may2025_national_state_all.csv.gz", "wt", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        writer.writerows(rows)
    shutil.copy(ROOT / "data" / "bls" / "oews_may2025_footnotes.csv", bls)
    with open(ROOT / "data" / "bls" / "ep_2024_34_table1_2.csv", encoding="utf-8") as f:
        header = next(csv.reader(f))
    with open(bls / "ep_2024_34_table1_2.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerow(["Total, all occupations", "00-0000", "Summary", "100", "103", "100",
                         "100", "3", "3.0", "5", "10", "49500", "—", "—", "—", "—"])
        writer.writerow(["Test occupation", "11-1111", "Line item", "5.0", "4.6", "0", "0",
                         "-0.4", "-8.0", "1", "0.4", "100000", "—", "None", "None", ""])


def test_real_figures_for_medical_records_specialists() -> None:
    from brochure.figures.tables import Amount, Tables
    from brochure.model.career import Career

    career = Career.model_validate(_minimal_data())
    figures = Tables(ROOT / "data" / "bls").figures(career)
    assert figures.occupation == "Medical Records Specialists"
    assert figures.pay.median == Amount(51140)
    assert [figures.pay.pct10.value, figures.pay.pct25.value, figures.pay.pct75.value,
            figures.pay.pct90.value] == [37000, 43490, 64820, 81150]
    assert figures.employment == Amount(194720)
    assert [s.name for s in figures.top_states.states] == [
        "Florida", "California", "Texas", "New York", "Ohio"]
    assert figures.top_states.not_released == 1  # Vermont's employment was not released
    assert figures.outlook.change_percent == 7.1
    assert figures.outlook.openings_per_year == Amount(14200)
    assert figures.outlook.all_occupations_percent == 3.1
    assert figures.entry_education.value == "Postsecondary nondegree award"


def test_markers_become_words_on_the_page(project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL.replace("soc: 29-2072", "soc: 11-1111"))
    make_tables(folder)
    result = run("-C", folder, "build", "--out", tmp_path)
    assert result.code == 0, result.err
    front, back = pdf_text(tmp_path / "minimal-handout.pdf")
    assert "$120,000" in back
    assert "$239,200 or more" in back  # national 90th percentile is top-coded
    assert "California 900 not released" in back  # state median not released
    assert "Texas 1,200 $110,000" in back
    assert "Vermont" not in back  # no employment figure: not ranked
    assert "BLS released no employment figure for 1 state; it is not ranked." in back
    assert "−8.0%" in back and "400" in back
    # The quick facts say so, with the table that published none.
    assert ("Entry education not published Typical entry education · BLS Projections "
            "2024–34") in front


def test_an_override_is_printed_with_its_own_source(project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    override = ("figures:\n  pay:\n    source: State Wage Survey\n    year: 2024\n"
                "    median: 48000\nsources:")
    folder = project(minimal=MINIMAL.replace("sources:", override, 1))
    result = run("-C", folder, "build", "--out", tmp_path)
    assert result.code == 0, result.err
    back = pdf_text(tmp_path / "minimal-handout.pdf")[1]
    assert "$48,000" in back and "$51,140" not in back
    assert "State Wage Survey, 2024" in back
    assert "not released" in back  # the override gave no percentiles; none are invented


def _minimal_data() -> dict[str, object]:
    import yaml

    data: dict[str, object] = yaml.safe_load(MINIMAL)
    return data


def test_state_pay_is_printed_beside_the_national_figures(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("-C", ROOT, "build", "medical-records-technician", "--state", "tx",
                 "--out", tmp_path)
    assert result.code == 0, result.err
    back = pdf_text(tmp_path / "medical-records-technician-handout-tx.pdf")[1]
    # OEWS May 2025, SOC 29-2072: the U.S. row, then Texas's.
    assert "U.S. $37,000 $43,490 $51,140 $64,820 $81,150" in back
    assert "TX $34,440 $39,470 $48,860 $63,970 $78,390" in back
    assert "in Texas, where 17,210 people do this job" in back


@pytest.mark.parametrize("layout", ["trifold", "flyer"])
def test_state_pay_in_the_compact_layouts(run, tmp_path: Path, layout: str) -> None:  # type: ignore[no-untyped-def]
    result = run("-C", ROOT, "build", "medical-records-technician", "--state", "Vermont",
                 "--layout", layout, "--out", tmp_path)
    assert result.code == 0, result.err
    text = " ".join(pdf_text(tmp_path / f"medical-records-technician-{layout}-vt.pdf"))
    assert ("In Vermont: median $57,560 a year; the middle half earn $47,340 to $62,590, "
            "and $42,130 to $77,580 covers the 10th to 90th percentile. Jobs there: "
            "not released.") in text


def test_a_state_without_figures_for_the_job_says_so(project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL.replace("soc: 29-2072", "soc: 11-1111"))
    make_tables(folder)
    result = run("-C", folder, "build", "--state", "NV", "--layout", "flyer", "--out", tmp_path)
    assert result.code == 0, result.err
    text = pdf_text(tmp_path / "minimal-flyer-nv.pdf")[0]
    assert "In Nevada: BLS released no pay or employment figures for this job there" \
        in text


@pytest.mark.parametrize(("state", "message"), [
    ("Texs", "error: no state 'Texs' in the BLS tables\n  hint: did you mean TX (Texas)?\n"),
    ("ZZ", "error: no state 'ZZ' in the BLS tables\n  hint: use a two-letter code such as "
           "TX: AK AL AR AZ CA CO CT DC DE FL GA GU HI IA ID IL IN KS KY LA MA MD ME MI MN "
           "MO MS MT NC ND NE NH NJ NM NV NY OH OK OR PA PR RI SC SD TN TX UT VA VI VT WA WI "
           "WV WY\n"),
])
def test_an_unknown_state_is_refused(run, tmp_path: Path, state: str, message: str) -> None:  # type: ignore[no-untyped-def]
    result = run("-C", ROOT, "build", "--state", state, "--out", tmp_path)
    assert (result.code, result.err) == (2, message)
    assert not any(tmp_path.iterdir())
