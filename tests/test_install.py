"""Installing: what the wheel carries, what `brochure init` starts with, and how the
Makefile sets up and repairs its .venv (checked with `make -n`, so nothing is installed)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, pdf_text

# Run from `make test`, an inner make would inherit the outer one's flags and name its folder.
MAKE_ENV = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
needs_make = pytest.mark.skipif(shutil.which("make") is None or sys.platform == "win32",
                                reason="the Makefile needs make and a POSIX shell")


def test_the_wheel_carries_the_licence_and_the_example_brand(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps",
                    "--no-build-isolation", "--quiet", "-w", str(tmp_path)],
                   check=True, capture_output=True)
    [wheel] = tmp_path.glob("career_brochures-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        [licence] = [n for n in names if n.endswith(".dist-info/licenses/LICENSE")]
        text = archive.read(licence).decode()
        assert archive.read("brochure/standard/examples/brand.yaml") == \
            (ROOT / "examples" / "brand.yaml").read_bytes()
    assert text.startswith("MIT License\n\nCopyright (c) 2026 the career-brochures authors\n")
    assert "brochure/standard/examples/logo.png" in names
    assert "brochure/figures/titles.tsv.gz" in names  # the search's titles (issue 13)
    # The Spanish catalog, compiled on first use (issue 16)
    assert "brochure/locale/es/LC_MESSAGES/brochure.po" in names


def test_init_brings_the_example_brand_and_it_builds(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "fair"
    result = run("init", folder)
    assert result.code == 0, result.err
    assert result.out.endswith(
        f"  then run 'brochure build' in {folder}\n"
        f"  {Path('examples/brand.yaml')} is an example brand: make it yours, "
        f"then build with --brand {Path('examples/brand.yaml')}\n")
    assert sorted(p.name for p in (folder / "examples").iterdir()) == ["brand.yaml", "logo.png"]
    built = run("-C", folder, "build", "--layout", "flyer",
                "--brand", folder / "examples" / "brand.yaml")
    assert built.code == 0, built.err
    flyer = "medical-records-technician-flyer--riverside-community-college.pdf"
    text = pdf_text(folder / "output" / flyer)[0]
    assert "Riverside Community College Careers Centre" in text


def test_init_keeps_an_examples_folder_already_there(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "fair"
    (folder / "examples").mkdir(parents=True)
    (folder / "examples" / "brand.yaml").write_text("organisation: Ours\n")
    assert run("init", folder).code == 0
    assert (folder / "examples" / "brand.yaml").read_text() == "organisation: Ours\n"
    assert not (folder / "examples" / "logo.png").exists()


def fake_python(path: Path, version: str) -> Path:
    """A stand-in for a Python of that version: the Makefile only asks it its version."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\necho {version}\n")
    path.chmod(0o755)
    return path


@pytest.fixture
def make(tmp_path: Path):  # type: ignore[no-untyped-def]
    """`make -n GOAL` on a copy of the Makefile and pyproject.toml, with python3.12 faked:
    the commands make would run, one per line."""
    shutil.copy(ROOT / "Makefile", tmp_path)
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    python = fake_python(tmp_path / "python3.12", "3.12")

    def _make(*args: str) -> list[str]:
        result = subprocess.run(["make", "-n", f"PYTHON={python}", *args], cwd=tmp_path,
                                env=MAKE_ENV, capture_output=True, text=True, check=True)
        return result.stdout.replace(str(python), "python3.12").splitlines()

    return _make


def set_up_venv(folder: Path, version: str, *stamps: str) -> None:
    fake_python(folder / ".venv" / "bin" / "python", version)
    for stamp in stamps:
        (folder / ".venv" / stamp).touch()


CREATE = ["python3.12 -m venv .venv", ".venv/bin/python -m pip install --quiet --upgrade pip",
          "touch .venv/.created"]
