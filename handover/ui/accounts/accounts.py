"""The Accounts page: every account of the workspace in one sortable, filterable table,
and the edits made from it (new, edit, archive)."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
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
from handover.store.queries import account_row, account_rows, people_by_name
from handover.ui.accounts.accounts_filters import (
    FILTER_BOX_STYLE,
    NO_OWNER,
    AccountsFilter,
    choice_box,
)
from handover.ui.accounts.accounts_model import ROW_ROLE, AccountsTableModel
from handover.ui.accounts.accounts_table import make_accounts_table
from handover.ui.shell import dialogs
from handover.ui.shell.resources import icon
from handover.ui.shell.session import Change, Session
from handover.ui.shell.text import tooltip
from handover.ui.shell.words import HEALTH_COLOURS, dot_icon

# The edits that change what a line of the list says.
LISTED_TABLES = ("accounts", "contacts", "interactions", "commitments")


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
        self.segment_box = choice_box("segmentFilter", "All segments",
                                       [(s.label, s) for s in Segment])
        self.health_box = choice_box("healthFilter", "All health",
                                      [(h.label, h) for h in Health],
                                      {h: dot_icon(HEALTH_COLOURS[h]) for h in Health})
        self.owner_box = choice_box("ownerFilter", "All owners", [], letters=16)
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
        table = make_accounts_table(self.proxy)
        table.open_requested.connect(self._row_activated)
        table.context_menu_requested.connect(self._show_context_menu)
        return table

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
