"""The whole pipeline for a set of brochures: load → figures → compose → render → write,
on every core, skipping brochures whose inputs have not changed."""

from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from brochure import __version__, fonts
from brochure.brand import Brand
from brochure.compose import Options, compose, preload
from brochure.errors import BrochureError, DataError, UsageError
from brochure.project import Project
from brochure.render import render
from brochure.write import remove_leftovers, write_atomic

STATE_FILE = ".brochures.json"


@dataclass(frozen=True)
class Outcome:
    """What happened to one brochure."""

    career_id: str
    status: Literal["built", "unchanged", "checked", "failed", "invalid"]
    message: str = ""
    path: Path | None = None
    pages: int = 0
    digest: str = ""


@dataclass(frozen=True)
class Batch:
    """One set of brochures: which layout, brand and options, written where."""

    project: Project
    layout_id: str
    brand: Brand
    options: Options
    out_dir: Path | None
    """None only checks: everything is built in memory and nothing is written."""
    force: bool = False


def make_pdf(project: Project, career_id: str, layout_id: str, brand: Brand,
             options: Options) -> tuple[bytes, int]:
    """One brochure as PDF bytes, and its page count."""
    career = project.load_career(career_id)
    layout = project.layout(layout_id)
    figures = project.tables.figures(career, options.state)
    plan = compose(career, figures, layout, brand, options)
    return render(plan), len(plan.pages)


def output_name(career_id: str, layout_id: str, options: Options) -> str:
    """`<career>-<layout>.pdf`, with -tx (a state), -a4, -bleed and -grey when asked for.
    The ids are validated long before this; refuse anything that is not a plain name all
    the same, so that no id can ever reach outside the output folder."""
    parts = [career_id, layout_id]
    if options.state:
        parts.append(options.state.lower())
    if options.paper != "letter":
        parts.append(options.paper)
    if options.bleed:
        parts.append("bleed")
    if options.grayscale:
        parts.append("grey")
    name = "-".join(parts) + ".pdf"
    if (name.startswith(".") or any(sep in name for sep in ("/", "\\", ".."))
            or not name.isprintable()):
        raise UsageError(f"cannot make a file name from {career_id!r} and {layout_id!r}")
    return name


def build(batch: Batch, career_ids: list[str], jobs: int = 1,
          progress: Callable[[int, int], None] | None = None) -> list[Outcome]:
    """Build each career; one failure never stops the others. Results keep `career_ids`'
    order whatever order the workers finish in."""
    layout = batch.project.layout(batch.layout_id)  # a broken layout stops everything first
    # Read the tables, fonts and templates once here; forked workers share them.
    batch.project.tables  # noqa: B018
    fonts.register()
    preload(layout)
    state = _read_state(batch.out_dir)
    if batch.out_dir is not None:
        remove_leftovers(batch.out_dir)
    shared = _shared_digest(batch)
    tasks = [(career_id, _previous(state, career_id, batch)) for career_id in career_ids]
    outcomes: list[Outcome] = []
    for outcome in _run(batch, shared, tasks, jobs):
        outcomes.append(outcome)
        if progress:
            progress(len(outcomes), len(tasks))
    if batch.out_dir is not None:
        before = dict(state)
        for outcome in outcomes:
            if outcome.status in ("built", "unchanged") and outcome.path is not None:
                state[outcome.path.name] = outcome.digest
        if state != before:
            _write_state(batch.out_dir, state)
    return outcomes


_BATCH: tuple[Batch, str] | None = None  # what a forked worker builds


def _run(batch: Batch, shared: str, tasks: list[tuple[str, str | None]],
         jobs: int) -> Iterator[Outcome]:
    global _BATCH
    if jobs <= 1 or len(tasks) <= 1:
        for task in tasks:
            yield _one(batch, shared, *task)
        return
    # Forked workers inherit the loaded tables, fonts, layouts and templates.
    _BATCH = (batch, shared)
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), mp_context=context) as pool:
        yield from pool.map(_worker, tasks, chunksize=max(1, len(tasks) // (jobs * 4)))
    _BATCH = None


def _previous(state: dict[str, str], career_id: str, batch: Batch) -> str | None:
    """The digest the brochure was last built from, if any."""
    try:
        return state.get(output_name(career_id, batch.layout_id, batch.options))
    except UsageError:  # no valid name: the build reports why
        return None


def _worker(task: tuple[str, str | None]) -> Outcome:
    assert _BATCH is not None
    return _one(_BATCH[0], _BATCH[1], *task)


def _one(batch: Batch, shared: str, career_id: str, previous: str | None) -> Outcome:
    project, options = batch.project, batch.options
    target = None
    try:
        project.load_career(career_id)  # a record's own problems first, whatever its name
        digest = _digest(project, career_id, shared)
        if batch.out_dir is not None:
            target = batch.out_dir / output_name(career_id, batch.layout_id, options)
        if target is not None and not batch.force and previous == digest and target.is_file():
            return Outcome(career_id, "unchanged", path=target, digest=digest)
        pdf, pages = make_pdf(project, career_id, batch.layout_id, batch.brand, options)
    except DataError as exc:
        return Outcome(career_id, "invalid", str(exc))
    except BrochureError as exc:
        return Outcome(career_id, "failed", str(exc))
    if target is None:
        return Outcome(career_id, "checked", pages=pages)
    try:
        write_atomic(target, pdf)
    except OSError as exc:
        return Outcome(career_id, "failed", f"{career_id}: cannot write {target}: {exc.strerror}")
    return Outcome(career_id, "built", path=target, pages=pages, digest=digest)


def _digest(project: Project, career_id: str, shared: str) -> str:
    """A fingerprint of everything a brochure is made from (the record was read and
    validated already, so it is a regular file of a sensible size)."""
    path = project.careers_dir / f"{career_id}.yaml"
    return hashlib.blake2b(shared.encode() + path.read_bytes(), digest_size=16).hexdigest()


def _shared_digest(batch: Batch) -> str:
    """Fingerprint of the inputs every brochure in the batch shares: program, tables, layout,
    theme, brand and options."""
    from reportlab import Version as reportlab_version

    h = hashlib.blake2b(digest_size=16)
    h.update(f"{__version__} {reportlab_version} {batch.options} {batch.layout_id}".encode())
    layout = batch.project.layout(batch.layout_id)
    folders = [*layout.template_dirs, batch.project.tables.folder]
    for folder in filter(None, folders):
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                h.update(str(file.relative_to(folder)).encode())
                h.update(file.read_bytes())
    h.update(batch.brand.spec.model_dump_json().encode())
    h.update(batch.brand.logo or b"")
    return h.hexdigest()


def _read_state(out_dir: Path | None) -> dict[str, str]:
    if out_dir is None:
        return {}
    try:
        state = json.loads((out_dir / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in state.items() if isinstance(k, str) and isinstance(v, str)} \
        if isinstance(state, dict) else {}


def _write_state(out_dir: Path, state: dict[str, str]) -> None:
    data = json.dumps(dict(sorted(state.items())), indent=1).encode()
    # The state only saves work: if it cannot be written (disk full), the next run rebuilds.
    with contextlib.suppress(OSError):
        write_atomic(out_dir / STATE_FILE, data)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else \
        (os.cpu_count() or 1)
