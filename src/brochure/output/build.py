"""The whole pipeline for a set of brochures: load → figures → compose → render → write,
on every core, skipping brochures whose inputs have not changed."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from brochure import __version__
from brochure.compose.compose import compose
from brochure.compose.templates import preload
from brochure.errors import BrochureError, DataError, FitError, UsageError
from brochure.files import read_bounded
from brochure.language import DEFAULT as ENGLISH
from brochure.language import catalog_path
from brochure.model.brand import Brand
from brochure.options import Options
from brochure.output.overflow import locate
from brochure.output.write import remove_leftovers, write_atomic
from brochure.project import Project
from brochure.render import fonts
from brochure.render.draw import draw
from brochure.render.fit import Fitted, fit

STATE_FILE = ".brochures.json"
LOCK_FILE = ".brochures.lock"
MAX_STATE_BYTES = 10_000_000
MAX_PDF_BYTES = 200_000_000
MAX_INPUT_BYTES = 200_000_000


@dataclass(frozen=True)
class Outcome:
    """What happened to one brochure."""

    career_id: str
    status: Literal["built", "unchanged", "checked", "failed", "invalid"]
    path: Path | None = None
    pages: int = 0
    digest: str = ""
    """The fingerprint of everything the brochure is made from."""
    file_digest: str = ""
    """The fingerprint of the PDF file written."""
    error: BrochureError | None = None
    """Why it failed or is invalid, for the command line and the page to word."""

    @property
    def fit(self) -> FitError | None:
        """What did not fit, when that is why it failed."""
        return self.error if isinstance(self.error, FitError) else None


@dataclass(frozen=True)
class Built:
    """What the state file remembers of one PDF: what it was made from, and the file itself."""

    inputs: str
    file: str


class OutputBusy(BrochureError):
    """Another build holds the output folder."""

    exit_code = 3

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        super().__init__(f"another build is writing {folder}/; nothing was built",
                         "wait for it to finish, or use --out to build into another folder")


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


def make_fitted(project: Project, career_id: str, layout_id: str, brand: Brand,
                options: Options) -> Fitted:
    """One brochure loaded, joined to its figures, composed and fitted: every size and line
    decided, no PDF made. A FitError names the career's file and the fields to shorten."""
    career = project.load_career(career_id, options.lang)
    layout = project.layout(layout_id)
    figures = project.tables.figures(career, options.state)
    plan = compose(career, figures, layout, brand, options)
    try:
        return fit(plan)
    except FitError as exc:
        raise locate(exc, project, layout, options.lang) from None


def make_pdf(project: Project, career_id: str, layout_id: str, brand: Brand,
             options: Options) -> tuple[bytes, int]:
    """One brochure as PDF bytes, and its page count."""
    fitted = make_fitted(project, career_id, layout_id, brand, options)
    return draw(fitted), len(fitted.pages)


