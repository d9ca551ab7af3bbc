"""BLS OEWS files into the project's OEWS table.

Reads BLS's workbooks (`national_M<year>_dl.xlsx`, `state_M<year>_dl.xlsx`) and BLS's flat
text files (`oe.data.0.Current` with `oe.area`, `oe.occupation` and `oe.footnote` beside
it). BLS's markers become explicit footnote codes on a "-" value: `*` and `**` (not
released: 8, or 4 where only annual or only hourly wages are published) and `#`
(top-coded: 5, with the threshold from the release's own note).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from brochure.errors import shown
from brochure.figures.bls_files import (
    NOT_PUBLISHED_FOR_PAY_BASIS,
    NOT_RELEASED,
    OEWS_COLUMNS,
    TOP_CODED,
    Contents,
    Row,
)
from brochure.importers.reading import MAX_TEXT_BYTES, fail, text_lines
from brochure.importers.workbook import find_header, open_workbook, rows, text

VALUE_COLUMNS = OEWS_COLUMNS[8:-1]
_DECIMALS = {"EMP_PRSE": 1, "MEAN_PRSE": 1, "JOBS_1000": 3, "LOC_QUOTIENT": 2,
             **{c: 2 for c in VALUE_COLUMNS if c.startswith("H_")}}
_AREA_TYPES = {"1", "2", "3"}  # U.S., states, territories; metro areas are not kept
_CODE = re.compile(r"\d{2}-\d{4}")

MAX_FLAT_DATA_BYTES = 2_000_000_000
"""BLS's oe.data.* file, read a line at a time (only the national and state series that
are kept are held in memory)."""
_FLAT_HINT = "BLS's flat files are text; check that this is the right file"

NOT_RELEASED_TEXT = "Estimate not released."
PAY_BASIS_TEXT = ("Wages for some occupations that do not generally work year-round, full "
                  "time, are reported either as hourly wages or annual salaries depending "
                  "on how they are typically paid.")


@dataclass
class Release:
    """OEWS rows read from one BLS file (or one set of flat files), in the stored layout."""

    year: int
    rows: list[Row]
    footnotes: list[Row] = field(default_factory=list)
    source: str = ""

    @property
    def levels(self) -> set[str]:
        """'national' and/or 'state': which part of the table this release replaces."""
        return {_level(r) for r in self.rows}

    def describe(self) -> str:
        national = sum(r["AREA_TYPE"] == "1" for r in self.rows)
        states = len({r["AREA"] for r in self.rows if r["AREA_TYPE"] != "1"})
        parts = ([f"{national:,} national rows"] if national else []) + (
            [f"{len(self.rows) - national:,} rows for {states} states and territories"]
            if states else [])
        return f"OEWS May {self.year} from {self.source}: {', '.join(parts) or 'no rows'}"


def read(paths: list[Path]) -> list[Release]:
    """Every OEWS file given: workbooks one by one, flat files as one set."""
    releases = []
    flat = [p for p in paths if p.name.startswith("oe.")]
    for path in paths:
        if not path.exists():
            raise fail(path, "no such file")
        if path.suffix.lower() == ".xlsx":
            releases.append(read_workbook(path))
        elif path not in flat:
            raise fail(path, "not an OEWS file this can read",
                       "give national_M<year>_dl.xlsx, state_M<year>_dl.xlsx, or the flat "
                       "file oe.data.0.Current")
    data = [p for p in flat if p.name.startswith("oe.data.")]
    if flat and not data:
        raise fail(flat[0], "flat files without their data file",
                   "give oe.data.0.Current too (oe.area, oe.occupation and oe.footnote are "
                   "read from beside it)")
    releases += [read_flat_files(p, flat) for p in data]
    return releases


def merge(contents: Contents, releases: Iterable[Release]) -> Contents:
    """The table with the national rows, the state rows, or both replaced by each
    release's (BLS publishes each level complete); the other level keeps its rows."""
    oews = list(contents.oews)
    footnotes = _dated(contents.footnotes, contents.oews_years())
    for release in releases:
        levels = release.levels
        oews = [r for r in oews if _level(r) not in levels] + release.rows
        replaced = {(f["YEAR"], f["FOOTNOTE_CODE"]) for f in release.footnotes}
        footnotes = [f for f in footnotes if (f["YEAR"], f["FOOTNOTE_CODE"]) not in replaced]
        footnotes += release.footnotes
    years = {r["YEAR"] for r in oews}
    footnotes = sorted((f for f in footnotes if f["YEAR"] in years),
                       key=lambda f: (f["YEAR"], f["FOOTNOTE_CODE"]))
    return Contents(oews, footnotes, contents.projections_header, contents.projections)


