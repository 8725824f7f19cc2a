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
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from handover.domain.checker import check_handover
from handover.domain.errors import HandoverError
from handover.domain.handover import Status
from handover.domain.records import Health
from handover.domain.template import Template, load_template_or_default
from handover.settings import TEAM_TEMPLATE, Settings
from handover.store import Workspace
from handover.store.leaver import LeaverOutcome, leaver_groups
from handover.store.review_queries import ReviewRow, checker_inputs, review_rows
from handover.ui import dialogs, tasks
from handover.ui.export_dialog import (
    FORMAT_NAMES,
    BatchExportDialog,
    brief_page_size,
    remember_page_size,
)
from handover.ui.handover_parts import STATUS_COLOURS, score_colour
from handover.ui.leaver import outcome_words, start_leaver
from handover.ui.parts import DETAIL_STYLESHEET, SummaryCard
from handover.ui.session import Change, Session
from handover.ui.tables import RowsModel, make_table
from handover.ui.text import tooltip
from handover.ui.words import (
    DANGER,
    HEALTH_COLOURS,
    HEALTH_ORDER,
    ID_ROLE,
    MISSING,
    MUTED,
    SORT_ROLE,
    WARNING,
    days_text,
    dot_icon,
    short_date,
)

log = logging.getLogger(__name__)

# The edits that change a line of the dashboard (its words) ...
LISTED_TABLES = ("handovers", "questions", "accounts", "people", "leaver_batches")
# ... and those that can change a handover's completeness.
CHECKED_TABLES = ("handovers", "questions", "accounts", "contacts", "interactions",
                  "concessions", "commitments", "people")
DEBOUNCE_MS = 600  # a burst of edits is checked again once
IN_FLIGHT = "in_flight"  # the status filter's "In flight": anything not accepted yet
STATUS_ORDER = {s: n for n, s in enumerate(Status)}
SCORE_ROLE = Qt.ItemDataRole.UserRole + 30  # a line's completeness, 0..100 (None: unknown)
CALCULATING = "calculating\u2026"
OVERDUE_TINT = QColor("#fff4f2")


# ---------------------------------------------------------------- the work in the background


@dataclass(frozen=True, slots=True)
class Completeness:
    """What the checker says of one handover, for its line."""

    score: int  # 0..100, the weighted share of checks passed
    required_missing: int  # findings of severity "error": required items still missing
    warnings: int


def compute_completeness(path: str | Path, template_path: str, today: dt.date,
                         handover_ids: Sequence[int] | None = None) -> dict[int, Completeness]:
    """Each handover's completeness (every one, or those of `handover_ids`), read through
    a read-only connection of its own: this runs on a worker thread, and an SQLite
    connection belongs to the thread that opened it. `template_path` is the team's
    template ("" for the default), as the Handovers page checks with it."""
    # A team template that cannot be used: the Handovers page says why; both use the default.
    template, _problem = load_template_or_default(template_path)
    ws = Workspace.open(path, read_only=True, check=False)
    try:
        inputs = checker_inputs(ws, handover_ids)
    finally:
        ws.close()
    found = {}
    for handover, records, questions in inputs:
        result = check_handover(template, handover, records, questions, today)
        counts = result.counts()
        found[handover.id] = Completeness(result.score, counts["error"], counts["warning"])
    return found


@dataclass(frozen=True)
class Summary:
    """The figures above the table: of every handover, or of one person's."""

    shown: int
    in_flight: int
    overdue: int
    most_overdue: int  # days, of the most overdue one
    average: int | None  # average completeness of those in flight; None: not known yet
    accepted_this_month: int


def summarize(rows: Sequence[ReviewRow], scores: dict[int, Completeness],
              today: dt.date) -> Summary:
    flying = [r for r in rows if r.in_flight]
    late = [r.days_overdue(today) for r in flying if r.is_overdue(today)]
    known = [scores[r.id].score for r in flying if r.id in scores]
    average = round(sum(known) / len(known)) if known else None
    accepted = sum(1 for r in rows if r.status is Status.ACCEPTED and r.signed_off_on
                   and (r.signed_off_on.year, r.signed_off_on.month) == (today.year,
                                                                         today.month))
    return Summary(len(rows), len(flying), len(late), max(late, default=0), average,
                   accepted)


