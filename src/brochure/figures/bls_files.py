"""The project's BLS tables on disk (data/bls/): finding, reading and writing them.

Three tables, each a plain file anyone can open:

- OEWS estimates, `oews_may<year>_national_state_all.csv.gz`: national and state rows in
  BLS's own columns, with a YEAR column and BLS's FOOTNOTES codes (`A_PCT90:5`);
- what those footnote codes mean, `oews_may<year>_footnotes.csv`;
- Employment Projections Table 1.2, `ep_<start>_<end>_table1_2.csv`, with BLS's headers.

The period each table describes is read from the data itself (the YEAR column, the
projections' headers), never from the file names, which only help people find them.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import os
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from brochure.errors import BrochureError, DataError, Problem
from brochure.files import FileTooBig, NotRegularFile, read_bounded

OEWS_COLUMNS = (
    "YEAR", "AREA", "AREA_TITLE", "AREA_TYPE", "PRIM_STATE", "OCC_CODE", "OCC_TITLE",
    "O_GROUP", "TOT_EMP", "EMP_PRSE", "JOBS_1000", "LOC_QUOTIENT", "H_MEAN", "A_MEAN",
    "MEAN_PRSE", "H_PCT10", "H_PCT25", "H_MEDIAN", "H_PCT75", "H_PCT90", "A_PCT10",
    "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90", "FOOTNOTES")
"""The stored OEWS columns: BLS's state-file columns, plus YEAR and FOOTNOTES."""

FOOTNOTE_COLUMNS = ("YEAR", "FOOTNOTE_CODE", "FOOTNOTE_TEXT")
"""YEAR is optional when reading: a footnotes file without it applies to every year."""

NOT_RELEASED = "8"
"""BLS footnote code: estimate not released."""
TOP_CODED = "5"
"""BLS footnote code: the wage is at or above the release's top-coding threshold."""
NOT_PUBLISHED_FOR_PAY_BASIS = "4"
"""BLS footnote code: hourly (or annual) wages are not published for this occupation."""

PATTERNS = {"OEWS": "oews_*_national_state_all.csv.gz",
            "OEWS footnotes": "oews_*_footnotes.csv",
            "Employment Projections": "ep_*_table1_2.csv"}

Row = dict[str, str]

MAX_TABLE_BYTES = 50_000_000
"""One table file on disk; the shipped OEWS table is 1.8 MB, the others under 0.2 MB."""
MAX_UNPACKED_BYTES = 100_000_000
"""The OEWS table unpacked; the shipped one, national and state rows, unpacks to 6.9 MB."""


class TablesMissing(DataError):
    """The folder lacks one of the tables (or holds two): bad input, like a bad record."""

    def __init__(self, message: str, hint: str) -> None:
        BrochureError.__init__(self, message, hint)
        self.problems = []


@dataclass
class Contents:
    """Everything in the three tables, as text exactly as stored."""

    oews: list[Row] = field(default_factory=list)
    footnotes: list[Row] = field(default_factory=list)
    projections_header: list[str] = field(default_factory=list)
    projections: list[Row] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)
    """Where each table was read from, when it was read from disk."""

    def oews_years(self) -> list[int]:
        return sorted({int(r["YEAR"]) for r in self.oews if r.get("YEAR", "").isdigit()})


def find(folder: Path) -> dict[str, Path]:
    """The file holding each table; a missing or doubled table is a located error."""
    found: dict[str, Path] = {}
    for what, pattern in PATTERNS.items():
        matches = sorted(folder.glob(pattern))
        if len(matches) != 1:
            where = f"{folder.parent.name}/{folder.name}/"
            problem = ("no " if not matches else "more than one ") + f"{what} table"
            names = ", ".join(p.name for p in matches)
            hint = (f"keep only the newest of {names}" if matches else
                    "run 'brochure import' with the BLS files (see README, "
                    "'Updating the figures')")
            raise TablesMissing(f"{where} has {problem} ({pattern})", hint)
        found[what] = matches[0]
    return found


@dataclass(frozen=True)
class Stored:
    """The three tables' files as bytes, read once: enough to fingerprint them, and to
    parse them when their index is not at hand."""

    files: dict[str, Path]
    data: dict[str, bytes]

    @property
    def digest(self) -> str:
        """A fingerprint of the tables' names and bytes: any change to either changes it."""
        h = hashlib.sha256()
        for what in PATTERNS:
            for part in (what, self.files[what].name):
                h.update(part.encode() + b"\0")
            h.update(len(self.data[what]).to_bytes(8, "big"))
            h.update(self.data[what])
        return h.hexdigest()


def load(folder: Path) -> Stored:
    """The bytes of each table file, each a regular file within MAX_TABLE_BYTES; anything
    else is a located problem."""
    files = find(folder)
    return Stored(files, {what: _read_bytes(path) for what, path in files.items()})


