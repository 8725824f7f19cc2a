"""What the modal editors of an account's records share: the form's look, Save and Cancel,
and one save through the session with each refused value named beside its field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from handover.domain.errors import HandoverError
from handover.ui.shell import dialogs
from handover.ui.shell.parts import DETAIL_STYLESHEET, FieldErrors, collect_errors
from handover.ui.shell.session import Session
from handover.ui.shell.words import amount_problems


class RecordEditor(QDialog):
    """Adds or edits one record of an account. A subclass names the record's class, its
    fields and their stand-ins (what a refused field is checked as, so that every other
    field is still checked), builds the widgets, and says what the undo step is called;
    the dialog stays open until every field is put right."""

    RECORD: type
    FIELDS: dict[str, str] = {}
    STAND_INS: dict[str, object] = {}
    NOT_SAVED = "The record was not saved"

    def __init__(self, session: Session, account_id: int, record, parent: QWidget | None,
                 title: str):
        super().__init__(parent)
        self.session = session
        self.account_id = account_id
        self.record = record
        self.saved = None
        self.setWindowTitle(title)
        self.setStyleSheet(DETAIL_STYLESHEET)
        self.errors = FieldErrors(self.FIELDS)

    @staticmethod
    def form() -> QFormLayout:
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(10)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        return form

    def finish(self, form: QFormLayout, stretch: int = 1) -> None:
        """The form above Save and Cancel."""
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 20, 22, 16)
        layout.setSpacing(14)
        layout.addLayout(form, stretch)
        layout.addWidget(self.buttons)

    def values(self) -> dict[str, object]:
        raise NotImplementedError

    def undo_text(self, record) -> str:
        """The name of the undo step that saves `record`."""
        raise NotImplementedError

    def amount_texts(self) -> dict[str, str]:
        """The amount fields as typed, by field, so that one read two ways is refused."""
        return {}

    def refused(self, errors: dict[str, str]) -> None:
        """Called with the refused fields, their messages already shown."""

    def save(self) -> bool:
        """Check every field and save through the session; False (with the messages
        shown) when something is refused."""
        record, errors = collect_errors(
            lambda v: self.RECORD(account_id=self.account_id,
                                  id=self.record.id if self.record else None, **v),
            self.values(), self.STAND_INS)
        amounts = amount_problems(self.amount_texts())
        if amounts:
            errors.update(amounts)
            record = None
        self.errors.show(errors)
        if record is None:
            self.refused(errors)
            return False
        try:
            if self.record is None:
                self.saved = self.session.add(record, self.undo_text(record))
            else:
                self.saved = self.session.update(record, self.undo_text(record))
        except HandoverError as e:
            dialogs.show_error(self, self.NOT_SAVED, str(e))
            return False
        return True

    def accept(self) -> None:
        if self.save():
            super().accept()


def left_aligned(*widgets: QWidget, minimum: int = 0, spacing: int = -1) -> QWidget:
    """The widgets side by side at the left of a form's row, the rest of it left empty."""
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    if spacing >= 0:
        layout.setSpacing(spacing)
    for widget in widgets:
        layout.addWidget(widget, 0)
    layout.addStretch(1)
    if minimum:
        widgets[0].setMinimumWidth(minimum)
    return box
