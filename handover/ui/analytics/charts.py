"""The program's charts, built with QtCharts from plain report data: the discount band per
segment, give without get, tactic yield and an account's discount % over time. Each builder
returns a QChart that a QChartView shows on screen, or `render_chart_image` draws offscreen
(for the PDF brief)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCharts import (
    QAbstractAxis,
    QAbstractSeries,
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
    QXYSeries,
)
from PySide6.QtCore import QDateTime, QMargins, QObject, QPointF, QRectF, Qt, QTime
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsLineItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
)

from handover.domain.analytics import Outlier, SegmentBand, TacticYield
from handover.domain.records import DiscountPolicy, Segment
from handover.domain.words import CURRENCY_SYMBOLS

# ---------------------------------------------------------------- the look

INK = QColor("#1f2933")
AXIS_TEXT = QColor("#5b6675")
GRID = QColor("#e9edf2")
BOX_FILL = QColor("#dbe6f8")
BOX_LINE = QColor("#3d6fc4")
RANGE_LINE = QColor("#aab4c2")
TARGET = QColor("#2f8f57")
MAXIMUM = QColor("#c0362c")
ABOVE = QColor("#d64541")
PEER = QColor("#e08a1e")
RECEIVED = QColor("#5b9bd5")
NOTHING = QColor("#d64541")
UNANSWERED = QColor("#f0b429")
OTHER_BAR = QColor("#9fb3cc")
TREND = QColor("#2f6fde")

FONT_POINTS = 8.5
POLICY_HALF_WIDTH = 0.36  # the policy marks span the box and a little more
OUTLIER_X = 0.31  # outliers sit just right of their segment's box ...
OUTLIER_SPREAD = 0.06  # ... spread a little so that equal values stay visible

ACCOUNT_IDS = "account_ids"  # a point series' property: the account of each point


def _font(points: float = FONT_POINTS, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(points)
    if bold:
        font.setWeight(QFont.Weight.DemiBold)
    return font


def base_chart() -> QChart:
    """An empty chart in the program's look: white, flat, no animation, legend below."""
    chart = QChart()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundRoundness(0)
    chart.setBackgroundBrush(QBrush(QColor("#ffffff")))
    chart.setDropShadowEnabled(False)
    chart.setMargins(QMargins(4, 4, 8, 4))
    legend = chart.legend()
    legend.setAlignment(Qt.AlignmentFlag.AlignBottom)
    legend.setLabelColor(AXIS_TEXT)
    return chart


def _finish(chart: QChart, shape=QLegend.MarkerShape.MarkerShapeFromSeries) -> QChart:
    """The legend's font and markers, set once every series is in: the legend measures its
    labels when these change, and measured before, it would cut them short."""
    legend = chart.legend()
    legend.setFont(_font())
    legend.setMarkerShape(shape)
    return chart


def _style_axis(axis: QAbstractAxis, title: str = "") -> None:
    axis.setLabelsFont(_font())
    axis.setLabelsColor(AXIS_TEXT)
    axis.setGridLineColor(GRID)
    axis.setLinePenColor(QColor("#cfd6df"))
    if title:
        axis.setTitleText(title)
        axis.setTitleFont(_font(FONT_POINTS))
        axis.setTitleBrush(QBrush(AXIS_TEXT))


