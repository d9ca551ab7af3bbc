"""The figures a chart shows, written out: what fit and draw need, and nothing to look up."""

from __future__ import annotations

from brochure.compose.plan import (
    ChartData,
    ChartKind,
    Mark,
    Outlook,
    OutlookRow,
    PayRange,
    StateRow,
    TopStates,
)
from brochure.figures.tables import Figures
from brochure.format import money, money_brief, number, percent


def chart_data(kind: ChartKind, figures: Figures) -> ChartData:
    if kind == "pay-range":
        return _pay_range(figures)
    if kind == "top-states":
        return _top_states(figures)
    return _outlook(figures)


def _pay_range(figures: Figures) -> PayRange:
    pay = figures.pay
    values = [a.value for a in (pay.pct10, pay.pct25, pay.median, pay.pct75, pay.pct90)]
    known = [v for v in values if v is not None]
    p10, p25, median, p75, p90 = values
    shown = pay.median.value is not None and len(known) >= 2
    alt = (f"Yearly pay: 10th percentile {money(pay.pct10)}, median {money(pay.median)}, "
           f"90th percentile {money(pay.pct90)} ({pay.citation.short}, "
           f"{pay.citation.period})." if shown else "BLS released no pay range for this job.")
    return PayRange(
        kind="pay-range",
        low=Mark(p10, money_brief(pay.pct10), "10th percentile"),
        high=Mark(p90, money_brief(pay.pct90), "90th percentile"),
        middle=(p25, p75) if p25 is not None and p75 is not None else None,
        median=Mark(median, f"Median {money_brief(pay.median)}") if shown else None,
        scale=(min(known), max(known)) if known else (0.0, 0.0),
        empty="BLS released no pay range for this job.", alt=alt)


def _top_states(figures: Figures) -> TopStates:
    rows = tuple(StateRow(s.name, s.employment.value or 0, f"{s.employment.value or 0:,}",
                          money_brief(s.median)) for s in figures.top_states.states)
    top = figures.top_states
    alt = ("States with the most jobs: " + "; ".join(
        f"{s.name}, {number(s.employment)} jobs, median pay {money(s.median)}"
        for s in top.states) + f" ({top.citation.short}, {top.citation.period})."
           if rows else "BLS released no state figures for this job.")
    return TopStates(kind="top-states", headings=("State", "Jobs", "Median pay"), rows=rows,
                     empty="BLS released no state figures for this job.", alt=alt)


def _outlook(figures: Figures) -> Outlook:
    o = figures.outlook
    rows = tuple(OutlookRow(name, value, percent(value), strong)
                 for name, value, strong in (("This job", o.change_percent, True),
                                             ("All jobs", o.all_occupations_percent, False)))
    alt = (f"Projected change in jobs, {o.citation.period}: this job {percent(o.change_percent)}, "
           f"all jobs {percent(o.all_occupations_percent)} ({o.citation.short})."
           if o.change_percent is not None else "BLS published no projection for this job.")
    return Outlook(kind="outlook", rows=rows if o.change_percent is not None else (),
                   widest="−00.0%", empty="BLS published no projection for this job.", alt=alt)
