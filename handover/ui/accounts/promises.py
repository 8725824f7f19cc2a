"""The Promises tab of an account: commitments ours and theirs, the overdue ones standing
out, and buttons to mark one kept, broken or withdrawn."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QFrame, QHBoxLayout, QLabel, QWidget

from handover.domain.errors import HandoverError
from handover.domain.records import Commitment, CommitmentStatus, Direction
from handover.store.account_queries import PromiseRow, promise_rows
from handover.ui.records.tab import RecordTab
from handover.ui.shell import dialogs
from handover.ui.shell.parts import ScalePicker, button
from handover.ui.shell.session import Session
from handover.ui.shell.tables import (
    NOT_ANSWERED,
    NoteDelegate,
    RowsFilter,
    RowsModel,
    date_cell,
    fit_columns,
    make_table,
)
from handover.ui.shell.text import tooltip
from handover.ui.shell.words import (
    ACCENT,
    DANGER,
    ID_ROLE,
    MAIN_ROLE,
    MISSING,
    MUTED,
    NOTE_ROLE,
    SORT_ROLE,
    STATUS_FILL,
    STATUS_TEXT,
    dot_icon,
    due_note,
    short_date,
)

DIRECTION_WORDS = {Direction.OURS: "Ours", Direction.THEIRS: "Theirs"}
DIRECTION_TIPS = {Direction.OURS: "We owe the customer", Direction.THEIRS: "The customer owes us"}
DIRECTION_COLOURS = {Direction.OURS: "#2f6fde", Direction.THEIRS: "#7c4dbd"}


def in_return_note(row: PromiseRow) -> str:
    """What a promise of theirs was given for, e.g. "in return for concession of 3 Mar 2026"."""
    if row.concession_date is None:
        return ""
    return f"in return for concession of {short_date(row.concession_date)}"


def promise_order(row: PromiseRow, today: dt.date):
    """Open promises first, the most overdue on top, then by due date; then the closed
    ones, the latest first."""
    c = row
    if c.status is CommitmentStatus.OPEN:
        due = c.due_date.toordinal() if c.due_date else 10**7
        return (0, due, c.id)
    made = c.date.toordinal() if c.date else 0
    return (1, -made, -(c.id or 0))


class PromisesModel(RowsModel[PromiseRow]):
    """The account's promises, one row each."""

    DIRECTION, PROMISE, MADE_BY, MADE_TO, DATE, DUE, STATUS = range(7)
    HEADERS = ("Direction", "Promise", "Made by", "Made to", "Made on", "Due", "Status")
    HEADER_TIPS = {0: "Ours: we owe the customer. Theirs: the customer owes us."}

    def __init__(self, parent=None, today: dt.date | None = None):
        super().__init__(parent)
        self._today = today or dt.date.today()

    def set_promises(self, rows: list[PromiseRow], today: dt.date) -> None:
        self._today = today
        self.set_rows(sorted(rows, key=lambda r: promise_order(r, today)))

    @property
    def today(self) -> dt.date:
        return self._today

    def cell(self, row: PromiseRow, column: int, role: int):
        c = row
        display = role == Qt.ItemDataRole.DisplayRole
        if column == self.DIRECTION:
            if display:
                return DIRECTION_WORDS[c.direction]
            if role == SORT_ROLE:
                return c.direction.value
            if role == Qt.ItemDataRole.DecorationRole:
                return dot_icon(DIRECTION_COLOURS[c.direction])
            if role == Qt.ItemDataRole.ToolTipRole:
                return DIRECTION_TIPS[c.direction]
        elif column == self.PROMISE:
            note = in_return_note(row)
            if display:
                return f"{c.description} \u2014 {note}" if note else c.description
            if role == MAIN_ROLE:
                return c.description
            if role == NOTE_ROLE:
                return note or None
            if role == SORT_ROLE:
                return c.description.casefold()
            if role == Qt.ItemDataRole.ToolTipRole:
                return tooltip(c.description + (f"\n({note})" if note else ""))
        elif column in (self.MADE_BY, self.MADE_TO):
            who = c.made_by if column == self.MADE_BY else c.made_to
            if display:
                return who or MISSING
            if role == SORT_ROLE:
                return who.casefold()
            if role == Qt.ItemDataRole.ForegroundRole and not who:
                return QColor(MUTED)
        elif column == self.DATE:
            if display:
                return short_date(c.date) if c.date else MISSING
            if role == SORT_ROLE:
                return c.date.toordinal() if c.date else 0
            if role == Qt.ItemDataRole.ForegroundRole and not c.date:
                return QColor(MUTED)
        elif column == self.DUE:
            note, colour = due_note(row, self._today)
            overdue = row.overdue_days(self._today) > 0
            if c.due_date is None:
                main = "No due date" if c.status is CommitmentStatus.OPEN else MISSING
            else:
                main = short_date(c.due_date)
            value = date_cell(role, main, note, colour, c.due_date)
            if value is not NOT_ANSWERED:
                return value
            if role == Qt.ItemDataRole.ForegroundRole:
                if overdue:
                    return QColor(DANGER)
                if c.due_date is None:
                    return QColor("#b54708" if c.status is CommitmentStatus.OPEN else MUTED)
            if role == Qt.ItemDataRole.ToolTipRole and c.due_date is None \
                    and c.status is CommitmentStatus.OPEN:
                return "An open promise without a due date: agree one"
        elif column == self.STATUS:
            if display:
                return c.status.label
            if role == SORT_ROLE:
                return list(CommitmentStatus).index(c.status)
            if role == Qt.ItemDataRole.DecorationRole:
                return dot_icon(STATUS_FILL[c.status])
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(STATUS_TEXT[c.status])
        return None