# ---------------------------------------------------------------- the table


def due_note(row: ReviewRow, today: dt.date) -> tuple[str, str]:
    """What the due date means today, and its colour: "13 days overdue" in red, "in 2
    days" in amber; nothing for an accepted handover or one due later."""
    if row.due_date is None or not row.in_flight:
        return "", MUTED
    days = (row.due_date - today).days
    if days < 0:
        return f"{days_text(-days)} overdue", DANGER
    if days == 0:
        return "due today", WARNING
    if days <= 3:
        return f"in {days_text(days)}", WARNING
    return "", MUTED


class TeamReviewModel(RowsModel[ReviewRow]):
    """Every handover of the team, one line each, with its completeness once the checker
    has been over it (`set_scores`)."""

    ACCOUNT, HEALTH, STATUS, PEOPLE, COMPLETE, DUE, OVERDUE, MISSING, QUESTIONS = range(9)
    HEADERS = ("Account", "Health", "Status", "Outgoing \u2192 incoming", "Complete", "Due",
               "Overdue", "Missing", "Questions")
    HEADER_TIPS = {
        PEOPLE: "The outgoing manager, who hands the account over, and the incoming one",
        COMPLETE: "How complete the handover is: the weighted share of the checker's checks "
                  "passed",
        DUE: "The due date; a handover still in flight after it is overdue",
        OVERDUE: "How many days past its due date a handover still in flight is",
        MISSING: "Required items still missing: the checker's errors",
        QUESTIONS: "Open questions: asked in the review and still waiting for an answer",
    }
    RIGHT_ALIGNED = frozenset({OVERDUE, MISSING, QUESTIONS})

    def __init__(self, parent=None):
        super().__init__(parent)
        self.today = dt.date.today()
        self.scores: dict[int, Completeness] = {}
        self.scores_failed = False

    def set_scores(self, scores: dict[int, Completeness], *, replace: bool = True) -> None:
        """Show these completeness figures: all of them (`replace`), or these in addition
        to the ones shown."""
        if replace:
            self.scores = dict(scores)
        else:
            self.scores.update(scores)
        self.scores_failed = False
        self._scores_changed()

    def scores_could_not_be_worked_out(self) -> None:
        self.scores_failed = True
        self._scores_changed()

    def _scores_changed(self) -> None:
        if self.rowCount():
            self.dataChanged.emit(self.index(0, self.COMPLETE),
                                  self.index(self.rowCount() - 1, self.QUESTIONS))

    def score_of(self, handover_id: int) -> Completeness | None:
        return self.scores.get(handover_id)

    def sort_key(self, row: ReviewRow, column: int):
        """The raw value a column sorts by: numbers as numbers, dates as days."""
        match column:
            case self.ACCOUNT:
                return row.account.casefold()
            case self.HEALTH:
                return HEALTH_ORDER[row.health]
            case self.STATUS:
                return STATUS_ORDER[row.status]
            case self.PEOPLE:
                return f"{row.outgoing.casefold()}\t{row.incoming.casefold()}"
            case self.COMPLETE:
                found = self.scores.get(row.id)
                return found.score if found else 101  # not known yet: after every known one
            case self.DUE:
                return row.due_date.toordinal() if row.due_date else 10**7
            case self.OVERDUE:
                return row.days_overdue(self.today)
            case self.MISSING:
                found = self.scores.get(row.id)
                return found.required_missing if found else -1
            case self.QUESTIONS:
                return row.open_questions * 10_000 + row.questions
        return None

    def cell(self, row: ReviewRow, column: int, role: int):
        if role == SORT_ROLE:
            return self.sort_key(row, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            return OVERDUE_TINT if row.is_overdue(self.today) else None
        display = role == Qt.ItemDataRole.DisplayRole
        match column:
            case self.ACCOUNT:
                if display:
                    return row.account
                if role == Qt.ItemDataRole.ToolTipRole:
                    return tooltip(row.account)
            case self.HEALTH:
                if display:
                    return row.health.label
                if role == Qt.ItemDataRole.DecorationRole:
                    return dot_icon(HEALTH_COLOURS[row.health])
            case self.STATUS:
                if display:
                    return row.status.label
                if role == Qt.ItemDataRole.DecorationRole:
                    return dot_icon(STATUS_COLOURS[row.status][0])
                if role == Qt.ItemDataRole.ToolTipRole and row.signed_off_on:
                    return f"Signed off on {short_date(row.signed_off_on)}"
            case self.PEOPLE:
                if display:
                    return f"{row.outgoing or MISSING} \u2192 {row.incoming or MISSING}"
                if role == Qt.ItemDataRole.ToolTipRole:
                    tip = f"{row.outgoing} hands the account to {row.incoming}"
                    return tooltip(tip + (f"; {row.reviewer} reviews" if row.reviewer else ""))
            case self.COMPLETE:
                return self._complete_cell(row, role)
            case self.DUE:
                return self._due_cell(row, role)
            case self.OVERDUE:
                return self._overdue_cell(row, role)
            case self.MISSING:
                return self._missing_cell(row, role)
            case self.QUESTIONS:
                if display:
                    return f"{row.open_questions}" if row.questions else MISSING
                if role == Qt.ItemDataRole.ForegroundRole:
                    return QColor(WARNING if row.open_questions else MUTED)
                if role == Qt.ItemDataRole.ToolTipRole:
                    if not row.questions:
                        return "No questions asked"
                    return (f"{row.open_questions} of {row.questions} question"
                            f"{'s' if row.questions != 1 else ''} waiting for an answer")
        return None

    def _complete_cell(self, row: ReviewRow, role: int):
        found = self.scores.get(row.id)
        if role == SCORE_ROLE:
            return found.score if found else None
        if role == Qt.ItemDataRole.DisplayRole:
            if found is None:
                return MISSING if self.scores_failed else CALCULATING
            return f"{found.score}%"
        if role == Qt.ItemDataRole.ToolTipRole and found is not None:
            return f"{found.score}% complete: the weighted share of the checker's checks passed"
        return None

    def _due_cell(self, row: ReviewRow, role: int):
        note, colour = due_note(row, self.today)
        if role == Qt.ItemDataRole.DisplayRole:
            return short_date(row.due_date) if row.due_date else MISSING
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(colour) if note else (QColor(MUTED) if not row.due_date else None)
        if role == Qt.ItemDataRole.FontRole and row.is_overdue(self.today):
            bold = QFont()
            bold.setWeight(QFont.Weight.DemiBold)
            return bold
        if role == Qt.ItemDataRole.ToolTipRole and row.due_date:
            return f"Due {short_date(row.due_date)}" + (f": {note}" if note else "")
        return None

    def _overdue_cell(self, row: ReviewRow, role: int):
        days = row.days_overdue(self.today)
        if role == Qt.ItemDataRole.DisplayRole:
            return days_text(days) if days else ""
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(DANGER)
        if role == Qt.ItemDataRole.ToolTipRole and days:
            return f"{days_text(days)} past its due date, {short_date(row.due_date)}"
        return None

    def _missing_cell(self, row: ReviewRow, role: int):
        found = self.scores.get(row.id)
        if role == Qt.ItemDataRole.DisplayRole:
            if found is None:
                return MISSING if self.scores_failed else "\u2026"
            return str(found.required_missing)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(DANGER if found and found.required_missing else MUTED)
        if role == Qt.ItemDataRole.ToolTipRole and found is not None:
            if not found.required_missing:
                return "No required item is missing"
            return (f"{found.required_missing} required item"
                    f"{'s' if found.required_missing != 1 else ''} missing; "
                    f"{found.warnings} warning{'s' if found.warnings != 1 else ''}")
        return None


class CompletenessDelegate(QStyledItemDelegate):
    """Paints a handover's completeness as a bar with the percentage beside it (red below
    50, amber below 80, green from there); "calculating…" while it is worked out."""

    BAR_MAX = 54
    BAR_HEIGHT = 8

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex):
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        score = index.data(SCORE_ROLE)
        text = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = opt.rect.adjusted(8, 0, -6, 0)
        painter.save()
        if score is None:
            quiet = QFont(opt.font)
            quiet.setItalic(True)
            painter.setFont(quiet)
            painter.setPen(QColor(MUTED))
            painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             text)
            painter.restore()
            return
        colour = QColor(score_colour(score))
        metrics = QFontMetrics(opt.font)
        label_width = metrics.horizontalAdvance("100%") + 8
        width = max(24, min(self.BAR_MAX, rect.width() - label_width))
        y = rect.center().y() - self.BAR_HEIGHT / 2 + 1
        radius = self.BAR_HEIGHT / 2
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#e6eaf0"))
        painter.drawRoundedRect(QRectF(rect.left(), y, width, self.BAR_HEIGHT), radius, radius)
        if score:
            painter.setBrush(colour)
            painter.drawRoundedRect(QRectF(rect.left(), y, max(self.BAR_HEIGHT,
                                                               width * score / 100),
                                           self.BAR_HEIGHT), radius, radius)
        painter.setPen(colour)
        painter.setFont(opt.font)
        painter.drawText(QRectF(rect.left() + width + 8, rect.top(), label_width,
                                rect.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(max(size.width(), self.BAR_MAX + 60), size.height())


class TeamReviewFilter(QSortFilterProxyModel):
    """Narrows the dashboard to a person's handovers (as outgoing, incoming or reviewing
    manager), to those started together for a leaver's book, to a status (or all in
    flight), to the overdue ones, and by account name. Sorts by each column's raw value."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.person: int | None = None
        self.batch: int | None = None  # a leaver's batch: only the handovers started in it
        self.status: Status | str | None = None
        self.overdue_only = False
        self.words: list[str] = []

    def _refilter(self, change: Callable[[], None]) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateRowsFilter()

    def set_person(self, person_id: int | None) -> None:
        self._refilter(lambda: setattr(self, "person", person_id))

    def set_batch(self, batch_id: int | None) -> None:
        self._refilter(lambda: setattr(self, "batch", batch_id))

    def set_status(self, status: Status | str | None) -> None:
        """Only the handovers in `status`; IN_FLIGHT: those not accepted; None: all."""
        if status is not None and status != IN_FLIGHT:
            status = Status.parse(status, "status")
        self._refilter(lambda: setattr(self, "status", status))

    def set_overdue_only(self, on: bool) -> None:
        self._refilter(lambda: setattr(self, "overdue_only", bool(on)))

    def set_text(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "words", text.casefold().split()))

    def is_narrowed(self) -> bool:
        return (self.person is not None or self.batch is not None
                or self.status is not None or self.overdue_only or bool(self.words))

    def in_scope(self, row: ReviewRow) -> bool:
        """Whether the line is one of the person's (of the leaver's group, and matches the
        words typed): what the summary counts. The status and "only overdue" narrow the
        table alone, so that the summary still says how many are in flight, overdue and
        accepted."""
        if self.person is not None and not row.involves(self.person):
            return False
        if self.batch is not None and row.batch_id != self.batch:
            return False
        if self.words:
            name = row.account.casefold()
            return all(word in name for word in self.words)
        return True

    def filterAcceptsRow(self, source_row: int,
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model: TeamReviewModel = self.sourceModel()  # type: ignore[assignment]
        row = model.row_at(source_row)
        if self.status == IN_FLIGHT and not row.in_flight:
            return False
        if isinstance(self.status, Status) and row.status is not self.status:
            return False
        if self.overdue_only and not row.is_overdue(model.today):
            return False
        return self.in_scope(row)


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
        self.export_dialog: BatchExportDialog | None = None
        self._export_folder: Path | None = None
        self._export_fmt = "pdf"
        self._generation = 0
        self._calculating = False
        self._scores_stale = True
        self._rows_stale = False
        self._dirty_accounts: set[int] | None = set()  # None: every handover
        self._template_path = ""
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._recheck_dirty)

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

        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Filter by account")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(120)
        self.search.setMaximumWidth(280)
        self.search.textChanged.connect(lambda text: self._filter(self.proxy.set_text, text))
        self.person_box = QComboBox()
        self.person_box.setObjectName("personFilter")
        self.person_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.person_box.setMinimumContentsLength(16)
        self.person_box.setToolTip("Only the handovers this person hands over, receives or "
                                   "reviews")
        self.person_box.currentIndexChanged.connect(
            lambda _n: self._filter(self.proxy.set_person, self.person_box.currentData()))
        self.group_box = QComboBox()
        self.group_box.setObjectName("groupFilter")
        self.group_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.group_box.setToolTip("Only the handovers started together for a leaver's book")
        self.group_box.currentIndexChanged.connect(
            lambda _n: self._filter(self.proxy.set_batch, self.group_box.currentData()))
        self.status_box = QComboBox()
        self.status_box.setObjectName("statusFilter")
        self.status_box.addItem("All statuses", None)
        self.status_box.addItem("In flight", IN_FLIGHT)
        for status in Status:
            self.status_box.addItem(dot_icon(STATUS_COLOURS[status][0]), status.label, status)
        self.status_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.status_box.currentIndexChanged.connect(
            lambda _n: self._filter(self.proxy.set_status, self.status_box.currentData()))
        self.overdue_check = QCheckBox("Only overdue")
        self.overdue_check.toggled.connect(
            lambda on: self._filter(self.proxy.set_overdue_only, on))
        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.person_box)
        filters.addWidget(self.group_box)
        filters.addWidget(self.status_box)
        filters.addSpacing(8)
        filters.addWidget(self.overdue_check)
        filters.addStretch(0)

        self.table = make_table(self.proxy, object_name="teamReviewTable", row_padding=16)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        # Nine columns beside the sidebar at 1280 pixels: a little less padding than the
        # other tables, so the account's name keeps its room.
        self.table.setStyleSheet("QTableView::item { padding: 0 5px; }")
        self.table.setItemDelegateForColumn(TeamReviewModel.COMPLETE,
                                            CompletenessDelegate(self.table))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(TeamReviewModel.DUE, Qt.SortOrder.AscendingOrder)
        self._size_columns()
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
        layout.addLayout(filters)
        layout.addWidget(self.body, 1)
        # The figures are redrawn where the lines, their scores or the filters change
        # (reload, _scores_in, _filter), once each: a filter change sends the proxy's
        # signals once per run of lines it hides.

    def _size_columns(self) -> None:
        """Each column as wide as its widest likely text (or its heading); the account's
        name takes the rest. Measured, so that a larger font widens them alike; at 1280
        pixels the account keeps some 160 of them."""
        table = self.table
        cells = table.fontMetrics()
        bold = QFont(table.font())
        bold.setWeight(QFont.Weight.DemiBold)
        strong = QFontMetrics(bold)
        text = 24  # the cell's padding, the style's text margins and a little air
        marked = text + 18  # and a coloured dot before the text
        widths = {
            TeamReviewModel.HEALTH: max(cells.horizontalAdvance(h.label) for h in Health)
            + marked,
            TeamReviewModel.STATUS: max(cells.horizontalAdvance(s.label) for s in Status)
            + marked,
            TeamReviewModel.PEOPLE: cells.horizontalAdvance("Felix Hartmann \u2192 Jonas "
                                                            "Berger") + text,
            TeamReviewModel.COMPLETE: CompletenessDelegate.BAR_MAX
            + cells.horizontalAdvance("100%") + 8 + text,
            TeamReviewModel.DUE: strong.horizontalAdvance("30 Nov 2026") + text,
            TeamReviewModel.OVERDUE: cells.horizontalAdvance("100 days") + text,
            TeamReviewModel.MISSING: 0,
            TeamReviewModel.QUESTIONS: 0,
        }
        header = table.horizontalHeader()
        for column, width in widths.items():
            heading = strong.horizontalAdvance(TeamReviewModel.HEADERS[column]) + 24
            header.resizeSection(column, max(width, heading))
        header.setSectionResizeMode(TeamReviewModel.ACCOUNT, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)

    # ------------------------------------------------------------ the workspace

    def set_session(self, session: Session | None) -> None:
        """Show the handovers of the session's workspace (None: an empty page), and follow
        its edits. A batch export still running for another workspace is cancelled."""
        if self.session is not None:
            try:
                self.session.changed.disconnect(self._changed)
            except (RuntimeError, TypeError):
                pass  # the old session is already gone
        if self.export_dialog is not None and self.export_dialog.running:
            self.export_dialog.cancel()
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
        self._fill_person_box()
        self._fill_group_box()
        self.select_ids(chosen)
        self._update_figures()

    def _fill_person_box(self) -> None:
        box = self.person_box
        chosen = box.currentData()
        people: dict[int, str] = {}
        for row in self.model.rows():
            people[row.outgoing_id] = row.outgoing
            people[row.incoming_id] = row.incoming
            if row.reviewer_id is not None:
                people[row.reviewer_id] = row.reviewer or ""
        box.blockSignals(True)
        try:
            box.clear()
            box.addItem("Everyone", None)
            for person_id, name in sorted(people.items(), key=lambda p: p[1].casefold()):
                box.addItem(name, person_id)
            box.setCurrentIndex(max(0, box.findData(chosen)) if chosen is not None else 0)
        finally:
            box.blockSignals(False)
        if box.currentData() != self.proxy.person:
            self.proxy.set_person(box.currentData())

    def _fill_group_box(self) -> None:
        box = self.group_box
        chosen = box.currentData()
        groups = leaver_groups(self.session.ws) if self.session is not None else []
        box.blockSignals(True)
        try:
            box.clear()
            box.addItem("All handovers", None)
            for group in groups:
                box.addItem(group.label, group.batch_id)
                box.setItemData(box.count() - 1,
                                f"The handovers of {group.leaver}'s accounts, started on "
                                f"{short_date(group.started_on)}; {group.accepted} of "
                                f"{group.handovers} accepted",
                                Qt.ItemDataRole.ToolTipRole)
            box.setCurrentIndex(max(0, box.findData(chosen)) if chosen is not None else 0)
        finally:
            box.blockSignals(False)
        box.setVisible(bool(groups))
        if box.currentData() != self.proxy.batch:
            self.proxy.set_batch(box.currentData())

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

    def _filter(self, change: Callable[[object], None], value: object) -> None:
        change(value)
        self._update_figures()

    def clear_filters(self) -> None:
        self.search.clear()
        self.person_box.setCurrentIndex(0)
        self.group_box.setCurrentIndex(0)
        self.status_box.setCurrentIndex(0)
        self.overdue_check.setChecked(False)

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
        exporting = self.export_dialog is not None and self.export_dialog.running
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
        from handover.export_jobs import brief_data, screen_charts

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            data = brief_data(self.session.ws, ids[0], today=self.today(),
                              template=self.template())
            charts = screen_charts(data)  # the screens' charts: drawn on this thread
        except HandoverError as e:
            problem = str(e)
        else:
            problem = ""
        finally:
            QApplication.restoreOverrideCursor()
        if problem:
            dialogs.show_error(self, "Could not preview the brief", problem)
            return
        dialogs.preview_brief(self, data, charts=charts, settings=self.settings)

    def export_selected(self) -> None:
        self.export_briefs(self.selected_ids())

    def export_all(self) -> None:
        """The briefs of every handover listed, as the filters leave them."""
        self.export_briefs(self.shown_ids())

    def export_briefs(self, ids: Sequence[int]) -> BatchExportDialog | None:
        """Ask where and how, then write the briefs of `ids` on a worker thread, with the
        progress dialog; the page stays usable meanwhile. The dialog, or None when the
        user cancelled (or nothing is to be exported)."""
        ids = list(ids)
        if self.session is None or not ids:
            return None
        if self.export_dialog is not None and self.export_dialog.running:
            self.export_dialog.raise_()
            return None
        choice = dialogs.ask_export_options(self, len(ids), folder=self._export_folder,
                                            fmt=self._export_fmt,
                                            page_size=brief_page_size(self.settings))
        if choice is None:
            return None
        self._export_folder, self._export_fmt = choice.folder, choice.fmt
        if choice.fmt == "pdf":
            remember_page_size(self.settings, choice.page_size)
        if self.export_dialog is not None:
            self.export_dialog.deleteLater()
        dialog = BatchExportDialog(self.session.ws.path, ids, choice, template=self.template(),
                                   today=self.today(), parent=self)
        dialog.export_finished.connect(self._export_finished)
        dialog.export_failed.connect(lambda _message: self._enable())
        self.export_dialog = dialog
        self.export_started.emit(dialog)
        dialog.show()
        dialog.start()
        self._enable()
        return dialog

    def _export_finished(self, result) -> None:
        self._enable()
        if self.export_dialog is None:
            return
        choice = self.export_dialog.choice
        written = len(result.written)
        briefs = f"{written:,} {FORMAT_NAMES[choice.fmt]} brief{'s' if written != 1 else ''}"
        if result.cancelled:
            self.status_message.emit(f"Export cancelled: {briefs} written to {choice.folder}")
        else:
            self.status_message.emit(f"{briefs} written to {choice.folder}")
