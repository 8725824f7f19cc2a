"""The People tab of an account: its stakeholders in a table beside a map of influence
against attitude, and their notes and advice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from handover.domain.errors import HandoverError
from handover.domain.records import BuyingRole, Contact
from handover.domain.words import INFLUENCE_WORDS, STRENGTH_WORDS
from handover.store.account_queries import OUT_OF_TOUCH_DAYS, ContactRow, contact_rows
from handover.ui.accounts.stakeholder_map import StakeholderMap, watch_reason
from handover.ui.records.reader import RecordReader
from handover.ui.records.tab import RecordTab, split
from handover.ui.shell.markdown_editor import MarkdownView
from handover.ui.shell.parts import section_title
from handover.ui.shell.session import Session
from handover.ui.shell.tables import NoteDelegate, PipsDelegate, RowsModel, fit_columns, make_table
from handover.ui.shell.text import plain_label, tooltip
from handover.ui.shell.words import (
    ID_ROLE,
    MAIN_ROLE,
    MUTED,
    NOTE_ROLE,
    PIPS_ROLE,
    SCALE_FILL,
    SCALE_TEXT,
    SORT_ROLE,
    SUBTLE,
    WARNING,
    attitude_word,
    blank_icon,
    days_text,
    dot_icon,
    short_date,
    signed,
    warning_icon,
)


def days_ago(days: int | None) -> str:
    if days is None:
        return "Never"
    if days == 0:
        return "Today"
    return f"{days_text(days)} ago" if days > 0 else f"in {days_text(-days)}"


# ---------------------------------------------------------------- the table


class ContactsModel(RowsModel[ContactRow]):
    """The account's stakeholders, one row each."""

    # Two lines a row: the title under the name, and the date of the last contact under
    # the days since it (each as the cell's NOTE_ROLE).
    NAME, ROLE, ATTITUDE, INFLUENCE, STRENGTH, LAST_CONTACT = range(6)
    HEADERS = ("Name and title", "Buying role", "Attitude", "Influence", "Relationship",
               "Last contact")
    HEADER_TIPS = {
        2: "Their attitude to us, from hostile (\u22122) to advocate (+2)",
        3: "How much they weigh in the customer's decisions, 1 to 5",
        4: "How strong our relationship with them is, 1 to 5",
        5: "Days since the last contact written down or the last interaction with them; "
           f"key and hostile people not contacted for over {OUT_OF_TOUCH_DAYS} days are flagged",
    }

    def __init__(self, parent=None, today: dt.date | None = None):
        super().__init__(parent)
        self._today = today or dt.date.today()
        self._name_font = QFont()
        self._name_font.setWeight(QFont.Weight.DemiBold)
        self._role_under_name = False

    def set_contacts(self, rows: list[ContactRow], today: dt.date) -> None:
        self._today = today
        self.set_rows(rows)

    def set_role_under_name(self, under: bool) -> None:
        """Show the buying role under the name, beside the title (where the table has no
        room for its own column)."""
        if under != self._role_under_name:
            self._role_under_name = under
            if self._rows:
                self.dataChanged.emit(self.index(0, self.NAME),
                                      self.index(len(self._rows) - 1, self.NAME))

    @property
    def today(self) -> dt.date:
        return self._today

    def cell(self, row: ContactRow, column: int, role: int):
        today = self._today
        display = role == Qt.ItemDataRole.DisplayRole
        if column == self.NAME:
            if display or role == MAIN_ROLE:
                return row.name
            if role == NOTE_ROLE:
                if self._role_under_name:
                    return "  \u00b7  ".join(x for x in (row.buying_role.label, row.title) if x)
                return row.title or None
            if role == SORT_ROLE:
                return row.name.casefold()
            if role == Qt.ItemDataRole.FontRole:
                return self._name_font
            if role == Qt.ItemDataRole.ToolTipRole:
                who = f"{row.name}, {row.title}" if row.title else row.name
                return tooltip(f"{who} (key person)" if row.is_key else who)
        elif column == self.ROLE:
            if display:
                return row.buying_role.label
            if role == SORT_ROLE:
                return list(BuyingRole).index(row.buying_role)
        elif column == self.ATTITUDE:
            if display:
                return attitude_word(row.attitude)
            if role == SORT_ROLE:
                return 3 if row.attitude is None else row.attitude  # unknown after advocate
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(SCALE_TEXT[row.attitude])
            if role == Qt.ItemDataRole.DecorationRole:
                return dot_icon(SCALE_FILL[row.attitude])
            if role == Qt.ItemDataRole.ToolTipRole:
                return (f"{attitude_word(row.attitude)} ({signed(row.attitude)})"
                        if row.attitude is not None else "Their attitude is not known yet")
        elif column in (self.INFLUENCE, self.STRENGTH):
            value = row.influence if column == self.INFLUENCE else row.relationship_strength
            if display:
                return str(value)
            if role in (SORT_ROLE, PIPS_ROLE):
                return value
            if role == Qt.ItemDataRole.ToolTipRole:
                words = INFLUENCE_WORDS if column == self.INFLUENCE else STRENGTH_WORDS
                what = "Influence" if column == self.INFLUENCE else "Relationship strength"
                return f"{what} {value} of 5: {words[value].lower()}"
        elif column == self.LAST_CONTACT:
            days = row.days_since_contact(today)
            flagged = row.out_of_touch(today)
            if display or role == MAIN_ROLE:
                return days_ago(days)
            if role == NOTE_ROLE:
                return short_date(row.last_contact) if row.last_contact else None
            if role == SORT_ROLE:
                return 10**6 if days is None else days
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(WARNING) if flagged else (QColor(MUTED) if days is None else None)
            if role == Qt.ItemDataRole.DecorationRole:
                return warning_icon() if flagged else blank_icon()
            if role == Qt.ItemDataRole.FontRole and flagged:
                return self._name_font
            if role == Qt.ItemDataRole.ToolTipRole:
                if flagged:
                    return watch_reason(row, today)
                return None if days is None else (
                    f"Last contact {days_text(days)} ago, on {short_date(row.last_contact)}")
        return None


