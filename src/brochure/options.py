"""How to build: the choices a person makes on the command line, in `brochure.yaml` or in
the page."""

from __future__ import annotations

from dataclasses import dataclass

from brochure.model.layout import Paper


@dataclass(frozen=True)
class Options:
    """How to build: paper, print-shop bleed, grey only, and a state's local pay."""

    paper: Paper = "letter"
    bleed: bool = False
    grayscale: bool = False
    state: str | None = None
    """A two-letter state code whose pay is printed beside the national figures."""


DEFAULT = Options()
"""Letter, office printing, in colour, national figures only."""
