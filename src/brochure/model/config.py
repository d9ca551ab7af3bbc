"""The project's settings file, `brochure.yaml`: defaults for paper, layout and brand."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, Field

from brochure.model.fields import STRICT, Id
from brochure.model.layout import PAPERS, Paper
from brochure.model.source import read_yaml
from brochure.model.validate import parse

FILE = "brochure.yaml"


def _paper_name(value: object) -> object:
    """A4 or Letter as --paper takes them, in any case; anything else is left to be
    refused as it was written."""
    if isinstance(value, str) and value.strip().lower() in PAPERS:
        return value.strip().lower()
    return value


class Config(BaseModel):
    """Project defaults; command-line options win over them."""

    model_config = STRICT
    paper: Annotated[Paper, BeforeValidator(_paper_name)] | None = None
    """letter or a4, in any case, for every layout (default: each layout's own, letter)."""
    layout: Id | None = None
    """The layout `build` uses when none is given (default: handout)."""
    brand: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    """A brand file, relative to the project folder."""
    lang: Literal["en", "es"] | None = None
    """The brochures' language, en or es, when the command or the page names none
    (default: en)."""


def load_config(root: Path) -> Config:
    path = root / FILE
    if not (path.exists() or path.is_symlink()):
        return Config()  # anything else that is there (a folder, a device) is refused
    return parse(Config, read_yaml(path, FILE))
