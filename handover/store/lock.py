"""Who holds a workspace: lock files held with an OS lock while the file is open, so a
second program opens the workspace read-only and can say who has it.

The lock belongs to the file, not to the name it was opened by: one lock file sits beside
the file a symlink resolves to (seen by every computer that shares the folder), and one in
the user's own folder under this computer's temporary folder is named after the file's
device and inode, so two hard links to one file share it too."""

from __future__ import annotations

import getpass
import json
import os
import socket
import stat
import tempfile
from pathlib import Path

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
else:
    import fcntl

    # flock, not fcntl: a POSIX lock would be dropped when any descriptor of the process
    # on the file is closed, and would meet SQLite's own POSIX locks.
    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

INODE_LOCKS = "handover-locks"
# Never through a symlink: a lock file's contents are overwritten with who holds it.
_OPEN_FLAGS = getattr(os, "O_NOFOLLOW", 0)


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except OSError:
        return False


def lock_path(workspace: Path) -> Path:
    """The lock file beside the file `workspace` names, symlinks followed."""
    real = Path(os.path.realpath(workspace))
    return real.with_name(real.name + ".lock")


def _inode_lock_folder() -> Path | None:
    """This user's folder of lock files named by inode, made private on first use; None
    when it cannot be trusted (not ours, or not a plain folder)."""
    uid = os.getuid() if hasattr(os, "getuid") else None
    folder = Path(tempfile.gettempdir()) / (INODE_LOCKS if uid is None
                                            else f"{INODE_LOCKS}-{uid}")
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = os.lstat(folder)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or (uid is not None and info.st_uid != uid):
        return None
    return folder


def inode_lock_path(workspace: Path) -> Path | None:
    """The lock file of this computer named after the file's device and inode; None when
    the file cannot be looked at."""
    try:
        st = os.stat(workspace)
    except OSError:
        return None
    folder = _inode_lock_folder()
    return folder / f"{st.st_dev}-{st.st_ino}.lock" if folder else None


_BUSY = -1


def _hold(path: Path) -> int | None:
    """A descriptor of `path` holding its OS lock; _BUSY when another program holds it;
    None when nobody can hold a lock there (a folder we may not write to)."""
    for _attempt in range(5):
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | _OPEN_FLAGS, 0o644)
        except OSError:
            try:
                fd = os.open(path, os.O_RDONLY | _OPEN_FLAGS)  # another user's lock file
            except OSError:
                return None
        if not _try_lock(fd):
            os.close(fd)
            return _BUSY
        if _same_file(fd, path):
            return fd
        # The holder released and removed the file between our open and our lock:
        # the file we locked is gone, so lock the one now at the path instead.
        os.close(fd)
    return _BUSY


class WorkspaceLock:
    """An exclusive hold on one workspace. `acquire()` says whether we got it; if not,
    `holder` describes who has it ("Dana Smith on laptop-7, process 4242")."""

    def __init__(self, workspace: Path, user: str = ""):
        self.path = lock_path(workspace)
        self.inode_path = inode_lock_path(workspace)
        self.user = user or getpass.getuser()
        self.holder = ""
        self._held: list[tuple[int, Path]] = []

    def acquire(self) -> bool:
        info = {"user": self.user, "host": socket.gethostname(), "pid": os.getpid()}
        for path in (self.path, self.inode_path):
            if path is None:
                continue
            fd = _hold(path)
            if fd == _BUSY:
                self.holder = read_holder(path)
                self.release()
                return False
            if fd is None:
                continue
            self._held.append((fd, path))
            try:
                os.ftruncate(fd, 0)
                os.lseek(fd, 0, os.SEEK_SET)
                # Leave byte 0 alone on Windows, where it carries the lock; write after it.
                os.write(fd, b" " + json.dumps(info).encode())
                os.fsync(fd)
            except OSError:
                pass  # held all the same; only who holds it cannot be told
        self.holder = ""
        return True

    def release(self) -> None:
        held, self._held = self._held, []
        for fd, path in reversed(held):
            try:
                os.close(fd)
            finally:
                try:
                    path.unlink()
                except OSError:
                    pass

    @property
    def held(self) -> bool:
        return bool(self._held)


def read_holder(path: Path) -> str:
    """A person's description of who holds the lock file at `path`; "" if nobody does."""
    try:
        info = json.loads(path.read_text(encoding="utf-8").strip() or "{}")
    except (OSError, ValueError):
        return "another program"
    if not info:
        return "another program"
    return f"{info.get('user', 'someone')} on {info.get('host', 'this computer')}, " \
           f"process {info.get('pid', '?')}"


def current_holder(workspace: Path) -> str:
    """Who holds `workspace` right now, without taking it: "" when nobody does."""
    for path in (lock_path(workspace), inode_lock_path(workspace)):
        if path is None or not path.exists():
            continue
        try:
            fd = os.open(path, os.O_RDONLY | _OPEN_FLAGS)
        except OSError:
            continue
        try:
            if not _try_lock(fd):
                return read_holder(path)
            # A stale file left by a program that died: nobody holds it.
        finally:
            os.close(fd)
    return ""