RUNTIME = [".venv/bin/python -m pip install --quiet -e .", "touch .venv/.installed-runtime"]
TESTING = [".venv/bin/python -m pip install --quiet -e '.[test]'",
           "touch .venv/.installed-test .venv/.installed-runtime"]
TESTS = [".venv/bin/ruff check src tests", ".venv/bin/mypy", ".venv/bin/pytest"]


@needs_make
def test_brochures_installs_only_the_runtime_and_test_adds_the_test_tools(make) -> None:  # type: ignore[no-untyped-def]
    assert make("brochures") == [*CREATE, *RUNTIME, ".venv/bin/brochure build"]
    assert make("test") == [*CREATE, *TESTING, *TESTS]


@needs_make
def test_switching_between_brochures_and_test_reuses_the_venv(make, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    set_up_venv(tmp_path, "3.12", ".created", ".installed-runtime")
    assert make("brochures") == [".venv/bin/brochure build"]
    assert make("test") == [*TESTING, *TESTS]
    (tmp_path / ".venv" / ".installed-test").touch()
    assert make("brochures") == [".venv/bin/brochure build"]
    assert make("test") == TESTS


@needs_make
def test_serve_starts_the_page(make, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    set_up_venv(tmp_path, "3.12", ".created", ".installed-runtime")
    assert make("serve") == [".venv/bin/brochure serve --port 8000"]
    assert make("serve", "PORT=8080") == [".venv/bin/brochure serve --port 8080"]


@needs_make
@pytest.mark.parametrize(("version", "stamps", "reason"), [
    ("3.10", (".created", ".installed-runtime", ".installed-test"),
     "it was made with Python 3.10"),
    ("3.9", (".installed",), "it was made with Python 3.9"),
    ("3.12", (".created",), "a previous setup did not finish"),
    ("3.12", (), "a previous setup did not finish"),
    (None, (".created", ".installed-runtime"), "its Python no longer runs"),
])
def test_a_venv_that_cannot_be_reused_is_rebuilt_with_the_reason(  # type: ignore[no-untyped-def]
        make, tmp_path: Path, version: str | None, stamps: tuple[str, ...], reason: str) -> None:
    if version:
        set_up_venv(tmp_path, version, *stamps)
    else:  # its Python was removed, or the folder came from another computer
        (tmp_path / ".venv" / "bin").mkdir(parents=True)
        for stamp in stamps:
            (tmp_path / ".venv" / stamp).touch()
    assert make("brochures") == [f'echo "rebuilding .venv: {reason}"', "rm -rf .venv",
                                 *CREATE, *RUNTIME, ".venv/bin/brochure build"]


@needs_make
def test_a_venv_made_by_the_older_makefile_is_kept(make, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    set_up_venv(tmp_path, "3.11", ".installed")
    assert make("brochures") == ["touch .venv/.created", *RUNTIME, ".venv/bin/brochure build"]


@needs_make
def test_a_python_too_old_is_refused_before_anything_is_made(tmp_path: Path) -> None:
    shutil.copy(ROOT / "Makefile", tmp_path)
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    old = fake_python(tmp_path / "python3.10", "3.10")
    result = subprocess.run(["make", "brochures", f"PYTHON={old}"], cwd=tmp_path,
                            env=MAKE_ENV, capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.startswith(
        f"error: {old} is Python 3.10; this project needs Python 3.11 or newer\n"
        "  hint: install Python 3.11 or newer, then run: make PYTHON=python3.11 brochures\n")
    assert not (tmp_path / ".venv").exists()
    missing = subprocess.run(["make", "test", "PYTHON=no-such-python"], cwd=tmp_path,
                             env=MAKE_ENV, capture_output=True, text=True)
    assert missing.returncode == 2
    assert missing.stderr.startswith(
        "error: cannot run no-such-python; this project needs Python 3.11 or newer\n"
        "  hint: install Python 3.11 or newer, then run: make PYTHON=python3.11 test\n")
    assert result.stdout == missing.stdout == ""
