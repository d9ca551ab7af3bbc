"""Write the index of occupation titles that the page's search reads.

For every occupation in O*NET's database, its title, its alternate titles and the sample of
titles workers reported, filed under the SOC code BLS uses (O*NET's 15-1299.08 under
15-1299). Titles are names; the file credits O*NET as its CC BY 4.0 licence asks.

    python tools/title_index.py FOLDER [OUT]

FOLDER holds O*NET's files as published: Occupation Data.txt, Alternate Titles.xlsx and
Sample of Reported Titles.txt. OUT defaults to src/brochure/figures/titles.tsv.gz. The
output depends only on the input: run it again on the same files and it is the same, byte
for byte.
"""

from __future__ import annotations

import csv
import gzip
import sys
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
HEADER = [
    "# Occupation titles by SOC code, for the search in 'brochure serve'.",
    "# This includes information from the O*NET {version} Database by the U.S. Department of",
    "# Labor, Employment and Training Administration (USDOL/ETA), used under the CC BY 4.0",
    "# license (https://creativecommons.org/licenses/by/4.0/). O*NET® is a trademark of",
    "# USDOL/ETA. Only titles are kept: each occupation's title, alternate titles and sample",
    "# of reported titles, filed under the BLS SOC code. Written by tools/title_index.py.",
    "# soc<TAB>title; the first line of each code is O*NET's title for it.",
]


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f, delimiter="\t"))[1:]


def main(folder: Path, out: Path) -> None:
    titles: dict[str, list[str]] = {}

    def add(code: str, title: str | None) -> None:
        title = " ".join((title or "").split())
        if not title or not code:
            return
        soc = code.split(".")[0]
        known = titles.setdefault(soc, [])
        if title.lower() not in (t.lower() for t in known):
            known.append(title)

    for code, title, *_ in sorted(_rows(folder / "Occupation Data.txt")):
        if code.endswith(".00"):  # the occupation itself first
            add(code, title)
    for code, title, *_ in sorted(_rows(folder / "Occupation Data.txt")):
        add(code, title)
    book = openpyxl.load_workbook(folder / "Alternate Titles.xlsx", read_only=True)
    sheet = book.active
    assert sheet is not None
    for row in sorted(sheet.iter_rows(min_row=2, values_only=True),
                      key=lambda r: (str(r[0]), str(r[2]))):
        add(str(row[0]), str(row[2]) if row[2] else None)
        add(str(row[0]), str(row[3]) if row[3] else None)
    for code, _title, reported, *_ in sorted(_rows(folder / "Sample of Reported Titles.txt")):
        add(code, reported)
    version = "29.3"
    readme = folder / "Read Me.txt"
    if readme.is_file():
        first = readme.read_text(encoding="utf-8").split("\n", 1)[0]
        version = first.removeprefix("O*NET").removesuffix("Database").strip() or version
    lines = [line.format(version=version) for line in HEADER]
    for soc in sorted(titles):
        lines += [f"{soc}\t{title}" for title in titles[soc]]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    out.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    print(f"wrote {out}: {len(titles)} occupations, {len(lines) - len(HEADER)} titles")


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) == 3
         else ROOT / "src" / "brochure" / "figures" / "titles.tsv.gz")
