"""A career's text in another language: `data/careers/<lang>/<id>.yaml` beside the English
record, in the same shape but holding only text. Everything else (id, SOC code, links,
years, credentials' names and issuers) comes from the English record; the text keeps the
same limits, and lists of structured items (skills, paths, certifications,
specialisations, sources) the same number and order as the English ones."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from brochure.errors import BrochureError, DataError, Problem
from brochure.model.career import Career
from brochure.model.fields import STRICT, Line, Name
from brochure.model.source import Document, Key, dotted
from brochure.model.validate import parse


class SkillText(BaseModel):
    model_config = STRICT
    name: Name | None = None
    why: Line | None = None


class RoleText(BaseModel):
    model_config = STRICT
    duties: list[Line] | None = Field(None, min_length=3, max_length=10)
    workplaces: list[Name] | None = Field(None, min_length=1, max_length=10)
    schedule: Line | None = None
    skills: list[SkillText] | None = None
    tools: list[Name] | None = Field(None, max_length=10)


class PathText(BaseModel):
    model_config = STRICT
    name: Name | None = None
    length: Name | None = None
    credential: Name | None = None


class CertificationText(BaseModel):
    model_config = STRICT
    what: Name | None = None
    """What the credential is, in this language (its name stays as issued)."""
    note: Line | None = None


class EducationText(BaseModel):
    model_config = STRICT
    typical_entry: Line | None = None
    time_to_enter: Name | None = None
    paths: list[PathText] | None = None
    courses: list[Name] | None = Field(None, max_length=10)
    certifications: list[CertificationText] | None = None
    accreditation: Line | None = None


class SpecialisationText(BaseModel):
    model_config = STRICT
    name: Name | None = None
    what: Line | None = None


class LinkText(BaseModel):
    model_config = STRICT
    label: Name | None = None


class SourceText(BaseModel):
    model_config = STRICT
    name: Line | None = None
    note: Line | None = None


class CareerText(BaseModel):
    """The text of a career record in another language; every field is checked against the
    English record, which says which ones must be there."""

    model_config = STRICT
    title: Name | None = None
    other_titles: list[Name] | None = Field(None, max_length=6)
    summary: Line | None = None
    role: RoleText | None = None
    education: EducationText | None = None
    advancement: list[Line] | None = Field(None, max_length=6)
    specialisations: list[SpecialisationText] | None = None
    first_steps: list[Line] | None = Field(None, min_length=2, max_length=6)
    more_info: LinkText | None = None
    sources: list[SourceText] | None = None


STRUCTURED = {"skills", "paths", "certifications", "specialisations", "sources"}
"""Lists whose items pair with the English ones, one for one."""


class NoTranslation(BrochureError):
    """A career asked for in a language its record has no text (or not all its text) in:
    never a page half in one language and half in another."""

    exit_code = 1

    def __init__(self, career: str, language: str, missing: tuple[str, ...], path: str,
                 file_missing: bool) -> None:
        self.career, self.language, self.missing, self.path = career, language, missing, path
        what = "no Spanish text" if language == "es" else f"no text in '{language}'"
        if file_missing:
            message = f"{career}: {what}: {path} does not exist"
            hint = (f"write {path} with the record's text in {_NAMES.get(language, language)} "
                    f"({', '.join(missing)}); see data/careers/README.md")
        else:
            message = f"{career}: {what} for {', '.join(missing)}"
            hint = f"add {'it' if len(missing) == 1 else 'them'} to {path}"
        super().__init__(message, hint)
        self.args = (career, language, missing, path, file_missing)


_NAMES = {"es": "Spanish"}


def translated(english: Career, doc: Document | None, language: str, path: str) -> Career:
    """`english` with its text replaced by the translation in `doc` (None: no file). Raises
    DataError for a translation that breaks the rules where it is written (limits, counts,
    unknown fields), NoTranslation for text that is not there."""
    wanted = english.model_dump(exclude_none=True)
    if doc is None:
        top = [k for k in CareerText.model_fields if _has(wanted.get(k))]
        raise NoTranslation(english.id, language, tuple(top), path, file_missing=True)
    text = parse(CareerText, doc).model_dump(exclude_none=True)
    problems: list[Problem] = []
    missing: list[str] = []
    merged = _merge(wanted, text, (), doc, problems, missing)
    if problems:
        raise DataError(problems)
    if missing:
        raise NoTranslation(english.id, language, tuple(missing), path, file_missing=False)
    return Career.model_validate(merged)


def _has(value: Any) -> bool:
    return value not in (None, [], "", {})


def _merge(english: Any, text: Any, key: Key, doc: Document, problems: list[Problem],
           missing: list[str]) -> Any:
    """The English value with every text in it taken from `text`: a field of the text's
    models replaces the English one; what English has and the text lacks is missing."""
    if isinstance(english, dict):
        out = dict(english)
        text = text if isinstance(text, dict) else {}
        for name, value in english.items():
            if not _is_text(key, name):
                continue
            if name in text:
                out[name] = _merge(value, text[name], (*key, name), doc, problems, missing)
            elif _has(value):
                missing.append(dotted((*key, name)))
        for name in text:
            if name not in english or not _has(english[name]):
                if name == "what" and key[-2:-1] == ("certifications",):
                    out[name] = text[name]  # the credential's name, explained
                else:
                    problems.append(doc.problem((*key, name), "the English record has none",
                                                "leave it out, or add it to the English "
                                                "record first", at_key=True))
        if key[-2:-1] == ("certifications",) and "what" not in text:
            missing.append(dotted((*key, "what")))
        return out
    if isinstance(english, list) and key and key[-1] in STRUCTURED:
        if len(text) != len(english):
            problems.append(doc.problem(key, f"has {len(text)} item"
                                        f"{'' if len(text) == 1 else 's'}; the English record "
                                        f"has {len(english)}",
                                        "write one for each English item, in the same order",
                                        at_key=True))
            return english
        return [_merge(e, t, (*key, i), doc, problems, missing)
                for i, (e, t) in enumerate(zip(english, text, strict=True))]
    return text


def _is_text(key: Key, name: str) -> bool:
    """Whether the field `name` under `key` is text a translation gives."""
    model: type[BaseModel] = CareerText
    for part in key:
        if isinstance(part, int):
            continue
        annotation = model.model_fields[str(part)].annotation
        model = model_of(annotation) or model
    return name in model.model_fields


def model_of(annotation: Any) -> type[BaseModel] | None:
    import typing

    for arg in typing.get_args(annotation) or (annotation,):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
        inner = model_of(arg) if typing.get_args(arg) else None
        if inner is not None:
            return inner
    return None
