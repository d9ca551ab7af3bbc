"""The few kinds of error a user can meet, each printed without a traceback."""

from __future__ import annotations

from dataclasses import dataclass


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
        text = f"{where}: {self.field}: {self.message}" if self.field \
            else f"{where}: {self.message}"
        if self.excerpt:
            text += f"\n{self.excerpt}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class BrochureError(Exception):
    """Base of every error the command line reports as a message, not a traceback."""

    exit_code = 1


class DataError(BrochureError):
    """A career, layout or table file is invalid; carries every problem found in it."""

    exit_code = 2

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class UsageError(BrochureError):
    """The command was asked for something that does not exist."""

    exit_code = 2


class FitError(BrochureError):
    """A section is too long for its frame even at the smallest allowed type size."""

    exit_code = 1


class FontError(BrochureError):
    """Some text uses a character the embedded font cannot draw."""

    exit_code = 1
