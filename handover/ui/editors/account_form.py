"""The account form: every field of an account, each refusal shown beside its field as
the user types, and the save made through the session, so it is one undoable edit."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from handover.domain.errors import HandoverError, ValidationError
from handover.domain.records import Account, Health, Segment
from handover.store.queries import accounts_named, people_by_name
from handover.ui.shell.resources import resource_path
from handover.ui.shell.session import Session
from handover.ui.shell.text import plain_label
from handover.ui.shell.words import (
    HEALTH_COLOURS,
    amount_input,
    amount_problems,
    amount_shown,
    dot_icon,
)

# The fields in the order they are laid out and checked; what each is called on the form.
LABELS = {
    "name": "Name",
    "segment": "Segment",
    "owner_id": "Owner",
    "industry": "Industry",
    "region": "Region",
    "current_revenue": "Current revenue",
    "potential_revenue": "Potential revenue",
    "currency": "Currency",
    "renewal_date": "Renewal date",
    "health": "Health",
    "health_reason": "Why this health",
}
CURRENCIES = ["EUR", "USD", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN", "JPY", "CNY", "INR",
              "AUD", "CAD"]
AT_RISK = {Health.AT_RISK, Health.CRITICAL}
# What a valid account needs, so that each field can be checked by the domain on its own.
_VALID = {"name": "A valid name"}

ARROW = resource_path("icons", "sort-down.svg").as_posix()
ERROR_COLOUR = "#c23934"
WARNING_COLOUR = "#8a5300"
FORM_STYLE = f"""
QLabel#fieldError {{ color: {ERROR_COLOUR}; }}
QLabel#fieldWarning {{ color: {WARNING_COLOUR}; }}
QLabel#formHeading {{ font-size: 14pt; font-weight: 600; color: #1d2b3f; }}
QLabel#fieldCaption {{ color: #4d5866; font-weight: 600; }}
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QComboBox[invalid="true"] {{
    border: 1px solid {ERROR_COLOUR}; border-radius: 6px; }}
QPlainTextEdit, QComboBox, QDateEdit {{ background: #ffffff; border: 1px solid #d5dbe3;
                                       border-radius: 6px; }}
