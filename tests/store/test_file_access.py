"""A workspace the user may read but not change (a read-only file, folder or disk) opens
read-only and says why; one the user may not read at all is refused naming the file."""

import os
from pathlib import Path

import pytest

import handover.store.files as files_module
from handover.domain.records import Account
from handover.store import ReadOnlyWorkspaceError, UnreadableWorkspaceError, Workspace

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def workspace_file(tmp_path) -> Path:
    path = tmp_path / "shared" / "acme.handover"
    path.parent.mkdir()
    with Workspace.create(path, user="Dana Smith") as ws:
        ws.add(Account(name="Acme GmbH"))
    return path


@pytest.fixture
def cannot_write(monkeypatch):
    """Make `os.access` say no to writing the given paths, as it does for a read-only
    file, folder or disk (root may write anything, so chmod alone cannot show it)."""
    refused: set[str] = set()
    real_access = os.access

    def access(path, mode, *args, **kwargs):
        if mode & os.W_OK and os.path.realpath(path) in refused:
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(files_module.os, "access", access)
    return lambda path: refused.add(os.path.realpath(path))


def test_a_read_only_file_opens_read_only_and_says_why(workspace_file, cannot_write):
    cannot_write(workspace_file)
    before = workspace_file.read_bytes()
    with Workspace.open(workspace_file, user="Lee Park") as ws:
        assert ws.read_only and ws.holder == ""
        assert ws.read_only_reason.startswith("the file cannot be changed")
        assert ws.all(Account)[0].name == "Acme GmbH"
        with pytest.raises(ReadOnlyWorkspaceError) as caught:
            ws.add(Account(name="Globex"))
        assert "open read-only (the file cannot be changed" in str(caught.value)
    assert workspace_file.read_bytes() == before
    assert os.listdir(workspace_file.parent) == ["acme.handover"]


def test_a_workspace_in_a_read_only_folder_opens_read_only(workspace_file, cannot_write):
    cannot_write(workspace_file.parent)
    with Workspace.open(workspace_file, user="Lee Park") as ws:
        assert ws.read_only
        assert ws.read_only_reason == (
            f"its folder {workspace_file.parent} cannot be written to, and every save writes "
            "a journal file beside the workspace")


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
@pytest.mark.skipif(AS_ROOT, reason="root may write a read-only file; the test above "
                                    "shows it through os.access")
def test_a_chmod_read_only_file_opens_read_only(workspace_file):
    workspace_file.chmod(0o444)
    with Workspace.open(workspace_file, user="Lee Park") as ws:
        assert ws.read_only and ws.read_only_reason.startswith("the file cannot be changed")


def test_a_file_the_user_may_not_read_is_refused_naming_it(workspace_file, monkeypatch):
    real_open = open

    def no_read(path, *args, **kwargs):
        if os.path.realpath(path) == os.path.realpath(workspace_file):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(files_module, "open", no_read, raising=False)
    with pytest.raises(UnreadableWorkspaceError) as caught:
        Workspace.open(workspace_file, user="Lee Park")
    assert str(caught.value) == (f"{workspace_file} cannot be read: you do not have "
                                 "permission to read this file.")


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
@pytest.mark.skipif(AS_ROOT, reason="root may read any file; the test above shows the "
                                    "message through a refused open()")
def test_a_file_in_a_folder_the_user_may_not_open_is_refused_naming_it(workspace_file):
    workspace_file.parent.chmod(0)
    try:
        with pytest.raises(UnreadableWorkspaceError) as caught:
            Workspace.open(workspace_file)
        assert "you may not open its folder" in str(caught.value)
    finally:
        workspace_file.parent.chmod(0o755)
