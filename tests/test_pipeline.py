"""The pipeline's seams: load → figures → compose → fit → draw → write, each stage using only
the one before it, and `check` stopping after fit."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import MINIMAL


def _modules_after(*imports: str) -> set[str]:
    """The modules a fresh interpreter holds after importing `imports`."""
    code = "import sys\n" + "".join(f"import {m}\n" for m in imports) + \
        "print('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    return set(out.split())


def test_only_fit_and_draw_use_reportlab() -> None:
    loaded = _modules_after("brochure.project", "brochure.compose.compose",
                            "brochure.model.validate", "brochure.options", "brochure.format")
    assert "brochure.compose.compose" in loaded
    assert not {m for m in loaded if m.split(".")[0] == "reportlab"}
    assert not {m for m in loaded if m.startswith("brochure.render")}


def test_fit_and_draw_know_only_the_plan() -> None:
    loaded = _modules_after("brochure.render.fit", "brochure.render.draw")
    assert "reportlab.platypus" in loaded
    reached = sorted(m for m in loaded if m.startswith(("brochure.model", "brochure.figures",
                                                        "brochure.compose.compose",
                                                        "brochure.project")))
    assert reached == []


def test_check_stops_after_fit_and_makes_no_pdf(project, run,  # type: ignore[no-untyped-def]
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from brochure.output import build

    def no_pdf(*args: object) -> bytes:
        raise AssertionError("check drew a PDF")

    monkeypatch.setattr(build, "draw", no_pdf)
    result = run("-C", project(minimal=MINIMAL), "check")
    assert result.code == 0, result.err
    assert "6 fit" in result.out, result.out  # one career, three layouts, two papers
