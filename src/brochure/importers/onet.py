"""O*NET database files: read them as O*NET ships them, keep a local copy, look one up.

O*NET publishes each table as tab-separated text and as Excel, named after the table
("Task Statements.txt", "Alternate Titles.xlsx"). Either form is read here by its header
names. `brochure import onet` keeps the tables a starter record draws on in the project's
`data/onet/`, as tab-separated text in O*NET's own columns, with a `.gitignore` that keeps
them out of version control: O*NET's sentences are material to write from, never text to
publish as it is (CC BY 4.0).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Generator, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from brochure.errors import DataError, Problem
from brochure.files import read_bounded
from brochure.importers.reading import MAX_TEXT_BYTES, given, refused, text_lines
from brochure.importers.workbook import open_workbook, rows, text

TABLES = ("Occupation Data", "Task Statements", "Alternate Titles",
          "Sample of Reported Titles", "Education, Training, and Experience",
          "Education, Training, and Experience Categories", "Job Zones")
CODE = "O*NET-SOC Code"
COLUMNS = {  # the columns each table must have: those a starter record reads
    "Occupation Data": (CODE, "Title"),
    "Task Statements": (CODE, "Task"),
    "Alternate Titles": (CODE, "Alternate Title"),
    "Sample of Reported Titles": (CODE, "Reported Job Title"),
    "Education, Training, and Experience": (CODE, "Scale ID", "Category", "Data Value"),
    "Education, Training, and Experience Categories": ("Scale ID", "Category",
                                                       "Category Description"),
    "Job Zones": (CODE, "Job Zone"),
}
README = "Read Me.txt"
MAX_README_BYTES = 1_000_000
"""O*NET's Read Me.txt, read only for the release's name; it is under 1 kB."""
_LIMIT_HINT = "O*NET's files are a few megabytes; check that this is the right file"
GITIGNORE = ("# O*NET database tables kept by 'brochure import onet' for drafting career\n"
             "# records. O*NET's sentences are CC BY 4.0 material to write from, not text\n"
             "# to publish: keep them out of version control.\n*\n")
ATTRIBUTION = ("Includes information from the {version} by the U.S. Department of Labor, "
               "Employment and Training Administration (USDOL/ETA)")
LICENCE = "Used under the CC BY 4.0 license; modified. O*NET® is a trademark of USDOL/ETA."

Row = dict[str, str]


@dataclass
class Files:
    """The O*NET tables found among the paths given, and the release they belong to."""

    tables: dict[str, Path] = field(default_factory=dict)
    version: str | None = None
    year: int | None = None

    @classmethod
    def find(cls, paths: list[Path]) -> Files:
        found = cls()
        for path in paths:
            if not path.exists():
                raise _fail(path, "no such file or folder")
            candidates = sorted(path.iterdir()) if path.is_dir() else [path]
            for candidate in candidates:
                if candidate.name == README:
                    found.version, found.year = release(candidate)
                table = _table_name(candidate)
                # text wins over Excel when a folder holds both
                if table and (table not in found.tables or candidate.suffix == ".txt"):
                    found.tables[table] = candidate
        if not found.tables:
            raise _fail(paths[0], "no O*NET database files here",
                        "give the folder of O*NET's text or Excel files, or files such as "
                        "'Occupation Data.txt' and 'Task Statements.txt'")
        return found


def release(readme: Path) -> tuple[str | None, int | None]:
    """('O*NET 29.3 Database', 2025) from O*NET's Read Me ('May 2025 Release')."""
    try:
        words = read_bounded(readme, MAX_README_BYTES).decode("utf-8", errors="replace")
    except OSError as exc:
        raise refused(readme, exc, _LIMIT_HINT) from None
    version = re.search(r"O\*NET [\d.]+ Database", words)
    year = re.search(r"(\d{4}) Release", words)
    return (version.group(0) if version else None, int(year.group(1)) if year else None)


def read_table(path: Path) -> tuple[list[str], Iterator[Row]]:
    """Header and rows of one O*NET table, from its .txt or .xlsx file; every row has a
    value (maybe empty) for every column."""
    values = _from_workbook(path) if path.suffix.lower() == ".xlsx" else _from_text(path)
    header = [h.strip() for h in next(values, [])]
    table = _table_name(path) or ""
    missing = [c for c in COLUMNS.get(table, ()) if c not in header]
    if not any(header) or missing:
        values.close()
        if not any(header):
            raise _fail(path, "the first line, which names O*NET's columns, is empty")
        raise _fail(path, f"no column '{missing[0]}' in the header row",
                    f"O*NET's {table} has the columns "
                    f"{', '.join(repr(c) for c in COLUMNS[table])}; give the file exactly as "
                    "O*NET ships it")

    def records() -> Iterator[Row]:
        with closing(values):
            for row in values:
                yield dict(zip(header, [*row, *[""] * (len(header) - len(row))],
                               strict=False))

    return header, records()


def _from_workbook(path: Path) -> Generator[list[str]]:
    """The first sheet's rows as text, its header first."""
    book = open_workbook(path)
    try:
        if not book.sheetnames:
            raise _fail(path, "the workbook has no sheets")
        cells = rows(book, book.sheetnames[0])
        header = next(cells, None)
        if header is None:
            raise _fail(path, "the first sheet is empty")
        yield [text(c) for c in header]
        for row in cells:
            yield [_cell(v) for v in row]
    finally:
        book.close()


