"""The dialog that adds or edits one of an account's stakeholders."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from handover.domain.records import BuyingRole, Contact
from handover.domain.words import INFLUENCE_WORDS, STRENGTH_WORDS
from handover.ui.editors.record_editor import RecordEditor, left_aligned
from handover.ui.shell.markdown_editor import MarkdownEditor
from handover.ui.shell.parts import OptionalDate, attitude_picker, rating_picker
from handover.ui.shell.session import Session


class ContactDialog(RecordEditor):
    """Adds or edits one stakeholder, every field of a Contact; a refused value is named
    beside its field, and the dialog stays open until it is put right."""

    RECORD = Contact
    NOT_SAVED = "The contact was not saved"
    FIELDS = {"name": "Name", "title": "Title", "buying_role": "Buying role",
              "attitude": "Attitude", "influence": "Influence",
              "relationship_strength": "Relationship strength",
              "last_contact": "Last contact", "notes": "Notes", "advice": "Advice"}
    STAND_INS = {"name": "?", "title": "", "buying_role": BuyingRole.USER, "attitude": None,
                 "influence": 3, "relationship_strength": 3, "last_contact": None,
                 "notes": "", "advice": ""}

    def __init__(self, session: Session, account_id: int, contact: Contact | None = None,
                 parent: QWidget | None = None):
        super().__init__(session, account_id, contact, parent,
                         "Edit contact" if contact else "Add contact")
        self.contact = contact
        self.setMinimumSize(860, 720)

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

        form = self.form()
        attach = self.errors.attach
        form.addRow("Name", attach("name", self.name_edit))
        form.addRow("Title", attach("title", self.title_edit))
        form.addRow("Buying role", attach("buying_role",
                                          left_aligned(self.role_box, minimum=200)))
        form.addRow("Attitude to us", attach("attitude", self.attitude))
        form.addRow("Influence", attach("influence", left_aligned(
            self.influence, self.influence_word, spacing=12)))
        form.addRow("Relationship", attach("relationship_strength", left_aligned(
            self.strength, self.strength_word, spacing=12)))
        form.addRow("Last contact", attach("last_contact", self.last_contact))
        form.addRow("Notes", attach("notes", self.notes, grow=True))
        form.addRow("Advice for the\nnext manager", attach("advice", self.advice))
        self.finish(form)
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

    def undo_text(self, record: Contact) -> str:
        verb = "Add" if self.contact is None else "Edit"
        return f"{verb} contact \u201c{record.name}\u201d"

    def refused(self, errors: dict[str, str]) -> None:
        widgets = {"name": self.name_edit, "title": self.title_edit,
                   "buying_role": self.role_box, "attitude": self.attitude,
                   "influence": self.influence, "relationship_strength": self.strength,
                   "last_contact": self.last_contact, "notes": self.notes,
                   "advice": self.advice}
        for field in self.FIELDS:
            if field in errors:
                widgets[field].setFocus(Qt.FocusReason.OtherFocusReason)
                return