def older(contents: Contents, releases: Iterable[Release]) -> list[str]:
    """What each release would replace with older figures: 'OEWS May 2024 (national) is
    older than what you have (May 2025)'."""
    found = []
    for release in releases:
        for level in sorted(release.levels):
            held = [int(r["YEAR"]) for r in contents.oews
                    if _level(r) == level and r.get("YEAR", "").isdigit()]
            if held and max(held) > release.year:
                found.append(f"OEWS May {release.year} ({level}) is older than what you have "
                             f"(May {max(held)})")
    return found


def _level(row: Row) -> str:
    return "national" if row["AREA_TYPE"] == "1" else "state"


def _dated(footnotes: list[Row], years: list[int]) -> list[Row]:
    """Footnotes with their YEAR; an undated file applies to every year in the table."""
    out = []
    for note in footnotes:
        if note.get("YEAR"):
            out.append(note)
        else:
            out += [{**note, "YEAR": str(year)} for year in years]
    return out


# ---- workbooks -------------------------------------------------------------------------

def read_workbook(path: Path) -> Release:
    workbook = open_workbook(path)
    try:
        found: tuple[list[str], list[tuple[Any, ...]]] | None = None
        notes: list[str] = []
        for sheet in workbook.sheetnames:
            every = list(rows(workbook, sheet))
            cells = iter(every)
            header = find_header(cells, _is_oews_header) if found is None else None
            if header is not None:
                found = ([h.upper() for h in header], list(cells))
            else:
                notes += [" ".join(text(c) for c in row if c is not None) for row in every]
    finally:
        workbook.close()
    if found is None:
        raise fail(path, "no sheet with BLS's OEWS columns (OCC_CODE, AREA_TYPE, A_MEDIAN)",
                   "give the national or state file as BLS ships it")
    header, data = found
    year = _year(path, header, data, notes)
    top_note = next((n for n in notes if re.match(r"#\s*=", n)), None)
    out: list[Row] = []
    used: set[str] = set()
    for values in data:
        record = dict(zip(header, values, strict=False))
        if not _CODE.fullmatch(text(record.get("OCC_CODE"))):
            # footnote rows at the bottom of the sheet
            line = " ".join(text(c) for c in values if c is not None)
            if re.match(r"#\s*=", line):
                top_note = line
            continue
        if text(record.get("AREA_TYPE")) not in _AREA_TYPES or not _cross_industry(record):
            continue
        row, codes = _workbook_row(record, year)
        out.append(row)
        used.update(codes)
    if TOP_CODED in used and not (top_note and _threshold(top_note)):
        raise fail(path, "wages are marked # (top-coded) but the file gives no threshold",
                   "BLS states it in the Field Descriptions notes: '# = indicates a wage "
                   "equal to or greater than ... per year'")
    texts = {NOT_RELEASED: NOT_RELEASED_TEXT, NOT_PUBLISHED_FOR_PAY_BASIS: PAY_BASIS_TEXT,
             TOP_CODED: re.sub(r"^#\s*=\s*", "", top_note or "").strip()}
    footnotes = [{"YEAR": str(year), "FOOTNOTE_CODE": code, "FOOTNOTE_TEXT": texts[code]}
                 for code in sorted(used | {NOT_RELEASED}) if texts[code]]
    return Release(year, _one_per_occupation(out), footnotes, path.name)


def _year(path: Path, header: list[str], data: list[tuple[Any, ...]], notes: list[str]) -> int:
    if "YEAR" in header and data and header.index("YEAR") < len(data[0]):
        value = text(data[0][header.index("YEAR")])
        if value.isdigit():
            return int(value)
    for note in notes:
        found = re.search(r"\bMay (\d{4}) OEWS", note)
        if found:
            return int(found.group(1))
    found = re.search(r"_M(\d{4})_", path.name)
    if found:
        return int(found.group(1))
    raise fail(path, "cannot tell which May the estimates describe",
               "BLS names it in the file name (national_M2025_dl.xlsx) and in the Field "
               "Descriptions sheet ('May 2025 OEWS Estimates'); keep either")


def _is_oews_header(names: list[str]) -> bool:
    return {"OCC_CODE", "A_MEDIAN", "AREA_TYPE"} <= {n.upper() for n in names}