def _from_text(path: Path) -> Generator[list[str]]:
    """The rows of a tab-separated text file, its header first."""
    reader = csv.reader(text_lines(path, MAX_TEXT_BYTES, _LIMIT_HINT), delimiter="\t",
                        quoting=csv.QUOTE_NONE)
    while True:
        try:
            row = next(reader, None)
        except csv.Error as exc:
            raise _unreadable(path, reader.line_num, exc) from None
        if row is None:
            if reader.line_num == 0:
                raise _fail(path, "the file is empty")
            return
        yield row


def _unreadable(path: Path, line: int, exc: csv.Error) -> DataError:
    if "field larger than field limit" in str(exc):
        message = f"a value longer than {csv.field_size_limit():,} characters"
    else:
        message = f"cannot read it as tab-separated text ({exc})"
    return DataError([Problem(given(path), line, 1, "", message,
                              "give the file exactly as O*NET ships it")])


def keep(files: Files, folder: Path) -> list[str]:
    """Write the tables found into `folder` as O*NET-format text; describe each. Every
    table is read before anything is written, so a bad file leaves `folder` as it was."""
    lines = []
    copies: list[tuple[str, str]] = []
    for table, path in sorted(files.tables.items()):
        header, records = read_table(path)
        out = io.StringIO()
        writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE,
                            escapechar="\\")
        writer.writerow(header)
        count, codes = 0, set()
        for record in records:
            writer.writerow([record.get(h, "").replace("\t", " ") for h in header])
            count += 1
            codes.add(record.get(CODE, ""))
        copies.append((table, out.getvalue()))
        per = f" for {len(codes - {''}):,} occupations" if CODE in header else ""
        lines.append(f"  {table}: {count:,} rows{per} (from {path.name})")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    for table, copy in copies:
        target = folder / f"{table}.txt"
        temporary = folder / f".{table}.txt.tmp"
        temporary.write_text(copy, encoding="utf-8")
        temporary.replace(target)
    if files.version:
        when = f"\n{files.year} Release" if files.year else ""
        (folder / README).write_text(f"{files.version}{when}\n", encoding="utf-8")
    return lines


@dataclass
class Occupation:
    """What O*NET says about one occupation, for drafting a career record."""

    code: str
    title: str
    tasks: list[str] = field(default_factory=list)
    reported_titles: list[str] = field(default_factory=list)
    alternate_titles: list[str] = field(default_factory=list)
    job_zone: str | None = None
    education: list[tuple[str, float]] = field(default_factory=list)
    """Required level of education: (category, percent of respondents), most first."""
    version: str | None = None
    year: int | None = None


def occupation(files: Files, soc: str) -> Occupation | None:
    """The O*NET occupation for a SOC code: its .00 code, else the first under it."""
    def mine(table: str) -> list[Row]:
        if table not in files.tables:
            return []
        _, records = read_table(files.tables[table])
        return [r for r in records if r.get(CODE, "").startswith(soc + ".")]

    data = mine("Occupation Data")
    if not data:
        return None
    chosen = next((r for r in data if r[CODE].endswith(".00")), data[0])
    code = chosen[CODE]
    found = Occupation(code, chosen.get("Title", "").strip(), version=files.version,
                       year=files.year)
    tasks = [r for r in mine("Task Statements") if r[CODE] == code]
    found.tasks = [r["Task"].strip() for r in sorted(
        tasks, key=lambda r: (r.get("Task Type") != "Core", -_number(r.get(
            "Incumbents Responding", ""))))]
    reported = [r for r in mine("Sample of Reported Titles") if r[CODE] == code]
    found.reported_titles = [r["Reported Job Title"].strip() for r in sorted(
        reported, key=lambda r: r.get("Shown in My Next Move") != "Y")]
    found.alternate_titles = [r["Alternate Title"].strip()
                              for r in mine("Alternate Titles") if r[CODE] == code]
    zones = [r for r in mine("Job Zones") if r[CODE] == code]
    found.job_zone = (zones[0].get("Job Zone", "").strip() or None) if zones else None
    found.education = _education(files, [r for r in mine("Education, Training, and Experience")
                                         if r[CODE] == code])
    return found


def _education(files: Files, records: list[Row]) -> list[tuple[str, float]]:
    names: dict[str, str] = {}
    if "Education, Training, and Experience Categories" in files.tables:
        _, categories = read_table(files.tables["Education, Training, and Experience Categories"])
        names = {r["Category"].strip(): r["Category Description"].strip()
                 for r in categories if r.get("Scale ID") == "RL"}
    shares = [(names.get(r["Category"].strip(), f"category {r['Category'].strip()}"),
               _number(r.get("Data Value", ""))) for r in records if r.get("Scale ID") == "RL"]
    return sorted((s for s in shares if s[1] > 0), key=lambda s: -s[1])


def _number(raw: str) -> float:
    try:
        return float(raw)
    except ValueError:
        return 0.0


def _cell(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return text(value)


def _table_name(path: Path) -> str | None:
    if path.suffix.lower() not in (".txt", ".xlsx"):
        return None
    return next((t for t in TABLES if t.casefold() == path.stem.casefold()), None)


def _fail(path: Path, message: str, hint: str | None = None) -> DataError:
    return DataError([Problem(given(path), 1, 1, "", message, hint)])
