"""The Promises tab of an account: commitments ours and theirs, the overdue ones standing
out, buttons to mark one kept, broken or withdrawn, and the dialog that records one."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from handover.domain.errors import HandoverError
from handover.domain.records import (
    Account,
    Commitment,
    CommitmentStatus,
    ConcessionKind,
    Direction,
)
from handover.store.account_queries import (
    PromiseRow,
    concession_choices,
    promise_rows,
    team_names,
)
from handover.store.queries import contacts_of
from handover.ui.shell import dialogs
from handover.ui.shell.parts import (
    DETAIL_STYLESHEET,
    FieldErrors,
    OptionalDate,
    ScalePicker,
    button,
    collect_errors,
)
from handover.ui.shell.session import Change, Session
from handover.ui.shell.tables import (
    NoteDelegate,
    RowsModel,
    fit_columns,
    follow_chosen_row,
    make_table,
    select_row,
    selected_row_id,
)
from handover.ui.shell.text import tooltip
from handover.ui.shell.words import (
    ACCENT,
    DANGER,
    ID_ROLE,
    MAIN_ROLE,
    MISSING,
    MUTED,
    NOTE_COLOUR_ROLE,
    NOTE_ROLE,
    SORT_ROLE,
    STATUS_FILL,
    STATUS_TEXT,
    dot_icon,
    due_note,
    short_date,
)

TABLES = ("commitments", "concessions")  # concessions: the date a promise answers
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
            if display:
                return f"{main} \u00b7 {note}" if note else main
            if role == MAIN_ROLE:
                return main
            if role == NOTE_ROLE:
                return note or None
            if role == NOTE_COLOUR_ROLE:
                return colour
            if role == SORT_ROLE:
                return c.due_date.toordinal() if c.due_date else 10**7
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


class PromisesFilter(QSortFilterProxyModel):
    """Ours, theirs or both; with or without the promises already settled."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._direction: Direction | None = None
        self._settled = True

    def set_direction(self, direction: Direction | str | None) -> None:
        self._change(lambda: setattr(self, "_direction", None if direction is None
                                     else Direction(direction)))

    def set_show_settled(self, show: bool) -> None:
        self._change(lambda: setattr(self, "_settled", show))

    def _change(self, apply) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later
            self.beginFilterChange()
            apply()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            apply()
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int,
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        c = self.sourceModel().row_at(source_row)
        if self._direction is not None and c.direction is not self._direction:
            return False
        return self._settled or c.status is CommitmentStatus.OPEN


# ---------------------------------------------------------------- the dialog


