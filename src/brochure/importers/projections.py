"""BLS Employment Projections `occupation.xlsx` into the project's projections table.

Table 1.2 is found by its title ("Table 1.2 Occupational projections, ..."), wherever its
sheet sits; the title rows are skipped, the columns are kept with BLS's header text, and
the notes and source lines under the table are left out. Titles lose the indentation BLS
uses to show the hierarchy; values stay as BLS writes them ("—" where BLS has no figure).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from brochure.figures.bls_files import Contents, Row, projections_period
from brochure.importers.reading import fail
from brochure.importers.workbook import find_header, find_sheet, open_workbook, rows, text

TITLE = r"Table 1\.2\b"
CODE_COLUMN = "National Employment Matrix code"
NEEDED = ("Typical education needed for entry",)
_CODE = re.compile(r"\d{2}-\d{4}")


@dataclass
class Projections:
    header: list[str]
    rows: list[Row]
    period: str
    title: str
    source: str

    def describe(self) -> str:
        return (f"Employment Projections {self.period} from {self.source} "
                f"({self.title.split(' (')[0]}): {len(self.rows):,} occupations")


def read(path: Path) -> Projections:
    if not path.exists():
        raise fail(path, "no such file")
    workbook = open_workbook(path)
    try:
        sheet = find_sheet(workbook, TITLE)
        if sheet is None:
            raise fail(path, "no sheet titled 'Table 1.2 Occupational projections ...'",
                       "give BLS's occupation.xlsx, which holds Tables 1.1 to 1.12")
        cells = rows(workbook, sheet)
        title = next((text(c) for row in cells for c in row if text(c)), "")
        header = find_header(cells, lambda names: any(n.endswith(CODE_COLUMN) for n in names))
        if header is None:
            raise fail(path, f"Table 1.2 has no header row with '{CODE_COLUMN}'")
        header = [h for h in header if h]
        data = [_row(header, row) for row in cells]
    finally:
        workbook.close()
    code = next(h for h in header if h.endswith(CODE_COLUMN))
    kept = [row for row in data if _CODE.fullmatch(row.get(code, ""))]
    period = projections_period(header)
    missing = [n for n in NEEDED if n not in header]
    if period is None or missing:
        raise fail(path, "Table 1.2 lacks the columns a brochure needs: "
                   + ", ".join(missing or ["Employment change, percent, <period>"]))
    return Projections(header, kept, period, title, path.name)


def older(contents: Contents, table: Projections) -> list[str]:
    """['Employment Projections 2023–33 is older than what you have (2024–34)'], or none."""
    held = projections_period(contents.projections_header)
    if held and held[:4] > table.period[:4]:  # both start with the base year
        return [f"Employment Projections {table.period} is older than what you have ({held})"]
    return []


def _row(header: list[str], cells: tuple[Any, ...]) -> Row:
    return {name: _value(cell) for name, cell in zip(header, cells, strict=False)}


def _value(cell: Any) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return text(cell)
