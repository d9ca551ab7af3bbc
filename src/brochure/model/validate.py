"""Check a YAML document against a schema and say what is wrong in the user's words."""

from __future__ import annotations

import datetime
import difflib
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from brochure.errors import DataError, Problem, shown
from brochure.model.fields import COLOUR_PATTERN, EMAIL_PATTERN, ID_PATTERN, SOC_PATTERN
from brochure.model.slips import comment_value, excerpt, field_and_value, quoted
from brochure.model.source import Document, Key, dotted

M = TypeVar("M", bound=BaseModel)

PATTERNS = {
    "id": (ID_PATTERN, "must be lower-case letters, digits and single hyphens, like "
                       "'medical-records-technician'"),
    "soc": (SOC_PATTERN, "must be a SOC code like 29-2072"),
    "colour": (COLOUR_PATTERN, "must be a colour written as #RRGGBB, like #1d4e89"),
    "email": (EMAIL_PATTERN, "must be an email address such as careers@school.edu"),
}
"""What each named form of text asks for, by name: its pattern and the words for it."""
KINDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "list_type": "a list (lines starting with '- ')",
    "model_type": "a group of fields (key: value lines)",
    "model_attributes_type": "a group of fields (key: value lines)",
    "dict_type": "a group of fields (key: value lines)",
}


