"""Pictures in a frame: a vector QR code, the brand's logo, vector icons, and quick facts
(an icon beside each fact's lines)."""

from __future__ import annotations

import io
import itertools
from dataclasses import dataclass, replace
from functools import cache

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.colors import Color
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from brochure.render.svgpath import outline

QUIET = 4
"""Light modules around a QR code, as the QR standard asks."""


class _Placed(Flowable):
    """A box `height` tall, placed left, centre or right in the frame's width."""

    def __init__(self, height: float, align: str) -> None:
        super().__init__()
        self.want, self.align = height, align
        self.box_width = height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = available_width, self.want
        return self.width, self.height

    def left(self) -> float:
        free = max(self.width - self.box_width, 0.0)
        return {"left": 0.0, "centre": free / 2, "right": free}[self.align]


@cache
def qr_modules(target: str) -> tuple[tuple[bool, ...], ...]:
    """The dark and light modules of `target`'s QR code (error correction M), made once."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(target)
    code.make()
    return tuple(tuple(bool(m) for m in row) for row in code.modules)


class QRCode(_Placed):
    """A square QR code for `target`, drawn as one vector path (error correction M)."""

    def __init__(self, target: str, height: float, align: str, colour: Color,
                 background: Color) -> None:
        super().__init__(height, align)
        self.target, self.colour, self.background = target, colour, background

    def draw(self) -> None:
        canvas, size, x0 = self.canv, self.want, self.left()
        # A light square behind the code keeps it readable on a coloured band: the quiet
        # zone, four modules wide on every side, is part of the code's size.
        canvas.setFillColor(self.background)
        canvas.rect(x0, 0, size, size, stroke=0, fill=1)
        modules = qr_modules(self.target)
        box = size / (len(modules) + 2 * QUIET)
        path = canvas.beginPath()
        for r, row in enumerate(modules):
            y = size - (r + QUIET + 1) * box
            c = 0
            for dark, run in itertools.groupby(row):
                count = len(list(run))
                if dark:
                    path.rect(x0 + (c + QUIET) * box, y, count * box, box)
                c += count
        canvas.setFillColor(self.colour)
        canvas.drawPath(path, stroke=0, fill=1)


def draw_icon(canvas: Canvas, svg: bytes, x: float, y: float, size: float, ink: Color) -> None:
    """The icon as vector paths in `ink`, centred in the square of side `size` whose
    bottom-left corner is (x, y)."""
    shape = outline(svg)
    scale = size / max(shape.width, shape.height)
    canvas.saveState()
    # SVG's y runs down the page, PDF's up: flip about the icon's own box.
    canvas.translate(x + (size - shape.width * scale) / 2,
                     y + (size + shape.height * scale) / 2)
    canvas.scale(scale, -scale)
    canvas.setFillColor(ink)
    path = canvas.beginPath()
    for op, values in shape.segments:
        if op == "M":
            path.moveTo(*values)
        elif op == "L":
            path.lineTo(*values)
        elif op == "C":
            path.curveTo(*values)
        else:
            path.close()
    canvas.drawPath(path, stroke=0, fill=1)  # SVG's default fill rule, non-zero, is PDF's f
    canvas.restoreState()


class Icon(_Placed):
    """A vector icon `height` points square."""

    def __init__(self, svg: bytes, height: float, align: str, ink: Color) -> None:
        super().__init__(height, align)
        self.svg, self.ink = svg, ink

    def draw(self) -> None:
        draw_icon(self.canv, self.svg, self.left(), 0, self.want, self.ink)


@dataclass(frozen=True)
class Part:
    """A piece of a quick facts grid, placed from the grid's bottom-left corner: a
    paragraph, or an icon (`svg`)."""

    x: float
    y: float
    width: float
    height: float
    flowable: Flowable | None = None
    svg: bytes = b""


class FactsGrid(Flowable):
    """Quick facts in columns: in each cell an icon, and the fact's paragraphs beside it."""

    def __init__(self, facts: list[tuple[bytes, list[Flowable]]], columns: int,
                 icon_size: float, gap: float, ink: Color) -> None:
        super().__init__()
        self.facts, self.columns = facts, columns
        self.icon_size, self.gap, self.ink = icon_size, gap, ink
        self.parts: list[Part] = []

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        columns, gap, icon = self.columns, self.gap, self.icon_size
        cell = (available_width - gap * (columns - 1)) / columns
        placed: list[tuple[float, Part]] = []  # each part with its bottom, from the top
        top = 0.0
        for start in range(0, len(self.facts), columns):
            row_height = 0.0
            for i, (svg, paragraphs) in enumerate(self.facts[start:start + columns]):
                x = i * (cell + gap)
                text_x = x + (icon + gap * 0.75 if svg else 0.0)
                text_width = x + cell - text_x
                down = 0.0
                for n, paragraph in enumerate(paragraphs):
                    if n:
                        down += paragraph.getSpaceBefore()
                    _, h = paragraph.wrap(text_width, available_height)
                    placed.append((top + down + h, Part(text_x, 0.0, text_width, h, paragraph)))
                    down += h
                    if n < len(paragraphs) - 1:
                        down += paragraph.getSpaceAfter()
                if svg:
                    # The icon sits level with the first line's capitals.
                    placed.append((top + icon, Part(x, 0.0, icon, icon, svg=svg)))
                    down = max(down, icon)
                row_height = max(row_height, down)
            top += row_height + gap
        self.width, self.height = available_width, max(top - gap, 0.0)
        self.parts = [replace(part, y=self.height - bottom) for bottom, part in placed]
        return self.width, self.height

    def draw(self) -> None:
        for part in self.parts:
            self.draw_part(self.canv, part, 0.0, 0.0)

    def draw_part(self, canvas: Canvas, part: Part, x: float, y: float) -> None:
        """One part, the grid's bottom-left corner at (x, y)."""
        if part.flowable is None:
            draw_icon(canvas, part.svg, x + part.x, y + part.y, part.width, self.ink)
        else:
            part.flowable.drawOn(canvas, x + part.x, y + part.y)


