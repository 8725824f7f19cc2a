"""The undoable operations on a handover and its questions (start it, answer a field, move it
on, ask and answer a question, accept it) and the autosave that turns typing into answer
edits; shared by the handovers list, the stepper and the review."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import (
    QObject,
    Signal,
)

from handover.domain.errors import HandoverError
from handover.domain.handover import Handover, Status
from handover.domain.records import Question
from handover.domain.template import Field, answer
from handover.store import handover_ops as ops
from handover.ui.shell.session import Change, Session, _RecordCommand
from handover.ui.shell.tasks import after_pause

AUTOSAVE_MS = 500  # a pause in typing this long saves what was typed: one undoable edit
HANDOVER_TABLES = frozenset({"handovers", "questions"})


# ---------------------------------------------------------------- undoable operations


def announce(session: Session, account_id: int | None,
             tables: frozenset[str] = HANDOVER_TABLES) -> None:
    """Tell every screen that a handover (and its questions) changed."""
    session.changed.emit(Change(tables, account_id))


class _HandoverCommand(_RecordCommand):
    """An operation on a handover or its questions; it tells every screen that the
    handover of `account_id` changed."""

    def __init__(self, session: Session, account_id: int, text: str):
        super().__init__(session, text)
        self.account_id = account_id


class CreateHandover(_HandoverCommand):
    def __init__(self, session: Session, handover: Handover, account_name: str):
        super().__init__(session, handover.account_id, f"Start the handover of {account_name}")
        self.handover = handover

    def apply(self) -> None:
        self.handover = ops.create_handover(self.session.ws, self.handover)  # id kept on redo
        announce(self.session, self.account_id)

    def revert(self) -> None:
        ops.remove_handover(self.session.ws, self.handover.id)  # type: ignore[arg-type]
        announce(self.session, self.account_id)


class EditAnswer(_HandoverCommand):
    """One field's text changed (one pause in typing). Only that field is written, on undo
    too: the handover may have moved on (submitted, say) since, and must stay where it is."""

    def __init__(self, session: Session, handover_id: int, account_id: int, section_key: str,
                 field: Field, before: str, after: str):
        super().__init__(session, account_id, f"Edit \u201c{field.label}\u201d")
        self.handover_id = handover_id
        self.section_key = section_key
        self.field = field
        self.before, self.after = before, after

    def apply(self) -> None:
        ops.save_answer(self.session.ws, self.handover_id, self.section_key, self.field,
                        self.after)
        announce(self.session, self.account_id)

    def revert(self) -> None:
        ops.save_answer(self.session.ws, self.handover_id, self.section_key, self.field,
                        self.before)
        announce(self.session, self.account_id)


MOVE_WORDS = {Status.SUBMITTED: "Submit the handover of {}",
              Status.IN_REVIEW: "Start the review of {}",
              Status.RETURNED: "Return the handover of {}"}
QUOTED = 40  # characters of a question quoted in the Edit menu


def _quoted(text: str) -> str:
    text = " ".join(text.split())
    return f"\u201c{text if len(text) <= QUOTED else text[:QUOTED - 1] + chr(0x2026)}\u201d"


class MoveHandover(_HandoverCommand):
    """A status move that can be taken back: submit, start the review, return. Undo puts
    the handover back where it stood; redo makes the move again, through the status
    machine's checks. (An acceptance is no command: it closes the history instead.)"""

    def __init__(self, session: Session, before: Handover, to: Status, person_id: int | None,
                 account_name: str, reason: str = ""):
        super().__init__(session, before.account_id, MOVE_WORDS[to].format(account_name))
        self.before = before
        self.to = to
        self.person_id = person_id
        self.reason = reason
        self.after: Handover | None = None

    def apply(self) -> None:
        self.after = ops.move(self.session.ws, self.before.id, self.to,  # type: ignore[arg-type]
                              self.person_id, reason=self.reason)
        announce(self.session, self.account_id)

    def revert(self) -> None:
        assert self.after is not None
        ops.take_back_move(self.session.ws, self.after, self.before)
        announce(self.session, self.account_id)


