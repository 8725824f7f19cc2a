"""The brief's charts, drawn offscreen with QPainter into images: discounts given over time
against the policy, and the customer's mood month by month.

They are drawn with QtGui alone, so the command line and a worker thread can draw them, and
they are the only charts a brief has: the window's preview, its exports and `handover
export` all draw them here (the screens' QtCharts charts are the screens' own)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPen

from handover.brief.data import BriefData
from handover.brief.markup import CHARTS
from handover.domain.records import PRICE_KINDS, DiscountPolicy, Segment

SCALE = 3  # image pixels per document pixel: about 290 dpi across a printed page

INK = QColor("#1f2933")
MUTED = QColor("#6b7685")
GRID = QColor("#e3e8ef")
AXIS = QColor("#c3cad4")
GOT = QColor("#2f6fde")
NOTHING = QColor("#d64541")
UNSAID = QColor("#f59e0b")
MAXIMUM = QColor("#b42318")
TARGET = QColor("#3a9a62")
UP = QColor("#5bb47a")
DOWN = QColor("#e0675f")
LEVEL = QColor("#9aa5b4")

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def brief_charts(data: BriefData) -> dict[str, QImage]:
    """Every chart the brief has data for, keyed as html.CHARTS. Needs a QGuiApplication
    (for the fonts); safe to call from a worker thread."""
    charts = {}
    width, height, _ = CHARTS["sentiment"]
    if data.records.interactions:
        charts["sentiment"] = sentiment_chart(
            [(i.date, i.sentiment) for i in data.records.interactions], width, height)
    width, height, _ = CHARTS["discounts"]
    points = []
    for c in data.records.concessions:
        if c.kind in PRICE_KINDS and c.discount_pct is not None and c.conceded_value:
            points.append((c.date, c.discount_pct, data.in_return(c)[0]))
    if points:
        charts["discounts"] = discount_chart(points, data.policies, data.account.segment,
                                             data.today, width, height)
    return charts


def _canvas(width: int, height: int) -> tuple[QImage, QPainter]:
    image = QImage(width * SCALE, height * SCALE, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDotsPerMeterX(int(96 * SCALE / 0.0254))
    image.setDotsPerMeterY(int(96 * SCALE / 0.0254))
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.scale(SCALE, SCALE)
    return image, painter


def _font(px: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(["Segoe UI", "Helvetica Neue", "Arial", "DejaVu Sans"])
    font.setPixelSize(round(px))  # in the painter's (scaled) document pixels
    font.setBold(bold)
    return font


class _Frame:
    """The plot area inside the chart and the mapping of dates and values into it."""

    def __init__(self, rect: QRectF, start: dt.date, end: dt.date, low: float, high: float):
        self.rect = rect
        self.start, self.end = start, end
        self.low, self.high = low, high
        self.span = max(1, (end - start).days)

    def x(self, date: dt.date) -> float:
        return self.rect.left() + self.rect.width() * (date - self.start).days / self.span

    def y(self, value: float) -> float:
        share = (value - self.low) / (self.high - self.low)
        return self.rect.bottom() - self.rect.height() * share


def _time_axis(painter: QPainter, frame: _Frame) -> None:
    """Ticks at each quarter (labels at each year, or each quarter over a short span)."""
    painter.setFont(_font(10))
    months = (frame.end.year - frame.start.year) * 12 + frame.end.month - frame.start.month
    step = 1 if months <= 8 else 3 if months <= 30 else 6 if months <= 72 else 12
    year, month = frame.start.year, frame.start.month
    while True:
        tick = dt.date(year, month, 1)
        if tick > frame.end:
            break
        if tick >= frame.start and (month - 1) % step == 0:
            x = frame.x(tick)
            painter.setPen(QPen(AXIS, 0.8))
            painter.drawLine(QPointF(x, frame.rect.bottom()), QPointF(x, frame.rect.bottom() + 4))
            label = f"{_MONTHS[month - 1]} {year}" if month == 1 or step < 12 else str(year)
            painter.setPen(MUTED)
            # Centred under its tick, but never past the chart's edges.
            box = QRectF(x - 40, frame.rect.bottom() + 5, 80, 14)
            box.moveLeft(max(0.0, min(box.left(), frame.rect.right() + 10 - box.width())))
            painter.drawText(box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                             label)
        month += 1
        if month > 12:
            year, month = year + 1, 1


def _legend(painter: QPainter, x: float, y: float, items) -> None:
    """Items (kind, colour, text) in a row from (x, y); kind is "dot", "line" or "dash"."""
    painter.setFont(_font(10))
    metrics = painter.fontMetrics()
    for kind, colour, text in items:
        if kind == "dot":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawEllipse(QPointF(x + 4, y), 3.5, 3.5)
        else:
            pen = QPen(colour, 1.6)
            if kind == "dash":
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(QPointF(x, y), QPointF(x + 14, y))
        painter.setPen(INK)
        width = metrics.horizontalAdvance(text)
        painter.drawText(QRectF(x + 18, y - 8, width + 4, 16),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
        x += 18 + width + 16


# ---------------------------------------------------------------- discounts


def discount_chart(points: list[tuple[dt.date, float, str]], policies: tuple[DiscountPolicy, ...],
                   segment: Segment, today: dt.date, width: int, height: int) -> QImage:
    """Each price concession as a dot (its date, its discount %), coloured by what was got
    in return ("got", "nothing", "unsaid"), over the policy's maximum and target as they
    stood on each day."""
    image, painter = _canvas(width, height)
    try:
        start = min(p[0] for p in points)
        end = max(max(p[0] for p in points), min(today, start + dt.timedelta(days=3650)))
        start = dt.date(start.year, start.month, 1)
        if end <= start:
            end = start + dt.timedelta(days=30)
        mine = sorted((p for p in policies if p.segment == segment),
                      key=lambda p: p.effective_from)
        top = max([p[1] for p in points] + [p.max_pct for p in mine] + [10.0])
        top = min(100.0, (int(top // 10) + 1) * 10)
        frame = _Frame(QRectF(38, 28, width - 50, height - 52), start, end, 0, top)

        painter.setFont(_font(10))
        step = 10 if top <= 60 else 20
        for value in range(0, int(top) + 1, step):
            y = frame.y(value)
            painter.setPen(QPen(GRID if value else AXIS, 0.8))
            painter.drawLine(QPointF(frame.rect.left(), y), QPointF(frame.rect.right(), y))
            painter.setPen(MUTED)
            painter.drawText(QRectF(0, y - 7, 32, 14),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             f"{value}%")
        _time_axis(painter, frame)

        # The policy as it stood: a step line from each policy's start to the next one's.
        for attr, colour in (("max_pct", MAXIMUM), ("target_pct", TARGET)):
            pen = QPen(colour, 1.4)
            pen.setStyle(Qt.PenStyle.DashLine if attr == "target_pct" else Qt.PenStyle.SolidLine)
            painter.setPen(pen)
            path = QPainterPath()
            for i, policy in enumerate(mine):
                until = mine[i + 1].effective_from if i + 1 < len(mine) else end
                left, right = max(policy.effective_from, start), min(until, end)
                if right <= left:
                    continue
                y = frame.y(getattr(policy, attr))
                if path.isEmpty():
                    path.moveTo(frame.x(left), y)
                else:
                    path.lineTo(frame.x(left), y)
                path.lineTo(frame.x(right), y)
            painter.drawPath(path)

        colours = {"got": GOT, "nothing": NOTHING, "unsaid": UNSAID}
        painter.setPen(QPen(QColor(255, 255, 255, 200), 0.6))
        for date, pct, kind in points:
            colour = QColor(colours.get(kind, GOT))
            colour.setAlpha(190)
            painter.setBrush(colour)
            painter.drawEllipse(QPointF(frame.x(date), frame.y(min(pct, top))), 2.8, 2.8)

        items = [("dot", GOT, "Something in return"), ("dot", NOTHING, "Nothing in return")]
        if any(p[2] == "unsaid" for p in points):
            items.append(("dot", UNSAID, "Not said"))
        if mine:
            items += [("line", MAXIMUM, "Policy maximum"), ("dash", TARGET, "Policy target")]
        _legend(painter, frame.rect.left(), 10, items)
    finally:
        painter.end()
    return image


# ---------------------------------------------------------------- sentiment


def sentiment_chart(events: list[tuple[dt.date, int]], width: int, height: int) -> QImage:
    """The mean sentiment (−2 to +2) of each month's events as a bar up or down from
    neutral; a month without events has no bar."""
    image, painter = _canvas(width, height)
    try:
        by_month: dict[tuple[int, int], list[int]] = defaultdict(list)
        for date, sentiment in events:
            by_month[(date.year, date.month)].append(sentiment)
        first, last = min(by_month), max(by_month)
        start = dt.date(first[0], first[1], 1)
        end_year, end_month = (last[0], last[1] + 1) if last[1] < 12 else (last[0] + 1, 1)
        end = dt.date(end_year, end_month, 1)
        frame = _Frame(QRectF(84, 28, width - 96, height - 52), start, end, -2, 2)

        painter.setFont(_font(10))
        for value, label in ((2, "Very positive"), (1, "Positive"), (0, "Neutral"),
                             (-1, "Negative"), (-2, "Very negative")):
            y = frame.y(value)
            painter.setPen(QPen(AXIS if value == 0 else GRID, 0.8))
            painter.drawLine(QPointF(frame.rect.left(), y), QPointF(frame.rect.right(), y))
            painter.setPen(MUTED)
            painter.drawText(QRectF(0, y - 7, 78, 14),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
        _time_axis(painter, frame)

        months = (end.year - start.year) * 12 + end.month - start.month
        slot = frame.rect.width() / max(1, months)
        bar = max(1.5, min(18.0, slot * 0.7))
        zero = frame.y(0)
        painter.setPen(Qt.PenStyle.NoPen)
        for (year, month), values in sorted(by_month.items()):
            mean = sum(values) / len(values)
            middle = frame.x(dt.date(year, month, 1)) + slot / 2
            top = frame.y(mean)
            if abs(zero - top) < 1.2:  # a neutral month still shows that it had events
                top = zero - 1.2
            painter.setBrush(UP if mean > 0.05 else DOWN if mean < -0.05 else LEVEL)
            painter.drawRect(QRectF(middle - bar / 2, min(top, zero), bar, abs(zero - top)))
        _legend(painter, frame.rect.left(), 10,
                [("dot", UP, "A month better than neutral"),
                 ("dot", DOWN, "A month worse than neutral"), ("dot", LEVEL, "Neutral")])
    finally:
        painter.end()
    return image
