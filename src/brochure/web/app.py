"""The counsellors' page: choose careers, set the brand, preview and download.

A Flask app on the project folder. Builds run in the background (builds.py); every file it
sends is one the server made itself, in its own temporary folder, asked for by a plain
name it recorded."""

from __future__ import annotations

import errno
import hmac
import io
import os
import secrets
import shutil
import signal
import socket
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask, Response, abort, jsonify, redirect, render_template, request, url_for
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge, SecurityError

from brochure import format
from brochure.errors import BrochureError, UsageError
from brochure.figures.find import Record
from brochure.model.brand import MAX_LOGO_BYTES, MIN_CONTRAST
from brochure.model.layout import PAPERS
from brochure.model.palette import darker_shade
from brochure.options import resolve
from brochure.output.write import remove_leftovers
from brochure.project import Project, standard_folder
from brochure.web import brandform, editor
from brochure.web.builds import Builder, Job, Selection, selection_from, written_title
from brochure.web.messages import BRAND_LABELS, Message, error_messages

MAX_UPLOAD = MAX_LOGO_BYTES + 200_000
"""The largest request: a logo at its limit and the rest of the brand form."""
MAX_JSON = 64_000
"""The largest choice sent as JSON: hundreds of careers fit in a few kilobytes."""
LOOPBACK = ("127.0.0.1", "localhost", "::1")
TOKEN_HEADER = "X-Brochure-Token"
TOKEN_FIELD = "token"
CSP = ("default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; "
       "base-uri 'none'; object-src 'none'")


@dataclass(frozen=True)
class Entry:
    """A career as the chooser lists it."""

    id: str
    title: str
    other_titles: tuple[str, ...]
    soc: str
    ok: bool

    @property
    def search(self) -> str:
        return " ".join([self.title, *self.other_titles, self.soc, self.id]).lower()


class Catalogue:
    """The project's careers, re-read only when a file changes."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._seen: dict[str, tuple[tuple[int, int], Entry]] = {}
        self._lock = threading.Lock()

    def entries(self) -> list[Entry]:
        project = Project(self.root)
        out = []
        with self._lock:
            for career_id in project.career_ids():
                path = project.career_path(career_id)
                try:
                    info = path.stat()
                except OSError:
                    continue
                stamp = (info.st_mtime_ns, info.st_size)
                seen = self._seen.get(career_id)
                if seen is None or seen[0] != stamp:
                    seen = (stamp, _entry(project, career_id))
                    self._seen[career_id] = seen
                out.append(seen[1])
        return sorted(out, key=lambda e: e.title.lower())


class States:
    """The states in the BLS tables, for the page's list; read again only when a table
    file changes (reading the tables takes a noticeable moment)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._seen: tuple[object, list[tuple[str, str]]] | None = None
        self._lock = threading.Lock()

    def items(self) -> list[tuple[str, str]]:
        project = Project(self.root)
        own = self.root / "data" / "bls"
        folder = own if own.is_dir() else standard_folder() / "data" / "bls"
        stamp = sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size)
                       for p in folder.iterdir() if p.is_file())
        with self._lock:
            if self._seen is None or self._seen[0] != stamp:
                self._seen = (stamp, sorted(project.tables.states.items()))
            return self._seen[1]


def _entry(project: Project, career_id: str) -> Entry:
    try:
        career = project.load_career(career_id)
    except BrochureError:
        return Entry(career_id, written_title(project, career_id), (), "", False)
    return Entry(career_id, career.title, tuple(career.other_titles), career.soc, True)


