"""How to build: the choices a person makes on the command line, in `brochure.yaml` or in
the page, and the one place they are resolved."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from brochure.errors import UsageError, unknown
from brochure.language import DEFAULT as ENGLISH
from brochure.language import LANGUAGES
from brochure.model.layout import PAPERS, Paper

if TYPE_CHECKING:
    from brochure.project import Project

DEFAULT_LAYOUT = "handout"
"""The layout used when neither the command, the page nor brochure.yaml names one."""


@dataclass(frozen=True)
class Options:
    """How to build: paper, print-shop bleed, grey only, a state's local pay, and the
    language."""

    paper: Paper = "letter"
    bleed: bool = False
    grayscale: bool = False
    state: str | None = None
    """A two-letter state code whose pay is printed beside the national figures."""
    lang: str = ENGLISH
    """The brochure's language: "en" or "es"."""


DEFAULT = Options()
"""Letter, office printing, in colour, national figures only."""


@dataclass(frozen=True)
class Choice:
    """What a build uses, every default applied: the layout, the brand file and the options."""

    layout: str
    """The layout's id, one the project has."""
    brand: Path | None
    """The brand file to load; None for the neutral brand."""
    options: Options


BUILT_IN = Choice(DEFAULT_LAYOUT, None, DEFAULT)
"""The choice when nothing is chosen and the project sets nothing."""


def resolve(project: Project, layout: str | None = None, paper: str | None = None,
            state: str | None = None, brand: Path | None = None, bleed: bool = False,
            grayscale: bool = False, lang: str | None = None) -> Choice:
    """The choice a build uses. Each of layout, paper and brand comes from the command line
    or the page when given there, else from the project's brochure.yaml, else (paper) from
    the layout's own, else from the built-in default. Anything unknown is a UsageError
    whose hint names what was meant, in the same words wherever it was chosen. The
    language is chosen the same way as the paper (default English); for both languages at
    once, resolve each of `languages(...)`."""
    config = project.config
    layout_id = layout or config.layout or DEFAULT_LAYOUT
    if layout_id not in project.layout_ids():  # never a path such as ../x
        raise unknown("layout", layout_id, project.layout_ids())
    if paper is not None:
        chosen = paper_named(paper)
    else:
        chosen = config.paper or project.layout(layout_id).spec.paper
    if brand is None and config.brand:
        brand = project.root / config.brand
    language = languages(lang)[0] if lang is not None else (config.lang or ENGLISH)
    return Choice(layout_id, brand, Options(paper=chosen, bleed=bleed, grayscale=grayscale,
                                            state=state_code(project, state), lang=language))


def languages(text: str) -> list[str]:
    """`en`, `es` or both (`en,es`), in the order written, each once."""
    found: list[str] = []
    for name in text.split(","):
        code = name.strip().lower()
        if code not in LANGUAGES:
            raise unknown("language", name.strip(), list(LANGUAGES))
        if code not in found:
            found.append(code)
    return found


def paper_named(name: str) -> Paper:
    """`letter` or `a4`, written in any case."""
    for paper in PAPERS:
        if name.strip().lower() == paper:
            return paper
    raise unknown("paper", name, list(PAPERS))


def state_code(project: Project, state: str | None) -> str | None:
    """The state's code as the tables know it, from its code or its name in any case."""
    if state is None:
        return None
    from brochure.errors import shown

    code = state.strip().upper()
    states = project.tables.states
    if code in states:
        return code
    by_name = {name.lower(): c for c, name in states.items()}
    if state.strip().lower() in by_name:
        return by_name[state.strip().lower()]
    import difflib

    close = difflib.get_close_matches(state.strip().lower(), list(by_name), n=1, cutoff=0.7)
    hint = (f"did you mean {by_name[close[0]]} ({states[by_name[close[0]]]})?" if close
            else "use a two-letter code such as TX: " + " ".join(sorted(states)))
    raise UsageError(f"no state '{shown(state)}' in the BLS tables", hint)
