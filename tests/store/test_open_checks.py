"""A file that is not a workspace, is damaged, comes from a newer version or is busy is
refused with a message naming the file and the problem, and is left byte for byte as it was."""

import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path

import pytest

import handover.store.files as files_module
from handover.domain.records import Account
from handover.store import (
    DamagedWorkspaceError,
    NewerWorkspaceError,
    NotAWorkspaceError,
    Workspace,
    WorkspaceBusyError,
    schema,
)


def open_fds_on(path: Path) -> list[str]:
    """The descriptors this process holds on `path` (Linux only; [] elsewhere)."""
    fd_dir = Path("/proc/self/fd")
    if not fd_dir.is_dir():
        return []
    found = []
    for fd in fd_dir.iterdir():
        try:
            if Path(os.readlink(fd)) == path.resolve():
                found.append(fd.name)
        except OSError:
            pass
    return found


@contextmanager
def left_untouched(path: Path):
    """Assert that `path` and its folder are as they were: same bytes, nothing beside it
    (no -journal, no .lock), and no handle on it kept open."""
    folder = path.parent
    before = path.read_bytes() if path.is_file() else None
    listing = sorted(p.name for p in folder.iterdir())
    yield
    after = path.read_bytes() if path.is_file() else None
    assert after == before, "the file was changed"
    assert sorted(p.name for p in folder.iterdir()) == listing
    assert open_fds_on(path) == [], "the file is still held open"


def refused(path: Path, error: type[Exception]) -> str:
    """Open `path`, which must be refused without a trace; the message the user sees."""
    with left_untouched(path):
        with pytest.raises(error) as caught:
            Workspace.open(path, user="Dana Smith")
        message = str(caught.value)
    assert str(path) in message
    return message


@pytest.fixture
def workspace_file(tmp_path, contacts_workspace_at) -> Path:
    """A closed workspace with an account and enough contacts to fill several pages."""
    return contacts_workspace_at(tmp_path / "acme.handover")


def test_a_missing_file_is_refused_and_not_created(tmp_path):
    message = refused(tmp_path / "gone.handover", NotAWorkspaceError)
    assert message.endswith("gone.handover does not exist.")
    assert list(tmp_path.iterdir()) == []


def test_an_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.handover"
    path.write_bytes(b"")
    assert "is empty, not a Handover workspace" in refused(path, NotAWorkspaceError)


def test_a_text_file_is_refused(tmp_path):
    path = tmp_path / "notes.handover"
    path.write_text("Acme: call Eva before the renewal.\n" * 20, encoding="utf-8")
    message = refused(path, NotAWorkspaceError)
    assert "not a Handover workspace (it is not an SQLite database)" in message


def test_a_picture_is_refused(tmp_path):
    path = tmp_path / "photo.handover"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    assert "not an SQLite database" in refused(path, NotAWorkspaceError)


def test_a_sqlite_file_shorter_than_its_header_is_refused(tmp_path):
    path = tmp_path / "cut.handover"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 20)
    assert "not an SQLite database" in refused(path, NotAWorkspaceError)


def test_another_programs_database_is_refused(tmp_path):
    path = tmp_path / "recipes.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT, minutes INTEGER)")
    conn.execute("INSERT INTO recipes VALUES ('Risotto', 40)")
    conn.commit()
    conn.close()
    message = refused(path, NotAWorkspaceError)
    assert message == f"{path} is an SQLite database, but not a Handover workspace."


def test_a_folder_is_refused(tmp_path):
    folder = tmp_path / "workspaces.handover"
    folder.mkdir()
    assert "is a folder, not a Handover workspace file" in refused(folder, NotAWorkspaceError)


def corrupt_page(path: Path, table: str) -> int:
    """Overwrite the b-tree page header of `table`'s root page, as a failing disk might."""
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                        [table]).fetchone()[0]
    conn.close()
    assert root >= 3
    with path.open("r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\xff" * 12)
    return root


