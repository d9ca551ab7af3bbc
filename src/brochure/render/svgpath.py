"""An icon's SVG read as vector outlines: its viewBox and the path data of its <path>
elements, every command turned into moves, lines and cubic curves (the only curves PDF
draws). Enough SVG for the icon set's files, which are one-colour paths."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

Point = tuple[float, float]
Segment = tuple[str, tuple[float, ...]]
"""("M", (x, y)), ("L", (x, y)), ("C", (x1, y1, x2, y2, x, y)) or ("Z", ())."""

_TOKEN = re.compile(r"[A-Za-z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_ARGS = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "T": 2, "A": 7, "Z": 0}


@dataclass(frozen=True)
class Outline:
    """An icon's filled shapes in its own units, y downwards as in SVG."""

    width: float
    height: float
    segments: tuple[Segment, ...]


class SvgError(ValueError):
    """The SVG is not one the icon reader understands."""


@cache
def outline(svg: bytes) -> Outline:
    """The outline of an icon's SVG (read once per icon)."""
    try:
        root = ET.fromstring(svg)
    except ET.ParseError as exc:
        raise SvgError(f"not well-formed SVG: {exc}") from None
    box = [float(v) for v in re.split(r"[\s,]+", root.get("viewBox", "").strip()) if v]
    if len(box) != 4 or box[2] <= 0 or box[3] <= 0:
        raise SvgError("the SVG has no usable viewBox")
    segments: list[Segment] = []
    for element in root.iter():
        if element.tag.rpartition("}")[2] == "path":
            segments += [(op, tuple(v - (box[0] if i % 2 == 0 else box[1])
                                    for i, v in enumerate(values)))
                         for op, values in path_segments(element.get("d", ""))]
    return Outline(box[2], box[3], tuple(segments))


def _tokens(data: str) -> Iterator[str]:
    at = 0
    while at < len(data):
        if data[at] in " \t\r\n,":
            at += 1
            continue
        match = _TOKEN.match(data, at)
        if match is None:
            raise SvgError(f"unexpected {data[at]!r} in path data")
        yield match.group()
        at = match.end()


def _split_flags(tokens: list[str]) -> list[str]:
    """Arc flags may be written run together ("a4 4 0 014 4"): split each arc's two flags
    off the numbers they touch."""
    out: list[str] = []
    command, count = "", 0
    for token in tokens:
        if token.isalpha():
            command, count = token, 0
            out.append(token)
            continue
        if command in "Aa":
            index = count % 7
            while index in (3, 4) and len(token) > 1 and token[0] in "01":
                out.append(token[0])
                token = token[1:]
                count += 1
                index = count % 7
        out.append(token)
        count += 1
    return out


def path_segments(data: str) -> list[Segment]:
    """SVG path data as absolute moves, lines, cubic curves and closes."""
    tokens = _split_flags(list(_tokens(data)))
    out: list[Segment] = []
    x = y = start_x = start_y = 0.0
    last_control: Point | None = None  # a C or S's second control point, for S
    last_quad: Point | None = None  # a Q or T's control point, for T
    command = ""
    i = 0
    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
            if command in "Zz":
                out.append(("Z", ()))
                x, y = start_x, start_y
                last_control = last_quad = None
                continue
        elif not command or command in "Zz":
            raise SvgError("path data starts with a number")
        upper = command.upper()
        if upper not in _ARGS:
            raise SvgError(f"unknown path command {command!r}")
        n = _ARGS[upper]
        values = [float(v) for v in tokens[i:i + n]]
        if len(values) < n or any(tokens[j].isalpha() for j in range(i, i + n)):
            raise SvgError(f"path command {command!r} needs {n} numbers")
        i += n
        relative = command.islower()
        dx, dy = (x, y) if relative else (0.0, 0.0)
        control, quad = None, None
        if upper == "M":
            x, y = values[0] + dx, values[1] + dy
            start_x, start_y = x, y
            out.append(("M", (x, y)))
            command = "l" if relative else "L"  # numbers after a move are lines
        elif upper in "LHV":
            if upper == "L":
                x, y = values[0] + dx, values[1] + dy
            elif upper == "H":
                x = values[0] + dx
            else:
                y = values[0] + dy
            out.append(("L", (x, y)))
        elif upper in "CS":
            if upper == "C":
                c1 = (values[0] + dx, values[1] + dy)
                rest = values[2:]
            else:
                c1 = (2 * x - last_control[0], 2 * y - last_control[1]) if last_control \
                    else (x, y)
                rest = values
            c2 = (rest[0] + dx, rest[1] + dy)
            x, y = rest[2] + dx, rest[3] + dy
            out.append(("C", (*c1, *c2, x, y)))
            control = c2
        elif upper in "QT":
            if upper == "Q":
                q = (values[0] + dx, values[1] + dy)
                end = (values[2] + dx, values[3] + dy)
            else:
                q = (2 * x - last_quad[0], 2 * y - last_quad[1]) if last_quad else (x, y)
                end = (values[0] + dx, values[1] + dy)
            out.append(("C", (x + 2 / 3 * (q[0] - x), y + 2 / 3 * (q[1] - y),
                              end[0] + 2 / 3 * (q[0] - end[0]),
                              end[1] + 2 / 3 * (q[1] - end[1]), *end)))
            x, y = end
            quad = q
        else:  # A
            end = (values[5] + dx, values[6] + dy)
            out += _arc((x, y), values[0], values[1], values[2], values[3] != 0,
                        values[4] != 0, end)
            x, y = end
        last_control, last_quad = control, quad
    return out


