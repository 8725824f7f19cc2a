"""Copies of a workspace made with SQLite's online backup API before the program changes it
in bulk (a schema upgrade), each checked once written, in the user's backups folder."""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
from pathlib import Path

from handover.store.errors import WorkspaceError

log = logging.getLogger(__name__)


def backup_folder() -> Path:
    """Where backups are kept: `backups/` in the user data folder, beside the default
    workspace (platformdirs' user_data_dir("Handover", "Handover"))."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("Handover", "Handover")) / "backups"


def back_up(conn: sqlite3.Connection, workspace: Path, why: str,
            folder: Path | None = None) -> Path:
    """Copy the database behind `conn` into the backups folder, named with the workspace,
    the time and `why` ("before upgrade to version 5"); the copy is checked before it takes
    its name. WorkspaceError, naming the folder, when it cannot be made: the caller then
    leaves the workspace as it was."""
    folder = folder or backup_folder()
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H%M%S")
    target = folder / f"{workspace.stem} {stamp} {why}.sqlite"
    number = 2
    while target.is_file():
        target = folder / f"{workspace.stem} {stamp} {why} ({number}).sqlite"
        number += 1
    partial = target.with_name(target.name + ".partial")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        copy = sqlite3.connect(partial)
        try:
            conn.backup(copy)
            verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            copy.close()
        if verdict != "ok":
            raise WorkspaceError(f"The backup of {workspace} in {folder} failed its check "
                                 f"({verdict}); the workspace was left as it was.")
        with partial.open("rb") as f:
            os.fsync(f.fileno())
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as e:
        raise WorkspaceError(f"{workspace} could not be backed up {why} in {folder}: "
                             f"{getattr(e, 'strerror', None) or e}. It was left as it "
                             "was.") from e
    finally:
        try:
            partial.unlink(missing_ok=True)
        except OSError:
            pass  # nothing was made there: the folder itself could not be used
    log.info("Backed up %s %s: %s", workspace, why, target)
    return target