def parse(model: type[M], doc: Document) -> M:
    """Validate `doc` as `model`, or raise a DataError listing every problem at once."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        errors = [(_key(err["loc"], doc.data), err) for err in exc.errors(include_url=False)]
    # A misspelt key is also a missing field: say so once, at the key, with the field meant.
    missing = [key for key, err in errors if err["type"] == "missing"]
    meant: set[Key] = set()
    problems = []
    for key, err in errors:
        if err["type"] == "extra_forbidden":
            close = difflib.get_close_matches(
                str(key[-1]), [str(m[-1]) for m in missing if m[:-1] == key[:-1]], n=1)
            if close:
                meant.add((*key[:-1], close[0]))
                problems.append(doc.problem(key, "unknown field", f"did you mean '{close[0]}'?",
                                            at_key=True))
                continue
        problems.append(_problem(model, doc, err))
    problems = [p for p, (key, err) in zip(problems, errors, strict=True)
                if not (err["type"] == "missing" and key in meant)]
    raise DataError(sorted(set(problems), key=lambda p: (p.line, p.column, p.field)))


def _problem(model: type[BaseModel], doc: Document, err: ErrorDetails) -> Problem:
    key = _key(err["loc"], doc.data)
    kind, ctx, value = err["type"], err.get("ctx", {}), err.get("input")
    if kind == "missing":
        return doc.problem(key, "this field is required")
    if kind == "extra_forbidden":
        known = _field_names(model, key[:-1])
        close = difflib.get_close_matches(str(key[-1]), known, n=1)
        return doc.problem(key, "unknown field", f"did you mean '{close[0]}'?" if close
                           else f"known fields: {', '.join(known)}", at_key=True)
    if kind in KINDS:
        raw = doc.texts.get(key)
        if raw == "" and value is None:
            return _no_value(doc, key)
        got = f"'{shown(raw)}'" if raw is not None else _describe(value)
        hint: str | None = None
        written = field_and_value(value, doc.texts, key) if kind == "string_type" else None
        if written:  # `- Hospitals: inpatient units`: the colon made a field of the text
            line, column = doc.where(key)
            return Problem(doc.path, line, column, dotted(key),
                           f"expected text, got '{shown(written)}'",
                           "YAML reads a colon and a space as a field name and its value; "
                           f"put it in quotes: {quoted(shown(written, limit=200))}",
                           excerpt(doc.lines, line, column))
        if kind == "string_type" and raw is not None:
            hint = f"YAML reads {shown(raw)} as {_describe(value)}; put it in quotes: " \
                   f"\"{shown(raw)}\""
        return doc.problem(key, f"expected {KINDS[kind]}, got {got}", hint)
    if kind == "finite_number":
        return doc.problem(key, f"must be a finite number, got '{shown(doc.texts.get(key, ''))}'")
    if kind == "string_too_long":
        return doc.problem(key, f"too long: {len(value):,} characters; "
                                f"at most {ctx['max_length']} fit here",
                           "shorten it; the page has room for a sentence or two")
    if kind == "string_too_short":
        if ctx["min_length"] <= 1:
            return doc.problem(key, "must not be empty")
        return doc.problem(key, f"too short: {len(value)} characters; at least "
                                f"{ctx['min_length']} are needed")
    if kind == "too_short":
        return doc.problem(key, f"needs at least {ctx['min_length']} "
                                f"item{'s' if ctx['min_length'] != 1 else ''}, "
                                f"got {ctx['actual_length']}")
    if kind == "too_long":
        return doc.problem(key, f"has {ctx['actual_length']:,} items; at most "
                                f"{ctx['max_length']} fit on the page")
    if kind == "string_pattern_mismatch":
        return doc.problem(key, f"{_asked_for(ctx['pattern'])}, got '{shown(str(value))}'")
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bound = next(iter(ctx.values()))
        if isinstance(bound, float) and bound.is_integer():
            bound = int(bound)
        words = {"greater_than": "more than", "greater_than_equal": "at least",
                 "less_than": "less than", "less_than_equal": "at most"}[kind]
        shown_bound = f"{bound:,}" if abs(bound) >= 10_000 else f"{bound}"  # not years
        return doc.problem(key, f"must be {words} {shown_bound}, got {shown(repr(value))}")
    if kind == "value_error":
        return doc.problem(key, str(ctx.get("error", err["msg"])))
    if kind == "literal_error":
        return doc.problem(key, f"must be one of {ctx['expected']}, got '{shown(str(value))}'")
    return doc.problem(key, err["msg"])


def _no_value(doc: Document, key: Key) -> Problem:
    line, column = doc.where(key)
    comment = comment_value(doc.lines, line, column)
    if comment is None:
        return doc.problem(key, "has no value", "write the value after the colon, or remove "
                                                "the line if the field is optional")
    at, typed = comment
    # `primary: #0e6b5a`: YAML reads everything from a # after a space as a comment.
    return Problem(doc.path, line, at, dotted(key), "has no value, because # starts a "
                   "comment in YAML and everything after it is left out",
                   f"put the value in quotes: {shown(typed, limit=200)}" if typed else
                   "write the value before the #, or put a value starting with # in quotes",
                   excerpt(doc.lines, line, at))


def _asked_for(pattern: str) -> str:
    """The words for what a pattern asks for (pydantic names a mismatch by the pattern)."""
    for regex, words in PATTERNS.values():
        if regex == pattern:
            return words
    return "is not in the expected form"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, datetime.date):
        return "a date"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return f"a {type(value).__name__}"


def _key(loc: tuple[str | int, ...], data: Any) -> Key:
    """The place in the document an error's location names: follow the data, and skip the
    names pydantic gives union members (such as 'list[str]') on the way."""
    key: list[str | int] = []
    node = data
    for part in loc:
        inside = (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node))
        if inside:
            node = node[part]
        elif _is_union_tag(part):
            continue
        else:
            node = None
        key.append(part)
    return tuple(key)


def _is_union_tag(part: str | int) -> bool:
    # pydantic names the tried member of `X | None` in the location, e.g. 'list[str]'.
    return isinstance(part, str) and ("[" in part or part in ("str", "int", "float", "bool"))


def _field_names(model: type[BaseModel], key: Key) -> list[str]:
    """The field names allowed at `key`, for did-you-mean hints."""
    current: type[BaseModel] | None = model
    for part in key:
        if current is None:
            return []
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        current = _model_in(info.annotation) if info else None
    return list(current.model_fields) if current else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found:
                return found
    return None


def unprintable(doc: Document) -> list[Problem]:
    """A problem for every value holding a character the typeface cannot draw (it would
    print as an empty box)."""
    from brochure.model.fields import printed_form
    from brochure.model.glyphs import missing_characters

    problems = []
    for key, text in doc.texts.items():
        missing = missing_characters(printed_form(text))
        if missing:
            chars = ", ".join(f"{ch!r} (U+{ord(ch):04X})" for ch in missing)
            problems.append(doc.problem(key, f"the typeface cannot print {chars}",
                                        "replace or remove the character"))
    return problems
