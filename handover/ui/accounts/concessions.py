"""The Concessions tab of an account: every concession with what was got in return and how
it stands against the policy of its own day, and the account's discount % over time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCharts import QChart, QChartView, QScatterSeries
from PySide6.QtCore import QEvent, QModelIndex, QPointF, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from handover.domain.errors import HandoverError
from handover.domain.records import Account, Concession, DiscountPolicy
from handover.domain.words import money
from handover.store.concession_queries import ConcessionRow, concession_rows, discount_policies
from handover.ui.accounts.concessions_model import ConcessionsModel, NoteFirstDelegate
from handover.ui.editors.concession_edits import RemoveConcession, concession_title
from handover.ui.records.tab import RecordTab
from handover.ui.shell.charts import TrendPoint, concession_trend_chart
from handover.ui.shell.parts import section_title
from handover.ui.shell.session import Change, Session
from handover.ui.shell.tables import make_table
from handover.ui.shell.words import DANGER, ID_ROLE, SORT_ROLE, WARNING

# The edits that change what the tab shows: people for the names, the account for its
# segment and currency, the policy for the verdicts.
TABLES = ("concessions", "commitments", "accounts", "discount_policies", "people")
CHART_HEIGHT = 230


def _widths(table, samples: dict[int, str]) -> dict[int, int]:
    """Each column as wide as its heading or sample text, and the cell's padding."""
    cells = table.fontMetrics()
    bold = QFont(table.font())
    bold.setWeight(QFont.Weight.DemiBold)
    headings = QFontMetrics(bold)
    widths = {}
    for column, sample in samples.items():
        heading = table.model().headerData(column, Qt.Orientation.Horizontal) or ""
        widths[column] = max(cells.horizontalAdvance(sample),
                             headings.horizontalAdvance(heading) + 8) + 26
    return widths


# Where the width beyond the columns' own goes: to the texts that are cut short first.
SPREAD = {ConcessionsModel.RETURN: 0.4, ConcessionsModel.TACTICS: 0.4,
          ConcessionsModel.WHY: 0.2}


