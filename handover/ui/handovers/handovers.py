"""The Handovers page: every handover in flight with its completeness and what is due, the
form that starts a new one, and the handover opened from the list (the outgoing manager's
stepper or the review)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeySequence,
    QPainter,
    QShortcut,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from handover.domain.checker import check_handover
from handover.domain.errors import HandoverError, ValidationError
from handover.domain.handover import Handover, Party, Status
from handover.domain.records import Role
from handover.domain.signoff import signoff_state
from handover.domain.template import Template, load_template_or_default
from handover.settings import TEAM_TEMPLATE, CurrentUser, Settings
from handover.store import handover_ops as ops
from handover.store.briefdata import handover_records
from handover.store.handover_ops import HandoverRow
from handover.store.queries import handover_ids_of, people_by_name
from handover.ui.handovers.handover_edits import HANDOVER_TABLES, CreateHandover
from handover.ui.handovers.handover_parts import (
    CHANGED_COLOURS,
    RECORD_TABLES,
    STATUS_COLOURS,
    Banner,
    due_words,
    first_name,
    load_team_template,
    score_colour,
)
from handover.ui.shell import dialogs
from handover.ui.shell.parts import DETAIL_STYLESHEET, collect_errors
from handover.ui.shell.session import Change, Session
from handover.ui.shell.tables import NoteDelegate, RowsModel, fit_columns, make_table
from handover.ui.shell.text import esc, plain_label, tooltip
from handover.ui.shell.words import (
    DANGER,
    ID_ROLE,
    MAIN_ROLE,
    MISSING,
    MUTED,
    NOTE_COLOUR_ROLE,
    NOTE_ROLE,
    ROOT,
    SORT_ROLE,
    WARNING,
    days_text,
    dot_icon,
    from_qdate,
    short_date,
    to_qdate,
)

log = logging.getLogger(__name__)

DEFAULT_DUE_DAYS = 21


def next_step(row: HandoverRow) -> str:
    """Whose turn it is, in a few words."""
    if row.status in (Status.DRAFT, Status.RETURNED):
        return f"{first_name(row.outgoing)} writes"
    if row.status is Status.SUBMITTED:
        return f"waiting for {first_name(row.incoming)}"
    if row.status is Status.IN_REVIEW:
        if row.unanswered:
            return f"{row.unanswered} for {first_name(row.outgoing)} to answer"
        return f"{first_name(row.incoming)} reviews"
    return ""


# ---------------------------------------------------------------- the list


@dataclass(frozen=True)
class Measure:
    """What the checker says of one handover, for its line in the list."""

    score: int
    to_fix: int  # errors and warnings
    changed: bool  # changed since sign-off


def measure_handover(session: Session, template: Template, handover_id: int,
                     today: dt.date) -> Measure | None:
    try:
        handover, records, questions = handover_records(session.ws, handover_id)
    except HandoverError:
        return None
    result = check_handover(template, handover, records, questions, today)
    counts = result.counts()
    changed = bool(handover.signoff_hash) and signoff_state(handover, records,
                                                            questions).changed
    return Measure(result.score, counts["error"] + counts["warning"], changed)


SCORE_ROLE = Qt.ItemDataRole.UserRole + 20


class HandoversModel(RowsModel[HandoverRow]):
    """Every handover, one line each. The score comes from the checker, worked out for a
    line when it is first shown (or sorted on) and kept until the handover or its records
    change, so a long list opens at the speed of one query."""

    ACCOUNT, PEOPLE, REVIEWER, STATUS, DUE, SCORE, QUESTIONS = range(7)
    HEADERS = ("Account", "Outgoing \u2192 incoming", "Reviewer", "Status", "Due", "Complete",
               "Questions")
    HEADER_TIPS = {5: "How complete the handover is: the weighted share of the checker's "
                      "checks passed",
                   6: "Questions asked in the review that still wait for an answer"}
    RIGHT_ALIGNED = frozenset({6})

    def __init__(self, parent=None):
        super().__init__(parent)
        self.today = dt.date.today()
        self.measure: Callable[[int], Measure | None] = lambda _id: None
        self._measures: dict[int, Measure | None] = {}

    def measure_of(self, handover_id: int) -> Measure | None:
        if handover_id not in self._measures:
            self._measures[handover_id] = self.measure(handover_id)
        return self._measures[handover_id]

    def measured(self) -> set[int]:
        """The handovers whose score has been worked out (and is kept)."""
        return set(self._measures)

    def forget(self, handover_ids=None) -> None:
        """Work out these handovers' scores again when next shown (all, with None)."""
        if handover_ids is None:
            self._measures.clear()
        else:
            for i in handover_ids:
                self._measures.pop(i, None)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, self.STATUS),
                                  self.index(self.rowCount() - 1, self.SCORE))

    def put_row(self, handover_id: int, row: HandoverRow | None) -> None:
        """Show one handover's line as it is now: changed, added or (None) removed."""
        self._measures.pop(handover_id, None)
        number = self.row_of(handover_id)
        if number is not None and row is not None:
            self._rows[number] = row
            self.dataChanged.emit(self.index(number, 0),
                                  self.index(number, self.columnCount() - 1))
        elif number is not None:
            self.beginRemoveRows(ROOT, number, number)
            del self._rows[number]
            self._where = {r.id: i for i, r in enumerate(self._rows)}
            self.endRemoveRows()
        elif row is not None:
            at = len(self._rows)
            self.beginInsertRows(ROOT, at, at)
            self._rows.append(row)
            self._where[row.id] = at
            self.endInsertRows()

    def ids_of_account(self, account_id: int) -> list[int]:
        return [r.id for r in self._rows if r.account_id == account_id]

    def cell(self, row: HandoverRow, column: int, role: int):
        display = role == Qt.ItemDataRole.DisplayRole
        overdue = row.is_overdue(self.today)
        if column == self.ACCOUNT:
            if display:
                return row.account
            if role == SORT_ROLE:
                return row.account.casefold()
            if role == Qt.ItemDataRole.ToolTipRole:
                return tooltip(f"Handover of {row.account}")
        elif column == self.PEOPLE:
            text = f"{row.outgoing} \u2192 {row.incoming}"
            if display:
                return text
            if role == Qt.ItemDataRole.ToolTipRole:
                return tooltip(text)
            if role == SORT_ROLE:
                return text.casefold()
        elif column == self.REVIEWER:
            if display:
                return row.reviewer or MISSING
            if role == SORT_ROLE:
                return (row.reviewer or "").casefold()
            if role == Qt.ItemDataRole.ForegroundRole and not row.reviewer:
                return QColor(MUTED)
        elif column == self.STATUS:
            return self._status_cell(row, role)
        elif column == self.DUE:
            note, colour = due_words(row.due_date, self.today, row.status)
            main = short_date(row.due_date) if row.due_date else "No date"
            if display:
                return f"{main} \u00b7 {note}" if note else main
            if role == MAIN_ROLE:
                return main
            if role == NOTE_ROLE:
                return note or None
            if role == NOTE_COLOUR_ROLE:
                return colour
            if role == SORT_ROLE:
                return row.due_date.toordinal() if row.due_date else 10**7
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(DANGER) if overdue else None
            if role == Qt.ItemDataRole.FontRole and overdue:
                bold = QFont()
                bold.setWeight(QFont.Weight.DemiBold)
                return bold
        elif column == self.SCORE:
            if role in (Qt.ItemDataRole.DisplayRole, SCORE_ROLE, SORT_ROLE,
                        Qt.ItemDataRole.ToolTipRole):
                m = self.measure_of(row.id)
                if m is None:
                    return None if role != Qt.ItemDataRole.DisplayRole else MISSING
                if role == Qt.ItemDataRole.ToolTipRole:
                    return (f"{m.score}% complete; {m.to_fix} thing"
                            f"{'s' if m.to_fix != 1 else ''} to fix or consider"
                            if m.to_fix else f"{m.score}% complete; nothing to fix")
                return f"{m.score}%" if display else m.score
        elif column == self.QUESTIONS:
            if display:
                if not row.questions:
                    return MISSING
                if row.unanswered:
                    return f"{row.unanswered} waiting"
                return f"{row.questions} answered"
            if role == SORT_ROLE:
                return (row.unanswered, row.questions)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(WARNING if row.unanswered else MUTED)
            if role == Qt.ItemDataRole.ToolTipRole and row.questions:
                return (f"{row.questions} asked, {row.questions - row.unanswered} answered, "
                        f"{row.unanswered} waiting for an answer")
        return None

    def _status_cell(self, row: HandoverRow, role: int):
        changed = False
        if row.signed and role in (Qt.ItemDataRole.DisplayRole, MAIN_ROLE, NOTE_ROLE,
                                   NOTE_COLOUR_ROLE, Qt.ItemDataRole.DecorationRole):
            m = self.measure_of(row.id)
            changed = bool(m and m.changed)
        note = "changed since sign-off" if changed else next_step(row)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.status.label} \u00b7 {note}" if note else row.status.label
        if role == MAIN_ROLE:
            return row.status.label
        if role == NOTE_ROLE:
            return note or None
        if role == NOTE_COLOUR_ROLE:
            return CHANGED_COLOURS[0] if changed else MUTED
        if role == Qt.ItemDataRole.DecorationRole:
            return dot_icon(CHANGED_COLOURS[0] if changed else STATUS_COLOURS[row.status][0])
        if role == SORT_ROLE:
            return list(Status).index(row.status)
        if role == Qt.ItemDataRole.ToolTipRole and row.status is Status.RETURNED:
            return "Returned to the outgoing manager with a reason to fix"
        return None


