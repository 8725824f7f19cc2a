"""The figures the account overview paints itself: size beside potential, and the
sentiment month by month."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from handover.domain.words import money
from handover.ui.shell.words import ACCENT, INK, MUTED, SCALE_FILL, SUBTLE


class SizeBars(QWidget):
    """The account's size now beside its potential: two bars to one scale, the figures,
    and the ratio in words ("potential 2.4× current")."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.current = 0.0
        self.potential = 0.0
        self.currency = "EUR"
        self.setMinimumHeight(118)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_figures(self, current: float, potential: float, currency: str) -> None:
        self.current, self.potential, self.currency = current, potential, currency
        self.update()

    def ratio_text(self) -> str:
        if self.current <= 0:
            return "no current revenue" if self.potential > 0 else "no figures yet"
        ratio = self.potential / self.current
        if ratio < 1:
            return f"potential {ratio:.1f}\u00d7 current: below today's size"
        return f"potential {ratio:.1f}\u00d7 current"

    def sizeHint(self) -> QSize:
        return QSize(420, 118)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        small = QFont(font)
        small.setPointSizeF(8.5)
        bold = QFont(font)
        bold.setWeight(QFont.Weight.DemiBold)
        label_width = 78
        figure_width = QFontMetricsF(bold).horizontalAdvance(money(9_999_999, self.currency)) + 16
        left, right = label_width, self.width() - figure_width
        scale = max(self.current, self.potential, 1.0)
        rows = [("Current", self.current, QColor("#3d5a80")),
                ("Potential", self.potential, QColor("#9bb7e0"))]
        for number, (label, amount, colour) in enumerate(rows):
            y = 6 + number * 34
            painter.setFont(small)
            painter.setPen(QColor(SUBTLE))
            painter.drawText(QRectF(0, y, label_width - 8, 22),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
            track = QRectF(left, y + 4, max(10.0, right - left), 14)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#eef2f7"))
            painter.drawRoundedRect(track, 4, 4)
            bar = QRectF(track.left(), track.top(), max(3.0, track.width() * amount / scale),
                         track.height())
            painter.setBrush(colour)
            painter.drawRoundedRect(bar, 4, 4)
            painter.setFont(bold)
            painter.setPen(QColor(INK))
            painter.drawText(QRectF(right + 10, y, figure_width - 10, 22),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             money(amount, self.currency))
        headroom = self.potential - self.current
        painter.setFont(bold)
        painter.setPen(QColor(ACCENT))
        text = self.ratio_text()
        y = 78
        painter.drawText(QRectF(0, y, self.width(), 20),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         text[:1].upper() + text[1:])
        if headroom > 0:
            painter.setFont(small)
            painter.setPen(QColor(SUBTLE))
            painter.drawText(QRectF(0, y + 20, self.width(), 18),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             f"{money(headroom, self.currency)} a year not yet won")
        painter.end()


class SentimentChart(QWidget):
    """Mean sentiment month by month: bars up (good) or down (bad) from neutral, a dot for
    a month without any contact."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.months: tuple = ()
        self.setMinimumHeight(118)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_months(self, months) -> None:
        self.months = tuple(months)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, 118)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        small = QFont(self.font())
        small.setPointSizeF(7.5)
        left, top, bottom = 26, 6, self.height() - 18
        plot = QRectF(left, top, self.width() - left - 4, bottom - top)
        middle = plot.center().y()
        painter.setFont(small)
        painter.setPen(QColor(MUTED))
        for value, text in ((2, "+2"), (0, "0"), (-2, "\u22122")):
            y = middle - value / 2 * plot.height() / 2
            painter.drawText(QRectF(0, y - 7, left - 6, 14),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
            pen = QPen(QColor("#c9d1dc" if value == 0 else "#edf0f4"), 1)
            painter.setPen(pen)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QColor(MUTED))
        if not self.months:
            painter.end()
            return
        step = plot.width() / len(self.months)
        bar = min(22.0, step * 0.6)
        for number, month in enumerate(self.months):
            x = plot.left() + number * step + (step - bar) / 2
            if month.mean is None:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor("#d5dbe3"))
                painter.drawEllipse(QPointF(x + bar / 2, middle), 2.2, 2.2)
            else:
                height = month.mean / 2 * plot.height() / 2
                level = max(-2, min(2, round(month.mean)))
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(SCALE_FILL[level if level else
                                                   (1 if month.mean > 0 else -1
                                                    if month.mean < 0 else 0)]))
                rect = QRectF(x, min(middle, middle - height), bar, max(2.0, abs(height)))
                painter.drawRoundedRect(rect, 2, 2)
            painter.setPen(QColor(MUTED))
            painter.drawText(QRectF(x - 6, bottom + 2, bar + 12, 14), Qt.AlignmentFlag.AlignCenter,
                             f"{month.month:%b}"[:3 if step > 30 else 1])
        painter.end()
