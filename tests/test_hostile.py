"""Every value of the hostile corpus, in every kind of text field, built through the CLI.

One career per value; each career carries its value in eight places: two plain text fields,
three list items (one printed in italics), two nested fields (a skill's `why`, a
certification's issuer in a table cell) and the link label. All careers are built by one
`brochure build`, so the BLS tables are read once. Each value must either print literally at
all eight places, or be refused at all eight with its exact message and place.
"""

from __future__ import annotations

import contextlib
import io
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from brochure.cli import main
from conftest import ROOT, assert_valid_pdf, files_in, pdf_text
from hostile_values import CORPUS, Case

NAME_LIMIT, LINE_LIMIT = 80, 200


@dataclass(frozen=True)
class Place:
    field: str
    limit: int
    line: int
    column: int


# The record each value is written into; `{V}` marks the eight places.
TEMPLATE = """\
id: {id}
title: Hostile value test
other_titles:
  - {V}
soc: 29-2072
summary: {V}
role:
  duties:
    - First duty.
    - {V}
    - Third duty.
  workplaces: [Hospitals]
  schedule: {V}
  skills:
    - name: Care
      why: {V}
    - {{name: Focus, why: It also matters.}}
education:
  typical_entry: A certificate.
  time_to_enter: 1 year
  paths:
    - {{name: Certificate, length: 1 year, credential: Certificate}}
  courses:
    - {V}
  certifications:
    - name: Certified Tester
      issuer: {V}
first_steps: [Step one., Step two.]
more_info:
  label: {V}
  url: "https://example.org/more"
sources:
  - {{name: Test source, year: 2026}}
"""
FIELDS = [("other_titles[0]", NAME_LIMIT), ("summary", LINE_LIMIT),
          ("role.duties[1]", LINE_LIMIT), ("role.schedule", LINE_LIMIT),
          ("role.skills[0].why", LINE_LIMIT), ("education.courses[0]", NAME_LIMIT),
          ("education.certifications[0].issuer", NAME_LIMIT), ("more_info.label", NAME_LIMIT)]
KINDS = {"plain text": ("summary", "role.schedule"),
         "list item": ("other_titles[0]", "role.duties[1]", "education.courses[0]"),
         "nested field": ("role.skills[0].why", "education.certifications[0].issuer"),
         "link label": ("more_info.label",)}


def places() -> list[Place]:
    lines = TEMPLATE.replace("{V}", "{{V}}").format(id="v000").splitlines()
    found = [(n, line.index("{V}")) for n, line in enumerate(lines, start=1) if "{V}" in line]
    assert len(found) == len(FIELDS)
    return [Place(field, limit, n, col + 1) for (field, limit), (n, col) in zip(FIELDS, found,
                                                                              strict=True)]


def yaml_quoted(value: str) -> str:
    """`value` as a YAML double-quoted scalar: letters, marks, digits, punctuation and symbols
    written as UTF-8, everything else (controls, spaces other than ' ', surrogates) escaped."""
    out = ['"']
    for ch in value:
        code = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif 0x20 <= code < 0x7F or (code > 0x7F and not 0xD800 <= code <= 0xDFFF
                                     and unicodedata.category(ch)[0] in "LMNPS"):
            out.append(ch)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return "".join(out) + '"'


def printed(value: str) -> str:
    """The documented clean-up: NFC, soft hyphens dropped, whitespace folded."""
    return " ".join(unicodedata.normalize("NFC", value).replace("\u00ad", "").split())


def squashed(text: str) -> str:
    # Lines wrap at different places in each field; compare without any whitespace.
    return "".join(text.split())


def career_id(index: int) -> str:
    return f"v{index:03d}"


@dataclass
class Built:
    code: int
    out: str
    err: str
    folder: Path
    output: Path
    events: list[tuple[str, str]]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("hostile")
    careers = folder / "data" / "careers"
    careers.mkdir(parents=True)
    for index, case in enumerate(CORPUS):
        text = TEMPLATE.replace("{V}", "{{V}}").format(id=career_id(index))
        text = text.replace("{V}", yaml_quoted(case.value))
        (careers / f"{career_id(index)}.yaml").write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    _WATCH.clear()
    _WATCH.append(("watching", ""))
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["-C", str(folder), "build", "--out", str(folder / "out")])
    finally:
        events = _WATCH[1:]
        _WATCH.clear()
    return Built(code, out.getvalue(), err.getvalue(), folder, folder / "out", events)


# What the build opens, runs and connects to, seen through Python's audit hooks (which
# cannot be removed, so the hook only records while the corpus builds).
_WATCH: list[tuple[str, str]] = []
_EVENTS = ("open", "os.system", "subprocess.Popen", "os.exec", "os.posix_spawn",
           "socket.connect", "socket.getaddrinfo", "urllib.Request", "http.client.connect")


def _audit(event: str, args: tuple[object, ...]) -> None:
    if _WATCH and event in _EVENTS:
        _WATCH.append((event, str(args[0]) if args else ""))


sys.addaudithook(_audit)


