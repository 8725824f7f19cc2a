"""The Analytics page: discount discipline across the portfolio, computed in the
background from the workspace file: the spread of discounts per segment against the
policy with its outliers named, give without get, tactic yield and neglected potential,
each chart beside a table whose rows open their account."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCharts import QChart, QChartView, QScatterSeries
from PySide6.QtCore import (
    QModelIndex,
    QPointF,
    Qt,
    Signal,
)
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
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

from handover.domain.analytics import PortfolioReport
from handover.store import Workspace
from handover.ui.analytics.figures import AnalyticsData, compute_analytics
from handover.ui.analytics.page_layout import PAGE_STYLE, chart_view, side_by_side, titled_section
from handover.ui.analytics.report_tables import (
    ACCOUNT_ROLE,
    BAND_COLUMNS,
    NEGLECTED_COLUMNS,
    NOTHING_COLUMNS,
    OUTLIER_COLUMNS,
    TACTIC_COLUMNS,
    ReportTableModel,
    account_tip,
    by_currency,
    report_table,
    share_text,
    # The page names table_text too: tests read its tables with it.
    table_text,  # noqa: F401
)
from handover.ui.shell import tasks
from handover.ui.shell.chart_parts import ACCOUNT_IDS
from handover.ui.shell.charts import (
    AnswerCounts,
    discount_band_chart,
    give_without_get_chart,
    tactic_yield_chart,
)
from handover.ui.shell.parts import DETAIL_STYLESHEET, SummaryCard
from handover.ui.shell.session import Change, Session
from handover.ui.shell.tasks import after_pause
from handover.ui.shell.text import plain_label
from handover.ui.shell.words import DANGER, MISSING, short_date

log = logging.getLogger(__name__)

# The edits that change a figure of the page.
WATCHED_TABLES = ("concessions", "commitments", "accounts", "discount_policies",
                  "approval_limits", "people", "interactions", "contacts")
DEBOUNCE_MS = 600  # a burst of edits is recomputed once

Runner = Callable[[Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None]],
                  None]


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
        self._debounce = after_pause(self, DEBOUNCE_MS, self.refresh)

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
        self.cards["reciprocity"].setToolTip("Value delivered in return (kept promises) / "
                                             "value given, per currency: below 1 gives "
                                             "away more than it gets. Open promises are "
                                             "not received yet; broken ones count as "
                                             "nothing")
        for card in self.cards.values():
            card.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            card.setMinimumWidth(150)
            strip.addWidget(card, 1)
        column.addLayout(strip)

        # The discount band
        box, layout, self.band_heading = titled_section(
            "Discount band per segment",
            "Each box holds the middle half of a segment's discounts with the median across "
            "it; the whiskers reach P10 and P90, the dotted line the lowest and highest. "
            "Dashed: the policy target and maximum in force today. Red points are "
            "concessions above the maximum of their own day, amber ones accounts far above "
            "their peers; the costliest are named.")
        self.band_view = chart_view(440)
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
        layout.addLayout(side_by_side(self.band_view, right, 3, 2))
        layout.addWidget(self.band_table)
        column.addWidget(box)

        # Give without get
        box, layout, self.answers_heading = titled_section(
            "Give without get",
            "What the customer gave in return for each concession: a promise of theirs, an "
            "explicit \u201cnothing\u201d, or nothing said at all. Beside it, the accounts "
            "that got the most for nothing.")
        self.answers_view = chart_view(270)
        self.nothing_model = ReportTableModel(NOTHING_COLUMNS, lambda a: a.account_id, self)
        self.nothing_table = report_table(self.nothing_model, "forNothingTable")
        layout.addLayout(side_by_side(self.answers_view, self.nothing_table, 1, 1))
        column.addWidget(box)

        # Tactic yield
        box, layout, self.tactics_heading = titled_section(
            "Tactic yield",
            "Which buyer tactics came before concessions, and how often the concession that "
            "followed got nothing in return.")
        self.tactics_view = chart_view(380)
        self.tactic_model = ReportTableModel(TACTIC_COLUMNS, None, self)
        self.tactic_table = report_table(self.tactic_model, "tacticsTable")
        layout.addLayout(side_by_side(self.tactics_view, self.tactic_table, 1, 1))
        column.addWidget(box)

        # Neglected potential
        box, layout, self.neglected_heading = titled_section(
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
        still_open = {c.currency: c.promised_open for c in gg.by_currency if c.promised_open}
        cards["reciprocity"].show_figure(
            f"{ratios[0][1]}\u00a0{ratios[0][0]:.2f}" if ratios else MISSING,
            ("value kept in return \u00f7 given" + (f"; {others}" if others else "")
             + (f"; {by_currency(still_open)} promised, still open" if still_open else ""))
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
            QToolTip.showText(QCursor.pos(), account_tip(outliers[i])
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

