"""Vector charts drawn straight onto the page: pay range, top states, outlook."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from brochure.figures.tables import Amount, Outlook, Pay, TopStates


@dataclass(frozen=True)
class Ink:
    """Colours and type a chart draws with, taken from the layout."""

    text: Color
    muted: Color
    strong: Color
    light: Color
    rule: Color
    paper: Color
    font: str
    bold: str
    size: float

    def width(self, text: str, bold: bool = False) -> float:
        return stringWidth(text, self.bold if bold else self.font, self.size)


def _money(amount: Amount) -> str:
    if amount.value is None:
        return "not released"
    return f"${amount.value:,}" + ("+" if amount.status == "at least" else "")


class PayRangeChart(Flowable):
    """The 10th–90th percentile range as a bar, the middle half darker, the median marked."""

    def __init__(self, pay: Pay, height: float, ink: Ink) -> None:
        super().__init__()
        self.pay, self.ink, self.want = pay, ink, height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = available_width, self.want
        return self.width, self.height

    def draw(self) -> None:
        c, ink, pay = self.canv, self.ink, self.pay
        points = [a.value for a in (pay.pct10, pay.pct25, pay.median, pay.pct75, pay.pct90)]
        known = [p for p in points if p is not None]
        c.setFont(ink.font, ink.size)
        if pay.median.value is None or len(known) < 2:
            c.setFillColor(ink.muted)
            c.drawString(0, self.height / 2, "BLS released no pay range for this job.")
            return
        low, high = min(known), max(known)
        pad = max(ink.width(_money(pay.pct10)), ink.width(_money(pay.pct90))) / 2 + 2
        x0, x1 = pad, self.width - pad

        span = (high - low) or 1  # every percentile the same: draw them all at the left

        def x(value: float) -> float:
            return x0 + (value - low) / span * (x1 - x0)

        bar_h = self.height * 0.22
        bar_y = self.height * 0.38
        p10, p25, median, p75, p90 = points
        start = x(p10 if p10 is not None else low)
        c.setFillColor(ink.light)
        c.rect(start, bar_y, x(p90 if p90 is not None else high) - start, bar_h, stroke=0, fill=1)
        if p25 is not None and p75 is not None:
            c.setFillColor(ink.strong)
            c.rect(x(p25), bar_y, x(p75) - x(p25), bar_h, stroke=0, fill=1)
        # The median: a white gap and a dark tick through the bar, labelled above.
        assert median is not None  # checked above: pay.median is known
        mx = x(median)
        c.setStrokeColor(ink.paper)
        c.setLineWidth(3)
        c.line(mx, bar_y, mx, bar_y + bar_h)
        c.setStrokeColor(ink.text)
        c.setLineWidth(1.2)
        c.line(mx, bar_y - 3, mx, bar_y + bar_h + 4)
        label = f"Median {_money(pay.median)}"
        lw = ink.width(label, bold=True)
        lx = min(max(mx - lw / 2, 0), self.width - lw)
        c.setFillColor(ink.text)
        c.setFont(ink.bold, ink.size)
        c.drawString(lx, bar_y + bar_h + 7, label)
        # The ends of the range under the bar; the full set is in the table beside the chart.
        c.setFont(ink.font, ink.size)
        for value, amount, tag, right in ((p10, pay.pct10, "10th", False),
                                          (p90, pay.pct90, "90th", True)):
            if value is None:
                continue
            draw = c.drawRightString if right else c.drawString
            edge = x(value) + (pad if right else -pad)
            c.setFillColor(ink.text)
            draw(edge, bar_y - ink.size - 3, _money(amount))
            c.setFillColor(ink.muted)
            draw(edge, bar_y - 2 * ink.size - 4, f"{tag} percentile")


class TopStatesChart(Flowable):
    """One row per state: name, a bar for employment with its number, and median pay."""

    def __init__(self, top: TopStates, height: float, ink: Ink) -> None:
        super().__init__()
        self.top, self.ink = top, ink
        self.row = max(height / 6, ink.size * 2.0)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = self.row * (len(self.top.states) + 1)
        return self.width, self.height

    def draw(self) -> None:
        c, ink, states = self.canv, self.ink, self.top.states
        if not states:
            c.setFont(ink.font, ink.size)
            c.setFillColor(ink.muted)
            c.drawString(0, self.height - ink.size, "BLS released no state figures for this job.")
            return
        name_w = max(ink.width(s.name) for s in states) + 8
        pay_w = max(ink.width("Median pay", bold=True), *(ink.width(_money(s.median))
                                                          for s in states)) + 4
        num_w = max(ink.width(f"{s.employment.value or 0:,}") for s in states) + 6
        bar_w = self.width - name_w - pay_w - num_w - 6
        most = max(s.employment.value or 0 for s in states) or 1
        baseline = self.height - self.row + (self.row - ink.size) / 2
        c.setFont(ink.bold, ink.size)
        c.setFillColor(ink.muted)
        c.drawString(0, baseline + 2, "State")
        c.drawString(name_w, baseline + 2, "Jobs")
        c.drawRightString(self.width, baseline + 2, "Median pay")
        for i, state in enumerate(states, start=1):
            y = self.height - (i + 1) * self.row
            text_y = y + (self.row - ink.size) / 2 + 1
            c.setStrokeColor(ink.rule)
            c.setLineWidth(0.5)
            c.line(0, y + self.row, self.width, y + self.row)
            c.setFillColor(ink.text)
            c.setFont(ink.font, ink.size)
            c.drawString(0, text_y, state.name)
            length = bar_w * (state.employment.value or 0) / most
            c.setFillColor(ink.strong)
            c.rect(name_w, y + self.row * 0.22, length, self.row * 0.56, stroke=0, fill=1)
            c.setFillColor(ink.text)
            c.drawString(name_w + length + 4, text_y, f"{state.employment.value or 0:,}")
            c.drawRightString(self.width, text_y, _money(state.median))


class OutlookChart(Flowable):
    """This job's projected change in employment beside the change for all occupations."""

    def __init__(self, outlook: Outlook, height: float, ink: Ink) -> None:
        super().__init__()
        self.outlook, self.ink, self.want = outlook, ink, height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = available_width, max(self.want, self.ink.size * 5)
        return self.width, self.height

    def draw(self) -> None:
        c, ink, o = self.canv, self.ink, self.outlook
        rows = [("This job", o.change_percent, ink.strong),
                ("All jobs", o.all_occupations_percent, ink.light)]
        c.setFont(ink.font, ink.size)
        if o.change_percent is None:
            c.setFillColor(ink.muted)
            c.drawString(0, self.height / 2, "BLS published no projection for this job.")
            return
        values = [v for _, v, _ in rows if v is not None]
        span = max(abs(v) for v in values) or 1.0
        label_w = max(ink.width(name) for name, _, _ in rows) + 8
        value_w = ink.width("−00.0%", bold=True) + 6
        negative = any(v < 0 for v in values)
        zero = label_w + ((self.width - label_w - value_w) / 2 if negative else 0)
        reach = (self.width - label_w - value_w) / (2 if negative else 1)
        row_h = self.height / len(rows)
        for i, (name, value, colour) in enumerate(rows):
            y = self.height - (i + 1) * row_h
            text_y = y + (row_h - ink.size) / 2 + 1
            c.setFillColor(ink.text)
            c.setFont(ink.font, ink.size)
            c.drawString(0, text_y, name)
            if value is None:
                c.drawString(zero + 4, text_y, "not released")
                continue
            length = reach * abs(value) / span
            left = zero if value >= 0 else zero - length
            c.setFillColor(colour)
            c.setStrokeColor(ink.strong)
            c.setLineWidth(0.6)
            c.rect(left, y + row_h * 0.2, length, row_h * 0.6, stroke=1, fill=1)
            c.setFillColor(ink.text)
            c.setFont(ink.bold, ink.size)
            sign = "+" if value > 0 else ("−" if value < 0 else "")
            text = f"{sign}{abs(value):.1f}%"
            if value >= 0:
                c.drawString(left + length + 4, text_y, text)
            else:
                c.drawRightString(left - 4, text_y, text)
        c.setStrokeColor(ink.text)
        c.setLineWidth(0.8)
        c.line(zero, 0, zero, self.height)
