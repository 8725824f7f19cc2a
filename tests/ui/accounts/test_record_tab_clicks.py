"""An account manager clicks a line on the People, History, Concessions or Promises tab with
the mouse: the line is chosen and the buttons that act on it wake at once, without a key
press or a double-click first."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from handover.domain.records import (
    Account,
    Commitment,
    CommitmentStatus,
    Concession,
    Contact,
    Interaction,
)
from handover.ui.accounts.concessions import ConcessionsTab
from handover.ui.accounts.history import HistoryTab
from handover.ui.accounts.people import PeopleTab
from handover.ui.accounts.promises import PromisesTab
from handover.ui.shell.session import Session
from handover.ui.shell.words import ID_ROLE

TODAY = dt.date(2026, 11, 2)


@pytest.fixture
def north(session) -> int:
    """Northwind Logistics, with at least two lines on every tab."""
    ws = session.ws
    [account] = ws.all(Account, "name = ?", ["Northwind Logistics"])
    ws.add(Contact(account_id=account.id, name="Pieter de Vries"))
    ws.add(Interaction(account_id=account.id, date=dt.date(2026, 10, 1), kind="meeting"))
    for value in (5_000, 9_000):
        ws.add(Concession(account_id=account.id, date="2026-06-01", baseline_value=100_000,
                          conceded_value=value, nothing_in_return=True))
    return account.id


def make_tab(kind: str, session: Session, account_id: int):
    today = lambda: TODAY  # noqa: E731
    return {"people": lambda: PeopleTab(session, account_id, today),
            "history": lambda: HistoryTab(session, account_id, today),
            "concessions": lambda: ConcessionsTab(session, account_id, today=today),
            "promises": lambda: PromisesTab(session, account_id, today)}[kind]()


BUTTONS = {"people": ("edit_button", "remove_button"),
           "history": ("edit_button", "remove_button"),
           "concessions": ("edit_button", "remove_button"),
           "promises": ("edit_button", "kept_button", "broken_button", "withdrawn_button")}


@pytest.mark.parametrize("kind", list(BUTTONS))
def test_a_mouse_click_on_a_line_wakes_the_buttons_that_act_on_it(qtbot, session, north,
                                                                    kind):
    tab = make_tab(kind, session, north)
    qtbot.addWidget(tab)
    tab.resize(1200, 700)
    tab.show()
    qtbot.waitExposed(tab)
    buttons = [getattr(tab, name) for name in BUTTONS[kind]]
    table = tab.table
    table.clearSelection()
    assert not any(b.isEnabled() for b in buttons)  # nothing chosen

    assert table.model().rowCount() >= 2
    # A line other than the current one: the click moves the current line, then selects it.
    line = table.model().index(0 if table.currentIndex().row() > 0 else 1, 0)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(line).center())

    assert tab.selected_id() == line.data(ID_ROLE)
    assert [b.isEnabled() for b in buttons] == [True] * len(buttons)

    # A ctrl-click takes the line out of the choice again, and the buttons go to sleep.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.ControlModifier, table.visualRect(line).center())
    assert tab.selected_id() is None
    assert not any(b.isEnabled() for b in buttons)


def test_a_promise_clicked_is_the_one_marked_kept(qtbot, session, north):
    tab = make_tab("promises", session, north)
    qtbot.addWidget(tab)
    tab.resize(1200, 700)
    tab.show()
    table = tab.table
    first = table.model().index(0, 0)
    clicked = first.data(ID_ROLE)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualRect(first).center())
    qtbot.mouseClick(tab.kept_button, Qt.MouseButton.LeftButton)
    assert session.ws.get(Commitment, clicked).status is CommitmentStatus.KEPT
