"""The one way figures are written: money, hourly pay, counts, percentages, citations.
Each says so when BLS published no figure."""

from __future__ import annotations

from brochure.figures.tables import Amount, Citation


def money(amount: Amount) -> str:
    if amount.value is None:
        return "not released"
    text = f"${amount.value:,}"
    return f"{text} or more" if amount.status == "at least" else text


def hourly(amount: Amount) -> str:
    if amount.value is None:
        return "not released"
    return f"${amount.value / 100:,.2f} an hour"


def number(amount: Amount | int | None) -> str:
    value = amount.value if isinstance(amount, Amount) else amount
    return "not released" if value is None else f"{value:,}"


def percent(value: float | None) -> str:
    if value is None:
        return "not released"
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    return f"{sign}{abs(value):.1f}%"


def cite(citation: Citation) -> str:
    return str(citation)


def money_brief(amount: Amount) -> str:
    """Money where room is short, as on a chart: "$239,200+" for "at least"."""
    if amount.value is None:
        return "not released"
    return f"${amount.value:,}" + ("+" if amount.status == "at least" else "")
