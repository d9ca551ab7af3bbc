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
        super().__init__(career, layout, paper, page, frame, sections, over, floor, path,
                         fields)

    def located(self, path: str, fields: tuple[Place, ...]) -> FitError:
        """The same overflow, naming the career's file and the fields to shorten."""
        return FitError(self.career, self.layout, self.paper, self.page, self.frame,
                        self.sections, self.over, self.floor, path, fields)

    @property
    def amount(self) -> str:
        """How far over, such as `12 pt (0.17 in)`."""
        return f"{max(1, round(self.over))} pt ({max(0.01, self.over / 72):.2f} in)"

    def __str__(self) -> str:
        what = (f"too long for the {self.layout} ({PAPER_NAMES.get(self.paper, self.paper)}), "
                f"page {self.page}, box '{self.frame}', by {self.amount} even at "
                f"{self.floor:g} pt")
        if self.fields:
            first = self.fields[0]
            shorten = ", ".join(f"{f.field} (line {f.line})" for f in self.fields)
            return str(Problem(self.path, first.line, first.column, first.field, what,
                               f"shorten these fields: {shorten}"))
        # No field of the record is printed there (that its templates show): only the
        # layout can change.
        return (f"{self.path or self.career}: {what}\n  hint: its sections "
                f"({', '.join(self.sections)}) print no field of the career's file; "
                "choose another layout, or give the box more room in this one")

