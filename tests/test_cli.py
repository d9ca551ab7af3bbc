"""The command line: list, schema, check, init, usage errors and exit codes."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from conftest import MINIMAL, ROOT, files_in, pdf_text


def test_list_shows_careers_and_layouts(run) -> None:  # type: ignore[no-untyped-def]
    result = run("-C", ROOT, "list")
    assert result.code == 0
    careers = sorted(p.stem for p in (ROOT / "data" / "careers").glob("*.yaml"))
    assert len(careers) >= 100
    assert result.out.startswith("careers:\n" + "".join(f"  {c}\n" for c in careers))
    assert "layouts:\n  flyer        One portrait page" in result.out
    assert "\n  handout      Two portrait pages, printed on both sides" in result.out
    assert "\n  trifold      One landscape sheet" in result.out


def test_schema_is_json_schema_for_the_career_record(run) -> None:  # type: ignore[no-untyped-def]
    result = run("schema")
    assert result.code == 0
    schema = json.loads(result.out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "Career"
    assert {"id", "title", "soc", "summary", "role", "education", "first_steps",
            "more_info", "sources"} <= set(schema["required"])
    role = schema["$defs"]["Role"]["properties"]
    assert role["duties"]["description"] == "What they do day to day, one duty per line."
    assert role["duties"]["maxItems"] == 10
    assert schema["properties"]["soc"]["pattern"] == r"^\d{2}-\d{4}$"


def test_the_shipped_record_passes_its_own_schema(run) -> None:  # type: ignore[no-untyped-def]
    import yaml
    from pydantic import TypeAdapter

    from brochure.model.career import Career

    data = yaml.safe_load((ROOT / "data/careers/medical-records-technician.yaml").read_text())
    TypeAdapter(Career).validate_python(data)


def test_check_validates_everything_and_writes_nothing(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "p"
    shutil.copytree(ROOT / "data" / "careers", folder / "data" / "careers")
    result = run("-C", folder, "check")
    assert result.code == 0, result.err
    shipped = len(list((ROOT / "data" / "careers").glob("*.yaml")))
    # Nothing but the summary: no line per brochure that fits.
    assert (result.out, result.err) == (
        f"checked {shipped} careers in 3 layouts on 2 papers: {shipped * 6} fit, 0 failed\n", "")
    assert not (folder / "output").exists()


def test_check_reports_a_bad_record_and_exits_2(project, run) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL, broken=MINIMAL.replace("id: minimal", "id: broken")
                     .replace("soc: 29-2072", "soc: 99-9999"))
    result = run("-C", folder, "check")
    assert result.code == 2
    assert result.err == ("error: data/careers/broken.yaml:4:6: soc: SOC code 99-9999 is not "
                          "in the BLS tables\n  hint: look the code up at "
                          "https://www.bls.gov/soc/\n")
    assert result.out == "checked 2 careers in 3 layouts on 2 papers: 6 fit, 1 failed\n"


def test_check_names_a_misspelt_key_once_with_the_field_meant(project, run) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL.replace("  schedule:", "  shedule:"))
    result = run("-C", folder, "check")
    assert result.code == 2
    # Not also 'role.schedule: this field is required', which only follows from the slip.
    assert result.err == ("error: data/careers/minimal.yaml:12:3: role.shedule: unknown field\n"
                          "  hint: did you mean 'schedule'?\n")
    assert result.out == "checked 1 career in 3 layouts on 2 papers: 0 fit, 1 failed\n"


def test_check_quiet_prints_nothing_but_errors(project, run) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL)
    for flag in ("-q", "--quiet"):
        result = run("-C", folder, "check", flag)
        assert (result.code, result.out, result.err) == (0, "", "")
    folder = project(broken=MINIMAL.replace("id: minimal", "id: broken")
                     .replace("soc: 29-2072", "soc: 99-9999"))
    result = run("-C", folder, "check", "-q")
    assert (result.code, result.out) == (2, "")
    assert result.err == ("error: data/careers/broken.yaml:4:6: soc: SOC code 99-9999 is not "
                          "in the BLS tables\n  hint: look the code up at "
                          "https://www.bls.gov/soc/\n")


def test_check_shows_progress_on_a_terminal_only(project, run,  # type: ignore[no-untyped-def]
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    folder = project(minimal=MINIMAL, other=MINIMAL.replace("id: minimal", "id: other"))
    assert "checking" not in run("-C", folder, "check").err  # a file or a pipe: no bar
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    result = run("-C", folder, "check")
    assert result.code == 0
    bars = result.err.split("\r")
    assert bars[1] == "checking [##............................] 1/14"  # one record read
    assert bars[-3] == "checking [##############################] 14/14"
    # Then the bar is wiped, so that only the problems and the summary stay on the screen.
    assert (bars[-2].strip(), bars[-1]) == ("", "")
    assert result.out == "checked 2 careers in 3 layouts on 2 papers: 12 fit, 0 failed\n"
    assert run("-C", folder, "check", "-q").err == ""  # quiet: no bar either


def test_one_broken_record_does_not_stop_the_others(project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL, broken="id: broken\n")
    result = run("-C", folder, "build", "--out", tmp_path / "out")
    assert result.code == 2
    assert "data/careers/broken.yaml:1:1: title: this field is required" in result.err
    assert files_in(tmp_path / "out") == ["minimal-handout.pdf"]


def test_unknown_career_and_layout_get_did_you_mean(project, run) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL)
    result = run("-C", folder, "build", "minimul")
    assert (result.code, result.err) == (2, "error: no career named 'minimul'\n"
                                            "  hint: did you mean 'minimal'?\n")
    result = run("-C", folder, "build", "--layout", "handot")
    assert (result.code, result.err) == (2, "error: no layout named 'handot'\n"
                                            "  hint: did you mean 'handout'?\n")


def test_usage_errors_exit_2(run) -> None:  # type: ignore[no-untyped-def]
    result = run("bulid")
    assert result.code == 2
    assert "invalid choice: 'bulid'" in result.err
    assert run("--help").code == 0


def test_empty_project_says_how_to_start(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("-C", tmp_path, "build")
    assert result.code == 2
    assert result.err == (f"error: no career records in {tmp_path}/data/careers/ (looked "
                          "for *.yaml and *.yml)\n  hint: run it in your project folder, or "
                          "name the folder with -C DIR; to start a project, run 'brochure "
                          "init DIR'\n")


def test_init_starts_a_project_that_builds_anywhere(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "fair"
    assert run("init", folder).code == 0
    assert (folder / "data" / "careers" / "medical-records-technician.yaml").is_file()
    assert not (folder / "layouts").exists()  # standard layouts come from the package
    result = run("-C", folder, "build")
    assert result.code == 0, result.err
    pdf = folder / "output" / "medical-records-technician-handout.pdf"
    assert "$51,140" in pdf_text(pdf)[1]
    again = run("init", folder)
    assert again.code == 2 and "already holds a project" in again.err


def test_a_project_layout_overrides_the_standard_one(project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL)
    shutil.copytree(ROOT / "layouts" / "handout", folder / "layouts" / "compact")
    spec = (folder / "layouts" / "compact" / "layout.yaml").read_text()
    (folder / "layouts" / "compact" / "layout.yaml").write_text(
        spec.replace("name: Handout", "name: Compact"))
    result = run("-C", folder, "build", "--layout", "compact", "--out", tmp_path / "out")
    assert result.code == 0, result.err
    assert (tmp_path / "out" / "minimal-compact.pdf").is_file()
    assert "compact" in run("-C", folder, "list").out
