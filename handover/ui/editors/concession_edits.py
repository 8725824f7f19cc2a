"""Saving and removing a concession with the promises received for it, each one undoable
edit in one transaction."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from handover.domain.records import Commitment, Concession
from handover.store.concession_queries import received_for
from handover.ui.shell.session import Change, Session, _RecordCommand
from handover.ui.shell.words import short_date

CHANGED_TABLES = frozenset({"concessions", "commitments"})


class _ConcessionCommand(_RecordCommand):
    """A change to a concession and the promises received for it, in one transaction."""

    def __init__(self, session: Session, account_id: int, text: str):
        super().__init__(session, text)
        self.account_id = account_id

    def _tell_screens(self) -> None:
        self.session.changed.emit(Change(CHANGED_TABLES, self.account_id))


class SaveConcession(_ConcessionCommand):
    """Adds a concession (`before` None) or changes one, with the promises of theirs
    received in return: new ones added, changed ones saved, dropped ones removed."""

    def __init__(self, session: Session, before: Concession | None, after: Concession,
                 received_before: Sequence[Commitment], received_after: Sequence[Commitment],
                 text: str):
        super().__init__(session, after.account_id, text)
        self.before = before
        self.after = after
        self.received_before = {c.id: c for c in received_before}
        self.received_after = list(received_after)
        self._new = {i for i, c in enumerate(received_after)
                     if c.id is None or c.id not in self.received_before}
        kept = {c.id for c in received_after if c.id is not None}
        self._dropped = [c for c in received_before if c.id not in kept]

    def apply(self) -> None:
        ws = self.session.ws
        with ws.action("saving a concession"):
            if self.before is None:
                self.after = ws.add(self.after)  # keeps its id when redone
            else:
                ws.update(self.after)
            for c in self._dropped:
                ws.delete(c)
            for i, c in enumerate(self.received_after):
                c = dataclasses.replace(c, concession_id=self.after.id)
                if i in self._new:
                    c = ws.add(c)
                elif c != self.received_before[c.id]:
                    ws.update(c)
                self.received_after[i] = c
        self._tell_screens()

    def revert(self) -> None:
        ws = self.session.ws
        with ws.action("undoing a concession"):
            # Promises first: removing a concession would unlink them.
            for i, c in enumerate(self.received_after):
                if i in self._new:
                    ws.delete(c)
                elif c != self.received_before[c.id]:
                    ws.update(self.received_before[c.id])
            for c in self._dropped:
                ws.add(c)
            if self.before is None:
                ws.delete(self.after)
            else:
                ws.update(self.before)
        self._tell_screens()


class RemoveConcession(_ConcessionCommand):
    """Removes a concession; the promises received for it stay (in Promises), unlinked,
    and undo links them again."""

    def __init__(self, session: Session, concession: Concession, text: str):
        super().__init__(session, concession.account_id, text)
        self.concession = concession
        self.linked = received_for(session.ws, concession.id)  # type: ignore[arg-type]

    def apply(self) -> None:
        self.session.ws.delete(self.concession)  # unlinks the promises in the same step
        self._tell_screens()

    def revert(self) -> None:
        ws = self.session.ws
        with ws.action("restoring a removed concession"):
            ws.add(self.concession)
            for c in self.linked:
                ws.update(c)
        self._tell_screens()


def concession_title(c: Concession) -> str:
    return f"{c.kind.label.lower()} of {short_date(c.date)}"
