"""Undo and redo as a user meets them: every edit of the accounts page is saved at once,
writes its audit entries, and is taken back (and done again) from the Edit menu or with the
standard shortcuts; a workspace open read-only offers no edits at all."""

from __future__ import annotations

import dataclasses
import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from handover.domain.records import Account, Commitment, Direction, Health
from handover.store import Workspace
from handover.ui.accounts.accounts_model import ROW_ROLE, Column
from handover.ui.editors.account_form import AccountForm
from handover.ui.shell import dialogs
from handover.ui.shell.main_window import MainWindow


@pytest.fixture(autouse=True)
def no_unexpected_form(monkeypatch):
    def edit_account(*args, **kwargs):
        raise AssertionError("the account form opened, which this test did not expect")
    monkeypatch.setattr(dialogs, "edit_account", edit_account)


@pytest.fixture
def window(qtbot, settings, user, workspace_file) -> MainWindow:
    window = MainWindow(settings, user)
    qtbot.addWidget(window)
    window.show()
    assert window.open_path(workspace_file)
    return window


@pytest.fixture
def form_filled_by(monkeypatch, qtbot):
    """The account form, answered by `fill(form)` as a user would."""
    def answer(fill):
        def edit_account(parent, session, account=None):
            form = AccountForm(session, account, parent)
            qtbot.addWidget(form)
            form.show()
            fill(form)
            return form.saved
        monkeypatch.setattr(dialogs, "edit_account", edit_account)
    return answer


def names(window: MainWindow) -> list[str]:
    model = window.accounts_page.table.model()
    return [model.index(r, Column.ACCOUNT).data() for r in range(model.rowCount())]


def cell(window: MainWindow, name: str, column: Column) -> str:
    model = window.accounts_page.table.model()
    return model.index(names(window).index(name), column).data()


def select(window: MainWindow, *wanted: str) -> None:
    page = window.accounts_page
    page.table.clearSelection()
    for name in wanted:
        row = names(window).index(name)
        page.table.selectionModel().select(
            page.table.model().index(row, 0),
            page.table.selectionModel().SelectionFlag.Select
            | page.table.selectionModel().SelectionFlag.Rows)
        page.table.selectionModel().setCurrentIndex(
            page.table.model().index(row, 0),
            page.table.selectionModel().SelectionFlag.NoUpdate)


def selected(window: MainWindow) -> list[str]:
    rows = window.accounts_page.table.selectionModel().selectedRows()
    return sorted(index.data(ROW_ROLE).name for index in rows)


def account(window: MainWindow, name: str) -> Account:
    [found] = window.workspace.all(Account, "name = ?", [name])
    return found


def edit_menu_action(window: MainWindow, text: str):
    [menu] = [m.menu() for m in window.menuBar().actions() if m.text() == "&Edit"]
    [action] = [a for a in menu.actions() if a.text().replace("&", "").startswith(text)]
    return action


def test_a_health_edit_is_undone_and_redone_from_the_edit_menu(qtbot, window, form_filled_by):
    def fill(form: AccountForm):
        form.health_box.setCurrentIndex(form.health_box.findData(Health.WATCH))
        qtbot.keyClicks(form.reason_edit, "Credit note agreed; deliveries on time again")
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    form_filled_by(fill)
    select(window, "Northwind Logistics")
    qtbot.mouseClick(window.accounts_page.edit_button, Qt.MouseButton.LeftButton)

    north = account(window, "Northwind Logistics")
    assert cell(window, "Northwind Logistics", Column.HEALTH) == "Watch"
    assert north.health is Health.WATCH
    changes = [(e.action, e.field, e.before, e.after)
               for e in window.workspace.audit_entries("accounts", north.id)]
    assert changes[0][:2] == ("test setup", "")  # the account as the workspace was made
    assert changes[1:] == [
        ("update", "health", "critical", "watch"),
        ("update", "health_reason", "", "Credit note agreed; deliveries on time again")]

    undo = edit_menu_action(window, "Undo")
    assert undo.text() == "&Undo Edit account \u201cNorthwind Logistics\u201d"
    undo.trigger()
    assert cell(window, "Northwind Logistics", Column.HEALTH) == "Critical"
    assert account(window, "Northwind Logistics").health is Health.CRITICAL
    assert selected(window) == ["Northwind Logistics"]  # the line kept its selection
    # Undoing is itself a change, and audited as one.
    last = window.workspace.audit_entries("accounts", north.id)[-2]
    assert (last.field, last.before, last.after) == ("health", "watch", "critical")

    redo = edit_menu_action(window, "Redo")
    assert redo.text() == "&Redo Edit account \u201cNorthwind Logistics\u201d"
    redo.trigger()
    assert cell(window, "Northwind Logistics", Column.HEALTH) == "Watch"
    assert account(window, "Northwind Logistics").health is Health.WATCH
    assert window.workspace.verify_audit_chain() == []


def test_undo_and_redo_answer_the_standard_shortcuts(qtbot, window):
    assert window.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert window.redo_action.shortcuts() == \
        QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
    halden = account(window, "Halden Foods")
    window.session.update(dataclasses.replace(halden, health=Health.AT_RISK))
    assert cell(window, "Halden Foods", Column.HEALTH) == "At risk"

    window.activateWindow()
    table = window.accounts_page.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert cell(window, "Halden Foods", Column.HEALTH) == "Watch"
    redo = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)[0][0]
    qtbot.keyClick(table, redo.key(), redo.keyboardModifiers())
    assert cell(window, "Halden Foods", Column.HEALTH) == "At risk"


