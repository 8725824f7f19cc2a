"""The History tab of an account: its interactions newest first, the chosen one's summary
rendered beside them, and the dialog that logs or edits one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from handover.domain.errors import HandoverError
from handover.domain.records import Interaction, InteractionKind
from handover.store.account_queries import (
    RECENT_DAYS,
    InteractionRow,
    headline,
    interaction_rows,
    interaction_summary,
)
from handover.store.queries import contacts_of
from handover.ui.shell import dialogs
from handover.ui.shell.markdown_editor import MarkdownEditor, MarkdownView
from handover.ui.shell.parts import (
    DETAIL_STYLESHEET,
    FieldErrors,
    button,
    collect_errors,
    date_edit,
    enable_edit_buttons,
    pill,
    sentiment_picker,
    set_pill,
)
from handover.ui.shell.session import Change, Session
from handover.ui.shell.tables import (
    RowsModel,
    chosen_record,
    fit_columns,
    follow_chosen_row,
    make_table,
    select_row,
    selected_row_id,
)
from handover.ui.shell.text import plain_label, tooltip
from handover.ui.shell.words import (
    ID_ROLE,
    INK,
    MISSING,
    MUTED,
    SCALE_FILL,
    SCALE_TEXT,
    SCALE_TINT,
    SORT_ROLE,
    dot_icon,
    from_qdate,
    sentiment_word,
    short_date,
    to_qdate,
)

TABLES = ("interactions", "contacts")  # contacts: the names of the people involved

# Events that change the course of an account stand out in the timeline.
KIND_COLOURS = {
    InteractionKind.ESCALATION: "#b42318", InteractionKind.COMPLAINT: "#b54708",
    InteractionKind.LOSS: "#b42318", InteractionKind.WIN: "#1d6b47",
}


class InteractionsModel(RowsModel[InteractionRow]):
    """The timeline, one light row per interaction; the summaries stay in the file until
    one is read, and each first line is worked out when it is first shown."""

    DATE, KIND, SENTIMENT, PEOPLE, SUMMARY = range(5)
    HEADERS = ("Date", "Kind", "Sentiment", "People", "Summary")
    HEADER_TIPS = {2: "How the customer felt, from very negative (\u22122) to very positive (+2)",
                   3: "The customer's people involved"}

    def __init__(self, parent=None):
        super().__init__(parent)
        self._headlines: dict[int, str] = {}

    def set_rows(self, rows) -> None:
        self._headlines = {}
        super().set_rows(rows)

    def headline(self, row: InteractionRow) -> str:
        """The first line of the row's summary, as a reader sees it."""
        found = self._headlines.get(row.id)
        if found is None:
            found = self._headlines[row.id] = headline(row.start)
        return found

    def cell(self, row: InteractionRow, column: int, role: int):
        display = role == Qt.ItemDataRole.DisplayRole
        if column == self.DATE:
            if display:
                return short_date(row.date)
            if role == SORT_ROLE:
                return row.date.toordinal()
        elif column == self.KIND:
            if display:
                return row.kind.label
            if role == SORT_ROLE:
                return row.kind.value
            if role == Qt.ItemDataRole.ForegroundRole and row.kind in KIND_COLOURS:
                return QColor(KIND_COLOURS[row.kind])
        elif column == self.SENTIMENT:
            if display:
                return sentiment_word(row.sentiment)
            if role == SORT_ROLE:
                return row.sentiment
            if role == Qt.ItemDataRole.DecorationRole:
                return dot_icon(SCALE_FILL.get(row.sentiment, MUTED))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(SCALE_TEXT.get(row.sentiment, INK))
        elif column == self.PEOPLE:
            if display:
                return row.people or MISSING
            if role == SORT_ROLE:
                return row.people.casefold()
            if role == Qt.ItemDataRole.ToolTipRole:
                return tooltip(row.people) or None
            if role == Qt.ItemDataRole.ForegroundRole and not row.people:
                return QColor(MUTED)
        elif column == self.SUMMARY:
            if display:
                return self.headline(row)
            if role == SORT_ROLE:
                return self.headline(row).casefold()
            if role == Qt.ItemDataRole.ToolTipRole:
                return tooltip(self.headline(row)) or None
        return None


