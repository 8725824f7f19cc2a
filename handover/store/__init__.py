"""The only code that speaks SQL: open, lock, check, migrate and write a workspace file."""

from handover.store.errors import (
    DamagedWorkspaceError,
    NewerWorkspaceError,
    NotAWorkspaceError,
    ReadOnlyWorkspaceError,
    UnreadableWorkspaceError,
    WorkspaceBusyError,
    WorkspaceError,
)
from handover.store.workspace import Workspace

__all__ = [
    "DamagedWorkspaceError",
    "NewerWorkspaceError",
    "NotAWorkspaceError",
    "ReadOnlyWorkspaceError",
    "UnreadableWorkspaceError",
    "Workspace",
    "WorkspaceBusyError",
    "WorkspaceError",
]
