"""A project folder: its careers, layouts and tables, with the standard ones as fallback."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from brochure.errors import BrochureError, DataError, Problem, UsageError, shown, unknown
from brochure.figures.tables import Tables
from brochure.language import DEFAULT as ENGLISH
from brochure.model.brand import DEFAULT, Brand, load_brand
from brochure.model.career import Career
from brochure.model.config import Config, load_config
from brochure.model.fields import ID_PATTERN
from brochure.model.layout import Layout, Theme, load_layout, load_theme
from brochure.model.source import Document, read_yaml
from brochure.model.validate import parse, unprintable

COMMON = "common"
SUFFIXES = (".yaml", ".yml")
"""A career record's file name endings; both are read alike."""


def standard_folder() -> Path:
    """The standard layouts, tables and careers: inside the installed package, or the
    repository itself when running from a checkout."""
    packaged = Path(__file__).parent / "standard"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2]


@dataclass
class Project:
    """The folder a command works on (like `mkdocs build`, the current one by default)."""

    root: Path
    _layouts: dict[str, Layout] = field(default_factory=dict)
    _careers: dict[str, Career | DataError] = field(default_factory=dict)
    _translated: dict[tuple[str, str], Career | BrochureError] = field(default_factory=dict)

    @property
    def careers_dir(self) -> Path:
        return self.root / "data" / "careers"

    def display(self, path: Path) -> str:
        """A path as the user should see it: relative to the project when inside it, with
        any control character in a file name escaped."""
        try:
            return shown(str(path.relative_to(self.root)), limit=500)
        except ValueError:
            return shown(str(path), limit=500)

    def career_ids(self) -> list[str]:
        return sorted(career_files(self.careers_dir))

    def career_path(self, career_id: str) -> Path:
        """The record's file: `<id>.yaml`, or `<id>.yml` when only that exists (also where
        a new record would go)."""
        found = career_files(self.careers_dir).get(career_id)
        return found[0] if found else self.careers_dir / f"{career_id}{SUFFIXES[0]}"

    def careers_looked_in(self) -> str:
        """Where career records are looked for, for messages about finding none."""
        where = self.display(self.careers_dir) if self.root == Path.cwd().resolve() \
            else shown(str(self.careers_dir), limit=500)
        return f"{where}/ (looked for {' and '.join('*' + s for s in SUFFIXES)})"

    def no_careers(self) -> UsageError:
        """The error for a project without a single career record, saying where it looked."""
        return UsageError(f"no career records in {self.careers_looked_in()}",
                          "run it in your project folder, or name the folder with -C DIR; "
                          "to start a project, run 'brochure init DIR'")

    def translation_path(self, career_id: str, lang: str) -> Path:
        """Where a career's text in `lang` is written: `data/careers/<lang>/<id>.yaml`."""
        return self.careers_dir / lang / f"{career_id}{SUFFIXES[0]}"

    def load_career(self, career_id: str, lang: str = ENGLISH) -> Career:
        """Read, validate and glyph-check one career record (once per run); report what is
        unwritten. In another language than English, the record with its text from
        `data/careers/<lang>/<id>.yaml`; any text missing there is a NoTranslation naming
        the fields."""
        if lang != ENGLISH:
            english = self.load_career(career_id)
            if (career_id, lang) not in self._translated:
                try:
                    self._translated[career_id, lang] = self._load_translation(english, lang)
                except BrochureError as exc:
                    self._translated[career_id, lang] = _unraised(exc)
            found = self._translated[career_id, lang]
            if isinstance(found, BrochureError):
                raise _unraised(found)
            return found
        if career_id not in self._careers:
            try:
                self._careers[career_id] = self._load_career(career_id)
            except DataError as exc:
                self._careers[career_id] = _unraised(exc)
        loaded = self._careers[career_id]
        if isinstance(loaded, DataError):
            raise _unraised(loaded)
        return loaded

    def _load_career(self, career_id: str) -> Career:
        from brochure.model.placeholders import placeholders

        files = career_files(self.careers_dir)
        if career_id not in files:
            raise unknown("career", career_id, sorted(files))
        path, *others = files[career_id]
        display = self.display(path)
        if others:
            raise DataError([Problem(self.display(others[0]), 1, 1, "",
                                     f"the career '{career_id}' is also in {path.name}",
                                     "keep one of the two files")])
        doc = read_yaml(path, display)
        unwritten = placeholders(doc)
        try:
            career = parse(Career, doc)
        except DataError as exc:
            raise DataError(unwritten + exc.problems) from None
        problems: list[Problem] = unwritten
        if career.id != path.stem:
            # The id names the PDF, so a file name that is not a valid id cannot be used.
            hint = (f"make them the same: id: {path.stem}" if re.fullmatch(ID_PATTERN, path.stem)
                    else f"rename the file to {career.id}{path.suffix}")
            problems.append(doc.problem(("id",), f"is {career.id!r} but the file is named "
                                                 f"{shown(path.name)}", hint))
        if self.tables.title(career.soc) is None:
            problems.append(doc.problem(("soc",), f"SOC code {career.soc} is not in the BLS "
                                                  "tables", self.tables.soc_hint(career.soc)))
        problems += unprintable(doc)
        if problems:
            raise DataError(problems)
        return career

    def _load_translation(self, english: Career, lang: str) -> Career:
        from brochure.model.translation import translated

        path = self.translation_path(english.id, lang)
        display = self.display(path)
        if not (path.exists() or path.is_symlink()):
            return translated(english, None, lang, display)
        doc = read_yaml(path, display)
        career = translated(english, doc, lang, display)
        problems = unprintable(doc)
        if problems:
            raise DataError(problems)
        return career

    def career_document(self, career_id: str, lang: str = ENGLISH) -> Document:
        """A career's file as written, with the line of every field (read again only when a
        message must point into it); in another language, its text's file."""
        path = self.careers_dir / f"{career_id}.yaml" if lang == ENGLISH \
            else self.translation_path(career_id, lang)
        return read_yaml(path, self.display(path))

    def layout_ids(self) -> list[str]:
        found: set[str] = set()
        for base in self._bases:
            if base.is_dir():
                found.update(p.parent.name for p in base.glob("*/layout.yaml"))
        return sorted(found)

    def layout(self, layout_id: str) -> Layout:
        if layout_id not in self._layouts:
            if layout_id not in self.layout_ids():  # never a path such as ../x
                raise unknown("layout", layout_id, self.layout_ids())
            folder = self._layout_folder(layout_id)
            self._layouts[layout_id] = load_layout(
                layout_id, folder, self._template_chain(layout_id),
                self.display(folder / "layout.yaml"), self.theme)
        return self._layouts[layout_id]

    def _template_chain(self, layout_id: str) -> tuple[Path, ...]:
        """Where a layout's templates are looked up, the first that has one winning: the
        project's layout folder, the standard one, the project's `common`, the standard
        `common`. So a project can replace one template and keep all the others."""
        folders = [base / name for name in (layout_id, COMMON) for base in self._bases]
        return tuple(_distinct(folder for folder in folders if folder.is_dir()))

    @cached_property
    def theme(self) -> Theme:
        """The standard theme, with the colours and styles of the project's
        `layouts/common/theme.yaml` (when it has one) over it."""
        standard, *own = _distinct(base / COMMON / "theme.yaml" for base in self._bases[::-1])
        theme = load_theme(standard, self.display(standard))
        for path in own:
            if path.exists() or path.is_symlink():
                theme = load_theme(path, self.display(path), under=theme)
        return theme

    @property
    def _bases(self) -> tuple[Path, Path]:
        """The folders that hold layouts: the project's, then the standard ones."""
        return (self.root / "layouts", standard_folder() / "layouts")

    @cached_property
    def config(self) -> Config:
        return load_config(self.root)

    def brand(self, path: Path | None) -> Brand:
        """The brand file at `path` (see options.resolve for which), or the neutral one."""
        if path is None:
            return DEFAULT
        if not (path.exists() or path.is_symlink()):
            raise UsageError(f"no brand file at {path}")
        return load_brand(path, self.display(path.resolve()))

    def _layout_folder(self, layout_id: str) -> Path:
        """The folder whose `layout.yaml` a layout is: the project's, else the standard one."""
        for base in self._bases:
            folder = base / layout_id
            if (folder / "layout.yaml").is_file():
                return folder
        raise unknown("layout", layout_id, self.layout_ids())

    @cached_property
    def tables(self) -> Tables:
        own = self.root / "data" / "bls"
        return Tables(own if own.is_dir() else standard_folder() / "data" / "bls")


def career_files(folder: Path) -> dict[str, list[Path]]:
    """Each career id with its record files, `<id>.yaml` before `<id>.yml` (two files for
    one id are an error the record's loading reports)."""
    found: dict[str, list[Path]] = {}
    if folder.is_dir():
        for suffix in SUFFIXES:
            for path in sorted(folder.glob(f"*{suffix}")):
                found.setdefault(path.stem, []).append(path)
    return found


def _distinct(paths: Iterable[Path]) -> list[Path]:
    """`paths` in order, each folder once (the project may be the standard folder itself)."""
    seen: dict[Path, Path] = {}
    for path in paths:
        seen.setdefault(path.resolve(), path)
    return list(seen.values())


E = TypeVar("E", bound=BrochureError)


def _unraised(error: E) -> E:
    """A copy of `error` without a traceback. A kept error that had been raised would hold,
    through its traceback's frames, the project that keeps it (with its tables, perhaps
    every row of them): a cycle only a full garbage collection frees, so memory grew with
    every broken record."""
    copy = type(error).__new__(type(error))
    copy.__dict__.update(error.__dict__)
    copy.args = error.args
    return copy

