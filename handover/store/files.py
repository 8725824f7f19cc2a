"""The file under a workspace, before and beside SQLite's own handling: its header, a save
cut off by a crash, a file in write-ahead-log mode, the read-only connection, whether it may
be written, and SQLite's integrity check."""

from __future__ import annotations

import dataclasses
import logging
import os
import sqlite3
import stat
from pathlib import Path

from handover.store.errors import (
    DamagedWorkspaceError,
    NotAWorkspaceError,
    UnreadableWorkspaceError,
    WorkspaceBusyError,
    WorkspaceError,
)
from handover.store.fileformat import APPLICATION_ID
from handover.store.lock import WorkspaceLock

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
# The first bytes of a rollback journal that still holds a save's old pages.
JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")
WAL_VERSION = 2  # header bytes 18 and 19 of a file in write-ahead-log mode
BUSY_TIMEOUT_S = 5.0


@dataclasses.dataclass(frozen=True)
class FileFacts:
    """What the first 100 bytes of a file say, read without SQLite."""

    size: int
    application_id: int
    user_version: int
    wal: bool = False


def read_header(path: Path) -> FileFacts:
    """The header facts of `path`, or a WorkspaceError saying why it is not ours."""
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise NotAWorkspaceError(f"{path} does not exist.") from None
    except PermissionError:
        raise UnreadableWorkspaceError(
            f"{path} cannot be read: you may not open its folder {path.parent}.") from None
    except OSError as e:
        raise UnreadableWorkspaceError(f"{path} cannot be read: {e.strerror}.") from None
    if stat.S_ISDIR(info.st_mode):
        raise NotAWorkspaceError(f"{path} is a folder, not a Handover workspace file.")
    try:
        with open(path, "rb") as f:
            head = f.read(100)
    except PermissionError:
        raise UnreadableWorkspaceError(
            f"{path} cannot be read: you do not have permission to read this file.") from None
    except OSError as e:
        raise UnreadableWorkspaceError(f"{path} cannot be read: {e.strerror}.") from None
    size = info.st_size
    if size == 0:
        raise NotAWorkspaceError(f"{path} is empty, not a Handover workspace.")
    if not head.startswith(SQLITE_MAGIC) or len(head) < 100:
        raise NotAWorkspaceError(f"{path} is not a Handover workspace (it is not an SQLite "
                                 "database).")
    app_id = int.from_bytes(head[68:72], "big")
    if app_id != APPLICATION_ID:
        raise NotAWorkspaceError(f"{path} is an SQLite database, but not a Handover "
                                 "workspace.")
    return FileFacts(size, app_id, int.from_bytes(head[60:64], "big", signed=True),
                     wal=head[18] == WAL_VERSION or head[19] == WAL_VERSION)


def connect_for_writing(path: Path) -> sqlite3.Connection:
    """A connection that may write `path`, waiting up to BUSY_TIMEOUT_S for another writer."""
    return sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S)


