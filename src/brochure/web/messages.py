"""The pipeline's located problems in the page's plain words: which field, what is wrong
and what to do; no file paths, line numbers or tracebacks."""

from __future__ import annotations

import re
from dataclasses import dataclass

from brochure import format
from brochure.errors import BrochureError, DataError, FitError
from brochure.errors import Problem as Located
from brochure.output.build import Outcome

BRAND_LABELS = {
    "organisation": "Organisation's name",
    "logo": "Logo",
    "primary": "Main colour",
    "accent": "Accent colour",
    "contact": "Contact details",
    "contact.address": "Address",
    "contact.phone": "Phone",
    "contact.email": "Email",
    "contact.website": "Website",
    "event": "Event",
    "event.name": "Event name",
    "event.date": "Event date and time",
    "event.place": "Event place",
    "event.booth": "Booth or table",
    "qr": "QR code link",
    "footer": "Footer note",
}
"""The brand form's labels, by the brand file's field names (also the form's field names)."""


@dataclass(frozen=True)
class Message:
    """One problem: the field it is about (a brand form field, or a career record's field
    such as 'education.paths[0].length'; empty when it is about the whole thing), what is
    wrong, and how to put it right."""

    field: str
    text: str
    hint: str | None = None
    label: str = ""

    @property
    def inline(self) -> str:
        """The message beside its field, where the label is already shown."""
        return Message(self.field, self.text, self.hint).sentence

    @property
    def sentence(self) -> str:
        """The message as one or two sentences."""
        text = _capital(self.text)
        if self.label:
            text = f"{self.label}: {self.text}"
        if not text.endswith((".", "?", "!")):
            text += "."
        if self.hint:
            hint = _capital(self.hint)
            text += f" {hint}{'' if hint.endswith(('.', '?', '!')) else '.'}"
        return text


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def problem_messages(problems: list[Located], labels: dict[str, str] | None = None) \
        -> list[Message]:
    """Located problems as messages, each once, labelled with the form's words."""
    labels = BRAND_LABELS if labels is None else labels
    out: list[Message] = []
    for problem in problems:
        label = labels.get(problem.field, _field_words(problem.field))
        message = Message(problem.field, problem.message, problem.hint, label)
        if message not in out:
            out.append(message)
    return out


def _field_words(field: str) -> str:
    """`education.paths[0].length` → `education › paths 1 › length`: a career record's
    field as a counsellor can find it in the file."""
    if not field:
        return ""
    words = re.sub(r"\[(\d+)\]", lambda m: f" {int(m.group(1)) + 1}", field)
    return " › ".join(part.replace("_", " ") for part in words.split("."))


def error_messages(error: BrochureError, labels: dict[str, str] | None = None) \
        -> list[Message]:
    """An error in the page's words: each located problem by its field, or else the
    error's own message and hint."""
    if isinstance(error, DataError) and error.problems:
        return problem_messages(error.problems, labels)
    return [Message("", error.message, error.hint)]


def outcome_messages(outcome: Outcome) -> list[Message]:
    """Why one brochure was not built: for text that does not fit, which page, which
    sections, how much, and which fields to shorten; for a record with mistakes, each
    mistake by its field."""
    if outcome.fit is not None:
        return [fit_message(outcome.fit)]
    if outcome.error is None:
        return []
    return error_messages(outcome.error, labels={})


def fit_message(fit: FitError) -> Message:
    """Text that does not fit, as the counsellor can act on it."""
    words = [s.replace("-", " ").replace("_", " ") for s in fit.sections] or [fit.frame]
    names = words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
    part = f"the section {names} is" if len(words) == 1 else f"the sections {names} are"
    fields = [_field_words(place.field) for place in fit.fields]
    shorten = "their text" if not fields else fields[0] if len(fields) == 1 else \
        f"{', '.join(fields[:-1])} or {fields[-1]}"
    return Message(fit.frame, f"the text does not fit: on page {fit.page}, {part} "
                              f"{fit.amount} too long, even with the text at its smallest "
                              f"size ({format.points(fit.floor)})",
                   f"shorten {shorten} in the career's file, or choose another layout")
