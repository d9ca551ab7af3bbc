"""Importers: BLS and O*NET files in their publishers' exact formats, to the printed page."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

from conftest import MINIMAL, ROOT, pdf_text
from needs import publisher_files, publisher_folder
from publisher_files import (
    flat_files,
    oews_row,
    oews_workbook,
    projection_row,
    projections_workbook,
)

MRS = ("29-2072", "Medical Records Specialists")
PUBLISHED = publisher_folder("bls")


def _national(tmp_path: Path, year: int = 2026, **options: bool) -> Path:
    rows = [
        oews_row("99", "U.S.", "1", "US", "00-0000", "All Occupations", 156000000,
                 (32000, 38000, 52000, 82000, 130000), group="total"),
        oews_row("99", "U.S.", "1", "US", *MRS, 200100, (38000, 44000, 52000, 66000, "#")),
        oews_row("99", "U.S.", "1", "US", "25-2021", "Elementary School Teachers", 1390000,
                 (48000, 58000, 64000, 81000, 104000), annual_only=True),
        oews_row("99", "U.S.", "1", "US", "29-1211", "Anesthesiologists", 38000,
                 ("*", "*", "*", "*", "*")),
    ]
    return oews_workbook(tmp_path / f"national_M{year}_dl.xlsx", year, rows, **options)


def _states(tmp_path: Path, year: int = 2026) -> Path:
    rows = [
        oews_row("48", "Texas", "2", "TX", *MRS, 21000, (30000, 40000, 50000, 60000, 70000)),
        oews_row("06", "California", "2", "CA", *MRS, 19000, (31000, 41000, "*", 61000, 71000)),
        oews_row("50", "Vermont", "2", "VT", *MRS, "**", (30000, 40000, 50000, 60000, 70000)),
        oews_row("72", "Puerto Rico", "3", "PR", *MRS, 900, (20000, 22000, 24000, 26000, 28000)),
    ]
    return oews_workbook(tmp_path / f"state_M{year}_dl.xlsx", year, rows, state=True)


def test_national_and_state_workbooks_reach_the_printed_page(project, run,  # type: ignore[no-untyped-def]
                                                             tmp_path: Path) -> None:
    folder = project(minimal=MINIMAL)
    result = run("-C", folder, "import", "oews", _national(tmp_path, footer=True))
    assert result.code == 0, result.err
    assert "read OEWS May 2026 from national_M2026_dl.xlsx: 4 national rows\n" in result.out
    assert ("median pay changed for 1 career:\n"
            "  minimal (29-2072): $51,140 → $52,000 (May 2025 → May 2026)\n") in result.out
    assert "OEWS national May 2026, states May 2025" in result.out
    assert "wrote data/bls/oews_may2025-2026_national_state_all.csv.gz" in result.out

    checked = run("-C", folder, "check")
    assert checked.code == 0
    assert ("warning: data/careers/minimal.yaml:4:6: soc: the brochure would mix OEWS "
            "periods: national May 2026, states May 2025") in checked.err

    result = run("-C", folder, "import", "oews", _states(tmp_path))
    assert result.code == 0, result.err
    # Puerto Rico is not a state: it is shown apart on the page, not ranked.
    assert ("top states moved for 1 career:\n  minimal (29-2072): Florida, California, Texas, "
            "New York, Ohio → Texas, California\n") in result.out
    assert "tables now hold: OEWS May 2026; Employment Projections 2024–34" in result.out
    assert sorted(p.name for p in (folder / "data" / "bls").iterdir()) == [
        "ep_2024_34_table1_2.csv", "oews_may2026_footnotes.csv",
        "oews_may2026_national_state_all.csv.gz"]
    assert "warning" not in run("-C", folder, "check").err

    assert run("-C", folder, "build", "--out", tmp_path / "out").code == 0
    back = pdf_text(tmp_path / "out" / "minimal-handout.pdf")[1]
    assert "$52,000" in back and "$51,140" not in back
    assert "$239,200 or more" in back  # '#' in the workbook, threshold from its notes
    assert "Texas 21,000 $50,000" in back
    assert "California 19,000 not released" in back  # '*' in the workbook
    assert "Not a state, so not ranked: Puerto Rico, 900 jobs, median $24,000." in back
    assert "Vermont" not in back  # '**': employment not released, so not ranked
    assert "Occupational Employment and Wage Statistics, May 2026" in back
    assert "May 2025" not in back


def test_markers_become_explicit_footnote_codes(project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from brochure.importers import oews

    release = oews.read([_national(tmp_path, footer=True)])[0]
    rows = {r["OCC_CODE"]: r for r in release.rows}
    assert list(rows) == ["00-0000", "29-2072", "25-2021", "29-1211"]  # footer rows skipped
    assert (rows["29-2072"]["A_PCT90"], rows["29-2072"]["FOOTNOTES"]) == (
        "-", "H_PCT90:5;A_PCT90:5")
    assert rows["25-2021"]["H_MEDIAN"] == "-"
    assert rows["25-2021"]["FOOTNOTES"].split(";")[0] == "H_MEAN:4"  # only annual wages
    assert rows["29-1211"]["FOOTNOTES"].endswith("A_MEDIAN:8;A_PCT75:8;A_PCT90:8")
    assert rows["29-2072"]["H_MEDIAN"] == "25.00" and rows["29-2072"]["TOT_EMP"] == "200100"
    assert {(f["FOOTNOTE_CODE"], f["FOOTNOTE_TEXT"]) for f in release.footnotes} >= {
        ("5", "indicates a wage equal to or greater than $115.00 per hour or $239,200 per "
              "year")}


def test_a_top_coded_wage_without_the_release_note_is_refused(project, run,  # type: ignore[no-untyped-def]
                                                              tmp_path: Path) -> None:
    folder = project(minimal=MINIMAL)
    result = run("-C", folder, "import", "oews", _national(tmp_path, notes=False))
    assert result.code == 2
    assert "wages are marked # (top-coded) but the file gives no threshold" in result.err
    assert not (folder / "data" / "bls").exists()


def test_dry_run_reports_and_writes_nothing(project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL)
    result = run("-C", folder, "import", "oews", "--dry-run", _national(tmp_path))
    assert result.code == 0, result.err
    assert "$51,140 → $52,000" in result.out and "dry run: nothing written" in result.out
    assert not (folder / "data" / "bls").exists()


def test_flat_files_give_the_same_rows(project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL)
    data = flat_files(tmp_path / "flat", 2026)
    result = run("-C", folder, "import", "oews", data)
    assert result.code == 0, result.err
    assert ("read OEWS May 2026 from oe.data.0.Current: 2 national rows, "
            "2 rows for 2 states and territories") in result.out
    assert "minimal (29-2072): $51,140 → $53,000 (May 2025 → May 2026)" in result.out
    assert "Ohio → Texas\n" in result.out  # Vermont's employment was not released
    bls = folder / "data" / "bls"
    table = gzip.decompress(next(bls.glob("oews_*.csv.gz")).read_bytes()).decode()
    assert ("2026,48,Texas,2,TX,29-2072,Medical Records Specialists,detailed,20100,,,,,,,,,,,,"
            ",,49990,,," in table)
    assert "621000" not in table and "99999" not in table  # industry series left out
    assert run("-C", folder, "build", "--out", tmp_path / "out").code == 0
    back = pdf_text(tmp_path / "out" / "minimal-handout.pdf")[1]
    assert "$53,000" in back and "$239,200 or more" in back and "$25.48 an hour" in back


def test_an_unknown_file_is_refused(project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL)
    (tmp_path / "notes.csv").write_text("a,b\n")
    result = run("-C", folder, "import", "oews", tmp_path / "notes.csv")
    assert result.code == 2 and "not an OEWS file this can read" in result.err
    result = run("-C", folder, "import", "projections", tmp_path / "missing.xlsx")
    assert result.code == 2 and "missing.xlsx:1:1: no such file" in result.err


def test_projections_are_read_by_title_and_header_text(project, run,  # type: ignore[no-untyped-def]
                                                        tmp_path: Path) -> None:
    folder = project(minimal=MINIMAL)
    workbook = projections_workbook(tmp_path / "occupation.xlsx", 2026, [
        projection_row("Total, all occupations", "00-0000", 171000.0, 176000.0, 2.9, 18900.0,
                       kind="Summary", depth=0),
        projection_row("Medical records specialists", "29-2072", 196.0, 212.5, 8.4, 15.1,
                       "Associate's degree"),
    ])
    result = run("-C", folder, "import", "projections", workbook)
    assert result.code == 0, result.err
    assert ("read Employment Projections 2026–36 from occupation.xlsx (Table 1.2 Occupational "
            "projections, 2026–2036, and worker characteristics, 2026): 2 occupations") \
        in result.out
    assert ("projected change in jobs changed for 1 career:\n"
            "  minimal (29-2072): +7.1% → +8.4% (2024–34 → 2026–36)") in result.out
    assert (folder / "data" / "bls" / "ep_2026_36_table1_2.csv").is_file()
    assert not (folder / "data" / "bls" / "ep_2024_34_table1_2.csv").exists()
    assert run("-C", folder, "build", "--out", tmp_path / "out").code == 0
    front, back = pdf_text(tmp_path / "out" / "minimal-handout.pdf")
    assert "Employment Projections, 2026–36" in back and "2024–34" not in back
    assert "+8.4%" in back and "15,100" in back
    assert "associate's degree" in front.lower()


def test_reimporting_the_same_file_changes_nothing(project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL)
    workbook = _national(tmp_path)
    assert run("-C", folder, "import", "oews", workbook).code == 0
    again = run("-C", folder, "import", "oews", workbook)
    assert again.code == 0
    assert "no change in pay, top states or outlook for: minimal" in again.out
    assert "nothing written" in again.out


@publisher_files("bls")
def test_the_published_files_reproduce_the_shipped_tables(project, run,  # type: ignore[no-untyped-def]
                                                          tmp_path: Path) -> None:
    folder = project(minimal=MINIMAL)
    shutil.copytree(ROOT / "data" / "bls", folder / "data" / "bls")
    result = run("-C", folder, "import", "oews", PUBLISHED / "national_M2025_dl.xlsx")
    assert result.code == 0, result.err
    assert "no change in pay, top states or outlook for: minimal" in result.out
    result = run("-C", folder, "import", "projections", PUBLISHED / "occupation.xlsx")
    assert result.code == 0, result.err
    assert "1,113 occupations" in result.out and "nothing written" in result.out
    result = run("-C", folder, "import", "oews", "--dry-run",
                 PUBLISHED / "national_M2024_dl.xlsx")
    assert "minimal (29-2072): $51,140 → $50,250 (May 2025 → May 2024)" in result.out


def test_importing_one_table_leaves_the_others_alone(project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL)
    shutil.copytree(ROOT / "data" / "bls", folder / "data" / "bls")
    workbook = projections_workbook(tmp_path / "occupation.xlsx", 2024, [
        projection_row("Medical records specialists", "29-2072", 196.0, 212.5, 8.4, 15.1)])
    result = run("-C", folder, "import", "projections", workbook)
    assert result.code == 0, result.err
    assert result.out.endswith("wrote data/bls/ep_2024_34_table1_2.csv\n")
    for name in ("oews_may2025_national_state_all.csv.gz", "oews_may2025_footnotes.csv"):
        assert (folder / "data/bls" / name).read_bytes() == (ROOT / "data/bls" / name).read_bytes()
