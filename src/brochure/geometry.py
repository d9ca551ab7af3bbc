"""Boxes on the sheet, shared by layouts (where frames go) and plans (what fills them)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rect:
    """A box in points, from the sheet's top-left corner."""

    x: float
    y: float
    width: float
    height: float
