"""The whole pipeline for a set of brochures: load → figures → compose → render → write."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from brochure.compose import compose
from brochure.errors import BrochureError, DataError, UsageError
from brochure.project import Project
from brochure.render import render
from brochure.write import remove_leftovers, write_atomic


@dataclass(frozen=True)
class Outcome:
    """What happened to one brochure."""

    career_id: str
    status: Literal["built", "checked", "failed", "invalid"]
    message: str = ""
    path: Path | None = None
    pages: int = 0


def make_pdf(project: Project, career_id: str, layout_id: str) -> tuple[bytes, int]:
    """One brochure as PDF bytes, and its page count."""
    career = project.load_career(career_id)
    layout = project.layout(layout_id)
    figures = project.tables.figures(career)
    plan = compose(career, figures, layout)
    return render(plan), len(plan.pages)


def output_name(career_id: str, layout_id: str) -> str:
    """The PDF's file name. Both ids are validated long before this; refuse anything that is
    not a plain name all the same, so that no id can ever reach outside the output folder."""
    name = f"{career_id}-{layout_id}.pdf"
    if (name.startswith(".") or any(sep in name for sep in ("/", "\\", ".."))
            or not name.isprintable()):
        raise UsageError(f"cannot make a file name from {career_id!r} and {layout_id!r}")
    return name


def build(project: Project, career_ids: list[str], layout_id: str,
          out_dir: Path | None) -> list[Outcome]:
    """Build each career; one failure never stops the others. `out_dir=None` only checks."""
    project.layout(layout_id)  # a broken layout stops everything, before any work
    if out_dir is not None:
        remove_leftovers(out_dir)
    outcomes = []
    for career_id in career_ids:
        try:
            pdf, pages = make_pdf(project, career_id, layout_id)
        except DataError as exc:
            outcomes.append(Outcome(career_id, "invalid", str(exc)))
            continue
        except BrochureError as exc:
            outcomes.append(Outcome(career_id, "failed", str(exc)))
            continue
        if out_dir is None:
            outcomes.append(Outcome(career_id, "checked", pages=pages))
            continue
        target = out_dir / output_name(career_id, layout_id)
        try:
            write_atomic(target, pdf)
        except OSError as exc:
            outcomes.append(Outcome(career_id, "failed",
                                    f"{career_id}: cannot write {target}: {exc.strerror}"))
            continue
        outcomes.append(Outcome(career_id, "built", path=target, pages=pages))
    return outcomes
