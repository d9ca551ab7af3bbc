"""What every importer reads through: regular files within a size limit, UTF-8 text line by
line, and one located error for each refusal."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from brochure.errors import DataError, Problem, shown
from brochure.files import FileTooBig, NotRegularFile, check_regular

MAX_TEXT_BYTES = 100_000_000
"""An O*NET text file, or one of BLS's small flat files (oe.area, oe.occupation,
oe.footnote). O*NET's largest table a starter record uses, Task Statements.txt, is 3.4 MB."""

MAX_LINE_BYTES = 1_000_000
"""One line of a text file; O*NET's longest are under 1,000 bytes, BLS's under 200."""


def fail(path: Path, message: str, hint: str | None = None, *, line: int = 1,
         column: int = 1) -> DataError:
    """The error for a file an importer was given: `path:line:column: message`, with the
    path as the user gave it (a file found in a folder given: that folder, then its name)."""
    return DataError([Problem(given(path), line, column, "", message, hint)])


def given(path: Path) -> str:
    """A path the user gave, as it is safe to print."""
    return shown(str(path), limit=500)


def refused(path: Path, exc: OSError, limit_hint: str) -> DataError:
    """The error for a file that cannot be opened, or is refused before it is read."""
    if isinstance(exc, NotRegularFile):
        if exc.folder:
            return fail(path, "is a folder, not a file")
        return fail(path, "is not a regular file (a device, pipe or socket)",
                    "give the file itself, as its publisher ships it")
    if isinstance(exc, FileTooBig):
        return fail(path, f"the file is {exc.size:,} bytes; the limit is {exc.limit:,}",
                    limit_hint)
    if isinstance(exc, FileNotFoundError):
        return fail(path, "no such file")
    return fail(path, f"cannot read the file ({exc.strerror or exc})")


def text_lines(path: Path, limit: int, limit_hint: str) -> Iterator[str]:
    """The lines of a UTF-8 text file, ends kept, a byte order mark dropped; split as
    Python's universal newlines split them.

    Only a regular file of at most `limit` bytes is read, a line at a time, each of at most
    MAX_LINE_BYTES; a byte that is not UTF-8 is refused with its line and column."""
    try:
        check_regular(path, limit)
        # Non-blocking, so that a pipe put in the file's place after the check cannot hang.
        handle = open(path, "rb", opener=_nonblocking)  # noqa: SIM115 (closed below)
    except OSError as exc:
        raise refused(path, exc, limit_hint) from None
    number, total = 0, 0
    with handle:
        while raw := handle.readline(MAX_LINE_BYTES + 1):
            total += len(raw)
            if total > limit:  # the file grew while we read it
                raise refused(path, FileTooBig(path, total, limit), limit_hint)
            if len(raw) > MAX_LINE_BYTES:
                raise fail(path, f"a line longer than {MAX_LINE_BYTES:,} bytes",
                           "give the file exactly as its publisher ships it",
                           line=number + 1)
            if number == 0 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            for piece in raw.splitlines(keepends=True):
                number += 1
                try:
                    line = piece.decode("utf-8")
                except UnicodeDecodeError as exc:
                    column = len(piece[:exc.start].decode("utf-8", errors="replace")) + 1
                    raise fail(path, f"byte 0x{piece[exc.start]:02x} is not valid UTF-8",
                               "save the file as UTF-8, as its publisher ships it",
                               line=number, column=column) from None
                yield line


def _nonblocking(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))
