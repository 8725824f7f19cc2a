"""Fixtures of the GUI tests: settings in a temporary file, a small workspace built through
the store, and every modal dialog answered (or refused) instead of waiting for a click."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from handover.domain.records import (
    Account,
    Commitment,
    Contact,
    Direction,
    Interaction,
    Person,
    Role,
)
from handover.settings import CurrentUser, Settings
from handover.store import Workspace
from handover.ui.shell import dialogs, tasks

TODAY = dt.date(2026, 11, 2)

# name, segment, currency, revenue, potential, health, renewal in days (None: no date)
ACCOUNTS = [
    ("Northwind Logistics", "key", "EUR", 1_250_000, 3_000_000, "critical", 40),
    ("Brightwater Utilities", "mid_size", "EUR", 90_000, 400_000, "stable", 200),
    ("Calder & Finch Insurance", "strategic", "USD", 2_400_000, 2_600_000, "at_risk", None),
    ("Halden Foods", "small", "GBP", 9_500, 20_000, "watch", 90),
]


@dataclass
class DialogLog:
    """What the program would have shown: (kind, title, message) for each dialog."""

    shown: list[tuple[str, str, str]] = field(default_factory=list)

    def of(self, kind: str) -> list[tuple[str, str]]:
        return [(title, message) for k, title, message in self.shown if k == kind]

    @property
    def errors(self) -> list[tuple[str, str]]:
        return self.of("error")

    @property
    def infos(self) -> list[tuple[str, str]]:
        return self.of("info")


@pytest.fixture(autouse=True)
def background_work_at_once(monkeypatch) -> None:
    """Background tasks run at once on the test's thread (their results still arrive
    through the same callbacks), so a story needs no waiting."""
    monkeypatch.setattr(tasks, "RUN_INLINE", True)


@pytest.fixture(autouse=True)
def dialog_log(monkeypatch) -> DialogLog:
    """Messages are recorded, not shown; a question a test did not answer fails the test
    rather than waiting forever for a click."""
    log = DialogLog()
    monkeypatch.setattr(dialogs, "show_error",
                        lambda parent, title, message: log.shown.append(("error", title, message)))
    monkeypatch.setattr(dialogs, "show_info",
                        lambda parent, title, message: log.shown.append(("info", title, message)))

    def unexpected(name):
        def ask(*args, **kwargs):
            raise AssertionError(f"the program asked {name}, which this test did not expect")
        return ask

    for name in ("ask_open_path", "ask_save_path", "ask_current_user"):
        monkeypatch.setattr(dialogs, name, unexpected(name))
    return log


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def user() -> CurrentUser:
    return CurrentUser("Dana Whitfield", Role.ACCOUNT_MANAGER)


def build_workspace(path: Path) -> Path:
    """A workspace with two people and the ACCOUNTS above (plus an archived one), a little
    history and some open promises on Northwind; closed again, ready to open."""
    ws = Workspace.create(path, user="Test setup")
    try:
        ids = ws.next_ids()
        marcus = Person(name="Marcus Lindqvist", id=ids["people"])
        records: list = [marcus, Person(name="Helen Achterberg", role=Role.TEAM_LEAD,
                                        id=ids["people"] + 1)]
        for number, (name, segment, currency, revenue, potential, health, renewal) in \
                enumerate(ACCOUNTS):
            records.append(Account(
                name=name, segment=segment, currency=currency, current_revenue=revenue,
                potential_revenue=potential, health=health, owner_id=marcus.id,
                renewal_date=TODAY + dt.timedelta(days=renewal) if renewal else None,
                id=ids["accounts"] + number))
        records.append(Account(name="Old Harbour Mills", archived=True,
                               id=ids["accounts"] + len(ACCOUNTS)))
        north = ids["accounts"]  # Northwind Logistics, the first of ACCOUNTS
        records.append(Interaction(account_id=north, date=dt.date(2026, 9, 1),
                                   kind="complaint", id=ids["interactions"]))
        records.append(Contact(account_id=north, name="Ines Baptista",
                               last_contact=dt.date(2026, 10, 5), id=ids["contacts"]))
        for number, (direction, status) in enumerate(
                [("ours", "open"), ("ours", "open"), ("theirs", "open"), ("theirs", "kept")]):
            records.append(Commitment(account_id=north, direction=Direction(direction),
                                      description="Quarterly service review", status=status,
                                      id=ids["commitments"] + number))
        ws.add_many(records, note="test setup")  # one transaction: quick to write
    finally:
        ws.close()
    return path


@pytest.fixture(scope="session")
def _workspace_template(tmp_path_factory) -> Path:
    return build_workspace(tmp_path_factory.mktemp("template") / "team.sqlite")


@pytest.fixture
def workspace_file(tmp_path, _workspace_template) -> Path:
    """A fresh copy of the small workspace for each test, named team.sqlite."""
    path = tmp_path / "team.sqlite"
    shutil.copyfile(_workspace_template, path)
    return path
