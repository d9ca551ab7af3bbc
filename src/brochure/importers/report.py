"""What an import changed for the project's careers: pay, top states and outlook."""

from __future__ import annotations

from pathlib import Path

from brochure.errors import DataError
from brochure.figures.tables import Figures, Tables
from brochure.format import count, money, percent
from brochure.model.source import read_yaml
from brochure.project import career_files


def project_careers(careers_dir: Path) -> list[tuple[str, str]]:
    """Each career record's id and SOC code, read leniently: a record with mistakes in
    other fields still gets its figures compared."""
    found = []
    for career_id, (path, *_) in sorted(career_files(careers_dir).items()):
        try:
            data = read_yaml(path, path.name).data
        except DataError:
            continue
        soc = data.get("soc") if isinstance(data, dict) else None
        if isinstance(soc, str):
            found.append((career_id, soc))
    return found


def vintages(tables: Tables) -> str:
    """The periods the tables hold, for people: 'OEWS May 2025; Employment Projections
    2024–34'."""
    years = tables.oews_years
    national = sorted({int(r["YEAR"]) for r in tables.contents.oews if r["AREA_TYPE"] == "1"})
    states = sorted({int(r["YEAR"]) for r in tables.contents.oews if r["AREA_TYPE"] != "1"})
    if len(years) > 1:
        oews = (f"OEWS national May {', '.join(map(str, national))}, "
                f"states May {', '.join(map(str, states))}")
    else:
        oews = f"OEWS May {years[0]}" if years else "no OEWS rows"
    return f"{oews}; Employment Projections {tables.projections.period}"


def changes(careers: list[tuple[str, str]], old: Tables, new: Tables) -> list[str]:
    """Lines describing, career by career, what the new tables print differently."""
    pay: list[str] = []
    states: list[str] = []
    outlook: list[str] = []
    gone: list[str] = []
    same: list[str] = []
    for career_id, soc in careers:
        name = f"{career_id} ({soc})"
        if old.title(soc) is None:
            continue  # its record is already reported by 'brochure check'
        if new.title(soc) is None:
            gone.append(f"  {name}: no longer in the OEWS tables; run 'brochure check'")
            continue
        before, after = old.join(soc), new.join(soc)
        reported = len(pay) + len(states) + len(outlook)
        if before.pay.median != after.pay.median:
            pay.append(f"  {name}: {money(before.pay.median)} → {money(after.pay.median)} "
                       f"({before.pay.citation.period} → {after.pay.citation.period})")
        if _ranking(before) != _ranking(after):
            states.append(f"  {name}: {_ranking(before)} → {_ranking(after)}")
        if before.outlook.change_percent != after.outlook.change_percent:
            outlook.append(f"  {name}: {percent(before.outlook.change_percent)} → "
                           f"{percent(after.outlook.change_percent)} "
                           f"({before.outlook.citation.period} → "
                           f"{after.outlook.citation.period})")
        if len(pay) + len(states) + len(outlook) == reported:
            same.append(career_id)
    lines: list[str] = []
    for heading, found in (("median pay changed", pay), ("top states moved", states),
                           ("projected change in jobs changed", outlook),
                           ("careers whose SOC code is gone", gone)):
        if found:
            lines += [f"{heading} for {count(len(found), 'career')}:",
                      *found]
    if same:
        lines.append(f"no change in pay, top states or outlook for: {', '.join(same)}")
    if not careers:
        lines.append("no careers in the project to compare")
    return lines


def _ranking(figures: Figures) -> str:
    return ", ".join(s.name for s in figures.top_states.states) or "none ranked"

