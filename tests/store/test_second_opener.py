"""A second program on a workspace another one holds opens it read-only, says who has it,
and takes the file over once the first program is gone."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from handover.domain.records import Account
from handover.store import ReadOnlyWorkspaceError, Workspace
from handover.store.lock import lock_path

# The first program: opens the workspace as Dana, says so, and keeps it until told to go.
# It leaves without closing, as a program that crashes or is killed would.
FIRST_PROGRAM = """
import os, sys
from handover.store import Workspace
ws = Workspace.open(sys.argv[1], user="Dana Smith")
print("open", ws.read_only, os.getpid(), flush=True)
sys.stdin.readline()
os._exit(0)
"""


@pytest.fixture
def workspace_file(tmp_path) -> Path:
    path = tmp_path / "acme.handover"
    with Workspace.create(path, user="Dana Smith") as ws:
        ws.add(Account(name="Acme GmbH"))
    return path


@pytest.fixture
def dana_has_it(workspace_file):
    """Dana's program holding the workspace; yields its process id."""
    root = Path(__file__).resolve().parents[2]
    first = subprocess.Popen([sys.executable, "-c", FIRST_PROGRAM, str(workspace_file)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                             cwd=root)
    try:
        said = first.stdout.readline().split()
        assert said[:2] == ["open", "False"], said
        yield first
    finally:
        if first.poll() is None:
            first.stdin.close()
            first.wait(timeout=10)
        first.stdout.close()


def let_go(program):
    program.stdin.write("done\n")
    program.stdin.flush()
    assert program.wait(timeout=10) == 0


def test_a_second_program_opens_a_held_workspace_read_only(workspace_file, dana_has_it):
    with Workspace.open(workspace_file, user="Lee Park") as ws:
        assert ws.read_only
        assert ws.holder.startswith("Dana Smith on ")
        assert ws.holder.endswith(f", process {dana_has_it.pid}")
        assert [a.name for a in ws.all(Account)] == ["Acme GmbH"]
        assert ws.lock_holder() == ws.holder


def test_a_change_to_a_read_only_workspace_is_refused_naming_who_has_it(workspace_file,
                                                                        dana_has_it):
    before = workspace_file.read_bytes()
    with Workspace.open(workspace_file, user="Lee Park") as ws:
        with pytest.raises(ReadOnlyWorkspaceError) as caught:
            ws.add(Account(name="Globex"))
        message = str(caught.value)
        assert message.startswith(f"{workspace_file} is open read-only (Dana Smith on ")
        assert message.endswith("has it open); changes cannot be saved.")
        assert ws.counts()["accounts"] == 1
    assert workspace_file.read_bytes() == before


def test_the_workspace_is_taken_over_once_the_first_program_is_gone(workspace_file,
                                                                    dana_has_it):
    reader = Workspace.open(workspace_file, user="Lee Park")
    try:
        assert reader.read_only
        let_go(dana_has_it)
        # Dana's program died without tidying up: its lock file is stale, held by nobody.
        assert lock_path(workspace_file).exists()
        assert reader.lock_holder() == ""
    finally:
        reader.close()
    with Workspace.open(workspace_file, user="Lee Park") as ws:
        assert not ws.read_only and ws.holder == ""
        assert ws.lock_holder() == ""
        ws.add(Account(name="Globex"))
        assert ws.audit_entries()[-1].who == "Lee Park"
    assert not lock_path(workspace_file).exists()


def test_a_workspace_opened_read_only_on_request_holds_nothing(workspace_file):
    with Workspace.open(workspace_file, read_only=True) as reader:
        assert reader.read_only and reader.holder == ""
        with Workspace.open(workspace_file, user="Dana Smith") as writer:
            assert not writer.read_only
            assert reader.lock_holder().startswith("Dana Smith on ")
        assert reader.lock_holder() == ""


@pytest.mark.parametrize("link", ["hard link", "symlink"])
def test_a_second_name_for_a_held_workspace_opens_it_read_only(workspace_file, dana_has_it,
                                                               tmp_path, link):
    # Lee opens the same file through another name, in another folder.
    other = tmp_path / "elsewhere" / "our-accounts.handover"
    other.parent.mkdir()
    if link == "hard link":
        os.link(workspace_file, other)
    else:
        other.symlink_to(workspace_file)
    with Workspace.open(other, user="Lee Park") as ws:
        assert ws.read_only
        assert ws.holder.startswith("Dana Smith on ")
        assert ws.lock_holder().startswith("Dana Smith on ")
        with pytest.raises(ReadOnlyWorkspaceError):
            ws.add(Account(name="Globex"))
    assert sorted(p.name for p in other.parent.iterdir()) == ["our-accounts.handover"]
    let_go(dana_has_it)
    with Workspace.open(other, user="Lee Park") as ws:
        assert not ws.read_only


def test_two_names_for_one_file_in_one_program_are_not_both_writable(workspace_file,
                                                                     tmp_path):
    other = tmp_path / "copy-of-the-name.handover"
    os.link(workspace_file, other)
    with Workspace.open(workspace_file, user="Dana Smith") as first:
        with Workspace.open(other, user="Dana Smith") as second:
            assert not first.read_only and second.read_only


def test_a_lock_file_planted_as_a_symlink_is_never_written_through(workspace_file, tmp_path):
    from handover.store.lock import inode_lock_path

    victim = tmp_path / "notes.txt"
    victim.write_text("Dana's own notes\n")
    planted = inode_lock_path(workspace_file)
    planted.symlink_to(victim)
    try:
        with Workspace.open(workspace_file, user="Dana Smith") as ws:
            assert not ws.read_only
    finally:
        planted.unlink(missing_ok=True)
    assert victim.read_text() == "Dana's own notes\n"