class Logo(_Placed):
    """The brand's PNG or JPEG, `height` tall, its width from its proportions."""

    def __init__(self, data: bytes, height: float, align: str, grey: bool,
                 cmyk: bool = False) -> None:
        super().__init__(height, align)
        self.image = _cmyk_reader(data, grey) if cmyk else _reader(data, grey)
        w, h = self.image.getSize()
        self.box_width = height * w / h

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self.box_width > available_width:  # a wide logo shrinks to the frame's width
            self.want = self.want * available_width / self.box_width
            self.box_width = available_width
        return super().wrap(available_width, available_height)

    def draw(self) -> None:
        self.canv.drawImage(self.image, self.left(), 0, self.box_width, self.want,
                            mask="auto")


def _reader(data: bytes, grey: bool) -> ImageReader:
    if not grey:
        return ImageReader(io.BytesIO(data))
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        converted = image.convert("LA" if "A" in image.getbands() else "L")
        out = io.BytesIO()
        converted.save(out, format="PNG")
    return ImageReader(io.BytesIO(out.getvalue()))


def _cmyk_reader(data: bytes, grey: bool) -> ImageReader:
    """The logo in the print shop's inks: converted with the shipped press profile
    (grey through black ink alone), its transparency kept as a soft mask."""
    from PIL import Image, ImageCms

    from brochure.render.press import PROFILE

    with Image.open(io.BytesIO(data)) as opened:
        image = opened.convert("RGBA")
    alpha = image.getchannel("A")
    if grey:  # black ink only, as every other grey of a print-shop file
        empty = Image.new("L", image.size, 0)
        black = image.convert("L").point(lambda v: 255 - v)
        converted: Image.Image | None = Image.merge("CMYK", (empty, empty, empty, black))
    else:
        converted = ImageCms.profileToProfile(
            image.convert("RGB"), ImageCms.createProfile("sRGB"),
            ImageCms.getOpenProfile(str(PROFILE)), outputMode="CMYK",
            renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
    assert converted is not None
    reader = ImageReader(converted)
    reader.getRGBData()  # type: ignore[no-untyped-call]  # reads the pixels, drops any mask
    if alpha.getextrema() != (255, 255):  # reportlab's soft mask, as for an RGBA image
        reader._dataA = ImageReader(alpha)  # type: ignore[attr-defined]
    return reader
