"""The page's career editor: find any occupation, write or change its record in a form,
see it checked with the command line's rules and words, preview it, and save it.

A record being written is saved as a draft in the server's own folder after each change
and read from there exactly as `brochure check` reads a record: the same messages, the same
fit. Saving writes `data/careers/<id>.yaml` in one step; a record that existed keeps its
comments and the order of its keys (ruamel.yaml reads and writes it round trip).
Each text field has its Spanish beside it: once any is written, it is checked as
`brochure check --lang es` checks it and saved with the record in `data/careers/es/<id>.yaml`."""

from __future__ import annotations

import hashlib
import io
import re
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from flask import Flask, abort, jsonify, render_template, request, url_for
from pydantic import BaseModel

from brochure.errors import BrochureError, DataError
from brochure.figures.find import Finder, Hit, Record
from brochure.files import read_bounded
from brochure.model.career import Career
from brochure.model.fields import ID_PATTERN, SOC_PATTERN
from brochure.model.source import MAX_BYTES, read_yaml
from brochure.model.translation import CareerText, NoTranslation, model_of
from brochure.options import resolve
from brochure.output.write import write_atomic
from brochure.project import Project, career_files
from brochure.web.builds import Builder, Drafts, Job, Selection
from brochure.web.messages import Message, error_messages

LABELS = {
    "id": "File name",
    "soc": "Occupation code (SOC)",
    "other_titles": "Other titles",
    "more_info": "More information",
    "url": "Web address",
    "first_steps": "First steps",
    "typical_entry": "Typical entry",
    "time_to_enter": "Time to enter",
    "pct10": "10th percentile",
    "pct25": "25th percentile",
    "pct75": "75th percentile",
    "pct90": "90th percentile",
    "change_percent": "Change (percent)",
    "openings_per_year": "Openings a year",
    "top_states": "Top states",
    "entry_education": "Entry education",
    "figures": "Figures from another source",
}
"""Labels that are not the field's name with its first letter in capitals."""
HEADER = ("# {title}: written in the career editor of 'brochure serve'.\n"
          "# Pay, states, outlook and entry education are joined from the BLS tables by SOC "
          "code.\n")
HEADER_ES = ("# {title}, en español: el texto de {id}.yaml, escrito en el editor de "
             "'brochure serve'.\n")
SPANISH = "es"
"""The language whose text the editor writes beside the English record."""
MAX_DRAFTS = 20
"""Drafts kept at once (one per editor opened); the oldest is dropped first."""


@dataclass
class Node:
    """One field of the form, made from the record's schema."""

    name: str
    label: str
    hint: str
    kind: str
    """'text' (one line), 'line' (a sentence), 'integer', 'number', 'group' or 'list'."""
    required: bool = False
    children: list[Node] = field(default_factory=list)
    item: Node | None = None
    low: int = 0
    high: int = 0
    """For a list, the fewest and most items; for text, the most characters."""
    spanish: bool = False
    """Text written in English and in Spanish (the rest is written once, in English)."""


def form_tree() -> Node:
    """The career record's fields as the form shows them, from its schema."""
    schema = Career.model_json_schema()
    defs = schema["$defs"]

    def node(name: str, spec: dict[str, Any], required: bool) -> Node:
        hint = spec.get("description", "")
        if "anyOf" in spec:
            spec = {**next(s for s in spec["anyOf"] if s.get("type") != "null"), **{
                k: v for k, v in spec.items() if k != "anyOf"}}
        if "$ref" in spec:
            spec = {**defs[spec["$ref"].rsplit("/", 1)[-1]], "description": hint}
        label = LABELS.get(name, name.replace("_", " ").capitalize())
        kind = spec.get("type")
        if kind == "object":
            need = set(spec.get("required", []))
            return Node(name, label, hint, "group", required,
                        [node(k, v, k in need) for k, v in spec["properties"].items()])
        if kind == "array":
            item = node("", spec["items"], True)
            item.label = _singular_label(label)
            return Node(name, label, hint, "list", required, item=item,
                        low=spec.get("minItems", 0), high=spec.get("maxItems", 0))
        if kind in ("integer", "number"):
            return Node(name, label, hint, kind, required)
        longest = spec.get("maxLength", 0)
        return Node(name, label, hint, "line" if 150 <= longest <= 250 else "text", required,
                    high=longest)

    need = set(schema.get("required", []))
    tree = Node("", "Career", "", "group", True,
                [node(k, v, k in need) for k, v in schema["properties"].items()])
    _mark_spanish(tree, CareerText)
    return tree


