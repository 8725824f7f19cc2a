"""The Accounts page: every account of the workspace in one sortable, filterable table."""

from __future__ import annotations

import datetime as dt
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QFont, QFontMetrics, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from handover.domain.records import Health, Segment
from handover.store.queries import AccountRow, account_rows
from handover.store.workspace import Workspace
from handover.ui.resources import icon

SORT_ROLE = Qt.ItemDataRole.UserRole  # the raw value a column sorts by
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the whole AccountRow of a line

HEALTH_COLOURS = {
    Health.CRITICAL: "#d1433f",
    Health.AT_RISK: "#e6772e",
    Health.WATCH: "#e0a91b",
    Health.STABLE: "#3a9a62",
}
# Worst first, so that sorting by health ascending puts the accounts in trouble on top.
HEALTH_ORDER = {Health.CRITICAL: 0, Health.AT_RISK: 1, Health.WATCH: 2, Health.STABLE: 3}
SEGMENT_ORDER = {s: i for i, s in enumerate(Segment)}  # strategic, key, mid-size, small
MUTED = QColor("#8a94a3")
ROOT = QModelIndex()  # the invisible parent of a table's rows
MISSING = "\u2014"  # an em dash where there is no value

CURRENCY_SYMBOLS = {"EUR": "\u20ac", "USD": "$", "GBP": "\u00a3", "JPY": "\u00a5",
                    "INR": "\u20b9", "CNY": "\u00a5", "KRW": "\u20a9"}


class Column(IntEnum):
    ACCOUNT = 0
    SEGMENT = 1
    HEALTH = 2
    REVENUE = 3
    POTENTIAL = 4
    OWNER = 5
    RENEWAL = 6
    LAST_CONTACT = 7
    PROMISES = 8


COLUMNS = tuple(Column)
COLUMN_COUNT = len(COLUMNS)

HEADERS = {
    Column.ACCOUNT: "Account",
    Column.SEGMENT: "Segment",
    Column.HEALTH: "Health",
    Column.REVENUE: "Revenue",
    Column.POTENTIAL: "Potential",
    Column.OWNER: "Owner",
    Column.RENEWAL: "Renewal",
    Column.LAST_CONTACT: "Last contact",
    Column.PROMISES: "Open promises",
}
HEADER_TIPS = {
    Column.REVENUE: "Current annual revenue",
    Column.POTENTIAL: "Potential annual revenue",
    Column.LAST_CONTACT: "The latest interaction or stakeholder contact",
    Column.PROMISES: "Open promises: ours (we owe the customer) / theirs (the customer owes us)",
}
NUMERIC = {Column.REVENUE, Column.POTENTIAL, Column.PROMISES}
# What wide cells of each column hold: a column's first width fits these or its heading,
# whichever is wider (the Account column takes the rest). Measured, not read from the rows,
# so that 10,000 rows cost nothing; a longer owner's name is elided.
SAMPLES = {
    Column.SEGMENT: [s.label for s in Segment], Column.HEALTH: [h.label for h in Health],
    Column.REVENUE: ["\u20ac1,250,000"], Column.POTENTIAL: ["\u20ac1,250,000"],
    Column.OWNER: ["Dana Whitfield"], Column.RENEWAL: ["30 Nov 2026", "28 May 2026"],
    Column.LAST_CONTACT: ["30 Nov 2026", "28 May 2026"], Column.PROMISES: ["10 / 10"],
}
CELL_PADDING = 2 * 8 + 8  # the style sheet's padding either side, and some air
HEALTH_MARKER = 26  # the coloured dot and its gap
SORT_ARROW = 16  # room a right-aligned heading keeps for the sort arrow
ACCOUNT_MIN_WIDTH = 180


def money(amount: float, currency: str) -> str:
    """A whole amount with thousands separators and the currency's sign: "€1,250,000"."""
    symbol = CURRENCY_SYMBOLS.get(currency)
    figure = f"{amount:,.0f}"
    return f"{symbol}{figure}" if symbol else f"{currency}\u00a0{figure}"


