"""Reading publishers' Excel workbooks with openpyxl in read-only mode."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from brochure.errors import DataError, Problem

Cells = tuple[Any, ...]


def open_workbook(path: Path) -> Workbook:
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (OSError, ValueError, KeyError) as exc:  # openpyxl raises these for non-xlsx
        raise fail(path, f"cannot read it as an Excel workbook ({exc})",
                   "give the .xlsx file exactly as the publisher ships it") from exc


def fail(path: Path, message: str, hint: str | None = None) -> DataError:
    return DataError([Problem(path.name, 1, 1, "", message, hint)])


def rows(workbook: Workbook, sheet: str) -> Iterator[Cells]:
    worksheet = workbook[sheet]
    for row in worksheet.iter_rows(values_only=True):
        yield tuple(row)


def text(value: Any) -> str:
    """A cell as text: numbers as written, None as empty, whitespace trimmed."""
    if value is None:
        return ""
    return str(value).strip()


def find_sheet(workbook: Workbook, title: str) -> str | None:
    """The sheet whose title (its first non-empty cell) matches `title` (a regex)."""
    for name in workbook.sheetnames:
        first = next((text(c) for row in rows(workbook, name) for c in row if text(c)), "")
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
