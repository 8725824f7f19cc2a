"""The only code that speaks SQL: open, lock, check, migrate and write a workspace file."""

from handover.store.errors import (
    DamagedWorkspaceError,
    NewerWorkspaceError,
    NotAWorkspaceError,
    ReadOnlyWorkspaceError,
    WorkspaceBusyError,
    WorkspaceError,
)
from handover.store.workspace import Workspace

__all__ = [
    "DamagedWorkspaceError",
    "NewerWorkspaceError",
    "NotAWorkspaceError",
    "ReadOnlyWorkspaceError",
    "Workspace",
    "WorkspaceBusyError",
    "WorkspaceError",
]
