"""Pictures in a frame: a vector QR code, and the brand's logo."""

from __future__ import annotations

import io
import itertools
from functools import cache

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.colors import Color
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable


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
        # A light square behind the code keeps it readable on a coloured band; its quiet
        # zone is two modules wide.
        canvas.setFillColor(self.background)
        canvas.rect(x0, 0, size, size, stroke=0, fill=1)
        modules = qr_modules(self.target)
        box = size / (len(modules) + 4)
        path = canvas.beginPath()
        for r, row in enumerate(modules):
            y = size - (r + 3) * box
            c = 0
            for dark, run in itertools.groupby(row):
                count = len(list(run))
                if dark:
                    path.rect(x0 + (c + 2) * box, y, count * box, box)
                c += count
        canvas.setFillColor(self.colour)
        canvas.drawPath(path, stroke=0, fill=1)


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
