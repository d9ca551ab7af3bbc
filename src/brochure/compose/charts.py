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
from brochure.format import money, money_brief, number, percent, period, place, short
from brochure.language import DEFAULT, translate

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


def chart_data(kind: ChartKind, figures: Figures, lang: str = DEFAULT) -> ChartData:
    """The chart's figures, labels and alt text, its words in `lang`."""
    if kind == "pay-range":
        return _pay_range(figures, lang)
    if kind == "top-states":
        return _top_states(figures, lang)
    return _outlook(figures, lang)


def _pay_range(figures: Figures, lang: str) -> PayRange:
    pay = figures.pay

    def _(message: str) -> str:
        return translate(lang, message)

    def dollars(amount: Amount) -> str:
        return money(amount, lang)

    values = [a.value for a in (pay.pct10, pay.pct25, pay.median, pay.pct75, pay.pct90)]
    known = [v for v in values if v is not None]
    p25, p75 = values[1], values[3]
    shown = pay.median.value is not None and len(known) >= 2
    everyone = pay.all_occupations_median
    reference = (Mark(everyone.value, _("All jobs %(money)s") % {"money": dollars(everyone)})
                 if everyone.value is not None else None)
    scale = _("%(low)s to %(high)s") % {"low": dollars(Amount(int(PAY_AXIS.low))),
                                        "high": dollars(Amount(int(PAY_AXIS.high)))}
    compared = (_("; the median of all jobs, %(money)s, is marked for comparison")
                % {"money": dollars(everyone)} if reference else "")
    alt = (_("Yearly pay: 10th percentile %(low)s, median %(median)s, 90th percentile "
             "%(high)s, drawn on a scale from %(scale)s%(compared)s (%(source)s, %(period)s).")
           % {"low": dollars(pay.pct10), "median": dollars(pay.median),
              "high": dollars(pay.pct90), "scale": scale, "compared": compared,
              "source": short(pay.citation.short, lang),
              "period": period(pay.citation.period, lang)}
           if shown else _("BLS released no pay range for this job."))
    return PayRange(
        kind="pay-range",
        low=_mark(pay.pct10, lang),
        high=_mark(pay.pct90, lang),
        middle=(p25, p75) if p25 is not None and p75 is not None else None,
        median=Mark(pay.median.value, _("Median %(money)s") % {"money": dollars(pay.median)},
                    or_more=pay.median.status == "at least") if shown else None,
        reference=reference, axis=PAY_AXIS,
        empty=_("BLS released no pay range for this job."), alt=alt)


def _mark(amount: Amount, lang: str) -> Mark:
    return Mark(amount.value, money(amount, lang), or_more=amount.status == "at least")


def _top_states(figures: Figures, lang: str) -> TopStates:
    def _(message: str) -> str:
        return translate(lang, message)

    rows = tuple(StateRow(place(s.name, lang), s.employment.value or 0,
                          number(s.employment.value or 0, lang), money_brief(s.median, lang))
                 for s in figures.top_states.states)
    top = figures.top_states
    alt = (_("States with the most jobs: %(states)s (%(source)s, %(period)s).") % {
        "states": "; ".join(_("%(state)s, %(jobs)s jobs, median pay %(money)s")
                            % {"state": place(s.name, lang), "jobs": number(s.employment, lang),
                               "money": money(s.median, lang)} for s in top.states),
        "source": short(top.citation.short, lang), "period": period(top.citation.period, lang)}
           if rows else _("BLS released no state figures for this job."))
    return TopStates(kind="top-states", headings=(_("State"), _("Jobs"), _("Median pay")),
                     rows=rows, empty=_("BLS released no state figures for this job."),
                     alt=alt)


def _outlook(figures: Figures, lang: str) -> Outlook:
    def _(message: str) -> str:
        return translate(lang, message)

    o = figures.outlook
    rows = tuple(OutlookRow(name, value, percent(value, lang), strong)
                 for name, value, strong in ((_("This job"), o.change_percent, True),
                                             (_("All jobs"), o.all_occupations_percent, False)))
    axis = OUTLOOK_AXIS
    alt = (_("Projected change in jobs, %(period)s: this job %(job)s, all jobs %(all)s, drawn "
             "as bars from a zero line on a scale from %(low)s to %(high)s, a fall to the "
             "left (%(source)s).")
           % {"period": period(o.citation.period, lang), "job": percent(o.change_percent, lang),
              "all": percent(o.all_occupations_percent, lang),
              "low": _whole_percent(axis.low), "high": _whole_percent(axis.high),
              "source": short(o.citation.short, lang)}
           if o.change_percent is not None else _("BLS published no projection for this job."))
    return Outlook(kind="outlook", rows=rows if o.change_percent is not None else (), axis=axis,
                   widest="−00.0%", empty=_("BLS published no projection for this job."),
                   alt=alt)
