"""Shared test setup: every Qt test runs without a screen; other programs on a workspace:
one that dies mid-save, one in the middle of a long read."""

import os
import signal
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

# Must be set before anything imports Qt, so that a bare CI machine needs no display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]

# Dana's program: opens the workspace, says so, and when told, starts saving a change to
# every contact, big enough for SQLite to write pages into the file, and is killed mid-save.
DYING_WRITER = """
import os, signal, sys
from handover.store import Workspace
ws = Workspace.open(sys.argv[1], user="Dana Smith")
print("open", ws.read_only, flush=True)
sys.stdin.readline()
ws.db.execute("PRAGMA cache_size = 2")
ws.db.conn.execute("BEGIN")
ws.db.execute("UPDATE contacts SET notes = coalesce(notes, '') || ' Changed, never saved.'")
os.kill(os.getpid(), signal.SIGKILL)
"""


class DyingWriter:
    """Dana's program holding a workspace, until `crash()` kills it in the middle of a
    save: the file then has a hot journal beside it, as after a power cut."""

    def __init__(self, path: Path):
        self.path = path
        self.process = subprocess.Popen([sys.executable, "-c", DYING_WRITER, str(path)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True, cwd=ROOT)
        assert self.process.stdout.readline().split() == ["open", "False"]

    def crash(self) -> None:
        saved = self.path.read_bytes()
        self.process.stdin.write("save\n")
        self.process.stdin.flush()
        assert self.process.wait(timeout=20) == -signal.SIGKILL
        self.close()
        journal = self.path.with_name(self.path.name + "-journal")
        assert journal.read_bytes()[:8] == bytes.fromhex("d9d505f920a163d7")
        assert self.path.read_bytes() != saved, "the save had written into the file"

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process.stdin.close()
        self.process.stdout.close()


@pytest.fixture
def dying_writer():
    """Start Dana's program on a workspace: `dying_writer(path).crash()`."""
    started: list[DyingWriter] = []

    def start(path: Path) -> DyingWriter:
        started.append(DyingWriter(path))
        return started[-1]

    yield start
    for writer in started:
        if writer.process.poll() is None:
            writer.close()


@contextmanager
def another_program_reading(path: Path):
    """Another program in the middle of a long read of `path`: a read transaction left
    open, as an export of many briefs keeps one."""
    reader = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3, sys\n"
         "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
         "conn.execute('BEGIN')\n"
         "conn.execute('SELECT count(*) FROM accounts').fetchone()\n"
         "print('reading', flush=True)\n"
         "sys.stdin.read()\n"
         "conn.execute('COMMIT')\n",
         str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert reader.stdout.readline().strip() == "reading"
        yield path
    finally:
        reader.stdin.close()
        reader.wait(timeout=10)
        reader.stdout.close()


@pytest.fixture
def reading_program():
    """`with reading_program(path):` another program reads `path` all the while."""
    return another_program_reading
