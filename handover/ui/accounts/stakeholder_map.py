"""The People tab's map of influence against attitude: each stakeholder a mark, sized by our
relationship, the ones out of touch ringed; and why such a person needs attention."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from handover.domain.words import ATTITUDE_WORDS
from handover.store.account_queries import OUT_OF_TOUCH_DAYS, ContactRow
from handover.ui.shell.words import (
    ACCENT,
    INK,
    MUTED,
    SCALE_FILL,
    SCALE_TEXT,
    SCALE_TINT,
    SUBTLE,
    WARNING,
    WARNING_FILL,
    attitude_word,
    days_text,
)


def watch_reason(row: ContactRow, today: dt.date) -> str:
    """Why a person not contacted for a while needs attention, in a sentence."""
    days = row.days_since_contact(today)
    who = ("Hostile key person" if row.attitude == -2 and row.is_key
           else "Hostile person" if row.attitude == -2 and not row.is_key else "Key person")
    if days is None:
        return f"{who}, never contacted"
    return f"{who} not contacted for {days_text(days)} (more than {OUT_OF_TOUCH_DAYS})"



@dataclass
class _Mark:
    contact: ContactRow
    centre: QPointF
    radius: float
    label: QRectF | None = None


class StakeholderMap(QWidget):
    """Influence (up, 1..5) against attitude (across, hostile to advocate), each person a
    mark sized by the strength of our relationship; people whose attitude is not known
    stand in a strip of their own. Key and hostile people out of touch wear an amber ring.
    A click on a mark picks that person."""

    contact_clicked = Signal(int)

    LEFT, TOP, RIGHT, BOTTOM = 54, 30, 14, 58
    GAP = 14  # between the plot and the "unknown" strip

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("stakeholderMap")
        self.setMouseTracking(True)
        self.setMinimumSize(360, 340)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._rows: list[ContactRow] = []
        self._today = dt.date.today()
        self._selected: int | None = None
        self._marks: list[_Mark] | None = None
        self._label_font = QFont(self.font())
        self._label_font.setPointSizeF(8.5)
        self._bold_label_font = QFont(self._label_font)
        self._bold_label_font.setWeight(QFont.Weight.DemiBold)
        self._small_font = QFont(self.font())
        self._small_font.setPointSizeF(8.0)

    def sizeHint(self) -> QSize:
        return QSize(520, 480)

    # ------------------------------------------------------------ what it shows

    def set_contacts(self, rows: list[ContactRow], today: dt.date) -> None:
        self._rows = list(rows)
        self._today = today
        if self._selected is not None and all(r.id != self._selected for r in rows):
            self._selected = None
        self._marks = None
        self.update()

    def set_selected(self, contact_id: int | None) -> None:
        if contact_id != self._selected:
            self._selected = contact_id
            self._marks = None  # the chosen label is bold: labels are placed again
            self.update()

    def selected(self) -> int | None:
        return self._selected

    def mark_centre(self, contact_id: int) -> QPointF:
        """Where the person's mark is drawn (for a click in a test, or a tooltip)."""
        for mark in self._layout():
            if mark.contact.id == contact_id:
                return mark.centre
        raise KeyError(contact_id)

    def contact_at(self, pos: QPointF) -> int | None:
        for mark in reversed(self._layout()):  # the mark drawn last is on top
            d = math.hypot(pos.x() - mark.centre.x(), pos.y() - mark.centre.y())
            if d <= mark.radius + 3 or (mark.label is not None and mark.label.contains(pos)):
                return mark.contact.id
        return None

    # ------------------------------------------------------------ geometry

    def _areas(self) -> tuple[QRectF, QRectF, float, float]:
        """The plot, the unknown strip, a column's width and a row's height."""
        width = self.width() - self.LEFT - self.RIGHT - self.GAP
        column = width / 5.8  # the strip is a little narrower than a column
        row = (self.height() - self.TOP - self._bottom()) / 5
        plot = QRectF(self.LEFT, self.TOP, column * 5, row * 5)
        strip = QRectF(plot.right() + self.GAP, self.TOP, column * 0.8, row * 5)
        return plot, strip, column, row

    def _staggered(self) -> bool:
        """Whether the attitude words are too wide for their columns, and so alternate
        between two lines."""
        width = self.width() - self.LEFT - self.RIGHT - self.GAP
        widest = max(QFontMetricsF(self._small_font).horizontalAdvance(w)
                     for w in ATTITUDE_WORDS.values())
        return widest + 6 > width / 5.8

    def _legend_parts(self) -> tuple[str, str]:
        return "relationship strength", f"no contact for {OUT_OF_TOUCH_DAYS}+ days"

    def _legend_on_two_lines(self) -> bool:
        metrics = QFontMetricsF(self._small_font)
        first, second = self._legend_parts()
        needed = 60 + metrics.horizontalAdvance(first) + 40 + metrics.horizontalAdvance(second)
        return needed > self.width() - self.LEFT - self.RIGHT

    def _bottom(self) -> float:
        return (self.BOTTOM + (14 if self._staggered() else 0)
                + (16 if self._legend_on_two_lines() else 0))

    def _centre(self, attitude: int | None, influence: int) -> QPointF:
        plot, strip, column, row = self._areas()
        y = plot.top() + (5 - influence + 0.5) * row
        if attitude is None:
            return QPointF(strip.center().x(), y)
        return QPointF(plot.left() + (attitude + 2 + 0.5) * column, y)

    def _radius(self, strength: int, crowded: bool) -> float:
        _, _, column, row = self._areas()
        scale = min(column, row) / 80
        radius = (6 + 2.3 * strength) * max(0.7, min(1.15, scale))
        return radius * (0.82 if crowded else 1.0)

    def _layout(self) -> list[_Mark]:
        if self._marks is not None:
            return self._marks
        _, _, column, row = self._areas()
        cells: dict[tuple[int | None, int], list[ContactRow]] = {}
        for contact in self._rows:
            cells.setdefault((contact.attitude, contact.influence), []).append(contact)
        marks: list[_Mark] = []
        for (attitude, influence), people in cells.items():
            people.sort(key=lambda c: (-c.relationship_strength, c.name))
            centre = self._centre(attitude, influence)
            n = len(people)
            width = column * (0.8 if attitude is None else 1.0)
            spread = min(width, row) * (0.24 if n == 2 else 0.28)
            for i, contact in enumerate(people):
                if n == 1:
                    dx = dy = 0.0
                elif attitude is None or n == 2:
                    # side by side; in the narrow strip, one above the other
                    offset = (i - (n - 1) / 2) * spread * (1.6 if n > 2 else 2) / max(1, n - 1)
                    dx, dy = (0.0, offset) if attitude is None else (offset, 0.0)
                else:
                    angle = math.radians(180 + i * 360 / n)
                    dx, dy = spread * math.cos(angle), spread * math.sin(angle)
                marks.append(_Mark(contact, QPointF(centre.x() + dx, centre.y() + dy),
                                   self._radius(contact.relationship_strength, n > 2)))
        marks.sort(key=lambda m: (-m.radius, m.contact.id))  # big ones first, under
        self._place_labels(marks)
        self._marks = marks
        return marks

    def _outer(self, mark: _Mark) -> float:
        """The radius of the mark with its rings: labels keep clear of it."""
        if mark.contact.id == self._selected:
            return mark.radius + 9
        if mark.contact.out_of_touch(self._today):
            return mark.radius + 6
        return mark.radius + 1

    def _place_labels(self, marks: list[_Mark]) -> None:
        plot, strip, _, _ = self._areas()
        bounds = QRectF(4, plot.top() - 2, self.width() - 8, plot.height() + 4)

        def area(rect: QRectF) -> float:
            return max(0.0, rect.width()) * max(0.0, rect.height())

        circles = {m.contact.id: QRectF(m.centre.x() - self._outer(m),
                                        m.centre.y() - self._outer(m),
                                        2 * self._outer(m), 2 * self._outer(m)) for m in marks}
        placed: list[QRectF] = []
        # The chosen person and the key people get the best places first.
        order = sorted(marks, key=lambda m: (m.contact.id != self._selected,
                                             -m.contact.influence, m.contact.name))
        for mark in order:
            font = self._bold_label_font if mark.contact.id == self._selected \
                else self._label_font
            metrics = QFontMetricsF(font)
            text = self._label_text(mark.contact, metrics)
            w, h = metrics.horizontalAdvance(text) + 4, metrics.height()
            x, y, r = mark.centre.x(), mark.centre.y(), self._outer(mark)
            candidates = [
                QRectF(x + r + 3, y - h / 2, w, h),  # right
                QRectF(x - r - 3 - w, y - h / 2, w, h),  # left
                QRectF(x - w / 2, y + r + 1, w, h),  # below
                QRectF(x - w / 2, y - r - 1 - h, w, h),  # above
            ]
            others = [c for key, c in circles.items() if key != mark.contact.id] + placed

            def cost(rect: QRectF, others: list[QRectF] = others) -> float:
                overlap = sum(area(rect.intersected(o)) for o in others if rect.intersects(o))
                outside = area(rect) - area(rect.intersected(bounds))
                return round(overlap + 4 * outside, 1)  # rounded: float noise is no overlap

            best = min(candidates, key=lambda rect: (cost(rect), candidates.index(rect)))
            mark.label = best
            placed.append(best)

    def _label_text(self, contact: ContactRow, metrics: QFontMetricsF) -> str:
        _, _, column, _ = self._areas()
        limit = max(110.0, column * 1.9)
        return metrics.elidedText(contact.name, Qt.TextElideMode.ElideRight, limit)

    def resizeEvent(self, event) -> None:
        self._marks = None
        super().resizeEvent(event)

    # ------------------------------------------------------------ painting

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        plot, strip, column, row = self._areas()
        self._paint_grid(painter, plot, strip, column, row)
        if not self._rows:
            painter.setPen(QColor(MUTED))
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter,
                             "No people yet.\nAdd the customer's stakeholders to see the map.")
            painter.end()
            return
        marks = self._layout()
        for mark in marks:
            self._paint_mark(painter, mark)
        for mark in marks:
            self._paint_label(painter, mark)
        self._paint_legend(painter, plot)
        painter.end()

    def _paint_grid(self, painter: QPainter, plot: QRectF, strip: QRectF, column: float,
                    row: float) -> None:
        for attitude in range(-2, 3):
            rect = QRectF(plot.left() + (attitude + 2) * column, plot.top(), column,
                          plot.height())
            tint = QColor(SCALE_TINT[attitude])
            tint.setAlpha(170)
            painter.fillRect(rect, tint)
        painter.setPen(QPen(QColor("#e3e7ed"), 1))
        for i in range(1, 5):
            y = plot.top() + i * row
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            x = plot.left() + i * column
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        painter.setPen(QPen(QColor("#d5dbe3"), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(plot)
        # the strip of people whose attitude nobody knows
        painter.fillRect(strip, QColor("#f5f6f8"))
        painter.fillRect(strip, QBrush(QColor("#e6e9ee"), Qt.BrushStyle.BDiagPattern))
        pen = QPen(QColor("#cfd6df"), 1, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawRect(strip)

        painter.setFont(self._small_font)
        # influence, up the left side
        painter.setPen(QColor(SUBTLE))
        for influence in range(1, 6):
            y = plot.top() + (5 - influence + 0.5) * row
            painter.drawText(QRectF(plot.left() - 26, y - 9, 20, 18),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             str(influence))
        painter.save()
        painter.translate(14, plot.center().y())
        painter.rotate(-90)
        title = QFont(self._small_font)
        title.setWeight(QFont.Weight.DemiBold)
        painter.setFont(title)
        painter.drawText(QRectF(-plot.height() / 2, -8, plot.height(), 16),
                         Qt.AlignmentFlag.AlignCenter, "Influence \u2192")
        painter.restore()
        # attitude, along the bottom; on two alternating lines where the columns are narrow
        staggered = self._staggered()
        for attitude in range(-2, 3):
            x = plot.left() + (attitude + 2 + 0.5) * column
            y = plot.bottom() + 4 + (14 if staggered and attitude % 2 else 0)
            rect = QRectF(x - column, y, 2 * column, 18)
            painter.setPen(QColor(SCALE_TEXT[attitude]))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, ATTITUDE_WORDS[attitude])
        painter.setPen(QColor(SUBTLE))
        painter.drawText(QRectF(strip.left() - 6, plot.bottom() + 4, strip.width() + 12, 18),
                         Qt.AlignmentFlag.AlignCenter, "Unknown")
        # what the top corners mean
        painter.setFont(self._small_font)
        painter.setPen(QColor(SCALE_TEXT[-2]))
        painter.drawText(QRectF(plot.left(), plot.top() - 22, plot.width() / 2, 18),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         "\u25b2 Powerful opponents")
        painter.setPen(QColor(SCALE_TEXT[2]))
        painter.drawText(QRectF(plot.center().x(), plot.top() - 22, plot.width() / 2, 18),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         "Powerful allies \u25b2")

    def _paint_mark(self, painter: QPainter, mark: _Mark) -> None:
        contact, centre, r = mark.contact, mark.centre, mark.radius
        if contact.id == self._selected:
            halo = QColor(ACCENT)
            halo.setAlpha(45)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(halo)
            painter.drawEllipse(centre, r + 9, r + 9)
        if contact.out_of_touch(self._today):
            painter.setPen(QPen(QColor(WARNING_FILL), 2.6))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(centre, r + 4.5, r + 4.5)
        fill = QColor(SCALE_FILL[contact.attitude])
        painter.setPen(QPen(QColor("#ffffff"), 1.8))
        painter.setBrush(fill)
        painter.drawEllipse(centre, r, r)
        if contact.id == self._selected:
            painter.setPen(QPen(QColor(ACCENT), 2.2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(centre, r + 1.5, r + 1.5)

    def _paint_label(self, painter: QPainter, mark: _Mark) -> None:
        if mark.label is None:
            return
        chosen = mark.contact.id == self._selected
        font = self._bold_label_font if chosen else self._label_font
        metrics = QFontMetricsF(font)
        text = self._label_text(mark.contact, metrics)
        path = QPainterPath()
        baseline = mark.label.top() + metrics.ascent()
        path.addText(QPointF(mark.label.left() + 2, baseline), font, text)
        # A white halo keeps a name readable over grid lines and other marks.
        painter.setPen(QPen(QColor(255, 255, 255, 235), 3.2, Qt.PenStyle.SolidLine,
                            Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(ACCENT if chosen else INK))
        painter.drawPath(path)

    def _paint_legend(self, painter: QPainter, plot: QRectF) -> None:
        y = plot.bottom() + 38 + (14 if self._staggered() else 0)
        x = plot.left()
        first, second = self._legend_parts()
        painter.setFont(self._small_font)
        painter.setPen(QColor(SUBTLE))
        for strength in (1, 3, 5):
            r = self._radius(strength, False) * 0.55
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#b8c1cd"))
            painter.drawEllipse(QPointF(x + r, y), r, r)
            x += 2 * r + 4
        painter.setPen(QColor(SUBTLE))
        painter.drawText(QPointF(x + 2, y + 4), first)
        if self._legend_on_two_lines():
            x, y = plot.left(), y + 16
        else:
            x += QFontMetricsF(self._small_font).horizontalAdvance(first) + 22
        painter.setPen(QPen(QColor(WARNING_FILL), 2.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QPointF(x + 6, y), 6, 6)
        painter.setPen(QColor(SUBTLE))
        painter.drawText(QPointF(x + 18, y + 4), second)

    # ------------------------------------------------------------ the mouse

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            found = self.contact_at(event.position())
            if found is not None:
                self.set_selected(found)
                self.contact_clicked.emit(found)
                event.accept()
                return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        over = self.contact_at(event.position()) is not None
        self.setCursor(Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            found = self.contact_at(QPointF(event.pos()))
            if found is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self._tooltip(found), self)
            return True
        return super().event(event)

    def _tooltip(self, contact_id: int) -> str:
        contact = next(r for r in self._rows if r.id == contact_id)
        lines = [f"<b>{_escape(contact.name)}</b>"]
        if contact.title:
            lines.append(_escape(contact.title))
        lines.append(f"{contact.buying_role.label} \u00b7 {attitude_word(contact.attitude)}"
                     f" \u00b7 influence {contact.influence} \u00b7 relationship "
                     f"{contact.relationship_strength}")
        days = contact.days_since_contact(self._today)
        lines.append("Never contacted" if days is None else f"Last contact {days_text(days)} ago")
        if contact.out_of_touch(self._today):
            lines.append(f"<span style='color:{WARNING}'>{watch_reason(contact, self._today)}"
                         "</span>")
        return "<br>".join(lines)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
