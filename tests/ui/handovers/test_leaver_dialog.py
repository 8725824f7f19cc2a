"""Dana Whitfield leaves. Helen, the team lead, hands over her 25 accounts at once: she picks
Dana, ticks three incoming managers, splits the book evenly by revenue, gives one account to
someone else by hand, sets the due date and starts them. The Team review page shows them as
Dana's group; one Edit > Undo takes all 25 back, Redo brings them back."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog

from handover.domain.handover import Handover, Status
from handover.domain.leaver import LeaverPlan, split_by_revenue
from handover.domain.records import Account, Person, Role
from handover.settings import CurrentUser
from handover.store import Workspace
from handover.store import handover_ops as ops
from handover.store.leaver import book_of
from handover.ui.editors.leaver_plan import BookModel, LeaverDialog
from handover.ui.handovers.team_review import TeamReviewPage
from handover.ui.shell import dialogs
from handover.ui.shell.main_window import MainWindow
from handover.ui.shell.session import Session

TODAY = dt.date(2026, 11, 2)
DUE = dt.date(2026, 11, 27)


@pytest.fixture
def office(workspace_file) -> dict[str, int]:
    """The test workspace (Marcus owns four accounts; Helen leads the team) with Dana, Jonas
    and Priya added, Dana owning 25 accounts in euros and dollars, and one handover of
    Marcus's already under way."""
    ws = Workspace.open(workspace_file, user="Test setup")
    try:
        ids = {p.name.split()[0].lower(): p.id for p in ws.all(Person)}
        for name in ("Dana Whitfield", "Jonas Berger", "Priya Raman"):
            ids[name.split()[0].lower()] = ws.add(Person(name=name)).id
        for n in range(25):
            ws.add(Account(name=f"Client {n + 1:02}", currency="USD" if n % 5 == 0 else "EUR",
                           current_revenue=40_000 + (n * 53_000) % 600_000,
                           owner_id=ids["dana"]))
        [northwind] = ws.all(Account, "name = 'Northwind Logistics'")
        ops.create_handover(ws, Handover(account_id=northwind.id, outgoing_id=ids["marcus"],
                                         incoming_id=ids["jonas"], created_on=TODAY))
    finally:
        ws.close()
    return ids


@pytest.fixture
def helen() -> CurrentUser:
    return CurrentUser("Helen Achterberg", Role.TEAM_LEAD)