class _SortProxy(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)


class _ContactsTable(QTableView):
    """The people table: names take the width the other columns leave. Where that is
    less than NAME_MIN, the buying role moves under the name, beside the title (and a
    window narrower still scrolls sideways)."""

    NAME_MIN = 160

    def __init__(self):
        super().__init__()
        self.role_width = 0  # the buying role column's width when shown

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_names()

    def fit_names(self) -> None:
        header = self.horizontalHeader()
        role = ContactsModel.ROLE
        others = sum(header.sectionSize(c) for c in range(1, len(ContactsModel.HEADERS))
                     if c != role)
        room = self.viewport().width() - others
        narrow = room - self.role_width < self.NAME_MIN
        if self.isColumnHidden(role) != narrow:
            self.setColumnHidden(role, narrow)
            self._source().set_role_under_name(narrow)
        header.resizeSection(ContactsModel.NAME,
                             max(self.NAME_MIN, room - (0 if narrow else self.role_width)))

    def _source(self) -> ContactsModel:
        model = self.model()
        return model.sourceModel() if isinstance(model, QSortFilterProxyModel) else model


# ---------------------------------------------------------------- the tab


class PeopleTab(RecordTab):
    """Who is who at the customer: the table, the map beside it, and the chosen person's
    notes and advice."""

    RECORD = Contact
    TABLES = ("contacts", "interactions")  # interactions move a contact's last contact
    EDITOR = "edit_contact"
    NOUN = "contact"

    contact_selected = Signal(object)  # the chosen contact's id, or None

    def __init__(self, session: Session, account_id: int,
                 today: Callable[[], dt.date] = dt.date.today, parent: QWidget | None = None):
        super().__init__(session, account_id, today, parent)
        self.make_buttons("Add contact\u2026")
        toolbar = self.toolbar()

        self.model = ContactsModel(self)
        self.proxy = _SortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(self.proxy, object_name="contactsTable", row_padding=14,
                                lines=2, view=_ContactsTable())
        self.table.setItemDelegateForColumn(ContactsModel.NAME,
                                            NoteDelegate(self, stacked=True))
        self.table.setItemDelegateForColumn(ContactsModel.INFLUENCE, PipsDelegate(parent=self))
        self.table.setItemDelegateForColumn(ContactsModel.STRENGTH,
                                            PipsDelegate("#2b8a8a", parent=self))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(ContactsModel.INFLUENCE, Qt.SortOrder.DescendingOrder)
        fit_columns(self.table, {
            ContactsModel.ROLE: [r.label for r in BuyingRole],
            ContactsModel.ATTITUDE: ["Advocate", "Negative"],
            ContactsModel.INFLUENCE: [""], ContactsModel.STRENGTH: [""],
            ContactsModel.LAST_CONTACT: ["1,000 days ago", "30 Nov 2026"],
        }, extra={ContactsModel.ATTITUDE: 24, ContactsModel.LAST_CONTACT: 24,
                  ContactsModel.INFLUENCE: 5 * PipsDelegate.STEP,
                  ContactsModel.STRENGTH: 5 * PipsDelegate.STEP})
        self.table.role_width = self.table.horizontalHeader().sectionSize(ContactsModel.ROLE)
        last_contact = NoteDelegate(self, stacked=True)
        self.table.setItemDelegateForColumn(ContactsModel.LAST_CONTACT, last_contact)

        self.map = StakeholderMap()
        map_card = _card()
        map_layout = QVBoxLayout(map_card)
        map_layout.setContentsMargins(16, 12, 12, 8)
        map_layout.setSpacing(2)
        map_layout.addWidget(section_title("Influence \u00d7 attitude"))
        hint = QLabel("Click a person to select them.")
        hint.setObjectName("sectionHint")
        hint.setWordWrap(True)
        map_layout.addWidget(hint)
        map_layout.addWidget(self.map, 1)

        self.details = _ContactDetails()

        left = split(self.table, self.details, across=False, handle=12)
        self.splitter = split(left, map_card, sizes=[780, 460])
        self.lay_out(toolbar, main=self.splitter)

        self.wire()
        self.map.contact_clicked.connect(self.select)
        self.refresh()

    def refresh(self) -> None:
        """Read the account's people again, keeping the chosen one chosen."""
        chosen = self.selected_id()
        today = self._today()
        rows = contact_rows(self.session.ws, self.account_id)
        self.model.set_contacts(rows, today)
        self.map.set_contacts(rows, today)
        watched = sum(r.out_of_touch(today) for r in rows)
        text = f"{len(rows)} {'person' if len(rows) == 1 else 'people'}"
        if watched:
            text += (f"  \u00b7  {watched} key or hostile {'person' if watched == 1 else 'people'}"
                     f" not contacted for over {OUT_OF_TOUCH_DAYS} days")
        self.count_label.setText(text)
        if chosen is not None and self.model.row_of(chosen) is not None:
            self.select(chosen)
        else:
            self._current_changed(QModelIndex(), QModelIndex())
        self._enable()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        contact_id = current.data(ID_ROLE) if current.isValid() else None
        self.map.set_selected(contact_id)
        contact = None
        if contact_id is not None:
            try:
                contact = self.session.ws.get(Contact, contact_id)
            except HandoverError:
                contact = None
        row = self.model.row_at(self.model.row_of(contact_id)) if contact else None
        self.details.empty.setText(
            "Choose a person to read their notes and the advice for the next manager."
            if self.model.rowCount() else
            "No people yet. Add the customer's stakeholders: who buys, who decides, who "
            "blocks, and how each of them feels about us.")
        self.details.show_contact(contact, row, self.model.today)
        self._enable()
        self.contact_selected.emit(contact_id)

    def removal(self, contact: Contact) -> tuple[str, str, str]:
        return (f"Remove {contact.name}?",
                f"{contact.name} leaves this account's people, and the interactions that name "
                "them no longer do. Edit \u25b8 Undo brings them back.",
                f"Remove contact \u201c{contact.name}\u201d")


