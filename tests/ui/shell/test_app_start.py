"""Starting the program: who the user is, which workspace opens, what happens when it
cannot, and how an unexpected error reaches the user."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtCore import qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from handover import app as handover_app
from handover.domain.errors import HandoverError
from handover.domain.records import Person, Role
from handover.settings import LAST_WORKSPACE, current_user, set_current_user
from handover.store import Workspace
from handover.ui.shell import dialogs


@pytest.fixture
def known_user(settings, user):
    set_current_user(settings, user)
    return user


@pytest.fixture
def default_path(tmp_path):
    return tmp_path / "data" / "handover.sqlite"


def start(qtbot, settings, default_path, path=None, **kwargs):
    window, code = handover_app.start(path, settings=settings, default_workspace=default_path,
                                      **kwargs)
    if window is not None:
        qtbot.addWidget(window)
    return window, code


def test_first_run_asks_who_is_using_the_program(
        qtbot, settings, default_path, workspace_file, monkeypatch):
    asked = []

    def answer(parent, name="", role=Role.ACCOUNT_MANAGER, **kwargs):
        asked.append(parent)
        return "Priya Raman", Role.TEAM_LEAD

    monkeypatch.setattr(dialogs, "ask_current_user", answer)
    window, code = start(qtbot, settings, default_path, workspace_file)

    assert len(asked) == 1 and code == 0
    assert window.user_label.text() == "Signed in as Priya Raman (Team lead)"
    assert current_user(settings).name == "Priya Raman"  # not asked again next time
    priya = window.workspace.all(Person, "name = ?", ["Priya Raman"])
    assert [p.role for p in priya] == [Role.TEAM_LEAD]


def test_the_user_is_not_asked_again(qtbot, settings, default_path, workspace_file, known_user):
    window, _ = start(qtbot, settings, default_path, workspace_file)  # ask_* would fail
    assert window.user_label.text() == "Signed in as Dana Whitfield (Account manager)"


def test_declining_to_say_who_you_are_quits_without_touching_anything(
        qtbot, settings, default_path, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_current_user", lambda parent, **kw: None)
    window, code = start(qtbot, settings, default_path)
    assert (window, code) == (None, 0)
    assert not default_path.exists()
    assert current_user(settings) is None


def test_with_no_path_the_default_workspace_is_made_and_opened(
        qtbot, settings, default_path, known_user):
    window, code = start(qtbot, settings, default_path)
    assert code == 0 and default_path.exists()
    assert window.windowTitle() == "Handover \u2014 handover.sqlite"
    assert [p.name for p in window.workspace.all(Person)] == ["Dana Whitfield"]


def test_with_no_path_the_last_workspace_used_is_reopened(
        qtbot, settings, default_path, workspace_file, known_user):
    settings.set(LAST_WORKSPACE, str(workspace_file))
    window, _ = start(qtbot, settings, default_path)
    assert window.workspace.path == workspace_file
    assert not default_path.exists()


def test_a_workspace_that_cannot_be_opened_is_explained_and_the_window_still_opens(
        qtbot, settings, default_path, tmp_path, known_user, dialog_log):
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    window, code = start(qtbot, settings, default_path, broken)

    assert code == 0 and window.isVisible()
    assert window.workspace is None
    assert window.body.currentWidget() is window.no_workspace_page
    [(title, message)] = dialog_log.errors
    assert title == "Could not open the workspace" and "broken.sqlite" in message
    assert "Traceback" not in message
    assert window.new_action.isEnabled() and window.open_action.isEnabled()


def test_a_demo_workspace_that_cannot_be_opened_ends_the_program_with_status_2(
        qtbot, settings, default_path, tmp_path, known_user, dialog_log):
    window, code = start(qtbot, settings, default_path, tmp_path / "missing-demo.sqlite",
                         demo=True)
    assert (window, code) == (None, 2)
    assert "missing-demo.sqlite" in dialog_log.errors[0][1]


def test_a_demo_workspace_is_not_remembered(
        qtbot, settings, default_path, workspace_file, known_user):
    window, _ = start(qtbot, settings, default_path, workspace_file, demo=True)
    assert window.workspace.path == workspace_file
    assert settings.get(LAST_WORKSPACE) == ""


def test_a_workspace_in_use_elsewhere_opens_read_only_and_says_so_once(
        qtbot, settings, default_path, workspace_file, known_user, dialog_log):
    holder = Workspace.open(workspace_file, user="Marcus Lindqvist")
    try:
        window, _ = start(qtbot, settings, default_path, workspace_file)
        assert window.workspace.read_only
        assert window.read_only_label.text().startswith("Read-only: Marcus Lindqvist on ")
        assert len(dialog_log.infos) == 1
        assert dialog_log.infos[0][1].startswith("Read-only: Marcus Lindqvist")
        window.close()
    finally:
        holder.close()


def test_an_unexpected_error_is_logged_and_shown_without_a_traceback(
        qtbot, tmp_path, dialog_log, caplog):
    hook = handover_app.make_excepthook(tmp_path / "handover.log")
    try:
        raise RuntimeError("disk on fire")
    except RuntimeError:
        with caplog.at_level(logging.ERROR, logger="handover"):
            hook(*sys.exc_info())
    [(title, message)] = dialog_log.errors
    assert title == "Something went wrong"
    assert "disk on fire" in message and str(tmp_path / "handover.log") in message
    assert "Traceback" not in message
    assert "RuntimeError: disk on fire" in caplog.text  # the details go to the log


def test_an_error_meant_for_the_user_is_shown_as_it_is(qtbot, tmp_path, dialog_log):
    hook = handover_app.make_excepthook(tmp_path / "handover.log")
    error = HandoverError("The folder /backups is full; free some space and try again.")
    hook(HandoverError, error, None)
    assert dialog_log.errors == [("That did not work", str(error))]


def test_run_gui_wires_logging_settings_and_the_window(
        qtbot, tmp_path, settings, known_user, workspace_file, monkeypatch):
    seen = {}

    def exec_(self):
        seen["windows"] = [w.windowTitle() for w in QApplication.topLevelWidgets()
                           if w.isVisible()]
        for w in QApplication.topLevelWidgets():
            w.close()
        return 0

    monkeypatch.setattr(handover_app, "log_folder", lambda: tmp_path / "logs")
    monkeypatch.setattr(handover_app, "Settings", lambda: settings)
    monkeypatch.setattr(handover_app, "default_workspace_path", lambda: tmp_path / "d.sqlite")
    monkeypatch.setattr(QApplication, "exec", exec_)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    app = QApplication.instance()
    style_sheet, name = app.styleSheet(), app.applicationName()
    root = logging.getLogger()
    handlers = list(root.handlers)
    try:
        assert handover_app.run_gui(workspace_file) == 0
    finally:
        for handler in root.handlers[len(handlers):]:
            root.removeHandler(handler)
            handler.close()
        qInstallMessageHandler(None)
        app.setStyleSheet(style_sheet)
        app.setApplicationName(name)
    assert "Handover \u2014 team.sqlite" in seen["windows"]
    assert (tmp_path / "logs" / "handover.log").exists()
    assert sys.excepthook is not sys.__excepthook__


def test_a_damaged_workspace_is_found_in_the_background_closed_and_explained(
        qtbot, settings, default_path, workspace_file, known_user, dialog_log):
    import sqlite3

    conn = sqlite3.connect(workspace_file)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'contacts'"
                        ).fetchone()[0]
    conn.close()
    with workspace_file.open("r+b") as f:  # a failing disk scribbles on a table's page
        f.seek((root - 1) * page_size)
        f.write(b"\xff" * 12)
    before = workspace_file.read_bytes()

    window, code = start(qtbot, settings, default_path, workspace_file)

    qtbot.waitUntil(lambda: bool(dialog_log.errors), timeout=10_000)
    [(title, message)] = dialog_log.errors
    assert title == "Could not open the workspace"
    assert "is damaged" in message and workspace_file.name in message
    assert window.workspace is None
    assert window.body.currentWidget() is window.no_workspace_page
    assert workspace_file.read_bytes() == before