class CommitmentDialog(QDialog):
    """Records or edits one promise: whose it is, what, who made it to whom, when and by
    when, its status, its worth, and the concession a promise of theirs answers."""

    FIELDS = {"direction": "Direction", "description": "Promise", "made_by": "Made by",
              "made_to": "Made to", "date": "Date made", "due_date": "Due date",
              "status": "Status", "value": "Value", "concession_id": "In return for"}
    STAND_INS = {"description": "?", "made_by": "", "made_to": "", "date": None,
                 "due_date": None, "status": CommitmentStatus.OPEN, "value": None,
                 "concession_id": None}

    def __init__(self, session: Session, account_id: int,
                 commitment: Commitment | None = None, parent: QWidget | None = None, *,
                 today: dt.date | None = None):
        super().__init__(parent)
        self.session = session
        self.account_id = account_id
        self.commitment = commitment
        self.saved: Commitment | None = None
        self.setWindowTitle("Edit promise" if commitment else "Add a promise")
        self.setMinimumWidth(680)
        self.setStyleSheet(DETAIL_STYLESHEET)
        self.errors = FieldErrors(self.FIELDS)
        today = today or dt.date.today()
        ws = session.ws
        account = ws.get(Account, account_id)

        self.ours = QRadioButton("Ours \u2014 we owe the customer")
        self.theirs = QRadioButton("Theirs \u2014 the customer owes us")
        self.ours.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.ours)
        group.addButton(self.theirs)
        directions = QWidget()
        direction_row = QHBoxLayout(directions)
        direction_row.setContentsMargins(0, 0, 0, 0)
        direction_row.setSpacing(18)
        direction_row.addWidget(self.ours)
        direction_row.addWidget(self.theirs)
        direction_row.addStretch(1)

        self.description = QPlainTextEdit()
        self.description.setObjectName("formText")
        self.description.setPlaceholderText("What was promised, in a sentence")
        self.description.setFixedHeight(60)
        names = team_names(ws) + [c.name for c in contacts_of(ws, account_id)]
        self.made_by = _name_box(names)
        self.made_to = _name_box(names)
        self.date = OptionalDate(default=today, none_text="Not known")
        self.date.set_value(today)
        self.due = OptionalDate(default=today + dt.timedelta(days=30), none_text="No due date")
        self.status = QComboBox()
        for status in CommitmentStatus:
            self.status.addItem(dot_icon(STATUS_FILL[status]), status.label, status)
        self.value = QLineEdit()
        self.value.setPlaceholderText(f"optional, per year in {account.currency}")
        self.value.setMaximumWidth(220)
        self.concession = QComboBox()
        self.concession.addItem("Not linked to a concession", None)
        for id_, day, kind, amount in concession_choices(ws, account_id):
            label = _kind_label(kind)
            worth = f"  \u00b7  {amount:,.0f} {account.currency}" if amount else ""
            self.concession.addItem(f"Concession of {short_date(day)}  \u00b7  {label}{worth}",
                                    id_)
        self.concession.setMinimumWidth(320)

        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(10)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        attach = self.errors.attach
        form.addRow("Whose promise", attach("direction", directions))
        form.addRow("Promise", attach("description", self.description))
        form.addRow("Made by", attach("made_by", self.made_by))
        form.addRow("Made to", attach("made_to", self.made_to))
        form.addRow("Date made", attach("date", self.date))
        form.addRow("Due date", attach("due_date", self.due))
        form.addRow("Status", attach("status", _left(self.status)))
        form.addRow("Value", attach("value", self.value))
        form.addRow("In return for", attach("concession_id", self.concession))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 20, 22, 16)
        layout.setSpacing(14)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.theirs.toggled.connect(self._direction_changed)
        self._load(commitment)
        self._direction_changed(self.theirs.isChecked())

    def _direction_changed(self, theirs: bool) -> None:
        # Only a promise of theirs can be what we got in return for a concession.
        self.concession.setEnabled(theirs)

    def _load(self, commitment: Commitment | None) -> None:
        if commitment is None:
            return
        (self.theirs if commitment.direction is Direction.THEIRS else self.ours).setChecked(True)
        self.description.setPlainText(commitment.description)
        self.made_by.setCurrentText(commitment.made_by)
        self.made_to.setCurrentText(commitment.made_to)
        self.date.set_value(commitment.date)
        self.due.set_value(commitment.due_date)
        self.status.setCurrentIndex(list(CommitmentStatus).index(commitment.status))
        if commitment.value is not None:
            self.value.setText(f"{commitment.value:,.2f}".removesuffix(".00"))
        found = self.concession.findData(commitment.concession_id)
        self.concession.setCurrentIndex(max(0, found))

    def values(self) -> dict[str, object]:
        theirs = self.theirs.isChecked()
        return {
            "direction": Direction.THEIRS if theirs else Direction.OURS,
            "description": self.description.toPlainText(),
            "made_by": self.made_by.currentText(), "made_to": self.made_to.currentText(),
            "date": self.date.value(), "due_date": self.due.value(),
            "status": self.status.currentData(),
            "value": self.value.text().replace(",", "").strip() or None,
            "concession_id": self.concession.currentData() if theirs else None,
        }

    def save(self) -> bool:
        record, errors = collect_errors(
            lambda v: Commitment(account_id=self.account_id,
                                 id=self.commitment.id if self.commitment else None, **v),
            self.values(), self.STAND_INS)
        self.errors.show(errors)
        if record is None:
            return False
        try:
            if self.commitment is None:
                self.saved = self.session.add(record, "Add promise")
            else:
                self.saved = self.session.update(record, "Edit promise")
        except HandoverError as e:
            dialogs.show_error(self, "The promise was not saved", str(e))
            return False
        return True

    def accept(self) -> None:
        if self.save():
            super().accept()


