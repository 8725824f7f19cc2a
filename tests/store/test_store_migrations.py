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


def older_workspace(path, accounts=("Acme GmbH", "Brightwater Utilities")):
    """A workspace as the version before this one wrote it, with a few accounts."""
    db = Database(sqlite3.connect(path))
    db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    schema.migrations.apply(db, stop_before=schema.known_names()[-1])
    db.execute(f"PRAGMA user_version = {len(schema.migrations.applied(db))}")
    db["accounts"].insert_all({"name": name, "segment": "key", "currency": "EUR",
                               "health": "stable", "current_revenue": 100_000,
                               "potential_revenue": 300_000} for name in accounts)
    db.conn.commit()
    db.close()
    return path


def test_an_upgrade_is_preceded_by_a_checked_backup_of_the_file_as_it_was(tmp_path):
    from handover.store.backups import backup_folder

    path = older_workspace(tmp_path / "team.sqlite")
    old_version = schema.latest_version() - 1
    before = path.read_bytes()

    with Workspace.open(path, user="Dana Smith") as ws:
        assert ws.schema_version == schema.latest_version()

    [backup] = backup_folder().glob("team *.sqlite")
    assert backup.name.endswith(f" before upgrade to version {schema.latest_version()}.sqlite")
    assert backup.read_bytes()[60:64] == before[60:64]  # the old schema version
    copy = sqlite3.connect(backup)
    assert copy.execute("PRAGMA user_version").fetchone()[0] == old_version
    assert [r[0] for r in copy.execute("SELECT name FROM accounts ORDER BY id")] == [
        "Acme GmbH", "Brightwater Utilities"]
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    copy.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["team.sqlite"]  # nothing beside it


def test_without_a_backup_there_is_no_upgrade(tmp_path):
    from handover.store import WorkspaceError
    from handover.store.backups import backup_folder

    path = older_workspace(tmp_path / "team.sqlite")
    before = path.read_bytes()
    backup_folder().parent.mkdir(parents=True, exist_ok=True)
    backup_folder().write_text("a file where the backups folder should be")

    with pytest.raises(WorkspaceError) as caught:
        Workspace.open(path, user="Dana Smith")
    message = str(caught.value)
    assert message.startswith(f"{path} could not be backed up before upgrade to version ")
    assert str(backup_folder()) in message and message.endswith("It was left as it was.")
    assert path.read_bytes() == before
    with Workspace.open(path, read_only=True) as ws:  # still readable as it was
        assert [a.name for a in ws.all(Account)] == ["Acme GmbH", "Brightwater Utilities"]