class ScoreDelegate(QStyledItemDelegate):
    """Paints a score as a short bar and the figure."""

    BAR = 54

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex):
        score = index.data(SCORE_ROLE)
        if score is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = opt.rect.adjusted(11, 0, -8, 0)
        colour = QColor(score_colour(score))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        y = rect.center().y() - 3
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#e6eaf0"))
        painter.drawRoundedRect(QRectF(rect.left(), y, self.BAR, 6), 3, 3)
        painter.setBrush(colour)
        painter.drawRoundedRect(QRectF(rect.left(), y, max(6.0, self.BAR * score / 100), 6),
                                3, 3)
        painter.setPen(colour)
        painter.drawText(QRectF(rect.left() + self.BAR + 8, rect.top(),
                                rect.width() - self.BAR - 8, rect.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         f"{score}%")
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(max(size.width(), self.BAR + 60), size.height())


UNDER_WAY = "under_way"


class HandoversFilter(QSortFilterProxyModel):
    """Narrows the list by words (account or people), by status, and to the current
    user's own handovers."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._words: list[str] = []
        self._status: Status | str | None = None
        self._person: int | None = None

    def _refilter(self, change: Callable[[], None]) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateRowsFilter()

    def set_text(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "_words", text.casefold().split()))

    def set_status(self, status: Status | str | None) -> None:
        """Only the handovers in `status` (or UNDER_WAY: not accepted; None: all)."""
        if status is not None and status != UNDER_WAY:
            status = Status.parse(status, "status")  # a combo box gives back plain text
        self._refilter(lambda: setattr(self, "_status", status))

    def set_person(self, person_id: int | None) -> None:
        """Only the handovers `person_id` plays a part in (None: everyone's)."""
        self._refilter(lambda: setattr(self, "_person", person_id))

    def filterAcceptsRow(self, source_row: int,
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        row: HandoverRow = self.sourceModel().row_at(source_row)  # type: ignore[attr-defined]
        if self._status == UNDER_WAY and row.status is Status.ACCEPTED:
            return False
        if isinstance(self._status, Status) and row.status is not self._status:
            return False
        if self._person is not None and not row.involves(self._person):
            return False
        if self._words:
            text = f"{row.account} {row.outgoing} {row.incoming} {row.reviewer or ''}"
            text = text.casefold()
            return all(word in text for word in self._words)
        return True


class HandoversList(QWidget):
    """The list of handovers: the heading with the count, the filters and the table."""

    open_requested = Signal(int)  # a handover id
    new_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = HandoversModel(self)
        self.proxy = HandoversFilter(self)
        self.proxy.setSourceModel(self.model)

        self.title = QLabel("Handovers")
        self.title.setObjectName("pageTitle")
        self.count_label = QLabel()
        self.count_label.setObjectName("pageSubtitle")
        self.count_label.setMinimumWidth(1)
        self.open_button = QPushButton("Open")
        self.open_button.setToolTip("Open the chosen handover (Enter)")
        self.open_button.clicked.connect(self._open_current)
        self.new_button = QPushButton("New handover\u2026")
        self.new_button.setObjectName("primaryButton")
        self.new_button.setToolTip("Start the handover of an account to a colleague")
        self.new_button.clicked.connect(self.new_requested)

        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Filter by account or person")
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(320)
        self.search.textChanged.connect(self._filter(self.proxy.set_text))
        self.status_box = QComboBox()
        self.status_box.addItem("All statuses", None)
        self.status_box.addItem("Under way", UNDER_WAY)
        for status in Status:
            self.status_box.addItem(dot_icon(STATUS_COLOURS[status][0]), status.label, status)
        self.status_box.currentIndexChanged.connect(
            lambda _n: self._filter(self.proxy.set_status)(self.status_box.currentData()))
        self.mine = QCheckBox("Only mine")
        self.mine.setToolTip("Only the handovers you write, receive or review")
        self.mine.toggled.connect(lambda _on: self._apply_mine())
        self.person_id: int | None = None

        self.banner = Banner()
        self.table = make_table(self.proxy, object_name="handoversTable", row_padding=16)
        self.table.setItemDelegateForColumn(HandoversModel.DUE, NoteDelegate(self))
        self.table.setItemDelegateForColumn(HandoversModel.STATUS, NoteDelegate(self))
        self.table.setItemDelegateForColumn(HandoversModel.SCORE, ScoreDelegate(self))
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # by no column at first: the soonest due on top
        fit_columns(self.table, {
            HandoversModel.PEOPLE: ["Marcus Lindqvist \u2192 Helen Achterbe"],
            HandoversModel.REVIEWER: ["Helen Achterberg"],
            HandoversModel.STATUS: ["In review  3 for Marcus to answer"],
            HandoversModel.DUE: ["30 Nov 2026  overdue 100 days"],
            HandoversModel.SCORE: ["100%"],
            HandoversModel.QUESTIONS: ["3 answered"],
        }, extra={HandoversModel.SCORE: ScoreDelegate.BAR + 12, HandoversModel.STATUS: 20})
        self.table.horizontalHeader().resizeSection(HandoversModel.ACCOUNT, 230)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda index: self._open_index(index))
        enter = QShortcut(QKeySequence(Qt.Key.Key_Return), self.table)
        enter.setContext(Qt.ShortcutContext.WidgetShortcut)
        enter.activated.connect(self._open_current)

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
        header.addWidget(self.count_label, 1, Qt.AlignmentFlag.AlignBaseline)
        header.addWidget(self.open_button)
        header.addWidget(self.new_button)
        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.status_box)
        filters.addSpacing(8)
        filters.addWidget(self.mine)
        filters.addStretch(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        layout.addLayout(header)
        layout.addWidget(self.banner)
        layout.addLayout(filters)
        layout.addWidget(self.body, 1)

        for signal in (self.proxy.modelReset, self.proxy.rowsInserted, self.proxy.rowsRemoved,
                       self.proxy.layoutChanged):
            signal.connect(self._update_count)
        self.table.selectionModel().currentChanged.connect(lambda *_: self._enable())
        self._update_count()

    def _filter(self, change: Callable[[object], None]) -> Callable[[object], None]:
        def apply(value: object) -> None:
            change(value)
            self._update_count()
        return apply

    def _apply_mine(self) -> None:
        self.proxy.set_person(self.person_id if self.mine.isChecked() else None)
        self._update_count()

    def set_person(self, person_id: int | None) -> None:
        self.person_id = person_id
        self.mine.setEnabled(person_id is not None)
        self._apply_mine()

    def current_id(self) -> int | None:
        index = self.table.selectionModel().currentIndex()
        return self.proxy.index(index.row(), 0).data(ID_ROLE) if index.isValid() else None

    def select(self, handover_id: int) -> bool:
        number = self.model.row_of(handover_id)
        if number is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(number, 0))
        if not index.isValid():
            return False
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def _open_index(self, index: QModelIndex) -> None:
        handover_id = self.proxy.index(index.row(), 0).data(ID_ROLE)
        if handover_id is not None:
            self.open_requested.emit(handover_id)

    def _open_current(self) -> None:
        handover_id = self.current_id()
        if handover_id is not None:
            self.open_requested.emit(handover_id)

    def _enable(self) -> None:
        self.open_button.setEnabled(self.current_id() is not None)

    def _update_count(self, *_args) -> None:
        rows = self.model.rows()
        shown = self.proxy.rowCount()
        overdue = sum(r.is_overdue(self.model.today) for r in rows)
        under_way = sum(r.status is not Status.ACCEPTED for r in rows)
        if not rows:
            self.count_label.setText("")
        else:
            text = (f"{len(rows):,} handover{'s' if len(rows) != 1 else ''}"
                    if shown == len(rows) else f"{shown:,} of {len(rows):,} handovers")
            text += f"  \u00b7  {under_way:,} under way"
            if overdue:
                text += f"  \u00b7  {overdue:,} overdue"
            self.count_label.setText(text)
        if not rows:
            self.empty_label.setText("No handovers yet. When an account changes hands, start "
                                     "its handover with \u201cNew handover\u2026\u201d: the "
                                     "outgoing manager writes it section by section, the "
                                     "incoming manager reviews and signs it off.")
        else:
            self.empty_label.setText("No handover matches the filters.")
        self.body.setCurrentWidget(self.table if shown else self.empty_label)
        self._enable()


# ---------------------------------------------------------------- the new-handover form


class _AccountChoices(QAbstractListModel):
    """The accounts to choose from, for the type-ahead picker: id, name and owner."""

    def __init__(self, choices: list[tuple[int, str, int | None]], parent=None):
        super().__init__(parent)
        self.choices = choices

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.choices)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.choices):
            return None
        account_id, name, owner = self.choices[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return name
        if role == Qt.ItemDataRole.UserRole:
            return account_id
        if role == Qt.ItemDataRole.UserRole + 1:
            return owner
        return None


FORM_LABELS = {"account_id": "Account", "outgoing_id": "Outgoing manager",
               "incoming_id": "Incoming manager", "reviewer_id": "Reviewing team lead",
               "due_date": "Due date"}


def _sentence(message: str) -> str:
    message = message.strip()
    message = message[:1].upper() + message[1:]
    return message if message.endswith((".", "!", "?")) else message + "."


class NewHandoverDialog(QDialog):
    """Starts a handover: the account (type to find it among many), the outgoing and
    incoming managers, the reviewing team lead and the due date. Each refusal is shown
    beside its field; the handover is created as one undoable edit."""

    def __init__(self, session: Session, *, today: dt.date, person_id: int | None = None,
                 account_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.today = today
        self.person_id = person_id
        self.created: Handover | None = None
        self._tried = False
        self._outgoing_touched = False
        self.setWindowTitle("New handover")
        self.setMinimumWidth(560)
        self.setStyleSheet(DETAIL_STYLESHEET + "QComboBox:editable { padding: 4px 8px; }")

        intro = QLabel("Who hands which account to whom, and by when. The outgoing manager "
                       "then writes the handover section by section; the incoming manager "
                       "reviews it and signs it off.")
        intro.setWordWrap(True)
        intro.setObjectName("sectionHint")

        self.accounts = _AccountChoices(ops.account_choices(session.ws), self)
        self.account_box = QComboBox()
        self.account_box.setEditable(True)
        self.account_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.account_box.setModel(self.accounts)
        self.account_box.setMaxVisibleItems(14)
        self.account_box.setCurrentIndex(-1)
        self.account_box.lineEdit().setPlaceholderText("Type to find an account")
        completer = QCompleter(self.accounts, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(12)
        self.account_box.setCompleter(completer)
        self.account_box.currentIndexChanged.connect(lambda _n: self._account_changed())
        self.account_box.editTextChanged.connect(lambda _t: self._account_changed())

        self.people = people_by_name(session.ws)
        self.outgoing_box = self._person_box("Who hands the account over")
        self.incoming_box = self._person_box("Who takes it on")
        self.reviewer_box = self._person_box("No reviewer", optional=True)
        self._defaulting = False  # the form itself is choosing, not the user
        self.outgoing_box.currentIndexChanged.connect(self._outgoing_chosen)
        self.due_edit = QDateEdit(to_qdate(today + dt.timedelta(days=DEFAULT_DUE_DAYS)))
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat("d MMM yyyy")
        self.due_edit.setMinimumWidth(140)
        self.due_note = QLabel()
        self.due_note.setObjectName("fieldHint")
        self.due_edit.dateChanged.connect(lambda _d: self._due_changed())

        self.messages: dict[str, QLabel] = {}
        self.inputs: dict[str, QWidget] = {"account_id": self.account_box,
                                           "outgoing_id": self.outgoing_box,
                                           "incoming_id": self.incoming_box,
                                           "reviewer_id": self.reviewer_box,
                                           "due_date": self.due_edit}
        self.account_note = QLabel()
        self.account_note.setObjectName("fieldHint")
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(4)
        row = 0
        for field, widget in self.inputs.items():
            caption = QLabel(FORM_LABELS[field])
            caption.setStyleSheet("font-weight: 600; color: #4d5866;")
            grid.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignVCenter)
            if field == "due_date":
                line = QHBoxLayout()
                line.addWidget(widget)
                line.addWidget(self.due_note, 1)
                grid.addLayout(line, row, 1)
            else:
                grid.addWidget(widget, row, 1)
            row += 1
            if field == "account_id":
                grid.addWidget(self.account_note, row, 1)
                row += 1
            message = plain_label()
            message.setObjectName("fieldError")
            message.setWordWrap(True)
            message.setStyleSheet(f"color: {DANGER}; font-size: 9pt;")
            message.hide()
            self.messages[field] = message
            grid.addWidget(message, row, 1)
            row += 1
        grid.setColumnStretch(1, 1)

        self.general_error = plain_label()
        self.general_error.setWordWrap(True)
        self.general_error.setStyleSheet(f"color: {DANGER};")
        self.general_error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.create_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText("Create handover")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 20, 22, 16)
        layout.setSpacing(14)
        heading = QLabel("New handover")
        heading.setObjectName("detailTitle")
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(self.general_error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        for box in (self.incoming_box, self.reviewer_box, self.outgoing_box):
            box.currentIndexChanged.connect(lambda _n: self._revalidate())
        self._default_people()
        if account_id is not None:
            self.choose_account(account_id)
        self._due_changed()
        if session.ws.read_only:
            self.create_button.setEnabled(False)
            self.general_error.setText("The workspace is open read-only: a handover cannot be "
                                       "created now.")
            self.general_error.show()

    # ------------------------------------------------------------ the fields

    def _person_box(self, placeholder: str, optional: bool = False) -> QComboBox:
        box = QComboBox()
        if optional:
            box.addItem(placeholder, None)
        for person in self.people:
            role = " (team lead)" if person.role is Role.TEAM_LEAD else ""
            box.addItem(f"{person.name}{role}", person.id)
        if not optional:
            box.setPlaceholderText(placeholder)
            box.setCurrentIndex(-1)
        box.setMinimumWidth(300)
        return box

    def _set_person(self, box: QComboBox, person_id: int | None) -> None:
        index = box.findData(person_id)
        if index >= 0:
            self._defaulting = True
            try:
                box.setCurrentIndex(index)
            finally:
                self._defaulting = False

    def _outgoing_chosen(self, _index: int) -> None:
        if not self._defaulting:
            self._outgoing_touched = True  # the account's owner no longer replaces them

    @staticmethod
    def _person_of(box: QComboBox) -> int | None:
        return box.currentData() if box.currentIndex() >= 0 else None

    def _default_people(self) -> None:
        leads = [p for p in self.people if p.role is Role.TEAM_LEAD]
        me = next((p for p in self.people if p.id == self.person_id), None)
        if me is not None and me.role is Role.TEAM_LEAD:
            self._set_person(self.reviewer_box, me.id)
        elif leads:
            self._set_person(self.reviewer_box, leads[0].id)
        if me is not None and me.role is Role.ACCOUNT_MANAGER:
            self._set_person(self.outgoing_box, me.id)

    def account_id(self) -> int | None:
        """The account chosen: the one picked, or the one whose name was typed in full."""
        text = self.account_box.currentText().strip()
        index = self.account_box.currentIndex()
        if index >= 0 and self.account_box.itemText(index) == text:
            return self.account_box.itemData(index, Qt.ItemDataRole.UserRole)
        folded = text.casefold()
        for account_id, name, _owner in self.accounts.choices:
            if name.casefold() == folded:
                return account_id
        return None

    def choose_account(self, account_id: int) -> bool:
        for number, (choice, _name, _owner) in enumerate(self.accounts.choices):
            if choice == account_id:
                self.account_box.setCurrentIndex(number)
                return True
        return False

    def _account_changed(self) -> None:
        account_id = self.account_id()
        note = ""
        if account_id is not None:
            owner = next((o for a, _n, o in self.accounts.choices if a == account_id), None)
            names = {p.id: p.name for p in self.people}
            if owner is not None:
                note = f"Owned by {names.get(owner, 'someone')}"
                if not self._outgoing_touched:
                    self._set_person(self.outgoing_box, owner)
            under_way = ops.in_flight(self.session.ws, account_id)
            if under_way is not None:
                note = (f"<span style='color:{DANGER}'>Already has a handover under way "
                        f"({under_way.status.label.lower()}): open that one from the list."
                        "</span>")
        self.account_note.setText(note)
        self.account_note.setVisible(bool(note))
        self._revalidate()

    def _due_changed(self) -> None:
        due = from_qdate(self.due_edit.date())
        days = (due - self.today).days
        self.due_note.setText("today" if days == 0 else f"in {days_text(days)}" if days > 0
                              else f"{days_text(-days)} ago")
        self._revalidate()

    # ------------------------------------------------------------ checking and saving

    def values(self) -> dict[str, object]:
        return {"account_id": self.account_id(),
                "outgoing_id": self._person_of(self.outgoing_box),
                "incoming_id": self._person_of(self.incoming_box),
                "reviewer_id": self.reviewer_box.currentData(),
                "due_date": from_qdate(self.due_edit.date())}

    def errors(self) -> dict[str, str]:
        """What each field is refused for, in the domain's and the workspace's words."""
        values = self.values()
        errors: dict[str, str] = {}
        if values["account_id"] is None:
            typed = self.account_box.currentText().strip()
            errors["account_id"] = (f"No account is called \u201c{typed}\u201d: choose one "
                                    "from the list" if typed else "Choose the account to "
                                    "hand over")
        elif ops.in_flight(self.session.ws, values["account_id"]) is not None:
            errors["account_id"] = ("This account already has a handover under way; open "
                                    "that one from the list")
        for field, words in (("outgoing_id", "who hands the account over"),
                             ("incoming_id", "who takes it on")):
            if values[field] is None:
                errors[field] = f"Choose {words}"
        if not errors.keys() & {"outgoing_id", "incoming_id"}:
            # Every field the domain refuses, not only the first: a refused field is
            # replaced by a valid stand-in and the handover built again.
            stand_ins = {"incoming_id": -1, "due_date": None, "reviewer_id": None}
            _, refused = collect_errors(
                lambda v: self._build(v, account_id=v["account_id"] or 0), values, stand_ins)
            for field, message in refused.items():
                errors.setdefault(field, message)
        return errors

    def _build(self, values: dict[str, object], **override) -> Handover:
        return Handover(**{**values, **override, "created_on": self.today})

    def show_errors(self, errors: dict[str, str]) -> None:
        for field, label in self.messages.items():
            text = errors.get(field, "")
            label.setText(_sentence(text) if text else "")
            label.setVisible(bool(text))
            widget = self.inputs[field]
            if bool(widget.property("invalid")) != bool(text):
                widget.setProperty("invalid", bool(text))
                widget.style().unpolish(widget)
                widget.style().polish(widget)

    def message(self, field: str) -> str:
        """What the form says beside `field` ("" when nothing)."""
        label = self.messages[field]
        return label.text() if not label.isHidden() else ""

    def _revalidate(self) -> None:
        if self._tried:
            self.show_errors(self.errors())

    def accept(self) -> None:
        self._tried = True
        errors = self.errors()
        self.show_errors(errors)
        if errors:
            first = next(f for f in self.inputs if f in errors)
            self.inputs[first].setFocus()
            return
        values = self.values()
        handover = self._build(values)
        name = self.account_box.currentText().strip()
        command = CreateHandover(self.session, handover, name)
        try:
            self.session._run(command)
        except ValidationError as e:
            self.show_errors({e.field: e.message})
            return
        except HandoverError as e:
            self.general_error.setText(str(e))
            self.general_error.show()
            return
        self.created = command.handover
        super().accept()


# ---------------------------------------------------------------- the page


class HandoversPage(QStackedWidget):
    """The Handovers page of the sidebar: the list, and the handover opened from it. Which
    screen a handover opens in depends on who the current user is to it and on its status:
    the stepper for its outgoing manager while it is a draft or returned, otherwise the
    review (the incoming manager and the reviewer act there; the outgoing manager answers
    questions there; anyone else reads it)."""

    status_message = Signal(str)

    def __init__(self, settings: Settings | None = None, user: CurrentUser | None = None,
                 parent: QWidget | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today):
        super().__init__(parent)
        self.settings = settings
        self.user = user
        self.today = today
        self.session: Session | None = None
        self.read_only_notice = ""
        self.person_id: int | None = None
        self.template, self.template_problem = load_team_template(settings)
        self.list_page = HandoversList()
        self.list_page.model.today = today()
        self.list_page.open_requested.connect(self.open_handover)
        self.list_page.new_requested.connect(self.new_handover)
        self.open_page = QWidget()
        self._open_layout = QVBoxLayout(self.open_page)
        self._open_layout.setContentsMargins(0, 0, 0, 0)
        self.view: QWidget | None = None
        self._view_writes = False  # the open handover is shown in the stepper
        self.addWidget(self.list_page)
        self.addWidget(self.open_page)
        self._show_template_problem()
        back = QShortcut(QKeySequence(QKeySequence.StandardKey.Back), self.open_page)
        back.activated.connect(self.show_list)

    # ------------------------------------------------------------ the template

    def _show_template_problem(self) -> None:
        banner = self.list_page.banner
        if self.template_problem:
            banner.show_message("warning", "<b>The team's template cannot be used.</b> "
                                f"{esc(self.template_problem)}")
        else:
            banner.clear()

    def set_team_template(self, path: str | Path | None) -> bool:
        """Use the team's template at `path` from now on (None or "": the default one) and
        remember it in the settings. A template that cannot be used is named with its line
        and problem, and the default stays in use; False then."""
        text = str(path) if path else ""
        if self.settings is not None:
            self.settings.set(TEAM_TEMPLATE, text)
        self.template, self.template_problem = load_template_or_default(text)
        self._show_template_problem()
        self.list_page.model.forget()
        if self.template_problem:
            dialogs.show_error(self, "The team's template cannot be used",
                               self.template_problem)
            return False
        self.status_message.emit(f"Handovers now follow \u201c{self.template.name}\u201d"
                                 if text else "Handovers follow the default template")
        return True

    def choose_team_template(self) -> None:
        """Ask for the team's template file and use it (File menu)."""
        current = self.settings.get(TEAM_TEMPLATE) if self.settings is not None else ""
        path = dialogs.ask_team_template(self, Path(current).parent if current else None)
        if path is not None:
            self.set_team_template(path)

    # ------------------------------------------------------------ the workspace and user

    def set_session(self, session: Session | None, read_only_notice: str = "") -> None:
        """Show the handovers of the session's workspace (None: an empty page). With a
        `read_only_notice`, everything can be read and nothing changed."""
        self.show_list()
        if self.session is not None:
            self.session.changed.disconnect(self._session_changed)
        self.session = session
        self.read_only_notice = read_only_notice
        if session is not None:
            session.changed.connect(self._session_changed)
        self.list_page.model.measure = self._measure
        self._find_person()
        self.list_page.new_button.setEnabled(session is not None and not read_only_notice)
        self.list_page.new_button.setToolTip(tooltip(
            f"{read_only_notice}: changes cannot be saved" if read_only_notice
            else "Start the handover of an account to a colleague"))
        self.reload()

    def set_user(self, user: CurrentUser | None) -> None:
        """The current user changed: what they may do in each handover changes with it."""
        self.user = user
        self._find_person()
        if self.view is not None:
            self.open_handover(self.view.handover_id)  # type: ignore[attr-defined]

    def _find_person(self) -> None:
        self.person_id = None
        if self.session is not None and self.user is not None:
            self.person_id = ops.person_id_named(self.session.ws, self.user.name)
        self.list_page.set_person(self.person_id)

    def _measure(self, handover_id: int) -> Measure | None:
        if self.session is None:
            return None
        return measure_handover(self.session, self.template, handover_id, self.today())

    def reload(self) -> None:
        current = self.list_page.current_id()
        model = self.list_page.model
        model.today = self.today()
        model.forget()
        model.set_rows(ops.handover_rows(self.session.ws) if self.session is not None else [])
        if current is not None:
            self.list_page.select(current)

    def _session_changed(self, change: Change) -> None:
        model = self.list_page.model
        if change.touches("people", "accounts") and change.account_id is None:
            self.reload()
            return
        if change.touches(*HANDOVER_TABLES):
            if self.view is not None:
                # An undo may move the open handover back: it belongs in the other screen.
                QTimer.singleShot(0, self._reopen_if_moved)
            if change.account_id is None:
                self.reload()
                return
            ids = set(model.ids_of_account(change.account_id))
            ids |= set(handover_ids_of(self.session.ws,  # type: ignore[union-attr]
                                       change.account_id))
            for handover_id in ids:
                model.put_row(handover_id, ops.handover_row(self.session.ws, handover_id))
            return
        if change.touches(*RECORD_TABLES):
            model.forget(None if change.account_id is None
                         else model.ids_of_account(change.account_id))

    # ------------------------------------------------------------ opening

    def show_list(self) -> None:
        """Back to the list; the handover that was open is let go (its edits are saved)."""
        opened = None
        if self.view is not None:
            opened = self.view.handover_id  # type: ignore[attr-defined]
            close = getattr(self.view, "close_view", None)
            if callable(close):
                close()
            self._open_layout.removeWidget(self.view)
            self.view.hide()
            self.view.setParent(None)
            self.view.deleteLater()
            self.view = None
        self.setCurrentWidget(self.list_page)
        if opened is not None:
            self.list_page.select(opened)
        self.list_page.table.setFocus()

    def open_handover(self, handover_id: int) -> bool:
        """Show the handover in the screen the current user works on it in."""
        if self.session is None:
            return False
        try:
            handover = self.session.ws.get(Handover, handover_id)
        except HandoverError as e:
            dialogs.show_error(self, "Could not open the handover", str(e))
            return False
        if self.view is not None:
            self.show_list()
        common = dict(today=self.today, read_only_notice=self.read_only_notice)
        self._view_writes = self._writes(handover)
        # Imported when first needed: the screens are not part of the window's start-up.
        if self._view_writes:
            from handover.ui.handovers.stepper import StepperView

            view: QWidget = StepperView(self.session, handover_id, self.template,
                                        self.person_id, **common)
        else:
            from handover.ui.handovers.review import ReviewView

            view = ReviewView(self.session, handover_id, self.template, self.person_id,
                              **common)
        view.back_requested.connect(self.show_list)  # type: ignore[attr-defined]
        view.moved.connect(self._moved)  # type: ignore[attr-defined]
        view.status_message.connect(self.status_message)  # type: ignore[attr-defined]
        self.view = view
        self._open_layout.addWidget(view)
        self.setCurrentWidget(self.open_page)
        self.list_page.select(handover_id)
        return True

    def _writes(self, handover: Handover) -> bool:
        """Whether the current user works on `handover` in the stepper (they write it),
        rather than in the review."""
        return (Party.OUTGOING in handover.party_of(self.person_id)
                and handover.status in (Status.DRAFT, Status.RETURNED))

    def _reopen_if_moved(self) -> None:
        if self.view is None or self.session is None:
            return
        handover_id = self.view.handover_id  # type: ignore[attr-defined]
        try:
            handover = self.session.ws.get(Handover, handover_id)
        except HandoverError:
            return  # taken back: the screen itself goes back to the list
        if self._writes(handover) != self._view_writes:
            self.open_handover(handover_id)

    def _moved(self, handover_id: int) -> None:
        # After a status move, the handover may belong in the other screen now.
        QTimer.singleShot(0, lambda: self.open_handover(handover_id))

    def new_handover(self, account_id: int | None = None) -> Handover | None:
        """Start a handover (of `account_id`, if given) with the form; the new handover
        opens at once."""
        if self.session is None or self.read_only_notice:
            return None
        created = dialogs.new_handover(self, self.session, today=self.today(),
                                       person_id=self.person_id, account_id=account_id)
        if created is not None:
            self.status_message.emit("Handover started. Edit \u203a Undo takes it back.")
            self.open_handover(created.id)  # type: ignore[arg-type]
        return created