def _kind_label(kind: str) -> str:
    try:
        return ConcessionKind(kind).label
    except ValueError:
        return kind


def _name_box(names: list[str]) -> QComboBox:
    box = QComboBox()
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    box.addItem("")
    seen = set()
    for name in names:
        if name not in seen:
            seen.add(name)
            box.addItem(name)
    box.setCurrentText("")
    box.lineEdit().setPlaceholderText("A name")
    box.setMinimumWidth(280)
    return box


def _left(widget: QWidget) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(widget)
    layout.addStretch(1)
    widget.setMinimumWidth(160)
    return box


# ---------------------------------------------------------------- the tab


class PromisesTab(QWidget):
    """What each side owes the other. A promise is settled with one click (kept, broken,
    withdrawn); each click is one undoable edit."""

    promise_selected = Signal(object)  # the chosen commitment's id, or None

    def __init__(self, session: Session, account_id: int,
                 today: Callable[[], dt.date] = dt.date.today, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.account_id = account_id
        self._today = today

        self.direction_filter = ScalePicker(
            [(None, "All", ACCENT), (Direction.OURS, "Ours \u2014 we owe", ACCENT),
             (Direction.THEIRS, "Theirs \u2014 they owe", ACCENT)])
        self.direction_filter.set_value(None)
        self.show_settled = QCheckBox("Show kept, broken and withdrawn")
        self.show_settled.setChecked(True)
        self.add_button = button("Add promise\u2026", primary=True)
        self.edit_button = button("Edit\u2026")
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

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.table, 1)

        self.add_button.clicked.connect(self.add_promise)
        self.edit_button.clicked.connect(self.edit_selected)
        self.kept_button.clicked.connect(lambda: self.mark(CommitmentStatus.KEPT))
        self.broken_button.clicked.connect(lambda: self.mark(CommitmentStatus.BROKEN))
        self.withdrawn_button.clicked.connect(lambda: self.mark(CommitmentStatus.WITHDRAWN))
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        follow_chosen_row(self.table, self._current_changed, self._enable)
        self.direction_filter.value_changed.connect(
            lambda d: self._keep_choice(lambda: self.proxy.set_direction(d)))
        self.show_settled.toggled.connect(
            lambda on: self._keep_choice(lambda: self.proxy.set_show_settled(on)))
        session.changed.connect(self._changed)
        self.refresh()

    # ------------------------------------------------------------ data

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

    def _changed(self, change: Change) -> None:
        if change.account_id in (None, self.account_id) and change.touches(*TABLES):
            self.refresh()

    # ------------------------------------------------------------ choosing

    def selected_id(self) -> int | None:
        return selected_row_id(self)

    def selected(self) -> PromiseRow | None:
        chosen = self.selected_id()
        row = None if chosen is None else self.model.row_of(chosen)
        return None if row is None else self.model.row_at(row)

    def select(self, commitment_id: int) -> bool:
        return select_row(self, commitment_id)

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

    # ------------------------------------------------------------ editing

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

    def add_promise(self) -> None:
        saved = dialogs.edit_commitment(self, self.session, self.account_id)
        if saved is not None:
            self.show_record(saved.id)

    def edit_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or self.session.ws.read_only:
            return
        stored = self.session.ws.get(Commitment, chosen.id)
        saved = dialogs.edit_commitment(self, self.session, self.account_id, stored)
        if saved is not None:
            self.show_record(saved.id)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


def _divider() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.VLine)
    line.setStyleSheet("color: #dfe4eb;")
    line.setFixedHeight(22)
    return line
