"""The dialog that logs or edits one interaction with an account."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QWidget

from handover.domain.records import Interaction, InteractionKind
from handover.store.queries import contacts_of
from handover.ui.editors.record_editor import RecordEditor
from handover.ui.shell.markdown_editor import MarkdownEditor
from handover.ui.shell.parts import date_edit, sentiment_picker
from handover.ui.shell.session import Session
from handover.ui.shell.words import from_qdate, short_date, to_qdate


class InteractionDialog(RecordEditor):
    """Logs or edits one interaction: when, what kind, how it felt, who was there, and a
    summary in Markdown beside its live preview."""

    RECORD = Interaction
    NOT_SAVED = "The interaction was not saved"
    FIELDS = {"date": "Date", "kind": "Kind", "sentiment": "Sentiment",
              "contact_ids": "People involved", "summary": "Summary"}
    STAND_INS = {"kind": InteractionKind.MEETING, "sentiment": 0, "contact_ids": (),
                 "summary": ""}

    def __init__(self, session: Session, account_id: int,
                 interaction: Interaction | None = None, parent: QWidget | None = None, *,
                 today: dt.date | None = None):
        super().__init__(session, account_id, interaction, parent,
                         "Edit interaction" if interaction else "Log an interaction")
        self.interaction = interaction
        self.setMinimumSize(900, 700)
        self.STAND_INS = {**self.STAND_INS, "date": today or dt.date.today()}

        self.date = date_edit(today or dt.date.today())
        self.kind_box = QComboBox()
        for kind in InteractionKind:
            self.kind_box.addItem(kind.label, kind)
        self.kind_box.setMinimumWidth(160)
        self.sentiment = sentiment_picker()
        self.people = QListWidget()
        self.people.setObjectName("involvedPeople")
        self.people.setFixedHeight(112)
        self.people.setFlow(QListWidget.Flow.TopToBottom)
        self.people.setWrapping(True)
        self.people.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.people.setSpacing(2)
        self.people.setStyleSheet("QListWidget#involvedPeople { border: 1px solid #d5dbe3; "
                                  "border-radius: 6px; padding: 4px; background: #ffffff; }")
        for contact in contacts_of(session.ws, account_id):
            item = QListWidgetItem(contact.name + (f"  \u00b7  {contact.title}"
                                                   if contact.title else ""))
            item.setData(Qt.ItemDataRole.UserRole, contact.id)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.people.addItem(item)
        if self.people.count() == 0:
            self.people.addItem(QListWidgetItem("This account has no people yet."))
        self.summary = MarkdownEditor(top_heading=3)
        self.summary.setPlaceholderText("What happened, what was said, what was agreed "
                                        "\u2014 **Markdown** works here")
        self.summary.setMinimumHeight(280)

        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(self.errors.attach("date", self.date))
        top.addSpacing(8)
        kind_label = QLabel("Kind")
        top.addWidget(kind_label)
        top.addWidget(self.errors.attach("kind", self.kind_box))
        top.addStretch(1)
        form = self.form()
        form.addRow("Date", _row(top))
        form.addRow("Sentiment", self.errors.attach("sentiment", self.sentiment))
        form.addRow("People involved", self.errors.attach("contact_ids", self.people))
        form.addRow("Summary", self.errors.attach("summary", self.summary, grow=True))
        self.finish(form)
        self._load(interaction)
        self.summary.setFocus(Qt.FocusReason.OtherFocusReason)

    def _load(self, interaction: Interaction | None) -> None:
        if interaction is None:
            self.sentiment.set_value(0)
            return
        self.date.setDate(to_qdate(interaction.date))
        self.kind_box.setCurrentIndex(list(InteractionKind).index(interaction.kind))
        self.sentiment.set_value(interaction.sentiment)
        self.set_involved(interaction.contact_ids)
        self.summary.setText(interaction.summary)

    def involved(self) -> tuple[int, ...]:
        ids = []
        for number in range(self.people.count()):
            item = self.people.item(number)
            contact_id = item.data(Qt.ItemDataRole.UserRole)
            if contact_id is not None and item.checkState() == Qt.CheckState.Checked:
                ids.append(contact_id)
        return tuple(ids)

    def set_involved(self, contact_ids) -> None:
        wanted = set(contact_ids)
        for number in range(self.people.count()):
            item = self.people.item(number)
            contact_id = item.data(Qt.ItemDataRole.UserRole)
            if contact_id is not None:
                item.setCheckState(Qt.CheckState.Checked if contact_id in wanted
                                   else Qt.CheckState.Unchecked)

    def values(self) -> dict[str, object]:
        return {"date": from_qdate(self.date.date()), "kind": self.kind_box.currentData(),
                "sentiment": self.sentiment.value(), "contact_ids": self.involved(),
                "summary": self.summary.text()}

    def undo_text(self, record: Interaction) -> str:
        what = f"{record.kind.label.lower()} of {short_date(record.date)}"
        return f"Log {what}" if self.interaction is None else f"Edit {what}"


def _row(layout: QHBoxLayout) -> QWidget:
    box = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    box.setLayout(layout)
    return box