def _mark_spanish(group: Node, model: type[BaseModel]) -> None:
    """Mark the fields the Spanish file gives: its model's (`CareerText`)."""
    for child in group.children:
        if child.name not in model.model_fields:
            continue
        inner = model_of(model.model_fields[child.name].annotation)
        target = child.item if child.kind == "list" and child.item else child
        if target.kind == "group" and inner is not None:
            _mark_spanish(target, inner)
        elif target.kind in ("text", "line"):
            target.spanish = True


def _singular_label(label: str) -> str:
    special = {"Duties": "Duty", "Specialisations": "Specialisation", "Other titles":
               "Other title", "First steps": "Step", "Advancement": "Next step",
               "Courses": "Course", "Certifications": "Certification", "Sources": "Source",
               "Paths": "Path", "Skills": "Skill", "Tools": "Tool", "Workplaces": "Workplace",
               "States": "State"}
    return special.get(label, label.rstrip("s"))


# ---- The record's text ----

def _yaml() -> Any:
    from ruamel.yaml import YAML

    out = YAML()
    out.preserve_quotes = True
    out.width = 4096
    out.indent(mapping=2, sequence=4, offset=2)
    return out


def _scalar(value: Any) -> Any:
    """A value as the record's reader will read it back: text that YAML would read as
    something else (yes, 1:20, 2026, null) is quoted."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if isinstance(value, str) and value != "":
        try:
            same = yaml.safe_load(value) == value
        except yaml.YAMLError:
            same = False
        if not same or value != value.strip():
            return DoubleQuotedScalarString(value)
    return value


def _fresh(value: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        out = CommentedMap()
        for key, item in value.items():
            out[key] = _fresh(item)
        return out
    if isinstance(value, list):
        return CommentedSeq([_fresh(item) for item in value])
    return _scalar(value)


def _merge(old: Any, new: Any) -> Any:
    """`new` written into `old` in place where they are alike, so that comments, key order
    and the way each unchanged value was written are kept."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(old, CommentedMap) and isinstance(new, dict):
        for key in [k for k in old if k not in new]:
            del old[key]
        order = list(new)
        for key, value in new.items():
            if key in old:
                old[key] = _merge(old[key], value)
                continue
            # A field added goes where the form has it: after the fields before it.
            before = [list(old).index(k) for k in order[:order.index(key)] if k in old]
            old.insert(max(before) + 1 if before else 0, key, _fresh(value))
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, list):
        del old[len(new):]
        for i, value in enumerate(new):
            if i < len(old):
                old[i] = _merge(old[i], value)
            else:
                old.append(_fresh(value))
        return old
    if isinstance(old, (str, int, float)) and not isinstance(old, bool) and \
            type(new) in (str, int, float) and old == new and str(old) == str(new):
        return old
    return _fresh(new)


def record_text(data: dict[str, Any], before: str | None, header: str = HEADER) -> str:
    """The record's YAML: `before` (the file as it was) changed to hold `data`, or a new
    file in the schema's order."""
    from ruamel.yaml.error import YAMLError

    out = io.StringIO()
    writer = _yaml()
    if before is not None:
        try:
            document = writer.load(before)
        except (YAMLError, ValueError):  # a file that is not YAML is written anew
            document = None
        if isinstance(document, dict):
            writer.dump(_merge(document, data), out)
            return out.getvalue()
    document = _fresh(_ordered(data))
    top = list(document)
    for key in ("role", "education", "advancement", "specialisations", "first_steps",
                "more_info", "sources", "figures"):
        if key in document and key != top[0]:
            document.yaml_set_comment_before_after_key(key, before="\n")
    writer.dump(document, out)
    title = str(data.get("title", "")).strip() or "Career"
    return header.format(title=" ".join(title.split())) + _no_blank_comment(out.getvalue())


def _no_blank_comment(text: str) -> str:
    # ruamel writes a bare "#" for an empty comment line; a blank line reads better.
    return re.sub(r"^[ \t]*#[ \t]*$", "", text, flags=re.M)


def _ordered(data: dict[str, Any]) -> dict[str, Any]:
    """The record's keys in the schema's order (as `brochure new` and every record write
    them), each group's too."""
    def order(value: Any, node: Node | None) -> Any:
        if node is None:
            return value
        if node.kind == "group" and isinstance(value, dict):
            names = [child.name for child in node.children]
            keys = sorted(value, key=lambda k: names.index(k) if k in names else len(names))
            by_name = {child.name: child for child in node.children}
            return {k: order(value[k], by_name.get(k)) for k in keys}
        if node.kind == "list" and isinstance(value, list):
            return [order(item, node.item) for item in value]
        return value

    return dict(order(data, form_tree()))


