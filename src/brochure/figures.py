"""Official figures for one occupation, joined from the BLS tables by SOC code."""

from __future__ import annotations

import csv
import gzip
import io
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from brochure.career import Career

OEWS_FILE = "oews_may2025_national_state_all.csv.gz"
FOOTNOTES_FILE = "oews_may2025_footnotes.csv"
PROJECTIONS_FILE = "ep_2024_34_table1_2.csv"

BLS = "U.S. Bureau of Labor Statistics"


@dataclass(frozen=True)
class Citation:
    """Where a figure comes from: publisher, series and the period it describes."""

    publisher: str
    series: str
    period: str
    short: str

    def __str__(self) -> str:
        return ", ".join(part for part in (self.publisher, self.series, self.period) if part)


OEWS = Citation(BLS, "Occupational Employment and Wage Statistics", "May 2025", "BLS OEWS")
PROJECTIONS = Citation(BLS, "Employment Projections", "2024–34", "BLS Projections")


@dataclass(frozen=True)
class Amount:
    """A published number, or the reason there is none."""

    value: int | None
    status: Literal["published", "at least", "not released"] = "published"

    @property
    def known(self) -> bool:
        return self.value is not None


NOT_RELEASED = Amount(None, "not released")


@dataclass(frozen=True)
class Pay:
    """Annual pay percentiles, in US dollars."""

    citation: Citation
    median: Amount
    pct10: Amount = NOT_RELEASED
    pct25: Amount = NOT_RELEASED
    pct75: Amount = NOT_RELEASED
    pct90: Amount = NOT_RELEASED
    hourly_median: Amount = NOT_RELEASED


@dataclass(frozen=True)
class StateFigure:
    name: str
    employment: Amount
    median: Amount


@dataclass(frozen=True)
class TopStates:
    citation: Citation
    states: tuple[StateFigure, ...]
    not_released: int = 0
    """How many states BLS released no employment figure for (left out of the ranking)."""


@dataclass(frozen=True)
class Outlook:
    citation: Citation
    change_percent: float | None
    openings_per_year: Amount
    employment_start: Amount = NOT_RELEASED
    employment_end: Amount = NOT_RELEASED
    all_occupations_percent: float | None = None


@dataclass(frozen=True)
class EntryEducation:
    citation: Citation
    value: str | None


@dataclass(frozen=True)
class Figures:
    """Everything numeric a brochure prints, each part carrying its own citation."""

    soc: str
    occupation: str
    employment: Amount
    employment_citation: Citation
    pay: Pay
    top_states: TopStates
    outlook: Outlook
    entry_education: EntryEducation