def short_date(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def _days_ago(day: dt.date, today: dt.date) -> str:
    days = (today - day).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 0:
        return f"in {-days:,} days"
    return f"{days:,} days ago"


class AccountsTableModel(QAbstractTableModel):
    """The accounts list as a table over AccountRow values, one row each."""

    def __init__(self, rows: list[AccountRow] | None = None, parent=None,
                 today: dt.date | None = None):
        super().__init__(parent)
        self._rows: list[AccountRow] = list(rows or [])
        self._folded = [row.name.casefold() for row in self._rows]
        self._today = today
        self._health_icons: dict[Health, QIcon] = {}
        self._sorted_by: tuple[Column, Qt.SortOrder] | None = None

    # ------------------------------------------------------------ the data

    def set_rows(self, rows: list[AccountRow]) -> None:
        """Show `rows`, in the order of the last sort asked for (if any)."""
        self.beginResetModel()
        self._rows = list(rows)
        if self._sorted_by is not None:
            self._rows.sort(key=self._sort_function(self._sorted_by[0]),
                            reverse=self._sorted_by[1] == Qt.SortOrder.DescendingOrder)
        self._folded = [row.name.casefold() for row in self._rows]
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows by a column's raw value. Done here on the Python list, as a
        QSortFilterProxyModel sorting 10,000 rows through data() takes a second."""
        if not 0 <= column < len(Column):
            return
        self._sorted_by = (Column(column), order)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._rows[i.row()].id for i in persistent]
        self._rows.sort(key=self._sort_function(Column(column)),
                        reverse=order == Qt.SortOrder.DescendingOrder)
        self._folded = [row.name.casefold() for row in self._rows]
        where = {row.id: number for number, row in enumerate(self._rows)}
        moved = [self.index(where[id_], index.column())
                 for id_, index in zip(ids, persistent, strict=True)]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _sort_function(self, column: Column):
        key = self._sort_key
        if column is Column.ACCOUNT:
            return lambda row: (key(row, column), row.id)
        # Equal values keep the accounts in name order.
        return lambda row: (key(row, column), row.name.casefold(), row.id)

    def row_at(self, row: int) -> AccountRow:
        return self._rows[row]

    def folded_name(self, row: int) -> str:
        """The account's name as the filter compares it (case folded)."""
        return self._folded[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(column)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(column)
        if role == Qt.ItemDataRole.DecorationRole and column is Column.HEALTH:
            return self._health_icon(row.health)
        if role == Qt.ItemDataRole.ForegroundRole and self._is_missing(row, column):
            return MUTED
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == ROW_ROLE:
            return row
        return None

    # ------------------------------------------------------------ how each cell reads

    @staticmethod
    def _text(row: AccountRow, column: Column) -> str:
        match column:
            case Column.ACCOUNT:
                return row.name
            case Column.SEGMENT:
                return row.segment.label
            case Column.HEALTH:
                return row.health.label
            case Column.REVENUE:
                return money(row.current_revenue, row.currency)
            case Column.POTENTIAL:
                return money(row.potential_revenue, row.currency)
            case Column.OWNER:
                return row.owner or MISSING
            case Column.RENEWAL:
                return short_date(row.renewal_date) if row.renewal_date else MISSING
            case Column.LAST_CONTACT:
                return short_date(row.last_contact) if row.last_contact else "Never"
            case Column.PROMISES:
                return f"{row.open_ours} / {row.open_theirs}"

    @staticmethod
    def _sort_key(row: AccountRow, column: Column):
        match column:
            case Column.ACCOUNT:
                return row.name.casefold()
            case Column.SEGMENT:
                return SEGMENT_ORDER[row.segment]
            case Column.HEALTH:
                return HEALTH_ORDER[row.health]
            case Column.REVENUE:
                return row.current_revenue
            case Column.POTENTIAL:
                return row.potential_revenue
            case Column.OWNER:
                return (row.owner or "").casefold()
            case Column.RENEWAL:
                # No renewal date sorts after every real one.
                return row.renewal_date.toordinal() if row.renewal_date else 10**7
            case Column.LAST_CONTACT:
                # Never contacted sorts as the longest ago.
                return row.last_contact.toordinal() if row.last_contact else 0
            case Column.PROMISES:
                return row.open_ours * 1_000_000 + row.open_theirs

    @staticmethod
    def _is_missing(row: AccountRow, column: Column) -> bool:
        return ((column is Column.OWNER and not row.owner)
                or (column is Column.RENEWAL and not row.renewal_date)
                or (column is Column.LAST_CONTACT and not row.last_contact)
                or (column is Column.PROMISES and not (row.open_ours or row.open_theirs)))

    def _tooltip(self, row: AccountRow, column: Column) -> str | None:
        today = self._today or dt.date.today()
        match column:
            case Column.ACCOUNT:
                return row.name  # the cell may be too narrow for all of it
            case Column.OWNER:
                return row.owner
            case Column.HEALTH:
                return row.health_reason or None
            case Column.RENEWAL if row.renewal_date:
                if row.renewal_date < today:
                    return f"The renewal date passed {_days_ago(row.renewal_date, today)}"
                return f"Renews {_days_ago(row.renewal_date, today)}"
            case Column.LAST_CONTACT if row.last_contact:
                return _days_ago(row.last_contact, today).capitalize()
            case Column.PROMISES:
                return (f"{row.open_ours} open promise(s) of ours, "
                        f"{row.open_theirs} of theirs")
        return None

    def _health_icon(self, health: Health) -> QIcon:
        if health not in self._health_icons:
            self._health_icons[health] = _dot(HEALTH_COLOURS[health])
        return self._health_icons[health]


def _alignment(column: Column) -> Qt.AlignmentFlag:
    horizontal = Qt.AlignmentFlag.AlignRight if column in NUMERIC else Qt.AlignmentFlag.AlignLeft
    return horizontal | Qt.AlignmentFlag.AlignVCenter


def _dot(colour: str, size: int = 10) -> QIcon:
    """A small filled circle, the health marker."""
    pixmap = QPixmap(size * 2, size * 2)  # drawn at twice the size, crisp on high-DPI screens
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(2, 2, size * 2 - 4, size * 2 - 4)
    painter.end()
    pixmap.setDevicePixelRatio(2.0)
    return QIcon(pixmap)


class AccountsTable(QTableView):
    """The accounts table. The Account column takes the width the others leave, but never
    less than ACCOUNT_MIN_WIDTH: a narrow window scrolls sideways instead of hiding names."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.horizontalHeader().sectionResized.connect(self._section_resized)

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


class AccountsFilter(QSortFilterProxyModel):
    """Narrows the accounts to those whose name holds the typed text. Sorting is passed on
    to the accounts model, which sorts by each column's raw value (numbers as numbers,
    dates as dates) much faster than the proxy can; the proxy keeps the model's order."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)  # should anything sort the proxy itself
        self._needle = ""

    def set_name_filter(self, text: str) -> None:
        """Show only the accounts whose name contains `text`, in any case."""
        needle = text.strip().casefold()
        if needle == self._needle:
            return
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later
            self.beginFilterChange()
            self._needle = needle
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._needle = needle
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int,
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        # One lookup in a list of folded names, not a data() call per row: it keeps
        # filtering 10,000 accounts within a keystroke.
        return not self._needle or self._needle in self.sourceModel().folded_name(source_row)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)


