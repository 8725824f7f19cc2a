"""The pieces every chart of the program is built from: its colours and fonts, the empty
chart and its axes, the words on a chart, names kept beside their points, and a chart drawn
offscreen into an image."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCharts import (
    QAbstractAxis,
    QAbstractSeries,
    QChart,
    QLegend,
    QXYSeries,
)
from PySide6.QtCore import QMargins, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsLineItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
)

from handover.domain.records import Segment
from handover.domain.words import CURRENCY_SYMBOLS

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
ACCOUNT_IDS = "account_ids"  # a point series' property: the account of each point


def chart_font(points: float = FONT_POINTS, bold: bool = False) -> QFont:
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


def finish_chart(chart: QChart, shape=QLegend.MarkerShape.MarkerShapeFromSeries) -> QChart:
    """The legend's font and markers, set once every series is in: the legend measures its
    labels when these change, and measured before, it would cut them short."""
    legend = chart.legend()
    legend.setFont(chart_font())
    legend.setMarkerShape(shape)
    return chart


def style_axis(axis: QAbstractAxis, title: str = "") -> None:
    axis.setLabelsFont(chart_font())
    axis.setLabelsColor(AXIS_TEXT)
    axis.setGridLineColor(GRID)
    axis.setLinePenColor(QColor("#cfd6df"))
    if title:
        axis.setTitleText(title)
        axis.setTitleFont(chart_font(FONT_POINTS))
        axis.setTitleBrush(QBrush(AXIS_TEXT))


def line_pen(colour: QColor, width: float = 1.5, style=Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(colour, width, style)
    pen.setCosmetic(True)
    return pen


def attach_series(chart: QChart, series: QAbstractSeries, *axes: QAbstractAxis) -> None:
    chart.addSeries(series)
    for axis in axes:
        series.attachAxis(axis)


def hide_from_legend(chart: QChart, series: QAbstractSeries) -> None:
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


@dataclass(frozen=True)
class PointLabel:
    value: QPointF  # in the series' coordinates
    text: str
    colour: QColor


class PointLabels(QObject):
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
        font = chart_font(FONT_POINTS - 0.5, bold=True)
        for label in self.labels:
            leader = QGraphicsLineItem(chart)
            leader.setPen(line_pen(label.colour, 0.8))
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
    return [t for layer in chart.findChildren(PointLabels) for t in layer.texts()]


def point_accounts(series: QAbstractSeries) -> list[int]:
    """The account of each point of a series built here (see ACCOUNT_IDS)."""
    return list(series.property(ACCOUNT_IDS) or [])


def find_series(chart: QChart, name: str) -> QAbstractSeries | None:
    """The series with objectName `name`."""
    return next((s for s in chart.series() if s.objectName() == name), None)


def series_points(series: QXYSeries) -> list[QPointF]:
    return [series.at(i) for i in range(series.count())]


def render_chart_image(chart: QChart, width: int, height: int, *,
                       scale: float = 2.0) -> QImage:
    """`chart` drawn at `width` x `height` (device-independent pixels) into a white image
    of `scale` times as many pixels. A chart shown in a view is lent to an
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