def _card() -> QFrame:
    card = QFrame()
    card.setObjectName("card")
    return card


class _ContactDetails(RecordReader):
    """The chosen person's notes and the advice left for the next manager."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Choose a person to read their notes and the advice for the next "
                         "manager.", (16, 12, 16, 10), 8, parent)
        self.name = plain_label()
        self.name.setObjectName("readerTitle")
        self.meta = plain_label()
        self.meta.setObjectName("readerMeta")
        self.flag = QLabel()
        self.flag.setStyleSheet(f"color: {WARNING}; font-weight: 600;")
        self.notes = MarkdownView()
        self.notes.setObjectName("contactNotes")
        self.notes.document().setDocumentMargin(2)  # in line with its caption
        self.advice = MarkdownView()
        self.advice.setObjectName("contactAdvice")
        self.advice.setStyleSheet("QTextBrowser#contactAdvice { background: #f7f9fc; "
                                  "border-radius: 6px; }")

        heading = QHBoxLayout()
        heading.setSpacing(10)
        heading.addWidget(self.name)
        heading.addWidget(self.meta, 1)
        heading.addWidget(self.flag)
        notes_box = QVBoxLayout()
        notes_box.setSpacing(2)
        notes_box.addWidget(_caption("NOTES"))
        notes_box.addWidget(self.notes, 1)
        advice_box = QVBoxLayout()
        advice_box.setSpacing(2)
        advice_box.addWidget(_caption("ADVICE FOR THE NEXT MANAGER"))
        advice_box.addWidget(self.advice, 1)
        columns = QHBoxLayout()
        columns.setSpacing(16)
        columns.addLayout(notes_box, 3)
        columns.addLayout(advice_box, 2)
        self.body_layout.addLayout(heading)
        self.body_layout.addLayout(columns, 1)
        self.setMinimumHeight(170)
        self.show_contact(None, None, dt.date.today())

    def show_contact(self, contact: Contact | None, row: ContactRow | None,
                     today: dt.date) -> None:
        self.show_body(contact is not None)
        if contact is None:
            return
        self.name.setText(contact.name)
        facts = [f for f in (contact.title, contact.buying_role.label) if f]
        self.meta.setText("  \u00b7  ".join(facts))
        flagged = row is not None and row.out_of_touch(today)
        self.flag.setText(watch_reason(row, today) if flagged else "")
        self.flag.setVisible(flagged)
        self.notes.setMarkdown(contact.notes or "*No notes yet.*", top_heading=4)
        self.advice.setMarkdown(contact.advice or "*No advice written yet.*", top_heading=4)


def _caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("cardCaption")
    label.setStyleSheet(f"color: {SUBTLE}; font-size: 8pt; font-weight: 600;")
    return label

