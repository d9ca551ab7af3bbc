"""Find what a person still has to write in a record: TODO placeholders and O*NET drafts."""

from __future__ import annotations

from brochure.errors import Problem
from brochure.model.source import Document

PLACEHOLDER = "TODO:"
DRAFT = "DRAFT:"


def placeholders(doc: Document) -> list[Problem]:
    """A located problem for each value still starting with TODO: or DRAFT:."""
    found = []
    for key, text in doc.texts.items():
        words = text.strip()
        if words.startswith(PLACEHOLDER):
            what = words.removeprefix(PLACEHOLDER).strip()
            found.append(doc.problem(key, "still a placeholder", f"write {what}"))
        elif words.startswith(DRAFT):
            found.append(doc.problem(key, "still a draft copied from O*NET",
                                     "rewrite it in your own words, then delete 'DRAFT: '"))
    return found
