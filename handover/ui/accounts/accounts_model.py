"""The accounts list as a table model: its columns, and each account's line over its
AccountRow value, sorted and updated in place."""

from __future__ import annotations

import bisect
import datetime as dt
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QIcon

from handover.domain.records import Health, Segment
from handover.domain.words import money
from handover.store.queries import AccountRow
from handover.ui.shell.text import tooltip
from handover.ui.shell.words import (
    HEALTH_COLOURS,
    HEALTH_ORDER,
    MISSING,
    ROOT,
    SORT_ROLE,
    dot_icon,
    short_date,
)
from handover.ui.shell.words import MUTED as MUTED_INK

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the whole AccountRow of a line

SEGMENT_ORDER = {s: i for i, s in enumerate(Segment)}  # strategic, key, mid-size, small
MUTED = QColor(MUTED_INK)  # the brush the model hands Qt for a missing figure
ARCHIVED_NOTE = " (archived)"


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
    Column.PROMISES: "Promises",
}
HEADER_TIPS = {
    Column.REVENUE: "Current annual revenue",
    Column.POTENTIAL: "Potential annual revenue",
    Column.LAST_CONTACT: "The latest interaction or stakeholder contact",
    Column.PROMISES: "Open promises: ours (we owe the customer) / theirs (the customer owes us)",
}
NUMERIC = {Column.REVENUE, Column.POTENTIAL, Column.PROMISES}


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
        # Counts the changes to the rows, so a filter knows when its answers are stale.
        self.generation = 0

    # ------------------------------------------------------------ the data

    def set_rows(self, rows: list[AccountRow]) -> None:
        """Show `rows`, in the order of the last sort asked for (if any)."""
        self.generation += 1
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
        self.generation += 1
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

    def position_of(self, account_id: int) -> int | None:
        """Where the account is in the model's rows; None when it is not listed."""
        for number, row in enumerate(self._rows):
            if row.id == account_id:
                return number
        return None

    def put_row(self, account_id: int, row: AccountRow | None) -> None:
        """Show the account as `row` in its sorted place; None removes it from the list.
        Only that line changes, so a view keeps its selection and scroll position."""
        self.generation += 1
        at = self.position_of(account_id)
        if row is None:
            if at is not None:
                self.beginRemoveRows(ROOT, at, at)
                del self._rows[at]
                del self._folded[at]
                self.endRemoveRows()
            return
        if at is None:
            place = self._place_for(row, self._rows)
            self.beginInsertRows(ROOT, place, place)
            self._rows.insert(place, row)
            self._folded.insert(place, row.name.casefold())
            self.endInsertRows()
            return
        others = self._rows[:at] + self._rows[at + 1:]
        place = self._place_for(row, others)
        if place != at:
            # In the numbering before the move, as beginMoveRows counts.
            self.beginMoveRows(ROOT, at, at, ROOT, place + 1 if place > at else place)
            self._rows = others[:place] + [row] + others[place:]
            self._folded.insert(place, self._folded.pop(at))
            self.endMoveRows()
        self._rows[place] = row
        self._folded[place] = row.name.casefold()
        self.dataChanged.emit(self.index(place, 0), self.index(place, COLUMN_COUNT - 1))

    def _place_for(self, row: AccountRow, rows: list[AccountRow]) -> int:
        column, order = self._sorted_by or (Column.ACCOUNT, Qt.SortOrder.AscendingOrder)
        key = self._sort_function(column)
        keys = [key(r) for r in rows]
        if order == Qt.SortOrder.AscendingOrder:
            return bisect.bisect_left(keys, key(row))
        keys.reverse()
        return len(keys) - bisect.bisect_right(keys, key(row))

    def _sort_function(self, column: Column):
        key = self._sort_key
        if column is Column.ACCOUNT:
            return lambda row: (key(row, column), row.id)
        # Equal values keep the accounts in name order.
        return lambda row: (key(row, column), row.name.casefold(), row.id)

    def row_at(self, row: int) -> AccountRow:
        return self._rows[row]

    def rows_view(self) -> tuple[AccountRow, ...]:
        """Every row, in the model's order."""
        return tuple(self._rows)

    def folded_names(self) -> tuple[str, ...]:
        """Every account's name as the filter compares it, in the model's order."""
        return tuple(self._folded)

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
        if role == Qt.ItemDataRole.ForegroundRole and (row.archived
                                                        or self._is_missing(row, column)):
            return MUTED
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(self._tooltip(row, column))
        if role == ROW_ROLE:
            return row
        return None

    # ------------------------------------------------------------ how each cell reads

    @staticmethod
    def _text(row: AccountRow, column: Column) -> str:
        match column:
            case Column.ACCOUNT:
                return row.name + ARCHIVED_NOTE if row.archived else row.name
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
                # The cell may be too narrow for all of the name.
                return f"{row.name}: archived" if row.archived else row.name
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
            case Column.REVENUE:
                return f"Current annual revenue: {money(row.current_revenue, row.currency)}"
            case Column.POTENTIAL:
                return (f"Potential annual revenue: "
                        f"{money(row.potential_revenue, row.currency)}")
        return None

    def _health_icon(self, health: Health) -> QIcon:
        if health not in self._health_icons:
            self._health_icons[health] = dot_icon(HEALTH_COLOURS[health])
        return self._health_icons[health]


def _alignment(column: Column) -> Qt.AlignmentFlag:
    horizontal = Qt.AlignmentFlag.AlignRight if column in NUMERIC else Qt.AlignmentFlag.AlignLeft
    return horizontal | Qt.AlignmentFlag.AlignVCenter