def create_app(root: Path, workdir: Path, *, trusted_hosts: list[str] | None = None) -> Flask:
    """The app for the project at `root`, keeping what it builds in `workdir`. With
    `trusted_hosts` ('127.0.0.1:8000', or a name without a port for any port), requests
    naming any other host are refused (a page on another site cannot reach this one
    through a DNS trick)."""
    app = Flask(__name__)
    app.url_map.merge_slashes = False  # '//etc/passwd' is refused, not redirected
    app.config["MAX_CONTENT_LENGTH"] = MAX_UPLOAD
    allowed_hosts = {h.lower() for h in trusted_hosts} if trusted_hosts else None
    token = secrets.token_urlsafe(32)
    """Sent with the page and required back with every change."""
    app.extensions["brochure.token"] = token
    app.jinja_env.globals["page_token"] = token
    builder = Builder(root, workdir)
    catalogue = Catalogue(root)
    states = States(root)
    pending: dict[str, brandform.Upload] = {}
    """A good logo sent with a form that had other mistakes: kept for the next save."""
    app.extensions["brochure.builder"] = builder
    editor.register(app, root, workdir, builder, lambda: [
        Record(e.id, e.title, e.other_titles, e.soc) for e in catalogue.entries()])

    def page(status: int = 200, *, form: dict[str, str] | None = None,
             brand_messages: list[Message] | None = None, saved: bool = False,
             job: Job | None = None, build_error: str | None = None,
             pending_logo: tuple[str, str] | None = None,
             fresh: bool = False) -> tuple[str, int]:
        project = Project(root)
        brand = brandform.current(root)
        selection = builder.last.selection if builder.last else _defaults(project)
        # Ticks kept from an earlier visit are said so, never left silently ticked.
        remembered = fresh and bool(selection.careers)
        if job is None:
            job = builder.last
        try:
            layouts = [(lid, project.layout(lid).spec.name, project.layout(lid).spec.description)
                       for lid in project.layout_ids()]
        except BrochureError:
            layouts = [(lid, lid, "") for lid in project.layout_ids()]
        values = form if form is not None else brand.values
        messages = brand_messages if brand_messages is not None else brand.messages
        entries = catalogue.entries()
        titles = {e.id: e.title for e in entries}
        html = render_template(
            "index.html", careers=entries, selection=selection, remembered=remembered,
            chosen_titles=[titles.get(c, c) for c in selection.careers],
            school=brand.values.get("organisation", "") if not brand.messages else "",
            shade=_shade(values.get("primary", "")),
            layouts=layouts, papers=PAPERS, states=states.items(),
            values=values, labels=BRAND_LABELS, has_logo=brand.logo is not None and not
            any(m.field == "logo" for m in messages),
            errors={m.field: m for m in messages if m.field},
            brand_messages=messages, failed_save=brand_messages is not None, saved=saved,
            job=job, build_error=build_error, max_logo=MAX_LOGO_BYTES,
            logo_limit=format.megabytes(MAX_LOGO_BYTES),
            pending_logo=pending_logo)
        return html, status

    @app.get("/")
    def index() -> tuple[str, int]:
        job = builder.job(request.args.get("job", "")) if request.args.get("job") else None
        saved = request.args.get("saved") == "1"
        return page(saved=saved, job=job, fresh=job is None and not saved)

    @app.post("/build")
    def build_form() -> Any:
        """The choose form without JavaScript: start the build, show the page while it runs."""
        try:
            selection = selection_from(_form_lists(), Project(root))
        except BrochureError as exc:
            return page(400, build_error=_sentences(exc))
        if not selection.careers:
            return page(400, build_error="Tick at least one career to preview.")
        job = builder.start(selection)
        # Without JavaScript there is no progress bar: the browser waits for the answer, and
        # a build longer than that shows its progress on a page that refreshes itself.
        builder.wait(job, timeout=60)
        return redirect(url_for("index", job=job.id, _anchor="preview"), 303)

    @app.post("/api/build")
    def build_api() -> Any:
        values = _json_body()
        if not isinstance(values, dict):
            return jsonify(error="Send the choices as JSON."), 400
        try:
            selection = selection_from(values, Project(root))
        except BrochureError as exc:
            return jsonify(error=_sentences(exc)), 400
        if not selection.careers:
            return jsonify(error="Tick at least one career to preview."), 400
        job = builder.start(selection)
        return jsonify(job.progress()), 202

    @app.get("/api/jobs/<job_id>")
    def progress(job_id: str) -> Any:
        job = builder.job(job_id)
        if job is None:
            return jsonify(error="There is no such build; it may be from before the server "
                                 "restarted. Choose again to build."), 404
        return jsonify(job.progress())

    @app.get("/jobs/<job_id>/results")
    def results(job_id: str) -> Any:
        job = builder.job(job_id)
        if job is None:
            abort(404)
        return render_template("_results.html", job=job)

    def save_sent_brand() -> tuple[dict[str, str], brandform.Upload | None, list[Message]]:
        """Save the brand form the request sent: its fields, and its logo (or one kept from
        a save that failed for another reason)."""
        form = {name: request.form.get(name, "") for name in brandform.FIELDS}
        file = request.files.get("logo")
        upload = None
        if file is not None and file.filename:
            upload = brandform.Upload(file.filename, file.read(MAX_LOGO_BYTES + 1))
            file.close()
        else:
            upload = pending.get(request.form.get("pending_logo", ""))
        messages = brandform.save(root, form, upload, request.form.get("remove_logo") == "on",
                                  staging=workdir / "staging")
        pending.clear()
        return form, upload, messages

    @app.post("/api/brand")
    def save_brand_api() -> Any:
        """The brand form saved as it is typed: the saved details, or what is wrong."""
        form, _, messages = save_sent_brand()
        if messages:
            return jsonify(saved=False, shade=_shade(form.get("primary", "")), messages=[
                {"field": m.field, "inline": m.inline, "sentence": m.sentence}
                for m in messages]), 200
        brand = brandform.current(root)
        return jsonify(saved=True, school=brand.values.get("organisation", ""),
                       logo=brand.logo is not None)

    @app.get("/large/<name>")
    def large(name: str) -> Any:
        """A preview page drawn large, made when it is first opened."""
        path = builder.large(name) if builder.file(name) is not None else None
        if path is None:
            abort(404, description="There is no such page; build the brochures again.")
        from flask import send_file

        # Sent from memory: a browser that closes the dialog before the picture arrives
        # leaves no open file behind.
        return send_file(io.BytesIO(path.read_bytes()), mimetype="image/png", max_age=3600)

    @app.post("/brand")
    def save_brand() -> Any:
        form, upload, messages = save_sent_brand()
        if messages:
            token = None
            if upload is not None and not any(m.field == "logo" for m in messages):
                token = secrets.token_hex(16)
                pending[token] = upload
            return page(400, form=form, brand_messages=messages,
                        pending_logo=(token, upload.filename) if token and upload else None)
        return redirect(url_for("index", saved="1", _anchor="brand"), 303)

    @app.get("/files/<path:name>")
    def files(name: str) -> Any:
        if "/" in name or "\\" in name or ".." in name:
            abort(400, description="That is not the name of a file this page made.")
        found = builder.file(name)
        if found is None:
            abort(404, description="There is no such file; build the brochures again.")
        path, download_as = found
        from flask import send_file

        attach = request.args.get("download") == "1"
        return send_file(path, as_attachment=attach, download_name=download_as,
                         max_age=0 if path.suffix != ".png" else 3600)

    @app.get("/logo")
    def logo() -> Any:
        brand = brandform.current(root)
        if brand.logo is None:
            abort(404, description="No logo has been saved.")
        kind = "image/jpeg" if brand.logo.startswith(b"\xff\xd8\xff") else "image/png"
        return Response(brand.logo, mimetype=kind, headers={"Cache-Control": "no-store"})

    @app.before_request
    def only_this_page() -> Any:
        """Answer only at the address `serve` printed, and take changes only from the page
        it served: another site's page cannot know the token (a browser keeps other sites
        from reading this one), and its Origin is never this page's."""
        if allowed_hosts is not None and not _host_allowed(request.host, allowed_hosts):
            raise SecurityError
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return None
        site = request.headers.get("Sec-Fetch-Site")
        origin = request.headers.get("Origin")
        if site not in (None, "same-origin", "none") or \
                (origin is not None and origin != request.host_url.rstrip("/")):
            abort(403, description="This page only accepts changes from itself.")
        sent = request.headers.get(TOKEN_HEADER) or _form_token()
        if not sent or not hmac.compare_digest(sent, token):
            abort(403, description="This page only accepts changes from itself. Reload the "
                                   "page and try again.")
        return None

    @app.after_request
    def headers(response: Response) -> Response:
        """No other site may frame the page (clickjacking) or guess what a file is."""
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["X-Content-Type-Options"] = "nosniff"
        # "same-origin": with "no-referrer" a browser sends `Origin: null` with our own forms.
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
        return response

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(exc: RequestEntityTooLarge) -> Any:
        _drain()
        text = (f"The file you chose is too large: a logo can be at most "
                f"{format.megabytes(MAX_LOGO_BYTES)}.")
        if request.path.startswith("/api/") or not request.path.startswith("/brand"):
            return jsonify(error=text), 413
        message = Message("logo", "the file you chose is too large", brandform.LOGO_HINT,
                          BRAND_LABELS["logo"])
        return page(413, brand_messages=[message])

    @app.errorhandler(SecurityError)
    def untrusted_host(exc: SecurityError) -> Any:
        return Response("This page answers only at the address 'brochure serve' printed.\n",
                        400, mimetype="text/plain")

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Any:
        code = exc.code or 500
        own = exc.description if exc.description != type(exc).description else None
        text = own or {
            400: "The request could not be understood.", 404: "There is no such page.",
            405: "That page cannot be used that way.",
        }.get(code, "The request could not be handled.")
        if request.path.startswith("/api/"):
            return jsonify(error=text), code
        return render_template("error.html", code=code, message=text), code

    @app.errorhandler(Exception)
    def internal(exc: Exception) -> Any:
        if isinstance(exc, HTTPException):
            return http_error(exc)
        print(f"internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        text = ("Something unexpected went wrong on the server. Please try again; if it "
                "happens again, restart 'brochure serve'.")
        if request.path.startswith("/api/"):
            return jsonify(error=text), 500
        return render_template("error.html", code=500, message=text), 500

    return app


