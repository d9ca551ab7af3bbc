"""Untrusted input: YAML traps, markup that must stay text, atomic writes, safe file names."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import MINIMAL, assert_valid_pdf, files_in, pdf_text

FILE = "data/careers/minimal.yaml"


@pytest.mark.parametrize(("content", "expected"), [
    (b"id: a\nlist: &x [1, 2]\nmore: *x\n",
     f"{FILE}:2:7: YAML anchors and aliases (& and *) are not allowed\n"
     "  hint: write the value out in full"),
    (b"id: a\nid: b\n", f"{FILE}:2:1: id: duplicate key (first given on line 1)\n"
                        "  hint: remove one of the two"),
    (b"id: a\ntitle: caf\xe9\n", f"{FILE}:2:11: byte 0xe9 is not valid UTF-8\n"
                                 "  hint: save the file as UTF-8"),
    ("id: a\n".encode("utf-16"), f"{FILE}:1:1: the file is saved as UTF-16\n"
                                 "  hint: save it as UTF-8"),
    (b"a:\n" + b"".join(b"  " * i + b"- \n" for i in range(1, 11)),
     f"{FILE}:9:17: nesting is deeper than 8 levels"),
    (b"id: [unclosed\n", f"{FILE}:2:1: invalid YAML: expected ',' or ']', but got "
                         "'<stream end>'"),
    (b"", f"{FILE}:1:1: the file is empty"),
    (b"id: a\n" + b"# padding\n" * 110_000,
     f"{FILE}:1:1: the file is 1,100,006 bytes; the limit is 1,000,000\n"
     "  hint: a career record is a few kilobytes; check that this is the right file"),
    (b"!!python/object:os.system {}\n",
     f"{FILE}:1:1: YAML tags such as tag:yaml.org,2002:python/object:os.system are not "
     "allowed\n  hint: remove the tag; quote the value if it is text"),
])
def test_yaml_traps_are_refused_with_a_located_message(project, run, content: bytes,
                                                       expected: str) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=content)
    result = run("-C", folder, "build", "minimal")
    assert result.err == f"error: {expected}\n"
    assert result.code == 2
    assert not (folder / "output").exists()


def test_markup_in_data_prints_literally(project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    hostile = {
        "First duty.": "<b>bold?</b> & <font color=red>red</font>",
        "Second duty.": "<img src='/etc/passwd'/> &amp; &#60;para&#62;",
        "Third duty.": "<a href='file:///etc/passwd'>link</a> <![CDATA[x]]> <!-- c -->",
    }
    text = MINIMAL
    for old, new in hostile.items():
        quoted = new.replace("'", "''")  # YAML single-quoted style
        text = text.replace(f"- {old}", f"- '{quoted}'")
    out = tmp_path / "out"
    result = run("-C", project(minimal=text), "build", "--out", out)
    assert result.code == 0, result.err
    pdf = out / "minimal-handout.pdf"
    assert_valid_pdf(pdf)
    front = pdf_text(pdf)[0]
    for value in hostile.values():
        assert value in front
    # Links are read from the annotations (the file keeps its objects in compressed streams).
    links = [str(annot.get_object()["/A"]["/URI"]) for page in PdfReader(pdf).pages
             for annot in page.get("/Annots", [])]
    assert links and all(link.startswith(("https:", "mailto:")) for link in links), links


def test_a_failed_build_keeps_the_previous_pdf(project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    folder = project(minimal=MINIMAL)
    assert run("-C", folder, "build", "--out", out).code == 0
    pdf = out / "minimal-handout.pdf"
    before = pdf.read_bytes()
    long_duties = "".join(f"    - Duty {i} " + "word " * 37 + "\n" for i in range(7))
    (folder / "data" / "careers" / "minimal.yaml").write_text(
        MINIMAL.replace("    - Third duty.\n", "    - Third duty.\n" + long_duties)
        .replace("  workplaces: [Hospitals]\n", "  workplaces:\n" + "".join(
            f"    - Workplace {i} " + "word " * 12 + "\n" for i in range(9)))
        .replace("credential: Certificate}\n", "credential: Certificate}\n" + "".join(
            f"    - {{name: Path {i} {'in words ' * 8}, length: 2 years, credential: Degree}}\n"
            for i in range(4))),
        encoding="utf-8")
    result = run("-C", folder, "build", "--out", out)
    assert result.code == 1
    assert "role.duties: too long for the handout (Letter), page 1, box 'role'" in result.err
    assert pdf.read_bytes() == before
    assert files_in(out) == ["minimal-handout.pdf"]


def test_an_interrupted_write_keeps_the_previous_pdf(project, run, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    folder = project(minimal=MINIMAL.replace("Test Career", "Version One"))
    assert run("-C", folder, "build", "--out", out).code == 0
    pdf = out / "minimal-handout.pdf"
    before = pdf.read_bytes()
    (folder / "data" / "careers" / "minimal.yaml").write_text(
        MINIMAL.replace("Test Career", "Version Two"), encoding="utf-8")

    def disk_full(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    result = run("-C", folder, "build", "--out", out)
    assert result.code == 1
    assert "cannot write" in result.err and "No space left on device" in result.err
    assert pdf.read_bytes() == before
    assert files_in(out) == ["minimal-handout.pdf"]


def test_leftover_temporary_files_are_removed_at_the_next_run(project, run,
                                                               tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    out.mkdir()
    (out / ".partial-abc123.tmp").write_bytes(b"%PDF-half")
    assert run("-C", project(minimal=MINIMAL), "build", "--out", out).code == 0
    assert files_in(out) == ["minimal-handout.pdf"]


def test_output_names_come_only_from_validated_ids(project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL)
    result = run("-C", folder, "build", "../../etc/passwd", "--out", tmp_path / "out")
    assert result.code == 2
    assert result.err.startswith("error: no career named '../../etc/passwd'")
    assert not (tmp_path / "out").exists()
