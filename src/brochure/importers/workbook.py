"""Reading publishers' Excel workbooks with openpyxl in read-only mode, within limits.

A workbook is a zip archive of XML parts. Before openpyxl opens one:

- its size on disk, what its parts unpack to and how much each part is compressed are
  checked from the archive's table of contents (zipfile never unpacks more than a part
  declares), so a zip bomb is refused before anything is unpacked;
- every XML part is scanned once with expat, which keeps nothing: a document type (and so
  any entity: billion laughs), deep nesting, and more elements than a table needs are
  refused. openpyxl builds a tree of what it parses and keeps much of it (about 400 bytes
  an element), so the number of elements, not the bytes, bounds its memory.

openpyxl then parses with defusedxml (a dependency), which refuses entities again. A
sheet's declared size (its dimension, such as A1:XFD1048576) is not believed: rows are read
as they come, and the rows and cells read from one workbook are counted against limits.
"""

from __future__ import annotations

import io
import itertools
import re
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError
from xml.parsers import expat

from defusedxml import DefusedXmlException
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from brochure.errors import DataError, shown
from brochure.files import read_bounded
from brochure.importers.reading import fail, refused

Cells = tuple[Any, ...]

MAX_WORKBOOK_BYTES = 50_000_000
"""On disk. BLS's occupation.xlsx is 0.4 MB; O*NET's largest workbook a starter record uses,
Education, Training, and Experience.xlsx, is 2 MB."""
MAX_UNPACKED_BYTES = 300_000_000
"""All of a workbook's parts unpacked; O*NET's Education, Training, and Experience.xlsx
unpacks to 19 MB."""
MAX_RATIO = 100
"""How many times its packed size a part larger than RATIO_FROM may unpack to. The
publishers' parts reach 26 (BLS's occupation.xlsx); a zip bomb reaches 1,000."""
RATIO_FROM = 1_000_000
MAX_PARTS = 10_000
"""Parts in the archive; the publishers' workbooks have 10 to 29."""
MAX_ROWS = 1_048_576
"""Rows read from one workbook, all sheets together: Excel's limit for one sheet."""
MAX_CELLS = 5_000_000
"""Cells read from one workbook; BLS's state file has roughly 1.5 million. openpyxl reads
about 50,000 a second, so this also bounds the time a workbook can take."""
MAX_COLUMNS = 256
"""Columns in one row (IV, Excel 2003's limit); BLS's widest table has 32."""
MAX_ELEMENTS = 12_000_000
"""XML elements in all parts together; a cell is two or three. O*NET's Education, Training,
and Experience.xlsx has 1 million."""
MAX_ROW_ELEMENTS = 4 * MAX_COLUMNS
"""XML elements in one row of a sheet, or one shared string."""
MAX_STRINGS = 1_000_000
"""Shared strings (openpyxl keeps them all); O*NET's Alternate Titles.xlsx has 51,103."""
MAX_OTHER_ELEMENTS = 200_000
"""XML elements outside rows and shared strings (styles, relationships, links...), which
openpyxl keeps; the publishers' workbooks have a few thousand."""
MAX_DEPTH = 64
"""How deep XML elements nest; the publishers' workbooks go 9 deep."""

HINT = "give the .xlsx file exactly as the publisher ships it"
_LIMIT_HINT = ("BLS's and O*NET's workbooks are a few megabytes; check that this is the "
               "right file")


class Book:
    """An open workbook and the file it came from, so that every error can name the file."""

    def __init__(self, path: Path, workbook: Workbook) -> None:
        self.path = path
        self.workbook = workbook
        self.widths: dict[str, int] = {}
        """The width each sheet's rows are padded to: its declared one, when believable."""
        self.rows_read = 0
        self.cells_read = 0

    @property
    def sheetnames(self) -> list[str]:
        return list(self.workbook.sheetnames)

    def close(self) -> None:
        self.workbook.close()


def open_workbook(path: Path) -> Book:
    """Open a workbook for reading rows, after checking the file and its zip archive."""
    try:
        data = read_bounded(path, MAX_WORKBOOK_BYTES)
    except OSError as exc:
        raise refused(path, exc, _LIMIT_HINT) from None
    _check_archive(path, data)
    with _reading(path):
        return Book(path, load_workbook(io.BytesIO(data), read_only=True, data_only=True))


