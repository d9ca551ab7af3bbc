"""The command line without surprises: file-system errors as plain messages, full help for
every command, -C anywhere, paper and state names in any case, no second record for a SOC
code by accident, branded files beside unbranded ones, import errors that name the file as
given, and no older figures over newer ones by accident (issue 17)."""

from __future__ import annotations

import builtins
import errno
import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import MINIMAL, ROOT, files_in
from publisher_files import oews_row, oews_workbook, projection_row, projections_workbook
from test_import import PUBLISHED

DENIED = "  hint: work in a folder you may write to, or change its permissions\n"


@pytest.fixture
def read_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Path], Path]]:
    """Make a folder read-only. Where permissions do not bind (root, some file systems), the
    operating system's refusal is simulated: creating a folder or opening a file for writing
    inside it raises the PermissionError the system would."""
    made: list[Path] = []

    def make(folder: Path) -> Path:
        folder.chmod(0o555)
        made.append(folder)
        probe = folder / ".probe"
        try:
            probe.mkdir()
        except PermissionError:
            return folder  # the real thing
        probe.rmdir()
        inside = folder.resolve()

        def refuse(path: Any) -> None:
            name = os.fsdecode(path)
            if Path(os.path.abspath(name)).is_relative_to(inside):
                raise PermissionError(errno.EACCES, "Permission denied", name)

        real_mkdir, real_open, real_os_open = os.mkdir, builtins.open, os.open

        def mkdir(path: Any, *args: Any, **kwargs: Any) -> None:
            if not os.path.lexists(path):  # an existing one is FileExistsError, as ever
                refuse(path)
            real_mkdir(path, *args, **kwargs)

        def open_(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
            if not isinstance(file, int) and set(mode) & set("wxa+"):
                refuse(file)
            return real_open(file, mode, *args, **kwargs)

        def os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
            if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
                refuse(path)
            return real_os_open(path, flags, *args, **kwargs)

        monkeypatch.setattr(os, "mkdir", mkdir)
        monkeypatch.setattr(builtins, "open", open_)
        monkeypatch.setattr(os, "open", os_open)
        return folder

    yield make
    for folder in made:
        folder.chmod(0o755)  # so that the test's folder can be removed


# ---- point 6: file-system errors are the user's to fix, not bugs -------------------------

def test_init_on_an_existing_file_says_so(run, tmp_path: Path,  # type: ignore[no-untyped-def]
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("notes.txt").write_text("my notes\n")
    result = run("init", "notes.txt")
    assert (result.code, result.out) == (2, "")
    assert result.err == ("error: notes.txt is a file, not a folder; no project started\n"
                          "  hint: give the name of a new folder, such as my-careers\n")
    assert Path("notes.txt").read_text() == "my notes\n"
    result = run("init", "notes.txt/fair")
    assert (result.code, result.err) == (
        2, "error: cannot start a project in notes.txt/fair: a part of the path is a file, "
           "not a folder\n  hint: check the path\n")


def test_init_in_a_read_only_folder_says_so_and_leaves_nothing(  # type: ignore[no-untyped-def]
        run, tmp_path: Path, read_only, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("shared").mkdir()
    read_only(Path("shared"))
    result = run("init", "shared/fair")
    assert (result.code, result.out) == (2, "")
    assert result.err == ("error: cannot start a project in shared/fair: permission denied\n"
                          + DENIED)
    assert list(Path("shared").iterdir()) == []


def test_new_in_a_read_only_project_says_so(project, run, read_only) -> None:  # type: ignore[no-untyped-def]
    folder = project()
    read_only(folder / "data" / "careers")
    result = run("-C", folder, "new", "--soc", "15-1252")
    assert (result.code, result.out) == (2, "")
    assert result.err == ("error: cannot write data/careers/software-developers.yaml: "
                          "permission denied\n" + DENIED)


def test_an_import_into_a_read_only_project_says_so(project, run, read_only,  # type: ignore[no-untyped-def]
                                                    tmp_path: Path) -> None:
    folder = project(minimal=MINIMAL)
    read_only(folder / "data")
    workbook = projections_workbook(tmp_path / "occupation.xlsx", 2026, [
        projection_row("Medical records specialists", "29-2072", 196.0, 212.5, 8.4, 15.1)])
    result = run("-C", folder, "import", "projections", workbook)
    assert (result.code, result.out) == (2, "")
    assert result.err == (f"error: cannot read or write {folder / 'data' / 'bls'}: "
                          "permission denied\n" + DENIED)
    assert "internal error" not in result.err and "bug" not in result.err


# ---- point 9: the command line's papercuts -----------------------------------------------

COMMANDS: list[tuple[list[str], str, list[tuple[str, str]]]] = [
    (["build"], "Build a brochure for each career named, or for every career in "
                "data/careers/, into the output folder",
     [("CAREER_ID", "a career's id: its file name in data/careers/ without .yaml")]),
    (["check"], "lay out every career in every layout on both papers, in memory", []),
    (["list"], "List the project's careers by id", []),
    (["schema"], "Print the JSON Schema of a career record", []),
    (["init"], "Start a project folder: data/careers/ with an example career",
     [("DIR", "the folder to start: a new one, or an existing folder that is not a project "
              "yet")]),
    (["new"], "Write data/careers/<id>.yaml for an occupation in the BLS tables", []),
    (["serve"], "Serve a page to open in your web browser", []),
    (["import"], "Refresh the project's BLS tables (data/bls/) or its copy of O*NET", []),
    (["import", "oews"], "Replace the national or the state pay and jobs figures (OEWS)",
     [("FILE", "BLS's national_M<year>_dl.xlsx or state_M<year>_dl.xlsx, or its flat file "
               "oe.data.0.Current")]),
    (["import", "projections"], "Replace the outlook and entry-education figures",
     [("FILE", "BLS's occupation.xlsx, which holds Table 1.2")]),
    (["import", "onet"], "Copy O*NET's database files into data/onet/",
     [("FOLDER_OR_FILE", "the folder of O*NET's database files, text or Excel")]),
]


@pytest.mark.parametrize(("command", "description", "arguments"), COMMANDS,
                         ids=[" ".join(c[0]) for c in COMMANDS])
def test_every_command_explains_itself_and_its_arguments(  # type: ignore[no-untyped-def]
        run, command: list[str], description: str, arguments: list[tuple[str, str]]) -> None:
    result = run(*command, "--help")
    assert result.code == 0
    text = " ".join(result.out.split())  # as wrapped for any terminal's width
    assert description in text
    for name, explained in arguments:
        assert f"positional arguments: {name} {explained}" in text
    if command not in (["init"], ["schema"]):  # they work on no project
        assert "the project folder (default: the current folder); before or after the " \
               "command" in text


def test_the_project_folder_may_be_given_after_the_command(project, run,  # type: ignore[no-untyped-def]
                                                           tmp_path: Path) -> None:
    folder = project(minimal=MINIMAL)
    assert run("list", "-C", folder).out.startswith("careers:\n  minimal\n")
    assert run("-C", tmp_path / "nowhere", "list", "--project", folder).code == 0
    result = run("build", "-C", tmp_path / "nowhere")
    assert (result.code, result.err) == (2, f"error: no project folder at {tmp_path}/nowhere\n")
    result = run("build", "--out", tmp_path / "out", "-C", folder, "-j1")
    assert result.code == 0, result.err
    assert files_in(tmp_path / "out") == ["minimal-handout.pdf"]
    result = run("import", "oews", "--dry-run", "-C", folder, tmp_path / "missing.xlsx")
    assert result.err == f"error: {tmp_path}/missing.xlsx:1:1: no such file\n"


def test_paper_and_state_are_taken_in_any_case(project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL)
    out = tmp_path / "out"
    result = run("-C", folder, "build", "--paper", "A4", "--state", "tx", "--out", out)
    assert result.code == 0, result.err
    result = run("-C", folder, "build", "--paper", "Letter", "--state", "NEW YORK", "--out", out)
    assert result.code == 0, result.err
    assert files_in(out) == ["minimal-handout-ny.pdf", "minimal-handout-tx-a4.pdf"]
    (folder / "brochure.yaml").write_text("paper: A4\n")
    result = run("-C", folder, "build", "--out", out)
    assert result.code == 0, result.err
    assert "minimal-handout-a4.pdf" in files_in(out)
    (folder / "brochure.yaml").write_text("paper: Legal\n")
    result = run("-C", folder, "build", "--out", out)
    assert (result.code, result.err) == (2, "error: brochure.yaml:1:8: paper: must be one of "
                                            "'letter' or 'a4', got 'Legal'\n")
    result = run("build", "--paper", "Legal")
    assert result.code == 2
    assert "argument --paper: invalid choice: 'legal' (choose from " in result.err
    help_text = " ".join(run("build", "--help").out.split())
    assert "paper size, letter or a4, in any case" in help_text
    assert "its two-letter code such as TX, or its name such as Texas, in any case" in help_text


def test_new_stops_at_a_second_record_for_the_same_soc_code(project, run) -> None:  # type: ignore[no-untyped-def]
    # The README's example, in a project that has the shipped software developer.
    folder = project(software_developer=(ROOT / "data" / "careers" /
                                         "software-developer.yaml").read_text())
    result = run("-C", folder, "new", "--soc", "15-1252")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "error: data/careers/software-developer.yaml already covers SOC code 15-1252; "
        "nothing written\n"
        "  hint: edit it, or give --id to write another record for the same code\n")
    assert sorted(p.name for p in (folder / "data" / "careers").iterdir()) == [
        "software-developer.yaml"]
    # Asked for by name, a second record is written, with a warning.
    result = run("-C", folder, "new", "--soc", "15-1252", "--id", "web-developer")
    assert result.code == 0, result.err
    assert result.err == ("warning: data/careers/software-developer.yaml already covers SOC "
                          "code 15-1252\n")
    assert result.out.startswith("wrote data/careers/web-developer.yaml\n")
    result = run("-C", folder, "new", "--soc", "15-1252", "--id", "game-developer")
    assert result.err == ("warning: data/careers/software-developer.yaml and "
                          "data/careers/web-developer.yaml already cover SOC code 15-1252\n")


def test_a_branded_build_never_replaces_the_unbranded_one(project, run,  # type: ignore[no-untyped-def]
                                                          tmp_path: Path) -> None:
    folder = project(minimal=MINIMAL)
    out = tmp_path / "out"
    assert run("-C", folder, "build", "--out", out).code == 0
    plain = (out / "minimal-handout.pdf").read_bytes()
    riverside = shutil.copy(ROOT / "examples" / "brand.yaml", tmp_path / "brand.yaml")
    shutil.copy(ROOT / "examples" / "logo.png", tmp_path / "logo.png")
    (tmp_path / "school.yaml").write_text("primary: '#0e6b5a'\n")  # no organisation
    (tmp_path / "tx.yaml").write_text("organisation: TX\n")  # not the Texas file
    for brand in (riverside, tmp_path / "school.yaml", tmp_path / "tx.yaml"):
        result = run("-C", folder, "build", "--brand", brand, "--out", out)
        assert result.code == 0, result.err
    assert run("-C", folder, "build", "--state", "TX", "--out", out).code == 0
    assert files_in(out) == ["minimal-handout--riverside-community-college.pdf",
                             "minimal-handout--school.pdf", "minimal-handout--tx.pdf",
                             "minimal-handout-tx.pdf", "minimal-handout.pdf"]
    assert (out / "minimal-handout.pdf").read_bytes() == plain
    # brochure.yaml's brand names the files the same way
    (folder / "brochure.yaml").write_text(f"brand: {riverside}\n")
    again = run("-C", folder, "build", "--out", out)
    assert again.out.endswith("0 built, 1 unchanged, 0 failed\n")


@pytest.mark.parametrize(("organisation", "name"), [
    ("Riverside Community College Careers Centre", "riverside-community-college"),
    ("Lycée Française de Montréal", "lycee-francaise-de-montreal"),
    ("St. John's / ../../etc", "st-john-s-etc"),
    ("Supercalifragilisticexpialidocious Academy", "supercalifragilisticexpialidoc"),
])
def test_the_brand_part_of_a_file_name_is_plain(organisation: str, name: str) -> None:
    from brochure.model.brand import file_slug

    assert file_slug(organisation) == name
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name) and len(name) <= 30


def test_import_errors_name_the_file_as_given(project, run, tmp_path: Path,  # type: ignore[no-untyped-def]
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    folder = project(minimal=MINIMAL)
    monkeypatch.chdir(tmp_path)
    for source, given, message in [
            ("oews", "../downloads/nonexistent.xlsx", "no such file"),
            ("projections", "downloads/occupation.xlsx", "no such file"),
            ("onet", "downloads/db_29_3_text", "no such file or folder")]:
        result = run("-C", folder, "import", source, given)
        assert (result.code, result.err) == (2, f"error: {given}:1:1: {message}\n")


MRS = ("29-2072", "Medical Records Specialists")


def _national(folder: Path, year: int) -> Path:
    return oews_workbook(folder / f"national_M{year}_dl.xlsx", year, [
        oews_row("99", "U.S.", "1", "US", *MRS, 200100, (38000, 44000, 50250, 66000, 77000))])


def test_older_figures_are_refused_unless_forced(project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL)  # its figures: the shipped tables, OEWS May 2025
    older = _national(tmp_path, 2024)
    result = run("-C", folder, "import", "oews", older)
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "error: OEWS May 2024 (national) is older than what you have (May 2025); nothing "
        "written\n  hint: add --force to import the older figures all the same, or "
        "--dry-run to see what would change\n")
    assert not (folder / "data" / "bls").exists()
    result = run("-C", folder, "import", "oews", "--dry-run", older)
    assert result.code == 0, result.err
    assert ("warning: OEWS May 2024 (national) is older than what you have (May 2025); a "
            "real import needs --force\n") in result.out
    result = run("-C", folder, "import", "oews", "--force", older)
    assert result.code == 0, result.err
    assert ("warning: OEWS May 2024 (national) is older than what you have (May 2025); "
            "imported as asked (--force)\n") in result.out
    assert "minimal (29-2072): $51,140 → $50,250 (May 2025 → May 2024)" in result.out
    assert (folder / "data" / "bls").is_dir()
    # the same year again, or a newer one, needs nothing
    assert run("-C", folder, "import", "oews", _national(tmp_path, 2026)).code == 0

    projections = projections_workbook(tmp_path / "occupation.xlsx", 2023, [
        projection_row("Medical records specialists", "29-2072", 196.0, 212.5, 8.4, 15.1)])
    result = run("-C", folder, "import", "projections", projections)
    assert (result.code, result.err) == (
        2, "error: Employment Projections 2023–33 is older than what you have (2024–34); "
           "nothing written\n  hint: add --force to import the older figures all the same, "
           "or --dry-run to see what would change\n")


@pytest.mark.skipif(not (PUBLISHED / "national_M2024_dl.xlsx").is_file(),
                    reason="BLS's published files are not beside the repository")
def test_bls_may_2024_file_over_may_2025_is_refused(project, run) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL)
    result = run("-C", folder, "import", "oews", PUBLISHED / "national_M2024_dl.xlsx")
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith("error: OEWS May 2024 (national) is older than what you "
                                 "have (May 2025); nothing written\n")
