"""`brochure new`: a starter record for any occupation, and what `check` says about it."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from conftest import MINIMAL
from needs import publisher_files, publisher_folder
from publisher_files import onet_files


def _fill(text: str) -> str:
    """Write something in every placeholder and draft, as a person would."""
    text = re.sub(r'"TODO: [^"]*"', '"Written by a person."', text)
    return re.sub(r'"DRAFT: [^"]*"', '"Rewritten by a person."', text)


def test_new_writes_a_starter_that_check_explains(project, run) -> None:  # type: ignore[no-untyped-def]
    folder = project()
    result = run("-C", folder, "new", "--soc", "15-1252")
    assert result.code == 0, result.err
    path = folder / "data" / "careers" / "software-developers.yaml"
    assert result.out.startswith("wrote data/careers/software-developers.yaml\n")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert (data["id"], data["title"], data["soc"]) == (
        "software-developers", "Software Developers", "15-1252")
    assert data["summary"].startswith("TODO: ")
    assert "bachelor's degree" in data["education"]["typical_entry"]  # BLS's entry level

    checked = run("-C", folder, "check")
    assert checked.code == 2
    assert ('data/careers/software-developers.yaml:12:10: summary: still a placeholder\n'
            '  hint: write one sentence under the title: what the job is, in plain words\n'
            ) in checked.err
    assert checked.err.count("still a placeholder") == 19

    path.write_text(_fill(path.read_text(encoding="utf-8")), encoding="utf-8")
    filled = run("-C", folder, "check")
    assert filled.code == 0, filled.err
    assert filled.out == "checked 1 career in 3 layouts on 2 papers: 6 fit, 0 failed\n"


def test_new_with_onet_files_drafts_titles_duties_and_education(project, run,  # type: ignore[no-untyped-def]
                                                                tmp_path: Path) -> None:
    folder = project()
    onet = onet_files(tmp_path / "onet", excel=True)
    result = run("-C", folder, "new", "--soc", "15-1252", "--id", "software-developer",
                 "--onet", onet)
    assert result.code == 0, result.err
    assert "with drafts from O*NET 29.3 Database (15-1252.00)" in result.out
    text = (folder / "data" / "careers" / "software-developer.yaml").read_text()
    assert "# DRAFT: copied from O*NET task statements." in text
    data = yaml.safe_load(text)
    assert data["other_titles"] == ["Program Builder", "Test Engineer", "Code Writer"]
    assert data["role"]["duties"] == [f"DRAFT: Synthetic task number {n}." for n in range(1, 6)]
    assert data["education"]["typical_entry"] == (
        "DRAFT: O*NET Job Zone 4 of 5. Education the job needs, as its workers say: Level "
        "six 70%; Level three 20%. BLS typical entry: Bachelor's degree.")
    assert data["sources"][1] == {
        "name": "This includes information from the O*NET 29.3 Database by the U.S. Department "
                "of Labor, Employment and Training Administration (USDOL/ETA), used under the "
                "CC BY 4.0 license",
        "year": 2025,
        "url": "https://creativecommons.org/licenses/by/4.0/",
        "note": "O*NET® is a trademark of USDOL/ETA. This handout has modified some of this "
                "information; USDOL/ETA has not approved, endorsed, or tested these "
                "modifications."}

    checked = run("-C", folder, "check")
    assert ("data/careers/software-developer.yaml:23:7: role.duties[0]: still a draft copied "
            "from O*NET\n  hint: rewrite it in your own words, then delete 'DRAFT: '") \
        in checked.err
    (folder / "data" / "careers" / "software-developer.yaml").write_text(_fill(text))
    assert run("-C", folder, "check").code == 0


def test_onet_import_keeps_a_local_copy_new_uses(project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = project()
    result = run("-C", folder, "import", "onet", onet_files(tmp_path / "onet"))
    assert result.code == 0, result.err
    assert "  Task Statements: 5 rows for 1 occupations (from Task Statements.txt)" in result.out
    kept = folder / "data" / "onet"
    assert (kept / ".gitignore").read_text().endswith("\n*\n")  # never committed
    assert (kept / "Task Statements.txt").is_file()
    result = run("-C", folder, "new", "--soc", "15-1252")
    assert result.code == 0 and "drafts from O*NET 29.3 Database" in result.out


def test_new_refuses_an_unknown_code_with_the_nearest(project, run) -> None:  # type: ignore[no-untyped-def]
    folder = project()
    result = run("-C", folder, "new", "--soc", "15-1259")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "error: SOC code 15-1259 is not in the BLS tables\n"
        "  hint: did you mean 15-1255 (Web and Digital Interface Designers) or 15-1254 "
        "(Web Developers) or 15-1253 (Software Quality Assurance Analysts and Testers)?\n")
    result = run("-C", folder, "new", "--soc", "151252")
    assert result.code == 2 and "'151252' is not a SOC code" in result.err
    assert not list((folder / "data" / "careers").iterdir())


def test_new_never_overwrites_a_record(project, run) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL)
    before = (folder / "data" / "careers" / "minimal.yaml").read_text()
    result = run("-C", folder, "new", "--soc", "29-2072", "--id", "minimal")
    assert result.code == 2
    assert result.err == ("error: data/careers/minimal.yaml already exists; nothing written\n"
                          "  hint: edit it, or choose another name with --id\n")
    assert (folder / "data" / "careers" / "minimal.yaml").read_text() == before


ONET_PUBLISHED = publisher_folder("onet")


@publisher_files("onet")
def test_new_reads_the_published_onet_files(project, run) -> None:  # type: ignore[no-untyped-def]
    folder = project()
    result = run("-C", folder, "new", "--soc", "29-1141", "--onet", ONET_PUBLISHED)
    assert result.code == 0, result.err
    assert "drafts from O*NET 29.3 Database (29-1141.00)" in result.out
    data = yaml.safe_load((folder / "data/careers/registered-nurses.yaml").read_text())
    assert data["title"] == "Registered Nurses" and len(data["other_titles"]) == 6
    assert len(data["role"]["duties"]) == 10
    assert all(d.startswith("DRAFT: ") for d in data["role"]["duties"])
    assert "Job Zone 4 of 5" in data["education"]["typical_entry"]
