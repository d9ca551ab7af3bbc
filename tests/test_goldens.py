"""Golden PDFs: a few brochures kept byte for byte in tests/goldens/, and the SHA-256 of
every career × layout × paper in tests/goldens/all.sha256. `--update-goldens` rewrites
them and marks the refresh UNREVIEWED until a person deletes that line."""

from __future__ import annotations

import io
from collections import Counter
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from brochure.cli import main
from conftest import ROOT
from golden_files import (
    GOLDENS,
    REFRESH,
    check_pdf,
    digest_changes,
    read_manifest,
    sha256,
    tools_note,
    write_manifest,
)

BRAND = ROOT / "examples" / "brand.yaml"
# Golden file: the build's arguments. Three careers in every layout on Letter, then one
# brochure for each option that changes what is drawn.
CASES: dict[str, tuple[str | Path, ...]] = {
    **{f"{career}-{layout}.pdf": (career, "--layout", layout)
       for career in ("medical-records-technician", "registered-nurse", "welder")
       for layout in ("handout", "trifold", "flyer")},
    "welder-handout-a4.pdf": ("welder", "--paper", "a4"),
    "registered-nurse-trifold-bleed.pdf": ("registered-nurse", "--layout", "trifold", "--bleed"),
    "medical-records-technician-flyer-grey.pdf": ("medical-records-technician", "--layout",
                                                  "flyer", "--grayscale"),
    "welder-handout-tx.pdf": ("welder", "--state", "TX"),
    "medical-records-technician-trifold-brand.pdf": ("medical-records-technician", "--layout",
                                                     "trifold", "--brand", BRAND),
}
# Those a plain `--layout --paper` build makes: all.sha256 must hold the same digest.
PLAIN = [name for name, args in CASES.items()
         if not set(args) & {"--bleed", "--grayscale", "--state", "--brand"}]
LAYOUTS = sorted(p.parent.name for p in (ROOT / "layouts").glob("*/layout.yaml"))
PAPERS = ("letter", "a4")


@pytest.fixture
def build(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Build into a fresh folder of tmp_path as `brochure build` does on any machine."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)

    def _build(*args: str | Path, out: str = "out") -> Path:
        folder = tmp_path / out
        result = run("-C", ROOT, "build", *args, "--out", folder)
        assert result.code == 0, result.out + result.err
        return folder

    return _build


@pytest.fixture(scope="module")
def golden_build(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The fresh PDF of a case. The cases that share options are built together: most of a
    build's time is loading the tables, once per build."""
    folders: dict[tuple[str | Path, ...], Path] = {}

    def _golden_build(name: str) -> Path:
        career, *options = CASES[name]
        key = tuple(options)
        if key not in folders:
            careers = [c for c, *o in CASES.values() if tuple(o) == key]
            folder = tmp_path_factory.mktemp("golden")
            out, err = io.StringIO(), io.StringIO()
            with pytest.MonkeyPatch.context() as m, redirect_stdout(out), redirect_stderr(err):
                m.delenv("SOURCE_DATE_EPOCH", raising=False)
                code = main(["-C", str(ROOT), "build", *careers, *map(str, options),
                             "--jobs", "1", "--out", str(folder)])
            assert code == 0, out.getvalue() + err.getvalue()
            folders[key] = folder
        [pdf] = [p for p in folders[key].glob("*.pdf") if p.name.startswith(f"{career}-")]
        return pdf

    return _golden_build


@pytest.mark.parametrize("name", CASES)
def test_a_brochure_is_byte_for_byte_its_golden(name: str, golden_build,  # type: ignore[no-untyped-def]
                                                update_goldens: bool) -> None:
    args = CASES[name]
    what = "brochure build " + " ".join(
        "examples/brand.yaml" if a == BRAND else str(a) for a in args)
    check_pdf(GOLDENS / name, golden_build(name), what, update_goldens)


def test_every_golden_is_one_of_the_cases(update_goldens: bool) -> None:
    stray = sorted(p.name for p in GOLDENS.glob("*.pdf") if p.name not in CASES)
    if update_goldens:
        for name in stray:
            (GOLDENS / name).unlink()
        return
    assert not stray, f"golden PDFs no test builds: {stray}; delete them, or add their cases"


def test_the_goldens_and_the_manifest_agree(update_goldens: bool) -> None:
    """A plain golden's digest is in all.sha256 too: both are refreshed together."""
    if update_goldens:
        pytest.skip("this run rewrites the goldens")
    digests = read_manifest().digests
    disagree = [name for name in PLAIN if not (GOLDENS / name).exists()
                or digests.get(name) != sha256((GOLDENS / name).read_bytes())]
    if disagree:
        pytest.fail(f"tests/goldens/all.sha256 disagrees with the golden PDFs {disagree}: one "
                    "was refreshed without the other. Refresh both: make goldens (without "
                    "-m 'not slow').", pytrace=False)


def test_a_refresh_of_the_goldens_was_reviewed(update_goldens: bool) -> None:
    if update_goldens:
        pytest.skip("this run rewrites the goldens")
    if read_manifest().unreviewed:
        pytest.fail(
            "the goldens were refreshed by --update-goldens and not yet reviewed. Look at what "
            "changed (git diff --stat tests/goldens; render old and new with pdftoppm), "
            "name each intended difference in the commit message, then delete the UNREVIEWED "
            "line at the top of tests/goldens/all.sha256.", pytrace=False)


@pytest.mark.slow
def test_every_career_layout_and_paper_matches_its_digest(every_brochure: Path,
                                                          update_goldens: bool) -> None:
    careers = sorted((ROOT / "data" / "careers").glob("*.yaml"))
    out = every_brochure
    built = {p.name: sha256(p.read_bytes()) for p in sorted(out.glob("*.pdf"))}
    assert len(built) == len(careers) * len(LAYOUTS) * len(PAPERS)
    if update_goldens:
        write_manifest(built)
        return
    changes = digest_changes(read_manifest().digests, built)
    if changes:
        groups = Counter(_layout_and_paper(name) for name in changes.changed + changes.new)
        also_golden = [name for name in changes.changed if name in CASES]
        by_group = ", ".join(f"{layout} {paper} {count}"
                             for (layout, paper), count in sorted(groups.items()))
        pytest.fail("\n".join([
            f"{len(built)} PDFs built; against tests/goldens/all.sha256: {changes.summary()}",
            f"  by layout and paper: {by_group}",
            *("  " + line for line in changes.report()),
            *([f"  kept as golden PDFs too, whose tests say how they differ: "
               f"{', '.join(also_golden)}"] if also_golden else []),
            f"The fresh PDFs are kept in {out} (look at one with pdftoppm -r 80 -png).",
            *tools_note(), REFRESH]), pytrace=False)


def _layout_and_paper(name: str) -> tuple[str, str]:
    stem = name.removesuffix(".pdf")
    paper = next((p for p in PAPERS if stem.endswith(f"-{p}")), "letter")
    stem = stem.removesuffix(f"-{paper}")
    return next((layout for layout in LAYOUTS if stem.endswith(f"-{layout}")), "?"), paper
