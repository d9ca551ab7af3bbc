"""Preflight: read a print-shop PDF back and say whether a print shop's checks would pass it.

Read with pikepdf from the finished file, not from what draw meant to write: PDF/X version,
output intent, colour spaces, fonts, image resolution, total ink and annotations."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

MAX_INK = 300.0
"""Per cent: the most ink a coated offset press takes in one place."""
MIN_DPI = 300.0
"""Pixels per inch a picture needs at its printed size to print sharp."""
_COLOUR_OPERATORS = {"rg": "DeviceRGB", "RG": "DeviceRGB", "k": "DeviceCMYK",
                     "K": "DeviceCMYK", "g": "DeviceGray", "G": "DeviceGray"}


@dataclass
class Preflight:
    """What a print shop's preflight looks at in one file."""

    pdfx: str | None = None
    output_intent: str | None = None
    profile_components: int | None = None
    colour_spaces: set[str] = field(default_factory=set)
    fonts: dict[str, bool] = field(default_factory=dict)
    """Each font's name, and whether the file carries it."""
    lowest_dpi: float | None = None
    most_ink: float = 0.0
    """The highest total of the four inks of any fill, in per cent."""
    annotations: int = 0
    trapped: str | None = None
    has_id: bool = False

    def problems(self) -> list[str]:
        """Why a print shop would send the file back; empty when it passes."""
        out = []
        if self.pdfx != "PDF/X-4":
            out.append("it is not marked PDF/X-4")
        if self.output_intent is None or self.profile_components != 4:
            out.append("it has no output intent with a CMYK profile")
        if "DeviceRGB" in self.colour_spaces:
            out.append("it uses RGB colour")
        missing = sorted(name for name, embedded in self.fonts.items() if not embedded)
        if missing:
            out.append(f"fonts not embedded: {', '.join(missing)}")
        if self.most_ink > MAX_INK + 0.05:
            out.append(f"a fill lays down {self.most_ink:.0f} % ink, over {MAX_INK:.0f} %")
        if self.annotations:
            out.append(f"it has {self.annotations} annotation(s) (links) on its pages")
        if self.trapped not in ("/True", "/False"):
            out.append("it does not say whether it is trapped")
        if not self.has_id:
            out.append("it has no document ID")
        return out

    def warnings(self) -> list[str]:
        if self.lowest_dpi is not None and self.lowest_dpi < MIN_DPI:
            return [f"a picture prints at {self.lowest_dpi:.0f} dpi, under {MIN_DPI:.0f}: it "
                    "will look soft; give the logo more pixels"]
        return []

    def lines(self) -> list[str]:
        """The report, one finding a line."""
        spaces = ", ".join(sorted(self.colour_spaces)) or "none"
        embedded = sum(self.fonts.values())
        dpi = "no pictures" if self.lowest_dpi is None else f"{self.lowest_dpi:.0f} dpi"
        profile = "" if self.profile_components is None else \
            f" ({self.profile_components}-colour profile embedded)"
        return [f"PDF/X version: {self.pdfx or 'none'}",
                f"output intent: {self.output_intent or 'none'}{profile}",
                f"colour spaces: {spaces}",
                f"fonts: {embedded} of {len(self.fonts)} embedded",
                f"lowest image resolution: {dpi}",
                f"most ink in a fill: {self.most_ink:.0f} %",
                f"annotations: {self.annotations or 'none'}"]


def preflight(data: bytes) -> Preflight:
    """Read the PDF `data` as a preflight does."""
    import pikepdf

    report = Preflight()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        info = pdf.trailer.get("/Info")
        with pdf.open_metadata() as xmp:
            version = xmp.get("pdfxid:GTS_PDFXVersion")
        if info is not None and "/GTS_PDFXVersion" in info:
            version = version or str(info.GTS_PDFXVersion)
        report.pdfx = str(version) if version else None
        report.trapped = str(info.get("/Trapped")) if info is not None and \
            "/Trapped" in info else None
        report.has_id = "/ID" in pdf.trailer
        for intent in pdf.Root.get("/OutputIntents", []):
            if intent.get("/S") == pikepdf.Name.GTS_PDFX:
                report.output_intent = str(intent.get("/OutputCondition")
                                            or intent.get("/OutputConditionIdentifier"))
                profile = intent.get("/DestOutputProfile")
                report.profile_components = int(profile.N) if profile is not None else None
        for page in pdf.pages:
            report.annotations += len(page.obj.get("/Annots", []))
            _read_content(page, page.obj.get("/Resources"), report, (1, 0, 0, 1, 0, 0))
    return report


Matrix = tuple[float, float, float, float, float, float]


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s,
            e * p + f * r + t, e * q + f * s + u)


def _read_content(content: Any, resources: Any, report: Preflight, start: Matrix) -> None:
    """Walk one content stream (a page or a form), following the transformation matrix to
    each picture, noting every colour space, fill colour and font."""
    import pikepdf

    fonts = resources.get("/Font", {}) if resources is not None else {}
    for font in fonts.values():
        report.fonts[_font_name(font)] = _embedded(font)
    objects = resources.get("/XObject", {}) if resources is not None else {}
    stack, matrix = [], start
    fill_space = "DeviceGray"
    for instruction in pikepdf.parse_content_stream(content):
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            continue  # reportlab writes none; a picture drawn inline has no name to report
        operands, op = instruction.operands, str(instruction.operator)
        if op == "q":
            stack.append(matrix)
        elif op == "Q":
            matrix = stack.pop() if stack else start
        elif op == "cm":
            matrix = _multiply(tuple(float(v) for v in operands), matrix)  # type: ignore[arg-type]
        elif op in _COLOUR_OPERATORS:
            report.colour_spaces.add(_COLOUR_OPERATORS[op])
            if op == "k":
                report.most_ink = max(report.most_ink, 100 * sum(float(v) for v in operands))
        elif op in ("cs", "CS"):
            space = str(operands[0]).lstrip("/")
            report.colour_spaces.add(space)
            if op == "cs":
                fill_space = space
        elif op in ("sc", "scn") and fill_space == "DeviceCMYK" and len(operands) == 4:
            report.most_ink = max(report.most_ink, 100 * sum(float(v) for v in operands))
        elif op == "Do":
            xobject = objects.get(str(operands[0]))
            if xobject is None:
                continue
            if xobject.get("/Subtype") == pikepdf.Name.Image:
                _image(xobject, matrix, report)
            elif xobject.get("/Subtype") == pikepdf.Name.Form:
                _read_content(xobject, xobject.get("/Resources"), report, matrix)


def _image(image: Any, matrix: Matrix, report: Preflight) -> None:
    space = image.get("/ColorSpace")
    if space is not None:
        report.colour_spaces.add(str(space[0] if isinstance(space, list) else space)
                                 .lstrip("/"))
    a, b, c, d, _, _ = matrix
    width_in = (a * a + b * b) ** 0.5 / 72
    height_in = (c * c + d * d) ** 0.5 / 72
    if width_in and height_in:
        dpi = min(int(image.Width) / width_in, int(image.Height) / height_in)
        report.lowest_dpi = dpi if report.lowest_dpi is None else min(report.lowest_dpi, dpi)


def _font_name(font: Any) -> str:
    return str(font.get("/BaseFont", "/unnamed")).lstrip("/")


def _embedded(font: Any) -> bool:
    if font.get("/Subtype") == "/Type0":
        return all(_embedded(kid) for kid in font.get("/DescendantFonts", []))
    if font.get("/Subtype") == "/Type3":
        return True
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(
        key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
