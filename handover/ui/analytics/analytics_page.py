"""The Analytics page: discount discipline across the portfolio, computed in the
background from the workspace file: the spread of discounts per segment against the
policy with its outliers named, give without get, tactic yield and neglected potential,
each chart beside a table whose rows open their account."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCharts import QChart, QChartView, QScatterSeries
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QCursor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from handover.domain.analytics import Neglected, Outlier, PortfolioReport
from handover.domain.words import money
from handover.store import Workspace
from handover.store.concession_queries import (
    AccountAnswers,
    SegmentAnswers,
    accounts_given_for_nothing,
    answers_by_segment,
)
from handover.store.portfolio import portfolio
from handover.ui.analytics.chart_parts import ACCOUNT_IDS, compact_money, tactic_word
from handover.ui.analytics.charts import (
    AnswerCounts,
    discount_band_chart,
    give_without_get_chart,
    tactic_yield_chart,
)
from handover.ui.shell import tasks
from handover.ui.shell.parts import DETAIL_STYLESHEET, SummaryCard
from handover.ui.shell.session import Change, Session
from handover.ui.shell.tables import make_table
from handover.ui.shell.text import plain_label, tooltip
from handover.ui.shell.words import DANGER, MISSING, MUTED, ROOT, SORT_ROLE, WARNING, short_date

log = logging.getLogger(__name__)

# The edits that change a figure of the page.
WATCHED_TABLES = ("concessions", "commitments", "accounts", "discount_policies",
                  "approval_limits", "people", "interactions", "contacts")
DEBOUNCE_MS = 600  # a burst of edits is recomputed once
LIST_LIMIT = 100  # each list keeps its most telling items
ACCOUNT_ROLE = Qt.ItemDataRole.UserRole + 20  # the account a table row opens


# ---------------------------------------------------------------- the work itself


@dataclass(frozen=True)
class AnalyticsData:
    """Everything the page shows, as computed from the workspace file on one day."""

    report: PortfolioReport
    segments: tuple[SegmentAnswers, ...]
    for_nothing: tuple[AccountAnswers, ...]
    seconds: float


def compute_analytics(path: Path, today: dt.date, *, limit: int = LIST_LIMIT) -> AnalyticsData:
    """The page's figures, read through a read-only connection of its own: this runs on a
    worker thread, and an SQLite connection belongs to the thread that opened it."""
    started = time.perf_counter()
    ws = Workspace.open(path, read_only=True, check=False)
    try:
        report = portfolio(ws, today, limit=limit)
        segments = tuple(answers_by_segment(ws))
        for_nothing = tuple(accounts_given_for_nothing(ws, limit))
    finally:
        ws.close()
    return AnalyticsData(report, segments, for_nothing, time.perf_counter() - started)


Runner = Callable[[Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None]],
                  None]


# ---------------------------------------------------------------- words


def share_text(share: float | None) -> str:
    return MISSING if share is None else f"{share * 100:.0f}%"


def pct_text(value: float | None, digits: int = 1) -> str:
    return MISSING if value is None else f"{value:.{digits}f}%"


def by_currency(amounts: dict[str, float]) -> str:
    """Amounts per currency, largest first, compact: "$2.01m · €1.97m · £317k"."""
    ordered = sorted(amounts.items(), key=lambda kv: -kv[1])
    return " \u00b7 ".join(compact_money(v, cur) for cur, v in ordered) or MISSING


# ---------------------------------------------------------------- a table over report rows


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


# ---------------------------------------------------------------- the tables' columns


def _account_tip(o: Outlier) -> str:
    if o.excess is not None:
        return (f"{o.account_name} ({o.segment.label}): {o.discount_pct:.1f}% on "
                f"{short_date(o.date)}, above the maximum of {o.max_pct:g}% in force that "
                f"day \u2014 {money(o.excess, o.currency)} a year above it")
    return (f"{o.account_name} ({o.segment.label}): {o.discount_pct:.1f}% on average "
            f"against {o.peer_mean_pct:.1f}% for its peers (z = {o.z:.1f})")


OUTLIER_COLUMNS = [
    Column("Account", lambda o: o.account_name, lambda o: o.account_name.casefold(),
           tip=_account_tip, sample="Riverbrook Chemicals"),
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


# ---------------------------------------------------------------- the page's parts


def _chart_view(height: int) -> QChartView:
    view = QChartView()
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setFrameShape(QFrame.Shape.NoFrame)
    view.setBackgroundBrush(QColor("#ffffff"))
    view.setMinimumHeight(height)
    return view


def _section(title: str, hint: str) -> tuple[QWidget, QVBoxLayout, QLabel]:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    heading = QLabel(title)
    heading.setObjectName("analyticsHeading")
    words = QLabel(hint)
    words.setObjectName("sectionHint")
    words.setWordWrap(True)
    layout.addWidget(heading)
    layout.addWidget(words)
    layout.addSpacing(6)
    return box, layout, heading


def _side_by_side(left: QWidget, right: QWidget, left_stretch: int = 3,
                  right_stretch: int = 2) -> QHBoxLayout:
    """The two share the width by their stretch alone, whatever their contents ask for."""
    for widget in (left, right):
        policy = widget.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        widget.setSizePolicy(policy)
        widget.setMinimumWidth(260)
    row = QHBoxLayout()
    row.setSpacing(16)
    row.addWidget(left, left_stretch)
    row.addWidget(right, right_stretch)
    return row


PAGE_STYLE = """
QWidget#analyticsPage, QWidget#analyticsContent { background: #ffffff; }
QLabel#analyticsHeading { font-size: 12.5pt; font-weight: 600; color: #1d2b3f; }
QLabel#statusLabel { color: #6b7685; }
QLabel#tableCaption { color: #5b6675; font-weight: 600; }
QProgressBar#busyBar { border: none; background: #e8eef8; border-radius: 2px; max-height: 4px; }
QProgressBar#busyBar::chunk { background: #2f6fde; border-radius: 2px; }
"""


class AnalyticsPage(QWidget):
    """Discount discipline across the portfolio, for a team lead. The figures are computed
    on a worker thread (a large workspace takes seconds), recomputed after edits that
    change them; a table row or an outlier point opens its account."""

    account_chosen = Signal(int)  # the user asked to open this account
    calculated = Signal(float)  # the figures on show are new; seconds they took
    calculation_failed = Signal(str)

    def __init__(self, parent: QWidget | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today, runner: Runner | None = None):
        """`runner(work, done, failed)` runs `work` in the background and calls back on the
        main thread; by default `tasks.run_task` (which tests make synchronous)."""
        super().__init__(parent)
        self.setObjectName("analyticsPage")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(DETAIL_STYLESHEET + PAGE_STYLE)
        self._today = today
        self._runner: Runner = runner or tasks.run_task
        self.session: Session | None = None
        self._path: Path | None = None
        self._generation = 0
        self._stale = True
        self.data: AnalyticsData | None = None
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh)

        self.title = QLabel("Analytics")
        self.title.setObjectName("pageTitle")
        self.subtitle = QLabel("Discount discipline across the portfolio")
        self.subtitle.setObjectName("pageSubtitle")
        self.status_label = QLabel()
        self.status_label.setObjectName("statusLabel")
        self.busy = QProgressBar()
        self.busy.setObjectName("busyBar")
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setFixedWidth(120)
        self.busy.hide()
        self.recalculate_button = QPushButton("Recalculate")
        self.recalculate_button.setToolTip("Compute the figures again from the workspace")
        self.recalculate_button.clicked.connect(self.refresh)
        header = QHBoxLayout()
        header.setSpacing(12)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        header.addLayout(titles)
        header.addStretch(1)
        header.addWidget(self.busy, 0, Qt.AlignmentFlag.AlignVCenter)
        header.addWidget(self.status_label, 0, Qt.AlignmentFlag.AlignVCenter)
        header.addWidget(self.recalculate_button, 0, Qt.AlignmentFlag.AlignVCenter)

        self.message = plain_label("No workspace is open.")
        self.message.setObjectName("messageText")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        self.stack.addWidget(self._content())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 0)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addWidget(self.stack, 1)

    # ------------------------------------------------------------ building

    def _content(self) -> QScrollArea:
        content = QWidget()
        content.setObjectName("analyticsContent")
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 4, 12, 24)
        column.setSpacing(26)

        strip = QHBoxLayout()
        strip.setSpacing(12)
        self.cards = {
            "concessions": SummaryCard("Concessions"),
            "nothing": SummaryCard("Given for nothing"),
            "reciprocity": SummaryCard("Reciprocity"),
            "above_policy": SummaryCard("Above policy"),
            "breaches": SummaryCard("Authority breaches"),
        }
        self.cards["reciprocity"].setToolTip("Value received in return / value given, "
                                             "per currency: below 1 gives away more than "
                                             "it gets")
        for card in self.cards.values():
            card.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            card.setMinimumWidth(150)
            strip.addWidget(card, 1)
        column.addLayout(strip)

        # The discount band
        box, layout, self.band_heading = _section(
            "Discount band per segment",
            "Each box holds the middle half of a segment's discounts with the median across "
            "it; the whiskers reach P10 and P90, the dotted line the lowest and highest. "
            "Dashed: the policy target and maximum in force today. Red points are "
            "concessions above the maximum of their own day, amber ones accounts far above "
            "their peers; the costliest are named.")
        self.band_view = _chart_view(440)
        self.outlier_model = ReportTableModel(OUTLIER_COLUMNS, lambda o: o.account_id, self)
        self.outlier_table = report_table(self.outlier_model, "outliersTable")
        self.band_model = ReportTableModel(BAND_COLUMNS, None, self)
        self.band_table = report_table(self.band_model, "bandsTable")
        self.outlier_caption = QLabel("Outliers")
        self.outlier_caption.setObjectName("tableCaption")
        self.outlier_caption.setWordWrap(True)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(6)
        right_layout.addWidget(self.outlier_caption)
        right_layout.addWidget(self.outlier_table, 1)
        layout.addLayout(_side_by_side(self.band_view, right, 3, 2))
        layout.addWidget(self.band_table)
        column.addWidget(box)

        # Give without get
        box, layout, self.answers_heading = _section(
            "Give without get",
            "What the customer gave in return for each concession: a promise of theirs, an "
            "explicit \u201cnothing\u201d, or nothing said at all. Beside it, the accounts "
            "that got the most for nothing.")
        self.answers_view = _chart_view(270)
        self.nothing_model = ReportTableModel(NOTHING_COLUMNS, lambda a: a.account_id, self)
        self.nothing_table = report_table(self.nothing_model, "forNothingTable")
        layout.addLayout(_side_by_side(self.answers_view, self.nothing_table, 1, 1))
        column.addWidget(box)

        # Tactic yield
        box, layout, self.tactics_heading = _section(
            "Tactic yield",
            "Which buyer tactics came before concessions, and how often the concession that "
            "followed got nothing in return.")
        self.tactics_view = _chart_view(380)
        self.tactic_model = ReportTableModel(TACTIC_COLUMNS, None, self)
        self.tactic_table = report_table(self.tactic_model, "tacticsTable")
        layout.addLayout(_side_by_side(self.tactics_view, self.tactic_table, 1, 1))
        column.addWidget(box)

        # Neglected potential
        box, layout, self.neglected_heading = _section(
            "Neglected potential",
            "Accounts whose potential is at least twice their revenue (or that have none "
            "yet) but that get less contact than the portfolio's median account.")
        self.neglected_model = ReportTableModel(NEGLECTED_COLUMNS, lambda n: n.account_id,
                                                self)
        self.neglected_table = report_table(self.neglected_model, "neglectedTable")
        self.neglected_table.setMinimumHeight(340)
        layout.addWidget(self.neglected_table)
        column.addWidget(box)

        for table in self.tables():
            table.activated.connect(lambda index, t=table: self._open_row(t, index))
        scroll = QScrollArea()
        scroll.setObjectName("analyticsScroll")
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        self.scroll = scroll
        return scroll

    def tables(self) -> list[QTableView]:
        return [self.outlier_table, self.band_table, self.nothing_table, self.tactic_table,
                self.neglected_table]

    # ------------------------------------------------------------ the workspace

    def set_session(self, session: Session | None) -> None:
        """Show the figures of the session's workspace, recomputed after its edits."""
        if self.session is not None:
            try:
                self.session.changed.disconnect(self._changed)
            except (RuntimeError, TypeError):
                pass  # the old session is already gone
        self.session = session
        if session is not None:
            session.changed.connect(self._changed)
        self._set_path(session.ws.path if session is not None else None)

    def set_workspace(self, ws: Workspace | None) -> None:
        """Show the figures of `ws` (without following its edits; see set_session)."""
        self.set_session(None)
        self._set_path(ws.path if ws is not None else None)

    def _set_path(self, path: Path | None) -> None:
        self._path = Path(path) if path is not None else None
        self._generation += 1  # a result still on its way is for the old workspace
        self.data = None
        self.busy.hide()
        if self._path is None:
            self._show_message("No workspace is open.")
            self.status_label.setText("")
            return
        self._show_message("Calculating\u2026")
        self._stale = True
        if self.isVisible():
            self.refresh()

    def _changed(self, change: Change) -> None:
        if change.touches(*WATCHED_TABLES):
            self._stale = True
            if self.isVisible():
                self._debounce.start()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale and self._path is not None:
            self.refresh()

    # ------------------------------------------------------------ computing

    def refresh(self) -> None:
        """Compute the figures again in the background; the page says it is calculating
        until they come (the figures shown before stay until then)."""
        self._debounce.stop()
        if self._path is None:
            return
        self._stale = False
        self._generation += 1
        generation = self._generation
        path, today = self._path, self._today()
        self.busy.show()
        self.status_label.setText("Calculating\u2026")
        self.recalculate_button.setEnabled(False)
        if self.data is None:
            self._show_message("Calculating\u2026")

        def work() -> AnalyticsData | None:
            if generation != self._generation:
                return None  # asked again meanwhile: this one is not wanted any more
            return compute_analytics(path, today)

        self._runner(work, lambda data: self._finished(generation, data),
                     lambda error: self._failed(generation, error))

    @property
    def calculating(self) -> bool:
        return self.busy.isVisibleTo(self)

    def _finished(self, generation: int, data: AnalyticsData | None) -> None:
        if not shiboken6.isValid(self) or generation != self._generation or data is None:
            return  # the page is gone, or a newer calculation is under way
        self.busy.hide()
        self.recalculate_button.setEnabled(True)
        self.show_data(data)
        self.calculated.emit(data.seconds)

    def _failed(self, generation: int, error: BaseException) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        log.error("the analytics could not be calculated", exc_info=error)
        message = str(error) or type(error).__name__
        self.busy.hide()
        self.recalculate_button.setEnabled(True)
        self.status_label.setText("Not calculated")
        self._show_message(f"The figures could not be calculated: {message}")
        self.calculation_failed.emit(message)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)

    # ------------------------------------------------------------ showing

    def show_data(self, data: AnalyticsData) -> None:
        """Show computed figures (the worker's result)."""
        self.data = data
        report = data.report
        self.subtitle.setText(f"Discount discipline across {report.accounts:,} active "
                              f"accounts, as of {short_date(report.today)}")
        self.status_label.setText(f"Calculated in {data.seconds:.2f} s")
        self._summarise(report)
        outliers = report.outliers
        self._set_chart(self.band_view, discount_band_chart(
            report.discount_bands, outliers.above_policy_items, outliers.peer_items))
        self.outlier_model.set_rows([*outliers.above_policy_items, *outliers.peer_items])
        shown = len(outliers.above_policy_items) + len(outliers.peer_items)
        total = outliers.above_policy + outliers.peer
        self.outlier_caption.setText(
            f"Outliers: {outliers.above_policy:,} concessions above policy, "
            f"{outliers.peer:,} accounts above their peers"
            + (f"; the costliest {shown:,} listed" if shown < total else ""))
        self.band_model.set_rows(report.discount_bands)
        self._fit_height(self.band_table, len(report.discount_bands))

        gg = report.give_and_get
        groups = [AnswerCounts(s.segment.label, s.received, s.nothing, s.unanswered)
                  for s in data.segments]
        if len(groups) > 1:
            groups.insert(0, AnswerCounts("All", gg.received, gg.nothing, gg.unanswered))
        self._set_chart(self.answers_view, give_without_get_chart(groups))
        self.nothing_model.set_rows(data.for_nothing)

        self._set_chart(self.tactics_view, tactic_yield_chart(report.tactics.tactics))
        self.tactic_model.set_rows(report.tactics.tactics)
        self.tactics_heading.setText(
            "Tactic yield" + (f"  \u00b7  {report.tactics.concessions_without_tactic:,} "
                              "concessions without a tactic recorded"
                              if report.tactics.concessions_without_tactic else ""))

        attention = report.attention
        self.neglected_model.set_rows(attention.items)
        median = attention.median_interactions
        self.neglected_heading.setText(
            f"Neglected potential  \u00b7  {attention.neglected:,} accounts"
            + (f", fewer than {median:g} contacts in 180 days" if median is not None else ""))
        self.stack.setCurrentIndex(1)

    def _summarise(self, report: PortfolioReport) -> None:
        cards = self.cards
        cards["concessions"].show_figure(
            f"{report.concessions:,}",
            f"in {report.accounts:,} active accounts; "
            f"{report.concessions_without_discount:,} without a discount %")
        gg = report.give_and_get
        share = gg.share_for_nothing_by_count
        cards["nothing"].show_figure(
            share_text(share), f"{gg.nothing:,} of {gg.concessions:,} concessions"
            + (f"; {gg.unanswered:,} not said" if gg.unanswered else ""),
            DANGER if share and share >= 0.2 else None)
        # Never added across currencies: the weakest currency leads, the others follow.
        ratios = sorted((c.reciprocity, c.currency) for c in gg.by_currency
                         if c.reciprocity is not None)
        others = " \u00b7 ".join(f"{cur} {r:.2f}" for r, cur in ratios[1:])
        cards["reciprocity"].show_figure(
            f"{ratios[0][1]}\u00a0{ratios[0][0]:.2f}" if ratios else MISSING,
            ("value received \u00f7 given" + (f"; {others}" if others else ""))
            if ratios else "nothing given yet",
            DANGER if ratios and ratios[0][0] < 1 else None)
        out = report.outliers
        cards["above_policy"].show_figure(
            f"{out.above_policy:,}",
            (f"{by_currency(out.excess_by_currency)} a year over the maximum"
             if out.excess_by_currency else "concessions above the maximum of their day"),
            DANGER if out.above_policy else None)
        auth = report.authority
        cards["breaches"].show_figure(
            f"{auth.breaches:,}",
            f"above the granter's limit without approval; {auth.max_outs:,} within a point "
            "of it", DANGER if auth.breaches else None)

    def _set_chart(self, view: QChartView, chart: QChart) -> None:
        old = view.chart()
        view.setChart(chart)
        if old is not None:
            old.deleteLater()
        for series in chart.series():
            if isinstance(series, QScatterSeries) and series.property(ACCOUNT_IDS):
                series.clicked.connect(lambda point, s=series: self._point_clicked(s, point))
                series.hovered.connect(lambda point, state, s=series:
                                       self._point_hovered(s, point, state))

    def _nearest(self, series: QScatterSeries, point: QPointF) -> int | None:
        ids = list(series.property(ACCOUNT_IDS) or [])
        best, distance = None, None
        for i in range(min(series.count(), len(ids))):
            p = series.at(i)
            d = (p.x() - point.x()) ** 2 + ((p.y() - point.y()) / 10) ** 2
            if distance is None or d < distance:
                best, distance = i, d
        return best

    def _point_clicked(self, series: QScatterSeries, point: QPointF) -> None:
        i = self._nearest(series, point)
        if i is not None:
            self.account_chosen.emit(int(series.property(ACCOUNT_IDS)[i]))

    def _point_hovered(self, series: QScatterSeries, point: QPointF, state: bool) -> None:
        i = self._nearest(series, point) if state else None
        if i is None or self.data is None:
            QToolTip.hideText()
            return
        outliers = (self.data.report.outliers.above_policy_items
                    if series.objectName() == "abovePolicy"
                    else self.data.report.outliers.peer_items)
        if i < len(outliers):
            QToolTip.showText(QCursor.pos(), _account_tip(outliers[i])
                              + "\nClick to open the account")

    @staticmethod
    def _fit_height(table: QTableView, rows: int) -> None:
        height = (table.horizontalHeader().sizeHint().height()
                  + rows * table.verticalHeader().defaultSectionSize() + 4)
        table.setFixedHeight(height)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _open_row(self, table: QTableView, index: QModelIndex) -> None:
        account = index.data(ACCOUNT_ROLE)
        if account is not None:
            self.account_chosen.emit(int(account))

    # ------------------------------------------------------------ for tests and the brief

    def card_text(self, key: str) -> str:
        """What a summary card says: "GIVEN FOR NOTHING 33% 1,003 of 3,076 …"."""
        card = self.cards[key]
        return " ".join(w.text() for w in (card.caption, card.figure, card.note))

    def charts(self) -> dict[str, QChart]:
        return {"band": self.band_view.chart(), "answers": self.answers_view.chart(),
                "tactics": self.tactics_view.chart()}

