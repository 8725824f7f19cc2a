"""The pieces the concession editor is built of: the row of a promise received in return,
the cards and rows of its form, its style, and the words it shares with the table."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from handover.domain.records import Commitment, CommitmentStatus, Direction, Recurrence
from handover.ui.shell.parts import FieldErrors, OptionalDate, collect_errors
from handover.ui.shell.words import (
    STATUS_FILL,
    amount_input,
    amount_problems,
    amount_shown,
    dot_icon,
)

RECURRENCE_WORDS = {Recurrence.ONE_OFF: "One-off",
                    Recurrence.RECURRING: "Recurs at every renewal",
                    Recurrence.PERMANENT: "Permanent"}


def amount_value(text: str) -> float | None:
    """The number in an amount field, or None when there is none (yet)."""
    cleaned = amount_input(text)
    return cleaned if isinstance(cleaned, float) else None


class ReceivedRow(QWidget):
    """One promise of theirs received in return: what, its worth, due date and status."""

    FIELDS = {"description": "Promise", "value": "Worth", "due_date": "Due date",
              "status": "Status"}

    removed = Signal(object)

    def __init__(self, commitment: Commitment | None, currency: str, default_due: dt.date):
        super().__init__()
        self.commitment = commitment
        self.errors = FieldErrors(self.FIELDS)
        self.description = QLineEdit()
        self.description.setPlaceholderText("What they promised, e.g. volume +10% in 2027")
        self.value = QLineEdit()
        self.value.setPlaceholderText(f"per year, {currency}")
        self.value.setFixedWidth(120)
        self.due = OptionalDate(default=default_due, none_text="No due date")
        self.status = QComboBox()
        for status in CommitmentStatus:
            self.status.addItem(dot_icon(STATUS_FILL[status]), status.label, status)
        self.remove_button = QToolButton()
        self.remove_button.setText("\u2715")
        self.remove_button.setToolTip("Remove this promise")
        self.remove_button.setAutoRaise(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        attach = self.errors.attach
        layout.addWidget(attach("description", self.description), 3)
        layout.addWidget(attach("value", self.value))
        layout.addWidget(attach("due_date", self.due), 2)
        layout.addWidget(attach("status", self.status))
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        self.remove_button.clicked.connect(lambda: self.removed.emit(self))
        if commitment is not None:
            self.description.setText(commitment.description)
            self.value.setText("" if commitment.value is None
                               else amount_shown(commitment.value))
            self.due.set_value(commitment.due_date)
            self.status.setCurrentIndex(list(CommitmentStatus).index(commitment.status))

    def values(self) -> dict[str, object]:
        return {"description": self.description.text(),
                "value": amount_input(self.value.text()), "due_date": self.due.value(),
                "status": self.status.currentData()}

    def build(self, account_id: int, made_on: dt.date) -> Commitment | None:
        """The promise as a record, or None with the messages shown beside its fields."""
        base = self.commitment

        def make(v: dict[str, object]) -> Commitment:
            if base is not None:
                return dataclasses.replace(base, **v)
            return Commitment(account_id=account_id, direction=Direction.THEIRS, date=made_on,
                              **v)

        record, errors = collect_errors(make, self.values(), {
            "description": "?", "value": None, "due_date": None,
            "status": CommitmentStatus.OPEN})
        errors.update(amount_problems({"value": self.value.text()}))
        record = None if errors else record
        self.errors.show(errors)
        return record


DIALOG_STYLE = """
QWidget#dialogBody { background: transparent; }
QLabel#cardTitle { font-size: 10.5pt; font-weight: 600; color: #1d2b3f; }
QCheckBox#nothingBox { font-weight: 600; }
QCheckBox#nothingBox:checked { color: #b42318; }
QLabel#liveFigure { padding-left: 6px; }
"""


def form_look(form: QFormLayout) -> None:
    form.setHorizontalSpacing(14)
    form.setVerticalSpacing(8)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)


def titled_card(title: str, content) -> QFrame:
    card = QFrame()
    card.setObjectName("card")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(16, 12, 16, 14)
    layout.setSpacing(10)
    label = QLabel(title)
    label.setObjectName("cardTitle")
    layout.addWidget(label)
    if isinstance(content, QWidget):
        layout.addWidget(content)
    else:
        layout.addLayout(content)
    return card


def at_left(*widgets: QWidget) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(8)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    return box


def radio_row(*widgets: QWidget) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(16)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    return box


def spaced_layout(*widgets: QWidget) -> QHBoxLayout:
    layout = QHBoxLayout()
    layout.setSpacing(16)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    return layout

