"""The index of the BLS tables by SOC code: the figures of a full read, from the tables as
they are now, and never an error of its own."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from brochure.figures import bls_files
from brochure.figures.tables import Tables
from conftest import MINIMAL, ROOT, pdf_text
from test_figures import make_tables
from test_import import _national

SHIPPED = ROOT / "data" / "bls"
PARSE = bls_files.parse


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder of this test's own; the indexes go in its brochure/."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "brochure"


def _indexes(cache: Path) -> list[Path]:
    return sorted(cache.glob("bls-*.index"))


def _no_full_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, parsing the tables' rows fails the test: only the index may answer."""
    def refuse(_: object) -> None:
        raise AssertionError("the tables were read in full")

    monkeypatch.setattr(bls_files, "parse", refuse)


def _full_reads_again(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bls_files, "parse", PARSE)


def test_the_index_gives_the_figures_of_a_full_read(cache: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    full = Tables(bls_files.read(SHIPPED))
    assert _indexes(cache) == []
    Tables(SHIPPED)  # no index yet: read in full, and the index written
    assert len(_indexes(cache)) == 1

    _no_full_read(monkeypatch)
    indexed = Tables(SHIPPED)
    codes = sorted({row["OCC_CODE"] for row in full.contents.oews})
    assert len(codes) > 1000
    for code in codes:
        assert indexed.title(code) == full.title(code)
        assert indexed.join(code) == full.join(code), code
    assert indexed.states == full.states
    assert len(full.states) == 54  # the 50 states, DC, Guam, Puerto Rico, Virgin Islands
    for career in (ROOT / "data" / "careers").glob("*.yaml"):
        code = next(line.split(":", 1)[1].strip()
                    for line in career.read_text(encoding="utf-8").splitlines()
                    if line.startswith("soc:"))
        for state in full.states:
            assert indexed.local(code, state) == full.local(code, state), (code, state)
    assert (indexed.oews_years, indexed.newest_year, indexed.projections) == \
        (full.oews_years, full.newest_year, full.projections)
    assert indexed.soc_hint("29-2079") == full.soc_hint("29-2079")

    _full_reads_again(monkeypatch)
    assert indexed.contents.oews == full.contents.oews  # asked for: read in full after all


def test_tables_edited_by_hand_are_indexed_afresh(project, run, cache: Path,  # type: ignore[no-untyped-def]
                                                  tmp_path: Path) -> None:
    folder = project(minimal=MINIMAL.replace("soc: 29-2072", "soc: 11-1111"))
    make_tables(folder)
    assert run("-C", folder, "build", "--out", tmp_path / "before").code == 0
    assert "$120,000" in pdf_text(tmp_path / "before" / "minimal-handout.pdf")[1]

    # One figure changed in the same file, which keeps its time: only the bytes tell.
    table = folder / "data" / "bls" / "oews_may2025_national_state_all.csv.gz"
    stamp = table.stat()
    text = gzip.decompress(table.read_bytes()).decode()
    national = ",80000,120000,200000,"
    assert text.count(national) == 1
    table.write_bytes(gzip.compress(text.replace(national, ",80000,130000,200000,").encode()))
    os.utime(table, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    result = run("-C", folder, "build", "--out", tmp_path / "after")
    assert result.code == 0, result.err
    back = pdf_text(tmp_path / "after" / "minimal-handout.pdf")[1]
    assert "$130,000" in back and "$120,000" not in back
    assert len(_indexes(cache)) == 2


def test_an_import_is_printed_at_once(project, run, cache: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL)
    assert run("-C", folder, "build", "--out", tmp_path / "before").code == 0
    assert "$51,140" in pdf_text(tmp_path / "before" / "minimal-handout.pdf")[1]
    assert len(_indexes(cache)) == 1  # of the shipped tables

    assert run("-C", folder, "import", "oews", _national(tmp_path)).code == 0
    result = run("-C", folder, "build", "--out", tmp_path / "after")
    assert result.code == 0, result.err
    back = pdf_text(tmp_path / "after" / "minimal-handout.pdf")[1]
    assert "$52,000" in back and "$51,140" not in back
    assert "Occupational Employment and Wage Statistics, May 2026" in back


@pytest.mark.parametrize("damage", ["truncated", "rows garbled", "header garbled", "empty"])
def test_a_damaged_index_is_ignored(cache: Path, monkeypatch: pytest.MonkeyPatch,
                                    damage: str) -> None:
    full = Tables(bls_files.read(SHIPPED)).join("29-2072")
    Tables(SHIPPED)
    [index] = _indexes(cache)
    data = index.read_bytes()
    header_end = data.index(b"\n", data.index(b"\n") + 1) + 1
    index.write_bytes({
        "truncated": data[:len(data) // 2],
        "rows garbled": data[:header_end] + bytes(len(data) - header_end),
        "header garbled": data[:header_end - 40] + b"x" * 40 + data[header_end:],
        "empty": b"",
    }[damage])
    assert Tables(SHIPPED).join("29-2072") == full
    _no_full_read(monkeypatch)
    assert Tables(SHIPPED).join("29-2072") == full  # the index was mended


def test_a_cache_that_cannot_be_written_only_costs_time(project, run, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    result = run("-C", project(minimal=MINIMAL), "build", "--out", tmp_path / "out")
    assert (result.code, result.err) == (0, "")
    assert "$51,140" in pdf_text(tmp_path / "out" / "minimal-handout.pdf")[1]
