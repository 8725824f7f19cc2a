"""The History tab of an account: its interactions newest first, the chosen one's summary
rendered beside them, and a filter by kind and by words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from handover.domain.records import Interaction, InteractionKind
from handover.store.account_queries import (
    RECENT_DAYS,
    InteractionRow,
    headline,
    interaction_rows,
    interaction_summary,
)
from handover.ui.records.reader import RecordReader
from handover.ui.records.tab import RecordTab, split
from handover.ui.shell.markdown_editor import MarkdownView
from handover.ui.shell.parts import pill, set_pill
from handover.ui.shell.session import Session
from handover.ui.shell.tables import RowsFilter, RowsModel, fit_columns, make_table
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
    sentiment_word,
    short_date,
)

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


class HistoryFilter(RowsFilter):
    """Narrows the timeline to one kind of interaction and to the rows whose people or
    first line hold the typed words. Works on the rows, not through data(), so a thousand
    interactions filter within a keystroke."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._kind: InteractionKind | None = None
        self._words: list[str] = []

    def set_kind(self, kind: InteractionKind | str | None) -> None:
        # A combo box hands its data back as plain text: made a kind again here.
        self.change_filter(lambda: setattr(self, "_kind", None if kind is None
                                           else InteractionKind(kind)))

    def set_text(self, text: str) -> None:
        self.change_filter(lambda: setattr(self, "_words", text.casefold().split()))

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


# ---------------------------------------------------------------- the tab


class _Reader(RecordReader):
    """The chosen interaction, read in full: its heading and the summary rendered."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Choose an interaction to read its summary.", (16, 14, 8, 8), 6,
                         parent)
        self.title = QLabel()
        self.title.setObjectName("readerTitle")
        self.sentiment = pill("", INK, "#eef2f7")
        self.meta = plain_label()
        self.meta.setObjectName("readerMeta")
        self.meta.setWordWrap(True)
        self.view = MarkdownView()
        self.view.setObjectName("interactionSummary")
        self.view.document().setDocumentMargin(2)  # in line with the heading
        heading = QHBoxLayout()
        heading.setSpacing(10)
        heading.addWidget(self.title)
        heading.addWidget(self.sentiment)
        heading.addStretch(1)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setStyleSheet("color: #e8ebf0;")
        self.body_layout.addLayout(heading)
        self.body_layout.addWidget(self.meta)
        self.body_layout.addWidget(rule)
        self.body_layout.addWidget(self.view, 1)
        self.show_interaction(None, "")

    def show_interaction(self, row: InteractionRow | None, summary: str) -> None:
        self.show_body(row is not None)
        if row is None:
            self.view.setMarkdown("")
            return
        self.title.setText(f"{row.kind.label}  \u00b7  {row.date.day} {row.date:%B %Y}")
        set_pill(self.sentiment, sentiment_word(row.sentiment),
                 SCALE_TEXT.get(row.sentiment, INK), SCALE_TINT.get(row.sentiment, "#eef2f7"))
        self.meta.setText(f"With {row.people}" if row.people else "No one from the customer "
                                                                   "named")
        self.view.setMarkdown(summary or "*No summary written.*", top_heading=3)


class HistoryTab(RecordTab):
    """The relationship's history: a timeline over light rows, and the summary of the one
    chosen rendered beside it (only that one is rendered)."""

    RECORD = Interaction
    TABLES = ("interactions", "contacts")  # contacts: the names of the people involved
    EDITOR = "edit_interaction"
    NOUN = "interaction"

    interaction_selected = Signal(object)  # the chosen interaction's id, or None

    def __init__(self, session: Session, account_id: int,
                 today: Callable[[], dt.date] = dt.date.today, parent: QWidget | None = None):
        super().__init__(session, account_id, today, parent)
        self.make_buttons("Log interaction\u2026")
        self.kind_filter = QComboBox()
        self.kind_filter.addItem("All kinds", None)
        for kind in InteractionKind:
            self.kind_filter.addItem(kind.label, kind)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter by words or people")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        toolbar = self.toolbar()
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
        self.splitter = split(self.table, self.reader, sizes=[800, 440])
        self.lay_out(toolbar, main=self.splitter)

        self.wire()
        self.kind_filter.currentIndexChanged.connect(
            lambda _n: self._filter(lambda: self.proxy.set_kind(self.kind_filter.currentData())))
        self.search.textChanged.connect(
            lambda text: self._filter(lambda: self.proxy.set_text(text)))
        self.refresh()

    def refresh(self) -> None:
        """Read the timeline again; the chosen interaction stays chosen, and when none was,
        the newest is."""
        chosen = self.selected_id()
        rows = interaction_rows(self.session.ws, self.account_id)
        self.model.set_rows(rows)
        self._count()
        self.choose_again(chosen)
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
        self.choose_again(chosen)

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

    def removal(self, interaction: Interaction) -> tuple[str, str, str]:
        what = f"the {interaction.kind.label.lower()} of {short_date(interaction.date)}"
        return (f"Remove {what}?",
                f"{what[0].upper()}{what[1:]} leaves the account's history. "
                "Edit \u25b8 Undo brings it back.", f"Remove {what}")
