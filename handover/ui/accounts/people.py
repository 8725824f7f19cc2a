"""The People tab of an account: its stakeholders in a table beside a map of influence
against attitude, their notes and advice, and the dialog that adds or edits one."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPointF,
    QRectF,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPen,
    QShortcut,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSplitter,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from handover.domain.errors import HandoverError
from handover.domain.records import BuyingRole, Contact
from handover.domain.words import ATTITUDE_WORDS, INFLUENCE_WORDS, STRENGTH_WORDS
from handover.store.account_queries import OUT_OF_TOUCH_DAYS, ContactRow, contact_rows
from handover.ui.shell import dialogs
from handover.ui.shell.markdown_editor import MarkdownEditor, MarkdownView
from handover.ui.shell.parts import (
    DETAIL_STYLESHEET,
    FieldErrors,
    OptionalDate,
    attitude_picker,
    button,
    collect_errors,
    enable_edit_buttons,
    rating_picker,
    section_title,
)
from handover.ui.shell.session import Change, Session
from handover.ui.shell.tables import (
    NoteDelegate,
    PipsDelegate,
    RowsModel,
    chosen_record,
    fit_columns,
    follow_chosen_row,
    make_table,
    select_row,
    selected_row_id,
)
from handover.ui.shell.text import plain_label, tooltip
from handover.ui.shell.words import (
    ACCENT,
    ID_ROLE,
    INK,
    MAIN_ROLE,
    MUTED,
    NOTE_ROLE,
    PIPS_ROLE,
    SCALE_FILL,
    SCALE_TEXT,
    SCALE_TINT,
    SORT_ROLE,
    SUBTLE,
    WARNING,
    WARNING_FILL,
    attitude_word,
    blank_icon,
    days_text,
    dot_icon,
    short_date,
    signed,
    warning_icon,
)

TABLES = ("contacts", "interactions")  # interactions move a contact's last contact


def days_ago(days: int | None) -> str:
    if days is None:
        return "Never"
    if days == 0:
        return "Today"
    return f"{days_text(days)} ago" if days > 0 else f"in {days_text(-days)}"


def watch_reason(row: ContactRow, today: dt.date) -> str:
    """Why a person not contacted for a while needs attention, in a sentence."""
    days = row.days_since_contact(today)
    who = ("Hostile key person" if row.attitude == -2 and row.is_key
           else "Hostile person" if row.attitude == -2 and not row.is_key else "Key person")
    if days is None:
        return f"{who}, never contacted"
    return f"{who} not contacted for {days_text(days)} (more than {OUT_OF_TOUCH_DAYS})"


# ---------------------------------------------------------------- the table


class ContactsModel(RowsModel[ContactRow]):
    """The account's stakeholders, one row each."""

    # Two lines a row: the title under the name, and the date of the last contact under
    # the days since it (each as the cell's NOTE_ROLE).
    NAME, ROLE, ATTITUDE, INFLUENCE, STRENGTH, LAST_CONTACT = range(6)
    HEADERS = ("Name and title", "Buying role", "Attitude", "Influence", "Relationship",
               "Last contact")
    HEADER_TIPS = {
        2: "Their attitude to us, from hostile (\u22122) to advocate (+2)",
        3: "How much they weigh in the customer's decisions, 1 to 5",
        4: "How strong our relationship with them is, 1 to 5",
        5: "Days since the last contact written down or the last interaction with them; "
           f"key and hostile people not contacted for over {OUT_OF_TOUCH_DAYS} days are flagged",
    }

    def __init__(self, parent=None, today: dt.date | None = None):
        super().__init__(parent)
        self._today = today or dt.date.today()
        self._name_font = QFont()
        self._name_font.setWeight(QFont.Weight.DemiBold)
        self._role_under_name = False

    def set_contacts(self, rows: list[ContactRow], today: dt.date) -> None:
        self._today = today
        self.set_rows(rows)

    def set_role_under_name(self, under: bool) -> None:
        """Show the buying role under the name, beside the title (where the table has no
        room for its own column)."""
        if under != self._role_under_name:
            self._role_under_name = under
            if self._rows:
                self.dataChanged.emit(self.index(0, self.NAME),
                                      self.index(len(self._rows) - 1, self.NAME))

    @property
    def today(self) -> dt.date:
        return self._today

    def cell(self, row: ContactRow, column: int, role: int):
        today = self._today
        display = role == Qt.ItemDataRole.DisplayRole
        if column == self.NAME:
            if display or role == MAIN_ROLE:
                return row.name
            if role == NOTE_ROLE:
                if self._role_under_name:
                    return "  \u00b7  ".join(x for x in (row.buying_role.label, row.title) if x)
                return row.title or None
            if role == SORT_ROLE:
                return row.name.casefold()
            if role == Qt.ItemDataRole.FontRole:
                return self._name_font
            if role == Qt.ItemDataRole.ToolTipRole:
                who = f"{row.name}, {row.title}" if row.title else row.name
                return tooltip(f"{who} (key person)" if row.is_key else who)
        elif column == self.ROLE:
            if display:
                return row.buying_role.label
            if role == SORT_ROLE:
                return list(BuyingRole).index(row.buying_role)
        elif column == self.ATTITUDE:
            if display:
                return attitude_word(row.attitude)
            if role == SORT_ROLE:
                return 3 if row.attitude is None else row.attitude  # unknown after advocate
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(SCALE_TEXT[row.attitude])
            if role == Qt.ItemDataRole.DecorationRole:
                return dot_icon(SCALE_FILL[row.attitude])
            if role == Qt.ItemDataRole.ToolTipRole:
                return (f"{attitude_word(row.attitude)} ({signed(row.attitude)})"
                        if row.attitude is not None else "Their attitude is not known yet")
        elif column in (self.INFLUENCE, self.STRENGTH):
            value = row.influence if column == self.INFLUENCE else row.relationship_strength
            if display:
                return str(value)
            if role in (SORT_ROLE, PIPS_ROLE):
                return value
            if role == Qt.ItemDataRole.ToolTipRole:
                words = INFLUENCE_WORDS if column == self.INFLUENCE else STRENGTH_WORDS
                what = "Influence" if column == self.INFLUENCE else "Relationship strength"
                return f"{what} {value} of 5: {words[value].lower()}"
        elif column == self.LAST_CONTACT:
            days = row.days_since_contact(today)
            flagged = row.out_of_touch(today)
            if display or role == MAIN_ROLE:
                return days_ago(days)
            if role == NOTE_ROLE:
                return short_date(row.last_contact) if row.last_contact else None
            if role == SORT_ROLE:
                return 10**6 if days is None else days
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(WARNING) if flagged else (QColor(MUTED) if days is None else None)
            if role == Qt.ItemDataRole.DecorationRole:
                return warning_icon() if flagged else blank_icon()
            if role == Qt.ItemDataRole.FontRole and flagged:
                return self._name_font
            if role == Qt.ItemDataRole.ToolTipRole:
                if flagged:
                    return watch_reason(row, today)
                return None if days is None else (
                    f"Last contact {days_text(days)} ago, on {short_date(row.last_contact)}")
        return None


