"""The settings: each declared once with a default, kept in a file the tests choose."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings

from handover.domain.records import Role
from handover.settings import (
    CURRENT_USER_NAME,
    CURRENT_USER_ROLE,
    LAST_WORKSPACE,
    MAX_RECENT,
    RECENT_WORKSPACES,
    WINDOW_GEOMETRY,
    CurrentUser,
    Settings,
    current_user,
    recent_workspaces,
    remember_workspace,
    set_current_user,
)
from handover.ui.shell.resources import icon, resource_path


def reopened(settings: Settings) -> Settings:
    """The same settings file read afresh, as the next start of the program reads it."""
    settings.sync()
    q = settings.qsettings
    return Settings(QSettings(q.fileName(), QSettings.Format.IniFormat))


def test_unset_settings_give_their_defaults(settings):
    assert settings.get(CURRENT_USER_NAME) == ""
    assert settings.get(RECENT_WORKSPACES) == []
    assert settings.get(WINDOW_GEOMETRY).isEmpty()
    assert current_user(settings) is None


def test_a_default_list_is_never_shared(settings):
    settings.get(RECENT_WORKSPACES).append("oops")
    assert settings.get(RECENT_WORKSPACES) == []


def test_values_survive_a_restart(settings):
    settings.set(RECENT_WORKSPACES, ["/data/one.sqlite"])  # a list of one: an INI pitfall
    settings.set(WINDOW_GEOMETRY, QByteArray(b"\x01\x02\xff"))
    set_current_user(settings, CurrentUser("Priya Raman", Role.TEAM_LEAD))
    again = reopened(settings)
    assert again.get(RECENT_WORKSPACES) == ["/data/one.sqlite"]
    assert bytes(again.get(WINDOW_GEOMETRY).data()) == b"\x01\x02\xff"
    assert current_user(again) == CurrentUser("Priya Raman", Role.TEAM_LEAD)
    assert current_user(again).description == "Priya Raman (Team lead)"


def test_a_value_of_the_wrong_type_is_refused(settings):
    with pytest.raises(TypeError, match="workspaces/recent"):
        settings.set(RECENT_WORKSPACES, "/data/one.sqlite")


def test_an_unreadable_value_falls_back_to_the_default(settings):
    settings.qsettings.setValue(RECENT_WORKSPACES.key, "{not json")
    settings.qsettings.setValue(CURRENT_USER_NAME.key, "Dana")
    settings.qsettings.setValue(CURRENT_USER_ROLE.key, "astronaut")
    assert settings.get(RECENT_WORKSPACES) == []
    assert current_user(settings) == CurrentUser("Dana", Role.ACCOUNT_MANAGER)


def test_recent_workspaces_are_newest_first_without_repeats(settings, tmp_path):
    for name in ["a", "b", "a"]:
        remember_workspace(settings, tmp_path / f"{name}.sqlite")
    assert recent_workspaces(settings) == [(tmp_path / "a.sqlite").resolve(),
                                           (tmp_path / "b.sqlite").resolve()]
    assert Path(settings.get(LAST_WORKSPACE)) == (tmp_path / "a.sqlite").resolve()
    for number in range(12):
        remember_workspace(settings, tmp_path / f"{number}.sqlite")
    assert len(recent_workspaces(settings)) == MAX_RECENT == 8


def test_the_resources_are_found_from_the_source_tree(qtbot):
    assert resource_path("style.qss").is_file()
    for name in ["handover", "accounts", "handovers", "review", "analytics", "search"]:
        assert not icon(name).isNull(), name


def test_the_resources_are_found_in_a_bundle(monkeypatch, tmp_path):
    monkeypatch.setattr("sys._MEIPASS", str(tmp_path), raising=False)
    assert resource_path("icons", "a.svg") == tmp_path / "resources" / "icons" / "a.svg"
