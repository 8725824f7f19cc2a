"""The Team review's table: each handover's line and how complete it is (worked out from
the workspace file on a worker thread), the figures above the table, the table model, the
completeness bar and the filters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from handover.domain.checker import check_handover
from handover.domain.handover import Status
from handover.domain.records import Health
from handover.domain.template import load_template_or_default
from handover.store import Workspace
from handover.store.review_queries import ReviewRow, checker_inputs
from handover.ui.handovers.handover_parts import STATUS_COLOURS, score_colour
from handover.ui.shell.tables import RowsFilter, RowsModel, make_table
from handover.ui.shell.text import tooltip
from handover.ui.shell.words import (
    DANGER,
    HEALTH_COLOURS,
    HEALTH_ORDER,
    MISSING,
    MUTED,
    SORT_ROLE,
    WARNING,
    days_text,
    dot_icon,
    short_date,
)

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


class TeamReviewFilter(RowsFilter):
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

    def set_person(self, person_id: int | None) -> None:
        self.change_filter(lambda: setattr(self, "person", person_id))

    def set_batch(self, batch_id: int | None) -> None:
        self.change_filter(lambda: setattr(self, "batch", batch_id))

    def set_status(self, status: Status | str | None) -> None:
        """Only the handovers in `status`; IN_FLIGHT: those not accepted; None: all."""
        if status is not None and status != IN_FLIGHT:
            status = Status.parse(status, "status")
        self.change_filter(lambda: setattr(self, "status", status))

    def set_overdue_only(self, on: bool) -> None:
        self.change_filter(lambda: setattr(self, "overdue_only", bool(on)))

    def set_text(self, text: str) -> None:
        self.change_filter(lambda: setattr(self, "words", text.casefold().split()))

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


def review_table(proxy: TeamReviewFilter) -> QTableView:
    """The table of the Team review over `proxy`: several lines can be chosen, it sorts by
    the due date, the completeness is a bar."""
    table = make_table(proxy, object_name="teamReviewTable", row_padding=16)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    # Nine columns beside the sidebar at 1280 pixels: a little less padding than the
    # other tables, so the account's name keeps its room.
    table.setStyleSheet("QTableView::item { padding: 0 5px; }")
    table.setItemDelegateForColumn(TeamReviewModel.COMPLETE, CompletenessDelegate(table))
    table.setSortingEnabled(True)
    table.sortByColumn(TeamReviewModel.DUE, Qt.SortOrder.AscendingOrder)
    size_columns(table)
    return table


def size_columns(table: QTableView) -> None:
    """Each column as wide as its widest likely text (or its heading); the account's
    name takes the rest. Measured, so that a larger font widens them alike; at 1280
    pixels the account keeps some 160 of them."""
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
