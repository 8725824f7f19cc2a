"""What every record tab does alike, as an account manager meets it on the People and
History tabs: the Delete key asks before it removes the chosen line, a "no" keeps it, and a
workspace opened read-only offers no button that would write."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from handover.domain.records import Contact, Interaction
from handover.store import Workspace
from handover.ui.accounts.history import HistoryTab
from handover.ui.accounts.people import PeopleTab
from handover.ui.shell import dialogs
from handover.ui.shell.session import Session

TODAY = dt.date(2026, 11, 2)

pytestmark = pytest.mark.usefixtures("no_unexpected_questions")

# the tab, the record on a line, the question before removing it, and the undo step after
TABS = {"people": (PeopleTab, Contact, "Remove Ines Baptista?",
                   "Remove contact \u201cInes Baptista\u201d"),
        "history": (HistoryTab, Interaction, "Remove the complaint of 1 Sep 2026?",
                    "Remove the complaint of 1 Sep 2026")}


def shown(qtbot, tab):
    qtbot.addWidget(tab)
    tab.resize(1200, 700)
    tab.show()
    return tab


@pytest.mark.parametrize("kind", list(TABS))
def test_the_delete_key_asks_first_and_a_no_keeps_the_line(qtbot, session, north, monkeypatch,
                                                          kind):
    make, record, question, undo_step = TABS[kind]
    tab = shown(qtbot, make(session, north, lambda: TODAY))
    [chosen] = session.ws.all(record, "account_id = ?", [north])
    assert tab.select(chosen.id)
    asked = []
    monkeypatch.setattr(dialogs, "confirm",
                        lambda parent, title, message, action: asked.append(title) or False)
    tab.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tab, timeout=2000)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert asked == [question]
    assert tab.model.rowCount() == 1 and tab.selected_id() == chosen.id

    monkeypatch.setattr(dialogs, "confirm", lambda *args: True)
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert tab.model.rowCount() == 0
    assert session.undo_stack.undoText() == undo_step
    assert not tab.edit_button.isEnabled() and not tab.remove_button.isEnabled()


@pytest.mark.parametrize("kind", list(TABS))
def test_read_only_a_chosen_line_wakes_no_button_and_opens_no_editor(qtbot, workspace_file,
                                                                     north, kind):
    make, record, _, _ = TABS[kind]
    ws = Workspace.open(workspace_file, read_only=True)  # as a second program would
    try:
        tab = shown(qtbot, make(Session(ws), north, lambda: TODAY))
        [chosen] = ws.all(record, "account_id = ?", [north])
        assert tab.select(chosen.id)
        assert not any(b.isEnabled() for b in (tab.add_button, tab.edit_button,
                                               tab.remove_button))
        tab.edit_selected()  # a double-click: the editor would fail the test if it opened
        tab.remove_selected()  # the Delete key: so would the question
        assert tab.model.rowCount() == 1
    finally:
        ws.close()
