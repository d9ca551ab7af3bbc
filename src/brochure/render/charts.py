"""Vector charts drawn straight onto the page: pay range, top states, outlook, from figures
already written out in the plan."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from brochure.compose.plan import ChartData, Outlook, PayRange, TopStates


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


class ChartFlowable(Flowable):
    """A chart of `data`, `height` points tall (a table of states grows with its rows)."""

    def __init__(self, data: ChartData, height: float, ink: Ink) -> None:
        super().__init__()
        self.data, self.ink, self.want = data, ink, height
        self.row = max(height / 6, ink.size * 2.0)  # a row of the top-states table

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        data = self.data
        if isinstance(data, TopStates):
            self.height = self.row * (len(data.rows) + 1)
        elif isinstance(data, Outlook):
            self.height = max(self.want, self.ink.size * 5)
        else:
            self.height = self.want
        return self.width, self.height

    def draw(self) -> None:
        data = self.data
        if isinstance(data, PayRange):
            self._pay_range(data)
        elif isinstance(data, TopStates):
            self._top_states(data)
        else:
            self._outlook(data)

    def _pay_range(self, pay: PayRange) -> None:
        """The 10th–90th percentile range as a bar, the middle half darker, the median
        marked."""
        c, ink = self.canv, self.ink
        c.setFont(ink.font, ink.size)
        if pay.median is None or pay.median.value is None:
            c.setFillColor(ink.muted)
            c.drawString(0, self.height / 2, pay.empty)
            return
        low, high = pay.scale
        pad = max(ink.width(pay.low.label), ink.width(pay.high.label)) / 2 + 2
        x0, x1 = pad, self.width - pad

        span = (high - low) or 1  # every percentile the same: draw them all at the left

        def x(value: float) -> float:
            return x0 + (value - low) / span * (x1 - x0)

        bar_h = self.height * 0.22
        bar_y = self.height * 0.38
        p10, p90 = pay.low.value, pay.high.value
        start = x(p10 if p10 is not None else low)
        c.setFillColor(ink.light)
        c.rect(start, bar_y, x(p90 if p90 is not None else high) - start, bar_h, stroke=0, fill=1)
        if pay.middle is not None:
            p25, p75 = pay.middle
            c.setFillColor(ink.strong)
            c.rect(x(p25), bar_y, x(p75) - x(p25), bar_h, stroke=0, fill=1)
        # The median: a white gap and a dark tick through the bar, labelled above.
        mx = x(pay.median.value)
        c.setStrokeColor(ink.paper)
        c.setLineWidth(3)
        c.line(mx, bar_y, mx, bar_y + bar_h)
        c.setStrokeColor(ink.text)
        c.setLineWidth(1.2)
        c.line(mx, bar_y - 3, mx, bar_y + bar_h + 4)
        label = pay.median.label
        lw = ink.width(label, bold=True)
        lx = min(max(mx - lw / 2, 0), self.width - lw)
        c.setFillColor(ink.text)
        c.setFont(ink.bold, ink.size)
        c.drawString(lx, bar_y + bar_h + 7, label)
        # The ends of the range under the bar; the full set is in the table beside the chart.
        c.setFont(ink.font, ink.size)
        for mark, right in ((pay.low, False), (pay.high, True)):
            if mark.value is None:
                continue
            draw = c.drawRightString if right else c.drawString
            edge = x(mark.value) + (pad if right else -pad)
            c.setFillColor(ink.text)
            draw(edge, bar_y - ink.size - 3, mark.label)
            c.setFillColor(ink.muted)
            draw(edge, bar_y - 2 * ink.size - 4, mark.caption)

    def _top_states(self, top: TopStates) -> None:
        """One row per state: name, a bar for employment with its number, and median pay."""
        c, ink, states = self.canv, self.ink, top.rows
        if not states:
            c.setFont(ink.font, ink.size)
            c.setFillColor(ink.muted)
            c.drawString(0, self.height - ink.size, top.empty)
            return
        state_heading, jobs_heading, pay_heading = top.headings
        name_w = max(ink.width(s.name) for s in states) + 8
        pay_w = max(ink.width(pay_heading, bold=True), *(ink.width(s.pay_label)
                                                         for s in states)) + 4
        num_w = max(ink.width(s.jobs_label) for s in states) + 6
        bar_w = self.width - name_w - pay_w - num_w - 6
        most = max(s.jobs for s in states) or 1
        baseline = self.height - self.row + (self.row - ink.size) / 2
        c.setFont(ink.bold, ink.size)
        c.setFillColor(ink.muted)
        c.drawString(0, baseline + 2, state_heading)
        c.drawString(name_w, baseline + 2, jobs_heading)
        c.drawRightString(self.width, baseline + 2, pay_heading)
        for i, state in enumerate(states, start=1):
            y = self.height - (i + 1) * self.row
            text_y = y + (self.row - ink.size) / 2 + 1
            c.setStrokeColor(ink.rule)
            c.setLineWidth(0.5)
            c.line(0, y + self.row, self.width, y + self.row)
            c.setFillColor(ink.text)
            c.setFont(ink.font, ink.size)
            c.drawString(0, text_y, state.name)
            length = bar_w * state.jobs / most
            c.setFillColor(ink.strong)
            c.rect(name_w, y + self.row * 0.22, length, self.row * 0.56, stroke=0, fill=1)
            c.setFillColor(ink.text)
            c.drawString(name_w + length + 4, text_y, state.jobs_label)
            c.drawRightString(self.width, text_y, state.pay_label)

    def _outlook(self, outlook: Outlook) -> None:
        """This job's projected change in employment beside the change for all occupations."""
        c, ink = self.canv, self.ink
        c.setFont(ink.font, ink.size)
        if not outlook.rows:
            c.setFillColor(ink.muted)
            c.drawString(0, self.height / 2, outlook.empty)
            return
        rows = outlook.rows
        values = [row.change for row in rows if row.change is not None]
        span = max(abs(v) for v in values) or 1.0
        label_w = max(ink.width(row.name) for row in rows) + 8
        value_w = ink.width(outlook.widest, bold=True) + 6
        negative = any(v < 0 for v in values)
        # A fall grows left of the zero line with its value left of the bar: room for the
        # value on that side too, so that it never prints over the row's name.
        if negative:
            reach = (self.width - label_w - 2 * value_w) / 2
            zero = label_w + value_w + reach
        else:
            reach = self.width - label_w - value_w
            zero = label_w
        row_h = self.height / len(rows)
        for i, row in enumerate(rows):
            y = self.height - (i + 1) * row_h
            text_y = y + (row_h - ink.size) / 2 + 1
            c.setFillColor(ink.text)
            c.setFont(ink.font, ink.size)
            c.drawString(0, text_y, row.name)
            value = row.change
            if value is None:
                c.drawString(zero + 4, text_y, row.label)
                continue
            length = reach * abs(value) / span
            left = zero if value >= 0 else zero - length
            c.setFillColor(ink.strong if row.strong else ink.light)
            c.setStrokeColor(ink.strong)
            c.setLineWidth(0.6)
            c.rect(left, y + row_h * 0.2, length, row_h * 0.6, stroke=1, fill=1)
            c.setFillColor(ink.text)
            c.setFont(ink.bold, ink.size)
            if value >= 0:
                c.drawString(left + length + 4, text_y, row.label)
            else:
                c.drawRightString(left - 4, text_y, row.label)
        c.setStrokeColor(ink.text)
        c.setLineWidth(0.8)
        c.line(zero, 0, zero, self.height)
