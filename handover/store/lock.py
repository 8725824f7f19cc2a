"""Who holds a workspace: a lock file beside it, held with an OS lock while the file is open,
so a second program opens the workspace read-only and can say who has it."""

from __future__ import annotations

import getpass
import json
import os
import socket
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

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except OSError:
        return False


def lock_path(workspace: Path) -> Path:
    return workspace.with_name(workspace.name + ".lock")


class WorkspaceLock:
    """An exclusive hold on one workspace. `acquire()` says whether we got it; if not,
    `holder` describes who has it ("Dana Smith on laptop-7, process 4242")."""

    def __init__(self, workspace: Path, user: str = ""):
        self.path = lock_path(workspace)
        self.user = user or getpass.getuser()
        self.holder = ""
        self._fd: int | None = None

    def acquire(self) -> bool:
        for _attempt in range(5):
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError:
                # A folder we may not write to: nobody can hold a lock there either.
                self.holder = ""
                return True
            if not _try_lock(fd):
                self.holder = read_holder(self.path)
                os.close(fd)
                return False
            if _same_file(fd, self.path):
                break
            # The holder released and removed the file between our open and our lock:
            # the file we locked is gone, so lock the one now at the path instead.
            os.close(fd)
        else:
            self.holder = "another program"
            return False
        info = {"user": self.user, "host": socket.gethostname(), "pid": os.getpid()}
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        # Leave byte 0 alone on Windows, where it carries the lock; write after it.
        os.write(fd, b" " + json.dumps(info).encode())
        os.fsync(fd)
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.close(fd)
        finally:
            try:
                self.path.unlink()
            except OSError:
                pass

    @property
    def held(self) -> bool:
        return self._fd is not None


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
    path = lock_path(workspace)
    if not path.exists():
        return ""
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return ""
    try:
        if _try_lock(fd):
            return ""  # a stale file left by a program that died
        return read_holder(path)
    finally:
        os.close(fd)