def _defaults(project: Project) -> Selection:
    """The choices the page starts with: the project's, as a build would resolve them."""
    try:
        return Selection(choice=resolve(project))
    except BrochureError:  # the build names what is wrong once it is asked for
        return Selection()


def _shade(value: str) -> str | None:
    """The nearest shade of a main colour that white text can be read on, when the colour
    is one too pale for it."""
    written = value.strip().lstrip("#")
    if len(written) != 6 or any(c not in "0123456789abcdefABCDEF" for c in written):
        return None
    shade = darker_shade(f"#{written.lower()}", MIN_CONTRAST)
    return None if shade == f"#{written.lower()}" else shade


def _form_lists() -> dict[str, object]:
    values: dict[str, object] = {key: request.form.get(key) for key in request.form}
    values["careers"] = request.form.getlist("careers")
    return values


def _json_body() -> object:
    """The request's JSON, or None when it is not small, well-formed JSON (a body nested
    thousands deep is refused, not a crash)."""
    if (request.content_length or 0) > MAX_JSON or not request.is_json:
        return None
    data = request.get_data(cache=False)
    if len(data) > MAX_JSON:
        return None
    import json

    try:
        return json.loads(data)
    except (ValueError, RecursionError):
        return None


def _form_token() -> str | None:
    """The token a plain form sent, when the request is a form."""
    if request.mimetype not in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return None
    return request.form.get(TOKEN_FIELD)


