"""A whole fair at once: parallel builds, reproducible files, skipping unchanged brochures,
one failing record among many, and the fair pack."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import MINIMAL, ROOT, files_in, pdf_text

CAREERS = ["electrician", "medical-records-technician", "registered-nurse", "welder"]


def _bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.pdf"))}


def test_the_same_inputs_give_identical_files_at_any_time(run, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert run("-C", ROOT, "build", *CAREERS, "--out", tmp_path / "a").code == 0
    later = time.time() + 400 * 86400  # more than a year later
    monkeypatch.setattr(time, "time", lambda: later)
    assert run("-C", ROOT, "build", *CAREERS, "--out", tmp_path / "b").code == 0
    first, second = _bytes(tmp_path / "a"), _bytes(tmp_path / "b")
    assert len(first) == 4 and first == second


def test_source_date_epoch_sets_the_creation_date(run, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795132800")  # 2026-11-20 00:00 UTC
    assert run("-C", ROOT, "build", "welder", "--out", tmp_path).code == 0
    meta = PdfReader(tmp_path / "welder-handout.pdf").metadata
    assert meta is not None and meta["/CreationDate"].startswith("D:20261120000000")


def test_one_and_two_jobs_give_identical_files(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("-C", ROOT, "build", *CAREERS, "--jobs", "1", "--out", tmp_path / "one").code == 0
    assert run("-C", ROOT, "build", *CAREERS, "--jobs", "2", "--out", tmp_path / "two").code == 0
    assert _bytes(tmp_path / "one") == _bytes(tmp_path / "two")


def test_an_unchanged_brochure_is_skipped_and_a_changed_one_rebuilt(project, run,
                                                                     tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL, second=MINIMAL.replace("id: minimal", "id: second"))
    out = tmp_path / "out"
    first = run("-C", folder, "build", "--out", out)
    assert first.out.splitlines()[-1] == "2 built, 0 unchanged, 0 failed"
    again = run("-C", folder, "build", "--out", out)
    assert again.out.splitlines()[-1] == "0 built, 2 unchanged, 0 failed"
    (folder / "data" / "careers" / "second.yaml").write_text(
        MINIMAL.replace("id: minimal", "id: second").replace("Test Career", "Changed Career"))
    changed = run("-C", folder, "build", "--out", out)
    assert changed.out.splitlines()[-1] == "1 built, 1 unchanged, 0 failed"
    assert f"built     {out / 'second-handout.pdf'}" in changed.out
    assert "Changed Career" in pdf_text(out / "second-handout.pdf")[0]
    # Other options are other inputs; --force rebuilds everything.
    assert run("-C", folder, "build", "--paper", "a4", "--out", out).out.splitlines()[-1] == \
        "2 built, 0 unchanged, 0 failed"
    assert run("-C", folder, "build", "--force", "--out", out).out.splitlines()[-1] == \
        "2 built, 0 unchanged, 0 failed"
    # A deleted PDF is rebuilt even though its inputs are unchanged.
    (out / "minimal-handout.pdf").unlink()
    assert run("-C", folder, "build", "--out", out).out.splitlines()[-1] == \
        "1 built, 1 unchanged, 0 failed"


def test_a_changed_layout_rebuilds(project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    folder = project(minimal=MINIMAL)
    shutil.copytree(ROOT / "layouts" / "handout", folder / "layouts" / "handout")
    out = tmp_path / "out"
    assert run("-C", folder, "build", "--out", out).code == 0
    spec = folder / "layouts" / "handout" / "layout.yaml"
    spec.write_text(spec.read_text().replace("body_floor: 9", "body_floor: 9.5"))
    assert run("-C", folder, "build", "--out", out).out.splitlines()[-1] == \
        "1 built, 0 unchanged, 0 failed"


def test_a_broken_record_does_not_stop_the_batch(project, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = {f"c{i}": MINIMAL.replace("id: minimal", f"id: c{i}") for i in range(5)}
    folder = project(**good, broken=MINIMAL.replace("id: minimal", "id: broken")
                     .replace("soc: 29-2072", "soc: 29-2079"))
    result = run("-C", folder, "build", "--jobs", "2", "--out", tmp_path / "out")
    assert result.code == 2
    assert files_in(tmp_path / "out") == [f"c{i}-handout.pdf" for i in range(5)]
    assert result.out.endswith(
        "5 built, 0 unchanged, 1 failed\n"
        "  failed: broken: data/careers/broken.yaml:4:6: soc: SOC code 29-2079 is not in the "
        "BLS tables\n")


def test_the_fair_pack_starts_every_brochure_on_a_new_sheet(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pack = tmp_path / "fair.pdf"
    result = run("-C", ROOT, "build", *CAREERS, "--layout", "flyer", "--bundle", pack,
                 "--out", tmp_path / "out")
    assert result.code == 0, result.err
    assert result.out.endswith(f"bundled 4 brochures into {pack} (10 pages)\n")
    pages = pdf_text(pack)
    assert len(pages) == 2 + 4 * 2  # cover and contents, then each one-page flyer and a blank
    assert "CAREER FAIR PACK" in pages[0] and "4 careers" in pages[0]
    contents = pages[1]
    titles = ["Electrician", "Medical Records Technician", "Registered Nurse", "Welder"]
    for title, start in zip(titles, (3, 5, 7, 9), strict=True):
        assert f"{title} page {start}" in contents
        assert pages[start - 1].startswith("CAREER PROFILE") and title in pages[start - 1]
        assert pages[start] == ""  # the back of the sheet stays blank


def test_a_two_page_pack_has_no_blank_pages_between_brochures(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pack = tmp_path / "fair.pdf"
    assert run("-C", ROOT, "build", *CAREERS[:2], "--bundle", pack, "--out",
               tmp_path / "out").code == 0
    pages = pdf_text(pack)
    assert len(pages) == 2 + 2 * 2
    assert "Electrician" in pages[2] and "Medical Records Technician" in pages[4]