class HistoryFilter(QSortFilterProxyModel):
    """Narrows the timeline to one kind of interaction and to the rows whose people or
    first line hold the typed words. Works on the rows, not through data(), so a thousand
    interactions filter within a keystroke."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._kind: InteractionKind | None = None
        self._words: list[str] = []

    def set_kind(self, kind: InteractionKind | str | None) -> None:
        # A combo box hands its data back as plain text: made a kind again here.
        self._change(lambda: setattr(self, "_kind", None if kind is None
                                     else InteractionKind(kind)))

    def set_text(self, text: str) -> None:
        self._change(lambda: setattr(self, "_words", text.casefold().split()))

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
        model: InteractionsModel = self.sourceModel()
        row = model.row_at(source_row)
        if self._kind is not None and row.kind is not self._kind:
            return False
        if self._words:
            text = f"{model.headline(row)} {row.people} {row.kind.label}".casefold()
            return all(word in text for word in self._words)
        return True


# ---------------------------------------------------------------- the dialog


class InteractionDialog(QDialog):
    """Logs or edits one interaction: when, what kind, how it felt, who was there, and a
    summary in Markdown beside its live preview."""

    FIELDS = {"date": "Date", "kind": "Kind", "sentiment": "Sentiment",
              "contact_ids": "People involved", "summary": "Summary"}
    STAND_INS = {"kind": InteractionKind.MEETING, "sentiment": 0, "contact_ids": (),
                 "summary": ""}

    def __init__(self, session: Session, account_id: int,
                 interaction: Interaction | None = None, parent: QWidget | None = None, *,
                 today: dt.date | None = None):
        super().__init__(parent)
        self.session = session
        self.account_id = account_id
        self.interaction = interaction
        self.saved: Interaction | None = None
        self.setWindowTitle("Edit interaction" if interaction else "Log an interaction")
        self.setMinimumSize(900, 700)
        self.setStyleSheet(DETAIL_STYLESHEET)
        self.errors = FieldErrors(self.FIELDS)
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
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(10)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow("Date", _row(top))
        form.addRow("Sentiment", self.errors.attach("sentiment", self.sentiment))
        form.addRow("People involved", self.errors.attach("contact_ids", self.people))
        form.addRow("Summary", self.errors.attach("summary", self.summary, grow=True))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 20, 22, 16)
        layout.setSpacing(14)
        layout.addLayout(form, 1)
        layout.addWidget(self.buttons)
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

    def save(self) -> bool:
        record, errors = collect_errors(
            lambda v: Interaction(account_id=self.account_id,
                                  id=self.interaction.id if self.interaction else None, **v),
            self.values(), self.STAND_INS)
        self.errors.show(errors)
        if record is None:
            return False
        try:
            what = f"{record.kind.label.lower()} of {short_date(record.date)}"
            if self.interaction is None:
                self.saved = self.session.add(record, f"Log {what}")
            else:
                self.saved = self.session.update(record, f"Edit {what}")
        except HandoverError as e:
            dialogs.show_error(self, "The interaction was not saved", str(e))
            return False
        return True

    def accept(self) -> None:
        if self.save():
            super().accept()


def _row(layout: QHBoxLayout) -> QWidget:
    box = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    box.setLayout(layout)
    return box


# ---------------------------------------------------------------- the tab


class _Reader(QFrame):
    """The chosen interaction, read in full: its heading and the summary rendered."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("card")
        self.title = QLabel()
        self.title.setObjectName("readerTitle")
        self.sentiment = pill("", INK, "#eef2f7")
        self.meta = plain_label()
        self.meta.setObjectName("readerMeta")
        self.meta.setWordWrap(True)
        self.view = MarkdownView()
        self.view.setObjectName("interactionSummary")
        self.view.document().setDocumentMargin(2)  # in line with the heading
        self.empty = QLabel("Choose an interaction to read its summary.")
        self.empty.setObjectName("sectionHint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        heading = QHBoxLayout()
        heading.setSpacing(10)
        heading.addWidget(self.title)
        heading.addWidget(self.sentiment)
        heading.addStretch(1)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setStyleSheet("color: #e8ebf0;")
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(6)
        body.addLayout(heading)
        body.addWidget(self.meta)
        body.addWidget(rule)
        body.addWidget(self.view, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 8, 8)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.empty, 1)
        self.show_interaction(None, "")

    def show_interaction(self, row: InteractionRow | None, summary: str) -> None:
        self.body.setVisible(row is not None)
        self.empty.setVisible(row is None)
        if row is None:
            self.view.setMarkdown("")
            return
        self.title.setText(f"{row.kind.label}  \u00b7  {row.date.day} {row.date:%B %Y}")
        set_pill(self.sentiment, sentiment_word(row.sentiment),
                 SCALE_TEXT.get(row.sentiment, INK), SCALE_TINT.get(row.sentiment, "#eef2f7"))
        self.meta.setText(f"With {row.people}" if row.people else "No one from the customer "
                                                                   "named")
        self.view.setMarkdown(summary or "*No summary written.*", top_heading=3)


