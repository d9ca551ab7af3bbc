"""Warnings about old or mixed figures: what `brochure check` says besides errors."""

from __future__ import annotations

from brochure.errors import BrochureError, Problem
from brochure.figures.tables import BLS, Citation, Figures, Tables
from brochure.model.career import Career
from brochure.model.source import Document, read_yaml
from brochure.project import Project

MAX_AGE = 2
"""A record's own figures may be this many years older than the newest tables."""


def warnings(career: Career, figures: Figures, tables: Tables, doc: Document) -> list[Problem]:
    """Overrides more than two years older than the tables, and OEWS periods mixed."""
    found: list[Problem] = []
    newest = tables.newest_year
    overrides = career.figures
    if overrides is not None and newest is not None:
        for name in ("pay", "top_states", "outlook", "entry_education"):
            part = getattr(overrides, name)
            if part is not None and newest - part.year > MAX_AGE:
                found.append(doc.problem(
                    ("figures", name, "year"),
                    f"{part.source}, {part.year} is {newest - part.year} years older than "
                    f"the newest BLS tables ({newest})",
                    "update these figures, or remove them to print BLS's"))
    oews = [c for c in (figures.pay.citation, figures.employment_citation,
                        figures.top_states.citation) if _is_oews(c)]
    periods = sorted({p for c in oews for p in c.period.split(" and ")})
    if len(periods) > 1:
        found.append(doc.problem(
            ("soc",), f"the brochure would mix OEWS periods: national {_national(figures)}, "
                      f"states {figures.top_states.citation.period}",
            "import BLS's national and state files of the same year"))
    return found


def _is_oews(citation: Citation) -> bool:
    return citation.publisher == BLS and citation.short == "BLS OEWS"


def _national(figures: Figures) -> str:
    return (figures.pay.citation.period if _is_oews(figures.pay.citation)
            else figures.employment_citation.period)


def project_warnings(project: Project) -> list[Problem]:
    """Warnings for every career that loads; broken ones are reported as errors elsewhere."""
    found = []
    for career_id in project.career_ids():
        try:
            career = project.load_career(career_id)
        except BrochureError:
            continue
        path = project.career_path(career_id)
        doc = read_yaml(path, project.display(path))
        found += warnings(career, project.tables.figures(career), project.tables, doc)
    return found
