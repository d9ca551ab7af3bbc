"""Shared helpers: run the CLI in-process, make throwaway projects, read PDFs."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from brochure.cli import main
from needs import missing, on_ci
from needs import pytest_collection_modifyitems as pytest_collection_modifyitems
from needs import pytest_configure as needs_configure  # the hooks of needs.py
from needs import pytest_runtest_setup as pytest_runtest_setup
from needs import pytest_sessionfinish as pytest_sessionfinish
from needs import pytest_terminal_summary as needs_terminal_summary

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
WEB_CAREERS = CAREERS = ["medical-records-technician", "registered-nurse", "welder"]
LOGO = ROOT / "examples" / "logo.png"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens", action="store_true",
        help="rewrite tests/goldens/ from fresh builds instead of comparing; marks them "
             "UNREVIEWED until you delete that line (README: For developers)")


def pytest_configure(config: pytest.Config) -> None:
    needs_configure(config)
    # A refresh in CI would make the golden tests pass whatever the PDFs look like.
    if config.getoption("--update-goldens") and os.environ.get("CI"):
        raise pytest.UsageError("--update-goldens refreshes the goldens on a developer's "
                                "machine, never in CI")


@pytest.fixture(autouse=True, scope="session")
def _cache_folder(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The tests keep the index of the BLS tables in a cache folder of their own, not in the
    developer's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    """True when pytest runs with --update-goldens: rewrite the goldens, don't compare."""
    return bool(request.config.getoption("--update-goldens"))


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    needs_terminal_summary(terminalreporter)
    from golden_files import refreshed_summary

    lines = refreshed_summary()
    if lines:
        terminalreporter.section("goldens refreshed")
        for line in lines:
            terminalreporter.write_line(line)


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
    """qpdf's structural check where qpdf is installed, else pypdf in strict mode (and
    under CI=true, a failure: qpdf must be there)."""
    qpdf = shutil.which("qpdf")
    if qpdf is None and on_ci():
        missing("needs qpdf (apt-get install qpdf, as .ci/run does)")
    if qpdf:
        result = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
    else:
        reader = PdfReader(path, strict=True)
        for page in reader.pages:
            page.extract_text()


# The web page, driven through Flask's test client.

@dataclass
class Web:
    client: Any
    root: Path
    builder: Any

    def build(self, careers: list[str], **options: object) -> dict[str, Any]:
        """Start a build through the JSON endpoint, wait for it, return its progress."""
        response = self.client.post("/api/build", json={"careers": careers, **options})
        assert response.status_code == 202, response.get_json()
        job = self.builder.job(response.get_json()["id"])
        self.builder.wait(job)
        progress: dict[str, Any] = self.get(f"/api/jobs/{job.id}").get_json()
        return progress

    def get(self, path: str, **kwargs: Any) -> Any:
        """GET, with the body read and the response closed (files are streamed)."""
        response = self.client.get(path, **kwargs)
        response.get_data()
        response.close()
        return response

    def post_form(self, path: str, form: dict[str, object]) -> Any:
        """POST a multipart form, encoded in memory (the test client would spool a large
        one to a temporary file it never closes)."""
        from werkzeug.datastructures import FileStorage
        from werkzeug.test import encode_multipart

        boundary, body = encode_multipart({
            key: FileStorage(value[0], filename=value[1]) if isinstance(value, tuple) else value
            for key, value in form.items()})
        return self.client.post(path, data=body,
                                content_type=f"multipart/form-data; boundary={boundary}")

    def results(self, job_id: str) -> str:
        response = self.get(f"/jobs/{job_id}/results")
        assert response.status_code == 200
        return str(response.get_data(as_text=True))


def make_web_project(folder: Path, careers: list[str] = WEB_CAREERS, **extra: str) -> Path:
    (folder / "data" / "careers").mkdir(parents=True)
    for career in careers:
        shutil.copy(ROOT / "data" / "careers" / f"{career}.yaml", folder / "data" / "careers")
    for name, text in extra.items():
        (folder / "data" / "careers" / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def web(tmp_path: Path):  # type: ignore[no-untyped-def]
    from brochure.web.app import create_app

    def _web(**extra: str) -> Web:
        root = make_web_project(tmp_path / "project", **extra)
        app = create_app(root, tmp_path / "work", trusted_hosts=["localhost"])
        client = app.test_client()
        # The page sends its token with every change; so do these tests (the tests of the
        # token itself send requests without it).
        client.environ_base["HTTP_X_BROCHURE_TOKEN"] = app.extensions["brochure.token"]
        return Web(client, root, app.extensions["brochure.builder"])

    return _web


LAYOUT_NAMES = sorted(p.parent.name for p in (ROOT / "layouts").glob("*/layout.yaml"))
PAPER_NAMES = ("letter", "a4")


@pytest.fixture(scope="session")
def every_brochure(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every career in every layout on both papers, built once for the whole run (as
    `brochure build` makes them on any machine: SOURCE_DATE_EPOCH unset)."""
    out = tmp_path_factory.mktemp("every") / "all"
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        for layout in LAYOUT_NAMES:
            for paper in PAPER_NAMES:
                with contextlib.redirect_stdout(io.StringIO()):
                    code = main(["-C", str(ROOT), "build", "--layout", layout, "--paper",
                                 paper, "--out", str(out)])
                assert code == 0, f"building every {layout} on {paper} failed"
    return out
