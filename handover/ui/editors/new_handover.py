"""The new-handover form: the account (type to find it among many), the outgoing and
incoming managers, the reviewing team lead and the due date, created as one undoable edit."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from handover.domain.errors import HandoverError, ValidationError
from handover.domain.handover import Handover
from handover.domain.records import Role
from handover.store import handover_ops as ops
from handover.store.queries import people_by_name
from handover.ui.editors.handover_edits import CreateHandover
from handover.ui.shell.parts import DETAIL_STYLESHEET, collect_errors
from handover.ui.shell.session import Session
from handover.ui.shell.text import plain_label
from handover.ui.shell.words import DANGER, ROOT, days_text, from_qdate, to_qdate

DEFAULT_DUE_DAYS = 21


class _AccountChoices(QAbstractListModel):
    """The accounts to choose from, for the type-ahead picker: id, name and owner."""

    def __init__(self, choices: list[tuple[int, str, int | None]], parent=None):
        super().__init__(parent)
        self.choices = choices

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.choices)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.choices):
            return None
        account_id, name, owner = self.choices[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return name
        if role == Qt.ItemDataRole.UserRole:
            return account_id
        if role == Qt.ItemDataRole.UserRole + 1:
            return owner
        return None


FORM_LABELS = {"account_id": "Account", "outgoing_id": "Outgoing manager",
               "incoming_id": "Incoming manager", "reviewer_id": "Reviewing team lead",
               "due_date": "Due date"}


def _sentence(message: str) -> str:
    message = message.strip()
    message = message[:1].upper() + message[1:]
    return message if message.endswith((".", "!", "?")) else message + "."


class NewHandoverDialog(QDialog):
    """Starts a handover: the account (type to find it among many), the outgoing and
    incoming managers, the reviewing team lead and the due date. Each refusal is shown
    beside its field; the handover is created as one undoable edit."""

    def __init__(self, session: Session, *, today: dt.date, person_id: int | None = None,
                 account_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.today = today
        self.person_id = person_id
        self.created: Handover | None = None
        self._tried = False
        self._outgoing_touched = False
        self.setWindowTitle("New handover")
        self.setMinimumWidth(560)
        self.setStyleSheet(DETAIL_STYLESHEET + "QComboBox:editable { padding: 4px 8px; }")

        intro = QLabel("Who hands which account to whom, and by when. The outgoing manager "
                       "then writes the handover section by section; the incoming manager "
                       "reviews it and signs it off.")
        intro.setWordWrap(True)
        intro.setObjectName("sectionHint")

        self.accounts = _AccountChoices(ops.account_choices(session.ws), self)
        self.account_box = QComboBox()
        self.account_box.setEditable(True)
        self.account_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.account_box.setModel(self.accounts)
        self.account_box.setMaxVisibleItems(14)
        self.account_box.setCurrentIndex(-1)
        self.account_box.lineEdit().setPlaceholderText("Type to find an account")
        completer = QCompleter(self.accounts, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(12)
        self.account_box.setCompleter(completer)
        self.account_box.currentIndexChanged.connect(lambda _n: self._account_changed())
        self.account_box.editTextChanged.connect(lambda _t: self._account_changed())

        self.people = people_by_name(session.ws)
        self.outgoing_box = self._person_box("Who hands the account over")
        self.incoming_box = self._person_box("Who takes it on")
        self.reviewer_box = self._person_box("No reviewer", optional=True)
        self._defaulting = False  # the form itself is choosing, not the user
        self.outgoing_box.currentIndexChanged.connect(self._outgoing_chosen)
        self.due_edit = QDateEdit(to_qdate(today + dt.timedelta(days=DEFAULT_DUE_DAYS)))
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat("d MMM yyyy")
        self.due_edit.setMinimumWidth(140)
        self.due_note = QLabel()
        self.due_note.setObjectName("fieldHint")
        self.due_edit.dateChanged.connect(lambda _d: self._due_changed())

        self.messages: dict[str, QLabel] = {}
        self.inputs: dict[str, QWidget] = {"account_id": self.account_box,
                                           "outgoing_id": self.outgoing_box,
                                           "incoming_id": self.incoming_box,
                                           "reviewer_id": self.reviewer_box,
                                           "due_date": self.due_edit}
        self.account_note = QLabel()
        self.account_note.setObjectName("fieldHint")
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(4)
        row = 0
        for field, widget in self.inputs.items():
            caption = QLabel(FORM_LABELS[field])
            caption.setStyleSheet("font-weight: 600; color: #4d5866;")
            grid.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignVCenter)
            if field == "due_date":
                line = QHBoxLayout()
                line.addWidget(widget)
                line.addWidget(self.due_note, 1)
                grid.addLayout(line, row, 1)
            else:
                grid.addWidget(widget, row, 1)
            row += 1
            if field == "account_id":
                grid.addWidget(self.account_note, row, 1)
                row += 1
            message = plain_label()
            message.setObjectName("fieldError")
            message.setWordWrap(True)
            message.setStyleSheet(f"color: {DANGER}; font-size: 9pt;")
            message.hide()
            self.messages[field] = message
            grid.addWidget(message, row, 1)
            row += 1
        grid.setColumnStretch(1, 1)

        self.general_error = plain_label()
        self.general_error.setWordWrap(True)
        self.general_error.setStyleSheet(f"color: {DANGER};")
        self.general_error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.create_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText("Create handover")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 20, 22, 16)
        layout.setSpacing(14)
        heading = QLabel("New handover")
        heading.setObjectName("detailTitle")
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(self.general_error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        for box in (self.incoming_box, self.reviewer_box, self.outgoing_box):
            box.currentIndexChanged.connect(lambda _n: self._revalidate())
        self._default_people()
        if account_id is not None:
            self.choose_account(account_id)
        self._due_changed()
        if session.ws.read_only:
            self.create_button.setEnabled(False)
            self.general_error.setText("The workspace is open read-only: a handover cannot be "
                                       "created now.")
            self.general_error.show()

    # ------------------------------------------------------------ the fields

    def _person_box(self, placeholder: str, optional: bool = False) -> QComboBox:
        box = QComboBox()
        if optional:
            box.addItem(placeholder, None)
        for person in self.people:
            role = " (team lead)" if person.role is Role.TEAM_LEAD else ""
            box.addItem(f"{person.name}{role}", person.id)
        if not optional:
            box.setPlaceholderText(placeholder)
            box.setCurrentIndex(-1)
        box.setMinimumWidth(300)
        return box

    def _set_person(self, box: QComboBox, person_id: int | None) -> None:
        index = box.findData(person_id)
        if index >= 0:
            self._defaulting = True
            try:
                box.setCurrentIndex(index)
            finally:
                self._defaulting = False

    def _outgoing_chosen(self, _index: int) -> None:
        if not self._defaulting:
            self._outgoing_touched = True  # the account's owner no longer replaces them

    @staticmethod
    def _person_of(box: QComboBox) -> int | None:
        return box.currentData() if box.currentIndex() >= 0 else None

    def _default_people(self) -> None:
        leads = [p for p in self.people if p.role is Role.TEAM_LEAD]
        me = next((p for p in self.people if p.id == self.person_id), None)
        if me is not None and me.role is Role.TEAM_LEAD:
            self._set_person(self.reviewer_box, me.id)
        elif leads:
            self._set_person(self.reviewer_box, leads[0].id)
        if me is not None and me.role is Role.ACCOUNT_MANAGER:
            self._set_person(self.outgoing_box, me.id)

    def account_id(self) -> int | None:
        """The account chosen: the one picked, or the one whose name was typed in full."""
        text = self.account_box.currentText().strip()
        index = self.account_box.currentIndex()
        if index >= 0 and self.account_box.itemText(index) == text:
            return self.account_box.itemData(index, Qt.ItemDataRole.UserRole)
        folded = text.casefold()
        for account_id, name, _owner in self.accounts.choices:
            if name.casefold() == folded:
                return account_id
        return None

    def choose_account(self, account_id: int) -> bool:
        for number, (choice, _name, _owner) in enumerate(self.accounts.choices):
            if choice == account_id:
                self.account_box.setCurrentIndex(number)
                return True
        return False

    def _account_changed(self) -> None:
        account_id = self.account_id()
        note = ""
        if account_id is not None:
            owner = next((o for a, _n, o in self.accounts.choices if a == account_id), None)
            names = {p.id: p.name for p in self.people}
            if owner is not None:
                note = f"Owned by {names.get(owner, 'someone')}"
                if not self._outgoing_touched:
                    self._set_person(self.outgoing_box, owner)
            under_way = ops.in_flight(self.session.ws, account_id)
            if under_way is not None:
                note = (f"<span style='color:{DANGER}'>Already has a handover under way "
                        f"({under_way.status.label.lower()}): open that one from the list."
                        "</span>")
        self.account_note.setText(note)
        self.account_note.setVisible(bool(note))
        self._revalidate()

    def _due_changed(self) -> None:
        due = from_qdate(self.due_edit.date())
        days = (due - self.today).days
        self.due_note.setText("today" if days == 0 else f"in {days_text(days)}" if days > 0
                              else f"{days_text(-days)} ago")
        self._revalidate()

    # ------------------------------------------------------------ checking and saving

    def values(self) -> dict[str, object]:
        return {"account_id": self.account_id(),
                "outgoing_id": self._person_of(self.outgoing_box),
                "incoming_id": self._person_of(self.incoming_box),
                "reviewer_id": self.reviewer_box.currentData(),
                "due_date": from_qdate(self.due_edit.date())}

    def errors(self) -> dict[str, str]:
        """What each field is refused for, in the domain's and the workspace's words."""
        values = self.values()
        errors: dict[str, str] = {}
        if values["account_id"] is None:
            typed = self.account_box.currentText().strip()
            errors["account_id"] = (f"No account is called \u201c{typed}\u201d: choose one "
                                    "from the list" if typed else "Choose the account to "
                                    "hand over")
        elif ops.in_flight(self.session.ws, values["account_id"]) is not None:
            errors["account_id"] = ("This account already has a handover under way; open "
                                    "that one from the list")
        for field, words in (("outgoing_id", "who hands the account over"),
                             ("incoming_id", "who takes it on")):
            if values[field] is None:
                errors[field] = f"Choose {words}"
        if not errors.keys() & {"outgoing_id", "incoming_id"}:
            # Every field the domain refuses, not only the first: a refused field is
            # replaced by a valid stand-in and the handover built again.
            stand_ins = {"incoming_id": -1, "due_date": None, "reviewer_id": None}
            _, refused = collect_errors(
                lambda v: self._build(v, account_id=v["account_id"] or 0), values, stand_ins)
            for field, message in refused.items():
                errors.setdefault(field, message)
        return errors

    def _build(self, values: dict[str, object], **override) -> Handover:
        return Handover(**{**values, **override, "created_on": self.today})

    def show_errors(self, errors: dict[str, str]) -> None:
        for field, label in self.messages.items():
            text = errors.get(field, "")
            label.setText(_sentence(text) if text else "")
            label.setVisible(bool(text))
            widget = self.inputs[field]
            if bool(widget.property("invalid")) != bool(text):
                widget.setProperty("invalid", bool(text))
                widget.style().unpolish(widget)
                widget.style().polish(widget)

    def message(self, field: str) -> str:
        """What the form says beside `field` ("" when nothing)."""
        label = self.messages[field]
        return label.text() if not label.isHidden() else ""

    def _revalidate(self) -> None:
        if self._tried:
            self.show_errors(self.errors())

    def accept(self) -> None:
        self._tried = True
        errors = self.errors()
        self.show_errors(errors)
        if errors:
            first = next(f for f in self.inputs if f in errors)
            self.inputs[first].setFocus()
            return
        values = self.values()
        handover = self._build(values)
        name = self.account_box.currentText().strip()
        command = CreateHandover(self.session, handover, name)
        try:
            self.session._run(command)
        except ValidationError as e:
            self.show_errors({e.field: e.message})
            return
        except HandoverError as e:
            self.general_error.setText(str(e))
            self.general_error.show()
            return
        self.created = command.handover
        super().accept()