def output_name(career_id: str, layout_id: str, options: Options,
                brand: Brand | None = None) -> str:
    """`<career>-<layout>.pdf`, with -tx (a state), -a4, -bleed, -grey and the language
    (-es; none for English) when asked for, and --<brand> last for a brand file. Ids never
    hold two hyphens in a row, so a branded name can never be an unbranded one, nor another
    brand's.
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
    if options.lang != ENGLISH:
        parts.append(options.lang)
    if brand is not None and brand.slug:
        parts.append(f"-{brand.slug}")
    name = "-".join(parts) + ".pdf"
    if (name.startswith(".") or any(sep in name for sep in ("/", "\\", ".."))
            or not name.isprintable()):
        raise UsageError(f"cannot make a file name from {career_id!r} and {layout_id!r}")
    return name


def build(batch: Batch, career_ids: list[str], jobs: int = 1,
          progress: Callable[[int, int], None] | None = None) -> list[Outcome]:
    """Build each career; one failure never stops the others. Results keep `career_ids`'
    order whatever order the workers finish in. Only one build at a time writes into an
    output folder; a second one stops with OutputBusy."""
    layout = batch.project.layout(batch.layout_id)  # a broken layout stops everything first
    # Read the tables, fonts and templates once here; forked workers share them.
    batch.project.tables  # noqa: B018
    fonts.register()
    preload(layout, batch.options.lang)
    with _output_lock(batch.out_dir):
        return _build(batch, career_ids, jobs, progress)


@contextlib.contextmanager
def _output_lock(out_dir: Path | None) -> Iterator[None]:
    """Hold the output folder for this build. The operating system lets go of the lock when
    the process ends in any way, kill -9 included, so a crash never leaves it held."""
    if out_dir is None:
        yield
        return
    from filelock import FileLock, Timeout

    created = not out_dir.exists()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        lock = FileLock(out_dir / LOCK_FILE, timeout=0)
        lock.acquire()
    except Timeout:
        raise OutputBusy(out_dir) from None
    except FileExistsError:
        raise UsageError(f"cannot build into {out_dir}: it is not a folder",
                         "choose a folder with --out") from None
    except OSError as exc:
        raise UsageError(f"cannot build into {out_dir}: {exc.strerror or exc}",
                         "choose a folder you can write to with --out") from None
    try:
        yield
    finally:
        lock.release()
        if created:  # a build that wrote nothing leaves no folder behind
            with contextlib.suppress(OSError):
                if [p.name for p in out_dir.iterdir()] == [LOCK_FILE]:
                    (out_dir / LOCK_FILE).unlink()
                    out_dir.rmdir()


def _build(batch: Batch, career_ids: list[str], jobs: int,
           progress: Callable[[int, int], None] | None) -> list[Outcome]:
    state = _read_state(batch.out_dir)
    if batch.out_dir is not None:
        remove_leftovers(batch.out_dir)
    # Only a build that writes remembers what each file was made from.
    shared = _shared_digest(batch) if batch.out_dir is not None else ""
    tasks = [(career_id, _previous(state, career_id, batch)) for career_id in career_ids]
    outcomes: list[Outcome] = []
    try:
        for outcome in _run(batch, shared, tasks, jobs):
            outcomes.append(outcome)
            if progress:
                progress(len(outcomes), len(tasks))
    finally:
        # Even when stopped part way (Ctrl+C, a newer choice in the page), remember what
        # was written, so the next build need not redo it. Each entry names the file's own
        # digest too: a file that is not the one described is never called unchanged.
        if batch.out_dir is not None:
            before = dict(state)
            for outcome in outcomes:
                if outcome.status in ("built", "unchanged") and outcome.path is not None:
                    state[outcome.path.name] = Built(outcome.digest, outcome.file_digest)
            if state != before:
                _write_state(batch.out_dir, state)
    return outcomes


_BATCH: tuple[Batch, str] | None = None  # what a forked worker builds


def _run(batch: Batch, shared: str, tasks: list[tuple[str, Built | None]],
         jobs: int) -> Iterator[Outcome]:
    global _BATCH
    if jobs <= 1 or len(tasks) <= 1:
        for task in tasks:
            yield _one(batch, shared, *task)
        return
    # Imported here: a one-brochure build never starts a pool, and starts sooner without.
    import gc
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Forked workers inherit the loaded tables, fonts, layouts and templates. Frozen, the
    # objects made so far are left alone by the workers' garbage collector, which would
    # otherwise write to (and so copy) every page of memory they share with this process.
    _BATCH = (batch, shared)
    gc.freeze()
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), mp_context=context) \
                as pool:
            # One brochure at a time: brochures differ in cost, and handing them out one by
            # one keeps every core busy to the end (each hand-out costs well under 1 %).
            yield from pool.map(_worker, tasks)
    finally:
        _BATCH = None
        gc.unfreeze()


def _previous(state: dict[str, Built], career_id: str, batch: Batch) -> Built | None:
    """The digest the brochure was last built from, if any."""
    try:
        return state.get(output_name(career_id, batch.layout_id, batch.options,
                                     batch.brand))
    except UsageError:  # no valid name: the build reports why
        return None


def _worker(task: tuple[str, Built | None]) -> Outcome:
    assert _BATCH is not None
    return _one(_BATCH[0], _BATCH[1], *task)


def _one(batch: Batch, shared: str, career_id: str, previous: Built | None) -> Outcome:
    project, options = batch.project, batch.options
    target = None
    try:
        project.load_career(career_id)  # a record's own problems first, whatever its name
        project.load_career(career_id, options.lang)  # then its text in the language
        digest = ""
        if batch.out_dir is not None:
            digest = _digest(project, career_id, shared, options.lang)
            name = output_name(career_id, batch.layout_id, options, batch.brand)
            target = batch.out_dir / name
        if target is not None and not batch.force and previous is not None \
                and previous.inputs == digest and _file_digest(target) == previous.file:
            return Outcome(career_id, "unchanged", path=target, digest=digest,
                           file_digest=previous.file)
        if target is None:  # only checking: stop after fit, make no PDF
            fitted = make_fitted(project, career_id, batch.layout_id, batch.brand, options)
            return Outcome(career_id, "checked", pages=len(fitted.pages))
        pdf, pages = make_pdf(project, career_id, batch.layout_id, batch.brand, options)
    except DataError as exc:
        return Outcome(career_id, "invalid", error=exc)
    except BrochureError as exc:
        return Outcome(career_id, "failed", error=exc)
    try:
        write_atomic(target, pdf)
    except OSError as exc:
        return Outcome(career_id, "failed",
                       error=BrochureError(f"cannot write {target}: {exc.strerror}"))
    return Outcome(career_id, "built", path=target, pages=pages, digest=digest,
                   file_digest=_digest_of(pdf))


def _digest(project: Project, career_id: str, shared: str, lang: str = ENGLISH) -> str:
    """A fingerprint of everything a brochure is made from (the record and its translation
    were read and validated already, so they are regular files of a sensible size)."""
    data = project.career_path(career_id).read_bytes()
    if lang != ENGLISH:
        data += project.translation_path(career_id, lang).read_bytes()
    return hashlib.blake2b(shared.encode() + data, digest_size=16).hexdigest()


def _shared_digest(batch: Batch) -> str:
    """Fingerprint of the inputs every brochure in the batch shares: program, tables, layout,
    theme, brand and options."""
    from reportlab import Version as reportlab_version

    h = hashlib.blake2b(digest_size=16)
    h.update(f"{__version__} {reportlab_version} {batch.options} {batch.layout_id}".encode())
    layout = batch.project.layout(batch.layout_id)
    # The tables by the digest of the bytes the figures were read from, taken then.
    h.update(f"tables {batch.project.tables.digest}".encode())
    for folder in layout.template_dirs:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                h.update(str(file.relative_to(folder)).encode())
                try:
                    h.update(read_bounded(file, MAX_INPUT_BYTES))
                except OSError:
                    h.update(b"unreadable")  # the build itself reports it
    if batch.options.lang != ENGLISH:  # the language's fixed words
        h.update(catalog_path(batch.options.lang).read_bytes())
    h.update(batch.brand.spec.model_dump_json().encode())
    h.update(batch.brand.logo or b"")
    return h.hexdigest()


def _digest_of(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _file_digest(path: Path) -> str | None:
    """The fingerprint of the file at `path` as it is now, or None if there is none."""
    try:
        return _digest_of(read_bounded(path, MAX_PDF_BYTES))
    except OSError:
        return None


def _read_state(out_dir: Path | None) -> dict[str, Built]:
    """The state file; anything unreadable, outsized or odd in it only means a rebuild."""
    if out_dir is None:
        return {}
    try:
        state = json.loads(read_bounded(out_dir / STATE_FILE, MAX_STATE_BYTES))
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(state, dict):
        return {}
    return {name: Built(entry["inputs"], entry["file"]) for name, entry in state.items()
            if isinstance(name, str) and isinstance(entry, dict)
            and isinstance(entry.get("inputs"), str) and isinstance(entry.get("file"), str)}


def _write_state(out_dir: Path, state: dict[str, Built]) -> None:
    data = json.dumps({name: {"inputs": built.inputs, "file": built.file}
                       for name, built in sorted(state.items())}, indent=1).encode()
    # The state only saves work: if it cannot be written (disk full), the next run rebuilds.
    with contextlib.suppress(OSError):
        write_atomic(out_dir / STATE_FILE, data)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else \
        (os.cpu_count() or 1)
