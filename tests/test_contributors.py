"""The suite itself, as a contributor meets it: what a missing tool or publisher's file does
with and without CI=true, where the publisher's files are looked for, and what memory the
suite may use."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

from conftest import MINIMAL, ROOT, Result, make_web_project
from needs import PUBLISHED

TESTS = ROOT / "tests"


def _pytest(folder: Path, test: str, *, ci: bool, **env: str) -> Result:
    """Run pytest with the suite's needs.py on one small test file, as CI would or not."""
    (folder / "test_inner.py").write_text(textwrap.dedent(test), encoding="utf-8")
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("CI", "BROCHURE_PUBLISHER_FILES", "PYTEST_ADDOPTS")}
    environment.update(PYTHONPATH=str(TESTS), **({"CI": "true"} if ci else {}), **env)
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "needs", "-p",
                           "no:cacheprovider", "-ra", "-q", "test_inner.py"], cwd=folder,
                          env=environment, capture_output=True, text=True, timeout=120)
    return Result(done.returncode, done.stdout, done.stderr)


TOOL = """
    from needs import tools

    @tools("no-such-program", package="no-such-package")
    def test_draws() -> None:
        pass
"""
TOOL_MISSING = "needs no-such-program (apt-get install no-such-package, as .ci/run does)"


def test_a_missing_tool_is_a_skip_that_says_how_to_install_it(tmp_path: Path) -> None:
    result = _pytest(tmp_path, TOOL, ci=False)
    assert result.code == 0, result.out
    assert f"SKIPPED [1] test_inner.py:4: {TOOL_MISSING}\n" in result.out


def test_under_ci_a_missing_tool_is_a_failure(tmp_path: Path) -> None:
    result = _pytest(tmp_path, TOOL, ci=True)
    assert result.code == 1, result.out
    assert (f"ERROR test_inner.py::test_draws - Failed: {TOOL_MISSING}\n(CI=true: what a test "
            "needs must be there, so this is a failure, not a skip)\n") in result.out
    assert "1 error" in result.out and "skipped" not in result.out


QPDF = """
    import io

    from pypdf import PdfWriter

    from conftest import assert_valid_pdf

    def test_checks_a_pdf(tmp_path) -> None:
        writer = PdfWriter()
        writer.add_blank_page(100, 100)
        writer.write(tmp_path / "blank.pdf")
        assert_valid_pdf(tmp_path / "blank.pdf")
"""


def test_under_ci_a_pdf_check_without_qpdf_is_a_failure(tmp_path: Path) -> None:
    # Without CI, pypdf's strict reading stands in for qpdf; under CI=true qpdf must be there.
    result = _pytest(tmp_path, QPDF, ci=False, PATH="")
    assert result.code == 0 and "1 passed" in result.out, result.out
    result = _pytest(tmp_path, QPDF, ci=True, PATH="")
    assert result.code == 1
    assert ("FAILED test_inner.py::test_checks_a_pdf - Failed: needs qpdf (apt-get install "
            "qpdf, as .ci/run does)\n") in result.out


PUBLISHER = """
    import os
    from pathlib import Path

    from needs import publisher_files, publisher_folder

    @publisher_files("bls")
    def test_reads_bls() -> None:
        assert publisher_folder("bls") == Path(os.environ["BROCHURE_PUBLISHER_FILES"], "bls")
"""


def test_the_publisher_files_are_found_where_the_variable_points(tmp_path: Path) -> None:
    folder = tmp_path / "publishers"
    (folder / "bls").mkdir(parents=True)
    for name in PUBLISHED["bls"]:
        (folder / "bls" / name).write_bytes(b"")
    result = _pytest(tmp_path, PUBLISHER, ci=True, BROCHURE_PUBLISHER_FILES=str(folder))
    assert result.code == 0, result.out
    assert "1 passed" in result.out


