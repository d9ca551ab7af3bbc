"""Print-shop colour: every colour of a --bleed file as CMYK ink for coated offset printing.

Office files keep the layout's RGB colours. A print shop's press prints four inks, so a
print-shop file states its colours in those inks itself instead of leaving the shop to
convert RGB with a profile of its choosing. Dark neutral colours (body text, rules, small
type) print as black ink alone, which stays sharp when the plates are a hair out of
register; other neutrals are tints of black; colours go through the shipped profile
(`profiles/coated-offset.icc`), never above 300 % total ink; a brand's own CMYK wins."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from reportlab.lib.colors import CMYKColor, Color, HexColor

PROFILE = Path(__file__).parent / "profiles" / "coated-offset.icc"
"""The characterisation print-shop files are made for, and carry as their output intent."""
OUTPUT_CONDITION = "Coated offset paper (ISO 12647-2 paper types 1 and 2), 300% total ink"
TOTAL_INK = 3.0
"""The most ink any colour may lay down: 300 %, as coated offset presses ask."""
NEUTRAL = 12.0
"""CIELAB chroma at or below which a colour counts as grey and prints with black ink only."""
BLACK = 25.0
"""CIELAB lightness at or below which a grey prints as solid black ink (100 % K)."""

CMYK = tuple[float, float, float, float]
"""Cyan, magenta, yellow and black ink, each from 0 to 1."""


@dataclass(frozen=True)
class Press:
    """How a print-shop file's colours become ink: the brand's own CMYK values by the
    hex colour they stand for; every other colour converted."""

    given: tuple[tuple[str, CMYK], ...] = ()

    def colour(self, value: str) -> Color:
        """`value` (#rrggbb) as reportlab's CMYK colour."""
        return CMYKColor(*self.ink(value))

    def ink(self, value: str) -> CMYK:
        for hex_value, cmyk in self.given:
            if hex_value == value.lower():
                return cmyk
        return ink(value.lower())


def colour(value: str, press: Press | None) -> Color:
    """`value` as the office file draws it (RGB), or as ink for a print-shop file."""
    return HexColor(value) if press is None else press.colour(value)


@cache
def ink(value: str) -> CMYK:
    """The CMYK a #rrggbb colour prints with (worked out once per colour)."""
    lightness, a, b = _lab(value)
    if math.hypot(a, b) <= NEUTRAL:
        if lightness <= BLACK:
            return (0.0, 0.0, 0.0, 1.0)
        return (0.0, 0.0, 0.0, _black_for(lightness))
    c, m, y, k = _convert(value)
    ink_total = c + m + y + k
    if ink_total > TOTAL_INK:  # less of the colour inks, black kept: the hue holds
        scale = (TOTAL_INK - k) / (c + m + y)
        c, m, y = c * scale, m * scale, y * scale
    return (round(c, 3), round(m, 3), round(y, 3), round(k, 3))


@cache
def _transforms() -> tuple[Any, Any, Any]:
    from PIL import ImageCms

    press = ImageCms.getOpenProfile(str(PROFILE))
    srgb = ImageCms.createProfile("sRGB")
    lab = ImageCms.createProfile("LAB", 5000)
    intent = ImageCms.Intent.RELATIVE_COLORIMETRIC
    to_press = ImageCms.buildTransform(srgb, press, "RGB", "CMYK", renderingIntent=intent)
    to_lab = ImageCms.buildTransform(srgb, lab, "RGB", "LAB", renderingIntent=intent)
    press_lab = ImageCms.buildTransform(press, lab, "CMYK", "LAB", renderingIntent=intent)
    return to_press, to_lab, press_lab


def _pixel(transform: Any, mode: str, value: tuple[int, ...], out: str) -> tuple[int, ...]:
    from PIL import Image, ImageCms

    image = ImageCms.applyTransform(Image.new(mode, (1, 1), value), transform)
    assert image is not None and image.mode == out
    pixel = image.getpixel((0, 0))
    assert isinstance(pixel, tuple)
    return tuple(int(v) for v in pixel)


def _rgb(value: str) -> tuple[int, int, int]:
    return (int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16))


def _lab(value: str) -> tuple[float, float, float]:
    lightness, a, b = _pixel(_transforms()[1], "RGB", _rgb(value), "LAB")
    return lightness * 100 / 255, a - 128, b - 128  # Pillow keeps a and b offset by 128


def _convert(value: str) -> CMYK:
    c, m, y, k = _pixel(_transforms()[0], "RGB", _rgb(value), "CMYK")
    return (c / 255, m / 255, y / 255, k / 255)


@cache
def _black_for(lightness: float) -> float:
    """The tint of black ink alone that prints as light as `lightness` (by the profile)."""
    low, high = 0.0, 1.0
    for _ in range(12):
        middle = (low + high) / 2
        printed = _pixel(_transforms()[2], "CMYK", (0, 0, 0, round(middle * 255)), "LAB")[0]
        if printed * 100 / 255 > lightness:
            low = middle
        else:
            high = middle
    return round((low + high) / 2, 3)