def _host_allowed(host: str, allowed: set[str]) -> bool:
    host = host.lower()
    if host in allowed:
        return True
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    return name.strip("[]") in allowed or name in allowed


def _sentences(error: BrochureError) -> str:
    """An error as the page says it: each message and its hint as sentences."""
    return " ".join(message.sentence for message in error_messages(error))


def _drain() -> None:
    """Read what is left of a refused upload (up to a limit) so that the browser sees the
    answer instead of a reset connection."""
    stream = request.environ.get("wsgi.input")
    left = request.content_length or 0
    if stream is None or left > 64_000_000:
        return
    try:
        while left > 0:
            chunk = stream.read(min(65536, left))
            if not chunk:
                break
            left -= len(chunk)
    except (OSError, ValueError):
        pass


WORKDIR_PREFIX = "brochure-web-"
OWNER_FILE = "owner.pid"
THREADS = 4
"""Requests answered at once; more wait in line (waitress never starts a thread a socket)."""
IDLE_TIMEOUT = 30
"""Seconds a connection may sit idle before it is closed."""


def serve(root: Path, host: str, port: int) -> None:
    """Serve the page until Ctrl+C; what it built goes with it."""
    listening = _listen(host, port)
    port = listening.getsockname()[1]
    removed = remove_stale_workdirs()
    remove_leftovers(root)
    with tempfile.TemporaryDirectory(prefix=WORKDIR_PREFIX) as workdir:
        (Path(workdir) / OWNER_FILE).write_text(str(os.getpid()), encoding="ascii")
        app = create_app(root, Path(workdir), trusted_hosts=served_hosts(host, port))
        server = make_server(app, listening)
        shown = f"[{host}]" if ":" in host else host
        if removed:
            print(f"removed {removed} temporary folder{'s' if removed != 1 else ''} left by "
                  "an earlier server that was stopped abruptly", flush=True)
        previous = signal.signal(signal.SIGTERM, _stop)  # a plain `kill` cleans up too
        try:
            print(f"Serving on http://{shown}:{port}/ (Ctrl+C to stop)", flush=True)
            server.run()  # returns on Ctrl+C
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, previous)
            server.close()
        print("stopped", flush=True)