def _one_per_occupation(rows: list[Row]) -> list[Row]:
    """BLS lists an occupation it publishes only at the broad level twice, as 'broad' and
    as 'detailed', with the same figures; keep one row, the detailed one."""
    kept: dict[tuple[str, str], Row] = {}
    for row in rows:
        key = (row["AREA"], row["OCC_CODE"])
        if key not in kept or row["O_GROUP"] == "detailed":
            kept[key] = row
    return list(kept.values())


def _cross_industry(record: dict[str, Any]) -> bool:
    group = text(record.get("I_GROUP"))
    return group in ("", "cross-industry") and text(record.get("NAICS")) in ("", "000000")


def _workbook_row(record: dict[str, Any], year: int) -> tuple[Row, list[str]]:
    only_annual = text(record.get("ANNUAL")).upper() == "TRUE"
    only_hourly = text(record.get("HOURLY")).upper() == "TRUE"
    row = {"YEAR": str(year), "AREA": text(record.get("AREA")),
           "AREA_TITLE": text(record.get("AREA_TITLE")),
           "AREA_TYPE": text(record.get("AREA_TYPE")),
           "PRIM_STATE": text(record.get("PRIM_STATE")),
           "OCC_CODE": text(record.get("OCC_CODE")),
           "OCC_TITLE": text(record.get("OCC_TITLE")), "O_GROUP": text(record.get("O_GROUP"))}
    notes: list[str] = []
    for column in VALUE_COLUMNS:
        raw = record.get(column)
        marker = text(raw)
        if marker in ("*", "**"):
            basis = (column.startswith("H_") and only_annual) or (
                column.startswith("A_") and only_hourly)
            code = NOT_PUBLISHED_FOR_PAY_BASIS if basis else NOT_RELEASED
        elif marker == "#":
            code = TOP_CODED
        else:
            row[column] = format_value(column, raw)
            continue
        row[column] = "-"
        notes.append(f"{column}:{code}")
    row["FOOTNOTES"] = ";".join(notes)
    return row, [n.split(":")[1] for n in notes]


def format_value(column: str, raw: Any) -> str:
    """A number as BLS's flat files write it: whole dollars and people, cents for hourly
    pay, one decimal for error percentages; anything else (blank, '~') as empty."""
    if isinstance(raw, str):
        try:
            raw = float(raw.replace(",", ""))
        except ValueError:
            return ""
    if not isinstance(raw, int | float) or isinstance(raw, bool):
        return ""
    places = _DECIMALS.get(column, 0)
    return f"{raw:.{places}f}" if places else str(round(raw))


def _threshold(note: str) -> int | None:
    found = re.search(r"\$([\d,]+) per year", note)
    return int(found.group(1).replace(",", "")) if found else None


# ---- flat files ------------------------------------------------------------------------

_DATATYPES = dict(zip((f"{n:02d}" for n in range(1, 18)), (
    "TOT_EMP", "EMP_PRSE", "H_MEAN", "A_MEAN", "MEAN_PRSE", "H_PCT10", "H_PCT25", "H_MEDIAN",
    "H_PCT75", "H_PCT90", "A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90",
    "JOBS_1000", "LOC_QUOTIENT"), strict=True))

_POSTAL = {  # state FIPS code → postal abbreviation, as BLS prints PRIM_STATE
    "01": "AL", "02": "AK", "04": "AZ", "05": "AR", "06": "CA", "08": "CO", "09": "CT",
    "10": "DE", "11": "DC", "12": "FL", "13": "GA", "15": "HI", "16": "ID", "17": "IL",
    "18": "IN", "19": "IA", "20": "KS", "21": "KY", "22": "LA", "23": "ME", "24": "MD",
    "25": "MA", "26": "MI", "27": "MN", "28": "MS", "29": "MO", "30": "MT", "31": "NE",
    "32": "NV", "33": "NH", "34": "NJ", "35": "NM", "36": "NY", "37": "NC", "38": "ND",
    "39": "OH", "40": "OK", "41": "OR", "42": "PA", "44": "RI", "45": "SC", "46": "SD",
    "47": "TN", "48": "TX", "49": "UT", "50": "VT", "51": "VA", "53": "WA", "54": "WV",
    "55": "WI", "56": "WY", "66": "GU", "72": "PR", "78": "VI",
}


def _table(path: Path, limit: int = MAX_TEXT_BYTES) -> Iterator[Row]:
    """One of BLS's tab-separated flat files, a row at a time, values trimmed of their
    padding."""
    lines = (piece for line in text_lines(path, limit, _FLAT_HINT)
             for piece in line.splitlines())
    first = next(lines, None)
    if first is None:
        raise fail(path, "the file is empty")
    header = [h.strip() for h in first.split("\t")]
    for line in lines:
        if line.strip():
            yield dict(zip(header, (v.strip() for v in line.split("\t")), strict=False))


