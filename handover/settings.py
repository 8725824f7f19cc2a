"""Every user setting, declared once with its key, type and default, and read or written
through one small wrapper over QSettings."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from handover.domain.errors import ValidationError
from handover.domain.records import Role

T = TypeVar("T")

ORGANISATION = "Handover"
APPLICATION = "Handover"
MAX_RECENT = 8


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One setting: where it is kept, what type it has, and its value when never set."""

    key: str
    type: type
    default: T


CURRENT_USER_NAME: Setting[str] = Setting("user/name", str, "")
CURRENT_USER_ROLE: Setting[str] = Setting("user/role", str, Role.ACCOUNT_MANAGER.value)
RECENT_WORKSPACES: Setting[list[str]] = Setting("workspaces/recent", list, [])
LAST_WORKSPACE: Setting[str] = Setting("workspaces/last", str, "")
WINDOW_GEOMETRY: Setting[QByteArray] = Setting("window/geometry", QByteArray, QByteArray())
ACCOUNTS_COLUMNS: Setting[QByteArray] = Setting("accounts/columns", QByteArray, QByteArray())
# The team's own handover template (a TOML file); "" for the default one.
TEAM_TEMPLATE: Setting[str] = Setting("handovers/team_template", str, "")
# The paper size of PDF briefs: "A4" or "Letter".
BRIEF_PAGE_SIZE: Setting[str] = Setting("brief/page_size", str, "A4")


class Settings:
    """The user's settings. Pass a QSettings to keep them elsewhere (tests use an INI file
    in a temporary folder, so they never touch the real ones)."""

    def __init__(self, qsettings: QSettings | None = None):
        self.qsettings = qsettings or QSettings(ORGANISATION, APPLICATION)

    def get(self, setting: Setting[T]) -> T:
        """The stored value as the setting's type; its default when unset or unreadable."""
        raw = self.qsettings.value(setting.key)
        if raw is None:
            return _copy(setting.default)
        try:
            return _decode(setting, raw)
        except (TypeError, ValueError):
            return _copy(setting.default)

    def set(self, setting: Setting[T], value: T) -> None:
        if not isinstance(value, setting.type):
            raise TypeError(f"setting {setting.key} takes a {setting.type.__name__}, "
                            f"not {type(value).__name__}")
        # Lists are kept as JSON text: QSettings' INI and registry formats turn a list of
        # one string into a plain string, and an empty list into nothing.
        stored = json.dumps(value) if setting.type is list else value
        self.qsettings.setValue(setting.key, stored)

    def is_set(self, setting: Setting[Any]) -> bool:
        return self.qsettings.contains(setting.key)

    def remove(self, setting: Setting[Any]) -> None:
        self.qsettings.remove(setting.key)

    def sync(self) -> None:
        self.qsettings.sync()


def _copy(value: T) -> T:
    return list(value) if isinstance(value, list) else value  # type: ignore[return-value]


def _decode(setting: Setting[T], raw: object) -> T:
    if setting.type is list:
        value = json.loads(raw) if isinstance(raw, str) else raw
        if not isinstance(value, list):
            raise ValueError(setting.key)
        return [str(v) for v in value]  # type: ignore[return-value]
    if setting.type is bool:
        return (raw in (True, 1) or str(raw).lower() in ("true", "1"))  # type: ignore
    if setting.type is QByteArray:
        if isinstance(raw, QByteArray):
            return raw  # type: ignore[return-value]
        if isinstance(raw, bytes):
            return QByteArray(raw)  # type: ignore[return-value]
        raise ValueError(setting.key)
    return setting.type(raw)


# ---------------------------------------------------------------- the current user


@dataclass(frozen=True)
class CurrentUser:
    """Who is using the program: their name stamps every change they make."""

    name: str
    role: Role

    def __post_init__(self):
        # A role may come as its stored text (a combo box's data, a setting): keep the Role.
        object.__setattr__(self, "role", Role.parse(self.role, "role"))

    @property
    def description(self) -> str:
        return f"{self.name} ({self.role.label})"


def current_user(settings: Settings) -> CurrentUser | None:
    """The user chosen on first run; None before anyone was chosen."""
    name = settings.get(CURRENT_USER_NAME).strip()
    if not name:
        return None
    try:
        role = Role.parse(settings.get(CURRENT_USER_ROLE), "role")
    except ValidationError:
        role = Role.ACCOUNT_MANAGER
    return CurrentUser(name, role)


def set_current_user(settings: Settings, user: CurrentUser) -> None:
    settings.set(CURRENT_USER_NAME, user.name)
    settings.set(CURRENT_USER_ROLE, user.role.value)


# ---------------------------------------------------------------- recent workspaces


def recent_workspaces(settings: Settings) -> list[Path]:
    return [Path(p) for p in settings.get(RECENT_WORKSPACES)][:MAX_RECENT]


def remember_workspace(settings: Settings, path: Path) -> None:
    """Put `path` first among the recent workspaces and make it the one reopened next."""
    text = str(Path(path).resolve())
    recent = [p for p in settings.get(RECENT_WORKSPACES) if p != text]
    settings.set(RECENT_WORKSPACES, [text, *recent][:MAX_RECENT])
    settings.set(LAST_WORKSPACE, text)


def forget_recent_workspaces(settings: Settings) -> None:
    settings.set(RECENT_WORKSPACES, [])
