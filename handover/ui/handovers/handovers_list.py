"""The Handovers page's list: the heading with the count, the filters and the table."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from handover.domain.handover import Status
from handover.ui.handovers.handover_parts import STATUS_COLOURS, Banner
from handover.ui.handovers.handovers_model import (
    UNDER_WAY,
    HandoversFilter,
    HandoversModel,
    ScoreDelegate,
)
from handover.ui.shell.tables import NoteDelegate, fit_columns, make_table
from handover.ui.shell.words import ID_ROLE, dot_icon


class HandoversList(QWidget):
    """The list of handovers: the heading with the count, the filters and the table."""

    open_requested = Signal(int)  # a handover id
    new_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = HandoversModel(self)
        self.proxy = HandoversFilter(self)
        self.proxy.setSourceModel(self.model)

        self.title = QLabel("Handovers")
        self.title.setObjectName("pageTitle")
        self.count_label = QLabel()
        self.count_label.setObjectName("pageSubtitle")
        self.count_label.setMinimumWidth(1)
        self.open_button = QPushButton("Open")
        self.open_button.setToolTip("Open the chosen handover (Enter)")
        self.open_button.clicked.connect(self._open_current)
        self.new_button = QPushButton("New handover\u2026")
        self.new_button.setObjectName("primaryButton")
        self.new_button.setToolTip("Start the handover of an account to a colleague")
        self.new_button.clicked.connect(self.new_requested)

        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Filter by account or person")
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(320)
        self.search.textChanged.connect(self._filter(self.proxy.set_text))
        self.status_box = QComboBox()
        self.status_box.addItem("All statuses", None)
        self.status_box.addItem("Under way", UNDER_WAY)
        for status in Status:
            self.status_box.addItem(dot_icon(STATUS_COLOURS[status][0]), status.label, status)
        self.status_box.currentIndexChanged.connect(
            lambda _n: self._filter(self.proxy.set_status)(self.status_box.currentData()))
        self.mine = QCheckBox("Only mine")
        self.mine.setToolTip("Only the handovers you write, receive or review")
        self.mine.toggled.connect(lambda _on: self._apply_mine())
        self.person_id: int | None = None

        self.banner = Banner()
        self.table = make_table(self.proxy, object_name="handoversTable", row_padding=16)
        self.table.setItemDelegateForColumn(HandoversModel.DUE, NoteDelegate(self))
        self.table.setItemDelegateForColumn(HandoversModel.STATUS, NoteDelegate(self))
        self.table.setItemDelegateForColumn(HandoversModel.SCORE, ScoreDelegate(self))
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # by no column at first: the soonest due on top
        fit_columns(self.table, {
            HandoversModel.PEOPLE: ["Marcus Lindqvist \u2192 Helen Achterbe"],
            HandoversModel.REVIEWER: ["Helen Achterberg"],
            HandoversModel.STATUS: ["In review  3 for Marcus to answer"],
            HandoversModel.DUE: ["30 Nov 2026  overdue 100 days"],
            HandoversModel.SCORE: ["100%"],
            HandoversModel.QUESTIONS: ["3 answered"],
        }, extra={HandoversModel.SCORE: ScoreDelegate.BAR + 12, HandoversModel.STATUS: 20})
        self.table.horizontalHeader().resizeSection(HandoversModel.ACCOUNT, 230)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda index: self._open_index(index))
        enter = QShortcut(QKeySequence(Qt.Key.Key_Return), self.table)
        enter.setContext(Qt.ShortcutContext.WidgetShortcut)
        enter.activated.connect(self._open_current)

        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.body = QStackedWidget()
        self.body.addWidget(self.table)
        self.body.addWidget(self.empty_label)

        header = QHBoxLayout()
        header.setSpacing(12)
        header.addWidget(self.title, 0, Qt.AlignmentFlag.AlignBaseline)
        header.addWidget(self.count_label, 1, Qt.AlignmentFlag.AlignBaseline)
        header.addWidget(self.open_button)
        header.addWidget(self.new_button)
        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.status_box)
        filters.addSpacing(8)
        filters.addWidget(self.mine)
        filters.addStretch(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        layout.addLayout(header)
        layout.addWidget(self.banner)
        layout.addLayout(filters)
        layout.addWidget(self.body, 1)

        for signal in (self.proxy.modelReset, self.proxy.rowsInserted, self.proxy.rowsRemoved,
                       self.proxy.layoutChanged):
            signal.connect(self._update_count)
        self.table.selectionModel().currentChanged.connect(lambda *_: self._enable())
        self._update_count()

    def _filter(self, change: Callable[[object], None]) -> Callable[[object], None]:
        def apply(value: object) -> None:
            change(value)
            self._update_count()
        return apply

    def _apply_mine(self) -> None:
        self.proxy.set_person(self.person_id if self.mine.isChecked() else None)
        self._update_count()

    def set_person(self, person_id: int | None) -> None:
        self.person_id = person_id
        self.mine.setEnabled(person_id is not None)
        self._apply_mine()

    def current_id(self) -> int | None:
        index = self.table.selectionModel().currentIndex()
        return self.proxy.index(index.row(), 0).data(ID_ROLE) if index.isValid() else None

    def select(self, handover_id: int) -> bool:
        number = self.model.row_of(handover_id)
        if number is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(number, 0))
        if not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def _open_index(self, index: QModelIndex) -> None:
        handover_id = self.proxy.index(index.row(), 0).data(ID_ROLE)
        if handover_id is not None:
            self.open_requested.emit(handover_id)

    def _open_current(self) -> None:
        handover_id = self.current_id()
        if handover_id is not None:
            self.open_requested.emit(handover_id)

    def _enable(self) -> None:
        self.open_button.setEnabled(self.current_id() is not None)

    def _update_count(self, *_args) -> None:
        rows = self.model.rows()
        shown = self.proxy.rowCount()
        overdue = sum(r.is_overdue(self.model.today) for r in rows)
        under_way = sum(r.status is not Status.ACCEPTED for r in rows)
        if not rows:
            self.count_label.setText("")
        else:
            text = (f"{len(rows):,} handover{'s' if len(rows) != 1 else ''}"
                    if shown == len(rows) else f"{shown:,} of {len(rows):,} handovers")
            text += f"  \u00b7  {under_way:,} under way"
            if overdue:
                text += f"  \u00b7  {overdue:,} overdue"
            self.count_label.setText(text)
        if not rows:
            self.empty_label.setText("No handovers yet. When an account changes hands, start "
                                     "its handover with \u201cNew handover\u2026\u201d: the "
                                     "outgoing manager writes it section by section, the "
                                     "incoming manager reviews and signs it off.")
        else:
            self.empty_label.setText("No handover matches the filters.")
        self.body.setCurrentWidget(self.table if shown else self.empty_label)
        self._enable()