def test_the_corpus_is_large_and_covers_every_category() -> None:
    assert len(CORPUS) >= 150
    assert len({case.label for case in CORPUS}) == len(CORPUS), "labels must be unique"
    categories = {case.category for case in CORPUS}
    assert {"markup", "entity", "injection", "yaml-looking text", "whitespace", "control",
            "bidi", "surrogate", "non-character", "normalisation", "latin", "vietnamese",
            "font", "size"} <= categories
    assert sum(case.refused is None for case in CORPUS) >= 100
    assert sum(case.refused is not None for case in CORPUS) >= 60
    assert sorted(f for fields in KINDS.values() for f in fields) == sorted(f for f, _ in FIELDS)


def test_the_build_reports_each_career_and_never_crashes(built: Built) -> None:
    assert built.code == 2  # some careers are invalid; the others are still built
    assert "Traceback" not in built.err and "internal error" not in built.err
    good = sum(case.refused is None for case in CORPUS)
    assert f"\n{good} built, 0 unchanged, {len(CORPUS) - good} failed\n" in built.out
    assert files_in(built.output) == sorted(
        f"{career_id(i)}-handout.pdf" for i, case in enumerate(CORPUS) if case.refused is None)


def test_the_build_reads_no_file_the_data_names_and_connects_nowhere(built: Built) -> None:
    assert built.events, "the audit hook saw nothing"
    kinds = {event for event, _ in built.events}
    assert kinds <= {"open"}, kinds  # no process started, no socket, no URL fetched
    # Files opened: the project and output, the package's layouts and tables, the tables'
    # index in the cache folder, the fonts and Python's own modules (and reportlab's
    # optional settings files in the home folder); never a path that a value in the corpus
    # names.
    from brochure.figures.index import cache_folder

    cache = cache_folder()
    allowed = (str(built.folder), str(ROOT), sys.prefix, sys.base_prefix, "/dev/urandom",
               str(Path.home() / ".reportlab_"), *([str(cache)] if cache else []))
    opened = {path for _, path in built.events if not path.isdigit()}
    assert opened, "no file opened?"
    assert all(path.startswith(allowed) for path in opened), sorted(
        p for p in opened if not p.startswith(allowed))
    assert not any("/etc/" in path or "passwd" in path for path in opened)


@pytest.mark.parametrize("index", range(len(CORPUS)),
                         ids=[f"{c.category}: {c.label}" for c in CORPUS])
def test_each_value_prints_literally_or_is_refused_at_each_place(built: Built,
                                                                  index: int) -> None:
    case: Case = CORPUS[index]
    pdf = built.output / f"{career_id(index)}-handout.pdf"
    path = f"data/careers/{career_id(index)}.yaml"
    if case.refused is None:
        assert f"error: {path}" not in built.err
        assert_valid_pdf(pdf)
        text = squashed(" ".join(pdf_text(pdf)))
        assert text.count(squashed(printed(case.value))) >= len(FIELDS), printed(case.value)
        _assert_links_are_only_https_or_mailto(pdf, {"https://example.org/more"})
    else:
        assert not pdf.exists()
        problems = []
        for place in places():
            problem = (f"{path}:{place.line}:{place.column}: {place.field}: "
                       f"{case.refused.format(max=place.limit)}")
            if case.hint:
                problem += f"\n  hint: {case.hint}"
            problems.append(problem)
        expected = "error: " + "\n".join(problems) + "\n"
        assert expected in built.err, _career_errors(built.err, path)


def _career_errors(err: str, path: str) -> str:
    return "\n".join(line for line in err.splitlines() if path in line)[:2000]


def _assert_links_are_only_https_or_mailto(pdf: Path, expected: set[str]) -> None:
    reader = PdfReader(pdf, strict=True)
    uris = set()
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None:
                uris.add(str(action.get_object()["/URI"]))
    assert uris == expected
    assert all(uri.startswith(("https:", "mailto:")) for uri in uris)
    # Nothing in the file that could run, fetch or show something else: no such names
    # anywhere in its objects (text in strings does not count).
    names = pdf_names(reader)
    assert not names & FORBIDDEN, names & FORBIDDEN


FORBIDDEN = {"/JavaScript", "/JS", "/Launch", "/SubmitForm", "/ImportData", "/GoToR",
             "/GoToE", "/OpenAction", "/AA", "/EmbeddedFile", "/EmbeddedFiles", "/XObject",
             "/Image", "/RichMedia", "/Sound", "/Movie", "/XFA"}


def pdf_names(reader: PdfReader) -> set[str]:
    """Every PDF name used as a key or a value in any object of the file."""
    found: set[str] = set()
    seen: set[int] = set()

    def walk(obj: object) -> None:
        if isinstance(obj, IndirectObject):
            if obj.idnum in seen:
                return
            seen.add(obj.idnum)
            walk(obj.get_object())
        elif isinstance(obj, DictionaryObject):
            for key, value in obj.items():
                found.add(str(key))
                walk(value)
        elif isinstance(obj, ArrayObject):
            for item in obj:
                walk(item)
        elif isinstance(obj, NameObject):
            found.add(str(obj))

    walk(reader.trailer)
    return found
