"""Colours: the layout's named colours with the brand's applied, tints mixed, grey if asked."""

from __future__ import annotations

import math


def hex_to_rgb(value: str) -> tuple[float, float, float]:
    value = value.lstrip("#")
    r, g, b = (int(value[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return (r, g, b)


def rgb_to_hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02x}" for c in rgb)


def luminance(value: str) -> float:
    """WCAG 2 relative luminance of #RRGGBB."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in hex_to_rgb(value))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio between two colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def grey(value: str) -> str:
    """The grey a monochrome printer would print: same luminance, no hue."""
    lum = luminance(value)
    level = 12.92 * lum if lum <= 0.0031308 else 1.055 * lum ** (1 / 2.4) - 0.055
    return rgb_to_hex((level, level, level))


def resolve(colours: dict[str, str], overrides: dict[str, str], grayscale: bool) -> dict[str, str]:
    """Every named colour as #rrggbb: brand overrides first, then tints like `primary 20%`."""
    merged = {**colours, **overrides}
    out: dict[str, str] = {}

    def value(name: str, seen: tuple[str, ...] = ()) -> str:
        if name in out:
            return out[name]
        raw = merged[name]
        if raw.startswith("#"):
            result = raw.lower()
        else:
            base, strength = raw.split()
            if base in seen:
                raise ValueError(f"colour {name!r} refers to itself")
            amount = float(strength.rstrip("%")) / 100
            paper = hex_to_rgb(value("paper", (*seen, name)) if "paper" in merged else "#ffffff")
            rgb = hex_to_rgb(value(base, (*seen, name)))
            result = rgb_to_hex(tuple(p + (c - p) * amount  # type: ignore[arg-type]
                                      for c, p in zip(rgb, paper, strict=True)))
        out[name] = result
        return result

    for name in merged:
        value(name)
    if not grayscale:
        return out
    greys = {name: grey(v) for name, v in out.items()}
    # Headings, table heads and chart bars are in the primary colour: in grey they are
    # never lighter than the body text.
    if "primary" in greys and "ink" in greys:
        greys["primary"] = min(greys["primary"], greys["ink"], key=luminance)
    return greys


def light_band(palette: dict[str, str]) -> str:
    """The light grey that stands for a dark band (a title band, a cover) in grey print:
    a tint of the text colour that saves toner and prints without banding."""
    ink, paper = palette.get("ink", "#000000"), palette.get("paper", "#ffffff")
    return rgb_to_hex(tuple(p + (i - p) * BAND_TINT  # type: ignore[arg-type]
                            for i, p in zip(hex_to_rgb(ink), hex_to_rgb(paper), strict=True)))


BAND_TINT = 0.14
"""How much of the text colour a light band in grey print holds."""


def is_dark(background: str, palette: dict[str, str]) -> bool:
    """True for a background that paper-coloured text stands on (a dark band)."""
    return contrast(background, palette.get("paper", "#ffffff")) > contrast(
        background, palette.get("ink", "#000000"))



def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _gamma(c: float) -> float:
    return 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def to_oklch(value: str) -> tuple[float, float, float]:
    """#RRGGBB as OKLCH (lightness 0 to 1, chroma, hue in degrees): a space where equal
    steps look equal, so a colour can be darkened without its hue drifting."""
    r, g, b = (_linear(c) for c in hex_to_rgb(value))
    lms = (0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b,
           0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b,
           0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b)
    l_, m_, s_ = (x ** (1 / 3) for x in lms)
    lightness = 0.2104542553 * l_ + 0.7936177850 * m_ - 0.0040720468 * s_
    a = 1.9779984951 * l_ - 2.4285922050 * m_ + 0.4505937099 * s_
    b2 = 0.0259040371 * l_ + 0.7827717662 * m_ - 0.8086757660 * s_
    return lightness, math.hypot(a, b2), math.degrees(math.atan2(b2, a)) % 360


def _from_oklch(lightness: float, chroma: float, hue: float) -> tuple[float, float, float]:
    """OKLCH as linear sRGB channels, which may fall outside 0 to 1."""
    a = chroma * math.cos(math.radians(hue))
    b = chroma * math.sin(math.radians(hue))
    l_ = (lightness + 0.3963377774 * a + 0.2158037573 * b) ** 3
    m_ = (lightness - 0.1055613458 * a - 0.0638541728 * b) ** 3
    s_ = (lightness - 0.0894841775 * a - 1.2914855480 * b) ** 3
    rgb = (4.0767416621 * l_ - 3.3077115913 * m_ + 0.2309699292 * s_,
           -1.2684380046 * l_ + 2.6097574011 * m_ - 0.3413193965 * s_,
           -0.0041960563 * l_ - 0.7034186147 * m_ + 1.7076147010 * s_)
    return (rgb[0], rgb[1], rgb[2])


def _in_gamut(lightness: float, chroma: float, hue: float) -> str:
    """The colour at this lightness and hue with as much of `chroma` as sRGB can show."""
    low, high = 0.0, chroma
    for _ in range(24):
        middle = (low + high) / 2
        if all(-1e-6 <= c <= 1 + 1e-6 for c in _from_oklch(lightness, middle, hue)):
            low = middle
        else:
            high = middle
    rgb = _from_oklch(lightness, low, hue)
    return rgb_to_hex(tuple(_gamma(max(0.0, min(1.0, c))) for c in rgb))  # type: ignore[arg-type]


def darker_shade(value: str, minimum: float, against: str = "#ffffff") -> str:
    """The lightest shade of `value` (same hue, as much of its chroma as fits, darker in
    OKLCH) on which `against` reaches `minimum` contrast; `value` itself if it already
    does."""
    if contrast(against, value) >= minimum:
        return value.lower()
    lightness, chroma, hue = to_oklch(value)
    if chroma < 0.002:  # a grey: its hue is rounding noise
        chroma = 0.0
    low, high = 0.0, lightness  # passes at `low`, fails at `high`
    for _ in range(30):
        middle = (low + high) / 2
        if contrast(against, _in_gamut(middle, chroma, hue)) >= minimum:
            low = middle
        else:
            high = middle
    return _in_gamut(low, chroma, hue)
