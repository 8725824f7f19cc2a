"""What the stories of an account's tabs share: the workspace opened as Dana Whitfield
through a session, Northwind Logistics, and no question the test did not expect."""

from __future__ import annotations

import pytest

from handover.domain.records import Account
from handover.store import Workspace
from handover.ui.shell import dialogs
from handover.ui.shell.session import Session


@pytest.fixture
def no_unexpected_questions(monkeypatch):
    def unexpected(name):
        def ask(*args, **kwargs):
            raise AssertionError(f"the program asked {name}, which this test did not expect")
        return ask
    for name in ("confirm", "edit_contact", "edit_interaction", "edit_commitment"):
        monkeypatch.setattr(dialogs, name, unexpected(name))


@pytest.fixture
def session(workspace_file):
    ws = Workspace.open(workspace_file, user="Dana Whitfield")
    yield Session(ws)
    ws.close()


@pytest.fixture
def north(session) -> int:
    return session.ws.all(Account, "name = ?", ["Northwind Logistics"])[0].id