class AccountsPage(QWidget):
    """The list of accounts: a heading with the count, a filter, and the table."""

    account_activated = Signal(int)  # an account id, when a row is double-clicked

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = AccountsTableModel(parent=self)
        self.proxy = AccountsFilter(self)
        self.proxy.setSourceModel(self.model)

        self.title = QLabel("Accounts")
        self.title.setObjectName("pageTitle")
        self.count_label = QLabel()
        self.count_label.setObjectName("pageSubtitle")
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Filter by name")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMinimumWidth(280)
        self.search.textChanged.connect(self._filter_changed)
        find = QAction(self)
        find.setShortcut("Ctrl+F")
        find.triggered.connect(self.focus_search)
        self.addAction(find)

        self.table = self._make_table()
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
        header.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBaseline)
        header.addStretch(1)
        header.addWidget(self.search)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(16)
        layout.addLayout(header)
        layout.addWidget(self.body, 1)

        for signal in (self.proxy.modelReset, self.proxy.rowsInserted, self.proxy.rowsRemoved,
                       self.proxy.layoutChanged):
            signal.connect(self._update_count)
        self._update_count()

    def _make_table(self) -> QTableView:
        table = AccountsTable()
        table.setObjectName("accountsTable")
        table.setModel(self.proxy)
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
        self._fit_columns(table)
        table.doubleClicked.connect(self._row_activated)
        return table

    @staticmethod
    def _fit_columns(table: QTableView) -> None:
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

    # ------------------------------------------------------------ the data

    def set_workspace(self, ws: Workspace | None) -> None:
        """Show the accounts of `ws`; an empty page when no workspace is open."""
        self.model.set_rows(account_rows(ws) if ws is not None else [])

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def account_ids(self) -> list[int]:
        """The ids of the accounts shown, in the order shown."""
        return [self.proxy.index(r, 0).data(ROW_ROLE).id for r in range(self.proxy.rowCount())]

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_name_filter(text)
        self._update_count()

    def _row_activated(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if row is not None:
            self.account_activated.emit(row.id)

    def _update_count(self, *_args) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        noun = "account" if total == 1 else "accounts"
        if shown == total:
            self.count_label.setText(f"{total:,} {noun}")
        else:
            self.count_label.setText(f"{shown:,} of {total:,} {noun}")
        if shown:
            self.body.setCurrentWidget(self.table)
        else:
            if total:
                self.empty_label.setText(
                    f"No account name contains \u201c{self.search.text().strip()}\u201d.")
            else:
                self.empty_label.setText("There are no accounts in this workspace yet.")
            self.body.setCurrentWidget(self.empty_label)