def _companion(data: Path, given: list[Path], name: str) -> Path | None:
    for path in [*given, data.parent / name]:
        if path.name == name and path.exists():
            return path
    return None


def read_flat_files(data: Path, given: list[Path]) -> Release:
    """`oe.data.*` keyed by series id: OEU + area type (N/S) + area (7) + industry (6) +
    occupation (6) + data type (2). Only cross-industry national and state series."""
    area_file = _companion(data, given, "oe.area")
    areas = ({r.get("area_code", ""): r.get("area_name", "") for r in _table(area_file)}
             if area_file else {})
    occupation_file = _companion(data, given, "oe.occupation")
    titles = ({r.get("occupation_code", ""): r.get("occupation_name", "")
               for r in _table(occupation_file)} if occupation_file else {})
    if not titles:
        raise fail(data, "oe.occupation is missing (the occupation titles)",
                   "keep BLS's oe.occupation beside oe.data.0.Current or name it too")
    # Read a line at a time, keeping only the series used: the file may hold millions.
    points: list[tuple[int, Row]] = []
    year: int | None = None
    for point in _table(data, MAX_FLAT_DATA_BYTES):
        if point.get("period") != "A01":
            continue
        try:
            when = int(point.get("year", ""))
        except ValueError:
            raise fail(data, f"a year that is not a number: '{shown(point.get('year', ''))}'",
                       "give BLS's oe.data file exactly as BLS ships it") from None
        year = when if year is None else max(year, when)
        series = point.get("series_id", "")
        kind, industry, occupation = series[3:4], series[11:17], series[17:23]
        if (kind in ("N", "S") and industry == "000000" and series[23:25] in _DATATYPES
                and occupation.isdigit()):
            points.append((when, point))
    if year is None:
        raise fail(data, "no annual (A01) values in the file")
    rows: dict[tuple[str, str], Row] = {}
    used: set[str] = set()
    for when, point in points:
        series = point.get("series_id", "")
        kind, area = series[3:4], series[4:11]
        occupation, datatype = series[17:23], series[23:25]
        column = _DATATYPES[datatype]
        if when != year:
            continue
        code = f"{occupation[:2]}-{occupation[2:]}"
        row = rows.setdefault((area, code), _flat_row(year, kind, area, code, areas, titles))
        codes = [c.strip() for c in point.get("footnote_codes", "").split(",") if c.strip()]
        row[column] = format_value(column, point.get("value", "")) or "-"
        for note in codes:
            row["FOOTNOTES"] += (";" if row["FOOTNOTES"] else "") + f"{column}:{note}"
            used.add(note)
    footnote_file = _companion(data, given, "oe.footnote")
    footnotes = [{"YEAR": str(year), "FOOTNOTE_CODE": r.get("footnote_code", ""),
                  "FOOTNOTE_TEXT": r.get("footnote_text", "")}
                 for r in (_table(footnote_file) if footnote_file else [])]
    if TOP_CODED in used and not any(f["FOOTNOTE_CODE"] == TOP_CODED and
                                     _threshold(f["FOOTNOTE_TEXT"]) for f in footnotes):
        raise fail(data, "wages are top-coded (footnote 5) but oe.footnote is missing",
                   "keep BLS's oe.footnote beside oe.data.0.Current or name it too")
    return Release(year, [rows[k] for k in sorted(rows)], footnotes, data.name)


def _flat_row(year: int, kind: str, area: str, code: str, areas: dict[str, str],
              titles: dict[str, str]) -> Row:
    state = area[:2]
    national = kind == "N"
    return {
        "YEAR": str(year), "AREA": "99" if national else state,
        "AREA_TITLE": "U.S." if national else areas.get(area, state),
        "AREA_TYPE": "1" if national else "2",
        "PRIM_STATE": "US" if national else _POSTAL.get(state, ""),
        "OCC_CODE": code, "OCC_TITLE": titles.get(code.replace("-", ""), code),
        "O_GROUP": _group(code), **dict.fromkeys(VALUE_COLUMNS, ""), "FOOTNOTES": ""}


def _group(code: str) -> str:
    if code == "00-0000":
        return "total"
    digits = code.replace("-", "")
    return ("major" if digits.endswith("0000") else "minor" if digits.endswith("000")
            else "broad" if digits.endswith("0") else "detailed")
