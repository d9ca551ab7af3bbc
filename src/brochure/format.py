"""The one way figures are written: money, hourly pay, counts, percentages, citations, and
the few sizes messages name. Each says so when BLS published no figure.

It imports nothing of the program at run time, so that every stage, the errors, the
command line and the page can use it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from brochure.figures.tables import Amount, Citation

NOT_RELEASED = "not released"


def money(amount: Amount) -> str:
    """`$51,140`, or `$239,200 or more` where BLS gives only a floor."""
    if amount.value is None:
        return NOT_RELEASED
    text = f"${amount.value:,}"
    return f"{text} or more" if amount.status == "at least" else text


def hourly(amount: Amount) -> str:
    """Pay in cents as `$24.59 an hour`."""
    if amount.value is None:
        return NOT_RELEASED
    return f"${amount.value / 100:,.2f} an hour"


def number(amount: Amount | int | None) -> str:
    """A count with thousands separated: `12,300`."""
    value = amount if amount is None or isinstance(amount, int) else amount.value
    return NOT_RELEASED if value is None else f"{value:,}"


def percent(value: float | None) -> str:
    """A change with its sign, a true minus for a fall: `+7.1%`, `−2.0%`, `0.0%`."""
    if value is None:
        return NOT_RELEASED
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    return f"{sign}{abs(value):.1f}%"


def short_url(url: str) -> str:
    """A link as people read it: `careers.riverside.example.edu/fair` for
    `https://www.careers.riverside.example.edu/fair/` (no scheme, no `www.`, no last `/`)."""
    for prefix in ("https://", "http://", "mailto:"):
        url = url.removeprefix(prefix)
    return url.removeprefix("www.").rstrip("/")


def cite(citation: Citation) -> str:
    return str(citation)


def money_brief(amount: Amount) -> str:
    """Money where room is short, as on a chart: "$239,200+" for "at least"."""
    if amount.value is None:
        return "not released"
    return f"${amount.value:,}" + ("+" if amount.status == "at least" else "")


def count(n: int, noun: str, plural: str | None = None) -> str:
    """`1 career`, `30 careers`, `2 brochures`."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def points(value: float) -> str:
    """A type size or distance in points: `9 pt`, `9.5 pt`."""
    return f"{value:g} pt"


def overrun(value: float) -> str:
    """How far text runs over its box, in points and inches: `12 pt (0.17 in)`; never
    less than 1 pt, so that it never reads as nothing."""
    return f"{max(1, round(value))} pt ({max(0.01, value / 72):.2f} in)"


def megabytes(size: int) -> str:
    """A file size limit in whole megabytes: `2 MB`."""
    return f"{size // 1_000_000:,} MB"