class _SortProxy(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)


# ---------------------------------------------------------------- the map


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


# ---------------------------------------------------------------- the dialog


class ContactDialog(QDialog):
    """Adds or edits one stakeholder, every field of a Contact; a refused value is named
    beside its field, and the dialog stays open until it is put right."""

    FIELDS = {"name": "Name", "title": "Title", "buying_role": "Buying role",
              "attitude": "Attitude", "influence": "Influence",
              "relationship_strength": "Relationship strength",
              "last_contact": "Last contact", "notes": "Notes", "advice": "Advice"}
    STAND_INS = {"name": "?", "title": "", "buying_role": BuyingRole.USER, "attitude": None,
                 "influence": 3, "relationship_strength": 3, "last_contact": None,
                 "notes": "", "advice": ""}

    def __init__(self, session: Session, account_id: int, contact: Contact | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.account_id = account_id
        self.contact = contact
        self.saved: Contact | None = None
        self.setWindowTitle("Edit contact" if contact else "Add contact")
        self.setMinimumSize(860, 720)
        self.setStyleSheet(DETAIL_STYLESHEET)
        self.errors = FieldErrors(self.FIELDS)

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("First and last name")
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("e.g. Head of Procurement")
        self.role_box = QComboBox()
        for role in BuyingRole:
            self.role_box.addItem(role.label, role)
        self.attitude = attitude_picker()
        self.influence = rating_picker(INFLUENCE_WORDS)
        self.influence_word = QLabel()
        self.influence_word.setObjectName("fieldHint")
        self.strength = rating_picker(STRENGTH_WORDS)
        self.strength_word = QLabel()
        self.strength_word.setObjectName("fieldHint")
        self.last_contact = OptionalDate(none_text="Not contacted yet, or not known")
        self.notes = MarkdownEditor(top_heading=3)
        self.notes.setPlaceholderText("Who they are, what they care about, history with us "
                                      "\u2014 in Markdown")
        self.notes.setMinimumHeight(190)
        self.advice = QPlainTextEdit()
        self.advice.setObjectName("formText")
        self.advice.setPlaceholderText("What the next account manager should do, or never do, "
                                       "with this person")
        self.advice.setFixedHeight(74)
        self.influence.value_changed.connect(
            lambda v: self.influence_word.setText(INFLUENCE_WORDS.get(v, "")))
        self.strength.value_changed.connect(
            lambda v: self.strength_word.setText(STRENGTH_WORDS.get(v, "")))

        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(10)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        attach = self.errors.attach
        form.addRow("Name", attach("name", self.name_edit))
        form.addRow("Title", attach("title", self.title_edit))
        form.addRow("Buying role", attach("buying_role", _left(self.role_box)))
        form.addRow("Attitude to us", attach("attitude", self.attitude))
        form.addRow("Influence", attach("influence", _with(self.influence, self.influence_word)))
        form.addRow("Relationship", attach("relationship_strength",
                                           _with(self.strength, self.strength_word)))
        form.addRow("Last contact", attach("last_contact", self.last_contact))
        form.addRow("Notes", attach("notes", self.notes, grow=True))
        form.addRow("Advice for the\nnext manager", attach("advice", self.advice))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 20, 22, 16)
        layout.setSpacing(14)
        layout.addLayout(form, 1)
        layout.addWidget(self.buttons)
        self._load(contact)

    def _load(self, contact: Contact | None) -> None:
        if contact is None:
            self.role_box.setCurrentIndex(list(BuyingRole).index(BuyingRole.USER))
            self.attitude.set_value(None)
            self.influence.set_value(0)  # not chosen yet: influence is asked, not assumed
            self.strength.set_value(3)
            return
        self.name_edit.setText(contact.name)
        self.title_edit.setText(contact.title)
        self.role_box.setCurrentIndex(list(BuyingRole).index(contact.buying_role))
        self.attitude.set_value(contact.attitude)
        self.influence.set_value(contact.influence)
        self.strength.set_value(contact.relationship_strength)
        self.last_contact.set_value(contact.last_contact)
        self.notes.setText(contact.notes)
        self.advice.setPlainText(contact.advice)

    def values(self) -> dict[str, object]:
        return {
            "name": self.name_edit.text(), "title": self.title_edit.text(),
            "buying_role": self.role_box.currentData(), "attitude": self.attitude.value(),
            "influence": self.influence.value(),
            "relationship_strength": self.strength.value(),
            "last_contact": self.last_contact.value(), "notes": self.notes.text(),
            "advice": self.advice.toPlainText(),
        }

    def save(self) -> bool:
        """Check every field and save through the session; False (with the messages
        shown) when something is refused."""
        record, errors = collect_errors(
            lambda v: Contact(account_id=self.account_id,
                              id=self.contact.id if self.contact else None, **v),
            self.values(), self.STAND_INS)
        self.errors.show(errors)
        if record is None:
            self._focus_first(errors)
            return False
        try:
            if self.contact is None:
                self.saved = self.session.add(record, f"Add contact \u201c{record.name}\u201d")
            else:
                self.saved = self.session.update(record, f"Edit contact \u201c{record.name}\u201d")
        except HandoverError as e:
            dialogs.show_error(self, "The contact was not saved", str(e))
            return False
        return True

    def _focus_first(self, errors: dict[str, str]) -> None:
        widgets = {"name": self.name_edit, "title": self.title_edit,
                   "buying_role": self.role_box, "attitude": self.attitude,
                   "influence": self.influence, "relationship_strength": self.strength,
                   "last_contact": self.last_contact, "notes": self.notes,
                   "advice": self.advice}
        for field in self.FIELDS:
            if field in errors:
                widgets[field].setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def accept(self) -> None:
        if self.save():
            super().accept()