QPlainTextEdit {{ padding: 2px 4px; }}
QComboBox, QDateEdit {{ padding: 5px 8px; }}
QComboBox:editable QLineEdit {{ border: none; padding: 0; background: transparent; }}
QPlainTextEdit:focus, QComboBox:focus, QComboBox:on, QDateEdit:focus {{
    border: 1px solid #2f6fde; }}
QComboBox:disabled, QDateEdit:disabled {{ background: #f1f3f6; color: #a3acb9; }}
QComboBox::drop-down, QDateEdit::drop-down {{ border: none; width: 22px; }}
QComboBox::down-arrow, QDateEdit::down-arrow {{ image: url({ARROW});
                                                width: 10px; height: 6px; }}
"""


def amount_text(text: str) -> float | str:
    """An amount as the user typed it, read with their locale: "€1,250,000" gives 1250000.0.
    Text that is no amount for sure is passed on as typed, so the domain refuses it."""
    cleaned = amount_input(text)
    return text.strip() if cleaned is None else cleaned  # "€" alone is quoted, not blank


def field_errors(values: dict[str, object]) -> dict[str, str]:
    """For each field the domain refuses, its message. Each field is checked by building an
    account that differs from a valid one only there, so that every refusal is known at
    once, not just the first; then the whole account, for rules across fields."""
    errors: dict[str, str] = {}
    for name, value in values.items():
        try:
            Account(**{**_VALID, name: value})
        except ValidationError as e:
            errors.setdefault(e.field, e.message)
    if not errors:
        try:
            Account(**values)
        except ValidationError as e:
            errors[e.field] = e.message
    return errors


def in_words(field: str, message: str) -> str:
    """A domain message as shown beside its field: "must not be empty" reads "Name must not
    be empty"; a message that names the value ("'abc' is not ...") is shown as it is."""
    if message[:1].islower():
        return f"{LABELS.get(field, field)} {message}"
    return message


class AccountForm(QDialog):
    """Creates an account (with `account` None) or edits one. Save refuses while a field
    is refused, and says why beside that field; warnings (a health at risk with no reason,
    a name already taken) are shown but do not stop the save."""

    def __init__(self, session: Session, account: Account | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.account = account
        self.saved: Account | None = None
        self._touched: set[str] = set()
        self._tried = False
        self._name_checked: str | None = None
        self.error_labels: dict[str, QLabel] = {}
        self.inputs: dict[str, QWidget] = {}
        self.setWindowTitle("New account" if account is None else f"Edit {account.name}")
        self.setObjectName("accountForm")
        self.setStyleSheet(FORM_STYLE)
        self.setMinimumWidth(640)

        self._make_inputs()
        self.heading = QLabel("New account" if account is None else "Edit account")
        self.heading.setObjectName("formHeading")
        self.save_error = self._message_label("fieldError")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        grid = QGridLayout()
        grid.setHorizontalSpacing(20)
        grid.setVerticalSpacing(12)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        # Fields side by side stay level when a message opens under one of them.
        top = Qt.AlignmentFlag.AlignTop
        grid.addWidget(self._field("name", note=self.name_warning), 0, 0, 1, 2)
        grid.addWidget(self._field("segment"), 1, 0, top)
        grid.addWidget(self._field("owner_id"), 1, 1, top)
        grid.addWidget(self._field("industry"), 2, 0, top)
        grid.addWidget(self._field("region"), 2, 1, top)
        grid.addWidget(self._field("current_revenue"), 3, 0, top)
        grid.addWidget(self._field("potential_revenue", note=self.potential_warning), 3, 1,
                       top)
        grid.addWidget(self._field("currency"), 4, 0, top)
        grid.addWidget(self._field("renewal_date", shown=self._renewal_row), 4, 1, top)
        # The reminder to give a reason fills the room under the health, beside the reason.
        grid.addWidget(self._field("health", note=self.reason_warning), 5, 0, top)
        grid.addWidget(self._field("health_reason"), 5, 1, top)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(14)
        layout.addWidget(self.heading)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addWidget(self.save_error)
        layout.addWidget(self.buttons)

        self._load(account)
        self._connect_changes()
        self.check()
        self.name_edit.setFocus()

    # ------------------------------------------------------------ building

    def _make_inputs(self) -> None:
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("The customer's name")
        self.segment_box = QComboBox()
        for segment in Segment:
            self.segment_box.addItem(segment.label, segment)
        self.owner_box = QComboBox()
        self.owner_box.addItem("Nobody", None)
        for person in people_by_name(self.session.ws):
            self.owner_box.addItem(person.name, person.id)
        self.industry_edit = QLineEdit()
        self.industry_edit.setPlaceholderText("e.g. Logistics")
        self.region_edit = QLineEdit()
        self.region_edit.setPlaceholderText("e.g. Nordics")
        self.current_edit = QLineEdit()
        self.potential_edit = QLineEdit()
        for edit in (self.current_edit, self.potential_edit):
            edit.setPlaceholderText("per year, e.g. 250,000")
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.currency_box = QComboBox()
        self.currency_box.setEditable(True)
        self.currency_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.currency_box.addItems(CURRENCIES)
        self.currency_box.lineEdit().setMaxLength(8)
        self.renewal_edit = QDateEdit()
        self.renewal_edit.setCalendarPopup(True)
        self.renewal_edit.setDisplayFormat("d MMM yyyy")
        self.no_renewal = QCheckBox("No renewal date")
        self.no_renewal.toggled.connect(lambda on: self.renewal_edit.setEnabled(not on))
        self._renewal_row = QWidget()
        row = QHBoxLayout(self._renewal_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(12)
        row.addWidget(self.renewal_edit, 1)
        row.addWidget(self.no_renewal)
        self.health_box = QComboBox()
        for health in Health:
            self.health_box.addItem(dot_icon(HEALTH_COLOURS[health]), health.label, health)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setPlaceholderText(
            "What the customer is unhappy or happy about, in a sentence or two")
        self.reason_edit.setTabChangesFocus(True)
        lines = self.reason_edit.fontMetrics().lineSpacing()
        self.reason_edit.setFixedHeight(lines * 4 + 14)
        self.inputs = {
            "name": self.name_edit, "segment": self.segment_box, "owner_id": self.owner_box,
            "industry": self.industry_edit, "region": self.region_edit,
            "current_revenue": self.current_edit, "potential_revenue": self.potential_edit,
            "currency": self.currency_box, "renewal_date": self.renewal_edit,
            "health": self.health_box, "health_reason": self.reason_edit,
        }
        self.name_warning = self._message_label("fieldWarning")
        self.potential_warning = self._message_label("fieldWarning")
        self.reason_warning = self._message_label("fieldWarning")

    def _message_label(self, kind: str) -> QLabel:
        label = plain_label()
        label.setObjectName(kind)
        label.setWordWrap(True)
        font = QFont(label.font())
        font.setPointSizeF(max(font.pointSizeF() * 0.92, 7.5))
        label.setFont(font)
        label.hide()
        return label

    def _field(self, name: str, *, shown: QWidget | None = None,
               note: QLabel | None = None) -> QWidget:
        """A field as laid out: its caption, its input (or `shown`, a row holding it), and
        under it the place where the domain's message about it appears, then `note`."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        caption = QLabel(LABELS[name])
        caption.setObjectName("fieldCaption")
        caption.setBuddy(self.inputs[name])
        column.addWidget(caption)
        column.addWidget(shown or self.inputs[name])
        error = self._message_label("fieldError")
        error.setAccessibleName(f"{LABELS[name]}: problem")
        self.error_labels[name] = error
        column.addWidget(error)
        if note is not None:
            column.addWidget(note)
        return box

    def _load(self, account: Account | None) -> None:
        if account is None:
            # The domain's defaults, owned by whoever is using the program.
            blank = Account(name="New")
            self.segment_box.setCurrentIndex(self.segment_box.findData(blank.segment))
            self.health_box.setCurrentIndex(self.health_box.findData(blank.health))
            me = [i for i in range(self.owner_box.count())
                  if self.owner_box.itemText(i) == self.session.ws.user]
            self.owner_box.setCurrentIndex(me[0] if me else 0)
            self.current_edit.setText(amount_shown(blank.current_revenue))
            self.potential_edit.setText(amount_shown(blank.potential_revenue))
            self.currency_box.setCurrentText(blank.currency)
            self.renewal_edit.setDate(QDate.currentDate().addYears(1))
            self.no_renewal.setChecked(True)
            return
        self.name_edit.setText(account.name)
        self.segment_box.setCurrentIndex(self.segment_box.findData(account.segment))
        owner = self.owner_box.findData(account.owner_id) if account.owner_id else 0
        self.owner_box.setCurrentIndex(max(owner, 0))
        self.industry_edit.setText(account.industry)
        self.region_edit.setText(account.region)
        self.current_edit.setText(amount_shown(account.current_revenue))
        self.potential_edit.setText(amount_shown(account.potential_revenue))
        self.currency_box.setCurrentText(account.currency)
        if account.renewal_date is not None:
            self.renewal_edit.setDate(QDate(account.renewal_date))
        else:
            self.renewal_edit.setDate(QDate.currentDate().addYears(1))
        self.no_renewal.setChecked(account.renewal_date is None)
        self.health_box.setCurrentIndex(self.health_box.findData(account.health))
        self.reason_edit.setPlainText(account.health_reason)

    def _connect_changes(self) -> None:
        def touched(name: str):
            return lambda *_: self._changed(name)

        self.name_edit.textChanged.connect(touched("name"))
        self.industry_edit.textChanged.connect(touched("industry"))
        self.region_edit.textChanged.connect(touched("region"))
        self.current_edit.textChanged.connect(touched("current_revenue"))
        self.potential_edit.textChanged.connect(touched("potential_revenue"))
        self.currency_box.currentTextChanged.connect(touched("currency"))
        self.segment_box.currentIndexChanged.connect(touched("segment"))
        self.owner_box.currentIndexChanged.connect(touched("owner_id"))
        self.renewal_edit.dateChanged.connect(touched("renewal_date"))
        self.no_renewal.toggled.connect(touched("renewal_date"))
        self.health_box.currentIndexChanged.connect(touched("health"))
        self.reason_edit.textChanged.connect(touched("health_reason"))

    # ------------------------------------------------------------ checking

    def values(self) -> dict[str, object]:
        """The fields as the domain's Account takes them."""
        return {
            "name": self.name_edit.text(),
            "segment": self.segment_box.currentData(),
            "industry": self.industry_edit.text(),
            "region": self.region_edit.text(),
            "currency": self.currency_box.currentText(),
            "current_revenue": amount_text(self.current_edit.text()),
            "potential_revenue": amount_text(self.potential_edit.text()),
            "renewal_date": (None if self.no_renewal.isChecked()
                             else self.renewal_edit.date().toPython()),
            "health": self.health_box.currentData(),
            "health_reason": self.reason_edit.toPlainText(),
            "owner_id": self.owner_box.currentData(),
        }

    def _changed(self, name: str) -> None:
        self._touched.add(name)
        self.save_error.hide()
        self.check()

    def check(self) -> dict[str, str]:
        """Check every field with the domain; show the messages of the fields the user has
        changed (all of them once Save was pressed) and the warnings. The messages."""
        errors = {**field_errors(self.values()), **amount_problems({
            "current_revenue": self.current_edit.text(),
            "potential_revenue": self.potential_edit.text()})}
        for name, label in self.error_labels.items():
            message = errors.get(name, "")
            shown = bool(message) and (self._tried or name in self._touched)
            label.setText(in_words(name, message) if shown else "")
            label.setVisible(shown)
            widget = self.inputs[name]
            if widget.property("invalid") != shown:
                widget.setProperty("invalid", shown)
                widget.style().unpolish(widget)
                widget.style().polish(widget)
        self._warn(errors)
        return errors

    def _warn(self, errors: dict[str, str]) -> None:
        values = self.values()
        health = Health(values["health"])  # a combo box gives its data back as plain text
        reason_missing = health in AT_RISK and not str(values["health_reason"]).strip()
        self._set_warning(self.reason_warning, reason_missing and (
            f"Say why the account is {health.label.lower()}: the next manager needs the "
            "reason, and the handover check will ask for it."))
        name = str(values["name"]).strip()
        if name != self._name_checked:  # a look in the file only when the name changed
            self._name_checked = name
            others = [i for i in accounts_named(self.session.ws, name)
                      if self.account is None or i != self.account.id] if name else []
            self._set_warning(self.name_warning, bool(others) and (
                f"Another account is already called \u201c{name}\u201d."))
        low = ("current_revenue" not in errors and "potential_revenue" not in errors
               and float(values["potential_revenue"] or 0)
               < float(values["current_revenue"] or 0))
        self._set_warning(self.potential_warning, low and (
            "The potential is below the current revenue; the potential is what the "
            "account could bring in a year, its current revenue included."))

    @staticmethod
    def _set_warning(label: QLabel, text: str | bool) -> None:
        label.setText(text or "")
        label.setVisible(bool(text))

    # ------------------------------------------------------------ saving

    def save(self) -> None:
        """Save the account through the session (one transaction, one undo step) and
        close; while a field is refused, show every message and stay open."""
        self._tried = True
        errors = self.check()
        if errors:
            first = next(name for name in LABELS if name in errors)
            self.inputs[first].setFocus(Qt.FocusReason.OtherFocusReason)
            return
        old = self.account
        record = Account(**self.values(), archived=old.archived if old else False,
                         id=old.id if old else None)
        try:
            if old is None:
                self.saved = self.session.add(record, f"Add account \u201c{record.name}\u201d")
            else:
                self.saved = self.session.update(record, self._edit_text(old, record))
        except HandoverError as e:
            self.save_error.setText(f"Not saved: {e}")
            self.save_error.show()
            return
        self.accept()

    @staticmethod
    def _edit_text(old: Account, new: Account) -> str:
        """The undo step's name: the one field changed, where only one was."""
        changed = [f.name for f in dataclasses.fields(Account)
                   if getattr(old, f.name) != getattr(new, f.name)]
        name = f"\u201c{new.name}\u201d"
        if len(changed) == 1 and changed[0] in LABELS and changed[0] != "health_reason":
            return f"Change {LABELS[changed[0]].lower()} of {name}"
        return f"Edit account {name}"