def journal_path(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def has_hot_journal(path: Path) -> bool:
    """True when a rollback journal beside `path` still holds the old pages of a save: one
    under way, or one cut off by a crash (then SQLite rolls it back at the next open that
    may write)."""
    try:
        with open(journal_path(path), "rb") as f:
            return f.read(len(JOURNAL_MAGIC)) == JOURNAL_MAGIC
    except OSError:
        return False


def _recovering(path: Path) -> WorkspaceBusyError:
    return WorkspaceBusyError(
        f"{path} is being recovered: a save was cut off (a crash or a lost connection) and "
        "the program that has the file open must finish undoing it. Nothing saved before "
        "is lost; try again in a moment.")


def recover_interrupted_save(path: Path, user: str = "") -> bool:
    """Undo the save a crash cut off, whose old pages wait in the journal beside `path`:
    what SQLite does by itself at the next open that may write, done here under the lock
    so a reader never takes the journal for damage. False, and nothing done, when another
    program holds the file: the journal may be its save, under way."""
    lock = WorkspaceLock(path, user)
    if not lock.acquire():
        return False
    try:
        if not has_hot_journal(path):
            return True
        conn = connect_for_writing(path)
        try:
            conn.execute("PRAGMA schema_version").fetchone()
        except sqlite3.DatabaseError as e:
            raise WorkspaceError(
                f"{path} has a save that was cut off, and it cannot be undone here ({e}): "
                "copy the file and the file beside it ending in -journal together to a "
                "folder you may write to, and open the copy.") from e
        finally:
            conn.close()
        log.info("Recovered an interrupted save of %s", path)
        return True
    finally:
        lock.release()


def _interrupted_save(error: sqlite3.Error) -> bool:
    """True for the errors a read-only connection meets on a file whose last save was cut
    off: it may not roll the journal back itself."""
    name = getattr(error, "sqlite_errorname", "")
    return name.startswith("SQLITE_READONLY") or "vtable constructor failed" in str(error)


class _ReadConnection(sqlite3.Connection):
    """A read-only connection that meets a save cut off while it is open (the writer
    crashed): it has the save undone and reads again, or says the file is being
    recovered, never a raw "attempt to write a readonly database". Every read of a
    read-only workspace passes here."""

    workspace_path: Path

    def execute(self, sql, parameters=(), /):
        try:
            return super().execute(sql, parameters)
        except sqlite3.OperationalError as e:
            path = self.workspace_path
            if "locked" in str(e) or "busy" in str(e):
                raise WorkspaceBusyError(f"{path} is being written by another program; try "
                                         "again in a moment.") from e
            if not (_interrupted_save(e) and has_hot_journal(path)):
                raise
            if self.in_transaction or not recover_interrupted_save(path):
                raise _recovering(path) from e
        return super().execute(sql, parameters)


def connect_read_only(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True,
                           timeout=BUSY_TIMEOUT_S, factory=_ReadConnection)
    conn.workspace_path = path
    conn.execute("PRAGMA query_only = ON")
    return conn


def why_not_writable(path: Path) -> str:
    """Why changes to `path` could not be saved, in words; "" when they can. SQLite writes
    a journal beside the file for every save, so its folder must be writable too."""
    if not os.access(path, os.W_OK):
        return ("the file cannot be changed (it is read-only, or on a disk or share that "
                "is)")
    folder = Path(os.path.realpath(path)).parent
    if not os.access(folder, os.W_OK):
        return (f"its folder {folder} cannot be written to, and every save writes a "
                "journal file beside the workspace")
    return ""


def integrity_problem(path: Path) -> str:
    """SQLite's quick check of `path` through a read-only connection: "" when whole,
    otherwise the first problem it names."""
    try:
        conn = connect_read_only(path)
        try:
            rows = conn.execute("PRAGMA quick_check(5)").fetchall()
        finally:
            conn.close()
    except sqlite3.OperationalError as e:
        if "locked" in str(e) or "busy" in str(e):
            raise WorkspaceBusyError(f"{path} is being written by another program; "
                                     "try again in a moment.") from e
        return str(e)
    except sqlite3.DatabaseError as e:
        return str(e)
    problems = [r[0] for r in rows if r[0] != "ok"]
    return "; ".join(problems)


def leave_wal(path: Path, user: str, read_only: bool) -> WorkspaceLock:
    """Turn a file in write-ahead-log mode back to the plain journal, under the lock,
    which is returned held. A reader of such a file would leave -wal and -shm files
    beside it, so one that may not write refuses it."""
    lock = None if read_only else WorkspaceLock(path, user)
    if lock is None or not lock.acquire():
        raise WorkspaceError(
            f"{path} is in SQLite's write-ahead-log mode, which Handover cannot read "
            "without writing files beside it. Open it once in Handover where it can be "
            "saved, and nobody else has it open, to turn that mode off.")
    try:
        conn = connect_for_writing(path)
        try:
            conn.execute("PRAGMA journal_mode = DELETE").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        lock.release()
        raise DamagedWorkspaceError(f"{path} cannot be read: {e}.") from e
    except BaseException:
        lock.release()
        raise
    log.info("Turned %s from write-ahead-log mode to a rollback journal", path)
    return lock