def _left(widget: QWidget) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(widget)
    layout.addStretch(1)
    widget.setMinimumWidth(200)
    return box


def _with(picker: QWidget, word: QLabel) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(12)
    layout.addWidget(picker, 0)
    layout.addWidget(word, 0)
    layout.addStretch(1)
    return box


class _ContactsTable(QTableView):
    """The people table: names take the width the other columns leave. Where that is
    less than NAME_MIN, the buying role moves under the name, beside the title (and a
    window narrower still scrolls sideways)."""

    NAME_MIN = 160

    def __init__(self):
        super().__init__()
        self.role_width = 0  # the buying role column's width when shown

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_names()

    def fit_names(self) -> None:
        header = self.horizontalHeader()
        role = ContactsModel.ROLE
        others = sum(header.sectionSize(c) for c in range(1, len(ContactsModel.HEADERS))
                     if c != role)
        room = self.viewport().width() - others
        narrow = room - self.role_width < self.NAME_MIN
        if self.isColumnHidden(role) != narrow:
            self.setColumnHidden(role, narrow)
            self._source().set_role_under_name(narrow)
        header.resizeSection(ContactsModel.NAME,
                             max(self.NAME_MIN, room - (0 if narrow else self.role_width)))

    def _source(self) -> ContactsModel:
        model = self.model()
        return model.sourceModel() if isinstance(model, QSortFilterProxyModel) else model


