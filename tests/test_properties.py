"""Property tests: random valid records build (or overflow cleanly); random invalid ones are
refused cleanly, with every problem located."""

from __future__ import annotations

import contextlib
import io
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brochure.cli import main
from brochure.figures.tables import Tables
from brochure.project import Project, standard_folder
from conftest import assert_valid_pdf, pdf_text

PDF = "random-handout.pdf"
FILE = "data/careers/random.yaml"
SETTINGS = settings(deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Letters every face of the typeface has, markup characters, and a few that YAML treats
# specially; the emitter quotes whatever needs quoting.
ALPHABET = ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
            "     .,;:!?'\"<>&/()[]{}#%*+-=_@$~^|\\`"
            "áàâäãåæçéèêëíìîïñóòôöõøœúùûüýÿßđĐơƠưƯệỹắọữŁłŞşȘșĞğİı–—‘’“”…€£•")
SOCS = ["29-2072", "29-1141", "15-1252", "47-2111", "35-2014", "53-3032", "25-2021"]
OVERFLOW = re.compile(rf"error: {re.escape(FILE)}:\d+:\d+: ([a-z_.]+): too long for the handout "
                      r"\(Letter\), page [12], box '[a-z-]+', by \d+ pt \(\d+\.\d\d in\) even at "
                      r"9 pt\n  hint: shorten these fields: \1 \(line \d+\)"
                      r"(, [a-z_.\[\]0-9]+ \(line \d+\))*\n")
LOCATED = re.compile(rf"(error: )?{re.escape(FILE)}:\d+:\d+: \S.*|  hint: \S.*")


@cache
def tables() -> Tables:
    return Tables(standard_folder() / "data" / "bls")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties")


@pytest.fixture(scope="module", autouse=True)
def _tables_read_once() -> Iterator[None]:
    # Reading the BLS tables takes longer than a build; they are not what these properties
    # are about, so every run in this module shares one copy.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Project, "tables", property(lambda self: tables()))
        yield


def text(limit: int) -> st.SearchStrategy[str]:
    return st.builds(lambda first, rest: first + rest,
                     st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZĐŁabcdefghijklmnopqrstuvwxyzé"),
                     st.text(ALPHABET, max_size=limit - 1))


# Up to the schema's limits (80 for names, 200 for sentences, lists to their maximum), so
# that some records are too long for the page and must fail with the overflow message.
NAME, LINE = text(80), text(200)
URL = st.builds(lambda path: f"https://example.org/{path}",
                st.text("abcdefghijklmnopqrstuvwxyz0123456789-._~/?=&%", max_size=40))


def items(strategy: st.SearchStrategy[Any], low: int, high: int) -> st.SearchStrategy[Any]:
    return st.lists(strategy, min_size=low, max_size=high)


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


def record_dict(**fields: Any) -> st.SearchStrategy[dict[str, Any]]:
    """A dict strategy; optional fields drawn as None are left out."""
    return st.fixed_dictionaries(fields).map(
        lambda d: {k: v for k, v in d.items() if v is not None and v != []})


PAY = st.lists(st.integers(10_000, 400_000), min_size=5, max_size=5).map(sorted).map(
    lambda p: {"source": "Test survey", "year": 2025, "median": p[2], "pct10": p[0],
               "pct25": p[1], "pct75": p[3], "pct90": p[4]})

RECORDS = record_dict(
    id=st.just("random"),
    title=NAME,
    other_titles=items(NAME, 0, 6),
    soc=st.sampled_from(SOCS),
    summary=LINE,
    role=record_dict(
        duties=items(LINE, 3, 10),
        workplaces=items(NAME, 1, 10),
        schedule=LINE,
        skills=items(record_dict(name=NAME, why=LINE), 2, 8),
        tools=items(NAME, 0, 10)),
    education=record_dict(
        typical_entry=LINE,
        time_to_enter=NAME,
        paths=items(record_dict(name=NAME, length=NAME, credential=NAME), 1, 5),
        courses=items(NAME, 0, 10),
        certifications=items(record_dict(name=NAME, abbreviation=optional(text(8)),
                                         issuer=NAME, note=optional(LINE)), 0, 6),
        accreditation=optional(LINE)),
    advancement=items(LINE, 0, 6),
    specialisations=items(record_dict(name=NAME, what=LINE), 0, 6),
    first_steps=items(LINE, 2, 6),
    more_info=record_dict(label=NAME, url=URL),
    sources=items(record_dict(name=LINE, year=st.integers(1990, 2100), url=optional(URL),
                              note=optional(LINE)), 1, 8),
    figures=optional(record_dict(pay=PAY)),
)


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(record: Any) -> str:
    return yaml.dump(record, Dumper=_NoAliases, allow_unicode=True, sort_keys=False,
                     width=10_000)


@dataclass
class Result:
    code: int
    out: str
    err: str
    folder: Path


def build(workdir: Path, text: str) -> Result:
    folder = Path(tempfile.mkdtemp(dir=workdir))
    (folder / "data" / "careers").mkdir(parents=True)
    (folder / FILE).write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["-C", str(folder), "build", "--out", str(folder / "out")])
    return Result(code, out.getvalue(), err.getvalue(), folder)


