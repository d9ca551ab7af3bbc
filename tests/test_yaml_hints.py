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
    ("an unquoted colon ending a value",
     MINIMAL.replace("summary: A short summary line.", "summary: What you need:  # see below"),
     f"{FILE}:5:23: a colon at the end of a value is not allowed without quotes\n"
     "  5 | summary: What you need:  # see below\n"
     "    |                       ^\n"
     '  hint: put the value in quotes: summary: "What you need:"'),
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


# Career records saved as .yml are read like .yaml ones, everywhere.

def _yml_project(project, name: str = "minimal", text: str = MINIMAL) -> Path:  # type: ignore[no-untyped-def]
    folder: Path = project()
    (folder / "data" / "careers" / f"{name}.yml").write_text(text, encoding="utf-8")
    return folder


def test_a_yml_record_is_listed_checked_and_built(project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = _yml_project(project)
    assert run("-C", folder, "list").out.startswith("careers:\n  minimal\nlayouts:\n")
    checked = run("-C", folder, "check")
    assert checked.code == 0, checked.err
    assert checked.out.endswith("6 fit, 0 failed\n")  # 3 layouts on 2 papers
    built = run("-C", folder, "build", "minimal", "--out", tmp_path)
    assert built.code == 0, built.err
    assert (tmp_path / "minimal-handout.pdf").is_file()


def test_a_yml_record_follows_the_id_rules(project, run) -> None:  # type: ignore[no-untyped-def]
    folder = _yml_project(project, text=MINIMAL.replace("id: minimal", "id: other"))
    result = run("-C", folder, "build", "minimal")
    assert result.code == 2
    assert result.err == ("error: data/careers/minimal.yml:2:5: id: is 'other' but the file is "
                          "named minimal.yml\n  hint: make them the same: id: minimal\n")
    badly_named = _yml_project(project, "Minimal Record")
    (badly_named / "data" / "careers" / "minimal.yml").unlink()
    result = run("-C", badly_named, "build", "Minimal Record")
    assert result.code == 2
    assert result.err == ("error: data/careers/Minimal Record.yml:2:5: id: is 'minimal' but the "
                          "file is named Minimal Record.yml\n"
                          "  hint: rename the file to minimal.yml\n")


def test_one_career_in_both_a_yaml_and_a_yml_file_is_refused(project, run) -> None:  # type: ignore[no-untyped-def]
    folder = _yml_project(project)
    (folder / "data" / "careers" / "minimal.yaml").write_text(MINIMAL, encoding="utf-8")
    assert run("-C", folder, "list").out.startswith("careers:\n  minimal\nlayouts:\n")
    result = run("-C", folder, "check")
    assert result.code == 2
    assert result.err == ("error: data/careers/minimal.yml:1:1: the career 'minimal' is also "
                          "in minimal.yaml\n  hint: keep one of the two files\n")


def test_new_does_not_write_beside_a_yml_record_of_the_same_id(project, run) -> None:  # type: ignore[no-untyped-def]
    folder = _yml_project(project)
    result = run("-C", folder, "new", "--soc", "29-2072", "--id", "minimal")
    assert result.code == 2
    assert result.err == ("error: data/careers/minimal.yml already exists; nothing written\n"
                          "  hint: edit it, or choose another name with --id\n")
    assert not (folder / "data" / "careers" / "minimal.yaml").exists()


def test_the_web_page_lists_a_yml_record(web) -> None:  # type: ignore[no-untyped-def]
    site = web()
    careers = site.root / "data" / "careers"
    (careers / "welder.yaml").rename(careers / "welder.yml")
    page = site.get("/").get_data(as_text=True)
    assert 'value="welder"' in page
    assert "3 careers" in page


def test_an_import_compares_the_figures_of_yml_records_too(tmp_path: Path) -> None:
    from brochure.importers.report import project_careers

    (tmp_path / "minimal.yml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("soc: 11-1011\n", encoding="utf-8")
    assert project_careers(tmp_path) == [("minimal", "29-2072")]


# A project without career records says where it looked, and check does not succeed.

LOOKED = "data/careers/ (looked for *.yaml and *.yml)"
START = ("  hint: run it in your project folder, or name the folder with -C DIR; to start a "
         "project, run 'brochure init DIR'\n")


@pytest.mark.parametrize("command", ["check", "build"])
def test_no_career_records_is_an_error_saying_where_it_looked(
        project, run, monkeypatch: pytest.MonkeyPatch, command: str) -> None:  # type: ignore[no-untyped-def]
    folder = project()
    (folder / "data" / "careers" / "notes.txt").write_text("id: minimal\n", encoding="utf-8")
    monkeypatch.chdir(folder)
    result = run(command)
    assert (result.code, result.out) == (2, "")
    assert result.err == f"error: no career records in {LOOKED}\n{START}"


def test_check_in_the_wrong_folder_names_the_folder_it_looked_in(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("-C", tmp_path, "check")
    assert (result.code, result.out) == (2, "")
    assert result.err == f"error: no career records in {tmp_path}/{LOOKED}\n{START}"


def test_list_without_career_records_says_where_it_looked(
        project, run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(project())
    result = run("list")
    assert result.code == 0
    assert result.out.startswith(f"careers:\n  none in {LOOKED}\nlayouts:\n")


def test_the_web_page_without_career_records_says_how_to_add_one(web) -> None:  # type: ignore[no-untyped-def]
    site = web()
    for path in (site.root / "data" / "careers").iterdir():
        path.unlink()
    page = " ".join(site.get("/").get_data(as_text=True).split())
    assert ('This project has no careers yet. Write one with "Write a new career" below, then '
            "reload this page.") in page
    assert 'id="new-career"' in page
