"""Colours: the layout's named colours with the brand's applied, tints mixed, grey if asked."""

from __future__ import annotations


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
