"""The accounts table's view: it opens a row, gives the Account column the width the
others leave, and fits each column to what it holds."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from handover.domain.records import Health, Segment
from handover.ui.accounts.accounts_model import HEADERS, NUMERIC, Column

# What wide cells of each column hold: a column's first width fits these or its heading,
# whichever is wider (the Account column takes the rest). Measured, not read from the rows,
# so that 10,000 rows cost nothing; a longer owner's name is elided.
SAMPLES = {
    Column.SEGMENT: [s.label for s in Segment], Column.HEALTH: [h.label for h in Health],
    # Eight figures in a one-letter currency, seven after "CHF": what the largest accounts
    # hold; a larger amount is shortened, and its tooltip has it all.
    Column.REVENUE: ["\u20ac12,500,000", "CHF\u00a01,250,000"],
    Column.POTENTIAL: ["\u20ac27,500,000", "CHF\u00a02,500,000"],
    Column.OWNER: ["Dana Whitfield", "Felix Hartmann"],
    Column.RENEWAL: ["30 Nov 2026", "28 May 2026"],
    Column.LAST_CONTACT: ["30 Nov 2026", "28 May 2026"], Column.PROMISES: ["10 / 10"],
}
CELL_PADDING = 2 * 8 + 8  # the style sheet's padding either side, and some air
HEALTH_MARKER = 26  # the coloured dot and its gap
SORT_ARROW = 16  # room a right-aligned heading keeps for the sort arrow
ACCOUNT_MIN_WIDTH = 180


class AccountsTable(QTableView):
    """The accounts table. The Account column takes the width the others leave, but never
    less than ACCOUNT_MIN_WIDTH: a narrow window scrolls sideways instead of hiding names.
    Enter, like a double click, opens the current account."""

    open_requested = Signal(QModelIndex)
    context_menu_requested = Signal(object)  # the QPoint on the screen

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.horizontalHeader().sectionResized.connect(self._section_resized)
        self.doubleClicked.connect(self.open_requested)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Handled here, not through `activated`: that one is not sent for Enter on macOS.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        index = self.indexAt(event.pos())
        if index.isValid() and not self.selectionModel().isRowSelected(index.row()):
            self.selectRow(index.row())
        self.context_menu_requested.emit(event.globalPos())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_account_column()

    def fit_account_column(self) -> None:
        header = self.horizontalHeader()
        others = sum(header.sectionSize(c) for c in Column if c is not Column.ACCOUNT
                     and not header.isSectionHidden(c))
        header.resizeSection(Column.ACCOUNT,
                             max(ACCOUNT_MIN_WIDTH, self.viewport().width() - others))

    def _section_resized(self, column: int, _old: int, _new: int) -> None:
        if column != Column.ACCOUNT:
            self.fit_account_column()


def fit_columns(table: QTableView) -> None:
    """Each column but the Account one as wide as its widest sample or its heading."""
    cells = table.fontMetrics()
    bold = QFont(table.font())
    bold.setWeight(QFont.Weight.DemiBold)
    headings = QFontMetrics(bold)
    for column, samples in SAMPLES.items():
        cell = max(cells.horizontalAdvance(text) for text in samples) + CELL_PADDING
        if column is Column.HEALTH:
            cell += HEALTH_MARKER
        heading = (headings.horizontalAdvance(HEADERS[column]) + CELL_PADDING
                   + (SORT_ARROW if column in NUMERIC else 0))
        table.horizontalHeader().resizeSection(column, max(cell, heading))


def make_accounts_table(model: QAbstractItemModel) -> AccountsTable:
    """The accounts table over `model` (the page's filter), looking as the list does:
    sorted by name, whole rows selected, fixed row heights, columns fitted."""
    table = AccountsTable()
    table.setObjectName("accountsTable")
    table.setModel(model)
    table.setSortingEnabled(True)
    table.sortByColumn(Column.ACCOUNT, Qt.SortOrder.AscendingOrder)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    vertical = table.verticalHeader()
    vertical.hide()
    # A fixed row height: the view never measures 10,000 rows one by one.
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(table.fontMetrics().height() + 16)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setMinimumSectionSize(60)
    fit_columns(table)
    return table
