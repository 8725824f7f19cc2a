"""The open workspace as the screens see it: every edit is a named operation on one undo
stack, saved at once as one transaction, and announced so each screen can redraw."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QUndoCommand, QUndoStack

from handover.domain.errors import HandoverError
from handover.domain.records import Interaction, Record
from handover.store import Workspace
from handover.store.queries import interactions_naming
from handover.ui.shell import dialogs


@dataclass(frozen=True)
class Change:
    """What an operation changed: the tables touched and the account they belong to."""

    tables: frozenset[str]
    account_id: int | None = None

    def touches(self, *tables: str) -> bool:
        return bool(self.tables.intersection(tables))


def _account_of(record: Record) -> int | None:
    if record.table == "accounts":
        return record.id
    return getattr(record, "account_id", None)


class _RecordCommand(QUndoCommand):
    """One operation on the workspace, the one kind of command on the undo stack: records,
    handovers, questions and concessions all subclass it with `apply` and `revert`. It is
    applied before it is pushed (`Session._run`), so an operation that fails (a read-only
    file, a refused value) never reaches the undo stack; its first redo is the push."""

    def __init__(self, session: Session, text: str):
        super().__init__(text)
        self.session = session
        self._applied_once = False

    def redo(self) -> None:
        if self._applied_once:
            self._applied_once = False  # the first redo is the push itself: already done
            return
        self._guarded(self.apply, self.failed_title())

    def undo(self) -> None:
        self._guarded(self.revert, self.failed_title(undoing=True))

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def failed_title(self, *, undoing: bool = False) -> str:
        """The title of the message when a step cannot be taken: the command in words."""
        return f"Could not {self.text()[:1].lower()}{self.text()[1:]}"

    def _guarded(self, step: Callable[[], None], title: str) -> None:
        # Called by the undo stack, where an exception would have nowhere to go: say why
        # the step cannot be taken, and drop the command rather than leave it half done.
        try:
            step()
        except HandoverError as e:
            self.setObsolete(True)
            dialogs.show_error(None, title, str(e))

    def _announce(self, record: Record, *extra: str) -> None:
        self.session.changed.emit(Change(frozenset({record.table, *extra}),
                                         _account_of(record)))


class AddRecord(_RecordCommand):
    def __init__(self, session: Session, record: Record, text: str):
        super().__init__(session, text)
        self.record = record

    def apply(self) -> None:
        self.record = self.session.ws.add(self.record)  # keeps its id when redone
        self._announce(self.record)

    def revert(self) -> None:
        self.session.ws.delete(self.record)
        self._announce(self.record)


class UpdateRecord(_RecordCommand):
    def __init__(self, session: Session, before: Record, after: Record, text: str):
        super().__init__(session, text)
        self.before, self.after = before, after

    def apply(self) -> None:
        self.session.ws.update(self.after)
        self._announce(self.after)

    def revert(self) -> None:
        self.session.ws.update(self.before)
        self._announce(self.before)


class DeleteRecord(_RecordCommand):
    """Removes a record; undo puts it back with the same id, and for a contact also
    restores the interactions that named it."""

    def __init__(self, session: Session, record: Record, text: str):
        super().__init__(session, text)
        self.record = record
        self.linked: list[Interaction] = []
        if record.table == "contacts":
            self.linked = interactions_naming(session.ws, record.id)

    def apply(self) -> None:
        self.session.ws.delete(self.record)
        self._announce(self.record, "interactions" if self.linked else self.record.table)

    def revert(self) -> None:
        with self.session.ws.action("restoring a removed record"):
            self.session.ws.add(self.record)
            for interaction in self.linked:
                self.session.ws.update(interaction)
        self._announce(self.record, "interactions" if self.linked else self.record.table)


class Session(QObject):
    """Edits to one open workspace, through its undo stack."""

    changed = Signal(object)  # a Change, after every operation, its undo and its redo
    history_closed = Signal(str)  # why nothing done before now can be undone any more

    def __init__(self, ws: Workspace, parent: QObject | None = None):
        super().__init__(parent)
        self.ws = ws
        self.undo_stack = QUndoStack(self)

    def close_history(self, why: str) -> None:
        """End the undo history here: nothing done before now can be undone or redone (an
        acceptance seals what it signed, and undo must not reach back through it); `why`
        says so where Undo is offered."""
        self.undo_stack.clear()
        self.history_closed.emit(why)

    def _run(self, command: _RecordCommand) -> None:
        command.apply()  # raises, and pushes nothing, when the operation fails
        command._applied_once = True
        self.undo_stack.push(command)

    def add(self, record: Record, text: str = "") -> Record:
        command = AddRecord(self, record, text or f"Add {_noun(record)}")
        self._run(command)
        return command.record

    def update(self, after: Record, text: str = "") -> Record:
        before = self.ws.get(type(after), after.id)
        if dataclasses.astuple(before) == dataclasses.astuple(after):
            return after  # nothing changed: nothing to save, nothing to undo
        self._run(UpdateRecord(self, before, after, text or f"Edit {_noun(after)}"))
        return after

    def delete(self, record: Record, text: str = "") -> None:
        self._run(DeleteRecord(self, record, text or f"Remove {_noun(record)}"))


def _noun(record: Record) -> str:
    name = getattr(record, "name", "") or getattr(record, "description", "")
    kind = type(record).__name__.lower()
    return f"{kind} \u201c{name}\u201d" if name else kind


def explain_closed_history(undo_action: QAction, session: Session) -> None:
    """Let `undo_action` (the Edit menu's Undo) say why it is disabled once the session's
    history was closed, until a new edit gives it something to undo again."""
    def closed(why: str) -> None:
        undo_action.setText(why)
        undo_action.setToolTip(why)

    def moved_on(index: int) -> None:
        if index > 0:  # something to undo again
            undo_action.setToolTip("")  # back to its text, which the stack now sets

    session.history_closed.connect(closed)
    session.undo_stack.indexChanged.connect(moved_on)
