"""The Accounts page: every account of the workspace in one sortable, filterable table,
the edits made from it (new, edit, archive), and the account opened from it."""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import time
from collections.abc import Iterator
from contextlib import contextmanager
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetrics,
    QIcon,
    QKeyEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from handover.domain.errors import HandoverError
from handover.domain.records import Account, Health, Segment
from handover.domain.words import money
from handover.store.queries import AccountRow, account_row, account_rows, people_by_name
from handover.ui.shell import dialogs
from handover.ui.shell.resources import icon, resource_path
from handover.ui.shell.session import Change, Session
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
NO_OWNER = -1  # the owner filter's "No owner": person ids start at 1
# The edits that change what a line of the list says.
LISTED_TABLES = ("accounts", "contacts", "interactions", "commitments")

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
COMBO_MIN_WIDTH = 72  # a filter's drop-down in the narrowest window


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


class AccountsFilter(QSortFilterProxyModel):
    """Narrows the accounts to those whose name holds the typed text and that are of the
    segment, health and owner chosen. Sorting is passed on to the accounts model, which
    sorts by each column's raw value (numbers as numbers, dates as dates) much faster than
    the proxy can; the proxy keeps the model's order."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)  # should anything sort the proxy itself
        self._model: AccountsTableModel | None = None
        self._needle = ""
        self._segment: Segment | None = None
        self._health: Health | None = None
        self._owner: int | None = None  # a person's id, NO_OWNER, or None for anyone
        # Every row's answer, worked out in one pass when a filter changes, for the model
        # generation it was worked out for.
        self._accepted: list[bool] = []
        self._accepted_for = -1

    def setSourceModel(self, model: AccountsTableModel) -> None:
        super().setSourceModel(model)
        self._model = model
        self._accepted_for = -1

    def set_name_filter(self, text: str) -> None:
        """Show only the accounts whose name contains `text`, in any case."""
        needle = text.strip().casefold()
        if needle != self._needle:
            self._refilter(lambda: setattr(self, "_needle", needle))

    def set_segment(self, segment: Segment | None) -> None:
        """Show only the accounts of `segment`; None: of any segment."""
        if segment is not self._segment:
            self._refilter(lambda: setattr(self, "_segment", segment))

    def set_health(self, health: Health | None) -> None:
        """Show only the accounts whose health is `health`; None: any health."""
        if health is not self._health:
            self._refilter(lambda: setattr(self, "_health", health))

    def set_owner(self, owner: int | None) -> None:
        """Show only the accounts owned by the person with id `owner` (NO_OWNER: those
        nobody owns); None: whoever owns them."""
        if owner != self._owner:
            self._refilter(lambda: setattr(self, "_owner", owner))

    def is_narrowed(self) -> bool:
        """True when any filter leaves some accounts out."""
        return bool(self._needle) or self.narrowed_by_choice()

    def narrowed_by_choice(self) -> bool:
        """True when a segment, a health or an owner is chosen."""
        return (self._segment, self._health, self._owner) != (None, None, None)

    def _refilter(self, change) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later
            self.beginFilterChange()
            change()
            self._work_out_answers()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self._work_out_answers()
            self.invalidateRowsFilter()

    def _work_out_answers(self) -> None:
        """Answer for every row at once, in plain Python over the model's lists: the proxy
        then only looks the answers up. Qt asks row by row, and each question costs a call
        from C++ into Python; so filtering 10,000 accounts stays within a keystroke."""
        model = self._model
        if model is None or not self.is_narrowed():
            self._accepted_for = -1
            return
        needle = self._needle
        names = model.folded_names()
        answers = [needle in name for name in names] if needle else [True] * len(names)
        if self.narrowed_by_choice():
            segment, health, owner = self._segment, self._health, self._owner
            for number, row in enumerate(model.rows_view()):
                if answers[number] and (
                        (segment is not None and row.segment is not segment)
                        or (health is not None and row.health is not health)
                        or (owner is not None and (row.owner_id or NO_OWNER) != owner)):
                    answers[number] = False
        self._accepted = answers
        self._accepted_for = model.generation

    def filterAcceptsRow(self, source_row: int,
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if self._accepted_for < 0 and not self.is_narrowed():
            return True
        model = self._model
        if self._accepted_for == model.generation:
            return self._accepted[source_row]
        # The rows changed since the answers were worked out (an edit, a sort): this one
        # is answered on its own.
        if self._needle and self._needle not in model.folded_name(source_row):
            return False
        row = model.row_at(source_row)
        return not ((self._segment is not None and row.segment is not self._segment)
                    or (self._health is not None and row.health is not self._health)
                    or (self._owner is not None
                        and (row.owner_id or NO_OWNER) != self._owner))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)


def _choice_box(name: str, everything: str, choices: list[tuple[str, object]],
                icons: dict[object, QIcon] | None = None, *,
                letters: int | None = None) -> QComboBox:
    """A filter's drop-down: "All ..." and then each choice. As wide as its longest choice,
    or with `letters`, as that many characters (a list of names can hold a long one). In a
    narrow window it gives way and shortens its text rather than widen the window."""
    box = QComboBox()
    box.setObjectName(name)
    box.addItem(everything, None)
    for text, value in choices:
        box.addItem((icons or {}).get(value, QIcon()), text, value)
    if letters is None:
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    else:
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(letters)
    box.setMinimumWidth(COMBO_MIN_WIDTH)
    return box


# The filters' drop-downs as tall as the filter box beside them. Kept with the page, where
# they are used; the rest of the look is in resources/style.qss. The arrow is named by its
# path: the "icons:" prefix only works once the application's style is applied.
FILTER_BOX_STYLE = f"""
QComboBox {{ background: #ffffff; border: 1px solid #d5dbe3; border-radius: 6px;
             padding: 5px 8px; }}