@pytest.fixture
def page(qtbot, settings, workspace_file, helen, office):
    ws = Workspace.open(workspace_file, user=helen.name)
    session = Session(ws)
    page = TeamReviewPage(settings, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.set_session(session)
    page.show()
    yield page
    page.set_session(None)
    ws.close()


def tick(qtbot, dialog: LeaverDialog, *names: str) -> None:
    """Tick the incoming managers as a user does: the row, then the space bar."""
    listing = dialog.incoming_list
    for n in range(listing.count()):
        if listing.item(n).text() in names:
            listing.setCurrentRow(n)
            qtbot.keyClick(listing.viewport(), Qt.Key.Key_Space)


def click_row(qtbot, dialog: LeaverDialog, account: str) -> None:
    model = dialog.model
    [number] = [n for n in range(model.rowCount()) if model.row_at(n).account.name == account]
    rect = dialog.table.visualRect(model.index(number, BookModel.ACCOUNT))
    dialog.table.scrollTo(model.index(number, 0))
    rect = dialog.table.visualRect(model.index(number, BookModel.ACCOUNT))
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def goes_to(dialog: LeaverDialog, account: str) -> str:
    model = dialog.model
    [number] = [n for n in range(model.rowCount()) if model.row_at(n).account.name == account]
    return model.index(number, BookModel.INCOMING).data()


def pick(box, text: str) -> None:
    index = box.findText(text)
    assert index >= 0, f"{text!r} is not offered"
    box.setCurrentIndex(index)


@pytest.fixture
def dialog_driven_by(monkeypatch, qtbot):
    """ask_leaver_plan answered through the real LeaverDialog, driven by `drive(dialog)`."""
    seen: list[LeaverDialog] = []

    def answer(drive):
        def ask(parent, ws, *, today, leaver_id=None, reviewer_id=None):
            dialog = LeaverDialog(ws, today=today, leaver_id=leaver_id,
                                  reviewer_id=reviewer_id, parent=parent)
            qtbot.addWidget(dialog)
            dialog.show()
            seen.append(dialog)
            drive(dialog)
            return dialog.plan() if dialog.result() == QDialog.DialogCode.Accepted else None
        monkeypatch.setattr(dialogs, "ask_leaver_plan", ask)
        return seen
    return answer


def test_helen_splits_danas_book_changes_one_by_hand_and_starts_25_handovers(
        qtbot, page, office, dialog_driven_by, dialog_log):
    def drive(dialog: LeaverDialog):
        assert dialog.reviewer_box.currentText() == "Helen Achterberg (team lead)"
        pick(dialog.leaver_box, "Dana Whitfield (25 accounts)")
        assert dialog.model.rowCount() == 25
        assert not dialog.ok_button.isEnabled()  # nothing given to anyone yet
        tick(qtbot, dialog, "Jonas Berger", "Priya Raman", "Marcus Lindqvist")
        assert dialog.incoming_ids() == [office["jonas"], office["marcus"], office["priya"]]

        qtbot.mouseClick(dialog.split_button, Qt.MouseButton.LeftButton)
        assert dialog.ok_button.text() == "Start 25 handovers"
        # What each takes on, each currency on its own: never one sum of euros and dollars.
        lines = dialog.loads_label.text().split("<br>")
        assert [re.sub(r"\d", "9", line) for line in lines] == [
            "<b>Jonas Berger</b>: 9 accounts (€9,999,999, $999,999)",
            "<b>Marcus Lindqvist</b>: 9 accounts (€9,999,999, $999,999)",
            "<b>Priya Raman</b>: 9 accounts (€9,999,999, $999,999)"]
        evenly = goes_to(dialog, "Client 01")
        other = next(n for n in ("Jonas Berger", "Priya Raman") if n != evenly)

        click_row(qtbot, dialog, "Client 01")
        assert dialog.selected_account_ids() and dialog.give_button.isEnabled()
        pick(dialog.give_box, other)
        qtbot.mouseClick(dialog.give_button, Qt.MouseButton.LeftButton)
        assert goes_to(dialog, "Client 01") == other

        dialog.due_edit.setFocus()
        dialog.due_edit.setDate(QDate(DUE.year, DUE.month, DUE.day))
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert dialog.result() == QDialog.DialogCode.Accepted
        drive.other = other

    seen = dialog_driven_by(drive)
    messages = []
    page.status_message.connect(messages.append)
    qtbot.mouseClick(page.leaver_button, Qt.MouseButton.LeftButton)

    [dialog] = seen
    ws = page.session.ws
    book = [e.account for e in book_of(ws, office["dana"])]
    evenly = split_by_revenue(book, [office["jonas"], office["marcus"], office["priya"]])
    started = ws.all(Handover, "outgoing_id = ?", [office["dana"]])
    assert len(started) == 25
    names = {p.id: p.name for p in ws.all(Person)}
    client_01 = next(a.id for a in book if a.name == "Client 01")
    for handover in started:
        wanted = drive.other if handover.account_id == client_01 \
            else names[evenly[handover.account_id]]
        assert names[handover.incoming_id] == wanted
        assert (handover.due_date, handover.reviewer_id, handover.status) == (
            DUE, office["helen"], Status.DRAFT)
    assert dialog_log.shown == []
    assert messages == ["25 handovers of Dana Whitfield's accounts started"]

    # The page shows Dana's group, and only it.
    assert page.group_label() == "Leaver: Dana Whitfield (25)"
    assert len(page.shown_ids()) == 25 and page.count_label.text() == \
        "25 of 26 handovers shown"
    assert page.card_text("in_flight") == "IN FLIGHT 25 of the leaver\u2019s 25"
    page.clear_filters()
    assert len(page.shown_ids()) == 26
    assert [page.group_box.itemText(n) for n in range(page.group_box.count())] == [
        "All handovers", "Leaver: Dana Whitfield (25)"]


def test_accounts_already_under_way_are_listed_skipped_and_left_out(
        qtbot, page, office, dialog_driven_by, dialog_log):
    ws = page.session.ws
    book = book_of(ws, office["dana"])
    first, second = book[0].account.name, book[1].account.name
    for entry, incoming in ((book[0], "jonas"), (book[1], "priya")):
        ops.create_handover(ws, Handover(account_id=entry.id, outgoing_id=office["dana"],
                                         incoming_id=office[incoming], created_on=TODAY))

    def drive(dialog: LeaverDialog):
        pick(dialog.leaver_box, "Dana Whitfield (25 accounts)")
        assert dialog.skipped_label.text() == (
            f"2 accounts already have a handover under way and are skipped: {first} "
            f"(draft); {second} (draft).")
        assert goes_to(dialog, first) == "skipped: already has a handover under way (draft)"
        tick(qtbot, dialog, "Jonas Berger", "Priya Raman")
        qtbot.mouseClick(dialog.split_button, Qt.MouseButton.LeftButton)
        assert dialog.ok_button.text() == "Start 23 handovers"
        assert goes_to(dialog, first).startswith("skipped")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    dialog_driven_by(drive)
    page.start_leaver()
    assert len(ws.all(Handover, "outgoing_id = ?", [office["dana"]])) == 25  # 2 + 23
    assert page.group_label() == "Leaver: Dana Whitfield (23)"


def test_an_account_that_got_a_handover_meanwhile_is_skipped_and_named(
        page, office, monkeypatch, dialog_log):
    ws = page.session.ws
    book = [e.account for e in book_of(ws, office["dana"])]
    split = split_by_revenue(book, [office["jonas"], office["priya"]])

    def ask(parent, ws_, *, today, leaver_id=None, reviewer_id=None):
        # Meanwhile, someone else starts the handover of the largest account by hand.
        ops.create_handover(ws, Handover(account_id=book[0].id, outgoing_id=office["dana"],
                                         incoming_id=office["marcus"], created_on=TODAY))
        return LeaverPlan(office["dana"], split, DUE)

    monkeypatch.setattr(dialogs, "ask_leaver_plan", ask)
    page.start_leaver()
    assert page.session.undo_stack.undoText() == (
        "Start 24 handovers of Dana Whitfield's accounts")
    [(title, message)] = dialog_log.infos
    assert title == "1 of Dana Whitfield's accounts skipped"
    assert message == (f"24 handovers started. These accounts were left out:\n"
                       f"\u2022 {book[0].name} already has a handover under way (draft); "
                       "open that one instead")


def test_the_dialog_says_what_is_missing_and_writes_nothing_when_cancelled(
        qtbot, page, office, dialog_driven_by):
    def drive(dialog: LeaverDialog):
        pick(dialog.leaver_box, "Dana Whitfield (25 accounts)")
        qtbot.mouseClick(dialog.split_button, Qt.MouseButton.LeftButton)
        assert dialog.error_label.text() == ("Tick at least one incoming manager to split "
                                             "the accounts among.")
        tick(qtbot, dialog, "Priya Raman")
        qtbot.mouseClick(dialog.split_button, Qt.MouseButton.LeftButton)
        assert dialog.ok_button.text() == "Start 25 handovers"
        # Unticking Priya takes the accounts from her again.
        tick(qtbot, dialog, "Priya Raman")
        assert not dialog.ok_button.isEnabled()
        dialog.reject()

    dialog_driven_by(drive)
    assert page.start_leaver() is None
    assert page.session.ws.all(Handover, "outgoing_id = ?", [office["dana"]]) == []
    assert not page.group_box.isVisible()


# ---------------------------------------------------------------- one undo step


@pytest.fixture
def window(qtbot, settings, workspace_file, helen, office, monkeypatch) -> MainWindow:
    window = MainWindow(settings, helen)
    qtbot.addWidget(window)
    window.show()
    assert window.open_path(workspace_file)

    def ask(parent, ws, *, today, leaver_id=None, reviewer_id=None):
        book = [e.account for e in book_of(ws, office["dana"])]
        return LeaverPlan(office["dana"], split_by_revenue(
            book, [office["jonas"], office["priya"], office["marcus"]]),
            today + dt.timedelta(days=14), reviewer_id)

    monkeypatch.setattr(dialogs, "ask_leaver_plan", ask)
    return window


def menu_action(window: MainWindow, menu_text: str, text: str):
    [menu] = [m.menu() for m in window.menuBar().actions() if m.text() == menu_text]
    [action] = [a for a in menu.actions() if a.text().replace("&", "").startswith(text)]
    return action


def test_one_undo_takes_all_25_back_and_redo_brings_the_same_ones_back(window, office):
    menu_action(window, "&File", "Hand over a leaver's accounts").trigger()
    ws = window.workspace
    started = sorted((h.id, h.account_id, h.incoming_id)
                     for h in ws.all(Handover, "outgoing_id = ?", [office["dana"]]))
    assert len(started) == 25
    page = window.team_review_page
    assert window.pages.currentIndex() == 2 and page.isVisible()
    assert page.group_label() == "Leaver: Dana Whitfield (25)"
    assert window.undo_action.text() == "&Undo Start 25 handovers of Dana Whitfield's accounts"

    window.undo_action.trigger()
    assert ws.all(Handover, "outgoing_id = ?", [office["dana"]]) == []
    assert page.group_label() == "" and not page.group_box.isVisible()
    assert len(page.shown_ids()) == 1  # Marcus's handover of Northwind, as before
    assert not window.undo_action.isEnabled() or "Start 25" not in window.undo_action.text()

    window.redo_action.trigger()
    assert sorted((h.id, h.account_id, h.incoming_id)
                  for h in ws.all(Handover, "outgoing_id = ?", [office["dana"]])) == started
    assert [page.group_box.itemText(n) for n in range(page.group_box.count())] == [
        "All handovers", "Leaver: Dana Whitfield (25)"]
    assert ws.verify_audit_chain() == []


def test_undo_is_refused_whole_once_one_of_the_handovers_was_submitted(
        window, office, dialog_log):
    menu_action(window, "&File", "Hand over a leaver's accounts").trigger()
    ws = window.workspace
    first = ws.all(Handover, "outgoing_id = ?", [office["dana"]])[0]
    ops.move(ws, first.id, Status.SUBMITTED, office["dana"])
    account = ws.get(Account, first.account_id).name

    window.undo_action.trigger()
    [(title, message)] = dialog_log.errors
    assert title == "Could not take back the handovers of Dana Whitfield's accounts"
    assert message == (f"1 of these handovers went further than a draft since, so none is "
                       f"taken back: {account} (submitted).")
    assert len(ws.all(Handover, "outgoing_id = ?", [office["dana"]])) == 25


def test_a_large_book_shows_progress_and_stop_leaves_nothing_started(
        page, office, monkeypatch, dialog_log):
    from handover.ui.handovers import leaver

    ws = page.session.ws
    book = [e.account for e in book_of(ws, office["dana"])]
    monkeypatch.setattr(dialogs, "ask_leaver_plan", lambda *a, **k: LeaverPlan(
        office["dana"], split_by_revenue(book, [office["jonas"], office["priya"]]), DUE))
    monkeypatch.setattr(leaver, "PROGRESS_FROM", 20)  # 25 accounts: a "large" book here
    shown: list[tuple[str, int, list[int]]] = []

    class PressesStopAtTen(leaver.QProgressDialog):
        def __init__(self, *args):
            super().__init__(*args)
            self.values: list[int] = []
            shown.append((self.labelText(), self.maximum(), self.values))

        def setValue(self, value):
            super().setValue(value)
            self.values.append(value)
            if value == 10:
                self.cancel()  # as a press on Stop does

    monkeypatch.setattr(leaver, "QProgressDialog", PressesStopAtTen)
    assert page.start_leaver() is None

    [(label, maximum, values)] = shown
    assert (label, maximum) == ("Starting the handovers of Dana Whitfield's accounts\u2026", 25)
    assert values == list(range(1, 11))
    assert dialog_log.infos == [("Stopped", "Stopped: none of Dana Whitfield's handovers was "
                                            "started.")]
    assert ws.all(Handover, "outgoing_id = ?", [office["dana"]]) == []
    assert not page.session.undo_stack.canUndo()


def test_the_book_table_is_a_well_behaved_model(qtbot, qtmodeltester, page, office):
    dialog = LeaverDialog(page.session.ws, today=TODAY, leaver_id=office["dana"])
    qtbot.addWidget(dialog)
    dialog.choose_incoming(office["jonas"], office["priya"])
    dialog.split_evenly()
    qtmodeltester.check(dialog.model)
    assert dialog.ok_button.text() == "Start 25 handovers"
