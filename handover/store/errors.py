"""Why a workspace file could not be opened or written, in words a user can act on."""

from __future__ import annotations

from handover.domain.errors import HandoverError


class WorkspaceError(HandoverError):
    """A workspace file that cannot be used as asked; the file is left as it was."""


class NotAWorkspaceError(WorkspaceError):
    """The file is missing, empty, not SQLite, or SQLite but not ours."""


class UnreadableWorkspaceError(WorkspaceError):
    """The user may not read the file, or its folder."""


class DamagedWorkspaceError(WorkspaceError):
    """The file is ours but fails SQLite's integrity check or cannot be read."""


class NewerWorkspaceError(WorkspaceError):
    """The file was written by a newer version of Handover."""


class WorkspaceBusyError(WorkspaceError):
    """Another program holds a write lock on the file longer than we can wait."""


class ReadOnlyWorkspaceError(WorkspaceError):
    """A write was asked of a workspace opened read-only."""