def _arc(start: Point, rx: float, ry: float, rotation: float, large: bool, sweep: bool,
         end: Point) -> list[Segment]:
    """An elliptical arc as cubic curves of at most a quarter turn each (SVG 1.1's
    implementation notes, F.6.5)."""
    if start == end:
        return []
    rx, ry = abs(rx), abs(ry)
    if rx == 0 or ry == 0:
        return [("L", end)]
    phi = math.radians(rotation % 360)
    cos, sin = math.cos(phi), math.sin(phi)
    hx, hy = (start[0] - end[0]) / 2, (start[1] - end[1]) / 2
    x1, y1 = cos * hx + sin * hy, -sin * hx + cos * hy
    scale = (x1 / rx) ** 2 + (y1 / ry) ** 2
    if scale > 1:  # radii too small to reach: grow them just enough
        rx, ry = rx * math.sqrt(scale), ry * math.sqrt(scale)
    numerator = rx * rx * ry * ry - rx * rx * y1 * y1 - ry * ry * x1 * x1
    root = math.sqrt(max(0.0, numerator / (rx * rx * y1 * y1 + ry * ry * x1 * x1)))
    if large == sweep:
        root = -root
    cx1, cy1 = root * rx * y1 / ry, -root * ry * x1 / rx
    cx = cos * cx1 - sin * cy1 + (start[0] + end[0]) / 2
    cy = sin * cx1 + cos * cy1 + (start[1] + end[1]) / 2

    def angle(ux: float, uy: float) -> float:
        return math.atan2(uy, ux)

    theta = angle((x1 - cx1) / rx, (y1 - cy1) / ry)
    delta = angle((-x1 - cx1) / rx, (-y1 - cy1) / ry) - theta
    if sweep and delta < 0:
        delta += 2 * math.pi
    elif not sweep and delta > 0:
        delta -= 2 * math.pi
    pieces = max(1, math.ceil(abs(delta) / (math.pi / 2) - 1e-9))
    step = delta / pieces
    k = 4 / 3 * math.tan(step / 4)

    def point(t: float) -> Point:
        px, py = rx * math.cos(t), ry * math.sin(t)
        return cos * px - sin * py + cx, sin * px + cos * py + cy

    def tangent(t: float) -> Point:
        px, py = -rx * math.sin(t), ry * math.cos(t)
        return cos * px - sin * py, sin * px + cos * py

    out: list[Segment] = []
    for n in range(pieces):
        t0, t1 = theta + n * step, theta + (n + 1) * step
        p0, p1 = point(t0), point(t1) if n < pieces - 1 else end
        d0, d1 = tangent(t0), tangent(t1)
        out.append(("C", (p0[0] + k * d0[0], p0[1] + k * d0[1],
                          p1[0] - k * d1[0], p1[1] - k * d1[1], *p1)))
    return out
