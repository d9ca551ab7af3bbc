"""Citations carry the period the tables' own data describes, never a constant."""

from __future__ import annotations

import csv
import gzip
import io
from pathlib import Path

from conftest import MINIMAL, ROOT, pdf_text


def _retitle(folder: Path, year: int, base: int) -> None:
    """The shipped tables, relabelled as a later release the way BLS would label it."""
    bls = folder / "data" / "bls"
    bls.mkdir(parents=True)
    with gzip.open(ROOT / "data/bls/oews_may2025_national_state_all.csv.gz", "rt") as f:
        rows = list(csv.reader(f))
    out = io.StringIO()
    csv.writer(out).writerows([rows[0], *([str(year), *r[1:]] for r in rows[1:])])
    (bls / f"oews_may{year}_national_state_all.csv.gz").write_bytes(
        gzip.compress(out.getvalue().encode()))
    (bls / f"oews_may{year}_footnotes.csv").write_bytes(
        (ROOT / "data/bls/oews_may2025_footnotes.csv").read_bytes())
    period = f"{base}–{str(base + 10)[2:]}"
    text = (ROOT / "data/bls/ep_2024_34_table1_2.csv").read_text(encoding="utf-8")
    header, rest = text.split("\n", 1)
    header = (header.replace("2024–34", period).replace("2034", str(base + 10))
              .replace("2024", str(base)))
    (bls / f"ep_{base}_{str(base + 10)[2:]}_table1_2.csv").write_text(
        header + "\n" + rest, encoding="utf-8")


def test_citations_follow_the_year_column_and_the_projection_headers(  # type: ignore[no-untyped-def]
        project, run, tmp_path: Path) -> None:
    folder = project(minimal=MINIMAL)
    _retitle(folder, 2027, 2026)
    result = run("-C", folder, "build", "--out", tmp_path)
    assert result.code == 0, result.err
    back = pdf_text(tmp_path / "minimal-handout.pdf")[1]
    assert "Occupational Employment and Wage Statistics, May 2027" in back
    assert "Employment Projections, 2026–36" in back
    assert "May 2025" not in back and "2024–34" not in back
    assert "$51,140" in back and "+7.1%" in back


def test_tables_say_which_table_is_missing(project, run) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL)
    (folder / "data" / "bls").mkdir()
    result = run("-C", folder, "check")
    assert result.code == 2
    assert result.err.startswith(
        "error: data/bls/ has no OEWS table (oews_*_national_state_all.csv.gz)\n")
    assert "hint: run 'brochure import' with the BLS files" in result.err
