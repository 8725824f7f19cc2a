"""Who is using the program: a newcomer's first run through the real welcome dialog, the
demo's own people to try it as, and switching between the team's people on one machine,
each change stamped with whoever was current when it was made."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from handover import app as handover_app
from handover.demo import write_demo
from handover.domain.records import Account, Person, Role
from handover.settings import CurrentUser, current_user, set_current_user
from handover.store import Workspace
from handover.store.queries import team_members
from handover.ui.shell import dialogs
from handover.ui.shell.dialogs import CurrentUserDialog

REAL_ASK = dialogs.ask_current_user  # taken before the fixtures replace it


@pytest.fixture
def real_dialog(monkeypatch):
    monkeypatch.setattr(dialogs, "ask_current_user", REAL_ASK)


def answer_when_shown(qtbot, fill, shown: list) -> None:
    """Once the modal welcome dialog is up, let `fill` type and pick in it, then press
    Continue as a user would."""
    def act():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, CurrentUserDialog):
            QTimer.singleShot(20, act)
            return
        shown.append(dialog)
        fill(dialog)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok.text() == "Continue" and ok.isEnabled()
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, act)


def type_name_and_pick(qtbot, name: str, role: Role):
    def fill(dialog: CurrentUserDialog) -> None:
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled()  # no name yet: nothing to continue with
        qtbot.keyClicks(dialog.name_edit, name)
        box = dialog.role_box
        box.setCurrentIndex(box.findText(role.label))
    return fill


def start(qtbot, settings, tmp_path, path, **kwargs):
    window, code = handover_app.start(path, settings=settings,
                                      default_workspace=tmp_path / "default.sqlite", **kwargs)
    if window is not None:
        qtbot.addWidget(window)
    return window, code


@pytest.mark.parametrize("role", list(Role))
def test_a_newcomer_types_a_name_picks_a_role_and_lands_in_the_window(
        qtbot, settings, tmp_path, workspace_file, real_dialog, dialog_log, role):
    shown: list = []
    answer_when_shown(qtbot, type_name_and_pick(qtbot, "Priya Raman", role), shown)

    window, code = start(qtbot, settings, tmp_path, workspace_file)

    assert len(shown) == 1 and shown[0].windowTitle() == "Welcome to Handover"
    assert code == 0 and window.isVisible()
    assert window.user_label.text() == f"Signed in as Priya Raman ({role.label})"
    assert window.accounts_page.table.model().rowCount() == 4  # the accounts are listed
    assert dialog_log.errors == []  # nothing reached the error hook
    assert current_user(settings) == CurrentUser("Priya Raman", role)  # kept for next time
    [priya] = window.workspace.all(Person, "name = ?", ["Priya Raman"])
    assert priya.role is role


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    write_demo(path, accounts=60, seed=1)
    return path


@pytest.fixture
def demo_file(tmp_path, demo_template):
    path = tmp_path / "demo.sqlite"
    path.write_bytes(demo_template.read_bytes())
    return path


def test_the_demo_offers_its_own_people_to_try_it_as(
        qtbot, settings, tmp_path, demo_file, real_dialog, dialog_log):
    shown: list = []
    offered: list[str] = []

    def pick_the_incoming_manager(dialog: CurrentUserDialog) -> None:
        items = [dialog.people_list.item(r).text() for r in range(dialog.people_list.count())]
        offered.extend(items)
        assert dialog.name_edit.text() == "" and dialog.people_list.currentRow() == -1
        row = next(r for r, text in enumerate(items) if ", incoming manager\n" in text)
        rect = dialog.people_list.visualItemRect(dialog.people_list.item(row))
        qtbot.mouseClick(dialog.people_list.viewport(), Qt.MouseButton.LeftButton,
                         pos=rect.center())

    answer_when_shown(qtbot, pick_the_incoming_manager, shown)
    before = demo_file.read_bytes()
    window, code = start(qtbot, settings, tmp_path, demo_file, demo=True)

    # The story leads: an account manager handing over, the team lead, an incoming manager.
    assert offered[0].startswith("Try it as ") and ", account manager\n" in offered[0]
    assert "hands " in offered[0]
    assert ", team lead\n" in offered[1] and offered[1].startswith("Try it as ")
    assert ", incoming manager\n" in offered[2] and "takes " in offered[2]
    assert not offered[3].startswith("Try it as ")  # then the rest of the team
    incoming = offered[2].removeprefix("Try it as ").split(",")[0]
    assert code == 0 and dialog_log.errors == []
    assert window.user_label.text() == f"Signed in as {incoming} (Account manager)"
    assert window.sidebar.currentItem().text() == "Handovers"  # where their story waits
    handovers = window.handovers_page.list_page
    assert handovers.mine.isChecked()
    shown = handovers.table.model()
    people = [shown.index(r, 1).data() for r in range(shown.rowCount())]
    assert people and all(incoming in text for text in people)
    # A demo person is tried for a while, not remembered as who uses this computer...
    assert current_user(settings) is None
    # ...and asking wrote nothing to the demo before it was opened.
    assert window.workspace.path == demo_file
    waiting = [m for m in team_members(window.workspace) if m.name == incoming]
    assert waiting[0].receiving >= 1
    assert before  # the file was read, not replaced


def test_a_real_name_typed_on_the_demo_is_remembered(
        qtbot, settings, tmp_path, demo_file, real_dialog):
    answer_when_shown(qtbot, type_name_and_pick(qtbot, "Ana Souza", Role.TEAM_LEAD), [])
    window, _ = start(qtbot, settings, tmp_path, demo_file, demo=True)
    assert current_user(settings) == CurrentUser("Ana Souza", Role.TEAM_LEAD)
    assert window.user_label.text() == "Signed in as Ana Souza (Team lead)"


# ---------------------------------------------------------------- switching


@pytest.fixture
def window(qtbot, settings, user, workspace_file):
    """Dana Whitfield's window on the small team workspace."""
    set_current_user(settings, user)
    window, code = start(qtbot, settings, workspace_file.parent, workspace_file)
    assert code == 0
    return window


