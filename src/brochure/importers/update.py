"""Refresh the project's tables from what an importer read, and say what changed."""

from __future__ import annotations

from collections.abc import Callable

from brochure.errors import UsageError
from brochure.figures import bls_files
from brochure.figures.bls_files import Contents
from brochure.figures.tables import Tables
from brochure.importers.report import changes, project_careers, vintages
from brochure.project import Project, standard_folder


def update_bls(project: Project, table: str, read: list[str],
               change: Callable[[Contents], Contents], dry_run: bool,
               older: Callable[[Contents], list[str]] = lambda _: [],
               force: bool = False) -> list[str]:
    """Apply `change` to one of the project's BLS tables ("OEWS" or "Employment
    Projections"), starting from the standard tables when the project has none yet;
    report the difference for its careers, and write unless `dry_run`. Figures `older`
    than those the project has are refused unless `force`: going back a year is rarely
    meant, and every brochure would print the older figures."""
    target = project.root / "data" / "bls"
    old = Tables(target if target.is_dir() else standard_folder() / "data" / "bls")
    stale = older(old.contents)
    if stale and not (dry_run or force):
        raise UsageError("; ".join(stale) + "; nothing written",
                         "add --force to import the older figures all the same, or "
                         "--dry-run to see what would change")
    new = Tables(change(old.contents))
    lines = [f"read {line}" for line in read]
    then = "a real import needs --force" if dry_run else "imported as asked (--force)"
    lines += [f"warning: {line}; {then}" for line in stale]
    lines.append(f"tables {'would' if dry_run else 'now'} hold: {vintages(new)}")
    if len(new.oews_years) > 1:
        lines.append("warning: national and state rows describe different years; import "
                     "the matching national or state file so brochures do not mix them")
    lines += changes(project_careers(project.careers_dir), old, new)
    if dry_run:
        lines.append("dry run: nothing written")
    else:
        # A project without tables of its own gets all of them, the others unchanged.
        complete = all(any(target.glob(p)) for p in bls_files.PATTERNS.values())
        written = bls_files.write(target, new.contents,
                                  {table} if complete else {"OEWS", "Employment Projections"})
        lines += [f"wrote {project.display(p)}" for p in written] or [
            "the tables already hold these figures: nothing written"]
    return lines
