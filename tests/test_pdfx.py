"""Print-shop files (--bleed) are PDF/X-4: read back with pikepdf, not with what wrote them."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from conftest import ROOT
from needs import tools

CAREER = "registered-nurse"
BRAND = ROOT / "examples" / "brand.yaml"


def _build(run, out: Path, *args: str | Path) -> Path:  # type: ignore[no-untyped-def]
    result = run("-C", ROOT, "build", CAREER, "--bleed", "--out", out, "-j", "1", *args)
    assert result.code == 0, result.err
    assert "passes" in result.out
    (path,) = sorted(out.glob("*.pdf"))
    return path


def _fills(pdf: pikepdf.Pdf) -> list[tuple[str, tuple[float, ...], str | None]]:
    """Every colour operator on every page with its operands, and the marked content (the
    structure type, such as /P) it is set in."""
    found = []
    for page in pdf.pages:
        marked: list[str | None] = []
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op in ("BDC", "BMC"):
                marked.append(str(operands[0]))
            elif op == "EMC":
                marked.pop()
            elif op in ("k", "K", "rg", "RG", "g", "G", "sc", "scn", "cs", "CS"):
                values = tuple(float(v) for v in operands if not isinstance(v, pikepdf.Name))
                found.append((op, values, marked[-1] if marked else None))
    return found


@pytest.mark.parametrize("layout", ["handout", "trifold", "flyer"])
@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("brand", [False, True])
def test_every_print_shop_file_is_pdfx4(run, tmp_path: Path, layout: str, paper: str,  # type: ignore[no-untyped-def]
                                        brand: bool) -> None:
    path = _build(run, tmp_path, "--layout", layout, "--paper", paper,
                  *(("--brand", BRAND) if brand else ()))
    with pikepdf.open(path) as pdf:
        assert pdf.pdf_version == "1.6"
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFX"
        assert intent.DestOutputProfile.N == 4
        assert intent.DestOutputProfile.read_bytes()[16:20] == b"CMYK"
        with pdf.open_metadata() as xmp:
            assert xmp["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
            assert xmp["pdfuaid:part"] == "1"
            assert xmp["pdf:Trapped"] == "False"
            assert xmp["xmpMM:DocumentID"].startswith("uuid:")
        assert pdf.trailer.Info.GTS_PDFXVersion == "PDF/X-4"
        assert pdf.trailer.Info.Trapped == "/False"
        assert len(pdf.trailer.ID) == 2
        for page in pdf.pages:
            assert "/Annots" not in page.obj
            assert "/TrimBox" in page.obj and "/BleedBox" in page.obj
            for image in page.get_images().values() if hasattr(page, "get_images") \
                    else page.images.values():
                assert image.ColorSpace == "/DeviceCMYK"
        # The structure tree is whole, and points at no link that was left out.
        assert "/OBJR" not in str(pdf.Root.StructTreeRoot.K[0].K)
        fills = _fills(pdf)
    assert not [f for f in fills if f[0] in ("rg", "RG", "g", "G", "cs", "CS", "sc", "scn")]
    inks = [values for op, values, _ in fills if op == "k"]
    assert max(sum(values) for values in inks) <= 3.0
    body = [values for op, values, tag in fills if op == "k" and tag in ("/P", "/LBody", "/TD")]
    # Body text, list items and table cells: black ink alone, never four-colour black.
    assert max(set(body), key=body.count) == (0.0, 0.0, 0.0, 1.0)
    rich_black = [v for v in inks if v[3] >= 0.9 and sum(v[:3]) > 0]
    assert not rich_black


@tools("gs", package="ghostscript")
def test_ghostscript_renders_every_page_without_a_warning(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _build(run, tmp_path, "--layout", "trifold", "--brand", BRAND)
    done = subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=nullpage",
                           str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0
    assert done.stdout.strip() == "" and done.stderr.strip() == ""


def test_an_office_file_keeps_its_links_and_rgb(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("-C", ROOT, "build", CAREER, "--layout", "trifold", "--out", tmp_path)
    assert result.code == 0, result.err
    assert "preflight" not in result.out
    with pikepdf.open(tmp_path / f"{CAREER}-trifold.pdf") as pdf:
        assert "/OutputIntents" not in pdf.Root
        assert any("/Annots" in page.obj for page in pdf.pages)


def test_build_bleed_reports_the_preflight_and_the_brand_inks(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("-C", ROOT, "build", CAREER, "--layout", "flyer", "--bleed", "--brand", BRAND,
                 "--out", tmp_path)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert "primary  prints as C 77 M 0 Y 48 K 34 (converted from #0e6b5a)" in lines
    assert f"preflight {tmp_path / (CAREER + '-flyer-bleed--riverside-community-college.pdf')}" \
           ": passes" in lines
    for line in ("  PDF/X version: PDF/X-4", "  colour spaces: DeviceCMYK",
                 "  fonts: 4 of 4 embedded", "  annotations: none"):
        assert line in lines
    assert any(line.startswith("  most ink in a fill: ") for line in lines)


def _brand(folder: Path, extra: str, logo: tuple[int, int] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = 'organisation: Test College\nprimary: "#0e6b5a"\n' + extra
    if logo:
        Image.new("RGB", logo, (14, 107, 90)).save(folder / "logo.png")
        text += "logo: logo.png\n"
    (folder / "brand.yaml").write_text(text)
    return folder / "brand.yaml"


def test_a_brands_own_cmyk_is_printed_as_given(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    brand = _brand(tmp_path / "brand", "cmyk:\n  primary: [90, 10, 60, 20]\n")
    result = run("-C", ROOT, "build", CAREER, "--layout", "trifold", "--bleed", "--brand", brand,
                 "--out", tmp_path / "out")
    assert result.code == 0, result.err
    assert "primary  prints as C 90 M 10 Y 60 K 20 (from the brand file)" in result.out
    (path,) = (tmp_path / "out").glob("*.pdf")
    with pikepdf.open(path) as pdf:
        assert ("k", (0.9, 0.1, 0.6, 0.2)) in {(op, v) for op, v, _ in _fills(pdf)}


@pytest.mark.parametrize(("cmyk", "message"), [
    ("[90, 90, 90, 90]", "brand.yaml:4:12: cmyk.primary: [90, 90, 90, 90] lays down 360 % ink; "
                         "a press takes at most 300 %"),
    ("[90, 10, 60]", "brand.yaml:4:12: cmyk.primary: needs at least 4 items, got 3"),
    ("[90, 10, 160, 0]", "brand.yaml:4:21: cmyk.primary[2]: must be at most 100, got 160"),
])
def test_a_brands_cmyk_is_checked_where_it_is_written(run, tmp_path: Path, cmyk: str,  # type: ignore[no-untyped-def]
                                                      message: str) -> None:
    brand = _brand(tmp_path / "brand", f"cmyk:\n  primary: {cmyk}\n")
    result = run("-C", ROOT, "build", CAREER, "--bleed", "--brand", brand,
                 "--out", tmp_path / "out")
    assert result.code == 2
    assert message in result.err


def test_a_logo_under_300_dpi_is_warned_about(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    brand = _brand(tmp_path / "brand", "", logo=(40, 40))
    result = run("-C", ROOT, "build", CAREER, "--layout", "trifold", "--bleed", "--brand", brand,
                 "--out", tmp_path / "out")
    assert result.code == 0, result.err
    assert "a picture prints at 73 dpi, under 300: it will look soft" in result.err


def test_a_file_that_is_not_pdfx_fails_the_preflight() -> None:
    from brochure.output.preflight import preflight

    report = preflight((ROOT / "tests" / "goldens" / "registered-nurse-trifold.pdf").read_bytes())
    assert report.problems() == [
        "it is not marked PDF/X-4", "it has no output intent with a CMYK profile",
        "it uses RGB colour", "it has 2 annotation(s) (links) on its pages"]