# ---------------------------------------------------------------- the tab


class PeopleTab(QWidget):
    """Who is who at the customer: the table, the map beside it, and the chosen person's
    notes and advice. Edits go through the session, so each one can be undone."""

    contact_selected = Signal(object)  # the chosen contact's id, or None

    def __init__(self, session: Session, account_id: int,
                 today: Callable[[], dt.date] = dt.date.today, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.account_id = account_id
        self._today = today

        self.add_button = button("Add contact\u2026", primary=True)
        self.edit_button = button("Edit\u2026")
        self.remove_button = button("Remove")
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        toolbar = QHBoxLayout()
        toolbar.setSpacing(8)
        toolbar.addWidget(self.add_button)
        toolbar.addWidget(self.edit_button)
        toolbar.addWidget(self.remove_button)
        toolbar.addSpacing(10)
        toolbar.addWidget(self.count_label)
        toolbar.addStretch(1)

        self.model = ContactsModel(self)
        self.proxy = _SortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(self.proxy, object_name="contactsTable", row_padding=14,
                                lines=2, view=_ContactsTable())
        self.table.setItemDelegateForColumn(ContactsModel.NAME,
                                            NoteDelegate(self, stacked=True))
        self.table.setItemDelegateForColumn(ContactsModel.INFLUENCE, PipsDelegate(parent=self))
        self.table.setItemDelegateForColumn(ContactsModel.STRENGTH,
                                            PipsDelegate("#2b8a8a", parent=self))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(ContactsModel.INFLUENCE, Qt.SortOrder.DescendingOrder)
        fit_columns(self.table, {
            ContactsModel.ROLE: [r.label for r in BuyingRole],
            ContactsModel.ATTITUDE: ["Advocate", "Negative"],
            ContactsModel.INFLUENCE: [""], ContactsModel.STRENGTH: [""],
            ContactsModel.LAST_CONTACT: ["1,000 days ago", "30 Nov 2026"],
        }, extra={ContactsModel.ATTITUDE: 24, ContactsModel.LAST_CONTACT: 24,
                  ContactsModel.INFLUENCE: 5 * PipsDelegate.STEP,
                  ContactsModel.STRENGTH: 5 * PipsDelegate.STEP})
        self.table.role_width = self.table.horizontalHeader().sectionSize(ContactsModel.ROLE)
        last_contact = NoteDelegate(self, stacked=True)
        self.table.setItemDelegateForColumn(ContactsModel.LAST_CONTACT, last_contact)

        self.map = StakeholderMap()
        map_card = _card()
        map_layout = QVBoxLayout(map_card)
        map_layout.setContentsMargins(16, 12, 12, 8)
        map_layout.setSpacing(2)
        map_layout.addWidget(section_title("Influence \u00d7 attitude"))
        hint = QLabel("Click a person to select them.")
        hint.setObjectName("sectionHint")
        hint.setWordWrap(True)
        map_layout.addWidget(hint)
        map_layout.addWidget(self.map, 1)

        self.details = _ContactDetails()

        left = QSplitter(Qt.Orientation.Vertical)
        left.setChildrenCollapsible(False)
        left.addWidget(self.table)
        left.addWidget(self.details)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)
        left.setHandleWidth(12)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(16)
        self.splitter.addWidget(left)
        self.splitter.addWidget(map_card)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([780, 460])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(12)
        layout.addLayout(toolbar)
        layout.addWidget(self.splitter, 1)

        self.add_button.clicked.connect(self.add_contact)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        follow_chosen_row(self.table, self._current_changed, self._enable)
        self.map.contact_clicked.connect(self.select)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.activated.connect(self.remove_selected)
        session.changed.connect(self._changed)
        self.refresh()

    # ------------------------------------------------------------ data

    def refresh(self) -> None:
        """Read the account's people again, keeping the chosen one chosen."""
        chosen = self.selected_id()
        today = self._today()
        rows = contact_rows(self.session.ws, self.account_id)
        self.model.set_contacts(rows, today)
        self.map.set_contacts(rows, today)
        watched = sum(r.out_of_touch(today) for r in rows)
        text = f"{len(rows)} {'person' if len(rows) == 1 else 'people'}"
        if watched:
            text += (f"  \u00b7  {watched} key or hostile {'person' if watched == 1 else 'people'}"
                     f" not contacted for over {OUT_OF_TOUCH_DAYS} days")
        self.count_label.setText(text)
        if chosen is not None and self.model.row_of(chosen) is not None:
            self.select(chosen)
        else:
            self._current_changed(QModelIndex(), QModelIndex())
        self._enable()

    def _changed(self, change: Change) -> None:
        if change.account_id in (None, self.account_id) and change.touches(*TABLES):
            self.refresh()

    # ------------------------------------------------------------ choosing

    def selected_id(self) -> int | None:
        return selected_row_id(self)

    def select(self, contact_id: int) -> bool:
        """Choose the contact in the table (and so on the map); False when not listed."""
        return select_row(self, contact_id)

    def show_record(self, contact_id: int) -> bool:
        return self.select(contact_id)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        contact_id = current.data(ID_ROLE) if current.isValid() else None
        self.map.set_selected(contact_id)
        contact = None
        if contact_id is not None:
            try:
                contact = self.session.ws.get(Contact, contact_id)
            except HandoverError:
                contact = None
        row = self.model.row_at(self.model.row_of(contact_id)) if contact else None
        self.details.empty.setText(
            "Choose a person to read their notes and the advice for the next manager."
            if self.model.rowCount() else
            "No people yet. Add the customer's stakeholders: who buys, who decides, who "
            "blocks, and how each of them feels about us.")
        self.details.show_contact(contact, row, self.model.today)
        self._enable()
        self.contact_selected.emit(contact_id)

    def _enable(self) -> None:
        enable_edit_buttons(self, not self.session.ws.read_only,
                            self.selected_id() is not None)

    # ------------------------------------------------------------ editing

    def add_contact(self) -> None:
        saved = dialogs.edit_contact(self, self.session, self.account_id)
        if saved is not None:
            self.select(saved.id)

    def edit_selected(self) -> None:
        contact = chosen_record(self, Contact)
        if contact is None:
            return
        saved = dialogs.edit_contact(self, self.session, self.account_id, contact)
        if saved is not None:
            self.select(saved.id)

    def remove_selected(self) -> None:
        contact = chosen_record(self, Contact)
        if contact is None:
            return
        if not dialogs.confirm(
                self, f"Remove {contact.name}?",
                f"{contact.name} leaves this account's people, and the interactions that name "
                "them no longer do. Edit \u25b8 Undo brings them back.", "Remove"):
            return
        try:
            self.session.delete(contact, f"Remove contact \u201c{contact.name}\u201d")
        except HandoverError as e:
            dialogs.show_error(self, "The contact was not removed", str(e))


