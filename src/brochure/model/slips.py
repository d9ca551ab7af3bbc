"""Plain words, a hint and the line itself for the commonest slips in writing YAML:
wrong indentation, a tab, an unquoted colon, a list item with a colon, a `#` value."""

from __future__ import annotations

import re
from typing import Any

import yaml

from brochure.errors import Problem, shown

# The line breaks YAML 1.1 knows (str.splitlines also splits at characters YAML does not).
LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
WIDTH = 76  # characters of a long line shown around the caret


def source_lines(text: str) -> list[str]:
    return LINE_BREAK.split(text)


def excerpt(lines: list[str], line: int, column: int) -> str | None:
    """Line `line` of the file with a caret under `column` (both from 1); tabs show as →
    and other control characters escaped, so the caret stays under the right character."""
    if not 1 <= line <= len(lines) or not lines[line - 1].strip():
        return None  # past the end, or a blank line: nothing to point at
    pieces = ["→" if ch == "\t" else ch if ch.isprintable() else ascii(ch)[1:-1]
              for ch in lines[line - 1]]
    at = sum(len(p) for p in pieces[:column - 1])
    text = "".join(pieces)
    if len(text) > WIDTH:  # a window around the caret, with … where it is cut
        start = max(0, min(at - WIDTH // 2, len(text) - WIDTH))
        text = ("…" if start else "") + text[start:start + WIDTH] + \
            ("…" if start + WIDTH < len(text) else "")
        at = at - start + (1 if start else 0)
    gutter = str(line)
    return f"  {gutter} | {text}".rstrip() + f"\n  {' ' * len(gutter)} | {' ' * at}^"


def syntax_problem(display: str, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    """What a YAML parser error means for someone typing a record, with the line shown."""
    lines = source_lines(text)
    mark = exc.problem_mark or exc.context_mark
    line, column = ((mark.line + 1, mark.column + 1) if mark else (1, 1))
    message = f"invalid YAML: {(exc.problem or exc.context or 'invalid YAML').strip()}"
    hint: str | None = None
    found = _explain(lines, exc, line, column)
    if found:
        message, hint, line, column = found
    return Problem(display, line, column, "", message, hint, excerpt(lines, line, column))


def _explain(lines: list[str], exc: yaml.MarkedYAMLError, line: int,
             column: int) -> tuple[str, str | None, int, int] | None:
    """(message, hint, line, column) for a slip this parser error is known to come from."""
    problem = exc.problem or ""
    if not 1 <= line <= len(lines):
        return None
    written = lines[line - 1]
    indent = _indent(written)
    if problem.startswith("found character '\\t'"):
        if not written[:column - 1].strip(" \t"):
            return ("a tab indents this line; YAML allows only spaces for indenting",
                    "replace the tab with spaces, lined up with the lines around it; most "
                    "editors can be set to type spaces when Tab is pressed",
                    line, column)
        return "a tab is not allowed here", "replace the tab with a space", line, column
    if problem == "mapping values are not allowed here":
        before = written[:column - 1]
        if re.search(r":(\s|$)", before):
            at_end = not _without_comment(written[column:])
            return ("a colon at the end of a value is not allowed without quotes" if at_end
                    else "a colon followed by a space is not allowed inside a value without "
                    "quotes",
                    f"put the value in quotes: {_shown(_quoted_value(written))}",
                    line, column)
        above = _content_above(lines, line)
        if above and indent > _indent(lines[above - 1]):
            return (f"wrong indentation: this line is indented {_spaces(indent)}, further "
                    f"than line {above} above it, so YAML reads it as more of line "
                    f"{above}'s value", _columns_hint(lines, line, indent), line, indent + 1)
        return None
    if problem.startswith("expected <block end>, but found '<block") and column == indent + 1:
        return (f"wrong indentation: this line is indented {_spaces(indent)}, which lines "
                "it up with nothing above it", _columns_hint(lines, line, indent),
                line, column)
    if problem == "could not find expected ':'" and exc.context_mark is not None:
        line = exc.context_mark.line + 1
        if not 1 <= line <= len(lines):
            return None
        written = lines[line - 1]
        indent = _indent(written)
        glued = re.match(r"\s*(- )?[^\s:#'\"][^:\s]*(:)\S", written)
        if glued:
            return ("a colon must be followed by a space",
                    _shown(f"write {written[:glued.end(2)].strip()} "
                           f"{written[glued.end(2):].strip()}"),
                    line, glued.end(2))
        above = _content_above(lines, line)
        hint = "write a field as name: value"
        if above:
            hint = (f"if it continues the text of line {above}, indent it further than "
                    f"line {above}, or join the two lines; if it is a field, write it as "
                    "name: value")
        return "this line is not a field (name: value), nor indented as part of the " \
               "value above it", hint, line, indent + 1
    return None


def _shown(text: str) -> str:
    return shown(text, limit=200)


def _indent(written: str) -> int:
    return len(written) - len(written.lstrip(" "))


def _spaces(count: int) -> str:
    return f"{count} space{'' if count == 1 else 's'}"


def _content_above(lines: list[str], line: int) -> int | None:
    """The number of the nearest line above `line` holding more than a comment."""
    for number in range(line - 1, 0, -1):
        stripped = lines[number - 1].strip()
        if stripped and not stripped.startswith("#"):
            return number
    return None


def _columns_hint(lines: list[str], line: int, indent: int) -> str:
    """Where the line could start: the indentation of the nearest lines above at the
    depths around it (a field of the same group, or of the group that holds it)."""
    depths: list[tuple[int, int]] = []  # (indentation, line number), deepest first
    number = _content_above(lines, line)
    while number:
        depth = _indent(lines[number - 1])
        if not depths or depth < depths[-1][0]:
            depths.append((depth, number))
        number = _content_above(lines, number)
    deeper = [d for d in depths if d[0] > indent][-1:]
    shallower = [d for d in depths if d[0] < indent][:1]
    choices = [_like(*d) for d in deeper + shallower]
    if not choices:
        return "indent it with spaces only, lined up with the lines around it"
    return f"start it {' or '.join(choices)}; the lines of one group start in the same " \
        "column"


def _like(depth: int, number: int) -> str:
    return f"{_spaces(depth)} in (like line {number})" if depth \
        else f"at the beginning of the line (like line {number})"


def _quoted_value(written: str) -> str:
    """`written` (name: value) with its value in quotes, as it should be typed; a long one
    with … for the value."""
    name, _, value = written.strip().partition(": ")
    typed = f"{name}: {quoted(_without_comment(value))}"
    return typed if len(typed) <= 100 else f'{name}: "…"'


def _without_comment(value: str) -> str:
    return re.split(r"\s#", value, maxsplit=1)[0].strip()


def quoted(text: str) -> str:
    """`text` in quotes as YAML reads it back unchanged: double quotes unless it holds a
    double quote or a backslash (both special inside them), else single quotes."""
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"


def comment_value(lines: list[str], line: int, column: int) -> tuple[int, str | None] | None:
    """For an empty value followed by a comment on its line, such as `primary: #0e6b5a`:
    the column of the #, and the line as it should be typed when the comment looks like a
    value (# then no space); None when nothing but spaces follows the empty value."""
    if not 1 <= line <= len(lines):
        return None
    written = lines[line - 1]
    rest = written[column - 1:]
    comment = rest.strip(" \t")
    if not comment.startswith("#"):
        return None
    at = column + len(rest) - len(rest.lstrip(" \t"))
    if comment[1:2].isspace() or len(comment) == 1:
        return at, None
    return at, f"{written[:at - 1].strip()} {quoted(_without_comment(comment))}"


def field_and_value(data: Any, texts: dict[Any, str], key: tuple[Any, ...]) -> str | None:
    """`Hospitals: inpatient units` when the value at `key` is one field with a plain value
    (a list item or text written with a colon and a space), else None."""
    if not (isinstance(data, dict) and len(data) == 1):
        return None
    name, value = next(iter(data.items()))
    if isinstance(value, dict | list):
        return None
    written = texts.get((*key, name))
    return f"{name}: {written}" if written else f"{name}:"
