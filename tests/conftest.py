"""Shared helpers: run the CLI in-process, make throwaway projects, read PDFs."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from brochure.cli import main

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run `brochure ARGS...` through its real entry point; return exit code and output."""

    def _run(*args: str | Path) -> Result:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return _run


@pytest.fixture
def project(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A throwaway project folder; standard layouts and tables come from the package."""

    def _project(**careers: str | bytes) -> Path:
        folder = tmp_path / "project"
        (folder / "data" / "careers").mkdir(parents=True, exist_ok=True)
        for name, text in careers.items():
            path = folder / "data" / "careers" / f"{name.replace('_', '-')}.yaml"
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(text, encoding="utf-8")
        return folder

    return _project


def copy_repo_careers(folder: Path) -> None:
    (folder / "data" / "careers").mkdir(parents=True, exist_ok=True)
    for path in (ROOT / "data" / "careers").glob("*.yaml"):
        shutil.copy(path, folder / "data" / "careers" / path.name)


def files_in(folder: Path) -> list[str]:
    """What a user sees in an output folder (the build's hidden state and lock files left
    out)."""
    return sorted(p.name for p in folder.iterdir()
                  if p.name not in (".brochures.json", ".brochures.lock"))


def pdf_text(path: Path) -> list[str]:
    """Text of each page, whitespace folded."""
    reader = PdfReader(path, strict=True)
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def assert_valid_pdf(path: Path) -> None:
    """qpdf's structural check where qpdf is installed, else pypdf in strict mode."""
    qpdf = shutil.which("qpdf")
    if qpdf:
        result = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
    else:
        reader = PdfReader(path, strict=True)
        for page in reader.pages:
            page.extract_text()