def _card() -> QFrame:
    card = QFrame()
    card.setObjectName("card")
    return card


class _ContactDetails(QFrame):
    """The chosen person's notes and the advice left for the next manager."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("card")
        self.name = plain_label()
        self.name.setObjectName("readerTitle")
        self.meta = plain_label()
        self.meta.setObjectName("readerMeta")
        self.flag = QLabel()
        self.flag.setStyleSheet(f"color: {WARNING}; font-weight: 600;")
        self.notes = MarkdownView()
        self.notes.setObjectName("contactNotes")
        self.notes.document().setDocumentMargin(2)  # in line with its caption
        self.advice = MarkdownView()
        self.advice.setObjectName("contactAdvice")
        self.advice.setStyleSheet("QTextBrowser#contactAdvice { background: #f7f9fc; "
                                  "border-radius: 6px; }")
        self.empty = QLabel("Choose a person to read their notes and the advice for the "
                            "next manager.")
        self.empty.setObjectName("sectionHint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)

        heading = QHBoxLayout()
        heading.setSpacing(10)
        heading.addWidget(self.name)
        heading.addWidget(self.meta, 1)
        heading.addWidget(self.flag)
        notes_box = QVBoxLayout()
        notes_box.setSpacing(2)
        notes_box.addWidget(_caption("NOTES"))
        notes_box.addWidget(self.notes, 1)
        advice_box = QVBoxLayout()
        advice_box.setSpacing(2)
        advice_box.addWidget(_caption("ADVICE FOR THE NEXT MANAGER"))
        advice_box.addWidget(self.advice, 1)
        columns = QHBoxLayout()
        columns.setSpacing(16)
        columns.addLayout(notes_box, 3)
        columns.addLayout(advice_box, 2)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(8)
        body.addLayout(heading)
        body.addLayout(columns, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 10)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.empty, 1)
        self.setMinimumHeight(170)
        self.show_contact(None, None, dt.date.today())

    def show_contact(self, contact: Contact | None, row: ContactRow | None,
                     today: dt.date) -> None:
        self.body.setVisible(contact is not None)
        self.empty.setVisible(contact is None)
        if contact is None:
            return
        self.name.setText(contact.name)
        facts = [f for f in (contact.title, contact.buying_role.label) if f]
        self.meta.setText("  \u00b7  ".join(facts))
        flagged = row is not None and row.out_of_touch(today)
        self.flag.setText(watch_reason(row, today) if flagged else "")
        self.flag.setVisible(flagged)
        self.notes.setMarkdown(contact.notes or "*No notes yet.*", top_heading=4)
        self.advice.setMarkdown(contact.advice or "*No advice written yet.*", top_heading=4)


def _caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("cardCaption")
    label.setStyleSheet(f"color: {SUBTLE}; font-size: 8pt; font-weight: 600;")
    return label