def rows(book: Book, sheet: str) -> Iterator[Cells]:
    """A sheet's rows as they come, each padded with None to the sheet's declared width when
    that is within MAX_COLUMNS; refuses a workbook over MAX_ROWS or MAX_CELLS."""
    with _reading(book.path):
        worksheet = book.workbook[sheet]
        if isinstance(worksheet, ReadOnlyWorksheet) and sheet not in book.widths:
            declared = worksheet.max_column
            book.widths[sheet] = declared if declared and declared <= MAX_COLUMNS else 0
            # Otherwise openpyxl pads every row to the declared width and height.
            worksheet.reset_dimensions()
        cells = worksheet.iter_rows(values_only=True)
    blank = (None,) * book.widths.get(sheet, 0)
    number = 0
    while True:
        # A few rows at a time: few enough to check them before openpyxl makes many more.
        with _reading(book.path):
            batch = list(itertools.islice(cells, 100))
        if not batch:
            return
        for row in batch:
            number += 1
            book.rows_read += 1
            if book.rows_read > MAX_ROWS:
                raise fail(book.path, f"more than {MAX_ROWS:,} rows (Excel's limit for a "
                           "sheet)", HINT)
            if len(row) > MAX_COLUMNS:
                raise fail(book.path, f"sheet '{shown(sheet)}', row {number}: a cell in "
                           f"column {get_column_letter(len(row))}; the limit is "
                           f"{MAX_COLUMNS} columns ({get_column_letter(MAX_COLUMNS)})", HINT)
            padded = tuple(row) + blank[len(row):]
            book.cells_read += len(padded)
            if book.cells_read > MAX_CELLS:
                raise fail(book.path, f"more than {MAX_CELLS:,} cells", HINT)
            yield padded


def text(value: Any) -> str:
    """A cell as text: numbers as written, None as empty, whitespace trimmed."""
    if value is None:
        return ""
    return str(value).strip()


def find_sheet(book: Book, title: str) -> str | None:
    """The sheet whose title (its first non-empty cell) matches `title` (a regex)."""
    for name in book.sheetnames:
        first = next((text(c) for row in rows(book, name) for c in row if text(c)), "")
        if re.match(title, first):
            return name
    return None


def find_header(cells: Iterator[Cells], is_header: Callable[[list[str]], bool], *,
                within: int = 20) -> list[str] | None:
    """Advance past the title rows to the header row, the first that `is_header`
    accepts; return its names as written."""
    for index, row in enumerate(cells):
        if index >= within:
            return None
        names = [text(cell) for cell in row]
        if is_header(names):
            return names
    return None


def _check_archive(path: Path, data: bytes) -> None:
    """Refuse what is not a workbook, or would unpack to too much, from the zip archive's
    table of contents alone."""
    if not data:
        raise fail(path, "the file is empty", HINT)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except Exception:  # zipfile raises several kinds for bytes that are not a zip
        raise fail(path, _not_a_zip(data), HINT) from None
    if not parts:
        raise fail(path, "the workbook is empty (a zip archive holding no files)", HINT)
    if len(parts) > MAX_PARTS:
        raise fail(path, f"the zip archive holds {len(parts):,} files; the limit is "
                   f"{MAX_PARTS:,}", HINT)
    unpacked = sum(p.file_size for p in parts)
    if unpacked > MAX_UNPACKED_BYTES:
        raise fail(path, f"unpacks to {unpacked:,} bytes; the limit is "
                   f"{MAX_UNPACKED_BYTES:,} (a zip bomb?)", HINT)
    for part in parts:
        if part.file_size > RATIO_FROM and part.file_size > MAX_RATIO * part.compress_size:
            raise fail(path, f"{shown(part.filename)} unpacks to {part.file_size:,} bytes "
                       f"from {part.compress_size:,}, more than {MAX_RATIO} times its size "
                       "(a zip bomb?)", HINT)
    if "[Content_Types].xml" not in {p.filename for p in parts}:
        raise fail(path, "not an Excel workbook: the zip archive has no [Content_Types].xml",
                   HINT)
    scan = _Scan(path)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for part in parts:
            if part.filename.endswith((".xml", ".rels")):
                scan.part(archive, part.filename)