def parse(stored: Stored) -> Contents:
    """The rows of the tables read by `load`."""
    oews, _ = _rows(stored.files["OEWS"], stored.data["OEWS"])
    footnotes, _ = _rows(stored.files["OEWS footnotes"], stored.data["OEWS footnotes"])
    projections, header = _rows(stored.files["Employment Projections"],
                                stored.data["Employment Projections"])
    return Contents(oews, footnotes, header, projections, stored.files)


def read(folder: Path) -> Contents:
    """Every row of the three tables in `folder`."""
    return parse(load(folder))


def _problem(path: Path, message: str, line: int = 1, column: int = 1,
             hint: str = "run 'brochure import' again with the publisher's files to write "
                         "the tables afresh") -> DataError:
    where = f"{path.parent.parent.name}/{path.parent.name}/{path.name}"
    return DataError([Problem(where, line, column, "", message, hint)])


def _read_bytes(path: Path) -> bytes:
    """One table file's bytes, when it is a regular file within MAX_TABLE_BYTES."""
    try:
        return read_bounded(path, MAX_TABLE_BYTES)
    except NotRegularFile as exc:
        raise _problem(path, "is a folder, not a file" if exc.folder
                       else "is not a regular file (a device, pipe or socket)") from None
    except FileTooBig as exc:
        raise _problem(path, f"the file is {exc.size:,} bytes; the limit is "
                             f"{exc.limit:,}") from None
    except OSError as exc:
        raise _problem(path, f"cannot read the file ({exc.strerror or exc})") from None


def _rows(path: Path, raw: bytes) -> tuple[list[Row], list[str]]:
    """The rows and header of one table's bytes: unpacked (when gzipped) to at most
    MAX_UNPACKED_BYTES, in UTF-8; anything else is a located problem."""
    if path.suffix == ".gz":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(raw)) as unpacking:
                raw = unpacking.read(MAX_UNPACKED_BYTES + 1)
        except (OSError, EOFError, zlib.error) as exc:
            raise _problem(path, f"cannot unpack it ({exc})") from None
        if len(raw) > MAX_UNPACKED_BYTES:
            raise _problem(path, f"unpacks to more than {MAX_UNPACKED_BYTES:,} bytes, "
                                 "the limit") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[:exc.start]
        raise _problem(path, f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
                       before.count(b"\n") + 1,
                       exc.start - (before.rfind(b"\n") + 1) + 1) from None
    del raw
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise _problem(path, f"cannot read it as CSV ({exc})", reader.reader.line_num) \
            from None
    return rows, list(reader.fieldnames or [])


def write(folder: Path, contents: Contents, parts: set[str]) -> list[Path]:
    """Write the tables named in `parts` ("OEWS", "Employment Projections") whose bytes
    change, each atomically, and remove the files they replace; return those written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    if "OEWS" in parts:
        years = contents.oews_years()
        name = "oews_may" + "-".join(str(y) for y in sorted({years[0], years[-1]}))
        written += [
            _replace(folder, "OEWS", f"{name}_national_state_all.csv.gz",
                     _gzip(_csv(list(OEWS_COLUMNS), sorted(contents.oews, key=_oews_order)))),
            _replace(folder, "OEWS footnotes", f"{name}_footnotes.csv",
                     _csv(list(FOOTNOTE_COLUMNS), contents.footnotes).encode("utf-8"))]
    if "Employment Projections" in parts:
        written.append(_replace(
            folder, "Employment Projections", projections_file_name(contents),
            _csv(contents.projections_header, contents.projections).encode("utf-8")))
    return [path for path in written if path is not None]


def projections_file_name(contents: Contents) -> str:
    period = projections_period(contents.projections_header) or "unknown"
    start, _, end = period.partition("–")
    return f"ep_{start}_{end}_table1_2.csv"


def projections_period(header: list[str]) -> str | None:
    """The projection period named in the headers, such as '2024–34'."""
    for name in header:
        found = re.fullmatch(r"Employment change, percent, (\d{4})[–-](\d{2,4})", name.strip())
        if found:
            return f"{found.group(1)}–{found.group(2)[-2:]}"
    return None


def _oews_order(row: Row) -> tuple[str, str, str, str]:
    # National first, then states by code; occupations in code order within each area,
    # as BLS orders its own files.
    return (row["AREA_TYPE"], "" if row["AREA"] == "99" else row["AREA"], row["OCC_CODE"],
            row["O_GROUP"])


def _csv(header: list[str], rows: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _gzip(text: str) -> bytes:
    # mtime 0 and no file name: the same rows always give the same bytes.
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0) as f:
        f.write(text.encode("utf-8"))
    return buffer.getvalue()


def _replace(folder: Path, what: str, name: str, data: bytes) -> Path | None:
    target = folder / name
    try:
        if read_bounded(target, len(data)) == data:
            return None
    except OSError:  # missing, too big or not a file: replaced all the same
        pass
    temporary = folder / f".{name}.tmp"
    temporary.write_bytes(data)
    os.replace(temporary, target)
    for old in folder.glob(PATTERNS[what]):
        if old != target:
            old.unlink()
    return target
