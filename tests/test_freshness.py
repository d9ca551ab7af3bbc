"""`brochure check` warns about a record's old figures; the exit code stays the same."""

from __future__ import annotations

from conftest import MINIMAL

OVERRIDE = ("figures:\n  pay:\n    source: State Wage Survey\n    year: {year}\n"
            "    median: 48000\nsources:")


def test_an_override_more_than_two_years_older_than_the_tables_is_warned(  # type: ignore[no-untyped-def]
        project, run) -> None:
    folder = project(minimal=MINIMAL.replace("sources:", OVERRIDE.format(year=2022), 1))
    result = run("-C", folder, "check")
    assert result.code == 0
    assert result.err == (
        "warning: data/careers/minimal.yaml:26:11: figures.pay.year: State Wage Survey, 2022 "
        "is 3 years older than the newest BLS tables (2025)\n"
        "  hint: update these figures, or remove them to print BLS's\n")
    assert result.out == "checked 1 career in 3 layouts on 2 papers: 6 fit, 0 failed\n"
    quiet = run("-C", folder, "check", "-q")  # nothing but errors: no warnings either
    assert (quiet.code, quiet.out, quiet.err) == (0, "", "")


def test_an_override_two_years_older_is_fine(project, run) -> None:  # type: ignore[no-untyped-def]
    folder = project(minimal=MINIMAL.replace("sources:", OVERRIDE.format(year=2023), 1))
    result = run("-C", folder, "check")
    assert (result.code, result.err) == (0, "")


def test_the_shipped_tables_are_one_period(run) -> None:  # type: ignore[no-untyped-def]
    from conftest import ROOT

    result = run("-C", ROOT, "check")
    assert (result.code, result.err) == (0, "")
