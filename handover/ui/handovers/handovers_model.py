"""The list of handovers as data: one line per handover with its completeness worked out
when first shown, the bar that paints the score, and the filter by words, status and person."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from handover.domain.checker import check_handover
from handover.domain.errors import HandoverError
from handover.domain.handover import Status
from handover.domain.signoff import signoff_state
from handover.domain.template import Template
from handover.store.briefdata import handover_records
from handover.store.handover_ops import HandoverRow
from handover.ui.handovers.handover_parts import (
    CHANGED_COLOURS,
    STATUS_COLOURS,
    due_words,
    first_name,
    score_colour,
)
from handover.ui.shell.session import Session
from handover.ui.shell.tables import NOT_ANSWERED, RowsFilter, RowsModel, date_cell
from handover.ui.shell.text import tooltip
from handover.ui.shell.words import (
    DANGER,
    MAIN_ROLE,
    MISSING,
    MUTED,
    NOTE_COLOUR_ROLE,
    NOTE_ROLE,
    ROOT,
    SORT_ROLE,
    WARNING,
    dot_icon,
    short_date,
)


def next_step(row: HandoverRow) -> str:
    """Whose turn it is, in a few words."""
    if row.status in (Status.DRAFT, Status.RETURNED):
        return f"{first_name(row.outgoing)} writes"
    if row.status is Status.SUBMITTED:
        return f"waiting for {first_name(row.incoming)}"
    if row.status is Status.IN_REVIEW:
        if row.unanswered:
            return f"{row.unanswered} for {first_name(row.outgoing)} to answer"
        return f"{first_name(row.incoming)} reviews"
    return ""


@dataclass(frozen=True)
class Measure:
    """What the checker says of one handover, for its line in the list."""

    score: int
    to_fix: int  # errors and warnings
    changed: bool  # changed since sign-off


def measure_handover(session: Session, template: Template, handover_id: int,
                     today: dt.date) -> Measure | None:
    try:
        handover, records, questions = handover_records(session.ws, handover_id)
    except HandoverError:
        return None
    result = check_handover(template, handover, records, questions, today)
    counts = result.counts()
    changed = bool(handover.signoff_hash) and signoff_state(handover, records,
                                                            questions).changed
    return Measure(result.score, counts["error"] + counts["warning"], changed)


SCORE_ROLE = Qt.ItemDataRole.UserRole + 20


class HandoversModel(RowsModel[HandoverRow]):
    """Every handover, one line each. The score comes from the checker, worked out for a
    line when it is first shown (or sorted on) and kept until the handover or its records
    change, so a long list opens at the speed of one query."""

    ACCOUNT, PEOPLE, REVIEWER, STATUS, DUE, SCORE, QUESTIONS = range(7)
    HEADERS = ("Account", "Outgoing \u2192 incoming", "Reviewer", "Status", "Due", "Complete",
               "Questions")
    HEADER_TIPS = {5: "How complete the handover is: the weighted share of the checker's "
                      "checks passed",
                   6: "Questions asked in the review that still wait for an answer"}
    RIGHT_ALIGNED = frozenset({6})

    def __init__(self, parent=None):
        super().__init__(parent)
        self.today = dt.date.today()
        self.measure: Callable[[int], Measure | None] = lambda _id: None
        self._measures: dict[int, Measure | None] = {}

    def measure_of(self, handover_id: int) -> Measure | None:
        if handover_id not in self._measures:
            self._measures[handover_id] = self.measure(handover_id)
        return self._measures[handover_id]

    def measured(self) -> set[int]:
        """The handovers whose score has been worked out (and is kept)."""
        return set(self._measures)

    def forget(self, handover_ids=None) -> None:
        """Work out these handovers' scores again when next shown (all, with None)."""
        if handover_ids is None:
            self._measures.clear()
        else:
            for i in handover_ids:
                self._measures.pop(i, None)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, self.STATUS),
                                  self.index(self.rowCount() - 1, self.SCORE))

    def put_row(self, handover_id: int, row: HandoverRow | None) -> None:
        """Show one handover's line as it is now: changed, added or (None) removed."""
        self._measures.pop(handover_id, None)
        number = self.row_of(handover_id)
        if number is not None and row is not None:
            self._rows[number] = row
            self.dataChanged.emit(self.index(number, 0),
                                  self.index(number, self.columnCount() - 1))
        elif number is not None:
            self.beginRemoveRows(ROOT, number, number)
            del self._rows[number]
            self._where = {r.id: i for i, r in enumerate(self._rows)}
            self.endRemoveRows()
        elif row is not None:
            at = len(self._rows)
            self.beginInsertRows(ROOT, at, at)
            self._rows.append(row)
            self._where[row.id] = at
            self.endInsertRows()

    def ids_of_account(self, account_id: int) -> list[int]:
        return [r.id for r in self._rows if r.account_id == account_id]

    def cell(self, row: HandoverRow, column: int, role: int):
        display = role == Qt.ItemDataRole.DisplayRole
        overdue = row.is_overdue(self.today)
        if column == self.ACCOUNT:
            if display:
                return row.account
            if role == SORT_ROLE:
                return row.account.casefold()
            if role == Qt.ItemDataRole.ToolTipRole:
                return tooltip(f"Handover of {row.account}")
        elif column == self.PEOPLE:
            text = f"{row.outgoing} \u2192 {row.incoming}"
            if display:
                return text
            if role == Qt.ItemDataRole.ToolTipRole:
                return tooltip(text)
            if role == SORT_ROLE:
                return text.casefold()
        elif column == self.REVIEWER:
            if display:
                return row.reviewer or MISSING
            if role == SORT_ROLE:
                return (row.reviewer or "").casefold()
            if role == Qt.ItemDataRole.ForegroundRole and not row.reviewer:
                return QColor(MUTED)
        elif column == self.STATUS:
            return self._status_cell(row, role)
        elif column == self.DUE:
            note, colour = due_words(row.due_date, self.today, row.status)
            main = short_date(row.due_date) if row.due_date else "No date"
            value = date_cell(role, main, note, colour, row.due_date)
            if value is not NOT_ANSWERED:
                return value
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(DANGER) if overdue else None
            if role == Qt.ItemDataRole.FontRole and overdue:
                bold = QFont()
                bold.setWeight(QFont.Weight.DemiBold)
                return bold
        elif column == self.SCORE:
            if role in (Qt.ItemDataRole.DisplayRole, SCORE_ROLE, SORT_ROLE,
                        Qt.ItemDataRole.ToolTipRole):
                m = self.measure_of(row.id)
                if m is None:
                    return None if role != Qt.ItemDataRole.DisplayRole else MISSING
                if role == Qt.ItemDataRole.ToolTipRole:
                    return (f"{m.score}% complete; {m.to_fix} thing"
                            f"{'s' if m.to_fix != 1 else ''} to fix or consider"
                            if m.to_fix else f"{m.score}% complete; nothing to fix")
                return f"{m.score}%" if display else m.score
        elif column == self.QUESTIONS:
            if display:
                if not row.questions:
                    return MISSING
                if row.unanswered:
                    return f"{row.unanswered} waiting"
                return f"{row.questions} answered"
            if role == SORT_ROLE:
                return (row.unanswered, row.questions)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(WARNING if row.unanswered else MUTED)
            if role == Qt.ItemDataRole.ToolTipRole and row.questions:
                return (f"{row.questions} asked, {row.questions - row.unanswered} answered, "
                        f"{row.unanswered} waiting for an answer")
        return None

    def _status_cell(self, row: HandoverRow, role: int):
        changed = False
        if row.signed and role in (Qt.ItemDataRole.DisplayRole, MAIN_ROLE, NOTE_ROLE,
                                   NOTE_COLOUR_ROLE, Qt.ItemDataRole.DecorationRole):
            m = self.measure_of(row.id)
            changed = bool(m and m.changed)
        note = "changed since sign-off" if changed else next_step(row)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.status.label} \u00b7 {note}" if note else row.status.label
        if role == MAIN_ROLE:
            return row.status.label
        if role == NOTE_ROLE:
            return note or None
        if role == NOTE_COLOUR_ROLE:
            return CHANGED_COLOURS[0] if changed else MUTED
        if role == Qt.ItemDataRole.DecorationRole:
            return dot_icon(CHANGED_COLOURS[0] if changed else STATUS_COLOURS[row.status][0])
        if role == SORT_ROLE:
            return list(Status).index(row.status)
        if role == Qt.ItemDataRole.ToolTipRole and row.status is Status.RETURNED:
            return "Returned to the outgoing manager with a reason to fix"
        return None


