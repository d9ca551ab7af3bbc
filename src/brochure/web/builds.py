"""Builds for the web page: one at a time in a background thread, each with an id whose
progress the page polls; the PDFs, previews, fair packs and ZIPs stay in the server's own
temporary folder and are served only by the names recorded here."""

from __future__ import annotations

import contextlib
import hashlib
import io
import queue
import re
import threading
import uuid
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from brochure.errors import BrochureError, UsageError, unknown
from brochure.format import count
from brochure.options import BUILT_IN, Choice, Options, languages, resolve
from brochure.output.build import Batch, Outcome, build, output_name
from brochure.output.pack import Entry
from brochure.output.write import write_atomic
from brochure.project import Project
from brochure.web.messages import Message, error_messages, outcome_messages

Status = Literal["queued", "running", "done", "failed", "cancelled"]
THUMB_WIDTH = 360
"""Preview pictures' width in pixels: twice what the page shows, so they stay sharp."""
LARGE_WIDTH = 1400
"""A page's picture opened large, in pixels across: 165 dpi for an upright Letter page, 127
dpi across a tri-fold: small print can be read."""
KEEP_JOBS = 50
"""Builds remembered for their progress and results; their files stay for downloads."""
SAFE_NAME = re.compile(r"[a-z0-9][a-z0-9.-]{0,200}\.(pdf|png|zip)")  # room for a brand


@dataclass(frozen=True)
class Selection:
    """What the counsellor chose: careers, and the layout, brand and print options with
    every default applied."""

    careers: tuple[str, ...] = ()
    choice: Choice = BUILT_IN
    drafts: Path | None = None
    """A folder of career records not yet saved (the editor's), read instead of the
    project's."""
    languages: tuple[str, ...] = ()
    """The brochures' languages, each career in each, in this order; none: the choice's."""

    @property
    def langs(self) -> tuple[str, ...]:
        return self.languages or (self.choice.options.lang,)

    @property
    def layout(self) -> str:
        return self.choice.layout

    @property
    def options(self) -> Options:
        return self.choice.options


def selection_from(values: dict[str, object], project: Project) -> Selection:
    """A Selection from the page's form or JSON, resolved as the command line resolves its
    options; a UsageError for anything that is not one of the choices offered."""
    raw = values.get("careers", [])
    careers = [raw] if isinstance(raw, str) else raw
    if not isinstance(careers, list) or not all(isinstance(c, str) for c in careers):
        raise UsageError("the careers must be a list of names")
    known = project.career_ids()
    for career in careers:
        if career not in known:
            raise unknown("career", career, known)
    lang = _name(values, "lang")
    choice = resolve(project, layout=_name(values, "layout"), paper=_name(values, "paper"),
                     state=_name(values, "state"), bleed=_flag(values.get("bleed")),
                     grayscale=_flag(values.get("grayscale")), lang=lang)
    langs = tuple(languages(lang)) if lang is not None else (choice.options.lang,)
    return Selection(tuple(dict.fromkeys(careers)), choice, languages=langs)


def _name(values: dict[str, object], field: str) -> str | None:
    """A choice the page sent as text; None when it sent none (the default applies)."""
    value = values.get(field)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise UsageError(f"the {field} must be a name")
    return value


def _flag(value: object) -> bool:
    return value is True or value in ("on", "true", "1", "yes")


@dataclass(frozen=True)
class Thumb:
    """A page's picture: its name and size in pixels."""

    name: str
    width: int
    height: int


@dataclass
class Preview:
    """One built brochure: its title, its PDF's name and its pages' pictures."""

    career_id: str
    title: str
    pdf: str
    pages: list[Thumb]


@dataclass
class Problem:
    """One brochure that could not be built, and why, in plain words."""

    career_id: str
    title: str
    messages: list[Message]
    fields: tuple[str, ...] = ()
    """For text that does not fit, the record's fields to shorten, most text first."""


@dataclass
class Job:
    id: str
    selection: Selection
    status: Status = "queued"
    done: int = 0
    total: int = 1
    step: str = "Waiting to start"
    previews: list[Preview] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    pack: str | None = None
    zip: str | None = None
    error: list[Message] = field(default_factory=list)
    """Why the whole build stopped (such as a broken brand file), in plain words."""
    cancel: threading.Event = field(default_factory=threading.Event)

    def progress(self) -> dict[str, object]:
        return {"id": self.id, "status": self.status, "done": self.done, "total": self.total,
                "step": self.step, "finished": self.status in ("done", "failed", "cancelled")}


class Cancelled(Exception):
    pass


