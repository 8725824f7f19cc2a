"""The main window as a user meets it: the accounts of their workspace, the filters, the
sorting, an account opened from the list or from search, the menus and the status bar."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence

from handover.domain.records import Person, Role
from handover.settings import (
    ACCOUNTS_COLUMNS,
    LAST_WORKSPACE,
    RECENT_WORKSPACES,
    recent_workspaces,
)
from handover.store import Workspace
from handover.ui.accounts.accounts import time_filter
from handover.ui.accounts.accounts_model import ROW_ROLE, Column
from handover.ui.shell import dialogs
from handover.ui.shell.main_window import MainWindow
from handover.ui.shell.search import SearchDialog

ALL_NAMES = ["Brightwater Utilities", "Calder & Finch Insurance", "Halden Foods",
             "Northwind Logistics"]


@pytest.fixture(autouse=True)
def no_account_form(monkeypatch):
    """The account form is a modal dialog: a test that did not expect it fails instead of
    waiting for a click."""
    def edit_account(*args, **kwargs):
        raise AssertionError("the program opened the account form, which this test did "
                             "not expect")
    monkeypatch.setattr(dialogs, "edit_account", edit_account)


@pytest.fixture
def window(qtbot, settings, user) -> MainWindow:
    window = MainWindow(settings, user)
    qtbot.addWidget(window)  # closed at the end, which closes its workspace
    window.show()
    return window


@pytest.fixture
def opened(window, workspace_file) -> MainWindow:
    assert window.open_path(workspace_file)
    return window


def shown_names(window: MainWindow) -> list[str]:
    view = window.accounts_page.table
    return [view.model().index(r, Column.ACCOUNT).data() for r in range(view.model().rowCount())]


def shown_column(window: MainWindow, column: Column) -> list[str]:
    view = window.accounts_page.table
    return [view.model().index(r, column).data() for r in range(view.model().rowCount())]


def click_header(qtbot, window: MainWindow, column: Column) -> None:
    header = window.accounts_page.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def test_the_window_opens_on_the_workspace_and_lists_its_accounts(opened, workspace_file):
    assert shown_names(opened) == ALL_NAMES  # by name; the archived account is not listed
    assert opened.accounts_page.count_label.text() == "4 accounts"
    assert opened.windowTitle() == "Handover \u2014 team.sqlite"
    assert opened.workspace_label.text() == "team.sqlite"
    assert opened.workspace_label.toolTip() == str(workspace_file.resolve())
    assert opened.user_label.text() == "Signed in as Dana Whitfield (Account manager)"
    assert not opened.read_only_label.isVisible()


def test_each_row_reads_as_the_user_expects(opened):
    row = shown_names(opened).index("Northwind Logistics")
    cells = {c: opened.accounts_page.table.model().index(row, c).data() for c in Column}
    assert cells == {
        Column.ACCOUNT: "Northwind Logistics", Column.SEGMENT: "Key",
        Column.HEALTH: "Critical", Column.REVENUE: "\u20ac1,250,000",
        Column.POTENTIAL: "\u20ac3,000,000", Column.OWNER: "Marcus Lindqvist",
        Column.RENEWAL: cells[Column.RENEWAL], Column.LAST_CONTACT: "5 Oct 2026",
        Column.PROMISES: "2 / 1",
    }
    calder = shown_names(opened).index("Calder & Finch Insurance")
    model = opened.accounts_page.table.model()
    assert model.index(calder, Column.REVENUE).data() == "$2,400,000"
    assert model.index(calder, Column.RENEWAL).data() == "\u2014"
    assert model.index(calder, Column.LAST_CONTACT).data() == "Never"


def test_typing_in_the_filter_narrows_the_rows(qtbot, opened):
    page = opened.accounts_page
    qtbot.keyClicks(page.search, "NORTH")
    assert shown_names(opened) == ["Northwind Logistics"]
    assert page.count_label.text() == "1 of 4 accounts"

    page.search.clear()
    qtbot.keyClicks(page.search, "in")  # Calder & Finch Insurance, Northwind Logistics
    assert shown_names(opened) == ["Calder & Finch Insurance", "Northwind Logistics"]

    qtbot.keyClicks(page.search, "zzz")
    assert shown_names(opened) == []
    assert page.count_label.text() == "0 of 4 accounts"
    assert page.body.currentWidget() is page.empty_state
    assert page.empty_label.text() == "No account name contains \u201cinzzz\u201d."

    page.search.clear()
    assert shown_names(opened) == ALL_NAMES
    assert page.body.currentWidget() is page.table


def test_the_benchmark_times_the_filter_as_typed(opened):
    shown, seconds = time_filter(opened.accounts_page, "north")
    assert shown == 1 and seconds > 0
    assert shown_names(opened) == ["Northwind Logistics"]


def choose(box, text: str) -> None:
    """Pick `text` in a drop-down, as a click on it would."""
    found = box.findText(text)
    assert found >= 0, f"{text!r} is not one of {[box.itemText(i) for i in range(box.count())]}"
    box.setCurrentIndex(found)


def test_the_drop_downs_narrow_by_segment_health_and_owner(qtbot, opened):
    page = opened.accounts_page
    assert [page.health_box.itemText(i) for i in range(page.health_box.count())] == [
        "All health", "Stable", "Watch", "At risk", "Critical"]
    owners = [page.owner_box.itemText(i) for i in range(page.owner_box.count())]
    assert owners == ["All owners", "No owner", "Dana Whitfield", "Helen Achterberg",
                      "Marcus Lindqvist"]  # the people of the workspace, by name

    choose(page.segment_box, "Key")
    assert shown_names(opened) == ["Northwind Logistics"]
    assert page.count_label.text() == "1 of 4 accounts"
    choose(page.segment_box, "All segments")
    choose(page.health_box, "At risk")
    assert shown_names(opened) == ["Calder & Finch Insurance"]
    choose(page.health_box, "All health")
    choose(page.owner_box, "Marcus Lindqvist")
    assert shown_names(opened) == ALL_NAMES

    # The choices and the name filter narrow together.
    choose(page.segment_box, "Small")
    qtbot.keyClicks(page.search, "hal")
    assert shown_names(opened) == ["Halden Foods"]
    choose(page.health_box, "Critical")
    assert shown_names(opened) == []
    assert page.empty_label.text() == "No account matches these filters."
    assert page.clear_filters_button.isVisible()

    qtbot.mouseClick(page.clear_filters_button, Qt.MouseButton.LeftButton)
    assert shown_names(opened) == ALL_NAMES
    assert (page.search.text(), page.segment_box.currentText(), page.health_box.currentText(),
            page.owner_box.currentText()) == ("", "All segments", "All health", "All owners")


def test_accounts_nobody_owns_and_archived_ones_are_found_too(qtbot, opened):
    page = opened.accounts_page
    choose(page.owner_box, "No owner")
    assert shown_names(opened) == []  # the one account without an owner is archived
    page.show_archived.click()
    assert shown_names(opened) == ["Old Harbour Mills (archived)"]
    assert page.count_label.text() == "1 of 5 accounts"
    page.show_archived.click()
    assert page.count_label.text() == "0 of 4 accounts"


def test_ctrl_f_and_ctrl_k_open_the_search_popup(qtbot, opened):
    opened.activateWindow()
    for key in (Qt.Key.Key_F, Qt.Key.Key_K):
        opened.accounts_page.table.setFocus()
        qtbot.keyClick(opened.accounts_page.table, key, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(opened.search_dialog.isVisible, timeout=1000)
        opened.search_dialog.reject()


def search_and_click(qtbot, window: MainWindow, text: str, title: str) -> None:
    """Type `text` into the search popup and click the result titled `title`."""
    popup: SearchDialog = window.search_dialog
    window.find_action.trigger()
    with qtbot.waitSignal(popup.results_shown, timeout=2000):
        qtbot.keyClicks(popup.query_edit, text)
    [item] = [i for i in popup.hit_items() if i.text(0).split(" \u00b7 ")[0] == title]
    rect = popup.results.visualItemRect(item)
    qtbot.mouseClick(popup.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_a_search_result_opens_its_account_with_the_record_shown(qtbot, opened):
    opened.show_page(2)  # from anywhere in the program
    search_and_click(qtbot, opened, "ines", "Ines Baptista")

    assert not opened.search_dialog.isVisible()
    assert opened.pages.currentWidget() is opened.accounts_section
    detail = opened.accounts_section.open_page.detail
    assert detail.title.text() == "Northwind Logistics"
    assert detail.tabs.tabText(detail.tabs.currentIndex()).startswith("People")

    search_and_click(qtbot, opened, "brightwater", "Brightwater Utilities")
    detail = opened.accounts_section.open_page.detail
    assert detail.title.text() == "Brightwater Utilities"
    assert detail.tabs.tabText(detail.tabs.currentIndex()) == "Overview"


def test_enter_opens_the_selected_account_and_the_back_button_returns(qtbot, opened):
    page, section = opened.accounts_page, opened.accounts_section
    page.table.setFocus()
    page.table.selectRow(shown_names(opened).index("Halden Foods"))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)

    assert section.currentWidget() is section.open_page
    assert section.open_page.detail.title.text() == "Halden Foods"
    assert section.open_page.back_button.text() == "\u2190 All accounts"

    qtbot.mouseClick(section.open_page.back_button, Qt.MouseButton.LeftButton)
    assert section.currentWidget() is page
    assert section.open_page.detail is None  # let go: it no longer follows the workspace
    assert [i.data(ROW_ROLE).name for i in page.table.selectionModel().selectedRows()] == \
        ["Halden Foods"]


def test_alt_left_goes_back_to_the_list(qtbot, opened):
    opened.activateWindow()
    section = opened.accounts_section
    assert opened.open_account(opened.accounts_page.account_ids()[0])
    back = QKeySequence.keyBindings(QKeySequence.StandardKey.Back)[0][0]
    qtbot.keyClick(opened, back.key(), back.keyboardModifiers())
    assert section.currentWidget() is opened.accounts_page


def test_a_double_click_opens_the_account(qtbot, opened):
    table = opened.accounts_page.table
    row = shown_names(opened).index("Calder & Finch Insurance")
    rect = table.visualRect(table.model().index(row, Column.SEGMENT))
    # A double click is a click, then a second press that the view reads as the double.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.accounts_section.open_page.detail.title.text() == "Calder & Finch Insurance"


def test_opening_another_workspace_closes_the_open_account(opened, tmp_path, workspace_file):
    opened.open_account(opened.accounts_page.account_ids()[0])
    other = tmp_path / "other.sqlite"
    shutil.copyfile(workspace_file, other)
    assert opened.open_path(other)
    assert opened.accounts_section.currentWidget() is opened.accounts_page
    assert opened.accounts_section.open_page.detail is None


def test_sorting_by_revenue_sorts_numbers_as_numbers(qtbot, opened):
    click_header(qtbot, opened, Column.REVENUE)
    # As text, "€9,500" would come after "€1,250,000"; as amounts it is the smallest.
    assert shown_names(opened) == ["Halden Foods", "Brightwater Utilities",
                                   "Northwind Logistics", "Calder & Finch Insurance"]
    click_header(qtbot, opened, Column.REVENUE)
    assert shown_names(opened) == ["Calder & Finch Insurance", "Northwind Logistics",
                                   "Brightwater Utilities", "Halden Foods"]


def test_sorting_by_health_puts_the_accounts_in_trouble_first(qtbot, opened):
    click_header(qtbot, opened, Column.HEALTH)
    assert shown_column(opened, Column.HEALTH) == ["Critical", "At risk", "Watch", "Stable"]


def test_sorting_keeps_the_selected_account_selected_and_the_filter_applied(qtbot, opened):
    page = opened.accounts_page
    qtbot.keyClicks(page.search, "d")  # every name but Brightwater Utilities has a d
    row = shown_names(opened).index("Halden Foods")
    page.table.selectRow(row)
    click_header(qtbot, opened, Column.POTENTIAL)
    assert shown_names(opened) == ["Halden Foods", "Calder & Finch Insurance",
                                   "Northwind Logistics"]
    selected = page.table.selectionModel().selectedRows()
    assert [index.data(ROW_ROLE).name for index in selected] == ["Halden Foods"]


def test_opening_a_file_that_is_not_a_workspace_says_so_and_keeps_the_old_one(
        opened, tmp_path, monkeypatch, dialog_log, workspace_file):
    notes = tmp_path / "notes.txt"
    notes.write_text("Call Ines about the credit note.\n" * 10)
    monkeypatch.setattr(dialogs, "ask_open_path", lambda parent, directory=None: notes)

    opened.open_action.trigger()

    [(title, message)] = dialog_log.errors
    assert title == "Could not open the workspace"
    assert "notes.txt" in message and "not a Handover workspace" in message
    assert opened.workspace is not None and opened.workspace.path == workspace_file
    assert shown_names(opened) == ALL_NAMES
    assert opened.windowTitle() == "Handover \u2014 team.sqlite"
    assert notes.read_text().startswith("Call Ines")  # the file is left as it was


def test_opening_another_workspace_switches_to_it_and_releases_the_first(
        opened, tmp_path, monkeypatch, workspace_file, settings):
    other = tmp_path / "other.sqlite"
    Workspace.create(other, user="Someone").close()
    monkeypatch.setattr(dialogs, "ask_open_path", lambda parent, directory=None: other)

    opened.open_action.trigger()

    assert opened.windowTitle() == "Handover \u2014 other.sqlite"
    assert shown_names(opened) == []
    assert opened.accounts_page.empty_label.text() == \
        "There are no accounts in this workspace yet."
    assert not opened.accounts_page.clear_filters_button.isVisible()
    assert recent_workspaces(settings)[:2] == [other.resolve(), workspace_file.resolve()]
    first = Workspace.open(workspace_file, user="Marcus")  # no longer held by the window
    try:
        assert not first.read_only
    finally:
        first.close()


def test_a_new_workspace_is_made_from_the_file_menu(opened, tmp_path, monkeypatch, user):
    monkeypatch.setattr(dialogs, "ask_save_path",
                        lambda parent, directory=None: tmp_path / "region-north.sqlite")

    opened.new_action.trigger()

    assert opened.windowTitle() == "Handover \u2014 region-north.sqlite"
    assert opened.accounts_page.count_label.text() == "0 accounts"
    people = opened.workspace.all(Person)
    assert [(p.name, p.role) for p in people] == [(user.name, user.role)]


def test_a_new_workspace_never_replaces_an_existing_file(
        opened, monkeypatch, workspace_file, dialog_log):
    monkeypatch.setattr(dialogs, "ask_save_path", lambda parent, directory=None: workspace_file)
    before = workspace_file.read_bytes()

    opened.new_action.trigger()

    [(title, message)] = dialog_log.errors
    assert title == "Could not create the workspace"
    assert "already exists" in message
    assert workspace_file.read_bytes() == before
    assert shown_names(opened) == ALL_NAMES


def test_opening_the_workspace_already_open_changes_nothing(opened, workspace_file, dialog_log):
    assert opened.open_path(workspace_file)
    assert not opened.workspace.read_only
    assert dialog_log.shown == []


def test_a_workspace_open_in_another_program_opens_read_only(
        window, workspace_file, dialog_log):
    holder = Workspace.open(workspace_file, user="Marcus Lindqvist")
    try:
        assert window.open_path(workspace_file)
        assert window.workspace.read_only
        assert window.read_only_label.isVisible()
        notice = window.read_only_label.text()
        assert notice.startswith("Read-only: Marcus Lindqvist on ")
        assert notice.endswith(" has this workspace open")
        [(title, message)] = dialog_log.infos  # told once, when it opened
        assert title == "Opened read-only" and message.startswith(notice)
        assert shown_names(window) == ALL_NAMES  # everything can still be read
        # Nothing is written to a file opened read-only, not even the current user.
        assert "Dana Whitfield" not in [p.name for p in window.workspace.all(Person)]
    finally:
        window.close()
        holder.close()


def test_a_workspace_on_a_read_only_disk_opens_read_only_and_says_why(
        window, workspace_file, dialog_log, monkeypatch):
    # os.access says no as it does on a read-only disk (root may write anything, so a
    # chmod would not show it).
    import os

    import handover.store.files as files_module

    real_access = os.access
    monkeypatch.setattr(files_module.os, "access", lambda path, mode, **kw: (
        False if mode & os.W_OK else real_access(path, mode, **kw)))
    before = workspace_file.read_bytes()
    try:
        assert window.open_path(workspace_file)
        assert window.workspace.read_only
        assert window.read_only_label.text() == (
            "Read-only: the file cannot be changed (it is read-only, or on a disk or share "
            "that is)")
        [(title, message)] = dialog_log.infos
        assert title == "Opened read-only"
        assert message.endswith("You can read everything in it, but changes cannot be "
                                "saved.")
        assert shown_names(window) == ALL_NAMES
    finally:
        window.close()
    assert workspace_file.read_bytes() == before


def test_a_workspace_the_user_may_not_read_is_refused_naming_it(
        opened, workspace_file, tmp_path, dialog_log, monkeypatch):
    # Root reads any file, so the refusal is made where the header is read.
    import shutil

    import handover.store.files as files_module

    locked = tmp_path / "locked.sqlite"
    shutil.copyfile(workspace_file, locked)

    def no_read(path, *args, **kwargs):
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return open(path, *args, **kwargs)

    monkeypatch.setattr(files_module, "open", no_read, raising=False)
    assert not opened.open_path(locked)
    assert dialog_log.errors == [("Could not open the workspace",
                                  f"{locked} cannot be read: you do not have permission to "
                                  "read this file.")]
    assert opened.workspace.path == workspace_file  # the open one stays open
    assert shown_names(opened) == ALL_NAMES


def test_the_current_user_joins_the_people_of_the_workspace(opened, user):
    names = {p.name: p.role for p in opened.workspace.all(Person)}
    assert names[user.name] is Role.ACCOUNT_MANAGER


def test_closing_the_window_releases_the_workspace_and_keeps_its_layout(
        opened, workspace_file, settings):
    opened.close()
    again = Workspace.open(workspace_file, user="Marcus")
    try:
        assert not again.read_only
    finally:
        again.close()
    assert not settings.get(ACCOUNTS_COLUMNS).isEmpty()
    assert settings.get(LAST_WORKSPACE) == str(workspace_file.resolve())


def test_the_window_comes_back_at_the_size_it_was_left(qtbot, settings, user):
    first = MainWindow(settings, user)
    qtbot.addWidget(first)
    first.resize(700, 500)  # the test screen is 800 by 600
    first.show()
    first.close()
    second = MainWindow(settings, user)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (700, 500)


def test_open_recent_lists_the_last_workspaces_and_greys_missing_ones(
        window, settings, workspace_file, tmp_path, dialog_log):
    gone = tmp_path / "gone.sqlite"
    settings.set(RECENT_WORKSPACES, [str(gone), str(workspace_file)])
    window.recent_menu.aboutToShow.emit()
    actions = [a for a in window.recent_menu.actions() if not a.isSeparator()]
    texts = [(a.text(), a.isEnabled()) for a in actions]
    assert texts == [("&1  gone.sqlite  (missing)", False), ("&2  team.sqlite", True),
                     ("Clear the list", True)]
    actions[1].trigger()
    assert window.windowTitle() == "Handover \u2014 team.sqlite"
    assert dialog_log.errors == []

    window.recent_menu.aboutToShow.emit()
    [*_, clear] = window.recent_menu.actions()
    clear.trigger()
    assert [a.text() for a in window.recent_menu.actions()] == ["No recent workspaces"]


def test_the_recent_list_keeps_the_eight_latest(window, tmp_path, settings, workspace_file):
    for number in range(10):
        path = tmp_path / f"w{number}.sqlite"
        shutil.copyfile(workspace_file, path)
        assert window.open_path(path)
    assert [p.name for p in recent_workspaces(settings)] == \
        [f"w{n}.sqlite" for n in range(9, 1, -1)]


def test_the_sidebar_leads_to_each_page(qtbot, opened):
    titles = [opened.sidebar.item(i).text() for i in range(opened.sidebar.count())]
    assert titles == ["Accounts", "Handovers", "Team review", "Analytics"]
    opened.sidebar.setCurrentRow(1)
    page = opened.pages.currentWidget()
    assert page.isAncestorOf(opened.handovers_page)
    assert opened.handovers_page.list_page.title.text() == "Handovers"
    opened.sidebar.setCurrentRow(2)
    assert opened.pages.currentWidget().isAncestorOf(opened.team_review_page)
    opened.sidebar.setCurrentRow(0)
    assert opened.pages.currentWidget() is opened.accounts_section
    assert opened.accounts_section.currentWidget() is opened.accounts_page


def test_the_edit_menu_has_undo_redo_find_and_the_discount_policy(opened):
    [edit] = [m.menu() for m in opened.menuBar().actions() if m.text() == "&Edit"]
    items = [a.text() for a in edit.actions()]
    assert items == ["&Undo", "&Redo", "", "&Find\u2026", "", "Discount &policy\u2026"]
    assert opened.policy_action.isEnabled()
    assert opened.find_action.shortcuts() == [QKeySequence("Ctrl+F"), QKeySequence("Ctrl+K")]
    assert not opened.undo_action.isEnabled()  # nothing done yet


def test_the_view_menu_leads_to_each_page_with_ctrl_and_a_number(qtbot, opened):
    [view] = [m.menu() for m in opened.menuBar().actions() if m.text() == "&View"]
    pages = view.actions()
    assert [(a.text(), a.shortcut().toString()) for a in pages] == [
        ("Accounts", "Ctrl+1"), ("Handovers", "Ctrl+2"), ("Team review", "Ctrl+3"),
        ("Analytics", "Ctrl+4")]
    assert pages[0].isChecked()
    pages[3].trigger()
    assert opened.pages.currentWidget().isAncestorOf(opened.analytics_page)
    assert opened.sidebar.currentRow() == 3
    opened.sidebar.setCurrentRow(1)
    assert pages[1].isChecked() and not pages[3].isChecked()


def test_with_no_workspace_the_window_offers_to_open_one(
        qtbot, window, workspace_file, monkeypatch):
    assert window.body.currentWidget() is window.no_workspace_page
    assert window.windowTitle() == "Handover"
    assert window.workspace_label.text() == "No workspace open"
    monkeypatch.setattr(dialogs, "ask_open_path", lambda parent, directory=None: workspace_file)
    window.no_workspace_page.open_requested.emit()
    assert window.body.currentWidget() is not window.no_workspace_page
    assert shown_names(window) == ALL_NAMES


def test_quit_is_ctrl_q(window):
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"


def test_a_path_that_does_not_exist_is_named_in_the_error(window, tmp_path, dialog_log):
    assert not window.open_path(Path(tmp_path / "nowhere.sqlite"))
    [(_, message)] = dialog_log.errors
    assert "nowhere.sqlite" in message and "does not exist" in message


def test_an_opened_account_has_its_concessions_tab_and_analytics_is_a_real_page(opened):
    assert opened.open_account(opened.accounts_page.account_ids()[0])
    detail = opened.accounts_section.open_page.detail
    assert detail.tab_titles()[3].startswith("Concessions")
    assert detail.tab_titles()[4].startswith("Promises")
    opened.show_page(3)
    assert opened.pages.currentWidget().isAncestorOf(opened.analytics_page)


def test_a_handover_chosen_on_the_team_review_opens_on_the_handovers_page(opened):
    ws = opened.workspace
    people = ws.all(Person)
    account_id = opened.accounts_page.account_ids()[0]
    from handover.domain.handover import Handover

    handover = ws.add(Handover(account_id=account_id, outgoing_id=people[0].id,
                               incoming_id=people[1].id))
    opened.team_review_page.reload()
    opened.team_review_page.handover_chosen.emit(handover.id)
    assert opened.pages.currentWidget().isAncestorOf(opened.handovers_page)
    [file_menu] = [m.menu() for m in opened.menuBar().actions() if m.text() == "&File"]
    assert "New &handover\u2026" in [a.text() for a in file_menu.actions()]
    assert opened.new_handover_action.isEnabled()
