"""The figures a chart shows, written out: what fit and draw need, and nothing to look up."""

from __future__ import annotations

from brochure.compose.plan import (
    Axis,
    ChartData,
    ChartKind,
    Mark,
    Outlook,
    OutlookRow,
    PayRange,
    StateRow,
    Tick,
    TopStates,
)
from brochure.figures.tables import Amount, Figures
from brochure.format import money, money_brief, number, percent

# Both axes are fixed, so that any two brochures, from any build or pack, compare: a bar
# at the same place means the same pay or the same change. They hold the May 2025 OEWS
# 10th-90th percentile ranges of nearly every occupation and every 2024-34 projection (see
# layouts/README.md, "Charts"); a value past an end is drawn reaching it, labelled in full.
PAY_AXIS = Axis(0, 250_000, tuple(Tick(v, f"${v // 1000}k" if v else "$0")
                                  for v in range(0, 250_001, 50_000)))


def _whole_percent(value: float) -> str:
    """A round change on an axis: `−40%`, `+20%`."""
    return percent(value).replace(".0%", "%")


OUTLOOK_AXIS = Axis(-40, 50, tuple(Tick(v, _whole_percent(v) if v else "0")
                                   for v in (-40, -20, 0, 20, 40)))


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
    p25, p75 = values[1], values[3]
    shown = pay.median.value is not None and len(known) >= 2
    everyone = pay.all_occupations_median
    reference = (Mark(everyone.value, f"All jobs {money(everyone)}")
                 if everyone.value is not None else None)
    scale = f"{money(Amount(int(PAY_AXIS.low)))} to {money(Amount(int(PAY_AXIS.high)))}"
    compared = (f"; the median of all jobs, {money(everyone)}, is marked for comparison"
                if reference else "")
    alt = (f"Yearly pay: 10th percentile {money(pay.pct10)}, median {money(pay.median)}, "
           f"90th percentile {money(pay.pct90)}, drawn on a scale from {scale}{compared} "
           f"({pay.citation.short}, {pay.citation.period})."
           if shown else "BLS released no pay range for this job.")
    return PayRange(
        kind="pay-range",
        low=_mark(pay.pct10),
        high=_mark(pay.pct90),
        middle=(p25, p75) if p25 is not None and p75 is not None else None,
        median=Mark(pay.median.value, f"Median {money(pay.median)}",
                    or_more=pay.median.status == "at least") if shown else None,
        reference=reference, axis=PAY_AXIS,
        empty="BLS released no pay range for this job.", alt=alt)


def _mark(amount: Amount) -> Mark:
    return Mark(amount.value, money(amount), or_more=amount.status == "at least")


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
    axis = OUTLOOK_AXIS
    alt = (f"Projected change in jobs, {o.citation.period}: this job {percent(o.change_percent)}, "
           f"all jobs {percent(o.all_occupations_percent)}, drawn as bars from a zero line on "
           f"a scale from {_whole_percent(axis.low)} to {_whole_percent(axis.high)}, a fall "
           f"to the left ({o.citation.short})."
           if o.change_percent is not None else "BLS published no projection for this job.")
    return Outlook(kind="outlook", rows=rows if o.change_percent is not None else (), axis=axis,
                   widest="−00.0%", empty="BLS published no projection for this job.", alt=alt)
