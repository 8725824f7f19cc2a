"""The leaver's plan: the dialog in which a team lead chooses the leaver, splits their
accounts among incoming managers (by hand, or evenly by revenue) and sets one due date.
It writes nothing; ui/handovers/leaver.py starts the handovers it plans."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from handover.domain.errors import ValidationError
from handover.domain.leaver import SPLIT_RULE, LeaverPlan, loads, split_by_revenue
from handover.domain.records import Person, Role
from handover.domain.words import money
from handover.store.leaver import BookEntry, book_of, leavers
from handover.store.queries import people_by_name
from handover.ui.editors.new_handover import DEFAULT_DUE_DAYS  # as a handover started by hand
from handover.ui.shell.parts import DETAIL_STYLESHEET
from handover.ui.shell.tables import RowsModel, make_table
from handover.ui.shell.text import esc, plain_label, tooltip
from handover.ui.shell.words import DANGER, MISSING, MUTED, from_qdate, short_date, to_qdate

# ---------------------------------------------------------------- the book, as a table


class BookModel(RowsModel[BookEntry]):
    """The leaver's accounts, each with the incoming manager it goes to (or why it is
    skipped)."""

    ACCOUNT, REVENUE, INCOMING = range(3)
    HEADERS = ("Account", "Revenue", "Goes to")
    HEADER_TIPS = {REVENUE: "Current annual revenue, in the account's currency",
                   INCOMING: "The incoming manager who takes the account on"}
    RIGHT_ALIGNED = frozenset({REVENUE})

    def __init__(self, parent=None):
        super().__init__(parent)
        self.split: dict[int, int] = {}
        self.names: dict[int, str] = {}

    def set_split(self, split: dict[int, int]) -> None:
        self.split = {a: p for a, p in split.items() if self.row_of(a) is not None}
        if self.rowCount():
            self.dataChanged.emit(self.index(0, self.INCOMING),
                                  self.index(self.rowCount() - 1, self.INCOMING))

    def cell(self, row: BookEntry, column: int, role: int):
        display = role == Qt.ItemDataRole.DisplayRole
        skipped = bool(row.under_way)
        if role == Qt.ItemDataRole.ForegroundRole and skipped:
            return QColor(MUTED)
        match column:
            case self.ACCOUNT:
                if display:
                    return row.account.name
                if role == Qt.ItemDataRole.ToolTipRole:
                    return tooltip(row.account.name)
            case self.REVENUE:
                if display:
                    return money(row.account.revenue, row.account.currency)
            case self.INCOMING:
                person = self.split.get(row.id)
                if display:
                    if skipped:
                        return f"skipped: {row.under_way}"
                    return self.names.get(person, MISSING) if person else MISSING
                if role == Qt.ItemDataRole.ToolTipRole:
                    if skipped:
                        return tooltip(f"{row.account.name} {row.under_way}: it is left out, "
                                       "and that handover carries on as it is")
                    if person is None:
                        return "Not given to anyone yet: it stays with the leaver"
        return None


# ---------------------------------------------------------------- the dialog


class LeaverDialog(QDialog):
    """Plans the handovers of a leaver's whole book: the leaver, the incoming managers,
    who takes which account (split evenly by revenue, then changed by hand), one due date
    and the reviewing team lead. Writes nothing: `plan()` is what was decided."""

    def __init__(self, ws, *, today: dt.date, leaver_id: int | None = None,
                 reviewer_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.today = today
        self.setWindowTitle("Hand over a leaver's accounts")
        self.setMinimumSize(720, 640)
        self.resize(780, 760)
        self.setStyleSheet(DETAIL_STYLESHEET)
        self.people: list[Person] = people_by_name(ws)
        self._names = {p.id: p.name for p in self.people}

        heading = QLabel("Hand over a leaver's accounts")
        heading.setObjectName("detailTitle")
        intro = QLabel("When an account manager leaves or changes territory, start the "
                       "handovers of all their accounts at once. The leaver writes each "
                       "one; each incoming manager reviews and accepts theirs, and becomes "
                       "the account's owner then.")
        intro.setWordWrap(True)
        intro.setObjectName("sectionHint")

        self.leaver_box = QComboBox()
        self.leaver_box.setObjectName("leaverBox")
        self.leaver_box.setPlaceholderText("Whose accounts are handed over")
        for leaver in leavers(ws):
            self.leaver_box.addItem(f"{leaver.name} ({leaver.accounts} "
                                    f"account{'s' if leaver.accounts != 1 else ''})",
                                    leaver.id)
        self.leaver_box.setCurrentIndex(-1)
        self.leaver_box.setMinimumWidth(300)

        self.incoming_list = QListWidget()
        self.incoming_list.setObjectName("incomingList")
        self.incoming_list.setToolTip("Tick the managers who take the accounts on")
        self.incoming_list.setMaximumHeight(120)
        self.incoming_list.setMinimumWidth(300)

        self.split_button = QPushButton("Split evenly")
        self.split_button.setToolTip(SPLIT_RULE)
        self.split_button.clicked.connect(self.split_evenly)
        rule = QLabel(SPLIT_RULE)
        rule.setWordWrap(True)
        rule.setObjectName("fieldHint")

        self.model = BookModel(self)
        self.model.names = self._names
        self.table = make_table(self.model, object_name="leaverBook", row_padding=10)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(BookModel.ACCOUNT, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(BookModel.REVENUE, 130)
        header.resizeSection(BookModel.INCOMING, 230)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())

        self.give_box = QComboBox()
        self.give_box.setObjectName("giveBox")
        self.give_box.setMinimumWidth(200)
        self.give_button = QPushButton("Give selected")
        self.give_button.setToolTip("Give the accounts chosen in the table to this manager")
        self.give_button.clicked.connect(self.give_selected)
        give = QHBoxLayout()
        give.addWidget(QLabel("Give the selected accounts to"))
        give.addWidget(self.give_box)
        give.addWidget(self.give_button)
        give.addStretch(1)

        self.loads_label = QLabel()
        self.loads_label.setObjectName("loadsLabel")
        self.loads_label.setWordWrap(True)
        self.skipped_label = plain_label()
        self.skipped_label.setObjectName("skippedLabel")
        self.skipped_label.setWordWrap(True)
        self.skipped_label.setStyleSheet(f"color: {MUTED};")

        self.due_edit = QDateEdit(to_qdate(today + dt.timedelta(days=DEFAULT_DUE_DAYS)))
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat("d MMM yyyy")
        self.due_edit.setMinimumDate(to_qdate(today))
        self.due_edit.setMinimumWidth(140)
        self.reviewer_box = QComboBox()
        self.reviewer_box.setObjectName("reviewerBox")
        self.reviewer_box.addItem("No reviewer", None)
        for person in self.people:
            if person.role is Role.TEAM_LEAD:
                self.reviewer_box.addItem(f"{person.name} (team lead)", person.id)
        if reviewer_id is not None and self.reviewer_box.findData(reviewer_id) >= 0:
            self.reviewer_box.setCurrentIndex(self.reviewer_box.findData(reviewer_id))

        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(6)
        for row, (caption, widget) in enumerate([("Leaver", self.leaver_box),
                                                 ("Incoming managers", self.incoming_list),
                                                 ("Due date", self.due_edit),
                                                 ("Reviewing team lead", self.reviewer_box)]):
            label = QLabel(caption)
            label.setStyleSheet("font-weight: 600; color: #4d5866;")
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(widget, row, 1, Qt.AlignmentFlag.AlignLeft)
        grid.setColumnStretch(1, 1)
        split_line = QHBoxLayout()
        split_line.addWidget(self.split_button, 0, Qt.AlignmentFlag.AlignTop)
        split_line.addWidget(rule, 1)

        self.error_label = plain_label()
        self.error_label.setObjectName("fieldError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {DANGER};")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 20, 22, 16)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addLayout(split_line)
        layout.addWidget(self.table, 1)
        layout.addLayout(give)
        layout.addWidget(self.loads_label)
        layout.addWidget(self.skipped_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self.leaver_box.currentIndexChanged.connect(lambda _n: self._leaver_changed())
        self.incoming_list.itemChanged.connect(lambda _item: self._incoming_changed())
        if leaver_id is not None and self.leaver_box.findData(leaver_id) >= 0:
            self.leaver_box.setCurrentIndex(self.leaver_box.findData(leaver_id))
        self._leaver_changed()

    # ------------------------------------------------------------ choosing

    @property
    def leaver_id(self) -> int | None:
        return self.leaver_box.currentData()

    def choose_leaver(self, person_id: int) -> None:
        self.leaver_box.setCurrentIndex(self.leaver_box.findData(person_id))

    def choose_incoming(self, *person_ids: int) -> None:
        """Tick these managers (and untick the others), as a click on each would."""
        for n in range(self.incoming_list.count()):
            item = self.incoming_list.item(n)
            wanted = item.data(Qt.ItemDataRole.UserRole) in person_ids
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)

    def incoming_ids(self) -> list[int]:
        """The ticked managers, in the order listed."""
        items = [self.incoming_list.item(n) for n in range(self.incoming_list.count())]
        return [item.data(Qt.ItemDataRole.UserRole) for item in items
                if item.checkState() == Qt.CheckState.Checked]

    def _leaver_changed(self) -> None:
        leaver = self.leaver_id
        kept = set(self.incoming_ids())
        self.incoming_list.blockSignals(True)
        try:
            self.incoming_list.clear()
            for person in self.people:
                if person.id == leaver:
                    continue
                role = " (team lead)" if person.role is Role.TEAM_LEAD else ""
                item = QListWidgetItem(f"{person.name}{role}")
                item.setData(Qt.ItemDataRole.UserRole, person.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if person.id in kept
                                   else Qt.CheckState.Unchecked)
                self.incoming_list.addItem(item)
        finally:
            self.incoming_list.blockSignals(False)
        self.model.set_rows(book_of(self.ws, leaver) if leaver is not None else [])
        self.model.set_split({})
        under_way = [row for row in self.model.rows() if row.under_way]
        if under_way:
            names = "; ".join(f"{row.account.name} ({row.status.label.lower()})"
                              for row in under_way if row.status is not None)
            self.skipped_label.setText(
                f"{len(under_way)} account{'s' if len(under_way) != 1 else ''} already "
                f"{'have' if len(under_way) != 1 else 'has'} a handover under way and "
                f"{'are' if len(under_way) != 1 else 'is'} skipped: {names}.")
        else:
            self.skipped_label.setText("")
        self._incoming_changed()

    def _incoming_changed(self) -> None:
        chosen = self.incoming_ids()
        # An account given to a manager no longer ticked is not given to anyone.
        self.model.set_split({a: p for a, p in self.model.split.items() if p in chosen})
        current = self.give_box.currentData()
        self.give_box.clear()
        for person in chosen:
            self.give_box.addItem(self._names[person], person)
        self.give_box.addItem("Nobody (keep with the leaver)", None)
        if current in chosen:
            self.give_box.setCurrentIndex(self.give_box.findData(current))
        self._update()

    # ------------------------------------------------------------ splitting

    def candidates(self) -> list[BookEntry]:
        """The accounts that can be handed over: not already under way."""
        return [row for row in self.model.rows() if not row.under_way]

    def split_evenly(self) -> None:
        """Give every account that can be handed over to one of the ticked managers,
        balancing revenue within each currency (SPLIT_RULE)."""
        chosen = self.incoming_ids()
        if not chosen:
            self._show_error("Tick at least one incoming manager to split the accounts "
                             "among.")
            return
        self.model.set_split(split_by_revenue([row.account for row in self.candidates()],
                                              chosen))
        self._update()

    def selected_account_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.row_at(r).id for r in rows]

    def give_selected(self) -> None:
        """Give the accounts chosen in the table to the manager in "Give … to" (Nobody: take
        them out of the split)."""
        person = self.give_box.currentData()
        split = dict(self.model.split)
        for account_id in self.selected_account_ids():
            row = self.model.row_at(self.model.row_of(account_id))  # type: ignore[arg-type]
            if row.under_way:
                continue
            if person is None:
                split.pop(account_id, None)
            else:
                split[account_id] = person
        self.model.set_split(split)
        self._update()

    # ------------------------------------------------------------ what it comes to

    def _update(self) -> None:
        split = self.model.split
        shares = loads([row.account for row in self.candidates()], split,
                       self.incoming_ids())
        lines = []
        for person, load in shares.items():
            money_text = ", ".join(money(v, c) for c, v in sorted(load.revenue.items()))
            lines.append(f"<b>{esc(self._names.get(person, MISSING))}</b>: {load.accounts} "
                         f"account{'s' if load.accounts != 1 else ''}"
                         + (f" ({money_text})" if money_text else ""))
        left = len(self.candidates()) - len(split)
        if self.leaver_id is not None and left:
            lines.append(f"{left} account{'s' if left != 1 else ''} not given to anyone "
                         "stay with the leaver.")
        self.loads_label.setText("<br>".join(lines))
        count = len(split)
        self.ok_button.setText(f"Start {count} handover{'s' if count != 1 else ''}"
                               if count else "Start the handovers")
        self.error_label.hide()
        self._enable()

    def _enable(self) -> None:
        self.split_button.setEnabled(bool(self.candidates()))
        self.give_button.setEnabled(bool(self.table.selectionModel().selectedRows()))
        self.ok_button.setEnabled(bool(self.model.split))

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    # ------------------------------------------------------------ the answer

    def plan(self) -> LeaverPlan:
        """What was decided, in the order the accounts are listed. ValidationError naming
        what is missing."""
        if self.leaver_id is None:
            raise ValidationError("leaver", "choose whose accounts are handed over")
        order = [row.id for row in self.model.rows() if row.id in self.model.split]
        return LeaverPlan(leaver_id=self.leaver_id,
                          split={a: self.model.split[a] for a in order},
                          due_date=from_qdate(self.due_edit.date()),
                          reviewer_id=self.reviewer_box.currentData())

    def accept(self) -> None:
        try:
            due = from_qdate(self.due_edit.date())
            if due < self.today:
                raise ValidationError("due_date", f"{short_date(due)} is before today")
            self.plan()
        except ValidationError as e:
            self._show_error(f"{_FIELD_WORDS.get(e.field, e.field)}: {e.message}")
            return
        super().accept()


_FIELD_WORDS = {"leaver": "Leaver", "split": "Accounts", "due_date": "Due date"}
