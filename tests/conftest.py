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


@pytest.fixture(autouse=True)
def user_data_elsewhere(tmp_path_factory, monkeypatch):
    """The user's data folder (backups among it) is a temporary one, never the real one."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data-home")))

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


def workspace_with_contacts(path: Path, account: str = "Acme GmbH") -> Path:
    """A closed workspace at `path` with one account and enough contacts that a save of
    them all spills into the file's pages."""
    from handover.domain.records import Account, Contact
    from handover.store import Workspace

    with Workspace.create(path, user="Dana Smith") as ws:
        added = ws.add(Account(name=account))
        ws.add_many(Contact(id=i, account_id=added.id, name=f"Contact {i}",
                            notes="Met at the trade fair. " * 10) for i in range(1, 150))
    return path


@contextmanager
def _another_program(path: Path, script: str, ready: str):
    """Another program running `script` on `path` until we are done with it: it prints
    `ready` once it holds the file, and finishes when its standard input closes."""
    program = subprocess.Popen(
        [sys.executable, "-c", "import sqlite3, sys\n"
         "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n" + script
         + f"print({ready!r}, flush=True)\nsys.stdin.read()\n", str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert program.stdout.readline().strip() == ready
        yield path
    finally:
        program.stdin.close()
        program.wait(timeout=10)
        program.stdout.close()


def another_program_reading(path: Path):
    """Another program in the middle of a long read of `path`: a read transaction left
    open, as an export of many briefs keeps one."""
    return _another_program(path, "conn.execute('BEGIN')\n"
                                  "conn.execute('SELECT count(*) FROM accounts').fetchone()\n",
                            "reading")


def another_program_writing(path: Path):
    """Another program in the middle of a long write: BEGIN EXCLUSIVE on the file."""
    return _another_program(path, "conn.execute('BEGIN EXCLUSIVE')\n", "locked")


@pytest.fixture
def reading_program():
    """`with reading_program(path):` another program reads `path` all the while."""
    return another_program_reading


@pytest.fixture
def contacts_workspace_at():
    """`contacts_workspace_at(path)`: a workspace with an account and 149 contacts."""
    return workspace_with_contacts


@pytest.fixture
def writing_program():
    """`with writing_program(path):` another program holds a write on `path`."""
    return another_program_writing