def _pen(colour: QColor, width: float = 1.5, style=Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(colour, width, style)
    pen.setCosmetic(True)
    return pen


def _attach(chart: QChart, series: QAbstractSeries, *axes: QAbstractAxis) -> None:
    chart.addSeries(series)
    for axis in axes:
        series.attachAxis(axis)


def _hide_from_legend(chart: QChart, series: QAbstractSeries) -> None:
    for marker in chart.legend().markers(series):
        marker.setVisible(False)


def nice_ceiling(value: float, step: float = 5.0) -> float:
    """The next multiple of `step` above `value` (at least one step)."""
    return max(step, math.ceil((value + 1e-9) / step) * step)


def compact_money(amount: float, currency: str) -> str:
    """A short amount for a chart or a summary: "€1.97m", "$140k", "CHF 950"."""
    symbol = CURRENCY_SYMBOLS.get(currency)
    size = abs(amount)
    if size >= 999_500:
        figure = f"{amount / 1e6:.2f}".rstrip("0").rstrip(".") + "m"
    elif size >= 9_950:
        figure = f"{amount / 1e3:.0f}k"
    elif size >= 1_000:
        figure = f"{amount / 1e3:.1f}".rstrip("0").rstrip(".") + "k"
    else:
        figure = f"{amount:.0f}"
    return f"{symbol}{figure}" if symbol else f"{currency}\u00a0{figure}"


def segment_word(segment: Segment) -> str:
    return segment.label


_LEGAL_FORMS = frozenset("""gmbh & co co. kg ag ab sa s.a. sas s.a.s. ltd ltd. limited pte inc
inc. corp corp. b.v. bv n.v. nv s.r.l. srl s.p.a. spa s.l. sl (pty) oy oyj a/s as asa plc llc
holding k.k. kk""".split())


def short_name(name: str) -> str:
    """An account's name without its legal form, for a label on a chart:
    "Riverbrook Chemicals Pte Ltd" gives "Riverbrook Chemicals"."""
    words = name.split()
    while len(words) > 1 and words[-1].casefold().rstrip(",") in _LEGAL_FORMS:
        words.pop()
    return " ".join(words).rstrip(",")


def tactic_word(label: str) -> str:
    """A tactic's label without its explanation in brackets: "Vise", not "Vise ("…")"."""
    return label.split(" (", 1)[0]


# ---------------------------------------------------------------- labels beside points


@dataclass(frozen=True)
class PointLabel:
    value: QPointF  # in the series' coordinates
    text: str
    colour: QColor


class _PointLabels(QObject):
    """Names written beside chosen points, kept beside them whenever the plot area moves:
    to the right of the point where there is room (else to its left), pushed apart so that
    two names never overlap."""

    GAP = 6

    def __init__(self, chart: QChart, series: QAbstractSeries, labels: Sequence[PointLabel],
                 max_width: float):
        super().__init__(chart)
        self.chart = chart
        self.series = series
        self.labels = list(labels)
        self.max_width = max_width  # as a share of the plot area's width
        self.items: list[tuple[QGraphicsRectItem, QGraphicsSimpleTextItem]] = []
        self.leaders: list[QGraphicsLineItem] = []
        font = _font(FONT_POINTS - 0.5, bold=True)
        for label in self.labels:
            leader = QGraphicsLineItem(chart)
            leader.setPen(_pen(label.colour, 0.8))
            leader.setZValue(49)
            self.leaders.append(leader)
            box = QGraphicsRectItem(chart)
            box.setPen(Qt.PenStyle.NoPen)
            box.setBrush(QColor(255, 255, 255, 215))
            box.setZValue(50)
            text = QGraphicsSimpleTextItem(box)
            text.setFont(font)
            text.setBrush(label.colour)
            self.items.append((box, text))
        self.metrics = QFontMetricsF(font)
        chart.plotAreaChanged.connect(self.place)
        self.place()

    def place(self, *_args) -> None:
        plot = self.chart.plotArea()
        if plot.width() <= 0:
            return
        width = max(40.0, plot.width() * self.max_width)
        height = self.metrics.height()
        placed: list[QRectF] = []
        order = sorted(range(len(self.labels)),
                       key=lambda i: self.chart.mapToPosition(self.labels[i].value,
                                                              self.series).y())
        for i in order:
            label = self.labels[i]
            box, text = self.items[i]
            shown = self.metrics.elidedText(label.text, Qt.TextElideMode.ElideRight, width)
            text.setText(shown)
            w = self.metrics.horizontalAdvance(shown) + 4
            point = self.chart.mapToPosition(label.value, self.series)
            x = point.x() + self.GAP
            if x + w > plot.right():
                x = point.x() - self.GAP - w
            rect = QRectF(x, point.y() - height / 2, w, height)
            for other in sorted(placed, key=lambda r: r.top()):
                if rect.intersects(other):
                    rect.moveTop(other.bottom() + 1)
            rect.moveTop(min(rect.top(), plot.bottom() - height))
            placed.append(rect)
            box.setRect(QRectF(0, 0, rect.width(), rect.height()))
            box.setPos(rect.topLeft())
            text.setPos(2, 0)
            visible = plot.adjusted(-w, -height, w, height).contains(point)
            box.setVisible(visible)
            # A name pushed away from its point is tied to it by a thin line.
            end = QPointF(rect.left() if rect.left() > point.x() else rect.right(),
                          rect.center().y())
            leader = self.leaders[i]
            leader.setLine(point.x(), point.y(), end.x(), end.y())
            leader.setVisible(visible and abs(end.y() - point.y()) > 3)

    def texts(self) -> list[str]:
        """The names as drawn (elided where long)."""
        return [text.text() for _, text in self.items]


def point_labels(chart: QChart) -> list[str]:
    """Every name written beside a point of `chart`, as drawn."""
    return [t for layer in chart.findChildren(_PointLabels) for t in layer.texts()]


def point_accounts(series: QAbstractSeries) -> list[int]:
    """The account of each point of a series built here (see ACCOUNT_IDS)."""
    return list(series.property(ACCOUNT_IDS) or [])


def find_series(chart: QChart, name: str) -> QAbstractSeries | None:
    """The series with objectName `name`."""
    return next((s for s in chart.series() if s.objectName() == name), None)


# ---------------------------------------------------------------- the discount band


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
    _style_axis(x_axis)
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
    _style_axis(y_axis, "Discount")
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    where = {b.segment: i for i, b in enumerate(bands)}

    # The full range first, so that the box is drawn over it.
    for i, band in enumerate(bands):
        line = QLineSeries()
        line.setName("Min\u2013max")
        line.setPen(_pen(RANGE_LINE, 1.2, Qt.PenStyle.DotLine))
        line.append(i, band.minimum)
        line.append(i, band.maximum)
        _attach(chart, line, x_axis, y_axis)
        if i:
            _hide_from_legend(chart, line)

    boxes = QBoxPlotSeries()
    boxes.setObjectName("bands")
    boxes.setName("Middle half")
    boxes.setBoxWidth(0.46)
    boxes.setBrush(BOX_FILL)
    boxes.setPen(_pen(BOX_LINE, 1.4))
    for band, name in zip(bands, names, strict=True):
        boxes.append(QBoxSet(band.p10, band.q1, band.median, band.q3, band.p90, name))
    _attach(chart, boxes, x_axis, y_axis)

    for kind, colour, field in (("Target", TARGET, "target_pct"),
                                ("Maximum", MAXIMUM, "max_pct")):
        shown = False
        for i, band in enumerate(bands):
            value = getattr(band, field)
            if value is None:
                continue
            line = QLineSeries()
            line.setName(kind)
            line.setPen(_pen(colour, 2.2, Qt.PenStyle.DashLine))
            line.append(i - POLICY_HALF_WIDTH, value)
            line.append(i + POLICY_HALF_WIDTH, value)
            _attach(chart, line, x_axis, y_axis)
            if shown:
                _hide_from_legend(chart, line)
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
        _attach(chart, series, x_axis, y_axis)
        if not ids:
            _hide_from_legend(chart, series)
    if labels:
        width = 0.88 / max(1, len(bands))
        _PointLabels(chart, find_series(chart, "abovePolicy"), labels, width)
    return _finish(chart)


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
        bars.setLabelFont(_font(FONT_POINTS - 0.5, bold=True))
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
    _style_axis(y_axis)
    y_axis.setGridLineVisible(False)
    x_axis = QValueAxis()
    x_axis.setRange(0, 100)
    x_axis.setLabelFormat("%.0f%%")
    x_axis.setTickCount(5)
    _style_axis(x_axis, "Share of concessions")
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(y_axis)
    series.attachAxis(x_axis)
    return _finish(chart, QLegend.MarkerShape.MarkerShapeRectangle)


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
    _style_axis(y_axis)
    y_axis.setGridLineVisible(False)
    largest = max([t.concessions for t in chosen] + [1])
    step = _step(largest)
    x_axis = QValueAxis()
    x_axis.setRange(0, nice_ceiling(largest * 1.02, step))
    x_axis.setLabelFormat("%d")
    x_axis.setTickType(QValueAxis.TickType.TicksDynamic)
    x_axis.setTickAnchor(0)
    x_axis.setTickInterval(step)
    _style_axis(x_axis, "Concessions that followed the tactic")
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(y_axis)
    series.attachAxis(x_axis)
    return _finish(chart, QLegend.MarkerShape.MarkerShapeRectangle)


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
    _style_axis(x_axis)
    y_axis = QValueAxis()
    ceiling = nice_ceiling(max([p.discount_pct for p in ordered]
                               + [p.max_pct for p in policies if p.segment is segment]
                               + [5.0]) * 1.08)
    y_axis.setRange(0, ceiling)
    y_axis.setLabelFormat("%.0f%%")
    y_axis.setTickType(QValueAxis.TickType.TicksDynamic)
    y_axis.setTickAnchor(0)
    y_axis.setTickInterval(5 if ceiling <= 30 else 10 if ceiling <= 60 else 20)
    _style_axis(y_axis, "Discount")
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
        line.setPen(_pen(colour, 1.8, Qt.PenStyle.DashLine))
        for day, value in steps:
            line.append(_ms(day), value)
        _attach(chart, line, x_axis, y_axis)

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
        _attach(chart, series, x_axis, y_axis)
        if not ids:
            _hide_from_legend(chart, series)
    return _finish(chart)


def series_points(series: QXYSeries) -> list[QPointF]:
    return [series.at(i) for i in range(series.count())]


# ---------------------------------------------------------------- drawing offscreen


def render_chart_image(chart: QChart, width: int, height: int, *,
                       scale: float = 2.0) -> QImage:
    """`chart` drawn at `width` x `height` (device-independent pixels) into a white image
    of `scale` times as many pixels, e.g. for a PDF. A chart shown in a view is lent to an
    offscreen scene for the drawing and given back."""
    old_scene = chart.scene()
    old_geometry = chart.geometry()
    if old_scene is not None:
        old_scene.removeItem(chart)
    scene = QGraphicsScene()
    scene.addItem(chart)
    chart.setGeometry(QRectF(0, 0, width, height))
    image = QImage(max(1, round(width * scale)), max(1, round(height * scale)),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(scale)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    area = QRectF(0, 0, width, height)
    scene.render(painter, area, area)
    painter.end()
    scene.removeItem(chart)  # the scene would delete the chart with itself
    if old_scene is not None:
        old_scene.addItem(chart)
        chart.setGeometry(old_geometry)
    return image
