"""The one base of an account's record tabs: a table of records, Add, Edit and Remove and
when they may be pressed, the chosen record, and removing it after a question."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLayout,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from handover.domain.errors import HandoverError
from handover.ui.shell import dialogs
from handover.ui.shell.parts import button, enable_edit_buttons
from handover.ui.shell.session import Change, Session
from handover.ui.shell.tables import (
    RowsModel,
    chosen_record,
    follow_chosen_row,
    select_row,
    selected_row_id,
)
from handover.ui.shell.words import ID_ROLE


class RecordTab(QWidget):
    """A tab of one account's records of a kind. A subclass names the record's class, the
    tables whose changes it shows, the dialogs.py function that edits one, and what its
    removal asks; it builds `model`, `proxy` and `table`, then calls `wire()`. Every edit
    goes through the session, so each one can be undone."""

    RECORD: type
    TABLES: tuple[str, ...] = ()
    EDITOR = ""  # the name in dialogs.py that adds or edits one record
    NOUN = "record"  # as in "The record was not removed"

    model: RowsModel
    proxy: QSortFilterProxyModel
    table: QTableView

    def __init__(self, session: Session, account_id: int,
                 today: Callable[[], dt.date] = dt.date.today, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.account_id = account_id
        self._today = today

    def make_buttons(self, add_text: str, *, remove: bool = True,
                     remove_tip: str = "") -> None:
        """The Add (primary), Edit and, where records can be removed, Remove buttons."""
        self.add_button = button(add_text, primary=True)
        self.edit_button = button("Edit\u2026")
        if remove:
            self.remove_button = button("Remove", tip=remove_tip)

    def toolbar(self, summary: QLabel | None = None, *, gap: int = 10) -> QHBoxLayout:
        """Add, Edit and Remove, then the count of records; a subclass may add more at the
        right. A subclass's own `summary` instead of the count takes all the width left."""
        toolbar = QHBoxLayout()
        toolbar.setSpacing(8)
        toolbar.addWidget(self.add_button)
        toolbar.addWidget(self.edit_button)
        toolbar.addWidget(self.remove_button)
        toolbar.addSpacing(gap)
        if summary is not None:
            toolbar.addWidget(summary, 1)
            return toolbar
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        toolbar.addWidget(self.count_label)
        toolbar.addStretch(1)
        return toolbar

    def lay_out(self, *rows: QLayout, main: QWidget, spacing: int = 12) -> None:
        """The tab's rows of buttons and filters above its main widget, which takes the
        height left."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(spacing)
        for row in rows:
            layout.addLayout(row)
        layout.addWidget(main, 1)

    def wire(self) -> None:
        """Connect the buttons, the table and the session; the subclass's widgets exist."""
        self.add_button.clicked.connect(self.add_record)
        self.edit_button.clicked.connect(self.edit_selected)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        follow_chosen_row(self.table, self._current_changed, self._enable)
        if hasattr(self, "remove_button"):
            self.remove_button.clicked.connect(self.remove_selected)
            delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
            delete.activated.connect(self.remove_selected)
        self.session.changed.connect(self._changed)

    # ------------------------------------------------------------ data

    def refresh(self) -> None:
        raise NotImplementedError

    def _changed(self, change: Change) -> None:
        if change.account_id in (None, self.account_id) and change.touches(*self.TABLES):
            self.refresh()

    def choose_again(self, chosen: int | None) -> None:
        """After the rows or the filters changed: the record chosen before stays chosen;
        when it is gone or hidden, the first row shown is chosen, or none."""
        if chosen is not None and self.select(chosen):
            return
        first = self.proxy.index(0, 0)
        if first.isValid():
            self.select(first.data(ID_ROLE))
        else:
            self._current_changed(QModelIndex(), QModelIndex())

    # ------------------------------------------------------------ choosing

    def selected_id(self) -> int | None:
        return selected_row_id(self)

    def select(self, record_id: int) -> bool:
        """Choose the record's row; False when it is not listed or a filter hides it."""
        return select_row(self, record_id)

    def show_record(self, record_id: int) -> bool:
        return self.select(record_id)

    def chosen(self):
        """The chosen record as stored, or None when none is or the file is read-only."""
        return chosen_record(self, self.RECORD)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        raise NotImplementedError

    def writable(self) -> bool:
        """Whether records can be added and changed now; a subclass may ask more."""
        return not self.session.ws.read_only

    def _enable(self) -> None:
        enable_edit_buttons(self, self.writable(), self.selected_id() is not None)

    # ------------------------------------------------------------ editing

    def add_record(self) -> None:
        saved = getattr(dialogs, self.EDITOR)(self, self.session, self.account_id)
        if saved is not None:
            self.show_record(saved.id)

    def edit_selected(self) -> None:
        record = self.chosen()
        if record is None:
            return
        saved = getattr(dialogs, self.EDITOR)(self, self.session, self.account_id, record)
        if saved is not None:
            self.show_record(saved.id)

    def removal(self, record) -> tuple[str, str, str]:
        """The question's title, its text, and the name of the undo step."""
        raise NotImplementedError

    def remove_record(self, record, undo_text: str) -> None:
        """Remove the record as one undoable edit; a subclass whose removal takes more
        (e.g. its own undo command) says how."""
        self.session.delete(record, undo_text)

    def remove_selected(self) -> None:
        record = self.chosen()
        if record is None:
            return
        title, text, undo_text = self.removal(record)
        if not dialogs.confirm(self, title, text, "Remove"):
            return
        try:
            self.remove_record(record, undo_text)
        except HandoverError as e:
            dialogs.show_error(self, f"The {self.NOUN} was not removed", str(e))


def split(first: QWidget, second: QWidget, *, across: bool = True, handle: int = 16,
          sizes: list[int] | None = None) -> QSplitter:
    """The two beside each other (or the first above the second), the first taking three
    fifths of the room a resize gives or takes; neither can be squeezed away."""
    splitter = QSplitter(Qt.Orientation.Horizontal if across else Qt.Orientation.Vertical)
    splitter.setChildrenCollapsible(False)
    splitter.setHandleWidth(handle)
    splitter.addWidget(first)
    splitter.addWidget(second)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 2)
    if sizes:
        splitter.setSizes(sizes)
    return splitter