def written(value: Any) -> Any:
    """The text a form's fields hold, without the fields left empty: a Spanish field not
    yet written is not in the file (items of a list that pairs with the English one keep
    their place)."""
    if isinstance(value, dict):
        out = {k: written(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        items = [written(v) for v in value]
        if any(isinstance(v, dict) for v in value):
            return items if any(items) else []
        return [v for v in items if v not in (None, "")]
    return value.strip() if isinstance(value, str) else value


# ---- Drafts, checks and saving ----

@dataclass
class Draft:
    """One record being written in the editor: its folder in the server's own space and
    the file it was opened from (None for a new record)."""

    folder: Path
    original: str | None
    before: str | None
    """The opened file's text, to keep its comments and to see whether it changed since."""
    before_es: str | None = None
    """The Spanish text's file as opened, likewise."""


@dataclass
class Checked:
    text: str
    career_id: str
    messages: list[Message]
    spanish: str | None = None
    """The Spanish text's file as it would be saved; None when no Spanish is written."""


class Editor:
    """The editor's drafts, checks, previews and saves for one project."""

    def __init__(self, root: Path, workdir: Path, builder: Builder) -> None:
        self.root = root
        self.folder = workdir / "drafts"
        self.builder = builder
        self._drafts: dict[str, Draft] = {}
        self._lock = threading.Lock()
        self._saving = threading.Lock()
        """One save at a time: two could otherwise both find no file and both write it."""
        self._checking = threading.Lock()
        """One check at a time: each rewrites its draft's file."""

    def open(self, original: str | None) -> tuple[str, Draft]:
        """A new draft, for a new record or for the record `original`."""
        key = secrets.token_hex(16)
        before = None
        before_es = None
        if original is not None:
            project = Project(self.root)
            before = _text(project.career_path(original))
            before_es = _text(project.translation_path(original, SPANISH))
        draft = Draft(self.folder / key, original, before, before_es)
        draft.folder.mkdir(parents=True, exist_ok=True)
        with self._lock:
            self._drafts[key] = draft
            for old in list(self._drafts)[:-MAX_DRAFTS]:
                import shutil

                shutil.rmtree(self._drafts.pop(old).folder, ignore_errors=True)
        return key, draft

    def draft(self, key: object) -> Draft:
        with self._lock:
            found = self._drafts.get(key) if isinstance(key, str) else None
        if found is None:
            abort(409, description="This editor was opened before the server restarted. "
                                   "Copy what you wrote, reload the page and paste it again.")
        return found

    def check(self, draft: Draft, data: dict[str, Any],
              spanish: dict[str, Any] | None = None) -> Checked:
        """Write the draft as it would be saved and read it back as the command line
        reads a record: every problem, in the same words, by its field. With Spanish text
        written, read that too as `brochure check --lang es` does; its problems are at
        the Spanish fields ('es:' and the field's name)."""
        career_id = data.get("id") if isinstance(data.get("id"), str) else None
        if not career_id or not re.fullmatch(ID_PATTERN, career_id) or len(career_id) > 60:
            career_id = draft.original or "new-career"
        text = record_text(data, draft.before)
        es_data = written(spanish or {})
        es_text = None
        if es_data:
            title = " ".join(str(data.get("title") or career_id).split())
            header = HEADER_ES.format(title=title, id=career_id)
            es_text = record_text(es_data, draft.before_es,
                                  header.replace("{", "{{").replace("}", "}}"))
        messages: list[Message] = []
        with self._checking:
            for old in [*draft.folder.glob("*.yaml"), *draft.folder.glob("*/*.yaml")]:
                old.unlink()
            (draft.folder / f"{career_id}.yaml").write_text(text, encoding="utf-8")
            if es_text is not None:
                (draft.folder / SPANISH).mkdir(exist_ok=True)
                (draft.folder / SPANISH / f"{career_id}.yaml").write_text(
                    es_text, encoding="utf-8")
            project = Drafts(self.root, folder=draft.folder)
            try:
                project.load_career(career_id)
                if es_text is not None:
                    project.load_career(career_id, SPANISH)
            except NoTranslation as exc:
                messages = [Message(f"{SPANISH}:{field}", "is not written in Spanish",
                                    "write it, or leave every Spanish field empty")
                            for field in exc.missing]
            except DataError as exc:
                messages = error_messages(exc, labels={})
                if exc.problems and exc.problems[0].path.startswith(
                        f"data/careers/{SPANISH}/"):
                    messages = [replace(m, field=f"{SPANISH}:{m.field}") for m in messages]
            except BrochureError as exc:
                messages = error_messages(exc, labels={})
        return Checked(text, career_id, messages, es_text)

    def preview(self, draft: Draft, career_id: str, layout: str | None,
                lang: str = "en") -> Job:
        # The preview is in the language asked for (English, or Spanish once its text is
        # written), whatever language the project's brochures are in.
        choice = resolve(Project(self.root), layout=layout or None, lang=lang)
        return self.builder.start(Selection((career_id,), choice, drafts=draft.folder),
                                  remember=False)

    def save(self, draft: Draft, checked: Checked, replace: bool) -> tuple[int, dict[str, Any]]:
        """Save the checked record into the project; an answer for the page."""
        project = Project(self.root)
        with self._saving:
            files = career_files(project.careers_dir)
            target = project.career_path(checked.career_id)
            if draft.original is not None and checked.career_id == draft.original:
                now = _text(target) if target.is_file() else None
                if now != draft.before and not replace:
                    return 409, {"ask": "The record was changed by someone else after you "
                                        "opened it. Save yours over it?"}
            elif checked.career_id in files and not replace:
                title = _title(project, checked.career_id)
                return 409, {"ask": f"There is already a career named "
                                    f"‘{checked.career_id}’ ({title}). Replace it with this "
                                    "one?"}
            write_atomic(target, checked.text.encode("utf-8"))
            draft.original, draft.before = checked.career_id, checked.text
            if checked.spanish is not None:
                es_target = project.translation_path(checked.career_id, SPANISH)
                es_target.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(es_target, checked.spanish.encode("utf-8"))
                draft.before_es = checked.spanish
        return 200, {"saved": checked.career_id,
                     "message": f"Saved. ‘{_title(project, checked.career_id)}’ is now in "
                                "your careers, ready to choose on the main page."}


def _text(path: Path) -> str | None:
    """A record's text as written, or None when it cannot be read as a record."""
    try:
        return read_bounded(path, MAX_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _title(project: Project, career_id: str) -> str:
    try:
        return str(project.load_career(career_id).title)
    except BrochureError:
        return career_id


def same_soc(project: Project, soc: str, but: str | None) -> list[tuple[str, str]]:
    """The records for SOC code `soc` (other than `but`): their ids and titles."""
    out = []
    for career_id in project.career_ids():
        if career_id == but:
            continue
        try:
            data = read_yaml(project.career_path(career_id), career_id).data
        except BrochureError:
            continue
        if isinstance(data, dict) and data.get("soc") == soc:
            out.append((career_id, str(data.get("title") or career_id)))
    return out


def _starter(project: Project, soc: str) -> dict[str, Any]:
    """A new record's first values: the title, the SOC code and the sources every record
    cites; the rest is for the counsellor to write."""
    from brochure.importers.starter import career_id

    title = project.tables.title(soc) or soc
    year = project.tables.newest_year
    new_id, taken, n = career_id(_person(title)), set(project.career_ids()), 1
    while new_id in taken:  # a second record for the code gets a name of its own
        n += 1
        new_id = f"{career_id(_person(title))}-{n}"
    return {"id": new_id, "title": _person(title), "soc": soc,
            "more_info": {"label": "BLS Occupational Outlook Handbook",
                          "url": "https://www.bls.gov/ooh/"},
            "sources": [{"name": "Duties, skills and training written for this handout "
                                 "from the BLS Occupational Outlook Handbook",
                         **({"year": year} if year else {})}]}


def _person(title: str) -> str:
    """BLS names occupations in the plural; a person's job title reads better on a
    handout: 'Computer Programmers' → 'Computer Programmer'."""
    first = title.split(",")[0].strip()
    if first.endswith("ies"):
        return first[:-3] + "y"
    if first.endswith("s") and not first.endswith("ss"):
        return first[:-1]
    return first


def figures_shown(project: Project, soc: str) -> list[tuple[str, str]]:
    """The BLS figures printed for `soc`, as the editor shows them beside the form."""
    from brochure import format as fmt

    out: list[tuple[str, str]] = []
    if not re.fullmatch(SOC_PATTERN, soc) or project.tables.title(soc) is None:
        return out
    try:
        figures = project.tables.join(soc)
    except BrochureError:
        return out
    pay, outlook = figures.pay, figures.outlook
    out.append(("Median pay", f"{fmt.money(pay.median)} a year"))
    out.append(("Pay range", f"{fmt.money(pay.pct10)} to {fmt.money(pay.pct90)}, the middle "
                             "80% of workers"))
    if figures.employment.known:
        out.append(("Jobs in the US", fmt.number(figures.employment)))
    out.append(("Outlook", f"{fmt.percent(outlook.change_percent)} over "
                           f"{outlook.citation.period}; {fmt.number(outlook.openings_per_year)} "
                           "openings a year"))
    if figures.entry_education.value:
        out.append(("Typical entry education", figures.entry_education.value))
    states = figures.top_states.states[:3]
    if states:
        out.append(("Most jobs in", ", ".join(s.name for s in states)))
    out.append(("Sources", f"{pay.citation}; {outlook.citation}"))
    return out


def onet_suggestions(project: Project, soc: str) -> dict[str, Any] | None:
    """What O*NET says about the occupation, where its files were imported into the
    project (`brochure import onet`): task statements to rewrite as duties, titles people
    report, the education its workers report, and the credit its licence asks for. None
    without O*NET files."""
    from brochure.importers import onet
    from brochure.importers.starter import ONET_CREDIT, ONET_LICENCE, ONET_MODIFIED

    folder = project.root / "data" / "onet"
    if not soc or not folder.is_dir():
        return None
    try:
        files = onet.Files.find([folder])
        # O*NET's Excel workbooks take many seconds to read: the text files only (titles
        # O*NET keeps only in a workbook are in the shipped index of titles).
        files.tables = {name: path for name, path in files.tables.items()
                        if path.suffix == ".txt"}
        found = onet.occupation(files, soc)
    except BrochureError:
        return None
    if found is None:
        return None
    from brochure.figures.find import onet_titles

    titles = list(dict.fromkeys(re.sub(r"\s*\([^)]*\)$", "", t).strip() for t in [
        *found.reported_titles, *found.alternate_titles, *onet_titles().get(soc, ())[1:]]))
    return {
        "title": found.title,
        "tasks": [t for t in found.tasks if len(t) < 190][:12],
        "titles": [t for t in titles if 0 < len(t) <= 80][:12],
        "education": [(re.split(r" - | \(", name)[0].strip(), round(share))
                      for name, share in found.education[:4]],
        "credit": {"name": ONET_CREDIT.format(version=found.version or "O*NET Database"),
                   "year": found.year, "url": ONET_LICENCE, "note": ONET_MODIFIED},
    }


# ---- Routes ----

def register(app: Flask, root: Path, workdir: Path, builder: Builder,
             records: Callable[[], list[Record]]) -> None:
    """Add the editor's pages and the search every page uses to `app`."""
    editor = Editor(root, workdir, builder)
    finders: dict[object, Finder] = {}
    finding = threading.Lock()

    def finder() -> Finder:
        project = Project(root)
        known = records()
        key = (tuple(known), project.tables.digest)
        with finding:
            if key not in finders:
                finders.clear()
                finders[key] = Finder(project.tables.titles, known)
            return finders[key]

    def hit_json(hit: Hit) -> dict[str, Any]:
        return {"title": hit.title, "soc": hit.soc, "career": hit.career,
                "matched": hit.matched,
                "edit": url_for("edit_career", career_id=hit.career) if hit.career else None,
                "start": url_for("new_career", soc=hit.soc)}

    @app.get("/api/find")
    def find() -> Any:
        query = request.args.get("q", "")[:100]
        hits = finder().find(query) if query.strip() else []
        return jsonify(query=query, hits=[hit_json(h) for h in hits])

    @app.get("/editor")
    def editor_home() -> Any:
        return render_template("editor.html", mode="find", tree=None)

    @app.get("/editor/new")
    def new_career() -> Any:
        soc = request.args.get("soc", "").strip()
        project = Project(root)
        if not re.fullmatch(SOC_PATTERN, soc) or project.tables.title(soc) is None:
            abort(404, description="There is no such occupation in the tables. Search "
                                   "again from the career editor.")
        key, _ = editor.open(None)
        return _form(project, key, _starter(project, soc), None, soc)

    @app.get("/editor/<career_id>")
    def edit_career(career_id: str) -> Any:
        project = Project(root)
        if career_id not in project.career_ids():
            abort(404, description="There is no such career. Search again from the career "
                                   "editor.")
        key, _ = editor.open(career_id)
        try:
            data = read_yaml(project.career_path(career_id), career_id).data
        except DataError:
            data = None
        if not isinstance(data, dict):
            data = {"id": career_id}
        soc = str(data["soc"]) if isinstance(data.get("soc"), str) else ""
        spanish = None
        if project.translation_path(career_id, SPANISH).is_file():
            try:
                spanish = read_yaml(project.translation_path(career_id, SPANISH),
                                    career_id).data
            except DataError:
                spanish = None
        return _form(project, key, data, career_id, soc,
                     spanish if isinstance(spanish, dict) else {})

    def _form(project: Project, key: str, data: dict[str, Any], original: str | None,
              soc: str, spanish: dict[str, Any] | None = None) -> Any:
        layouts = []
        for lid in project.layout_ids():
            try:
                layouts.append((lid, project.layout(lid).spec.name))
            except BrochureError:
                layouts.append((lid, lid))
        default = resolve(project).layout if layouts else ""
        return render_template(
            "editor.html", mode="edit", tree=form_tree(), data=data, draft=key,
            spanish=spanish or {},
            original=original, soc=soc, occupation=project.tables.title(soc) or "",
            figures=figures_shown(project, soc), same=same_soc(project, soc, original),
            onet=onet_suggestions(project, soc),
            layouts=layouts, default_layout=default,
            digest=hashlib.blake2b(repr(data).encode(), digest_size=8).hexdigest())

    def body() -> dict[str, Any]:
        from brochure.web.app import _json_body

        values = _json_body()
        if not isinstance(values, dict) or not isinstance(values.get("career"), dict):
            abort(400, description="Send the record as JSON.")
        return values

    def answer(checked: Checked, job: Job | None, draft: Draft) -> dict[str, Any]:
        project = Project(root)
        soc = checked_soc(checked)
        return {"problems": [_message_json(m) for m in checked.messages],
                "job": job.id if job else None,
                "same": [{"id": i, "title": t} for i, t in
                         (same_soc(project, soc, draft.original) if soc else [])]}

    def checked_soc(checked: Checked) -> str:
        found = re.search(r"^soc:\s*['\"]?(\d{2}-\d{4})", checked.text, re.M)
        return found.group(1) if found else ""

    @app.post("/api/editor/check")
    def check_draft() -> Any:
        values = body()
        draft = editor.draft(values.get("draft"))
        spanish = values.get("spanish") if isinstance(values.get("spanish"), dict) else None
        checked = editor.check(draft, values["career"], spanish)
        job = None
        if not checked.messages:
            layout = values.get("layout") if isinstance(values.get("layout"), str) else None
            lang = SPANISH if values.get("lang") == SPANISH and checked.spanish else "en"
            try:
                job = editor.preview(draft, checked.career_id, layout, lang)
            except BrochureError as exc:
                return jsonify(problems=[_message_json(m) for m in error_messages(exc)],
                               job=None, same=[]), 200
        return jsonify(answer(checked, job, draft))

    @app.get("/api/editor/jobs/<job_id>")
    def draft_job(job_id: str) -> Any:
        job = builder.job(job_id)
        if job is None:
            return jsonify(error="There is no such preview; change the record to preview "
                                 "it again."), 404
        out: dict[str, Any] = job.progress()
        if out["finished"]:
            out["pages"] = [{"src": url_for("files", name=page.name), "width": page.width,
                             "height": page.height} for p in job.previews for page in p.pages]
            out["pdf"] = url_for("files", name=job.previews[0].pdf) if job.previews else None
            out["problems"] = [
                {"field": m.field, "text": m.inline.replace(" in the career's file", ""),
                 "fields": list(p.fields)}
                for p in job.problems for m in p.messages] + [
                _message_json(m) for m in job.error]
        return jsonify(out)

    @app.post("/api/editor/save")
    def save_draft() -> Any:
        values = body()
        draft = editor.draft(values.get("draft"))
        spanish = values.get("spanish") if isinstance(values.get("spanish"), dict) else None
        checked = editor.check(draft, values["career"], spanish)
        if checked.messages:
            return jsonify(problems=[_message_json(m) for m in checked.messages],
                           error="Not saved: put the mistakes right first."), 400
        status, out = editor.save(draft, checked, values.get("replace") is True)
        if status == 200:
            out["edit"] = url_for("edit_career", career_id=checked.career_id)
        return jsonify(out), status


def _message_json(message: Message) -> dict[str, str]:
    return {"field": message.field, "text": message.inline}