def rename(window, account_id: int, name: str) -> None:
    account = window.workspace.get(Account, account_id)
    window.session.update(dataclasses.replace(account, name=name))


def who_changed(workspace_file, field: str) -> list[tuple[str, str]]:
    with Workspace.open(workspace_file, read_only=True) as ws:
        return [(e.who, e.after) for e in ws.audit_entries("accounts")
                if e.field == field]


def test_the_status_bar_switches_to_another_team_member_through_the_real_dialog(
        qtbot, window, real_dialog, workspace_file):
    account_id = window.workspace.all(Account)[0].id
    rename(window, account_id, "Northwind Logistics AG")
    shown: list = []

    def pick_helen(dialog: CurrentUserDialog) -> None:
        assert dialog.windowTitle() == "Current user"
        items = [dialog.people_list.item(r).text() for r in range(dialog.people_list.count())]
        assert "Marcus Lindqvist (Account manager)\nowns 4 accounts" in items
        assert dialog.people_list.currentItem().text().startswith("Dana Whitfield")
        row = next(r for r, text in enumerate(items) if text.startswith("Helen Achterberg"))
        rect = dialog.people_list.visualItemRect(dialog.people_list.item(row))
        qtbot.mouseClick(dialog.people_list.viewport(), Qt.MouseButton.LeftButton,
                         pos=rect.center())
        assert dialog.name_edit.text() == "Helen Achterberg"
        assert dialog.role_box.currentText() == "Team lead"
        assert not dialog.role_box.isEnabled()  # her role is the workspace's to say

    answer_when_shown(qtbot, pick_helen, shown)
    qtbot.mouseClick(window.user_label, Qt.MouseButton.LeftButton)

    assert len(shown) == 1
    assert window.user_label.text() == "Signed in as Helen Achterberg (Team lead)"
    assert not window.undo_action.isEnabled()  # Dana's edit is not Helen's to undo
    rename(window, account_id, "Northwind Logistics GmbH")
    window.close()
    assert who_changed(workspace_file, "name") == [
        ("Dana Whitfield", "Northwind Logistics AG"),
        ("Helen Achterberg", "Northwind Logistics GmbH")]


def test_settings_current_user_adds_someone_new_who_stamps_their_changes(
        qtbot, window, monkeypatch, workspace_file, settings):
    monkeypatch.setattr(dialogs, "ask_current_user",
                        lambda parent, name, role, team: ("Priya Raman", Role.ACCOUNT_MANAGER))
    window.user_action.trigger()

    assert window.user_label.text() == "Signed in as Priya Raman (Account manager)"
    assert current_user(settings).name == "Priya Raman"
    assert [p.name for p in window.workspace.all(Person, "name = ?", ["Priya Raman"])] == \
        ["Priya Raman"]
    account_id = window.workspace.all(Account)[1].id
    rename(window, account_id, "Brightwater Water")
    window.close()
    with Workspace.open(workspace_file, read_only=True) as ws:
        [added] = [e for e in ws.audit_entries("people") if e.action == "create"
                   and "Priya Raman" in (e.after or "")]
        assert added.who == "Priya Raman"
    assert who_changed(workspace_file, "name") == [("Priya Raman", "Brightwater Water")]


def test_each_party_acts_in_turn_on_one_machine(qtbot, window, monkeypatch, workspace_file):
    """The outgoing manager submits, the incoming manager starts the review, the team lead
    reads along: one machine, three people, each move stamped with its own name."""
    from handover.domain.handover import Handover, Status
    from handover.store import handover_ops as ops

    ws = window.workspace
    people = {p.name: p.id for p in ws.all(Person)}
    account = ws.all(Account)[0]

    def be(name: str, role: Role) -> None:
        monkeypatch.setattr(dialogs, "ask_current_user",
                            lambda parent, n, r, team: (name, role))
        window.user_action.trigger()

    be("Marcus Lindqvist", Role.ACCOUNT_MANAGER)
    handover = ops.create_handover(ws, Handover(
        account_id=account.id, outgoing_id=people["Marcus Lindqvist"],
        incoming_id=people["Dana Whitfield"], reviewer_id=people["Helen Achterberg"]))
    ops.move(ws, handover.id, Status.SUBMITTED, people["Marcus Lindqvist"])
    be("Dana Whitfield", Role.ACCOUNT_MANAGER)
    ops.move(ws, handover.id, Status.IN_REVIEW, people["Dana Whitfield"])
    be("Helen Achterberg", Role.TEAM_LEAD)
    ops.ask_question(ws, handover.id, "people", "Who signs the renewal?",
                     people["Helen Achterberg"])

    moves = [(e.who, e.after) for e in ws.audit_entries("handovers") if e.field == "status"]
    assert moves == [("Marcus Lindqvist", "submitted"), ("Dana Whitfield", "in_review")]
    [asked] = [e for e in ws.audit_entries("questions") if e.action == "create"]
    assert asked.who == "Helen Achterberg"
