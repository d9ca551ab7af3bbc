"""Icons: the map from quick facts and fields of work to icon names
(`layouts/common/icons.yaml`), and the icons' SVG files from the installed icon set."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, Field

from brochure.errors import DataError
from brochure.model.fields import STRICT
from brochure.model.source import read_yaml
from brochure.model.validate import parse

FILE = "icons.yaml"
FACTS = ("pay", "education", "time", "jobs", "outlook", "event")
GROUPS = ("11", "13", "15", "17", "19", "21", "23", "25", "27", "29", "31", "33", "35", "37",
          "39", "41", "43", "45", "47", "49", "51", "53")
"""The 22 major groups of the SOC (55, military, has no careers here)."""
IconName = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)]


class Icons(BaseModel):
    """Which icon stands for each quick fact and for each field of work."""

    model_config = STRICT
    facts: dict[IconName, IconName] = Field(default_factory=dict)
    """A quick fact (pay, education, time, jobs, outlook) → an icon's name."""
    fields: dict[Annotated[str, Field(pattern=r"^\d\d$")], IconName] = Field(
        default_factory=dict)
    """A SOC major group (its first two digits, quoted: "29") → an icon's name."""

    def names(self, soc: str) -> dict[str, str]:
        """The icons a template can name: each fact's, and `field` for the career's group."""
        return {**self.facts, "field": self.fields.get(soc[:2], "briefcase")}


def _folder() -> Path:
    return Path(str(resources.files("fontawesomefree"))) / "static" / "fontawesomefree" / \
        "svgs" / "solid"


def exists(name: str) -> bool:
    return bool(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name)) and (
        _folder() / f"{name}.svg").is_file()


@cache
def svg(name: str) -> bytes:
    """The SVG of the solid icon `name` (check `exists` first)."""
    return (_folder() / f"{name}.svg").read_bytes()


def load_icons(dirs: tuple[Path, ...]) -> Icons:
    """The icon maps found in `dirs` (first found first), each over the ones after it: a
    project's map names only the icons it changes. Every name is checked against the set."""
    facts: dict[str, str] = {}
    fields: dict[str, str] = {}
    for folder in reversed(dirs):
        path = folder / FILE
        if not path.is_file():
            continue
        doc = read_yaml(path, str(path))
        icons = parse(Icons, doc)
        problems = [doc.problem((part, key), f"no icon named {name!r} in Font Awesome "
                                             "Free's solid icons")
                    for part, table in (("facts", icons.facts), ("fields", icons.fields))
                    for key, name in table.items() if not exists(name)]
        if problems:
            raise DataError(problems)
        facts.update(icons.facts)
        fields.update(icons.fields)
    return Icons(facts=facts, fields=fields)
