"""Marcus hands Northwind Logistics to Dana on one machine, Helen reviewing: every question,
answer, resolve, submit and return is one step of the Edit menu's Undo and Redo; accepting
is not, and Undo says so; the account is Dana's the moment she accepts, with the promises
Marcus made listed as hers to keep."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import Qt

from handover.domain.handover import Handover, Status
from handover.domain.records import Account, Commitment, Direction, Health, Person, Role
from handover.settings import CurrentUser
from handover.store import handover_ops as ops
from handover.store.signoffs import state
from handover.ui.accounts.accounts_model import Column
from handover.ui.handovers.review import ReviewView
from handover.ui.handovers.stepper import StepperView
from handover.ui.shell import dialogs
from handover.ui.shell.main_window import MainWindow

TODAY = dt.date(2026, 11, 2)
DANA = CurrentUser("Dana Whitfield", Role.ACCOUNT_MANAGER)
MARCUS = CurrentUser("Marcus Lindqvist", Role.ACCOUNT_MANAGER)
NO_UNDO = "Can't undo accepting: answer a mistaken acceptance with a new handover"


@pytest.fixture
def window(qtbot, settings, workspace_file) -> MainWindow:
    window = MainWindow(settings, DANA)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    assert window.open_path(workspace_file)
    yield window
    window.handovers_page.set_session(None)  # the open handover let go before closing


@pytest.fixture
def people(window) -> dict[str, int]:
    return {p.name.split()[0].lower(): p.id for p in window.workspace.all(Person)}


@pytest.fixture
def north(window) -> Account:
    return window.workspace.all(Account, "name = ?", ["Northwind Logistics"])[0]


@pytest.fixture
def handover(window, people, north) -> Handover:
    """Marcus's handover of Northwind Logistics (his account) to Dana, Helen reviewing."""
    return ops.create_handover(window.workspace, Handover(
        account_id=north.id, outgoing_id=people["marcus"], incoming_id=people["dana"],
        reviewer_id=people["helen"], due_date=TODAY + dt.timedelta(days=14),
        created_on=TODAY))


def edit_action(window: MainWindow, which: str):
    """The Edit menu's Undo or Redo (found by place: Undo's text changes with the step)."""
    [menu] = [m.menu() for m in window.menuBar().actions() if m.text() == "&Edit"]
    undo_action, redo_action = menu.actions()[:2]
    assert redo_action.text().startswith("&Redo")
    return {"Undo": undo_action, "Redo": redo_action}[which]


def undo(window: MainWindow) -> None:
    action = edit_action(window, "Undo")
    assert action.isEnabled()
    action.trigger()


def redo(window: MainWindow) -> None:
    action = edit_action(window, "Redo")
    assert action.isEnabled()
    action.trigger()


def undo_text(window: MainWindow) -> str:
    return edit_action(window, "Undo").text().replace("&", "")


def stored(window: MainWindow, handover: Handover) -> Handover:
    return window.workspace.get(Handover, handover.id)


def opened_as(qtbot, window: MainWindow, user: CurrentUser, handover: Handover):
    page = window.handovers_page
    page.set_user(user)
    assert window.open_handover(handover.id)
    return page.view


def questions(window: MainWindow, handover: Handover):
    return ops.questions_of(window.workspace, handover.id)


def test_asking_answering_and_resolving_are_each_undone_and_redone(qtbot, window, people,
                                                                    handover):
    ops.move(window.workspace, handover.id, Status.SUBMITTED, people["marcus"])
    dana = opened_as(qtbot, window, DANA, handover)
    dana.questions.choose("people")
    dana.questions.ask_edit.setPlainText("Who really signs the renewal?")
    qtbot.mouseClick(dana.questions.ask_button, Qt.MouseButton.LeftButton)
    [asked] = questions(window, handover)
    assert undo_text(window) == "Undo Ask \u201cWho really signs the renewal?\u201d"

    undo(window)
    assert questions(window, handover) == []
    redo(window)
    assert questions(window, handover) == [asked]  # the very same question, back

    marcus = opened_as(qtbot, window, MARCUS, handover)
    [card] = marcus.questions.cards
    card.answer_edit.setPlainText("The CFO; procurement only advises.")
    qtbot.mouseClick(card.send_button, Qt.MouseButton.LeftButton)
    assert questions(window, handover)[0].answer == "The CFO; procurement only advises."
    assert undo_text(window) == "Undo Answer \u201cWho really signs the renewal?\u201d"
    undo(window)
    assert not questions(window, handover)[0].answered
    redo(window)
    answered = questions(window, handover)[0]
    assert answered.answer == "The CFO; procurement only advises."
    assert answered.answered_by_id == people["marcus"]

    dana = opened_as(qtbot, window, DANA, handover)
    [card] = dana.questions.cards
    qtbot.mouseClick(card.resolve_button, Qt.MouseButton.LeftButton)
    assert questions(window, handover)[0].resolved
    assert undo_text(window) == "Undo Resolve \u201cWho really signs the renewal?\u201d"
    undo(window)
    assert questions(window, handover)[0] == answered  # answered, no longer resolved
    qtbot.waitUntil(lambda: dana.questions.cards[0].resolve_button.text() == "Resolve",
                    timeout=3000)
    redo(window)
    assert questions(window, handover)[0].resolved


