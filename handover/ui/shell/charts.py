"""The program's charts, built with QtCharts from plain report data: the discount band per
segment, give without get, tactic yield and an account's discount % over time. Each builder
returns a QChart that a QChartView shows on screen; the pieces they share are in
chart_parts.py."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QBoxPlotSeries,
    QBoxSet,
    QChart,
    QDateTimeAxis,
    QHorizontalPercentBarSeries,
    QHorizontalStackedBarSeries,
    QLegend,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QDateTime, QMargins, QPointF, Qt, QTime
from PySide6.QtGui import QColor

from handover.domain.analytics import Outlier, SegmentBand, TacticYield
from handover.domain.records import DiscountPolicy, Segment

# point_labels and render_chart_image are named here too, for callers that read a chart
# back through this module.
from handover.ui.shell.chart_parts import (  # noqa: E402, F401
    ABOVE,
    ACCOUNT_IDS,
    BOX_FILL,
    BOX_LINE,
    FONT_POINTS,
    MAXIMUM,
    NOTHING,
    OTHER_BAR,
    PEER,
    RANGE_LINE,
    RECEIVED,
    TARGET,
    TREND,
    UNANSWERED,
    PointLabel,
    PointLabels,
    attach_series,
    base_chart,
    chart_font,
    find_series,
    finish_chart,
    hide_from_legend,
    line_pen,
    nice_ceiling,
    point_labels,
    render_chart_image,
    segment_word,
    short_name,
    style_axis,
    tactic_word,
)

# ---------------------------------------------------------------- the discount band

POLICY_HALF_WIDTH = 0.36  # the policy marks span the box and a little more
OUTLIER_X = 0.31  # outliers sit just right of their segment's box ...
OUTLIER_SPREAD = 0.06  # ... spread a little so that equal values stay visible




def discount_band_chart(bands: Sequence[SegmentBand], above_policy: Sequence[Outlier] = (),
                        peers: Sequence[Outlier] = (), *,
                        labelled_per_segment: int = 3) -> QChart:
    """Per segment, a box of the discount % (the box from q1 to q3 with the median, the
    whiskers at P10 and P90, a faint dotted line from min to max), the target and the
    maximum of the policy in force today as short dashed lines, the concessions above the
    policy maximum of their day as red points and the accounts that stand out from their
    peers as amber ones; the first few outliers of each segment are named."""
    chart = base_chart()
    names = [segment_word(b.segment) for b in bands]
    x_axis = QBarCategoryAxis()
    x_axis.append(names or [""])
    style_axis(x_axis)
    x_axis.setGridLineVisible(False)
    highest = max([b.maximum for b in bands] + [b.max_pct or 0 for b in bands]
                  + [o.discount_pct for o in (*above_policy, *peers)] + [5.0])
    y_axis = QValueAxis()
    y_axis.setRange(0, nice_ceiling(highest * 1.04))
    y_axis.setLabelFormat("%.0f%%")
    y_axis.setTickType(QValueAxis.TickType.TicksDynamic)
    y_axis.setTickInterval(5 if highest <= 40 else 10)
    y_axis.setTickAnchor(0)
    y_axis.setMinorTickCount(0)
    style_axis(y_axis, "Discount")
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    where = {b.segment: i for i, b in enumerate(bands)}

    # The full range first, so that the box is drawn over it.
    for i, band in enumerate(bands):
        line = QLineSeries()
        line.setName("Min\u2013max")
        line.setPen(line_pen(RANGE_LINE, 1.2, Qt.PenStyle.DotLine))
        line.append(i, band.minimum)
        line.append(i, band.maximum)
        attach_series(chart, line, x_axis, y_axis)
        if i:
            hide_from_legend(chart, line)

    boxes = QBoxPlotSeries()
    boxes.setObjectName("bands")
    boxes.setName("Middle half")
    boxes.setBoxWidth(0.46)
    boxes.setBrush(BOX_FILL)
    boxes.setPen(line_pen(BOX_LINE, 1.4))
    for band, name in zip(bands, names, strict=True):
        boxes.append(QBoxSet(band.p10, band.q1, band.median, band.q3, band.p90, name))
    attach_series(chart, boxes, x_axis, y_axis)

    for kind, colour, field in (("Target", TARGET, "target_pct"),
                                ("Maximum", MAXIMUM, "max_pct")):
        shown = False
        for i, band in enumerate(bands):
            value = getattr(band, field)
            if value is None:
                continue
            line = QLineSeries()
            line.setName(kind)
            line.setPen(line_pen(colour, 2.2, Qt.PenStyle.DashLine))
            line.append(i - POLICY_HALF_WIDTH, value)
            line.append(i + POLICY_HALF_WIDTH, value)
            attach_series(chart, line, x_axis, y_axis)
            if shown:
                hide_from_legend(chart, line)
            shown = True

    labels: list[PointLabel] = []
    named: dict[Segment, set[int]] = {s: set() for s in Segment}
    for name, kind, colour, outliers in (
            ("abovePolicy", "Above policy", ABOVE, above_policy),
            ("peerOutliers", "Above peers", PEER, peers)):
        series = QScatterSeries()
        series.setObjectName(name)
        series.setName(kind)
        series.setMarkerSize(8.5 if name == "abovePolicy" else 10)
        series.setColor(colour)
        series.setBorderColor(QColor("#ffffff") if name == "abovePolicy" else colour.darker(120))
        if name == "peerOutliers":
            series.setMarkerShape(QScatterSeries.MarkerShape.MarkerShapeRotatedRectangle)
        ids = []
        for o in outliers:
            i = where.get(o.segment)
            if i is None:
                continue
            spread = ((o.concession_id or o.account_id) * 37 % 11) / 10 - 0.5
            point = QPointF(i + OUTLIER_X + spread * OUTLIER_SPREAD, o.discount_pct)
            series.append(point)
            ids.append(o.account_id)
            chosen = named[o.segment]
            if len(chosen) < labelled_per_segment and o.account_id not in chosen:
                chosen.add(o.account_id)
                labels.append(PointLabel(point, short_name(o.account_name),
                                         colour.darker(130)))
        series.setProperty(ACCOUNT_IDS, ids)
        attach_series(chart, series, x_axis, y_axis)
        if not ids:
            hide_from_legend(chart, series)
    if labels:
        width = 0.88 / max(1, len(bands))
        PointLabels(chart, find_series(chart, "abovePolicy"), labels, width)
    return finish_chart(chart)


# ---------------------------------------------------------------- give without get


@dataclass(frozen=True, slots=True)
class AnswerCounts:
    """How the concessions of one group (a segment, "All") answer "what did we get"."""

    name: str
    received: int
    nothing: int
    unanswered: int


def give_without_get_chart(groups: Sequence[AnswerCounts]) -> QChart:
    """One bar per group, 100% wide: something received in return, nothing, not said;
    the first group at the top."""
    chart = base_chart()
    series = QHorizontalPercentBarSeries()
    series.setObjectName("answers")
    series.setBarWidth(0.62)
    rows = list(reversed(groups))  # a horizontal bar chart draws its first category lowest
    for name, colour, field in (("Nothing in return", NOTHING, "nothing"),
                                ("Not said", UNANSWERED, "unanswered"),
                                ("Something in return", RECEIVED, "received")):
        bars = QBarSet(name)
        bars.setColor(colour)
        bars.setBorderColor(QColor("#ffffff"))
        bars.setLabelColor(QColor("#ffffff"))
        bars.setLabelFont(chart_font(FONT_POINTS - 0.5, bold=True))
        for row in rows:
            bars.append(getattr(row, field))
        if field == "unanswered":
            bars.setLabelColor(QColor(0, 0, 0, 0))  # a thin sliver has no room for a figure
        series.append(bars)
    series.setLabelsVisible(True)
    series.setLabelsFormat("@value%")
    series.setLabelsPrecision(2)
    chart.addSeries(series)
    y_axis = QBarCategoryAxis()
    y_axis.append([row.name for row in rows] or [""])
    style_axis(y_axis)
    y_axis.setGridLineVisible(False)
    x_axis = QValueAxis()
    x_axis.setRange(0, 100)
    x_axis.setLabelFormat("%.0f%%")
    x_axis.setTickCount(5)
    style_axis(x_axis, "Share of concessions")
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(y_axis)
    series.attachAxis(x_axis)
    return finish_chart(chart, QLegend.MarkerShape.MarkerShapeRectangle)


# ---------------------------------------------------------------- tactic yield


def tactic_yield_chart(tactics: Sequence[TacticYield], *, most: int = 10) -> QChart:
    """The `most` frequent buyer tactics as bars of the concessions that followed them,
    the part given for nothing in red first; the most frequent at the top."""
    chart = base_chart()
    chosen = list(tactics[:most])
    rows = list(reversed(chosen))
    series = QHorizontalStackedBarSeries()
    series.setObjectName("tactics")
    series.setBarWidth(0.66)
    nothing = QBarSet("Nothing in return")
    nothing.setColor(NOTHING)
    nothing.setBorderColor(QColor("#ffffff"))
    rest = QBarSet("Something in return, or not said")
    rest.setColor(OTHER_BAR)
    rest.setBorderColor(QColor("#ffffff"))
    for t in rows:
        nothing.append(t.nothing)
        rest.append(t.concessions - t.nothing)
    series.append(nothing)
    series.append(rest)
    chart.addSeries(series)
    y_axis = QBarCategoryAxis()
    y_axis.append([tactic_word(t.tactic.label) for t in rows] or [""])
    style_axis(y_axis)
    y_axis.setGridLineVisible(False)
    largest = max([t.concessions for t in chosen] + [1])
    step = _step(largest)
    x_axis = QValueAxis()
    x_axis.setRange(0, nice_ceiling(largest * 1.02, step))
    x_axis.setLabelFormat("%d")
    x_axis.setTickType(QValueAxis.TickType.TicksDynamic)
    x_axis.setTickAnchor(0)
    x_axis.setTickInterval(step)
    style_axis(x_axis, "Concessions that followed the tactic")
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(y_axis)
    series.attachAxis(x_axis)
    return finish_chart(chart, QLegend.MarkerShape.MarkerShapeRectangle)


def _step(largest: float) -> float:
    """A round step for an axis up to `largest` with about five ticks."""
    raw = max(1.0, largest / 5)
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


# ---------------------------------------------------------------- an account over time


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """One price concession of an account: its date, discount % and whether it was above
    the policy maximum of its day."""

    date: dt.date
    discount_pct: float
    above_policy: bool = False
    concession_id: int | None = None


def _ms(day: dt.date) -> float:
    return float(QDateTime(day, QTime(12, 0)).toMSecsSinceEpoch())


def policy_steps(policies: Sequence[DiscountPolicy], segment: Segment, start: dt.date,
                 end: dt.date, field: str) -> list[tuple[dt.date, float]]:
    """The policy's `field` (target_pct, max_pct) of one segment as a step line from `start`
    to `end`: each value from the day it took effect to the day the next one did."""
    rules = sorted((p for p in policies if p.segment is segment),
                   key=lambda p: (p.effective_from, p.id or 0))
    steps: list[tuple[dt.date, float]] = []
    for n, rule in enumerate(rules):
        until = rules[n + 1].effective_from if n + 1 < len(rules) else end
        begin = max(rule.effective_from, start)
        until = min(until, end)
        if until < begin:
            continue
        value = getattr(rule, field)
        if steps and steps[-1][1] != value:
            steps.append((begin, steps[-1][1]))  # the vertical step
        elif steps:
            steps.pop()  # the same value goes on: one longer line
        steps.append((begin, value))
        steps.append((until, value))
    return steps


def concession_trend_chart(points: Sequence[TrendPoint], policies: Sequence[DiscountPolicy],
                           segment: Segment, *, today: dt.date | None = None) -> QChart:
    """An account's discount % of its price concessions over time (a point each, red above
    the policy maximum of their day), with the segment's policy target and maximum as
    dashed step lines."""
    chart = base_chart()
    chart.setMargins(QMargins(2, 2, 8, 0))
    ordered = sorted(points, key=lambda p: (p.date, p.concession_id or 0))
    today = today or dt.date.today()
    first = ordered[0].date if ordered else today - dt.timedelta(days=365)
    last = max(ordered[-1].date if ordered else today, first + dt.timedelta(days=60))
    pad = dt.timedelta(days=max(10, (last - first).days // 25))
    start, end = first - pad, last + pad

    x_axis = QDateTimeAxis()
    x_axis.setFormat("MMM yyyy")
    x_axis.setRange(QDateTime(start, QTime(0, 0)), QDateTime(end, QTime(0, 0)))
    x_axis.setTickCount(min(8, max(3, (end - start).days // 60 + 1)))
    style_axis(x_axis)
    y_axis = QValueAxis()
    ceiling = nice_ceiling(max([p.discount_pct for p in ordered]
                               + [p.max_pct for p in policies if p.segment is segment]
                               + [5.0]) * 1.08)
    y_axis.setRange(0, ceiling)
    y_axis.setLabelFormat("%.0f%%")
    y_axis.setTickType(QValueAxis.TickType.TicksDynamic)
    y_axis.setTickAnchor(0)
    y_axis.setTickInterval(5 if ceiling <= 30 else 10 if ceiling <= 60 else 20)
    style_axis(y_axis, "Discount")
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)

    for name, colour, field in (("Policy target", TARGET, "target_pct"),
                                ("Policy maximum", MAXIMUM, "max_pct")):
        steps = policy_steps(policies, segment, start, end, field)
        if not steps:
            continue
        line = QLineSeries()
        line.setName(name)
        line.setObjectName("target" if field == "target_pct" else "maximum")
        line.setPen(line_pen(colour, 1.8, Qt.PenStyle.DashLine))
        for day, value in steps:
            line.append(_ms(day), value)
        attach_series(chart, line, x_axis, y_axis)

    # Points without a line through them: concessions of different kinds and negotiations
    # are not one series of values, and a line would suggest they were.
    for name, colour, above in (("Discount of a concession", TREND, False),
                                ("Above the policy maximum of its day", ABOVE, True)):
        series = QScatterSeries()
        series.setObjectName("above" if above else "within")
        series.setName(name)
        series.setMarkerSize(9)
        series.setColor(colour)
        series.setBorderColor(QColor("#ffffff"))
        ids = []
        for p in ordered:
            if p.above_policy == above:
                series.append(_ms(p.date), p.discount_pct)
                ids.append(p.concession_id)
        series.setProperty("concession_ids", ids)
        attach_series(chart, series, x_axis, y_axis)
        if not ids:
            hide_from_legend(chart, series)
    return finish_chart(chart)
