"""The few kinds of error a user can meet, each printed without a traceback.

Every error carries what is wrong (`message`) and, where it helps, what to do (`hint`) as
separate fields: the command line and the page word them each their own way, and nothing
has to take a message apart again."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from brochure import format

HINT = "\n  hint: "
"""How the command line sets a hint below its message."""


def text(message: str, hint: str | None) -> str:
    """A message and its hint as the command line prints them."""
    return f"{message}{HINT}{hint}" if hint else message


@dataclass(frozen=True)
class Problem:
    """One located problem in a user's file: `path:line:col: field: message`, then, where
    it helps, the line with a caret and a hint."""

    path: str
    line: int
    column: int
    field: str
    message: str
    hint: str | None = None
    excerpt: str | None = None
    """The line itself with a caret under the column, for slips seen best in place."""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        shown = f"{where}: {self.field}: {self.message}" if self.field \
            else f"{where}: {self.message}"
        if self.excerpt:
            shown += f"\n{self.excerpt}"
        return text(shown, self.hint)


class BrochureError(Exception):
    """Base of every error the command line reports as a message, not a traceback."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message, hint)
        self.message = message
        """What is wrong, in one sentence without a full stop."""
        self.hint = hint
        """What to do about it, when there is something to say."""

    def __str__(self) -> str:
        return text(self.message, self.hint)

    def __reduce__(self) -> tuple[Any, ...]:
        # Errors travel back from the build's worker processes; rebuild them from their
        # fields, whatever their own constructor takes.
        return (_rebuilt, (type(self), self.args, self.__dict__))


def _rebuilt(kind: type[BrochureError], args: tuple[object, ...],
             fields: dict[str, object]) -> BrochureError:
    error = kind.__new__(kind)
    error.args = args
    error.__dict__.update(fields)
    return error


class DataError(BrochureError):
    """A career, layout or table file is invalid; carries every problem found in it, each
    with its own hint."""

    exit_code = 2

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


class UsageError(BrochureError):
    """The command was asked for something that does not exist."""

    exit_code = 2


def unknown(kind: str, name: str, known: list[str]) -> UsageError:
    """`no layout named 'handot'`, hinting at the name meant or else at every name known."""
    import difflib

    close = difflib.get_close_matches(name, known, n=1)
    hint = (f"did you mean '{close[0]}'?" if close
            else f"known {kind}s: {', '.join(known) or 'none'}")
    return UsageError(f"no {kind} named '{shown(name, limit=200)}'", hint)


@dataclass(frozen=True)
class Place:
    """Where a field of a user's file is written."""

    field: str
    line: int
    column: int


PAPER_NAMES = {"letter": "Letter", "a4": "A4"}


class FitError(BrochureError):
    """A frame's text is too long even at the smallest allowed type size. It names the
    career, layout, paper, page, frame and its sections, how many points too long and at
    which body size; once located, the career's file and the fields to shorten, most text
    first."""

    exit_code = 1

    def __init__(self, career: str, layout: str, paper: str, page: int, frame: str,
                 sections: tuple[str, ...], over: float, floor: float, path: str = "",
                 fields: tuple[Place, ...] = ()) -> None:
        self.career, self.layout, self.paper, self.page = career, layout, paper, page
        self.frame, self.sections, self.over, self.floor = frame, sections, over, floor
        self.path, self.fields = path, fields
        what = (f"too long for the {layout} ({PAPER_NAMES.get(paper, paper)}), page {page}, "
                f"box '{frame}', by {self.amount} even at {format.points(floor)}")
        if fields:
            first = fields[0]
            located = Problem(path, first.line, first.column, first.field, what)
            shorten = ", ".join(f"{f.field} (line {f.line})" for f in fields)
            super().__init__(str(located), f"shorten these fields: {shorten}")
        else:
            # No field of the record is printed there (that its templates show): only the
            # layout can change.
            super().__init__(f"{path or career}: {what}",
                             f"its sections ({', '.join(sections)}) print no field of the "
                             "career's file; choose another layout, or give the box more "
                             "room in this one")
        self.args = (career, layout, paper, page, frame, sections, over, floor, path, fields)

    def located(self, path: str, fields: tuple[Place, ...]) -> FitError:
        """The same overflow, naming the career's file and the fields to shorten."""
        return FitError(self.career, self.layout, self.paper, self.page, self.frame,
                        self.sections, self.over, self.floor, path, fields)

    @property
    def amount(self) -> str:
        """How far over, such as `12 pt (0.17 in)`."""
        return format.overrun(self.over)


def shown(text: str, limit: int = 60) -> str:
    """`text` as it is safe to print in a message: control characters escaped (a key or a
    value must never drive the terminal), and cut short when it is long."""
    if len(text) > limit:
        text = f"{text[:limit - 20]}…({len(text):,} characters)"
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)