class _Scan:
    """One pass of expat over a workbook's XML parts, keeping nothing but counts."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.elements = self.others = 0

    def part(self, archive: zipfile.ZipFile, name: str) -> None:
        parser = expat.ParserCreate()
        depth, unit, size, units = 0, 0, 0, 0  # unit: the depth of the open row or string
        unit_name = "string" if name.endswith("sharedStrings.xml") else "row"
        tag = "si" if unit_name == "string" else "row"
        most = MAX_STRINGS if unit_name == "string" else MAX_ROWS

        def start(element: str, attributes: object) -> None:
            nonlocal depth, unit, size, units
            depth += 1
            self.elements += 1
            if unit:
                size += 1
                if size > MAX_ROW_ELEMENTS:
                    raise self.refuse(name, f"a {unit_name} of more than "
                                            f"{MAX_ROW_ELEMENTS:,} XML elements")
            elif element.rpartition(":")[2] == tag:
                unit, size, units = depth, 0, units + 1
                if units > most:
                    raise self.refuse(name, f"more than {most:,} {unit_name}s")
            else:
                self.others += 1
                if self.others > MAX_OTHER_ELEMENTS:
                    raise self.refuse(name, f"more than {MAX_OTHER_ELEMENTS:,} XML elements "
                                            "outside rows and strings")
            if depth > MAX_DEPTH:
                raise self.refuse(name, f"XML nested more than {MAX_DEPTH} deep")
            if self.elements > MAX_ELEMENTS:
                raise self.refuse(name, f"more than {MAX_ELEMENTS:,} XML elements")

        def end(element: str) -> None:
            nonlocal depth, unit
            if unit == depth:
                unit = 0
            depth -= 1

        def doctype(*_: object) -> None:
            raise self.refuse(name, "XML with a document type (<!DOCTYPE>), which Excel never "
                                    "writes; refused (an entity bomb?)")

        parser.StartElementHandler = start
        parser.EndElementHandler = end
        parser.StartDoctypeDeclHandler = doctype
        parser.EntityDeclHandler = doctype
        try:
            with archive.open(name) as stream:
                parser.ParseFile(stream)
        except expat.ExpatError as exc:
            raise self.refuse(name, f"broken XML ({shown(str(exc), 80)})") from None
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as exc:
            raise self.refuse(name, f"damaged ({shown(str(exc), 80)})") from None

    def refuse(self, part: str, message: str) -> DataError:
        return fail(self.path, f"{shown(part)}: {message}", HINT)


def _not_a_zip(data: bytes) -> str:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return ("not an .xlsx workbook: an old Excel (.xls) file or a password-protected "
                "workbook")
    if data.startswith(b"PK\x03\x04"):
        return "the workbook is cut short or damaged: its zip archive cannot be read"
    return "not an Excel workbook: an .xlsx file is a zip archive, and this file is not one"


@contextmanager
def _reading(path: Path) -> Iterator[None]:
    """openpyxl's errors as located problems. Its warnings about odd but readable files
    (no default style, unknown extensions) say nothing a user can act on."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            yield
        except DataError:
            raise
        except Exception as exc:  # openpyxl raises many kinds for malformed parts
            raise fail(path, _what_failed(exc), HINT) from None


def _what_failed(exc: BaseException) -> str:
    # openpyxl wraps what went wrong in a ValueError of its own; say what it was.
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, DefusedXmlException):
            return ("the workbook's XML declares entities (<!ENTITY>), which Excel never "
                    "writes; refused (an entity bomb?)")
        if isinstance(cause, ParseError):
            return f"the workbook's XML is broken ({shown(str(cause), 80)})"
        if isinstance(cause, zipfile.BadZipFile):
            return f"a part of the workbook is damaged ({shown(str(cause), 80)})"
        cause = cause.__cause__ or cause.__context__
    return f"cannot read it as an Excel workbook ({type(exc).__name__}: {shown(str(exc), 80)})"
