"""The commonest YAML slips, each in plain words with its line shown and a caret under the
column; and career records saved as .yml, read like .yaml ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINIMAL

FILE = "data/careers/minimal.yaml"
LONG = "x" * 100

# (what, the record's text, what `build` prints after "error: ")
SLIPS = [
    ("a field indented less than the fields beside it",
     MINIMAL.replace("  schedule: Full time.", " schedule: Full time."),
     f"{FILE}:12:2: wrong indentation: this line is indented 1 space, which lines it up with "
     "nothing above it\n"
     "  12 |  schedule: Full time.\n"
     "     |  ^\n"
     "  hint: start it 2 spaces in (like line 11) or at the beginning of the line (like line "
     "6); the lines of one group start in the same column"),
    ("a field indented more than the one above",
     MINIMAL.replace("  skills:", "   skills:"),
     f"{FILE}:13:4: wrong indentation: this line is indented 3 spaces, further than line 12 "
     "above it, so YAML reads it as more of line 12's value\n"
     "  13 |    skills:\n"
     "     |    ^\n"
     "  hint: start it 2 spaces in (like line 12); the lines of one group start in the same "
     "column"),
    ("a list item indented less than the one above",
     MINIMAL.replace("    - Second duty.", "   - Second duty."),
     f"{FILE}:9:4: wrong indentation: this line is indented 3 spaces, which lines it up with "
     "nothing above it\n"
     "  9 |    - Second duty.\n"
     "    |    ^\n"
     "  hint: start it 4 spaces in (like line 8) or 2 spaces in (like line 7); the lines of "
     "one group start in the same column"),
    ("a wrapped value whose second line is not indented",
     MINIMAL.replace("summary: A short summary line.", "summary: A short\nsummary line."),
     f"{FILE}:6:1: this line is not a field (name: value), nor indented as part of the value "
     "above it\n"
     "  6 | summary line.\n"
     "    | ^\n"
     "  hint: if it continues the text of line 5, indent it further than line 5, or join the "
     "two lines; if it is a field, write it as name: value"),
    ("a tab indenting a line",
     MINIMAL.replace("  schedule: Full time.", "\tschedule: Full time."),
     f"{FILE}:12:1: a tab indents this line; YAML allows only spaces for indenting\n"
     "  12 | →schedule: Full time.\n"
     "     | ^\n"
     "  hint: replace the tab with spaces, lined up with the lines around it; most editors "
     "can be set to type spaces when Tab is pressed"),
    ("a tab after the spaces of an indent",
     MINIMAL.replace("    - Second duty.", "  \t- Second duty."),
     f"{FILE}:9:3: a tab indents this line; YAML allows only spaces for indenting\n"
     "  9 |   →- Second duty.\n"
     "    |   ^\n"
     "  hint: replace the tab with spaces, lined up with the lines around it; most editors "
     "can be set to type spaces when Tab is pressed"),
    ("an unquoted colon in a value",
     MINIMAL.replace("summary: A short summary line.",
                     "summary: Nurses: they care for patients."),
     f"{FILE}:5:16: a colon followed by a space is not allowed inside a value without quotes\n"
     "  5 | summary: Nurses: they care for patients.\n"
     "    |                ^\n"
     '  hint: put the value in quotes: summary: "Nurses: they care for patients."'),
    ("an unquoted colon in a value holding a double quote",
     MINIMAL.replace("summary: A short summary line.",
                     "summary: The \"why\": they care, don't they."),
     f"{FILE}:5:19: a colon followed by a space is not allowed inside a value without quotes\n"
     "  5 | summary: The \"why\": they care, don't they.\n"
     "    |                   ^\n"
     "  hint: put the value in quotes: summary: 'The \"why\": they care, don''t they.'"),
    ("an unquoted colon far along a long line",
     MINIMAL.replace("summary: A short summary line.", f"summary: {LONG} Note: {LONG}"),
     f"{FILE}:5:115: a colon followed by a space is not allowed inside a value without "
     "quotes\n"
     f"  5 | …{'x' * 33} Note: {'x' * 36}…\n"
     f"    | {' ' * 39}^\n"
     '  hint: put the value in quotes: summary: "…"'),
    ("a colon with no space after it",
     MINIMAL.replace("title: Test Career", "title:Test Career"),
     f"{FILE}:3:6: a colon must be followed by a space\n"
     "  3 | title:Test Career\n"
     "    |      ^\n"
     "  hint: write title: Test Career"),
    ("a list item with a colon",
     MINIMAL.replace("  workplaces: [Hospitals]",
                     "  workplaces:\n    - Hospitals: inpatient units"),
     f"{FILE}:12:7: role.workplaces[0]: expected text, got 'Hospitals: inpatient units'\n"
     "  12 |     - Hospitals: inpatient units\n"
     "     |       ^\n"
     "  hint: YAML reads a colon and a space as a field name and its value; put it in quotes: "
     '"Hospitals: inpatient units"'),
    ("an item with a colon in a [list]",
     MINIMAL.replace("  workplaces: [Hospitals]",
                     "  workplaces: [Clinics, Hospitals: inpatient units]"),
     f"{FILE}:11:25: role.workplaces[1]: expected text, got 'Hospitals: inpatient units'\n"
     "  11 |   workplaces: [Clinics, Hospitals: inpatient units]\n"
     "     |                         ^\n"
     "  hint: YAML reads a colon and a space as a field name and its value; put it in quotes: "
     '"Hospitals: inpatient units"'),
    ("a value that is only a comment",
     MINIMAL.replace("  schedule: Full time.", "  schedule: # fill in later"),
     f"{FILE}:12:13: role.schedule: has no value, because # starts a comment in YAML and "
     "everything after it is left out\n"
     "  12 |   schedule: # fill in later\n"
     "     |             ^\n"
     "  hint: write the value before the #, or put a value starting with # in quotes"),
]


@pytest.mark.parametrize(("text", "expected"), [s[1:] for s in SLIPS],
                         ids=[s[0] for s in SLIPS])
def test_a_common_yaml_slip_gets_plain_words_its_line_and_a_hint(project, run, text: str,
                                                                 expected: str) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=text)
    result = run("-C", folder, "build", "minimal")
    assert result.err == f"error: {expected}\n"
    assert result.code == 2
    assert not (folder / "output").exists()


BRAND = "organisation: Northside College\nprimary: {}\naccent: '#b45309'\n"


@pytest.mark.parametrize("written", ["#0e6b5a", "#0e6b5a   # dark green"])
def test_a_brand_colour_after_which_yaml_sees_a_comment_says_to_quote_it(
        project, run, written: str) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL)
    (folder / "brand.yaml").write_text(BRAND.format(written), encoding="utf-8")
    result = run("-C", folder, "build", "--brand", folder / "brand.yaml")
    assert result.code == 2
    assert result.err == (
        "error: brand.yaml:2:10: primary: has no value, because # starts a comment in YAML "
        "and everything after it is left out\n"
        f"  2 | primary: {written}\n"
        "    |          ^\n"
        '  hint: put the value in quotes: primary: "#0e6b5a"\n')


def test_the_quoted_colour_of_the_hint_is_read(project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL)
    (folder / "brand.yaml").write_text(BRAND.format('"#0e6b5a"'), encoding="utf-8")
    result = run("-C", folder, "build", "--brand", folder / "brand.yaml", "--out", tmp_path)
    assert result.code == 0, result.err
