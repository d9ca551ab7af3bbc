"""Make the CMYK profile print-shop files carry (src/brochure/render/profiles/).

Offset printing on coated paper is described by ISO 12647-2 with a handful of published aim
values: the colour of the paper, of each ink solid and of their overprints, and how much dots
grow. This script models every CMYK patch of an ArgyllCMS target from those aims alone (a
Yule-Nielsen Neugebauer model), writes the measurements file ArgyllCMS reads, and has its
`colprof` make the profile with a 300 % total ink limit:

    targen -d4 -f 1200 -l 400 target        # from Debian's argyll package
    python tools/print_profile.py target     # writes target.ti3 from target.ti1
    colprof -v -qm -kr -l300 -L95 -D "..." -C "..." target

Run by hand when the profile is to be remade; nothing at build time needs ArgyllCMS."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

# ISO 12647-2:2004/Amd 1:2007, paper types 1 and 2 (coated), CIELAB D50/2°, black backing.
AIMS = {
    "": (95.0, 0.0, -2.0),
    "C": (55.0, -37.0, -50.0),
    "M": (48.0, 74.0, -3.0),
    "Y": (89.0, -5.0, 93.0),
    "K": (16.0, 0.0, 0.0),
    "MY": (47.0, 68.0, 48.0),
    "CY": (50.0, -65.0, 27.0),
    "CM": (24.0, 22.0, -46.0),
    "CMY": (23.0, 0.0, 0.0),
}
GAIN = {"C": 0.14, "M": 0.14, "Y": 0.14, "K": 0.17}
"""Tone value increase at 50 %, as those paper types print it."""
N = 2.0
"""The Yule-Nielsen factor: light scattered in the paper darkens halftones."""
WHITE = (96.42, 100.0, 82.49)
FLARE = 0.009
"""Light reflected by the ink's surface: the floor under overprints with black."""


def lab_to_xyz(lab: tuple[float, float, float]) -> tuple[float, float, float]:
    lightness, a, b = lab
    fy = (lightness + 16) / 116
    fx, fz = fy + a / 500, fy - b / 200

    def f_inv(t: float) -> float:
        return t ** 3 if t ** 3 > 0.008856 else (t - 16 / 116) / 7.787

    return tuple(w * f_inv(t) for w, t in zip(WHITE, (fx, fy, fz), strict=True))  # type: ignore[return-value]


def primaries() -> dict[str, tuple[float, float, float]]:
    """XYZ of all sixteen overprints; those with black made by multiplying the black solid's
    transmission into the overprint without it, above a surface-reflection floor."""
    xyz = {name: lab_to_xyz(lab) for name, lab in AIMS.items()}
    paper, black = xyz[""], xyz["K"]
    for name in list(AIMS):
        if name == "K":
            continue
        colour = xyz[name]
        xyz[name + "K"] = tuple(
            FLARE * w + (c - FLARE * w) * (k - FLARE * w) / (p - FLARE * w)
            for w, c, k, p in zip(WHITE, colour, black, paper, strict=True))  # type: ignore[assignment]
    return xyz


def effective(ink: str, value: float) -> float:
    """The printed coverage of a `value` tint, with dot gain peaking at 50 %."""
    return value + GAIN[ink] * 4 * value * (1 - value)


def model(cmyk: tuple[float, float, float, float]) -> tuple[float, float, float]:
    """XYZ of a CMYK patch (values 0 to 1)."""
    xyz = primaries()
    cover = [effective(ink, v) for ink, v in zip("CMYK", cmyk, strict=True)]
    total = [0.0, 0.0, 0.0]
    for on in itertools.product((0, 1), repeat=4):
        weight = 1.0
        for flag, c in zip(on, cover, strict=True):
            weight *= c if flag else 1 - c
        name = "".join(ink for ink, flag in zip("CMYK", on, strict=True) if flag)
        for i in range(3):
            total[i] += weight * xyz[name][i] ** (1 / N)
    return tuple(t ** N for t in total)  # type: ignore[return-value]


def main(stem: str) -> None:
    lines = Path(stem + ".ti1").read_text().splitlines()
    start, end = lines.index("BEGIN_DATA"), lines.index("END_DATA")
    rows = []
    for line in lines[start + 1:end]:
        sample, c, m, y, k = line.split()[:5]
        cmyk = tuple(float(v) for v in (c, m, y, k))
        x, y_, z = model(tuple(v / 100 for v in cmyk))  # type: ignore[arg-type]
        rows.append(f"{sample} {' '.join(f'{v:.4f}' for v in cmyk)} {x:.5f} {y_:.5f} {z:.5f}")
    Path(stem + ".ti3").write_text("\n".join([
        "CTI3", "", 'DESCRIPTOR "Modelled from ISO 12647-2 coated aim values"',
        'ORIGINATOR "career-brochures tools/print_profile.py"', 'DEVICE_CLASS "OUTPUT"',
        'COLOR_REP "CMYK_XYZ"', 'TOTAL_INK_LIMIT "400.0"', "",
        "NUMBER_OF_FIELDS 8", "BEGIN_DATA_FORMAT",
        "SAMPLE_ID CMYK_C CMYK_M CMYK_Y CMYK_K XYZ_X XYZ_Y XYZ_Z", "END_DATA_FORMAT", "",
        f"NUMBER_OF_SETS {len(rows)}", "BEGIN_DATA", *rows, "END_DATA", ""]))


if __name__ == "__main__":
    main(sys.argv[1])