class PromisesFilter(RowsFilter):
    """Ours, theirs or both; with or without the promises already settled."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._direction: Direction | None = None
        self._settled = True

    def set_direction(self, direction: Direction | str | None) -> None:
        self.change_filter(lambda: setattr(self, "_direction", None if direction is None
                                           else Direction(direction)))

    def set_show_settled(self, show: bool) -> None:
        self.change_filter(lambda: setattr(self, "_settled", show))

    def filterAcceptsRow(self, source_row: int,
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        c = self.sourceModel().row_at(source_row)
        if self._direction is not None and c.direction is not self._direction:
            return False
        return self._settled or c.status is CommitmentStatus.OPEN


# ---------------------------------------------------------------- the tab


class PromisesTab(RecordTab):
    """What each side owes the other. A promise is settled with one click (kept, broken,
    withdrawn); each click is one undoable edit."""

    RECORD = Commitment
    TABLES = ("commitments", "concessions")  # concessions: the date a promise answers
    EDITOR = "edit_commitment"
    NOUN = "promise"

    promise_selected = Signal(object)  # the chosen commitment's id, or None

    def __init__(self, session: Session, account_id: int,
                 today: Callable[[], dt.date] = dt.date.today, parent: QWidget | None = None):
        super().__init__(session, account_id, today, parent)
        self.direction_filter = ScalePicker(
            [(None, "All", ACCENT), (Direction.OURS, "Ours \u2014 we owe", ACCENT),
             (Direction.THEIRS, "Theirs \u2014 they owe", ACCENT)])
        self.direction_filter.set_value(None)
        self.show_settled = QCheckBox("Show kept, broken and withdrawn")
        self.show_settled.setChecked(True)
        self.make_buttons("Add promise\u2026", remove=False)
        self.kept_button = button("Mark kept", tip="The promise was kept")
        self.broken_button = button("Mark broken", tip="The promise was not kept")
        self.withdrawn_button = button("Withdraw", tip="The promise no longer stands")
        self.summary = QLabel()
        self.summary.setObjectName("countLabel")
        self.summary.setTextFormat(Qt.TextFormat.RichText)

        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.add_button)
        top.addWidget(self.edit_button)
        top.addWidget(_divider())
        top.addWidget(self.kept_button)
        top.addWidget(self.broken_button)
        top.addWidget(self.withdrawn_button)
        top.addStretch(1)
        top.addWidget(self.direction_filter)
        second = QHBoxLayout()
        second.setSpacing(8)
        second.addWidget(self.summary)
        second.addStretch(1)
        second.addWidget(self.show_settled)

        self.model = PromisesModel(self)
        self.proxy = PromisesFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(self.proxy, object_name="promisesTable", row_padding=12,
                                lines=2)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # by no column at first: the model's order
        notes = NoteDelegate(self, stacked=True)
        self.table.setItemDelegateForColumn(PromisesModel.PROMISE, notes)
        self.table.setItemDelegateForColumn(PromisesModel.DUE, notes)
        fit_columns(self.table, {
            PromisesModel.DIRECTION: ["Theirs"], PromisesModel.MADE_BY: ["Zanele Venter-M"],
            PromisesModel.MADE_TO: ["Zanele Venter-M"], PromisesModel.DATE: ["30 Nov 2026"],
            PromisesModel.DUE: ["overdue 100 days"],
            PromisesModel.STATUS: ["Withdrawn"],
        }, extra={PromisesModel.DIRECTION: 24, PromisesModel.STATUS: 24},
            stretch=PromisesModel.PROMISE)

        self.lay_out(top, second, main=self.table, spacing=10)

        self.wire()
        self.kept_button.clicked.connect(lambda: self.mark(CommitmentStatus.KEPT))
        self.broken_button.clicked.connect(lambda: self.mark(CommitmentStatus.BROKEN))
        self.withdrawn_button.clicked.connect(lambda: self.mark(CommitmentStatus.WITHDRAWN))
        self.direction_filter.value_changed.connect(
            lambda d: self._keep_choice(lambda: self.proxy.set_direction(d)))
        self.show_settled.toggled.connect(
            lambda on: self._keep_choice(lambda: self.proxy.set_show_settled(on)))
        self.refresh()

    def refresh(self) -> None:
        chosen = self.selected_id()
        today = self._today()
        rows = promise_rows(self.session.ws, self.account_id)
        self.model.set_promises(rows, today)
        self._summarise(rows, today)
        if chosen is not None:
            self.select(chosen)
        self._enable()

    def _summarise(self, rows: list[PromiseRow], today: dt.date) -> None:
        parts = []
        for direction, words in ((Direction.OURS, "Ours"), (Direction.THEIRS, "Theirs")):
            mine = [r for r in rows if r.direction is direction]
            open_ = sum(r.status is CommitmentStatus.OPEN for r in mine)
            overdue = sum(r.overdue_days(today) > 0 for r in mine)
            text = f"<b>{words}</b>: {open_} open"
            if overdue:
                text += f", <span style='color:{DANGER}; font-weight:600'>{overdue} overdue</span>"
            parts.append(text)
        self.summary.setText("&nbsp;&nbsp;\u00b7&nbsp;&nbsp;".join(parts))

    def _keep_choice(self, change: Callable[[], None]) -> None:
        chosen = self.selected_id()
        change()
        if chosen is not None:
            self.select(chosen)
        self._enable()

    def selected(self) -> PromiseRow | None:
        chosen = self.selected_id()
        row = None if chosen is None else self.model.row_of(chosen)
        return None if row is None else self.model.row_at(row)

    def show_record(self, commitment_id: int) -> bool:
        """Choose the promise, widening the filters if they hide it."""
        if self.model.row_of(commitment_id) is None:
            return False
        if not self.select(commitment_id):
            self.direction_filter.set_value(None)
            self.proxy.set_direction(None)
            self.show_settled.setChecked(True)
        return self.select(commitment_id)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._enable()
        self.promise_selected.emit(current.data(ID_ROLE) if current.isValid() else None)

    def _enable(self) -> None:
        writable = not self.session.ws.read_only
        chosen = self.selected()
        self.add_button.setEnabled(writable)
        self.edit_button.setEnabled(writable and chosen is not None)
        for status, widget in ((CommitmentStatus.KEPT, self.kept_button),
                               (CommitmentStatus.BROKEN, self.broken_button),
                               (CommitmentStatus.WITHDRAWN, self.withdrawn_button)):
            widget.setEnabled(writable and chosen is not None and chosen.status is not status)

    def mark(self, status: CommitmentStatus) -> None:
        """Settle the chosen promise as kept, broken or withdrawn: one undoable edit."""
        chosen = self.selected()
        if chosen is None or chosen.status is status:
            return
        words = {CommitmentStatus.KEPT: "kept", CommitmentStatus.BROKEN: "broken",
                 CommitmentStatus.WITHDRAWN: "withdrawn"}[status]
        try:
            stored = self.session.ws.get(Commitment, chosen.id)
            self.session.update(dataclasses.replace(stored, status=status),
                                f"Mark promise \u201c{_short(chosen.description)}\u201d {words}")
        except HandoverError as e:
            dialogs.show_error(self, "The promise was not changed", str(e))


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


def _divider() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.VLine)
    line.setStyleSheet("color: #dfe4eb;")
    line.setFixedHeight(22)
    return line
