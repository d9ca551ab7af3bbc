"""A project folder: its careers, layouts and tables, with the standard ones as fallback."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from brochure.brand import DEFAULT, Brand, load_brand
from brochure.career import Career
from brochure.config import Config, load_config
from brochure.errors import DataError, Problem, UsageError
from brochure.fields import ID_PATTERN
from brochure.figures import Tables
from brochure.layout import Layout, Theme, load_layout, load_theme
from brochure.source import read_yaml, shown
from brochure.validate import parse, unprintable

DEFAULT_LAYOUT = "handout"
COMMON = "common"


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
        if not self.careers_dir.is_dir():
            return []
        return sorted(p.stem for p in self.careers_dir.glob("*.yaml"))

    def load_career(self, career_id: str) -> Career:
        """Read, validate and glyph-check one career record (once per run); report what is
        unwritten."""
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
        from brochure.placeholders import placeholders

        path = self.careers_dir / f"{career_id}.yaml"
        if career_id not in self.career_ids():
            raise UsageError(_unknown("career", career_id, self.career_ids()))
        display = self.display(path)
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
                    else f"rename the file to {career.id}.yaml")
            problems.append(doc.problem(("id",), f"is {career.id!r} but the file is named "
                                                 f"{shown(path.name)}", hint))
        if self.tables.title(career.soc) is None:
            problems.append(doc.problem(("soc",), f"SOC code {career.soc} is not in the BLS "
                                                  "tables", self.tables.soc_hint(career.soc)))
        problems += unprintable(doc)
        if problems:
            raise DataError(problems)
        return career

    def layout_ids(self) -> list[str]:
        found: set[str] = set()
        for base in (self.root / "layouts", standard_folder() / "layouts"):
            if base.is_dir():
                found.update(p.parent.name for p in base.glob("*/layout.yaml"))
        return sorted(found)

    def layout(self, layout_id: str) -> Layout:
        if layout_id not in self._layouts:
            if layout_id not in self.layout_ids():  # never a path such as ../x
                raise UsageError(_unknown("layout", layout_id, self.layout_ids()))
            folder = self._layout_folder(layout_id)
            self._layouts[layout_id] = load_layout(
                layout_id, folder, self._common, self.display(folder / "layout.yaml"),
                self.theme)
        return self._layouts[layout_id]

    @cached_property
    def _common(self) -> Path:
        return self._layout_folder(COMMON, needs_yaml=False)

    @cached_property
    def theme(self) -> Theme:
        path = self._common / "theme.yaml"
        return load_theme(path, self.display(path))

    @cached_property
    def config(self) -> Config:
        return load_config(self.root)

    def brand(self, path: Path | None) -> Brand:
        """The brand file given, else the config's, else the neutral default."""
        if path is None and self.config.brand:
            path = self.root / self.config.brand
        if path is None:
            return DEFAULT
        if not (path.exists() or path.is_symlink()):
            raise UsageError(f"no brand file at {path}")
        return load_brand(path, self.display(path.resolve()))

    def _layout_folder(self, layout_id: str, needs_yaml: bool = True) -> Path:
        for base in (self.root / "layouts", standard_folder() / "layouts"):
            folder = base / layout_id
            if (folder / "layout.yaml").is_file() or (not needs_yaml and folder.is_dir()):
                return folder
        raise UsageError(_unknown("layout", layout_id, self.layout_ids()))

    @cached_property
    def tables(self) -> Tables:
        own = self.root / "data" / "bls"
        return Tables(own if own.is_dir() else standard_folder() / "data" / "bls")


def _unraised(error: DataError) -> DataError:
    """A copy of `error` without a traceback. A kept error that had been raised would hold,
    through its traceback's frames, the project that keeps it (with its tables, about 90 MB):
    a cycle only a full garbage collection frees, so memory grew with every broken record."""
    copy = type(error).__new__(type(error))
    copy.__dict__.update(error.__dict__)
    copy.args = error.args
    return copy


def _unknown(kind: str, name: str, known: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, known, n=1)
    hint = (f"did you mean '{close[0]}'?" if close
            else f"known {kind}s: {', '.join(known) or 'none'}")
    return f"no {kind} named '{name}'\n  hint: {hint}"