def test_archiving_takes_the_account_out_of_the_list_and_undo_brings_it_back(qtbot, window):
    page = window.accounts_page
    select(window, "Halden Foods")
    assert page.archive_button.text() == "Archive"
    qtbot.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)

    assert "Halden Foods" not in names(window)
    assert page.count_label.text() == "3 accounts"
    assert account(window, "Halden Foods").archived
    created, entry = window.workspace.audit_entries("accounts",
                                                    account(window, "Halden Foods").id)
    assert created.action == "test setup"
    assert (entry.field, entry.before, entry.after) == ("archived", "0", "1")
    assert window.statusBar().currentMessage().startswith("Archived account \u201cHalden Foods")

    window.undo_action.trigger()
    assert "Halden Foods" in names(window)
    assert not account(window, "Halden Foods").archived
    assert page.count_label.text() == "4 accounts"


def test_an_archived_account_is_shown_on_request_and_restored(qtbot, window):
    page = window.accounts_page
    page.show_archived.click()
    assert "Old Harbour Mills (archived)" in names(window)
    select(window, "Old Harbour Mills (archived)")
    assert page.archive_button.text() == "Restore"
    qtbot.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)
    assert "Old Harbour Mills" in names(window)  # no longer marked archived
    page.show_archived.click()
    assert "Old Harbour Mills" in names(window)
    assert window.undo_action.text() == "&Undo Restore account \u201cOld Harbour Mills\u201d"


def test_archiving_several_accounts_is_one_undo_step(qtbot, window):
    select(window, "Brightwater Utilities", "Halden Foods")
    qtbot.mouseClick(window.accounts_page.archive_button, Qt.MouseButton.LeftButton)
    assert names(window) == ["Calder & Finch Insurance", "Northwind Logistics"]
    assert window.undo_action.text() == "&Undo Archive 2 accounts"
    window.undo_action.trigger()
    assert len(names(window)) == 4
    assert not window.undo_action.isEnabled()


def test_a_new_account_undone_is_gone_and_redone_is_back_with_the_same_id(
        qtbot, window, form_filled_by):
    def fill(form: AccountForm):
        qtbot.keyClicks(form.name_edit, "Juniper Labs")
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)

    form_filled_by(fill)
    qtbot.mouseClick(window.accounts_page.new_button, Qt.MouseButton.LeftButton)
    juniper = account(window, "Juniper Labs")
    window.open_account(juniper.id)  # open it, then take its creation back

    window.undo_action.trigger()
    assert "Juniper Labs" not in names(window)
    assert window.workspace.all(Account, "name = ?", ["Juniper Labs"]) == []
    section = window.accounts_section
    assert section.currentWidget() is window.accounts_page  # its page closed with it
    window.redo_action.trigger()
    assert account(window, "Juniper Labs").id == juniper.id
    assert [e.action for e in window.workspace.audit_entries("accounts", juniper.id)] == \
        ["create", "delete", "create"]


def test_the_list_follows_edits_made_in_other_screens_and_keeps_the_selection(window):
    select(window, "Northwind Logistics")
    north = account(window, "Northwind Logistics")
    assert cell(window, "Northwind Logistics", Column.PROMISES) == "2 / 1"
    # As the promises tab would: one more promise of ours.
    window.session.add(Commitment(account_id=north.id, direction=Direction.OURS,
                                  description="Send the revised SLA"))
    assert cell(window, "Northwind Logistics", Column.PROMISES) == "3 / 1"
    assert selected(window) == ["Northwind Logistics"]
    window.undo_action.trigger()
    assert cell(window, "Northwind Logistics", Column.PROMISES) == "2 / 1"


def test_an_edit_moves_the_line_to_its_place_in_the_sorted_list(qtbot, window):
    window.accounts_page.table.sortByColumn(Column.HEALTH, Qt.SortOrder.AscendingOrder)
    assert names(window)[0] == "Northwind Logistics"  # critical comes first
    select(window, "Brightwater Utilities")
    bright = account(window, "Brightwater Utilities")
    window.session.update(dataclasses.replace(bright, health=Health.CRITICAL))
    assert names(window)[:2] == ["Brightwater Utilities", "Northwind Logistics"]
    assert selected(window) == ["Brightwater Utilities"]


def test_a_read_only_workspace_offers_no_edits(qtbot, settings, user, workspace_file):
    holder = Workspace.open(workspace_file, user="Marcus Lindqvist")
    window = MainWindow(settings, user)
    qtbot.addWidget(window)
    window.show()
    try:
        assert window.open_path(workspace_file)
        assert window.workspace.read_only and not window.can_edit
        page = window.accounts_page
        select(window, "Halden Foods")
        buttons = (page.new_button, page.edit_button, page.archive_button)
        assert [b.isEnabled() for b in buttons] == [False, False, False]
        notice = window.read_only_label.text()
        assert all(b.toolTip() == f"{notice}: changes cannot be saved" for b in buttons)
        qtbot.keyClick(page.table, Qt.Key.Key_F2)  # the form does not open
        assert not window.undo_action.isEnabled() and not window.redo_action.isEnabled()
        # Everything can still be read, the account's tabs too, but not changed there.
        window.open_account(account(window, "Halden Foods").id)
        assert window.accounts_section.open_page.detail.title.text() == "Halden Foods"
        assert not window.accounts_section.open_page.edit_button.isEnabled()
    finally:
        window.close()
        holder.close()


def test_edits_of_a_workspace_closed_cannot_be_undone_in_the_next(
        qtbot, window, tmp_path, workspace_file):
    halden = account(window, "Halden Foods")
    window.session.update(dataclasses.replace(halden, region="Yorkshire"))
    assert window.undo_action.isEnabled()
    other = tmp_path / "other.sqlite"
    shutil.copyfile(workspace_file, other)
    assert window.open_path(other)
    assert not window.undo_action.isEnabled()
    assert window.undo_action.text() == "&Undo"