class ScoreDelegate(QStyledItemDelegate):
    """Paints a score as a short bar and the figure."""

    BAR = 54

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex):
        score = index.data(SCORE_ROLE)
        if score is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = opt.rect.adjusted(11, 0, -8, 0)
        colour = QColor(score_colour(score))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        y = rect.center().y() - 3
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#e6eaf0"))
        painter.drawRoundedRect(QRectF(rect.left(), y, self.BAR, 6), 3, 3)
        painter.setBrush(colour)
        painter.drawRoundedRect(QRectF(rect.left(), y, max(6.0, self.BAR * score / 100), 6),
                                3, 3)
        painter.setPen(colour)
        painter.drawText(QRectF(rect.left() + self.BAR + 8, rect.top(),
                                rect.width() - self.BAR - 8, rect.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         f"{score}%")
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(max(size.width(), self.BAR + 60), size.height())


UNDER_WAY = "under_way"


class HandoversFilter(RowsFilter):
    """Narrows the list by words (account or people), by status, and to the current
    user's own handovers."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._words: list[str] = []
        self._status: Status | str | None = None
        self._person: int | None = None

    def set_text(self, text: str) -> None:
        self.change_filter(lambda: setattr(self, "_words", text.casefold().split()))

    def set_status(self, status: Status | str | None) -> None:
        """Only the handovers in `status` (or UNDER_WAY: not accepted; None: all)."""
        if status is not None and status != UNDER_WAY:
            status = Status.parse(status, "status")  # a combo box gives back plain text
        self.change_filter(lambda: setattr(self, "_status", status))

    def set_person(self, person_id: int | None) -> None:
        """Only the handovers `person_id` plays a part in (None: everyone's)."""
        self.change_filter(lambda: setattr(self, "_person", person_id))

    def filterAcceptsRow(self, source_row: int,
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        row: HandoverRow = self.sourceModel().row_at(source_row)  # type: ignore[attr-defined]
        if self._status == UNDER_WAY and row.status is Status.ACCEPTED:
            return False
        if isinstance(self._status, Status) and row.status is not self._status:
            return False
        if self._person is not None and not row.involves(self._person):
            return False
        if self._words:
            text = f"{row.account} {row.outgoing} {row.incoming} {row.reviewer or ''}"
            text = text.casefold()
            return all(word in text for word in self._words)
        return True
