"""A save cut off by a crash leaves a journal beside the file: the next program to open it
undoes the save, as SQLite means it to, and finds the file as it was last saved, never
"damaged"; a reader open at the time of the crash says the file is being recovered and reads
again once it is. A file left in write-ahead-log mode gets nothing written beside it by a
reader."""

import os
import shutil
from pathlib import Path

import pytest

from handover.domain.records import Contact
from handover.store import Workspace, WorkspaceBusyError, WorkspaceError
from handover.store.files import journal_path
from handover.store.lock import WorkspaceLock


@pytest.fixture
def workspace_file(tmp_path, contacts_workspace_at) -> Path:
    return contacts_workspace_at(tmp_path / "acme.handover")


@pytest.fixture
def crash_while_saving(dying_writer):
    """Dana's program killed in the middle of a save: a hot journal is left."""
    return lambda path: dying_writer(path).crash()


def notes_of(ws: Workspace) -> set[str]:
    return {c.notes for c in ws.all(Contact)}


SAVED_NOTES = {"Met at the trade fair. " * 10}


def test_after_a_crash_mid_save_the_file_opens_as_last_saved(workspace_file,
                                                              crash_while_saving):
    crash_while_saving(workspace_file)
    with Workspace.open(workspace_file, read_only=True) as ws:
        assert notes_of(ws) == SAVED_NOTES
        assert ws.counts()["contacts"] == 149
    assert not journal_path(workspace_file).exists()
    assert sorted(p.name for p in workspace_file.parent.iterdir()) == ["acme.handover"]


def test_a_crashed_save_is_not_undone_while_another_program_holds_the_file(
        workspace_file, crash_while_saving):
    crash_while_saving(workspace_file)
    journal = journal_path(workspace_file).read_bytes()
    lee = WorkspaceLock(workspace_file, "Lee Park")
    assert lee.acquire()
    try:
        with pytest.raises(WorkspaceBusyError) as caught:
            Workspace.open(workspace_file, read_only=True)
        assert str(caught.value).startswith(f"{workspace_file} is being recovered")
        assert "try again in a moment" in str(caught.value)
        assert journal_path(workspace_file).read_bytes() == journal  # left to its holder
    finally:
        lee.release()
    with Workspace.open(workspace_file, read_only=True) as ws:
        assert notes_of(ws) == SAVED_NOTES


def test_a_reader_open_when_the_writer_dies_reads_the_last_saved_state(workspace_file,
                                                                       dying_writer):
    dana = dying_writer(workspace_file)
    with Workspace.open(workspace_file, user="Lee Park") as lee:
        assert lee.read_only and lee.holder.startswith("Dana Smith on ")
        assert len(notes_of(lee)) == 1
        dana.crash()
        assert journal_path(workspace_file).exists()
        # Lee's next read finds the save cut off, has it undone, and reads again.
        assert notes_of(lee) == SAVED_NOTES
        assert lee.counts()["contacts"] == 149
    assert not journal_path(workspace_file).exists()


def test_a_reader_says_the_file_is_being_recovered_until_it_is(workspace_file,
                                                                dying_writer):
    dana = dying_writer(workspace_file)
    with Workspace.open(workspace_file, user="Lee Park") as lee:
        dana.crash()
        # Sam's program takes the file before it is recovered.
        sam = WorkspaceLock(workspace_file, "Sam Lee")
        assert sam.acquire()
        try:
            for read in (lambda: notes_of(lee), lambda: lee.counts()):
                with pytest.raises(WorkspaceBusyError) as caught:
                    read()
                assert str(caught.value).startswith(f"{workspace_file} is being recovered")
        finally:
            sam.release()
        assert notes_of(lee) == SAVED_NOTES  # reads again once it can be recovered


def test_a_file_in_wal_mode_is_read_with_nothing_left_beside_it(workspace_file):
    import sqlite3

    conn = sqlite3.connect(workspace_file)
    assert conn.execute("PRAGMA journal_mode = WAL").fetchone() == ("wal",)
    conn.close()
    before = workspace_file.read_bytes()
    with pytest.raises(WorkspaceError) as caught:
        Workspace.open(workspace_file, read_only=True)
    assert "write-ahead-log mode" in str(caught.value)
    assert str(workspace_file) in str(caught.value)
    assert sorted(p.name for p in workspace_file.parent.iterdir()) == ["acme.handover"]
    assert workspace_file.read_bytes() == before
    # Opened where it can be saved, it is turned back to the plain journal, for good.
    with Workspace.open(workspace_file) as ws:
        assert ws.db.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    with Workspace.open(workspace_file, read_only=True) as ws:
        assert ws.counts()["contacts"] == 149
    assert sorted(p.name for p in workspace_file.parent.iterdir()) == ["acme.handover"]


def test_a_crash_copied_with_its_journal_is_recovered_in_the_copy(workspace_file, tmp_path,
                                                                  crash_while_saving):
    crash_while_saving(workspace_file)
    copy = tmp_path / "copy" / "acme.handover"
    copy.parent.mkdir()
    shutil.copy(workspace_file, copy)
    shutil.copy(journal_path(workspace_file), journal_path(copy))
    with Workspace.open(copy, user="Lee Park") as ws:
        assert not ws.read_only and notes_of(ws) == SAVED_NOTES
    assert os.listdir(copy.parent) == ["acme.handover"]