class AskQuestion(_HandoverCommand):
    """A question asked on one section; undo takes it back while it has no answer, redo
    asks it again with the same id and time."""

    def __init__(self, session: Session, handover: Handover, section_key: str, text: str,
                 person_id: int | None):
        super().__init__(session, handover.account_id, f"Ask {_quoted(text)}")
        self.handover_id = handover.id
        self.section_key = section_key
        self.question_text = text
        self.person_id = person_id
        self.question: Question | None = None

    def apply(self) -> None:
        asked = self.question
        self.question = ops.ask_question(
            self.session.ws, self.handover_id, self.section_key,  # type: ignore[arg-type]
            self.question_text, self.person_id, asked.asked_at if asked else None,
            question_id=asked.id if asked else None)
        announce(self.session, self.account_id)

    def revert(self) -> None:
        assert self.question is not None
        ops.withdraw_question(self.session.ws, self.question.id)  # type: ignore[arg-type]
        announce(self.session, self.account_id)


class AnswerQuestion(_HandoverCommand):
    """An answer written (or changed), or a question marked resolved (or opened again);
    undo puts the question's answer and resolution back as they were."""

    def __init__(self, session: Session, account_id: int, before: Question,
                 person_id: int | None, *, answer: str | None = None,
                 resolved: bool | None = None):
        if answer is not None:
            verb = "Answer"
        else:
            verb = "Resolve" if resolved else "Open again"
        super().__init__(session, account_id, f"{verb} {_quoted(before.text)}")
        self.before = before
        self.person_id = person_id
        self.answer, self.resolved = answer, resolved
        self.answered_at: dt.datetime | None = None

    def apply(self) -> None:
        ws = self.session.ws
        if self.answer is not None:
            after = ops.answer_question(ws, self.before.id, self.answer,  # type: ignore[arg-type]
                                        self.person_id, self.answered_at)
            self.answered_at = after.answered_at  # a redo answers at the same time
        else:
            ops.resolve_question(ws, self.before.id, self.person_id,  # type: ignore[arg-type]
                                 bool(self.resolved))
        announce(self.session, self.account_id)

    def revert(self) -> None:
        ops.restore_question(self.session.ws, self.before)
        announce(self.session, self.account_id)


ACCEPT_CLOSES_HISTORY = ("Can't undo accepting: answer a mistaken acceptance with a new "
                         "handover")


def accept_handover(session: Session, handover_id: int, person_id: int | None) -> Handover:
    """Accept and sign off the handover as `person_id`, handing its account over; the undo
    history ends here, so that no undo reaches back through the sign-off into what it
    sealed. Raises (changing nothing) when the status machine refuses."""
    signed = ops.move(session.ws, handover_id, Status.ACCEPTED, person_id)
    session.close_history(ACCEPT_CLOSES_HISTORY)
    # The account changed hands: its line on the accounts page shows the new owner.
    announce(session, signed.account_id, HANDOVER_TABLES | {"accounts"})
    return signed


class AnswerAutosave(QObject):
    """Saves what is typed into a handover's fields after a pause in typing: one undoable
    edit per field per pause (several fields in one pause make one undo step)."""

    failed = Signal(str)  # why a save did not happen

    def __init__(self, session: Session, handover_id: int, account_id: int,
                 delay_ms: int = AUTOSAVE_MS, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.handover_id = handover_id
        self.account_id = account_id
        self._pending: dict[tuple[str, str], tuple[Field, str]] = {}
        self.timer = after_pause(self, delay_ms, self.flush)

    def edited(self, section_key: str, field: Field, text: str) -> None:
        self._pending[(section_key, field.key)] = (field, text)
        self.timer.start()  # restarts: waits for a pause

    def is_pending(self, section_key: str, field_key: str) -> bool:
        return (section_key, field_key) in self._pending

    def flush(self) -> None:
        """Save every field typed into since the last save, now."""
        self.timer.stop()
        pending, self._pending = self._pending, {}
        if not pending:
            return
        try:
            stored = self.session.ws.get(Handover, self.handover_id)
        except HandoverError as e:
            self.failed.emit(str(e))
            return
        edits = []
        for (section_key, _), (field, text) in pending.items():
            before = answer(stored, section_key, field)
            if before != text:
                edits.append(EditAnswer(self.session, self.handover_id, self.account_id,
                                        section_key, field, before, text))
        stack = self.session.undo_stack
        if len(edits) > 1:
            stack.beginMacro("Edit the handover")
        try:
            for edit in edits:
                self.session._run(edit)
        except HandoverError as e:
            self.failed.emit(f"What you typed was not saved: {e}")
        finally:
            if len(edits) > 1:
                stack.endMacro()