class Builder:
    """Runs builds one at a time, newest first: a new choice cancels the builds before it."""

    def __init__(self, root: Path, workdir: Path) -> None:
        self.root = root
        self.pdf_dir = workdir / "pdf"
        self.thumb_dir = workdir / "previews"
        self.pack_dir = workdir / "packs"
        self.draft_dir = workdir / "drafts-pdf"
        for folder in (self.pdf_dir, self.thumb_dir, self.pack_dir, self.draft_dir):
            folder.mkdir(parents=True, exist_ok=True)
        self._jobs: dict[str, Job] = {}
        self._thumbs: dict[str, list[tuple[Path, tuple[int, int]]]] = {}
        """Pictures already made, by the PDF's hash."""
        self._large: dict[str, tuple[Path, int]] = {}
        """Each page picture's PDF (a copy, named by its hash) and page number, to draw it
        large when it is opened."""
        self._files: dict[str, tuple[Path, str]] = {}
        """Every name the server may send: its file and the name to download it as."""
        self._lock = threading.Lock()
        self._queue: queue.Queue[Job] = queue.Queue()
        self._working = False
        """Whether a thread is taking builds from the queue (it ends when the queue is empty,
        so an app that is dropped leaves no thread, and no memory, behind)."""
        self.last: Job | None = None

    def start(self, selection: Selection, *, remember: bool = True) -> Job:
        """Queue a build; `remember` makes it the one the page shows when opened again
        (not the editor's previews of unsaved records)."""
        job = Job(uuid.uuid4().hex, selection,
                  total=len(selection.careers) * len(selection.langs) + 2)
        with self._lock:
            for other in self._jobs.values():
                if other.status in ("queued", "running"):
                    other.cancel.set()
            for old in list(self._jobs)[:-KEEP_JOBS]:  # oldest first
                del self._jobs[old]
            self._jobs[job.id] = job
            if remember:
                self.last = job
            self._queue.put(job)
            if not self._working:
                self._working = True
                threading.Thread(target=self._work, name="brochure-builds", daemon=True).start()
        return job

    def job(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def file(self, name: str) -> tuple[Path, str] | None:
        """The file a download or preview name stands for; None for anything else, and
        never anything that is not a plain name (no folders, no '..')."""
        if "/" in name or "\\" in name or ".." in name or not SAFE_NAME.fullmatch(name):
            return None
        with self._lock:
            found = self._files.get(name)
        if found is None or not found[0].is_file():
            return None
        return found

    def wait(self, job: Job, timeout: float = 60) -> None:
        """Block until `job` has finished (for tests and scripts)."""
        import time

        end = time.monotonic() + timeout
        while job.status in ("queued", "running") and time.monotonic() < end:
            time.sleep(0.02)

    def _offer(self, path: Path, download_as: str) -> str:
        with self._lock:
            self._files[path.name] = (path, download_as)
        return path.name

    def _work(self) -> None:
        while True:
            with self._lock:
                if self._queue.empty():
                    self._working = False
                    return
                job = self._queue.get()
            if job.cancel.is_set():
                job.status, job.step = "cancelled", "Replaced by a newer choice"
                continue
            job.status, job.step = "running", "Starting"
            try:
                self._run(job)
            except Cancelled:
                job.status, job.step = "cancelled", "Replaced by a newer choice"
            except BrochureError as exc:
                job.error = error_messages(exc)
                job.status, job.step = "failed", "The brochures could not be built"
            except Exception as exc:  # never a traceback in the page
                job.error = [Message("", f"Something unexpected went wrong "
                                         f"({type(exc).__name__}). Please try again; if it "
                                         "happens again, report it with the careers chosen.")]
                job.status, job.step = "failed", "The brochures could not be built"
            else:
                job.status = "done"

    def _run(self, job: Job) -> None:
        sel = job.selection
        project = Project(self.root) if sel.drafts is None else Drafts(self.root, folder=sel.drafts)
        brand = project.brand(sel.choice.brand)
        wanted = len(sel.careers) * len(sel.langs)
        built: list[list[Outcome]] = []
        batch = Batch(project, sel.layout, brand, sel.options,
                      self.pdf_dir if sel.drafts is None else self.draft_dir)
        for lang in sel.langs:
            batch = replace(batch, options=replace(sel.options, lang=lang))
            before = len(built) * len(sel.careers)

            def progress(done: int, total: int, before: int = before) -> None:
                if job.cancel.is_set():
                    raise Cancelled
                job.done = before + done
                job.step = f"Built {before + done} of {count(wanted, 'brochure')}"

            job.step = f"Building {count(wanted, 'brochure')}"
            built.append(build(batch, list(sel.careers), jobs=1, progress=progress))
        job.step = "Making the previews"
        # Each career's brochures side by side, one per language: a bilingual pack
        # interleaves them.
        made = [(lang, outcomes[at]) for at in range(len(sel.careers))
                for lang, outcomes in zip(sel.langs, built, strict=True)]
        ready: list[Entry] = []
        for lang, outcome in made:
            title = _title(project, outcome.career_id, lang)
            if outcome.path is not None and outcome.status in ("built", "unchanged"):
                ready.append(Entry(outcome.path, title, lang))
                name = self._offer(outcome.path, outcome.path.name)
                pages = [Thumb(self._offer(p, p.name), *size)
                         for p, size in self._thumbnails(outcome.path)]
                job.previews.append(Preview(outcome.career_id, title, name, pages))
            else:
                fit = outcome.fit
                job.problems.append(Problem(outcome.career_id, title,
                                            outcome_messages(outcome),
                                            tuple(f.field for f in fit.fields) if fit else ()))
        job.done += 1
        if job.cancel.is_set():
            raise Cancelled
        if ready and sel.drafts is None:
            job.step = "Making the fair pack and the ZIP file"
            self._pack(job, batch, ready, list(sel.langs))
        job.done = job.total
        job.step = (f"Ready: {count(len(job.previews), 'brochure')}"
                    + (f", {len(job.problems)} with problems" if job.problems else ""))

    def _pack(self, job: Job, batch: Batch, brochures: list[Entry], langs: list[str]) -> None:
        from brochure.output.pack import bundle

        # A bilingual pack is named for its first language (no -es: English first).
        options = replace(batch.options, lang=langs[0])
        paths = [entry.path for entry in brochures]
        key = hashlib.blake2b(b"".join(p.read_bytes() for p in paths)
                              + repr((batch.brand.spec, options, langs)).encode(),
                              digest_size=12).hexdigest()
        pack = self.pack_dir / f"pack-{key}.pdf"
        if not pack.is_file():
            bundle(brochures, pack, batch.brand, options, langs)
        job.pack = self._offer(pack, output_name("fair-pack", batch.layout_id, options,
                                                          batch.brand))
        archive = self.pack_dir / f"brochures-{key}.zip"
        if not archive.is_file():
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
                for path in paths:
                    info = zipfile.ZipInfo(path.name, date_time=(2020, 1, 1, 0, 0, 0))
                    info.compress_type = zipfile.ZIP_DEFLATED
                    z.writestr(info, path.read_bytes())
            write_atomic(archive, out.getvalue())
        stem = output_name("brochures", batch.layout_id, options,
                           batch.brand).removesuffix(".pdf")
        job.zip = self._offer(archive, f"{stem}.zip")

    def _thumbnails(self, pdf: Path) -> list[tuple[Path, tuple[int, int]]]:
        """PNG pictures of every page and their sizes, made once per distinct PDF."""
        data = pdf.read_bytes()
        key = hashlib.blake2b(data, digest_size=16).hexdigest()
        with self._lock:
            done = self._thumbs.get(key)
        if done and all(path.is_file() for path, _ in done):
            return done
        import pypdfium2

        source = self.thumb_dir / f"{key}.pdf"
        write_atomic(source, data)
        document = pypdfium2.PdfDocument(data)
        made = []
        try:
            for number in range(len(document)):
                page = document[number]
                scale = THUMB_WIDTH / page.get_width()
                image = page.render(scale=scale).to_pil()
                out = io.BytesIO()
                image.save(out, format="PNG", optimize=True)
                target = self.thumb_dir / f"{key}-{number + 1}.png"
                write_atomic(target, out.getvalue())
                made.append((target, (image.width, image.height)))
                page.close()
        finally:
            document.close()
        with self._lock:
            self._thumbs[key] = made
            for number, (target, _) in enumerate(made):
                self._large[target.name] = (source, number)
        return made

    def large(self, name: str) -> Path | None:
        """The picture of the page whose thumbnail is `name`, drawn large once, when it is
        first opened; None for a name that is not a thumbnail this server made."""
        with self._lock:
            found = self._large.get(name)
        if found is None or not found[0].is_file():
            return None
        source, number = found
        target = self.thumb_dir / f"{name.removesuffix('.png')}-large.png"
        if target.is_file():
            return target
        import pypdfium2

        document = pypdfium2.PdfDocument(source.read_bytes())
        try:
            page = document[number]
            image = page.render(scale=LARGE_WIDTH / page.get_width()).to_pil()
            page.close()
        finally:
            document.close()
        out = io.BytesIO()
        image.save(out, format="PNG")
        write_atomic(target, out.getvalue())
        return target


@dataclass
class Drafts(Project):
    """The project with its career records read from another folder: the editor's records
    not yet saved, checked and built exactly as the saved ones are."""

    folder: Path = Path()

    @property
    def careers_dir(self) -> Path:
        return self.folder

    def display(self, path: Path) -> str:
        if path.parent == self.folder:  # messages name the file the record is saved as
            return f"data/careers/{path.name}"
        if path.parent.parent == self.folder:  # and its text in another language
            return f"data/careers/{path.parent.name}/{path.name}"
        return super().display(path)


def _title(project: Project, career_id: str, lang: str = "en") -> str:
    """The career's title in `lang`; for a record with mistakes, or without that language,
    the title as written if there is one."""
    with contextlib.suppress(BrochureError):
        return str(project.load_career(career_id, lang).title)
    with contextlib.suppress(BrochureError):
        return str(project.load_career(career_id).title)
    return written_title(project, career_id)


def written_title(project: Project, career_id: str) -> str:
    from brochure.model.source import read_yaml

    with contextlib.suppress(BrochureError):
        data = read_yaml(project.career_path(career_id), career_id).data
        title = data.get("title") if isinstance(data, dict) else None
        if isinstance(title, str) and title.strip() and title.isprintable():
            return " ".join(title.split())[:80]
    return career_id.replace("-", " ").capitalize()