class ConcessionsTab(RecordTab):
    """What was conceded to the customer and what was got for it. Above the table, the
    account's discount % over time against the policy of each day."""

    RECORD = Concession
    TABLES = TABLES
    EDITOR = "edit_concession"
    NOUN = "concession"

    concession_selected = Signal(object)  # the chosen concession's id, or None

    def __init__(self, session: Session, account_id: int, parent: QWidget | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today):
        super().__init__(session, account_id, today, parent)
        self.account: Account | None = None

        self.make_buttons("Add concession\u2026", remove_tip="Remove the chosen concession; "
                                                             "the promises received for it stay")
        self.summary = QLabel()
        self.summary.setObjectName("countLabel")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        top = self.toolbar(self.summary, gap=12)

        self.chart_title = section_title("Discount over time")
        self.chart_hint = QLabel()
        self.chart_hint.setObjectName("sectionHint")
        self.chart_view = QChartView()
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(170)
        self.chart_view.setFrameShape(QFrame.Shape.NoFrame)
        self.chart_view.setBackgroundBrush(QColor("#ffffff"))
        self.chart_empty = QLabel("No price concession with a baseline yet: the discount % "
                                  "over time appears with the first one.")
        self.chart_empty.setObjectName("sectionHint")
        self.chart_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        chart_box = QWidget()
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.setSpacing(2)
        heading = QHBoxLayout()
        heading.addWidget(self.chart_title)
        heading.addSpacing(10)
        heading.addWidget(self.chart_hint, 1)
        chart_layout.addLayout(heading)
        chart_layout.addWidget(self.chart_view, 1)
        chart_layout.addWidget(self.chart_empty, 1)

        self.model = ConcessionsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(self.proxy, object_name="concessionsTable", row_padding=18)
        notes = NoteFirstDelegate(self)
        self.table.setItemDelegateForColumn(ConcessionsModel.RETURN, notes)
        self.table.setItemDelegateForColumn(ConcessionsModel.WHY,
                                            NoteFirstDelegate(self, note_first=False))
        self.table.setItemDelegateForColumn(ConcessionsModel.LIFETIME,
                                            NoteFirstDelegate(self, note_share=0.7))
        m = ConcessionsModel
        self._widths = _widths(self.table, {
            m.DATE: "30 Nov 2026", m.KIND: "Price freeze", m.DISCOUNT: "net 30 \u2192 60",
            m.POLICY: "Within target", m.VALUE: "\u20ac125,000",
            m.RETURN: "Volume +10% (kep", m.WHY: "Competitor quote",
            m.LIFETIME: "Recurring precedent", m.TACTICS: "Flinch",
        })
        self.table.horizontalHeader().setMinimumSectionSize(40)
        self.table.viewport().installEventFilter(self)  # its width is the room there is
        self._spread()
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # by no column at first: the newest on top

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(chart_box)
        self.splitter.addWidget(self.table)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([CHART_HEIGHT, 400])

        self.lay_out(top, main=self.splitter, spacing=10)

        self.wire()
        # Read when first shown (or asked for a record): an account opens at the cost of
        # the tab it shows, and an edit redraws this tab only if it is on screen.
        self._stale = True
        self._enable()

    # ------------------------------------------------------------ data

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.ensure_loaded()

    def ensure_loaded(self) -> None:
        """Read the concessions now if they have not been read since the last change."""
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        chosen = self.selected_id()
        ws = self.session.ws
        try:
            self.account = ws.get(Account, self.account_id)
        except HandoverError:
            self.account = None  # removed, e.g. by an undo: the detail closes soon
            self.model.set_rows([])
            self._enable()
            return
        rows = concession_rows(ws, self.account_id)
        policies = discount_policies(ws)
        self.model.set_concessions(rows, self.account, policies)
        self._fit_money(rows)
        self._summarise(rows)
        self._draw_chart(rows, policies)
        if chosen is not None:
            self.select(chosen)
        self._enable()

    def _fit_money(self, rows: Sequence[ConcessionRow]) -> None:
        """The value column as wide as this account's amounts in its currency need."""
        largest = max([r.concession.conceded_value for r in rows] + [10_000.0])
        text = money(largest, self.model.currency)
        self._widths[ConcessionsModel.VALUE] = max(
            self.table.fontMetrics().horizontalAdvance(text) + 26,
            self._widths[ConcessionsModel.VALUE])
        self._spread()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._spread()
        return super().eventFilter(watched, event)

    def _spread(self) -> None:
        """Every column at its own width; what the table has beyond that goes to the
        columns whose texts are cut short first. Narrower, the tactics give way."""
        header = self.table.horizontalHeader()
        room = self.table.viewport().width()
        extra = room - sum(self._widths.values())
        for column, width in self._widths.items():
            if extra >= 0:
                width += int(extra * SPREAD.get(column, 0))
            elif column == ConcessionsModel.TACTICS:
                width = max(60, width + extra)
            header.resizeSection(column, width)

    def _summarise(self, rows: Sequence[ConcessionRow]) -> None:
        if not rows:
            self.summary.setText("No concessions recorded for this account.")
            return
        currency = self.model.currency
        given = sum(r.concession.conceded_value for r in rows)
        nothing = sum(1 for r in rows if not r.received and r.concession.nothing_in_return)
        unsaid = sum(1 for r in rows if not r.received and not r.concession.nothing_in_return)
        above = [(r, v) for r in rows if (v := self.model.verdict(r.id)) is not None and v.above]
        excess = sum(v.excess_money(r.concession.baseline_value) for r, v in above)
        parts = [f"<b>{len(rows)}</b> concession{'s' if len(rows) != 1 else ''}",
                 f"<b>{money(given, currency)}</b> a year conceded"]
        if nothing:
            parts.append(f"<span style='color:{DANGER}'><b>{nothing}</b> for nothing</span>")
        if unsaid:
            parts.append(f"<span style='color:{WARNING}'><b>{unsaid}</b> not said</span>")
        if above:
            parts.append(f"<span style='color:{DANGER}'><b>{len(above)}</b> above policy "
                         f"({money(excess, currency)} a year over)</span>")
        self.summary.setText("&nbsp;&nbsp;\u00b7&nbsp;&nbsp;".join(parts))

    def _draw_chart(self, rows: Sequence[ConcessionRow],
                    policies: Sequence[DiscountPolicy]) -> None:
        points = [TrendPoint(r.concession.date, v.discount_pct, v.above, r.id) for r in rows
                  if (v := self.model.verdict(r.id)) is not None]
        segment = self.account.segment  # type: ignore[union-attr]
        self.chart_hint.setText(f"of each price concession, against the {segment.label} "
                                "policy target and maximum of its day")
        chart = concession_trend_chart(points, policies, segment, today=self._today())
        old = self.chart_view.chart()
        self.chart_view.setChart(chart)
        if old is not None:
            old.deleteLater()
        for series in chart.series():
            if isinstance(series, QScatterSeries):
                series.clicked.connect(lambda point, s=series: self._point_clicked(s, point))
        self.chart_view.setVisible(bool(points))
        self.chart_empty.setVisible(not points)

    def _point_clicked(self, series: QScatterSeries, point: QPointF) -> None:
        ids = list(series.property("concession_ids") or [])
        for i in range(series.count()):
            p = series.at(i)
            if abs(p.x() - point.x()) < 1 and abs(p.y() - point.y()) < 1e-6 and i < len(ids):
                self.select_concession(ids[i])
                return

    @property
    def chart(self) -> QChart:
        return self.chart_view.chart()

    def _changed(self, change: Change) -> None:
        if change.account_id in (None, self.account_id) and change.touches(*self.TABLES):
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True

    # ------------------------------------------------------------ choosing

    def select_concession(self, concession_id: int) -> bool:
        """Choose the concession (e.g. a search hit) and scroll to it."""
        self.ensure_loaded()
        return self.select(concession_id)

    show_record = select_concession

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._enable()
        self.concession_selected.emit(current.data(ID_ROLE) if current.isValid() else None)

    def writable(self) -> bool:
        # An account removed (e.g. by an undo) takes no more concessions.
        return super().writable() and self.account is not None

    # ------------------------------------------------------------ removing

    def removal(self, record: Concession) -> tuple[str, str, str]:
        row = self.model.row_at(self.model.row_of(record.id))  # type: ignore[arg-type]
        kept = (f" The {len(row.received)} promise{'s' if len(row.received) != 1 else ''} "
                "received in return stay in Promises." if row.received else "")
        return ("Remove this concession?",
                f"The {concession_title(record)} will be removed.{kept} "
                "Edit \u203a Undo brings it back.",
                "Remove concession " + concession_title(record))

    def remove_record(self, record: Concession, undo_text: str) -> None:
        # Its own command: the promises received for it stay, unlinked, and come back linked.
        self.session._run(RemoveConcession(self.session, record, undo_text))