class Tables:
    """The shipped BLS tables, read once and indexed by SOC code."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._oews: dict[str, list[dict[str, str]]] = {}
        self._titles: dict[str, str] = {}
        with gzip.open(folder / OEWS_FILE, "rt", encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            header = next(reader)
            for row in reader:
                record = dict(zip(header, row, strict=True))
                self._oews.setdefault(record["OCC_CODE"], []).append(record)
                self._titles[record["OCC_CODE"]] = record["OCC_TITLE"]
        text = (folder / FOOTNOTES_FILE).read_text(encoding="utf-8")
        top = re.search(r"\$([\d,]+) per year", text)
        self.top_coded = int(top.group(1).replace(",", "")) if top else None
        self._projections: dict[str, dict[str, str]] = {}
        with open(folder / PROJECTIONS_FILE, encoding="utf-8", newline="") as f:
            for record in csv.DictReader(io.StringIO(f.read())):
                self._projections[record["2024 National Employment Matrix code"]] = record

    def title(self, soc: str) -> str | None:
        return self._titles.get(soc)

    def nearest(self, soc: str) -> list[str]:
        """Known codes nearest to `soc`: longest shared start, then numerically closest."""
        digits = re.sub(r"\D", "", soc)
        if not digits:
            return []
        target = int(digits)

        def shared(code: str) -> int:
            return len(os.path.commonprefix([code, soc]))  # noqa: RUF071 (characters wanted)

        ranked = sorted(self._titles,
                        key=lambda code: (-shared(code), abs(int(code.replace("-", "")) - target)))
        return [code for code in ranked[:3] if shared(code) >= 4]

    def soc_hint(self, soc: str) -> str:
        """A hint for a SOC code the tables do not have."""
        near = self.nearest(soc)
        if near:
            return "did you mean " + " or ".join(f"{c} ({self._titles[c]})" for c in near) + "?"
        return "look the code up at https://www.bls.gov/soc/"

    def figures(self, career: Career) -> Figures:
        """Join the figures for `career.soc`; a record's overrides win, with their source."""
        rows = self._oews[career.soc]
        national = next(r for r in rows if r["AREA_TYPE"] == "1")
        figures = Figures(
            soc=career.soc,
            occupation=national["OCC_TITLE"],
            employment=self._amount(national, "TOT_EMP"),
            employment_citation=OEWS,
            pay=self._pay(national),
            top_states=self._top_states(rows),
            outlook=self._outlook(career.soc),
            entry_education=self._entry_education(career.soc),
        )
        return _apply_overrides(figures, career)

    def _amount(self, row: dict[str, str], column: str) -> Amount:
        raw = row.get(column, "").strip()
        notes = dict(n.split(":", 1) for n in row.get("FOOTNOTES", "").split(";") if ":" in n)
        if raw == "#" or notes.get(column) == "5":
            return Amount(self.top_coded, "at least") if self.top_coded else NOT_RELEASED
        try:
            return Amount(round(float(raw.replace(",", ""))))
        except ValueError:
            return NOT_RELEASED

    def _pay(self, row: dict[str, str]) -> Pay:
        return Pay(
            citation=OEWS,
            median=self._amount(row, "A_MEDIAN"),
            pct10=self._amount(row, "A_PCT10"),
            pct25=self._amount(row, "A_PCT25"),
            pct75=self._amount(row, "A_PCT75"),
            pct90=self._amount(row, "A_PCT90"),
            hourly_median=_hourly(row.get("H_MEDIAN", "")),
        )

    def _top_states(self, rows: list[dict[str, str]]) -> TopStates:
        states = [StateFigure(r["AREA_TITLE"], self._amount(r, "TOT_EMP"),
                              self._amount(r, "A_MEDIAN"))
                  for r in rows if r["AREA_TYPE"] == "2"]
        ranked = sorted((s for s in states if s.employment.known),
                        key=lambda s: (-(s.employment.value or 0), s.name))
        return TopStates(OEWS, tuple(ranked[:5]), len(states) - len(ranked))

    def _outlook(self, soc: str) -> Outlook:
        row = self._projections.get(soc)
        total = self._projections.get("00-0000")
        if row is None:
            return Outlook(PROJECTIONS, None, NOT_RELEASED)
        return Outlook(
            citation=PROJECTIONS,
            change_percent=_float(row["Employment change, percent, 2024–34"]),
            openings_per_year=_thousands(row["Occupational openings, 2024–34 annual average"]),
            employment_start=_thousands(row["Employment, 2024"]),
            employment_end=_thousands(row["Employment, 2034"]),
            all_occupations_percent=(_float(total["Employment change, percent, 2024–34"])
                                     if total else None),
        )

    def _entry_education(self, soc: str) -> EntryEducation:
        row = self._projections.get(soc)
        value = row["Typical education needed for entry"].strip() if row else ""
        return EntryEducation(PROJECTIONS, value if value not in ("", "—", "-") else None)


def _float(raw: str) -> float | None:
    try:
        return float(raw)
    except ValueError:
        return None


def _thousands(raw: str) -> Amount:
    # Projections publish employment in thousands with one decimal: 194.8 → 194,800.
    number = _float(raw)
    return Amount(round(number * 1000)) if number is not None else NOT_RELEASED


def _hourly(raw: str) -> Amount:
    number = _float(raw)
    # Hourly pay is kept in cents so that $24.59 survives as a whole number.
    return Amount(round(number * 100)) if number is not None else NOT_RELEASED


def _apply_overrides(figures: Figures, career: Career) -> Figures:
    over = career.figures
    if over is None:
        return figures
    replaced: dict[str, object] = {}
    if over.pay:
        cite = _own(over.pay.source, over.pay.year)
        p = over.pay
        replaced["pay"] = Pay(cite, Amount(p.median), *(
            Amount(v) if v else NOT_RELEASED for v in (p.pct10, p.pct25, p.pct75, p.pct90)))
    if over.top_states:
        t = over.top_states
        replaced["top_states"] = TopStates(_own(t.source, t.year), tuple(
            StateFigure(s.name, Amount(s.employment),
                        Amount(s.median) if s.median else NOT_RELEASED) for s in t.states))
    if over.outlook:
        o = over.outlook
        replaced["outlook"] = Outlook(
            Citation(o.source, "projection", o.period, o.source), o.change_percent,
            Amount(o.openings_per_year) if o.openings_per_year else NOT_RELEASED)
    if over.entry_education:
        e = over.entry_education
        replaced["entry_education"] = EntryEducation(_own(e.source, e.year), e.value)
    return replace(figures, **replaced)  # type: ignore[arg-type]


def _own(source: str, year: int) -> Citation:
    return Citation(source, "", str(year), source)