class HistoryTab(QWidget):
    """The relationship's history: a timeline over light rows, and the summary of the one
    chosen rendered beside it (only that one is rendered)."""

    interaction_selected = Signal(object)  # the chosen interaction's id, or None

    def __init__(self, session: Session, account_id: int,
                 today: Callable[[], dt.date] = dt.date.today, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.account_id = account_id
        self._today = today

        self.add_button = button("Log interaction\u2026", primary=True)
        self.edit_button = button("Edit\u2026")
        self.remove_button = button("Remove")
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.kind_filter = QComboBox()
        self.kind_filter.addItem("All kinds", None)
        for kind in InteractionKind:
            self.kind_filter.addItem(kind.label, kind)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter by words or people")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        toolbar = QHBoxLayout()
        toolbar.setSpacing(8)
        toolbar.addWidget(self.add_button)
        toolbar.addWidget(self.edit_button)
        toolbar.addWidget(self.remove_button)
        toolbar.addSpacing(10)
        toolbar.addWidget(self.count_label)
        toolbar.addStretch(1)
        toolbar.addWidget(self.kind_filter)
        toolbar.addWidget(self.search)

        self.model = InteractionsModel(self)
        self.proxy = HistoryFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(self.proxy, object_name="historyTable")
        fit_columns(self.table, {
            InteractionsModel.DATE: ["30 Nov 2026"],
            InteractionsModel.KIND: ["Escalation", "Complaint"],
            InteractionsModel.SENTIMENT: ["Very negative"],
            InteractionsModel.PEOPLE: ["Zanele Venter, Sip"],
        }, extra={InteractionsModel.SENTIMENT: 24}, stretch=InteractionsModel.SUMMARY)

        self.reader = _Reader()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(16)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.reader)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([800, 440])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(12)
        layout.addLayout(toolbar)
        layout.addWidget(self.splitter, 1)

        self.add_button.clicked.connect(self.log_interaction)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        follow_chosen_row(self.table, self._current_changed, self._enable)
        self.kind_filter.currentIndexChanged.connect(
            lambda _n: self._filter(lambda: self.proxy.set_kind(self.kind_filter.currentData())))
        self.search.textChanged.connect(
            lambda text: self._filter(lambda: self.proxy.set_text(text)))
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.activated.connect(self.remove_selected)
        session.changed.connect(self._changed)
        self.refresh()

    # ------------------------------------------------------------ data

    def refresh(self) -> None:
        """Read the timeline again; the chosen interaction stays chosen, and when none was,
        the newest is."""
        chosen = self.selected_id()
        rows = interaction_rows(self.session.ws, self.account_id)
        self.model.set_rows(rows)
        self._count()
        if chosen is None or not self.select(chosen):
            first = self.proxy.index(0, 0)
            if first.isValid():
                self.select(first.data(ID_ROLE))
            else:
                self._current_changed(QModelIndex(), QModelIndex())
        self._enable()

    def _count(self) -> None:
        rows = self.model.rowCount()
        shown = self.proxy.rowCount()
        since = self._today() - dt.timedelta(days=RECENT_DAYS)
        recent = sum(1 for row in self.model.rows() if row.date > since)
        noun = "interaction" if rows == 1 else "interactions"
        text = f"{rows:,} {noun}" if shown == rows else f"{shown:,} of {rows:,} {noun}"
        self.count_label.setText(f"{text}  \u00b7  {recent} in the last {RECENT_DAYS} days")

    def _filter(self, change: Callable[[], None]) -> None:
        chosen = self.selected_id()
        change()
        self._count()
        if chosen is not None and self.select(chosen):
            return
        first = self.proxy.index(0, 0)
        if first.isValid():
            self.select(first.data(ID_ROLE))
        else:
            self._current_changed(QModelIndex(), QModelIndex())

    def _changed(self, change: Change) -> None:
        if change.account_id in (None, self.account_id) and change.touches(*TABLES):
            self.refresh()

    # ------------------------------------------------------------ choosing

    def selected_id(self) -> int | None:
        return selected_row_id(self)

    def select(self, interaction_id: int) -> bool:
        return select_row(self, interaction_id)

    def show_record(self, interaction_id: int) -> bool:
        """Choose the interaction, clearing the filters if they hide it."""
        if self.model.row_of(interaction_id) is None:
            return False
        if not self.select(interaction_id):
            self.kind_filter.setCurrentIndex(0)
            self.search.clear()
        return self.select(interaction_id)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        interaction_id = current.data(ID_ROLE) if current.isValid() else None
        row = None
        if interaction_id is not None:
            row = self.model.row_at(self.model.row_of(interaction_id))
        summary = interaction_summary(self.session.ws, interaction_id) if row else ""
        if self.model.rowCount() == 0:
            self.reader.empty.setText("Nothing logged yet. Log each meeting, call, e-mail and "
                                      "complaint, so the next manager knows the story.")
        elif self.proxy.rowCount() == 0:
            self.reader.empty.setText("No interaction matches the filter.")
        else:
            self.reader.empty.setText("Choose an interaction to read its summary.")
        self.reader.show_interaction(row, summary)
        self._enable()
        self.interaction_selected.emit(interaction_id)

    def _enable(self) -> None:
        enable_edit_buttons(self, not self.session.ws.read_only,
                            self.selected_id() is not None)

    # ------------------------------------------------------------ editing

    def log_interaction(self) -> None:
        saved = dialogs.edit_interaction(self, self.session, self.account_id)
        if saved is not None:
            self.show_record(saved.id)

    def edit_selected(self) -> None:
        interaction = chosen_record(self, Interaction)
        if interaction is None:
            return
        saved = dialogs.edit_interaction(self, self.session, self.account_id, interaction)
        if saved is not None:
            self.show_record(saved.id)

    def remove_selected(self) -> None:
        interaction = chosen_record(self, Interaction)
        if interaction is None:
            return
        what = f"the {interaction.kind.label.lower()} of {short_date(interaction.date)}"
        if not dialogs.confirm(self, f"Remove {what}?",
                               f"{what[0].upper()}{what[1:]} leaves the account's history. "
                               "Edit \u25b8 Undo brings it back.", "Remove"):
            return
        try:
            self.session.delete(interaction, f"Remove {what}")
        except HandoverError as e:
            dialogs.show_error(self, "The interaction was not removed", str(e))