def test_a_damaged_workspace_is_refused(workspace_file):
    corrupt_page(workspace_file, "contacts")
    message = refused(workspace_file, DamagedWorkspaceError)
    assert message.startswith(f"{workspace_file} is damaged: SQLite's integrity check says")
    assert message.endswith("Restore it from a backup.")


def test_a_workspace_with_a_damaged_table_of_few_rows_is_refused(workspace_file):
    corrupt_page(workspace_file, "accounts")
    assert "is damaged" in refused(workspace_file, DamagedWorkspaceError)


def test_a_workspace_from_a_newer_version_is_refused(workspace_file):
    conn = sqlite3.connect(workspace_file)
    conn.execute(f"PRAGMA user_version = {schema.latest_version() + 1}")
    conn.close()
    message = refused(workspace_file, NewerWorkspaceError)
    assert "was written by a newer version of Handover" in message
    assert (f"schema version {schema.latest_version() + 1}; this version reads up to "
            f"{schema.latest_version()}") in message
    assert message.endswith("Update Handover to open it.")


def test_a_workspace_with_a_schema_step_from_the_future_is_refused(workspace_file):
    conn = sqlite3.connect(workspace_file)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('handover', 'm099_time_travel', '2030-01-01 00:00:00+00:00')")
    conn.commit()
    conn.close()
    message = refused(workspace_file, NewerWorkspaceError)
    assert "was written by a newer version of Handover" in message
    assert "schema steps this version does not know: m099_time_travel" in message


@pytest.fixture
def quick_to_give_up(monkeypatch):
    monkeypatch.setattr(files_module, "BUSY_TIMEOUT_S", 0.1)


def test_a_workspace_being_written_by_another_program_is_busy(workspace_file,
                                                              quick_to_give_up,
                                                              writing_program):
    with writing_program(workspace_file):
        message = refused(workspace_file, WorkspaceBusyError)
    assert message == (f"{workspace_file} is being written by another program; "
                       "try again in a moment.")
    assert sorted(p.name for p in workspace_file.parent.iterdir()) == ["acme.handover"]


def test_a_busy_workspace_opens_once_the_other_program_is_done(workspace_file,
                                                               quick_to_give_up,
                                                               writing_program):
    with writing_program(workspace_file):
        with pytest.raises(WorkspaceBusyError):
            Workspace.open(workspace_file)
    with Workspace.open(workspace_file) as ws:
        assert not ws.read_only and ws.counts()["contacts"] == 149


def test_a_save_held_up_by_a_long_reader_says_so_and_can_be_saved_again(
        workspace_file, quick_to_give_up, reading_program):
    with Workspace.open(workspace_file, user="Dana Smith") as ws:
        before = workspace_file.read_bytes()
        globex = Account(name="Globex")
        with reading_program(workspace_file):
            with pytest.raises(WorkspaceBusyError) as caught:
                ws.add(globex)
            assert workspace_file.read_bytes() == before
        assert str(caught.value) == (
            f"{workspace_file} is being read by another program (a brief being exported, "
            "perhaps) for longer than a save can wait, so adding an account was not saved "
            "yet. Nothing in the file was changed; save again in a moment.")
        # Once the reader is done, the same change is saved.
        saved = ws.add(globex)
        assert [a.name for a in ws.all(Account)] == ["Acme GmbH", "Globex"]
        assert ws.audit_entries("accounts", saved.id)[0].action == "create"


def test_a_save_held_up_by_another_writer_says_it_is_being_written(workspace_file,
                                                                   quick_to_give_up,
                                                                   writing_program):
    with Workspace.open(workspace_file, user="Dana Smith") as ws:
        with writing_program(workspace_file):
            with pytest.raises(WorkspaceBusyError) as caught:
                ws.add(Account(name="Globex"))
    assert str(caught.value) == (f"{workspace_file} is being written by another program; "
                                 "adding an account was not saved.")
