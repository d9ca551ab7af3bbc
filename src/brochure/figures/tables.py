"""Official figures for one occupation, joined from the BLS tables by SOC code."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from brochure.errors import DataError, Problem
from brochure.figures import bls_files, index
from brochure.figures.bls_files import TOP_CODED, Contents
from brochure.model.career import Career

BLS = "U.S. Bureau of Labor Statistics"


@dataclass(frozen=True)
class Citation:
    """Where a figure comes from: publisher, series and the period it describes."""

    publisher: str
    series: str
    period: str
    short: str
    year: int | None = None
    """The year the figures describe (for projections, their base year)."""

    def __str__(self) -> str:
        return ", ".join(part for part in (self.publisher, self.series, self.period) if part)

    @property
    def brief(self) -> str:
        """Short enough for running text: 'BLS Employment Projections 2024–34'."""
        publisher = "BLS" if self.publisher == BLS else self.publisher
        return " ".join(part for part in (publisher, self.series, self.period) if part)


def oews_citation(years: set[int]) -> Citation:
    """OEWS of the given May reference years: normally one; several only in a mixed table."""
    period = " and ".join(f"May {y}" for y in sorted(years))
    return Citation(BLS, "Occupational Employment and Wage Statistics", period, "BLS OEWS",
                    max(years) if years else None)


def projections_citation(period: str) -> Citation:
    return Citation(BLS, "Employment Projections", period, "BLS Projections",
                    int(period[:4]) if period[:4].isdigit() else None)


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
    all_occupations_median: Amount = NOT_RELEASED
    """The median of all occupations in the same area (OEWS 00-0000), cited alike."""


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
    fifty_states: bool = False
    """Only the 50 states were ranked (BLS's tables); DC and the territories are in `others`."""
    others: tuple[StateFigure, ...] = ()
    """DC and territories with more jobs than the last state ranked, shown apart."""


@dataclass(frozen=True)
class Outlook:
    citation: Citation
    change_percent: float | None
    openings_per_year: Amount
    employment_start: Amount = NOT_RELEASED
    employment_end: Amount = NOT_RELEASED
    all_occupations_percent: float | None = None
    self_employed_percent: float | None = None
    """The share of the start year's workers who were self-employed."""


@dataclass(frozen=True)
class LocalPay:
    """One state's figures, printed beside the national ones with `--state`."""

    code: str
    name: str
    employment: Amount
    pay: Pay

    @property
    def released(self) -> bool:
        return self.pay.median.known or self.employment.known

    @property
    def place(self) -> str:
        """The name as it reads in a sentence: 'the District of Columbia', 'Texas'."""
        return f"the {self.name}" if self.name in NAMED_WITH_THE else self.name


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
    local: LocalPay | None = None
    """The chosen state's figures, when a state was asked for."""

    @property
    def counts_differ(self) -> bool:
        """OEWS's employment and the projections' start year differ by more than 10 %."""
        oews, projected = self.employment.value, self.outlook.employment_start.value
        if not oews or projected is None:
            return False
        return abs(projected - oews) > COUNTS_DIFFER * oews


class Tables:
    """The project's BLS tables, found by SOC code.

    Each figure is cited with the period its own rows describe: OEWS by their YEAR column,
    the projections by the period in their headers. Tables on disk are read through their
    index (see `index`), so a build reads only the rows of the occupations it prints.
    """

    def __init__(self, source: Path | Contents) -> None:
        self._contents: Contents | None
        self.folder: Path | None
        self.digest: str | None
        """The tables' fingerprint, for tables read from a folder."""
        if isinstance(source, Path):
            stored = bls_files.load(source)
            self.folder, self.digest, self.files = source, stored.digest, stored.files
            self._contents, self._index = _read(stored)
        else:
            self.folder = self.digest = None
            self.files = source.files
            self._contents, self._index = source, _index_of(source)
        self.states: dict[str, str] = self._index.states
        """Two-letter code → name of every state or territory in the tables."""
        self._top_coded: dict[str, int] = {}
        for note in self._index.footnotes:
            top = re.search(r"\$([\d,]+) per year", note.get("FOOTNOTE_TEXT", ""))
            if note.get("FOOTNOTE_CODE", "").strip() == TOP_CODED and top:
                self._top_coded[note.get("YEAR") or ""] = int(top.group(1).replace(",", ""))
        self.projection_columns = _ProjectionColumns.of(self._index.projections_header,
                                                        self.files)
        self.projections = projections_citation(self.projection_columns.period)

    @property
    def contents(self) -> Contents:
        """Every row of the tables (read in full the first time it is asked for)."""
        if self._contents is None:
            assert self.folder is not None
            self._contents = bls_files.read(self.folder)
        return self._contents

    @property
    def oews_years(self) -> list[int]:
        """The May reference years the OEWS rows describe (one, unless mixed)."""
        return self._index.oews_years

    @property
    def newest_year(self) -> int | None:
        """The newest year any table describes."""
        years = [*self.oews_years, *([self.projections.year] if self.projections.year else [])]
        return max(years) if years else None

    def top_coded(self, year: str) -> int | None:
        """The top-coding threshold of that year's release, in dollars a year."""
        return self._top_coded.get(year, self._top_coded.get(""))

    def title(self, soc: str) -> str | None:
        return self._index.titles.get(soc)

    @property
    def titles(self) -> dict[str, str]:
        """SOC code → title of every code in the OEWS table (groups too)."""
        return self._index.titles

    def nearest(self, soc: str) -> list[str]:
        """Known codes nearest to `soc`: longest shared start, then numerically closest."""
        digits = re.sub(r"\D", "", soc)
        if not digits:
            return []
        target = int(digits)

        def shared(code: str) -> int:
            return len(os.path.commonprefix([code, soc]))  # noqa: RUF071 (characters wanted)

        ranked = sorted(self._index.titles,
                        key=lambda code: (-shared(code), abs(int(code.replace("-", "")) - target)))
        return [code for code in ranked[:3] if shared(code) >= 4]

    def soc_hint(self, soc: str) -> str:
        """A hint for a SOC code the tables do not have."""
        near = self.nearest(soc)
        if near:
            titles = self._index.titles
            return "did you mean " + " or ".join(f"{c} ({titles[c]})" for c in near) + "?"
        return "look the code up at https://www.bls.gov/soc/"

    def figures(self, career: Career, state: str | None = None) -> Figures:
        """Join the figures for `career.soc`; a record's overrides win, with their source.
        With `state` (a two-letter code from `states`), that state's pay and jobs too."""
        figures = _apply_overrides(self.join(career.soc), career)
        if state is None:
            return figures
        return replace(figures, local=self.local(career.soc, state))

    def local(self, soc: str, state: str) -> LocalPay:
        """One state's pay and employment for `soc`; 'not released' where BLS has none."""
        row = next((r for r in self._index.oews(soc) if r["PRIM_STATE"] == state
                    and r["AREA_TYPE"] in STATE_AREA_TYPES), None)
        name = self.states[state]
        if row is None:
            pay = Pay(oews_citation(set(map(int, self.oews_years))), NOT_RELEASED)
            return LocalPay(state, name, NOT_RELEASED, pay)
        return LocalPay(state, name, self._amount(row, "TOT_EMP"), self._pay(row))

    def join(self, soc: str) -> Figures:
        """The BLS figures for one SOC code, as the tables have them."""
        if soc not in self._index.titles:
            raise KeyError(soc)
        rows = self._index.oews(soc)
        national = next(r for r in rows if r["AREA_TYPE"] == "1")
        return Figures(
            soc=soc,
            occupation=national["OCC_TITLE"],
            employment=self._amount(national, "TOT_EMP"),
            employment_citation=oews_citation({int(national["YEAR"])}),
            pay=self._pay(national),
            top_states=self._top_states(rows),
            outlook=self._outlook(soc),
            entry_education=self._entry_education(soc),
        )

    def _amount(self, row: dict[str, str], column: str) -> Amount:
        raw = row.get(column, "").strip()
        notes = dict(n.split(":", 1) for n in row.get("FOOTNOTES", "").split(";") if ":" in n)
        if raw == "#" or notes.get(column) == TOP_CODED:
            top = self.top_coded(row["YEAR"])
            return Amount(top, "at least") if top else NOT_RELEASED
        try:
            return Amount(round(float(raw.replace(",", ""))))
        except ValueError:
            return NOT_RELEASED

    def _pay(self, row: dict[str, str]) -> Pay:
        everyone = next((r for r in self._index.oews(ALL_OCCUPATIONS)
                         if r.get("AREA") == row.get("AREA") and r["YEAR"] == row["YEAR"]), None)
        return Pay(
            citation=oews_citation({int(row["YEAR"])}),
            median=self._amount(row, "A_MEDIAN"),
            pct10=self._amount(row, "A_PCT10"),
            pct25=self._amount(row, "A_PCT25"),
            pct75=self._amount(row, "A_PCT75"),
            pct90=self._amount(row, "A_PCT90"),
            hourly_median=_hourly(row.get("H_MEDIAN", "")),
            all_occupations_median=(self._amount(everyone, "A_MEDIAN") if everyone
                                    else NOT_RELEASED),
        )

    def _top_states(self, rows: list[dict[str, str]]) -> TopStates:
        area_rows = [r for r in rows if r["AREA_TYPE"] in STATE_AREA_TYPES]

        def rank(s: StateFigure) -> tuple[int, str]:
            return -(s.employment.value or 0), s.name

        def ranked(rows: list[dict[str, str]]) -> list[StateFigure]:
            found = [StateFigure(r["AREA_TITLE"], self._amount(r, "TOT_EMP"),
                                 self._amount(r, "A_MEDIAN")) for r in rows]
            return sorted((s for s in found if s.employment.known), key=rank)

        state_rows = [r for r in area_rows if r["PRIM_STATE"] in FIFTY_STATES]
        states = ranked(state_rows)[:TOP]
        # DC and the territories are shown apart, and only where they would have ranked.
        others = [s for s in ranked([r for r in area_rows if r not in state_rows])
                  if len(states) < TOP or rank(s) < rank(states[-1])]
        citation = oews_citation({int(r["YEAR"]) for r in area_rows})
        not_released = sum(1 for r in state_rows
                           if not self._amount(r, "TOT_EMP").known)
        return TopStates(citation, tuple(states), not_released, fifty_states=True,
                         others=tuple(others))

    def _outlook(self, soc: str) -> Outlook:
        row = self._index.projection(soc)
        total = self._index.projection(ALL_OCCUPATIONS)
        column = self.projection_columns
        if row is None:
            return Outlook(self.projections, None, NOT_RELEASED)
        return Outlook(
            citation=self.projections,
            change_percent=_float(row[column.change_percent]),
            openings_per_year=_thousands(row[column.openings]),
            employment_start=_thousands(row[column.employment_start]),
            employment_end=_thousands(row[column.employment_end]),
            all_occupations_percent=(_float(total[column.change_percent])
                                     if total else None),
            self_employed_percent=(_float(row[column.self_employed])
                                   if column.self_employed else None),
        )

    def _entry_education(self, soc: str) -> EntryEducation:
        row = self._index.projection(soc)
        value = row[self.projection_columns.education].strip() if row else ""
        return EntryEducation(self.projections,
                              value if value not in ("", "—", "-") else None)


STATE_AREA_TYPES = ("2", "3")
"""OEWS area types of states and the like: 2 state (with DC, PR, GU, VI), 3 U.S. territory."""

FIFTY_STATES = frozenset({
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ",
    "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT",
    "VA", "WA", "WV", "WI", "WY"})
"""The postal codes of the 50 states: the only areas ranked as top states."""

NAMED_WITH_THE = frozenset({"District of Columbia", "Virgin Islands"})
"""Area names that take 'the' in a sentence."""

TOP = 5
"""How many states are ranked."""

ALL_OCCUPATIONS = "00-0000"
"""The SOC code of the all-occupations rows, the reference the charts compare with."""

COUNTS_DIFFER = 0.10
"""Above this share, the page explains why OEWS and the projections count differently."""


@dataclass(frozen=True)
class _ProjectionColumns:
    """Table 1.2's columns, found by their header text; the period comes from the headers."""

    period: str
    code: str
    change_percent: str
    openings: str
    employment_start: str
    employment_end: str
    education: str
    self_employed: str | None
    """BLS's share of self-employed workers; optional, older tables lack it."""

    @classmethod
    def of(cls, header: list[str], files: dict[str, Path]) -> _ProjectionColumns:
        """The columns of the projections table read from `files`."""
        where = files.get("Employment Projections")
        return cls.find(header, where.name if where else "the projections table")

    @classmethod
    def find(cls, header: list[str], display: str) -> _ProjectionColumns:
        def column(pattern: str, what: str) -> str:
            for name in header:
                if re.fullmatch(pattern, name.strip()):
                    return name
            raise DataError([Problem(display, 1, 1, "", f"no column for {what}",
                                     "import BLS's occupation.xlsx again with "
                                     "'brochure import projections'")])

        period = bls_files.projections_period(header)
        if period is None:
            column(r"Employment change, percent, .*", "the percent change")
        years = sorted(name.strip()[-4:] for name in header
                       if re.fullmatch(r"Employment, \d{4}", name.strip()))
        if len(years) != 2:
            column(r"Employment, \d{4}", "employment at the start and end of the period")
        return cls(
            period=period or "",
            code=column(r".*National Employment Matrix code", "the SOC code"),
            change_percent=column(r"Employment change, percent, .*", "the percent change"),
            openings=column(r"Occupational openings, .*annual average", "openings a year"),
            employment_start=column(f"Employment, {years[0]}", "employment at the start"),
            employment_end=column(f"Employment, {years[1]}", "employment at the end"),
            education=column(r"Typical education needed for entry", "entry education"),
            self_employed=next((name for name in header
                                if re.fullmatch(r"Percent self employed, \d{4}", name.strip())),
                               None),
        )


def _read(stored: bls_files.Stored) -> tuple[Contents | None, index.Index]:
    """The tables' index from the cache; else every row, and the index made of them (kept
    for the next command)."""
    found = index.load(stored.digest, lambda: _index_of(bls_files.parse(stored)))
    if found is not None:
        return None, found
    contents = bls_files.parse(stored)
    found = _index_of(contents)
    index.store(found, stored.digest)
    return contents, found


def _index_of(contents: Contents) -> index.Index:
    """The index of tables read in full (their projections columns checked first)."""
    code = _ProjectionColumns.of(contents.projections_header, contents.files).code
    return index.Index.of(contents, code, STATE_AREA_TYPES)


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
        # No all-occupations figure from the record's own source: the chart shows none.
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
