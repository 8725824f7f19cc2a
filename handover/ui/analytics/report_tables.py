"""The Analytics page's tables: a read-only table model over report rows, its columns for
each list (outliers, bands, give without get, tactics, neglected potential) and the words
their cells use."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QHeaderView,
    QTableView,
)

from handover.domain.analytics import Neglected, Outlier
from handover.domain.words import money
from handover.ui.shell.chart_parts import compact_money, tactic_word
from handover.ui.shell.tables import make_table
from handover.ui.shell.text import tooltip
from handover.ui.shell.words import DANGER, MISSING, MUTED, ROOT, SORT_ROLE, WARNING, short_date

ACCOUNT_ROLE = Qt.ItemDataRole.UserRole + 20  # the account a table row opens


def share_text(share: float | None) -> str:
    return MISSING if share is None else f"{share * 100:.0f}%"


def pct_text(value: float | None, digits: int = 1) -> str:
    return MISSING if value is None else f"{value:.{digits}f}%"


def by_currency(amounts: dict[str, float]) -> str:
    """Amounts per currency, largest first, compact: "$2.01m · €1.97m · £317k"."""
    ordered = sorted(amounts.items(), key=lambda kv: -kv[1])
    return " \u00b7 ".join(compact_money(v, cur) for cur, v in ordered) or MISSING


@dataclass(frozen=True)
class Column:
    """One column of a report table: its heading and what each row shows in it."""

    header: str
    text: Callable[[Any], str]
    sort: Callable[[Any], Any] | None = None
    right: bool = False
    colour: Callable[[Any], str | None] | None = None
    tip: Callable[[Any], str | None] | None = None
    header_tip: str = ""
    bold: Callable[[Any], bool] | None = None
    sample: str = ""  # what a wide cell holds, for the column's width


class ReportTableModel(QAbstractTableModel):
    """A read-only table over the rows of one figure (report dataclasses)."""

    def __init__(self, columns: Sequence[Column],
                 account_of: Callable[[Any], int | None] | None = None, parent=None):
        super().__init__(parent)
        self.columns = list(columns)
        self.account_of = account_of
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, number: int) -> Any:
        return self._rows[number]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.header
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.header_tip or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._align(column)
        return None

    @staticmethod
    def _align(column: Column):
        return ((Qt.AlignmentFlag.AlignRight if column.right else Qt.AlignmentFlag.AlignLeft)
                | Qt.AlignmentFlag.AlignVCenter)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows) \
                or not 0 <= index.column() < len(self.columns):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == SORT_ROLE:
            return column.sort(row) if column.sort else column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._align(column)
        if role == Qt.ItemDataRole.ForegroundRole and column.colour:
            colour = column.colour(row)
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.ToolTipRole and column.tip:
            return tooltip(column.tip(row))
        if role == Qt.ItemDataRole.FontRole and column.bold and column.bold(row):
            font = QFont()
            font.setWeight(QFont.Weight.DemiBold)
            return font
        if role == ACCOUNT_ROLE and self.account_of:
            return self.account_of(row)
        return None


def report_table(model: ReportTableModel, name: str, *, stretch: int = 0) -> QTableView:
    proxy = QSortFilterProxyModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setSourceModel(model)
    table = make_table(proxy, object_name=name)
    table.setSortingEnabled(True)
    table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    cells = table.fontMetrics()
    bold = QFont(table.font())
    bold.setWeight(QFont.Weight.DemiBold)
    headings = QFontMetrics(bold)
    header = table.horizontalHeader()
    for number, column in enumerate(model.columns):
        width = max(cells.horizontalAdvance(column.sample),
                    headings.horizontalAdvance(column.header) + 10)
        header.resizeSection(number, width + 22)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    if model.account_of is not None:
        table.setToolTip("Double-click a row to open the account")
    return table


def table_text(table: QTableView, row: int, column: int) -> str:
    """What a table shows in a cell, in its current order: for tests."""
    model = table.model()
    return model.data(model.index(row, column)) or ""


def account_tip(o: Outlier) -> str:
    if o.excess is not None:
        return (f"{o.account_name} ({o.segment.label}): {o.discount_pct:.1f}% on "
                f"{short_date(o.date)}, above the maximum of {o.max_pct:g}% in force that "
                f"day \u2014 {money(o.excess, o.currency)} a year above it")
    return (f"{o.account_name} ({o.segment.label}): {o.discount_pct:.1f}% on average "
            f"against {o.peer_mean_pct:.1f}% for its peers (z = {o.z:.1f})")


OUTLIER_COLUMNS = [
    Column("Account", lambda o: o.account_name, lambda o: o.account_name.casefold(),
           tip=account_tip, sample="Riverbrook Chemicals"),
    Column("Discount", lambda o: pct_text(o.discount_pct), lambda o: o.discount_pct,
           right=True, bold=lambda o: True,
           colour=lambda o: DANGER if o.excess is not None else WARNING, sample="31.5%",
           header_tip="A concession's discount; for a peer outlier, the account's average"),
    Column("Against", lambda o: (f"max {o.max_pct:g}%" if o.excess is not None
                                 else f"peers {o.peer_mean_pct:.0f}%"),
           lambda o: o.max_pct if o.max_pct is not None else -1.0, sample="peers 12%",
           header_tip="The policy maximum of the concession's day, or the peers' average",
           colour=lambda o: MUTED),
    Column("Over by", lambda o: (compact_money(o.excess, o.currency) if o.excess is not None
                                 else f"z {o.z:.1f}"),
           lambda o: o.excess if o.excess is not None else -1.0, right=True,
           sample="\u20ac1.97m", header_tip="Money a year above the maximum; or the peer "
                                            "z-score"),
]


BAND_COLUMNS = [
    Column("Segment", lambda b: b.segment.label, lambda b: list(type(b.segment)).index(
        b.segment), bold=lambda b: True, sample="Strategic"),
    Column("Concessions", lambda b: f"{b.concessions:,}", lambda b: b.concessions,
           right=True, sample="1,000", header_tip="Concessions with a discount %"),
    Column("Median", lambda b: pct_text(b.median), lambda b: b.median, right=True,
           bold=lambda b: True, sample="10.0%"),
    Column("Middle half", lambda b: f"{b.q1:.1f}\u2013{b.q3:.1f}%", lambda b: b.q3 - b.q1,
           right=True, sample="10.0\u201320.0%",
           header_tip="The interquartile range: q1 to q3"),
    Column("P10\u2013P90", lambda b: f"{b.p10:.1f}\u2013{b.p90:.1f}%", lambda b: b.p90,
           right=True, sample="10.0\u201320.0%"),
    Column("Min\u2013max", lambda b: f"{b.minimum:.1f}\u2013{b.maximum:.1f}%",
           lambda b: b.maximum, right=True, sample="10.0\u201330.0%",
           colour=lambda b: DANGER if b.max_pct is not None and b.maximum > b.max_pct
           else None),
    Column("Target", lambda b: pct_text(b.target_pct, 0), lambda b: b.target_pct or -1,
           right=True, sample="12%", colour=lambda b: "#2f8f57",
           header_tip="The policy in force today"),
    Column("Max", lambda b: pct_text(b.max_pct, 0), lambda b: b.max_pct or -1, right=True,
           sample="20%", colour=lambda b: DANGER, header_tip="The policy in force today"),
]


NOTHING_COLUMNS = [
    Column("Account", lambda a: a.account_name, lambda a: a.account_name.casefold(),
           tip=lambda a: f"{a.account_name} ({a.segment.label})", sample="Riverbrook"),
    Column("For nothing", lambda a: f"{a.nothing} of {a.concessions}", lambda a: a.nothing,
           right=True, bold=lambda a: True, colour=lambda a: DANGER, sample="43 of 78",
           header_tip="Concessions answered \u201cnothing in return\u201d, of all"),
    Column("Share", lambda a: share_text(a.share_for_nothing),
           lambda a: a.share_for_nothing or 0.0, right=True, sample="100%"),
    Column("Value", lambda a: compact_money(a.given_for_nothing, a.currency),
           lambda a: a.given_for_nothing, right=True, sample="\u20ac739k",
           header_tip="Conceded value per year given for nothing, in the account's "
                      "currency"),
    Column("Not said", lambda a: str(a.unanswered) if a.unanswered else MISSING,
           lambda a: a.unanswered, right=True, sample="12",
           colour=lambda a: WARNING if a.unanswered else MUTED,
           header_tip="Concessions where nobody said what was received"),
]


TACTIC_COLUMNS = [
    Column("Tactic", lambda t: tactic_word(t.tactic.label), lambda t: t.tactic.value,
           tip=lambda t: t.tactic.label, sample="Late procurement squeeze"),
    Column("Followed", lambda t: f"{t.concessions:,}", lambda t: t.concessions,
           right=True, sample="1,000",
           tip=lambda t: f"Conceded per year: {by_currency(t.value_by_currency)}",
           header_tip="Concessions that followed the tactic"),
    Column("For nothing", lambda t: f"{t.nothing:,}", lambda t: t.nothing, right=True,
           colour=lambda t: DANGER, sample="1,000"),
    Column("Share", lambda t: share_text(t.share_for_nothing),
           lambda t: t.share_for_nothing or 0.0, right=True, bold=lambda t: True,
           sample="100%", header_tip="Share of them given for nothing in return"),
    Column("Mean", lambda t: pct_text(t.mean_discount_pct),
           lambda t: t.mean_discount_pct or 0.0, right=True, sample="10.0%",
           header_tip="Mean discount % of those with one"),
]


def _headroom(n: Neglected) -> str:
    return "no revenue yet" if n.headroom is None else f"{n.headroom:.1f}\u00d7"


NEGLECTED_COLUMNS = [
    Column("Account", lambda n: n.account_name, lambda n: n.account_name.casefold(),
           sample="Riverbrook Chemicals Pte Ltd"),
    Column("Segment", lambda n: n.segment.label, lambda n: n.segment.value,
           sample="Strategic"),
    Column("Revenue", lambda n: money(n.current_revenue, n.currency),
           lambda n: n.current_revenue, right=True, sample="\u20ac1,250,000"),
    Column("Potential", lambda n: money(n.potential_revenue, n.currency),
           lambda n: n.potential_revenue, right=True, sample="\u20ac12,500,000"),
    Column("Headroom", _headroom, lambda n: n.headroom if n.headroom is not None else 1e9,
           right=True, bold=lambda n: True, sample="no revenue yet",
           header_tip="Potential / current revenue"),
    Column("Contacts, 180 days", lambda n: str(n.interactions_recent),
           lambda n: n.interactions_recent, right=True, sample="12",
           colour=lambda n: DANGER if n.interactions_recent == 0 else None,
           header_tip="Interactions in the last 180 days"),
    Column("Last contact", lambda n: (MISSING if n.days_since_contact is None
                                      else f"{n.days_since_contact:,} days ago"),
           lambda n: n.days_since_contact if n.days_since_contact is not None else 10**6,
           right=True, sample="1,000 days ago",
           colour=lambda n: WARNING if (n.days_since_contact or 10**6) > 90 else None),
]