def make_server(app: Flask, listening: socket.socket) -> Any:
    """A waitress server for `app` on a listening socket: a few threads answer requests
    while one loop holds the connections, so idle or slow clients cost no thread, and a
    connection idle for IDLE_TIMEOUT seconds is closed."""
    from waitress.server import create_server

    return create_server(
        app, sockets=[listening], threads=THREADS, channel_timeout=IDLE_TIMEOUT,
        connection_limit=100, cleanup_interval=5, ident="brochure",
        max_request_body_size=MAX_UPLOAD + 100_000, clear_untrusted_proxy_headers=True)


def served_hosts(host: str, port: int) -> list[str] | None:
    """The Host headers a browser sends for the address `serve` printed (and its name,
    localhost, on this computer); None when it listens on every address, where the names
    other computers use cannot be known."""
    if host in ("0.0.0.0", "::", ""):
        return None
    names = {f"[{host}]" if ":" in host else host}
    if host in LOOPBACK:
        names.add("localhost")
    hosts = [f"{name}:{port}" for name in sorted(names)]
    if port == 80:
        hosts += sorted(names)
    return hosts


def remove_stale_workdirs(tempdir: Path | None = None) -> int:
    """Delete the temporary folders of servers that were killed (their process is gone);
    return how many."""
    folder = Path(tempdir or tempfile.gettempdir())
    removed = 0
    for workdir in folder.glob(f"{WORKDIR_PREFIX}*"):
        try:
            if workdir.is_symlink() or not workdir.is_dir() or workdir.stat().st_uid != \
                    os.getuid():
                continue
            owner = int((workdir / OWNER_FILE).read_text(encoding="ascii")[:20])
        except (OSError, ValueError):
            continue  # not ours, or a server that is still starting
        if _alive(owner):
            continue
        shutil.rmtree(workdir, ignore_errors=True)
        removed += 1
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return pid > 0


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _listen(host: str, port: int) -> socket.socket:
    """A listening socket, or a UsageError saying why there cannot be one."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listening = socket.socket(family, socket.SOCK_STREAM)
    try:
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listening.bind((host, port))
        listening.listen(128)
    except OSError as exc:
        listening.close()
        hint = ("another program may be using the port; choose another with --port"
                if exc.errno == errno.EADDRINUSE else
                "check the address given to --host; the default, 127.0.0.1, always works")
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}",
                         hint) from None
    return listening
