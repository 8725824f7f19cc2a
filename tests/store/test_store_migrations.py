"""A new workspace is created at the latest schema, set up to be whole whenever no write is
under way, and reopening it changes nothing."""

import sqlite3

import pytest
from sqlite_utils import Database

from handover.domain.records import Account
from handover.store import Workspace, schema


def pragma(ws, name):
    return ws.db.execute(f"PRAGMA {name}").fetchone()[0]


def test_a_new_workspace_is_at_the_latest_schema_and_marked_as_ours(tmp_path):
    with Workspace.create(tmp_path / "new.handover") as ws:
        assert ws.schema_version == schema.latest_version() >= 1
        assert pragma(ws, "application_id") == schema.APPLICATION_ID
        assert [m.name for m in schema.migrations.applied(ws.db)] == schema.known_names()
        assert schema.migrations.pending(ws.db) == []


def test_a_workspace_is_whole_whenever_no_write_is_under_way(tmp_path):
    with Workspace.create(tmp_path / "new.handover") as ws:
        assert pragma(ws, "foreign_keys") == 1
        assert pragma(ws, "journal_mode") == "delete"
        assert pragma(ws, "synchronous") == 2  # FULL
    with Workspace.open(tmp_path / "new.handover") as ws:
        assert pragma(ws, "foreign_keys") == 1
        assert pragma(ws, "journal_mode") == "delete"
        assert pragma(ws, "synchronous") == 2


def test_the_header_says_what_the_file_is_without_opening_it(tmp_path):
    Workspace.create(tmp_path / "new.handover").close()
    head = (tmp_path / "new.handover").read_bytes()[:100]
    assert head.startswith(b"SQLite format 3\x00")
    assert int.from_bytes(head[68:72], "big") == schema.APPLICATION_ID == 0x48414E44
    assert int.from_bytes(head[60:64], "big") == schema.latest_version()


def test_reopening_a_current_workspace_applies_nothing(tmp_path):
    path = tmp_path / "team.handover"
    with Workspace.create(path, user="Dana Smith") as ws:
        ws.add(Account(name="Acme GmbH"))
        applied = [(m.name, m.applied_at) for m in schema.migrations.applied(ws.db)]
    before = path.read_bytes()
    with Workspace.open(path, user="Lee Park") as ws:
        assert [(m.name, m.applied_at) for m in schema.migrations.applied(ws.db)] == applied
        assert ws.schema_version == schema.latest_version()
        assert ws.all(Account)[0].name == "Acme GmbH"
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["team.handover"]


def test_a_workspace_is_left_alone_once_closed(tmp_path):
    path = tmp_path / "team.handover"
    with Workspace.create(path) as ws:
        ws.add(Account(name="Acme GmbH"))
    # Nothing beside the file: no journal, no lock. It can be copied or mailed as it is.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["team.handover"]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


@pytest.mark.parametrize("stop_before", schema.known_names()[1:])
def test_a_workspace_from_every_earlier_version_is_brought_up_to_date(tmp_path, stop_before):
    path = tmp_path / f"before-{stop_before}.sqlite"
    db = Database(sqlite3.connect(path))
    db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    schema.migrations.apply(db, stop_before=stop_before)
    old_version = len(schema.migrations.applied(db))
    db.execute(f"PRAGMA user_version = {old_version}")
    db.conn.commit()
    db.close()

    with Workspace.open(path, user="Dana Smith") as ws:
        assert ws.schema_version == schema.latest_version() > old_version
        assert [m.name for m in schema.migrations.applied(ws.db)] == schema.known_names()
        assert ws.counts()["accounts"] == 0


def test_a_damaged_workspace_of_an_earlier_version_is_refused_before_it_is_upgraded(
        tmp_path):
    # The window opens without the integrity check (it runs in the background); an upgrade
    # must not write to a damaged file before that check would have refused it.
    from handover.store import DamagedWorkspaceError

    path = tmp_path / "old.sqlite"
    db = Database(sqlite3.connect(path))
    db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    schema.migrations.apply(db, stop_before=schema.known_names()[-1])
    db.execute(f"PRAGMA user_version = {len(schema.migrations.applied(db))}")
    db["accounts"].insert_all({"name": f"Account {i}", "segment": "key", "currency": "EUR",
                               "health": "stable", "industry": "Logistics " * 20}
                              for i in range(200))
    db.conn.commit()
    page_size = db.execute("PRAGMA page_size").fetchone()[0]
    root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'accounts'"
                      ).fetchone()[0]
    db.close()
    with path.open("r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\xff" * 12)
    before = path.read_bytes()

    with pytest.raises(DamagedWorkspaceError) as caught:
        Workspace.open(path, user="Dana Smith", check=False)
    assert str(caught.value).startswith(f"{path} is damaged: SQLite's integrity check says")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.sqlite"]
