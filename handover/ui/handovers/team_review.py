"""The Team review page: every handover of the team on one dashboard with its status, the two
managers, the account's health, how complete it is, when it is due, what required items are
missing and the questions still open; a summary above; filters by person, by leaver's group
and by status; the handover opened from a row; its brief previewed, and the briefs of many
exported at once; a leaver's whole book handed over from here ("Leaver…").

The rows are one quick query. The completeness of each handover needs the checker over
every record it covers (1.3 to 2 s for the 739 handovers of a 10,000-account workspace), so
it is worked out on a worker thread from the workspace file, and the bars fill in when it
is done ("calculating…" until then)."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Sequence

import shiboken6
from PySide6.QtCore import (
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from handover.briefs import brief_data
from handover.domain.errors import HandoverError
from handover.domain.template import Template, load_template_or_default
from handover.settings import TEAM_TEMPLATE, Settings
from handover.store.leaver import LeaverOutcome, leaver_groups
from handover.store.review_queries import ReviewRow, review_rows
from handover.ui.editors.export_dialog import BatchExportDialog, BatchExports
from handover.ui.handovers.handover_parts import score_colour
from handover.ui.handovers.leaver import outcome_words, start_leaver
from handover.ui.handovers.team_review_filters import FilterBar
from handover.ui.handovers.team_review_table import (
    CALCULATING,
    Completeness,
    TeamReviewFilter,
    TeamReviewModel,
    compute_completeness,
    review_table,
    summarize,
)
from handover.ui.shell import dialogs, tasks
from handover.ui.shell.parts import DETAIL_STYLESHEET, SummaryCard
from handover.ui.shell.session import Change, Session
from handover.ui.shell.tasks import after_pause
from handover.ui.shell.text import tooltip
from handover.ui.shell.words import (
    DANGER,
    ID_ROLE,
    MISSING,
    days_text,
)

log = logging.getLogger(__name__)

# The edits that change a line of the dashboard (its words) ...
LISTED_TABLES = ("handovers", "questions", "accounts", "people", "leaver_batches")
# ... and those that can change a handover's completeness.
CHECKED_TABLES = ("handovers", "questions", "accounts", "contacts", "interactions",
                  "concessions", "commitments", "people")
DEBOUNCE_MS = 600  # a burst of edits is checked again once


# ---------------------------------------------------------------- the page

PAGE_STYLE = """
QWidget#teamReviewPage { background: #ffffff; }
QLabel#statusLabel { color: #6b7685; }
QProgressBar#busyBar { border: none; background: #e8eef8; border-radius: 2px; max-height: 4px; }
QProgressBar#busyBar::chunk { background: #2f6fde; border-radius: 2px; }
"""


class TeamReviewPage(QWidget):
    """Every handover in flight for a team lead: the summary, the filters, the table;
    a row opens its handover; the brief of one is previewed, those of many exported."""

    handover_chosen = Signal(int)  # open this handover (double click, Enter)
    status_message = Signal(str)  # a short note for the status bar
    scores_ready = Signal(float)  # the completeness figures are in; seconds they took
    export_started = Signal(object)  # the BatchExportDialog of a batch just begun

    def __init__(self, settings: Settings | None = None, parent: QWidget | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today):
        super().__init__(parent)
        self.setObjectName("teamReviewPage")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(DETAIL_STYLESHEET + PAGE_STYLE)
        self.settings = settings
        self.today = today
        self.session: Session | None = None
        self.exports = BatchExports(settings, self)
        self.exports.started.connect(self.export_started)
        self.exports.ended.connect(self._enable)
        self.exports.written.connect(self.status_message)
        self._generation = 0
        self._calculating = False
        self._scores_stale = True
        self._rows_stale = False
        self._dirty_accounts: set[int] | None = set()  # None: every handover
        self._template_path = ""
        self._debounce = after_pause(self, DEBOUNCE_MS, self._recheck_dirty)

        self.model = TeamReviewModel(self)
        self.proxy = TeamReviewFilter(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        self.set_session(None)

    # ------------------------------------------------------------ building

    def _build(self) -> None:
        self.title = QLabel("Team review")
        self.title.setObjectName("pageTitle")
        self.count_label = QLabel()
        self.count_label.setObjectName("pageSubtitle")
        self.count_label.setMinimumWidth(1)
        self.count_label.setSizePolicy(QSizePolicy.Policy.Ignored,
                                       QSizePolicy.Policy.Preferred)
        self.busy = QProgressBar()
        self.busy.setObjectName("busyBar")
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setFixedWidth(80)
        self.busy.hide()
        self.status_label = QLabel()
        self.status_label.setObjectName("statusLabel")
        self.preview_button = QPushButton("Preview PDF\u2026")
        self.preview_button.setToolTip("The chosen handover's brief as it will print, to "
                                       "read or save")
        self.preview_button.clicked.connect(self.preview_selected)
        self.export_selected_button = QPushButton("Export selected\u2026")
        self.export_selected_button.setToolTip("Write the briefs of the chosen handovers to "
                                               "a folder")
        self.export_selected_button.clicked.connect(self.export_selected)
        self.export_all_button = QPushButton("Export all\u2026")
        self.export_all_button.setObjectName("primaryButton")
        self.export_all_button.setToolTip("Write the briefs of every handover listed (as "
                                          "the filters leave them) to a folder")
        self.export_all_button.clicked.connect(self.export_all)
        self.leaver_button = QPushButton("Leaver\u2026")
        self.leaver_button.setToolTip("An account manager leaves or changes territory: start "
                                      "the handovers of all their accounts at once")
        self.leaver_button.clicked.connect(self.start_leaver)
        header = QHBoxLayout()
        header.setSpacing(12)
        header.addWidget(self.title, 0, Qt.AlignmentFlag.AlignBaseline)
        header.addWidget(self.count_label, 1, Qt.AlignmentFlag.AlignBaseline)
        header.addWidget(self.busy, 0, Qt.AlignmentFlag.AlignVCenter)
        header.addWidget(self.status_label, 0, Qt.AlignmentFlag.AlignVCenter)
        header.addSpacing(4)
        header.addWidget(self.leaver_button)
        header.addWidget(self.preview_button)
        header.addWidget(self.export_selected_button)
        header.addWidget(self.export_all_button)

        self.cards = {
            "in_flight": SummaryCard("In flight"),
            "overdue": SummaryCard("Overdue"),
            "average": SummaryCard("Average completeness"),
            "accepted": SummaryCard("Accepted this month"),
        }
        self.cards["average"].setToolTip("The average completeness of the handovers in "
                                          "flight: the weighted share of the checker's "
                                          "checks passed")
        strip = QHBoxLayout()
        strip.setSpacing(12)
        for card in self.cards.values():
            card.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            card.setMinimumWidth(100)  # four fit beside the sidebar of a 700-pixel window
            strip.addWidget(card, 1)

        self.filters = FilterBar(self.proxy)
        self.filters.changed.connect(self._update_figures)
        self.search, self.person_box, self.group_box, self.status_box, self.overdue_check = (
            self.filters.search, self.filters.person_box, self.filters.group_box,
            self.filters.status_box, self.filters.overdue_check)

        self.table = review_table(self.proxy)
        self.table.doubleClicked.connect(self._open_index)
        enter = QShortcut(QKeySequence(Qt.Key.Key_Return), self.table)
        enter.setContext(Qt.ShortcutContext.WidgetShortcut)
        enter.activated.connect(self.open_current)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())

        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.clear_button = QPushButton("Clear filters")
        self.clear_button.clicked.connect(self.clear_filters)
        empty = QWidget()
        column = QVBoxLayout(empty)
        column.addStretch(2)
        column.addWidget(self.empty_label)
        column.addSpacing(6)
        column.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(3)
        self.body = QStackedWidget()
        self.body.addWidget(self.table)
        self.body.addWidget(empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        layout.addLayout(header)
        layout.addLayout(strip)
        layout.addSpacing(2)
        layout.addWidget(self.filters)
        layout.addWidget(self.body, 1)
        # The figures are redrawn where the lines, their scores or the filters change
        # (reload, _scores_in, _filter), once each: a filter change sends the proxy's
        # signals once per run of lines it hides.

    # ------------------------------------------------------------ the workspace

    def set_session(self, session: Session | None) -> None:
        """Show the handovers of the session's workspace (None: an empty page), and follow
        its edits. A batch export still running for another workspace is cancelled."""
        if self.session is not None:
            try:
                self.session.changed.disconnect(self._changed)
            except (RuntimeError, TypeError):
                pass  # the old session is already gone
        self.exports.cancel()
        self.session = session
        if session is not None:
            session.changed.connect(self._changed)
        self._generation += 1  # a result on its way is for the workspace before
        self._calculating = False
        self.busy.hide()
        self.status_label.setText("")
        self.model.scores = {}
        self.model.scores_failed = False
        self.reload()
        self._scores_stale = session is not None
        self._dirty_accounts = None
        if session is not None and self.isVisible():
            self.refresh_scores()

    def reload(self) -> None:
        """Read every line again, keeping the chosen handovers chosen."""
        self._rows_stale = False
        chosen = self.selected_ids()
        self.model.today = self.today()
        self.model.set_rows(review_rows(self.session.ws) if self.session is not None else [])
        self.filters.fill_people(self.model.rows())
        self.filters.fill_groups(leaver_groups(self.session.ws) if self.session is not None
                                 else [])
        self.select_ids(chosen)
        self._update_figures()

    def show_group(self, batch_id: int | None) -> None:
        """Show only the handovers of a leaver's batch (None: all of them)."""
        if self._rows_stale:
            self.reload()
        self.group_box.setCurrentIndex(max(0, self.group_box.findData(batch_id)))

    def group_label(self) -> str:
        """The group shown: "Leaver: Dana Whitfield (25)"; "" when all are shown."""
        return self.group_box.currentText() if self.group_box.currentData() else ""

    def start_leaver(self) -> LeaverOutcome | None:
        """Ask for a leaver's plan and start the handovers of their book, as one undoable
        edit; then show them as their group."""
        outcome = start_leaver(self, self.session, today=self.today())
        if outcome is not None:
            self.reload()
            self.show_group(outcome.batch.id)
            leaver = next((r.outgoing for r in self.model.rows()
                           if r.batch_id == outcome.batch.id), "the leaver")
            self.status_message.emit(outcome_words(outcome, leaver))
        return outcome

    def _changed(self, change: Change) -> None:
        if change.touches(*LISTED_TABLES):
            if self.isVisible():
                self.reload()
            else:
                self._rows_stale = True
        if change.touches(*CHECKED_TABLES):
            if change.account_id is None or change.touches("people"):
                self._dirty_accounts = None
            elif self._dirty_accounts is not None:
                self._dirty_accounts.add(change.account_id)
            self._scores_stale = True
            if self.isVisible():
                self._debounce.start()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.session is None:
            return
        if self._rows_stale:
            self.reload()
        if self._template_path != self._team_template_path():
            self._dirty_accounts = None  # the team's template changed: check them all again
            self._scores_stale = True
        if self._scores_stale:
            self._recheck_dirty()

    def _team_template_path(self) -> str:
        return self.settings.get(TEAM_TEMPLATE) if self.settings is not None else ""

    def template(self) -> Template:
        """The template the handovers follow: the team's, or the default one."""
        return load_template_or_default(self._team_template_path())[0]

    # ------------------------------------------------------------ completeness

    def _recheck_dirty(self) -> None:
        self._debounce.stop()
        dirty, self._dirty_accounts = self._dirty_accounts, set()
        if dirty is None or self._calculating or not self.model.scores:
            self.refresh_scores()
            return
        ids = [r.id for r in self.model.rows() if r.account_id in dirty]
        ids += [r.id for r in self.model.rows() if r.id not in self.model.scores]
        self.refresh_scores(sorted(set(ids)))

    def refresh_scores(self, handover_ids: Sequence[int] | None = None) -> None:
        """Work out the completeness of every handover (or of those listed) on a worker
        thread; the lines say "calculating…" until theirs is known."""
        self._debounce.stop()
        if self.session is None:
            return
        if handover_ids is not None and not handover_ids:
            self._scores_stale = False
            return
        self._scores_stale = False
        self._generation += 1
        generation = self._generation
        path, today = self.session.ws.path, self.today()
        template_path = self._team_template_path()
        self._template_path = template_path
        ids = None if handover_ids is None else list(handover_ids)
        self._calculating = True
        self.busy.show()
        self.status_label.setText("Checking completeness\u2026")

        def work() -> tuple[dict[int, Completeness], float]:
            started = time.perf_counter()
            scores = compute_completeness(path, template_path, today, ids)
            return scores, time.perf_counter() - started

        tasks.run_task(work, lambda result: self._scores_in(generation, ids is None, *result),
                       lambda error: self._scores_failed(generation, error))

    def _scores_in(self, generation: int, everything: bool,
                   scores: dict[int, Completeness], seconds: float) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return  # the page is gone, or newer figures are on their way
        self._calculating = False
        self.busy.hide()
        self.status_label.setText("")
        self.model.set_scores(scores, replace=everything)
        self._update_figures()
        self.scores_ready.emit(seconds)

    def _scores_failed(self, generation: int, error: BaseException) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        log.error("the completeness of the handovers could not be worked out",
                  exc_info=error)
        self._calculating = False
        self.busy.hide()
        self.status_label.setText("Completeness not known")
        self.status_label.setToolTip(tooltip(str(error)))
        self.model.scores_could_not_be_worked_out()
        self._update_figures()

    @property
    def calculating(self) -> bool:
        return self._calculating

    # ------------------------------------------------------------ what is shown

    def clear_filters(self) -> None:
        self.filters.clear()

    def shown_rows(self) -> list[ReviewRow]:
        """The lines shown, in the order shown."""
        return [self.model.row_at(self.proxy.mapToSource(self.proxy.index(n, 0)).row())
                for n in range(self.proxy.rowCount())]

    def shown_ids(self) -> list[int]:
        return [row.id for row in self.shown_rows()]

    def selected_ids(self) -> list[int]:
        """The chosen handovers, top to bottom."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.proxy.index(r, 0).data(ID_ROLE) for r in rows]

    def select_ids(self, ids: Sequence[int]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        flags = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
        first = None
        for handover_id in ids:
            number = self.model.row_of(handover_id)
            if number is None:
                continue
            index = self.proxy.mapFromSource(self.model.index(number, 0))
            if index.isValid():
                selection.select(index, flags)
                first = first or index
        if first is not None:
            selection.setCurrentIndex(first, selection.SelectionFlag.NoUpdate)
            self.table.scrollTo(first)

    def cell_text(self, handover_id: int, column: int) -> str:
        """What the line of a handover says in `column`."""
        number = self.model.row_of(handover_id)
        if number is None:
            return ""
        return self.model.index(number, column).data() or ""

    def card_text(self, key: str) -> str:
        """What a summary card says: "OVERDUE 2 longest 5 days"."""
        card = self.cards[key]
        return " ".join(w.text() for w in (card.caption, card.figure, card.note) if w.text())

    def _update_figures(self) -> None:
        shown = self.proxy.rowCount()
        total = self.model.rowCount()
        today = self.model.today
        proxy = self.proxy
        scope = [row for row in self.model.rows() if proxy.in_scope(row)]
        summary = summarize(scope, self.model.scores, today)
        if self.session is None:
            self.count_label.setText("")
        elif total and shown != total:
            self.count_label.setText(f"{shown:,} of {total:,} handovers shown")
        else:
            self.count_label.setText(f"{total:,} handover{'s' if total != 1 else ''}")
        if proxy.person is not None:
            whose = f"of {self.person_box.currentText()}\u2019s {summary.shown:,}"
        elif proxy.batch is not None:
            whose = f"of the leaver\u2019s {summary.shown:,}"
        elif proxy.words:
            whose = f"of {summary.shown:,} matching"
        else:
            whose = f"of {summary.shown:,} in all"
        cards = self.cards
        cards["in_flight"].show_figure(f"{summary.in_flight:,}", whose)
        cards["overdue"].show_figure(
            f"{summary.overdue:,}",
            f"the longest {days_text(summary.most_overdue)}" if summary.overdue
            else "none past its due date",
            DANGER if summary.overdue else None)
        if summary.in_flight == 0:
            cards["average"].show_figure(MISSING, "nothing in flight")
        elif summary.average is None:
            cards["average"].show_figure(MISSING, "not known" if self.model.scores_failed
                                         else CALCULATING)
        else:
            cards["average"].show_figure(f"{summary.average}%",
                                         f"of the {summary.in_flight:,} in flight",
                                         score_colour(summary.average))
        cards["accepted"].show_figure(f"{summary.accepted_this_month:,}",
                                      f"signed off in {today:%B %Y}")
        if self.session is None:
            self.empty_label.setText("No workspace is open.")
        elif not total:
            self.empty_label.setText("No handovers yet. They are listed here once started "
                                     "on the Handovers page, with how complete each one is "
                                     "and what is overdue.")
        else:
            self.empty_label.setText("No handover matches the filters.")
        self.clear_button.setVisible(bool(total) and self.proxy.is_narrowed())
        self.body.setCurrentIndex(0 if shown else 1)
        self._enable()

    def _enable(self) -> None:
        exporting = self.exports.running
        selected = len(self.table.selectionModel().selectedRows())
        self.preview_button.setEnabled(selected == 1)
        self.export_selected_button.setEnabled(selected > 0 and not exporting)
        self.export_all_button.setEnabled(self.proxy.rowCount() > 0 and not exporting)
        self.leaver_button.setEnabled(self.session is not None
                                      and not self.session.ws.read_only)

    # ------------------------------------------------------------ opening

    def _open_index(self, index: QModelIndex) -> None:
        handover_id = self.proxy.index(index.row(), 0).data(ID_ROLE)
        if handover_id is not None:
            self.handover_chosen.emit(handover_id)

    def current_id(self) -> int | None:
        index = self.table.selectionModel().currentIndex()
        return self.proxy.index(index.row(), 0).data(ID_ROLE) if index.isValid() else None

    def open_current(self) -> None:
        handover_id = self.current_id()
        if handover_id is not None:
            self.handover_chosen.emit(handover_id)

    # ------------------------------------------------------------ briefs

    def preview_selected(self) -> None:
        """The chosen handover's brief as it will print, in the preview dialog."""
        ids = self.selected_ids() or ([self.current_id()] if self.current_id() else [])
        if self.session is None or len(ids) != 1:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            data = brief_data(self.session.ws, ids[0], today=self.today(),
                              template=self.template())
        except HandoverError as e:
            problem = str(e)
        else:
            problem = ""
        finally:
            QApplication.restoreOverrideCursor()
        if problem:
            dialogs.show_error(self, "Could not preview the brief", problem)
            return
        dialogs.preview_brief(self, data, settings=self.settings)

    def export_selected(self) -> None:
        self.export_briefs(self.selected_ids())

    def export_all(self) -> None:
        """The briefs of every handover listed, as the filters leave them."""
        self.export_briefs(self.shown_ids())

    @property
    def export_dialog(self) -> BatchExportDialog | None:
        """The dialog of the latest batch, running or done."""
        return self.exports.dialog

    def export_briefs(self, ids: Sequence[int]) -> BatchExportDialog | None:
        """Ask where and how, then write the briefs of `ids` on a worker thread, with the
        progress dialog; the page stays usable meanwhile. The dialog, or None when the
        user cancelled (or nothing is to be exported)."""
        ids = list(ids)
        if self.session is None or not ids:
            return None
        dialog = self.exports.start(self.session.ws.path, ids, template=self.template(),
                                    today=self.today())
        if dialog is not None:
            self._enable()
        return dialog