QComboBox:focus, QComboBox:on {{ border: 1px solid #2f6fde; }}
QComboBox::drop-down {{ border: none; width: 22px; }}
QComboBox::down-arrow {{ image: url({resource_path("icons", "sort-down.svg").as_posix()});
                         width: 10px; height: 6px; }}
"""


class AccountsPage(QWidget):
    """The list of accounts: a heading with the count and the edit buttons, the filters,
    and the table. Edits go through the session, so each one is saved at once and can be
    undone; the table redraws from the session's changes."""

    account_activated = Signal(int)  # an account id: open it (double click, Enter, Open)
    status_message = Signal(str)  # a short note for the status bar, after an edit

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.session: Session | None = None
        self._read_only_notice = ""
        self.model = AccountsTableModel(parent=self)
        self.proxy = AccountsFilter(self)
        self.proxy.setSourceModel(self.model)

        self.title = QLabel("Accounts")
        self.title.setObjectName("pageTitle")
        self.count_label = QLabel()
        self.count_label.setObjectName("pageSubtitle")
        self.count_label.setMinimumWidth(1)  # in a narrow window the count gives way first
        self._make_actions()
        self.new_button = self._button(self.new_action, "primaryButton")
        self.edit_button = self._button(self.edit_action, text="Edit\u2026")
        self.archive_button = self._button(self.archive_action)

        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Filter by name")
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMinimumWidth(90)
        self.search.setMaximumWidth(320)
        self.search.textChanged.connect(self._filter_changed)
        self.segment_box = _choice_box("segmentFilter", "All segments",
                                       [(s.label, s) for s in Segment])
        self.health_box = _choice_box("healthFilter", "All health",
                                      [(h.label, h) for h in Health],
                                      {h: dot_icon(HEALTH_COLOURS[h]) for h in Health})
        self.owner_box = _choice_box("ownerFilter", "All owners", [], letters=16)
        for box in (self.segment_box, self.health_box, self.owner_box):
            box.setStyleSheet(FILTER_BOX_STYLE)
            box.currentIndexChanged.connect(self._filter_changed)
        self.show_archived = QCheckBox("Show archived")
        self.show_archived.setToolTip("List the archived accounts too, to look at or restore")
        self.show_archived.toggled.connect(lambda _on: self.reload())

        self.table = self._make_table()
        self.empty_state = self._make_empty_state()
        self.body = QStackedWidget()
        self.body.addWidget(self.table)
        self.body.addWidget(self.empty_state)

        header = QHBoxLayout()
        header.setSpacing(12)
        header.addWidget(self.title, 0, Qt.AlignmentFlag.AlignBaseline)
        header.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBaseline)
        header.addStretch(1)
        header.addWidget(self.edit_button)
        header.addWidget(self.archive_button)
        header.addSpacing(4)
        header.addWidget(self.new_button)
        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.segment_box)
        filters.addWidget(self.health_box)
        filters.addWidget(self.owner_box)
        filters.addSpacing(8)
        filters.addWidget(self.show_archived)
        filters.addStretch(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        layout.addLayout(header)
        layout.addLayout(filters)
        layout.addSpacing(2)
        layout.addWidget(self.body, 1)

        for signal in (self.proxy.modelReset, self.proxy.rowsInserted, self.proxy.rowsRemoved,
                       self.proxy.layoutChanged):
            signal.connect(self._update_count)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.table.selectionModel().currentChanged.connect(self._update_actions)
        self._update_count()
        self._update_actions()

    def _make_actions(self) -> None:
        self.new_action = QAction("New account\u2026", self)
        self.new_action.setToolTip("Add an account to the workspace")
        self.new_action.triggered.connect(self.new_account)
        self.open_action = QAction("Open", self)
        self.open_action.triggered.connect(self._open_current)
        self.edit_action = QAction("Edit account\u2026", self)
        self.edit_action.setShortcut(QKeySequence("F2"))
        self.edit_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.edit_action.setToolTip("Change the selected account's name, size, health or owner"
                                    " (F2)")
        self.edit_action.triggered.connect(self._edit_current)
        self.archive_action = QAction("Archive", self)
        self.archive_action.triggered.connect(self.archive_selected)
        self.addAction(self.edit_action)

    def _button(self, action: QAction, name: str = "", text: str = "") -> QPushButton:
        """A button that does what `action` does and follows its state; its label is the
        action's unless `text` is given."""
        button = QPushButton(text or action.text())
        if name:
            button.setObjectName(name)
        button.clicked.connect(action.trigger)

        def follow() -> None:
            button.setText(text or action.text())
            button.setEnabled(action.isEnabled())
            button.setToolTip(action.toolTip())
        action.changed.connect(follow)
        follow()
        return button

    def _make_empty_state(self) -> QWidget:
        """What the page shows instead of an empty table: why it is empty and, when the
        filters hide every account, the way back to all of them."""
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.clear_filters_button = QPushButton("Clear filters")
        self.clear_filters_button.setObjectName("clearFilters")
        self.clear_filters_button.clicked.connect(self.clear_filters)
        state = QWidget()
        column = QVBoxLayout(state)
        column.addStretch(2)
        column.addWidget(self.empty_label)
        column.addSpacing(6)
        column.addWidget(self.clear_filters_button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(3)
        return state

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
        table.open_requested.connect(self._row_activated)
        table.context_menu_requested.connect(self._show_context_menu)
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

    def set_session(self, session: Session | None, read_only_notice: str = "") -> None:
        """Show the accounts of the session's workspace (None: an empty page). With a
        `read_only_notice` the accounts can be read but not changed, and the edit buttons
        say why."""
        if self.session is not None:
            self.session.changed.disconnect(self._session_changed)
        self.session = session
        self._read_only_notice = read_only_notice
        if session is not None:
            session.changed.connect(self._session_changed)
        self._fill_owner_box()
        self.reload()

    @property
    def can_edit(self) -> bool:
        return self.session is not None and not self._read_only_notice

    def reload(self) -> None:
        """Read every line again, keeping the selected accounts selected."""
        selected = self.selected_ids()
        current = self.current_id()
        ws = self.session.ws if self.session is not None else None
        self.model.set_rows(account_rows(ws, include_archived=self.show_archived.isChecked())
                            if ws is not None else [])
        self.select_ids(selected, current)
        self._update_actions()

    def _session_changed(self, change: Change) -> None:
        if change.touches("people"):
            self._fill_owner_box()  # a person added, renamed or removed
            self.reload()  # their name is on the lines of the accounts they own
            return
        if not change.touches(*LISTED_TABLES):
            return
        if change.account_id is None:
            self.reload()
            return
        row = account_row(self.session.ws, change.account_id)
        if row is not None and row.archived and not self.show_archived.isChecked():
            row = None
        self.model.put_row(change.account_id, row)
        self._update_count()
        self._update_actions()

    def _fill_owner_box(self) -> None:
        box = self.owner_box
        chosen = box.currentData()
        box.blockSignals(True)
        try:
            box.clear()
            box.addItem("All owners", None)
            box.addItem("No owner", NO_OWNER)
            if self.session is not None:
                for person in people_by_name(self.session.ws):
                    box.addItem(person.name, person.id)
            found = box.findData(chosen) if chosen is not None else 0
            box.setCurrentIndex(max(found, 0))
        finally:
            box.blockSignals(False)
        self.proxy.set_owner(box.currentData())

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def clear_filters(self) -> None:
        """Every account again: the name filter emptied and every choice back to "All"."""
        for box in (self.segment_box, self.health_box, self.owner_box):
            box.setCurrentIndex(0)
        self.search.clear()

    # ------------------------------------------------------------ what is shown, selected

    def account_ids(self) -> list[int]:
        """The ids of the accounts shown, in the order shown."""
        return [self.proxy.index(r, 0).data(ROW_ROLE).id for r in range(self.proxy.rowCount())]

    def selected_ids(self) -> list[int]:
        """The ids of the selected accounts, top to bottom."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.proxy.index(r, 0).data(ROW_ROLE).id for r in rows]

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        row = index.data(ROW_ROLE) if index.isValid() else None
        return row.id if row is not None else None

    def select_ids(self, ids: list[int], current: int | None = None) -> None:
        """Select the listed accounts that are shown; `current` gets the cursor and is
        scrolled into view."""
        selection = self.table.selectionModel()
        selection.clearSelection()
        flags = (selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
        wanted = set(ids)
        for number, row in enumerate(self.model.rows_view()):
            if row.id in wanted:
                index = self.proxy.mapFromSource(self.model.index(number, 0))
                if index.isValid():
                    selection.select(index, flags)
        if current is not None:
            at = self.model.position_of(current)
            index = (self.proxy.mapFromSource(self.model.index(at, 0)) if at is not None
                     else QModelIndex())
            if index.isValid():
                selection.setCurrentIndex(index, selection.SelectionFlag.NoUpdate)
                self.table.scrollTo(index)

    # ------------------------------------------------------------ edits

    def new_account(self) -> None:
        """Ask for a new account in the form; once saved, it is shown and selected."""
        if not self.can_edit:
            return
        account = dialogs.edit_account(self, self.session, None)
        if account is None:
            return
        self._reveal(account.id)
        self.status_message.emit(f"Added \u201c{account.name}\u201d")

    def edit_account(self, account_id: int) -> Account | None:
        """Edit the account's fields in the form; the saved account, or None."""
        if not self.can_edit:
            return None
        try:
            account = self.session.ws.get(Account, account_id)
        except HandoverError as e:
            dialogs.show_error(self, "Could not edit the account", str(e))
            return None
        return dialogs.edit_account(self, self.session, account)

    def archive_selected(self) -> None:
        """Archive the selected accounts, or restore them when every one is archived
        already. One undo step for the lot."""
        ids = self.selected_ids()
        if not self.can_edit or not ids:
            return
        ws = self.session.ws
        accounts = [ws.get(Account, i) for i in ids]
        restore = all(a.archived for a in accounts)
        accounts = [a for a in accounts if a.archived == restore]
        verb = "Restore" if restore else "Archive"
        what = (f"account \u201c{accounts[0].name}\u201d" if len(accounts) == 1
                else f"{len(accounts)} accounts")
        try:
            with self._one_undo_step(f"{verb} {what}", len(accounts) > 1):
                for account in accounts:
                    self.session.update(dataclasses.replace(account, archived=not restore),
                                        f"{verb} account \u201c{account.name}\u201d")
        except HandoverError as e:
            noun = "account" if len(accounts) == 1 else "accounts"
            dialogs.show_error(self, f"Could not {verb.lower()} the {noun}", str(e))
            return
        done = "Restored" if restore else "Archived"
        self.status_message.emit(f"{done} {what}. Edit \u25b8 Undo brings "
                                 f"{'it' if len(accounts) == 1 else 'them'} back.")
        if restore:
            self.select_ids([a.id for a in accounts], accounts[0].id)

    @contextmanager
    def _one_undo_step(self, text: str, macro: bool) -> Iterator[None]:
        if not macro:
            yield
            return
        stack = self.session.undo_stack
        stack.beginMacro(text)
        try:
            yield
        finally:
            stack.endMacro()

    def _edit_current(self) -> None:
        current = self.current_id()
        if current is not None:
            self.edit_account(current)

    def _open_current(self) -> None:
        current = self.current_id()
        if current is not None:
            self.account_activated.emit(current)

    def _reveal(self, account_id: int) -> None:
        """Show the account's line, clearing filters that hide it, and select it."""
        at = self.model.position_of(account_id)
        if at is not None and not self.proxy.mapFromSource(self.model.index(at, 0)).isValid():
            self.clear_filters()
        self.select_ids([account_id], account_id)

    def _show_context_menu(self, where) -> None:
        menu = QMenu(self)
        menu.addAction(self.open_action)
        menu.addAction(self.edit_action)
        menu.addSeparator()
        menu.addAction(self.archive_action)
        menu.addSeparator()
        menu.addAction(self.new_action)
        menu.popup(where)

    def _update_actions(self, *_args) -> None:
        selected = self.table.selectionModel().selectedRows()
        current = self.current_id()
        self.open_action.setEnabled(current is not None)
        restore = bool(selected) and all(i.data(ROW_ROLE).archived for i in selected)
        self.archive_action.setText("Restore" if restore else "Archive")
        editing = {self.new_action: True, self.edit_action: current is not None,
                   self.archive_action: bool(selected)}
        for action, possible in editing.items():
            action.setEnabled(self.can_edit and possible)
        if self._read_only_notice:
            for action in editing:
                action.setToolTip(tooltip(f"{self._read_only_notice}: changes cannot be saved"))
        else:
            self.new_action.setToolTip("Add an account to the workspace")
            self.archive_action.setToolTip(
                "Put the selected accounts back in the list" if restore else
                "Take the selected accounts out of the list; Show archived finds them again")

    # ------------------------------------------------------------ filtering

    def _filter_changed(self, *_args) -> None:
        self.proxy.set_name_filter(self.search.text())
        # A combo box gives its data back as plain text, not as the enum it was given.
        segment, health = self.segment_box.currentData(), self.health_box.currentData()
        self.proxy.set_segment(Segment(segment) if segment else None)
        self.proxy.set_health(Health(health) if health else None)
        self.proxy.set_owner(self.owner_box.currentData())
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
        self.clear_filters_button.setVisible(bool(total) and self.proxy.is_narrowed())
        if shown:
            self.body.setCurrentWidget(self.table)
        else:
            if not total:
                self.empty_label.setText("There are no accounts in this workspace yet."
                                         if self.session is not None else "")
            elif self.proxy.narrowed_by_choice():
                self.empty_label.setText("No account matches these filters.")
            else:
                self.empty_label.setText(
                    f"No account name contains \u201c{self.search.text().strip()}\u201d.")
            self.body.setCurrentWidget(self.empty_state)
        self._update_actions()


def time_filter(page: AccountsPage, text: str) -> tuple[int, float]:
    """Type `text` into the page's name filter at once and let the table redraw: how many
    accounts are then shown, and the seconds it took. For the benchmark script."""
    start = time.perf_counter()
    page.search.setText(text)
    shown = page.proxy.rowCount()
    page.table.viewport().repaint()
    return shown, time.perf_counter() - start


class OpenAccount(QWidget):
    """One account opened from the list: the way back and the edit button above the
    account's detail (its name as the heading, and its tabs)."""

    back_requested = Signal()
    edit_requested = Signal(int)  # an account id

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.account_id: int | None = None
        self.detail: QWidget | None = None
        self.back_button = QPushButton("\u2190 All accounts")
        self.back_button.setObjectName("backButton")
        self.back_button.setFlat(True)
        self.back_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.back_button.setStyleSheet(BACK_BUTTON_STYLE)
        self.back_button.setToolTip("Back to the list of accounts (Alt+Left)")
        self.back_button.clicked.connect(self.back_requested)
        back = QAction(self)
        back.setShortcuts(QKeySequence.StandardKey.Back)  # Alt+Left; only while shown
        back.triggered.connect(self.back_requested)
        self.addAction(back)
        self.edit_button = QPushButton("Edit account\u2026")
        self.edit_button.clicked.connect(self._edit)

        bar = QHBoxLayout()
        bar.setContentsMargins(20, 12, 20, 0)
        bar.addWidget(self.back_button)
        bar.addStretch(1)
        bar.addWidget(self.edit_button)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self._layout.addLayout(bar)

    def show_detail(self, account_id: int, detail: QWidget) -> None:
        """Show the account's `detail` in place of what was shown."""
        self.drop_detail()
        self.account_id = account_id
        self.detail = detail
        self._layout.addWidget(detail, 1)

    def drop_detail(self) -> None:
        """Let go of the account shown: its tabs stop listening to the workspace."""
        if self.detail is not None:
            self._layout.removeWidget(self.detail)
            self.detail.hide()
            self.detail.setParent(None)
            self.detail.deleteLater()
        self.detail = None
        self.account_id = None

    def _edit(self) -> None:
        if self.account_id is not None:
            self.edit_requested.emit(self.account_id)


# The back button reads as a link; the rest of the look is in resources/style.qss.
BACK_BUTTON_STYLE = """
QPushButton#backButton { border: none; background: transparent; color: #2f6fde;
                         padding: 4px 0; text-align: left; }
QPushButton#backButton:hover { color: #1b4aa5; text-decoration: underline; }
"""


class AccountsSection(QStackedWidget):
    """The Accounts page of the sidebar: the list, and the account opened from it."""

    status_message = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.session: Session | None = None
        self.list_page = AccountsPage()
        self.open_page = OpenAccount()
        self.addWidget(self.list_page)
        self.addWidget(self.open_page)
        self.list_page.account_activated.connect(self.open_account)
        self.list_page.status_message.connect(self.status_message)
        self.open_page.back_requested.connect(self.show_list)
        self.open_page.edit_requested.connect(self.list_page.edit_account)

    def set_session(self, session: Session | None, read_only_notice: str = "") -> None:
        """Show the accounts of another workspace (see AccountsPage.set_session); an
        account open from the one before is closed."""
        self.show_list()
        if self.session is not None:
            self.session.changed.disconnect(self._session_changed)
        self.session = session
        if session is not None:
            session.changed.connect(self._session_changed)
        self.list_page.set_session(session, read_only_notice)
        self.open_page.edit_button.setEnabled(self.list_page.can_edit)
        self.open_page.edit_button.setToolTip(tooltip(
            f"{read_only_notice}: changes cannot be saved" if read_only_notice else
            "Change this account's name, size, health or owner"))

    def open_account(self, account_id: int, record: tuple[str, int] | None = None) -> bool:
        """Show the account in its tabs; with `record` (a kind and an id, as search names
        them), that record is selected there too. False when there is no such account."""
        if self.session is None:
            return False
        try:
            self.session.ws.get(Account, account_id)
        except HandoverError as e:
            dialogs.show_error(self, "Could not open the account", str(e))
            return False
        if self.open_page.account_id != account_id or self.open_page.detail is None:
            # Imported when first needed: the tabs are not part of the window's start-up.
            from handover.ui.accounts.account_detail import CONCESSIONS_TITLE, AccountDetail
            from handover.ui.accounts.concessions import ConcessionsTab

            detail = AccountDetail(self.session, account_id)
            detail.add_tab(CONCESSIONS_TITLE,
                           ConcessionsTab(self.session, account_id, today=detail.today))
            self.open_page.show_detail(account_id, detail)
        self.setCurrentWidget(self.open_page)
        self.open_page.detail.setFocus(Qt.FocusReason.OtherFocusReason)
        show_record = getattr(self.open_page.detail, "show_record", None)
        if record is not None and callable(show_record):
            show_record(*record)
        # Back in the list, the cursor is on the account that was open.
        self.list_page.select_ids([account_id], account_id)
        return True

    def show_list(self) -> None:
        """Back to the list of accounts; the account that was open is let go."""
        self.setCurrentWidget(self.list_page)
        self.open_page.drop_detail()
        self.list_page.table.setFocus()

    def _session_changed(self, change: Change) -> None:
        shown = self.open_page.account_id
        if shown is None or change.account_id != shown or not change.touches("accounts"):
            return
        if account_row(self.session.ws, shown) is None:  # its creation was undone
            self.show_list()
