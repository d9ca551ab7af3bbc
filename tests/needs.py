"""What some tests need from outside the project (system tools, the publishers' own files)
and what the suite may cost: a missing need is a skip that says how to supply it, and under
CI=true a failure; under CI=true the suite also fails when it used too much memory."""

from __future__ import annotations

import os
import resource
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PUBLISHER_FILES = "BROCHURE_PUBLISHER_FILES"
"""The environment variable naming a folder with the publishers' files: bls/ and onet/."""
PUBLISHED = {
    "bls": ("national_M2025_dl.xlsx", "national_M2024_dl.xlsx", "occupation.xlsx"),
    "onet": ("Occupation Data.txt", "Task Statements.txt", "Job Zones.txt",
             "Sample of Reported Titles.txt", "Alternate Titles.xlsx",
             "Education, Training, and Experience.xlsx",
             "Education, Training, and Experience Categories.txt", "Read Me.txt"),
}
"""The files the tests read, as BLS (OEWS May 2025 and May 2024, Employment Projections
2024–34) and O*NET (29.3 database) publish them."""
MEMORY_LIMIT_MB = 1536
"""The most memory one process of the suite may use under CI."""


def on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def missing(reason: str) -> None:
    """Skip the running test for `reason`; under CI=true, where everything must be there,
    fail it instead."""
    if on_ci():
        pytest.fail(f"{reason}\n(CI=true: what a test needs must be there, so this is a "
                    "failure, not a skip)", pytrace=False)
    pytest.skip(reason)


def requires(present: bool, reason: str) -> pytest.MarkDecorator:
    """Mark tests that need something from outside the project; see `missing`."""
    return pytest.mark.requires(present=present, reason=reason)


def tools(*names: str, package: str) -> pytest.MarkDecorator:
    """Mark tests that run these programs; `package` is what installs them."""
    absent = [name for name in names if shutil.which(name) is None]
    return requires(not absent, f"needs {', '.join(absent)} (apt-get install {package}, "
                                "as .ci/run does)")


def publisher_folder(kind: str) -> Path:
    """Where the files exactly as BLS (`bls`) or O*NET (`onet`) publish them are: the
    folder of that name in $BROCHURE_PUBLISHER_FILES, else the shared data beside the
    repository."""
    chosen = os.environ.get(PUBLISHER_FILES)
    if chosen:
        return Path(chosen).expanduser() / kind
    return ROOT.parent / "shared" / "data" / kind / "publisher-files"


def publisher_files(kind: str) -> pytest.MarkDecorator:
    """Mark tests that read the files in `publisher_folder(kind)`."""
    folder = publisher_folder(kind)
    absent = [name for name in PUBLISHED[kind] if not (folder / name).is_file()]
    who = {"bls": "BLS", "onet": "O*NET"}[kind]
    return requires(not absent, f"{who}'s published files are not in {folder} (missing: "
                                f"{', '.join(absent)}); set {PUBLISHER_FILES} to a folder "
                                "with bls/ and onet/ holding them (see README, 'For "
                                "developers')")


def peak_memory_mb() -> int:
    """The most memory this process, or any process it started, has held (Linux: KiB)."""
    peaks = [resource.getrusage(who).ru_maxrss
             for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return max(peaks) // 1024


# Hooks, registered by conftest.py importing them.

def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "requires(present, reason): needs something from outside the project; "
                   "skipped without it, failed under CI=true")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if on_ci():
        return  # pytest_runtest_setup fails them
    for item in items:
        for mark in item.iter_markers("requires"):
            if not mark.kwargs["present"]:  # skipped as by skipif: reported at the test
                item.add_marker(pytest.mark.skip(reason=mark.kwargs["reason"]))


def pytest_runtest_setup(item: pytest.Item) -> None:
    for mark in item.iter_markers("requires"):
        if not mark.kwargs["present"]:
            missing(mark.kwargs["reason"])


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if on_ci() and peak_memory_mb() > MEMORY_LIMIT_MB:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not on_ci():
        return
    peak = peak_memory_mb()
    if peak > MEMORY_LIMIT_MB:
        terminalreporter.write_sep("=", f"memory: the tests used {peak:,} MB at their peak, "
                                        f"over the {MEMORY_LIMIT_MB:,} MB allowed under CI=true",
                                   red=True)
    else:
        terminalreporter.write_line(f"memory: the tests used {peak:,} MB at their peak "
                                    f"({MEMORY_LIMIT_MB:,} MB allowed)")
