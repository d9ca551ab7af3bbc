"""Vector charts drawn straight onto the page: pay range, top states, outlook, from figures
already written out in the plan."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from brochure.compose.plan import Axis, ChartData, Mark, Outlook, PayRange, TopStates

GAP = 6
"""The least room between two labels on a chart, in points."""


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
            # The axis's labels, then two rows of bars at least 1.2 lines of type apart.
            rows = max(len(data.rows), 1)
            self.height = max(self.want, self._outlook_foot + rows * self.ink.size * 1.2)
        else:  # up to the labels' capitals
            self.height = max(self.want, self._pay_rows(data)[-1] + self.ink.size * 0.72)
        return self.width, self.height

    @property
    def line(self) -> float:
        """The height of a row of labels."""
        return self.ink.size * 1.2

    @property
    def _outlook_foot(self) -> float:
        """The outlook's axis: the top of its row of labels."""
        return self.ink.size * 0.25 + self.line + 1

    def _pay_rows(self, pay: PayRange) -> tuple[float, float, float, float, float]:
        """From the bottom up: the baselines of the all-jobs label and of the axis's labels,
        the axis, the bar's foot and the baseline of the labels above the bar."""
        size = self.ink.size
        reference = size * 0.25
        ticks = reference + (self.line if pay.reference is not None else 0)
        axis = ticks + size + 2
        bar = axis + 3
        return reference, ticks, axis, bar, bar + self._bar_height + 4

    @property
    def _bar_height(self) -> float:
        return max(self.ink.size * 0.9, 7.0)

    def draw(self) -> None:
        data = self.data
        if isinstance(data, PayRange):
            self._pay_range(data)
        elif isinstance(data, TopStates):
            self._top_states(data)
        else:
            self._outlook(data)

    def _pay_range(self, pay: PayRange) -> None:
        """The 10th-90th percentile range as a bar on the shared pay axis, the middle half
        darker, the median marked and labelled above with the range's ends, the median of
        all jobs as a dashed line named under the axis."""
        c, ink = self.canv, self.ink
        c.setFont(ink.font, ink.size)
        if pay.median is None or pay.median.value is None:
            c.setFillColor(ink.muted)
            c.drawString(0, self.height / 2, pay.empty)
            return
        axis = pay.axis
        ends = axis.ticks[0].label, axis.ticks[-1].label
        x0, x1 = ink.width(ends[0]) / 2 + 1, self.width - ink.width(ends[1]) / 2 - 5
        x = _scale(axis, x0, x1)
        reference_y, ticks_y, axis_y, bar_y, labels_y = self._pay_rows(pay)
        bar_h = self._bar_height
        self._axis(axis, x, axis_y, ticks_y)

        known = [v for v in (pay.low.value, pay.median.value, pay.high.value) if v is not None]
        start, end = x(min(known)), x(max(known))
        open_end = pay.high.or_more or max(known) > axis.high
        c.setFillColor(ink.light)
        c.rect(start, bar_y, end - start, bar_h, stroke=0, fill=1)
        if open_end:  # reaches the axis's end: an arrowhead, of the part that does, says
            # it goes on
            middle_too = pay.middle is not None and pay.middle[1] >= axis.high
            c.setFillColor(ink.strong if middle_too else ink.light)
            path = c.beginPath()
            path.moveTo(end, bar_y - 1.5)
            path.lineTo(end + 4.5, bar_y + bar_h / 2)
            path.lineTo(end, bar_y + bar_h + 1.5)
            path.close()
            c.drawPath(path, stroke=0, fill=1)
        if pay.middle is not None:
            p25, p75 = pay.middle
            c.setFillColor(ink.strong)
            c.rect(x(p25), bar_y, x(p75) - x(p25), bar_h, stroke=0, fill=1)
        # The median: a white gap and a dark tick through the bar.
        mx = x(pay.median.value)
        c.setStrokeColor(ink.paper)
        c.setLineWidth(3)
        c.line(mx, bar_y, mx, bar_y + bar_h)
        c.setStrokeColor(ink.text)
        c.setLineWidth(1.2)
        c.line(mx, bar_y - 2, mx, bar_y + bar_h + 2)
        if pay.reference is not None and pay.reference.value is not None:
            self._reference(pay.reference, x(pay.reference.value), axis_y, bar_y + bar_h + 2,
                            reference_y)
        self._range_labels(pay, x, labels_y)

    def _axis(self, axis: Axis, x: _Scale, y: float, labels_y: float) -> None:
        """A hairline with a tick and a label at each of the axis's marks."""
        c, ink = self.canv, self.ink
        c.setStrokeColor(ink.muted)
        c.setLineWidth(0.5)
        c.line(x(axis.low), y, x(axis.high), y)
        c.setFillColor(ink.muted)
        for tick in axis.ticks:
            c.line(x(tick.value), y, x(tick.value), y - 2.5)
        self._tick_labels(axis, x, labels_y)

    def _tick_labels(self, axis: Axis, x: _Scale, y: float) -> None:
        """Each tick's label centred under it, but for those that would come nearer than
        GAP to the one before: in a narrow column the axis shows every other one. Which are
        shown depends on the width only, so it is the same for every career."""
        c, ink = self.canv, self.ink
        c.setFont(ink.font, ink.size)
        c.setFillColor(ink.muted)
        shown_to: float = -GAP
        last = axis.ticks[-1]
        for tick in axis.ticks:
            width = ink.width(tick.label)
            left = x(tick.value) - width / 2
            room_after = x(last.value) - ink.width(last.label) / 2 - GAP
            if left < shown_to + GAP or (tick is not last and left + width > room_after):
                continue
            c.drawString(left, y, tick.label)
            shown_to = left + width

    def _reference(self, mark: Mark, at: float, bottom: float, top: float,
                   label_y: float) -> None:
        """The all-jobs median: a dashed line over the bar, clear on light and dark, and
        its name on the row under the axis's labels."""
        c, ink = self.canv, self.ink
        c.setStrokeColor(ink.paper)
        c.setLineWidth(2.2)
        c.line(at, bottom, at, top)
        c.setStrokeColor(ink.text)
        c.setLineWidth(0.9)
        c.setDash(2, 1.5)
        c.line(at, bottom, at, top)
        c.setDash()
        width = ink.width(mark.label)
        c.setFillColor(ink.text)
        c.setFont(ink.font, ink.size)
        c.drawString(min(max(at - width / 2, 0), self.width - width), label_y, mark.label)

    def _range_labels(self, pay: PayRange, x: _Scale, y: float) -> None:
        """The 10th percentile, the median (bold) and the 90th percentile above the bar, each
        as near its place as it can be without touching the next."""
        c, ink = self.canv, self.ink
        assert pay.median is not None and pay.median.value is not None
        right_end = self.width
        marks = [(m, m is pay.median) for m in (pay.low, pay.median, pay.high)
                 if m.value is not None]
        widths = [ink.width(m.label, bold) for m, bold in marks]
        if sum(widths) + GAP * (len(marks) - 1) > right_end:  # no room: the median alone
            marks, widths = [(pay.median, True)], [ink.width(pay.median.label, True)]
        places = [x(min(m.value, pay.axis.high)) - w / 2
                  for (m, _), w in zip(marks, widths, strict=True) if m.value is not None]
        for i in range(1, len(places)):  # push right, clear of the label before
            places[i] = max(places[i], places[i - 1] + widths[i - 1] + GAP)
        places[-1] = min(places[-1], right_end - widths[-1])
        for i in range(len(places) - 2, -1, -1):  # then left, clear of the one after
            places[i] = min(places[i], places[i + 1] - widths[i] - GAP)
        shift = max(0.0, -places[0])
        for (mark, bold), left in zip(marks, places, strict=True):
            c.setFont(ink.bold if bold else ink.font, ink.size)
            c.setFillColor(ink.text if bold else ink.muted)
            c.drawString(left + shift, y, mark.label)

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
        """This job's projected change in jobs beside all jobs', as bars from a zero line on
        the shared scale, a fall growing left; the value beside each bar's end."""
        c, ink = self.canv, self.ink
        c.setFont(ink.font, ink.size)
        if not outlook.rows:
            c.setFillColor(ink.muted)
            c.drawString(0, self.height / 2, outlook.empty)
            return
        rows, axis = outlook.rows, outlook.axis
        name_w = max(ink.width(row.name) for row in rows) + 8
        value_w = ink.width(outlook.widest, bold=True) + 6
        # Room for a value on either side of the scale, so that neither a rise nor a fall
        # ever prints over the row's name, and the zero line is at one place for every job.
        x = _scale(axis, name_w + value_w, self.width - value_w)
        zero = x(0)
        ticks_y = self.ink.size * 0.25
        bars_foot = self._outlook_foot
        row_h = (self.height - bars_foot) / len(rows)
        c.setLineWidth(0.5)
        for tick in axis.ticks:
            c.setStrokeColor(ink.rule)
            if tick.value != 0:
                c.line(x(tick.value), bars_foot - 2.5, x(tick.value), self.height)
            c.setStrokeColor(ink.muted)
            c.line(x(tick.value), bars_foot, x(tick.value), bars_foot - 2.5)
        self._tick_labels(axis, x, ticks_y)
        c.setStrokeColor(ink.muted)
        c.line(x(axis.low), bars_foot, x(axis.high), bars_foot)
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
            end = x(min(max(value, axis.low), axis.high))
            left, right = min(zero, end), max(zero, end)
            c.setFillColor(ink.strong if row.strong else ink.light)
            c.setStrokeColor(ink.strong)
            c.setLineWidth(0.6)
            c.rect(left, y + row_h * 0.2, right - left, row_h * 0.6, stroke=1, fill=1)
            # The value beside the bar's end, on paper that hides the grid behind it.
            width = ink.width(row.label, bold=True)
            at = right + 4 if value >= 0 else left - 4 - width
            c.setFillColor(ink.paper)
            c.rect(at - 1.5, y + row_h * 0.2, width + 3, row_h * 0.6, stroke=0, fill=1)
            c.setFillColor(ink.text)
            c.setFont(ink.bold, ink.size)
            c.drawString(at, text_y, row.label)
        c.setStrokeColor(ink.text)
        c.setLineWidth(0.8)
        c.line(zero, bars_foot - 2.5, zero, self.height)


_Scale = Callable[[float], float]


def _scale(axis: Axis, left: float, right: float) -> _Scale:
    """Where a value falls between `left` and `right`, the axis's ends; a value past an end
    stops at it."""
    span = axis.high - axis.low

    def x(value: float) -> float:
        return left + (min(max(value, axis.low), axis.high) - axis.low) / span * (right - left)

    return x
