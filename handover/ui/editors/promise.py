"""The dialog that records or edits one promise, ours or theirs."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from handover.domain.records import (
    Account,
    Commitment,
    CommitmentStatus,
    ConcessionKind,
    Direction,
)
from handover.store.account_queries import concession_choices, team_names
from handover.store.queries import contacts_of
from handover.ui.editors.record_editor import RecordEditor, left_aligned
from handover.ui.shell.parts import OptionalDate
from handover.ui.shell.session import Session
from handover.ui.shell.words import (
    STATUS_FILL,
    amount_input,
    amount_shown,
    dot_icon,
    short_date,
)


class CommitmentDialog(RecordEditor):
    """Records or edits one promise: whose it is, what, who made it to whom, when and by
    when, its status, its worth, and the concession a promise of theirs answers."""

    RECORD = Commitment
    NOT_SAVED = "The promise was not saved"
    FIELDS = {"direction": "Direction", "description": "Promise", "made_by": "Made by",
              "made_to": "Made to", "date": "Date made", "due_date": "Due date",
              "status": "Status", "value": "Value", "concession_id": "In return for"}
    STAND_INS = {"description": "?", "made_by": "", "made_to": "", "date": None,
                 "due_date": None, "status": CommitmentStatus.OPEN, "value": None,
                 "concession_id": None}

    def __init__(self, session: Session, account_id: int,
                 commitment: Commitment | None = None, parent: QWidget | None = None, *,
                 today: dt.date | None = None):
        super().__init__(session, account_id, commitment, parent,
                         "Edit promise" if commitment else "Add a promise")
        self.commitment = commitment
        self.setMinimumWidth(680)
        today = today or dt.date.today()
        ws = session.ws
        account = ws.get(Account, account_id)

        self.ours = QRadioButton("Ours \u2014 we owe the customer")
        self.theirs = QRadioButton("Theirs \u2014 the customer owes us")
        self.ours.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.ours)
        group.addButton(self.theirs)
        directions = left_aligned(self.ours, self.theirs, spacing=18)

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

        form = self.form()
        attach = self.errors.attach
        form.addRow("Whose promise", attach("direction", directions))
        form.addRow("Promise", attach("description", self.description))
        form.addRow("Made by", attach("made_by", self.made_by))
        form.addRow("Made to", attach("made_to", self.made_to))
        form.addRow("Date made", attach("date", self.date))
        form.addRow("Due date", attach("due_date", self.due))
        form.addRow("Status", attach("status", left_aligned(self.status, minimum=160)))
        form.addRow("Value", attach("value", self.value))
        form.addRow("In return for", attach("concession_id", self.concession))
        self.finish(form, stretch=0)
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
            self.value.setText(amount_shown(commitment.value))
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
            "value": amount_input(self.value.text()),
            "concession_id": self.concession.currentData() if theirs else None,
        }

    def amount_texts(self) -> dict[str, str]:
        return {"value": self.value.text()}

    def undo_text(self, record: Commitment) -> str:
        return "Add promise" if self.commitment is None else "Edit promise"


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
