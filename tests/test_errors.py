"""Every schema message, pinned: one bad record per message, built through the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINIMAL

FILE = "data/careers/minimal.yaml"

CASES = [
    # (what is wrong, text replaced in the minimal record, replacement, expected message)
    # The misspelt key is the one problem: not also 'summary: this field is required'.
    ("misspelt key", "summary:", "sumary:",
     f"{FILE}:5:1: sumary: unknown field\n  hint: did you mean 'summary'?"),
    ("misspelt nested key", "  schedule:", "  shedule:",
     f"{FILE}:12:3: role.shedule: unknown field\n  hint: did you mean 'schedule'?"),
    ("unknown nested key", "  schedule: Full time.", "  schedule: Full time.\n  shedule: x",
     f"{FILE}:13:3: role.shedule: unknown field\n  hint: did you mean 'schedule'?"),
    ("missing field", "  time_to_enter: 1 year\n", "",
     f"{FILE}:17:3: education.time_to_enter: this field is required"),
    ("NO read as false", "summary: A short summary line.", "summary: NO",
     f"{FILE}:5:10: summary: expected text, got 'NO'\n"
     "  hint: YAML reads NO as false; put it in quotes: \"NO\""),
    ("unquoted date", "  schedule: Full time.", "  schedule: 2026-09-01",
     f"{FILE}:12:13: role.schedule: expected text, got '2026-09-01'\n"
     "  hint: YAML reads 2026-09-01 as a date; put it in quotes: \"2026-09-01\""),
    ("sexagesimal time", "  time_to_enter: 1 year", "  time_to_enter: 12:30",
     f"{FILE}:18:18: education.time_to_enter: expected text, got '12:30'\n"
     "  hint: YAML reads 12:30 as the number 750; put it in quotes: \"12:30\""),
    ("octal-looking number", "title: Test Career", "title: 010",
     f"{FILE}:3:8: title: expected text, got '010'\n"
     "  hint: YAML reads 010 as the number 8; put it in quotes: \"010\""),
    ("number for a year", "year: 2026}", "year: forty}",
     f"{FILE}:24:31: sources[0].year: expected a whole number, got 'forty'"),
    ("too few duties", "    - Third duty.\n", "",
     f"{FILE}:8:5: role.duties: needs at least 3 items, got 2"),
    ("empty list of paths",
     "  paths:\n    - {name: Certificate, length: 1 year, credential: Certificate}",
     "  paths: []",
     f"{FILE}:19:10: education.paths: needs at least 1 item, got 0"),
    ("too long", "summary: A short summary line.", "summary: " + "x" * 250,
     f"{FILE}:5:10: summary: too long: 250 characters; at most 200 fit here\n"
     "  hint: shorten it; the page has room for a sentence or two"),
    ("empty text", "title: Test Career", "title: ''",
     f"{FILE}:3:8: title: must not be empty"),
    ("bad id", "id: minimal", "id: Minimal_One",
     f"{FILE}:2:5: id: must be lower-case letters, digits and single hyphens, like "
     "'medical-records-technician', got 'Minimal_One'"),
    ("id differs from file name", "id: minimal", "id: other",
     f"{FILE}:2:5: id: is 'other' but the file is named minimal.yaml\n"
     "  hint: make them the same: id: minimal"),
    ("bad SOC", "soc: 29-2072", "soc: '292072'",
     f"{FILE}:4:6: soc: must be a SOC code like 29-2072, got '292072'"),
    ("unknown SOC", "soc: 29-2072", "soc: 29-2079",
     f"{FILE}:4:6: soc: SOC code 29-2079 is not in the BLS tables\n"
     "  hint: did you mean 29-2072 (Medical Records Specialists) or 29-2081 (Opticians, "
     "Dispensing) or 29-2090 (Miscellaneous Health Technologists and Technicians)?"),
    ("plain http link", "https://example.org/more", "http://example.org/more",
     f"{FILE}:22:31: more_info.url: must be a full https:// address"),
    ("year out of range", "year: 2026}", "year: 26}",
     f"{FILE}:24:31: sources[0].year: must be at least 1990, got 26"),
    ("list where text belongs", "  schedule: Full time.", "  schedule: [a, b]",
     f"{FILE}:12:13: role.schedule: expected text, got a list"),
    ("text where a list belongs", "  workplaces: [Hospitals]", "  workplaces: Hospitals",
     f"{FILE}:11:15: role.workplaces: expected a list (lines starting with '- '), "
     "got 'Hospitals'"),
    ("text where a group belongs", "more_info: {label: More, url: \"https://example.org/more\"}",
     "more_info: https://example.org/more",
     f"{FILE}:22:12: more_info: expected a group of fields (key: value lines), "
     "got 'https://example.org/more'"),
    ("control character", "title: Test Career", "title: \"Test\\u0007Career\"",
     f"{FILE}:3:8: title: contains a control or unassigned character (U+0007); remove it"),
    ("bidi override", "title: Test Career", "title: \"Test\\u202eCareer\"",
     f"{FILE}:3:8: title: contains a bidirectional control character (U+202E); remove it"),
    ("character the typeface lacks", "title: Test Career", "title: Test 漢字 Career",
     f"{FILE}:3:8: title: the typeface cannot print '字' (U+5B57), '漢' (U+6F22)\n"
     "  hint: replace or remove the character"),
    ("override without a source", "sources:",
     "figures:\n  pay: {year: 2025, median: 50000}\nsources:",
     f"{FILE}:24:8: figures.pay.source: this field is required"),
]


@pytest.mark.parametrize(("old", "new", "expected"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_each_problem_has_one_exact_located_message(project, run, old: str, new: str,
                                                    expected: str) -> None:  # type: ignore[no-untyped-def]
    assert old in MINIMAL
    folder = project(minimal=MINIMAL.replace(old, new, 1))
    result = run("-C", folder, "build", "minimal")
    assert result.code == 2
    assert result.err == f"error: {expected}\n"
    assert "Traceback" not in result.err
    assert not (folder / "output").exists() or not any((folder / "output").iterdir())


def test_all_problems_in_a_file_are_reported_at_once(project, run) -> None:  # type: ignore[no-untyped-def]
    text = MINIMAL.replace("title: Test Career", "titel: Test Career").replace(
        "year: 2026}", "year: 26}")
    result = run("-C", project(minimal=text), "build")
    assert result.code == 2
    assert result.err.count(FILE) == 2  # titel (did you mean title?), bad year
    assert "did you mean 'title'?" in result.err


def test_minimal_record_is_valid_and_builds(project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("-C", project(minimal=MINIMAL), "build", "--out", tmp_path / "out")
    assert result.code == 0, result.err
    assert (tmp_path / "out" / "minimal-handout.pdf").is_file()


def test_errors_keep_their_hint_apart_and_survive_the_trip_from_a_worker(tmp_path: Path) -> None:
    """The command line and the page word an error from its fields; a build's workers send
    errors back to the parent whole."""
    import pickle

    from brochure.errors import DataError, FitError, Place, Problem, unknown
    from brochure.output.build import OutputBusy

    error = unknown("layout", "handot", ["flyer", "handout"])
    assert (error.message, error.hint) == ("no layout named 'handot'", "did you mean 'handout'?")
    assert str(error) == "no layout named 'handot'\n  hint: did you mean 'handout'?"
    busy = OutputBusy(tmp_path)
    assert (busy.message, busy.hint) == (
        f"another build is writing {tmp_path}/; nothing was built",
        "wait for it to finish, or use --out to build into another folder")
    fit = FitError("minimal", "handout", "a4", 1, "body", ("duties",), 30.4, 9.0, FILE,
                   (Place("role.duties", 7, 3),))
    assert (fit.message, fit.hint) == (
        f"{FILE}:7:3: role.duties: too long for the handout (A4), page 1, box 'body', by "
        "30 pt (0.42 in) even at 9 pt", "shorten these fields: role.duties (line 7)")
    data = DataError([Problem(FILE, 5, 1, "sumary", "unknown field", "did you mean 'summary'?")])
    assert data.hint is None and data.problems[0].hint == "did you mean 'summary'?"
    for sent in (error, busy, fit, data):
        back = pickle.loads(pickle.dumps(sent))
        assert type(back) is type(sent) and back.__dict__ == sent.__dict__
        assert str(back) == str(sent)