def printed(value: str) -> str:
    return "".join(unicodedata.normalize("NFC", value).split())


@settings(SETTINGS, max_examples=25)
@given(record=RECORDS)
def test_random_valid_records_build_or_overflow_cleanly(workdir: Path,
                                                        record: dict[str, Any]) -> None:
    result = build(workdir, dump(record))
    pdf = result.folder / "out" / PDF
    assert "Traceback" not in result.err and "internal error" not in result.err
    if result.code == 0:
        assert result.err == ""
        assert_valid_pdf(pdf)
        page = "".join(" ".join(pdf_text(pdf)).split())
        for value in (record["title"], record["summary"], record["role"]["duties"][-1],
                      record["more_info"]["label"]):
            assert printed(value) in page, value
    else:
        assert result.code == 1, result.err
        assert OVERFLOW.fullmatch(result.err), result.err
        assert not pdf.exists()


# Mutations that make a valid record invalid. Each returns the field the message must name
# (or None when the whole file is refused before fields are read).

def _strings(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, (*path, i))
    elif isinstance(node, str):
        yield path


def _mappings(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(node, dict):
        yield path
        for key, value in node.items():
            yield from _mappings(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _mappings(value, (*path, i))


def _get(node: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        node = node[part]
    return node


def _dotted(path: tuple[Any, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


OPTIONAL = {"abbreviation", "note", "accreditation"}
BAD_TEXT = [
    lambda s, n: s[: n % (len(s) + 1)] + "\x07" + s[n % (len(s) + 1):],
    lambda s, n: s[: n % (len(s) + 1)] + "\u202e" + s[n % (len(s) + 1):],
    lambda s, n: s + "\ufdd0",
    lambda s, n: "x" * (301 + n),
    lambda s, n: "",
    lambda s, n: " \t " * (1 + n % 3),
    lambda s, n: n,
    lambda s, n: n % 2 == 0,
    lambda s, n: [s],
    lambda s, n: {"text": s},
]


@st.composite
def invalid(draw: st.DrawFn) -> tuple[str, str | None]:
    record = draw(RECORDS)
    kind = draw(st.sampled_from(["text", "missing", "unknown", "too many", "too few", "id",
                                 "soc", "unquoted", "tag", "anchor", "duplicate"]))
    n = draw(st.integers(0, 1000))
    if kind == "text":
        path = draw(st.sampled_from(sorted(_strings(record), key=str)))
        bad = draw(st.sampled_from(BAD_TEXT))(_get(record, path), n)
        if path[-1] in OPTIONAL or (path[0] == "sources" and path[-1] == "url"):
            bad = bad if bad is not None else "\x07"
        _get(record, path[:-1])[path[-1]] = bad
        return dump(record), _dotted(path)
    if kind == "missing":
        path = draw(st.sampled_from([("title",), ("summary",), ("role", "duties"),
                                     ("role", "schedule"), ("education", "paths"),
                                     ("more_info", "url"), ("sources",), ("first_steps",)]))
        del _get(record, path[:-1])[path[-1]]
        return dump(record), _dotted(path)
    if kind == "unknown":
        path = draw(st.sampled_from(sorted(_mappings(record), key=str)))
        name = draw(st.sampled_from(["titel", "shedule", "extra", "Summary", "why_not"]))
        _get(record, path)[name] = "x"
        return dump(record), _dotted((*path, name))
    if kind == "too many":
        record["role"]["duties"] = record["role"]["duties"] * 4  # 12 or more
        return dump(record), "role.duties"
    if kind == "too few":
        record["first_steps"] = record["first_steps"][:1]
        return dump(record), "first_steps"
    if kind == "id":
        record["id"] = draw(st.sampled_from(["Random", "random_1", "../random", "", "other"]))
        return dump(record), "id"
    if kind == "soc":
        record["soc"] = draw(st.sampled_from(["99-9999", "292072", "29-20721", "", "x"]))
        return dump(record), "soc"
    text = dump(record)
    if kind == "unquoted":
        word = draw(st.sampled_from(["NO", "yes", "~", "010", "12:30", "2026-09-01", ".inf"]))
        return re.sub(r"^summary: .*$", f"summary: {word}", text, count=1,
                      flags=re.M), "summary"
    if kind == "tag":
        return re.sub(r"^title: ", "title: !!str ", text, count=1, flags=re.M), None
    if kind == "anchor":
        return re.sub(r"^title: ", "title: &t ", text, count=1, flags=re.M), None
    return text + "title: again\n", "title"  # duplicate key


@settings(SETTINGS, max_examples=60)
@given(case=invalid())
def test_random_invalid_records_are_refused_with_located_messages(
        workdir: Path, case: tuple[str, str | None]) -> None:
    text, field = case
    result = build(workdir, text)
    assert result.code == 2, result.err
    assert "Traceback" not in result.err and "internal error" not in result.err
    assert result.err.startswith(f"error: {FILE}:")
    for line in result.err.splitlines():
        assert LOCATED.fullmatch(line), line
    if field is not None:
        assert f": {field}: " in result.err, (field, result.err)
    assert not (result.folder / "out" / PDF).exists()