def test_missing_publisher_files_are_a_skip_that_says_how_to_point_at_them(
        tmp_path: Path) -> None:
    folder = tmp_path / "elsewhere"
    (folder / "bls").mkdir(parents=True)
    (folder / "bls" / "occupation.xlsx").write_bytes(b"")
    reason = (f"BLS's published files are not in {folder / 'bls'} (missing: "
              "national_M2025_dl.xlsx, national_M2024_dl.xlsx); set BROCHURE_PUBLISHER_FILES "
              "to a folder with bls/ and onet/ holding them (see README, 'For developers')")
    result = _pytest(tmp_path, PUBLISHER, ci=False, BROCHURE_PUBLISHER_FILES=str(folder))
    assert result.code == 0, result.out
    assert f"SKIPPED [1] test_inner.py:7: {reason}\n" in result.out
    result = _pytest(tmp_path, PUBLISHER, ci=True, BROCHURE_PUBLISHER_FILES=str(folder))
    assert result.code == 1
    assert f"ERROR test_inner.py::test_reads_bls - Failed: {reason}\n" in result.out


def test_the_readme_names_the_variable() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## For developers"):]
    assert "BROCHURE_PUBLISHER_FILES=" in section and "CI=true" in section


MEMORY = """
    import needs

    def test_small() -> None:
        needs.MEMORY_LIMIT_MB = 1  # any process uses more than this
"""


def test_under_ci_the_suite_fails_when_it_used_too_much_memory(tmp_path: Path) -> None:
    result = _pytest(tmp_path, MEMORY, ci=True)
    assert result.code == 1, result.out
    assert "1 passed" in result.out
    assert "MB at their peak, over the 1 MB allowed under CI=true" in result.out
    result = _pytest(tmp_path, MEMORY, ci=False)
    assert result.code == 0 and "memory" not in result.out


def test_ci_sets_ci_and_installs_every_tool_the_tests_run() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ': "${CI:=true}"' in script and "export CI" in script
    assert "apt-get install -y -qq qpdf poppler-utils zbar-tools chromium" in script


# What made the suite peak near 3 GB: ~90 MB of BLS tables kept per test.

def test_a_broken_record_leaves_no_tables_behind(project, run) -> None:  # type: ignore[no-untyped-def]
    from brochure.figures.tables import Tables

    folder = project(minimal=MINIMAL.replace("title: Test Career", "titel: Test Career"))
    gc.collect()
    gc.disable()  # only what reference counting frees counts: cycles wait for a collection
    try:
        before = sum(isinstance(o, Tables) for o in gc.get_objects())
        result = run("-C", folder, "build", "minimal")
        after = sum(isinstance(o, Tables) for o in gc.get_objects())
    finally:
        gc.enable()
    assert result.code == 2 and "titel: unknown field" in result.err
    assert after == before


def test_the_page_leaves_no_build_thread_behind(tmp_path: Path) -> None:
    from brochure.web.app import create_app

    app = create_app(make_web_project(tmp_path / "project"), tmp_path / "work",
                     trusted_hosts=["localhost"])
    builder = app.extensions["brochure.builder"]
    client = app.test_client()
    client.environ_base["HTTP_X_BROCHURE_TOKEN"] = app.extensions["brochure.token"]
    response = client.post("/api/build", json={"careers": ["welder"]})
    assert response.status_code == 202
    builder.wait(builder.job(response.get_json()["id"]))
    assert builder.job(response.get_json()["id"]).status == "done"
    end = time.monotonic() + 5
    while any(t.name == "brochure-builds" for t in threading.enumerate()) \
            and time.monotonic() < end:
        time.sleep(0.02)
    assert [t.name for t in threading.enumerate() if t.name == "brochure-builds"] == []


def test_the_page_builds_again_after_its_thread_has_ended(web) -> None:  # type: ignore[no-untyped-def]
    site = web()
    assert site.build(["welder"])["status"] == "done"
    assert site.build(["welder"])["status"] == "done"