def test_submitting_starting_the_review_and_returning_are_each_undone_and_redone(
        qtbot, monkeypatch, window, people, handover):
    marcus = opened_as(qtbot, window, MARCUS, handover)
    assert isinstance(marcus, StepperView)
    monkeypatch.setattr(dialogs, "confirm", lambda *args, **kwargs: True)  # submit anyway
    assert marcus.submit()
    assert stored(window, handover).status is Status.SUBMITTED
    assert undo_text(window) == "Undo Submit the handover of Northwind Logistics"
    qtbot.waitUntil(lambda: isinstance(window.handovers_page.view, ReviewView), timeout=3000)

    undo(window)
    assert stored(window, handover).status is Status.DRAFT
    # Back with its writer, the handover is back in the stepper.
    qtbot.waitUntil(lambda: isinstance(window.handovers_page.view, StepperView), timeout=3000)
    redo(window)
    assert stored(window, handover).status is Status.SUBMITTED

    dana = opened_as(qtbot, window, DANA, handover)
    qtbot.mouseClick(dana.start_button, Qt.MouseButton.LeftButton)
    assert stored(window, handover).status is Status.IN_REVIEW
    assert undo_text(window) == "Undo Start the review of Northwind Logistics"
    undo(window)
    assert stored(window, handover).status is Status.SUBMITTED
    redo(window)
    assert stored(window, handover).status is Status.IN_REVIEW

    dana = opened_as(qtbot, window, DANA, handover)
    monkeypatch.setattr(dialogs, "ask_return_reason",
                        lambda parent, name="": "The risks section is empty.")
    qtbot.mouseClick(dana.return_button, Qt.MouseButton.LeftButton)
    returned = stored(window, handover)
    assert (returned.status, returned.return_reason) == (Status.RETURNED,
                                                         "The risks section is empty.")
    assert undo_text(window) == "Undo Return the handover of Northwind Logistics"
    undo(window)
    back = stored(window, handover)
    assert (back.status, back.return_reason) == (Status.IN_REVIEW, "")
    redo(window)
    assert stored(window, handover).return_reason == "The risks section is empty."


def test_accepting_hands_the_account_over_and_ends_the_undo_history(qtbot, window, people,
                                                                     handover, north):
    ws = window.workspace
    ws.add(Commitment(account_id=north.id, direction=Direction.OURS,
                      description="Send the outage root-cause report", made_by="Marcus Lindqvist",
                      made_to="Ines Baptista", due_date=TODAY + dt.timedelta(days=8)))
    ops.move(ws, handover.id, Status.SUBMITTED, people["marcus"])
    ops.move(ws, handover.id, Status.IN_REVIEW, people["dana"])
    window.show_page(0)
    accounts = window.accounts_page.table.model()
    row = [accounts.index(r, Column.ACCOUNT).data()
           for r in range(accounts.rowCount())].index("Northwind Logistics")
    assert accounts.index(row, Column.OWNER).data() == "Marcus Lindqvist"

    dana = opened_as(qtbot, window, DANA, handover)
    assert "On acceptance, yours to keep" in dana.promises_banner.text()
    assert "Send the outage root-cause report" in dana.promises_banner.text()
    dana.side.setCurrentIndex(1)
    dana.read_back_editor.source.setPlainText("An angry CFO; I send the report first.")
    qtbot.mouseClick(dana.accept_button, Qt.MouseButton.LeftButton)

    signed = stored(window, handover)
    assert signed.status is Status.ACCEPTED
    assert ws.get(Account, north.id).owner_id == people["dana"]
    # The accounts page shows the new owner at once, without being reloaded.
    assert accounts.index(row, Column.OWNER).data() == "Dana Whitfield"

    # Undo does not reach back through the sign-off, and says why.
    undo_action = edit_action(window, "Undo")
    assert not undo_action.isEnabled()
    assert undo_action.text() == NO_UNDO and undo_action.toolTip() == NO_UNDO
    assert not edit_action(window, "Redo").isEnabled()
    undo_action.trigger()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    after = stored(window, handover)
    assert after.read_back == "An angry CFO; I send the report first."
    assert after.status is Status.ACCEPTED and not state(ws, handover.id).changed

    qtbot.waitUntil(lambda: window.handovers_page.view is not dana, timeout=3000)
    view = window.handovers_page.view  # reopened after the move, as the signed handover
    assert "Now yours to keep" in view.promises_banner.text()
    assert "1 open promise Marcus made to the customer" in view.promises_banner.text()

    # The next edit is undoable again, and Undo names it.
    [account] = ws.all(Account, "name = ?", ["Halden Foods"])
    window.session.update(dataclasses.replace(account, health=Health.STABLE))
    assert undo_action.isEnabled() and undo_action.text().startswith("&Undo Edit")
    assert undo_action.toolTip() != NO_UNDO
