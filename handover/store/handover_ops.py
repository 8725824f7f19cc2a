"""The handover's operations on the workspace: create one, save its answers, move its status
(with the reason for a return, the sign-off at acceptance), and the question threads of the
review; and the handover list's rows. Each operation is one transaction."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from handover.domain.errors import HandoverError, TransitionError, ValidationError
from handover.domain.handover import Handover, Party, Status
from handover.domain.records import Account, Person, Question
from handover.domain.template import Field, with_answer
from handover.store.queries import person_id_named  # noqa: F401 - ops.person_id_named
from handover.store.signoffs import accept
from handover.store.workspace import Workspace

# A question is asked, answered and resolved while the handover is with its reader.
QUESTION_STATUSES = frozenset({Status.SUBMITTED, Status.IN_REVIEW, Status.RETURNED})


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


# ---------------------------------------------------------------- reading


@dataclass(frozen=True, slots=True)
class HandoverRow:
    """One line of the handovers list: who hands which account to whom, where it stands,
    and how many questions wait for an answer."""

    id: int
    account_id: int
    account: str
    outgoing_id: int
    outgoing: str
    incoming_id: int
    incoming: str
    reviewer_id: int | None
    reviewer: str | None
    status: Status
    due_date: dt.date | None
    created_on: dt.date | None
    questions: int  # asked in all
    unanswered: int  # still waiting for an answer
    signed: bool  # a sign-off hash is stored

    def is_overdue(self, today: dt.date) -> bool:
        return (self.due_date is not None and self.due_date < today
                and self.status is not Status.ACCEPTED)

    def involves(self, person_id: int | None) -> bool:
        return person_id is not None and person_id in (self.outgoing_id, self.incoming_id,
                                                       self.reviewer_id)


_ROWS_SQL = """
SELECT h.id, h.account_id, a.name, h.outgoing_id, po.name, h.incoming_id, pi.name,
       h.reviewer_id, pr.name, h.status, h.due_date, h.created_on,
       coalesce(q.asked, 0), coalesce(q.waiting, 0), coalesce(h.signoff_hash, '') != ''
FROM handovers h
JOIN accounts a ON a.id = h.account_id
LEFT JOIN people po ON po.id = h.outgoing_id
LEFT JOIN people pi ON pi.id = h.incoming_id
LEFT JOIN people pr ON pr.id = h.reviewer_id
LEFT JOIN (SELECT handover_id, count(*) AS asked,
                  sum(trim(coalesce(answer, '')) = '') AS waiting
             FROM questions {question_filter} GROUP BY handover_id) q ON q.handover_id = h.id
{where}
ORDER BY h.due_date IS NULL, h.due_date, a.name COLLATE NOCASE, h.id
"""


def handover_rows(ws: Workspace) -> list[HandoverRow]:
    """Every handover of the workspace as the list shows it, the soonest due first."""
    return _rows(ws.db.execute(_ROWS_SQL.format(question_filter="", where="")))


def handover_row(ws: Workspace, handover_id: int) -> HandoverRow | None:
    """One handover as the list shows it; None when there is no such handover."""
    rows = _rows(ws.db.execute(_ROWS_SQL.format(question_filter="WHERE handover_id = ?",
                                                where="WHERE h.id = ?"),
                               [handover_id, handover_id]))
    return rows[0] if rows else None


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _rows(cursor) -> list[HandoverRow]:
    statuses = {s.value: s for s in Status}
    return [HandoverRow(id_, account_id, account, out_id, out or "", in_id, in_ or "",
                        rev_id, rev, statuses[status], _day(due), _day(created), asked,
                        waiting, bool(signed))
            for (id_, account_id, account, out_id, out, in_id, in_, rev_id, rev, status, due,
                 created, asked, waiting, signed) in cursor]


def account_choices(ws: Workspace) -> list[tuple[int, str, int | None]]:
    """The accounts a handover can be made for (not archived), by name: id, name, owner."""
    cursor = ws.db.execute("SELECT id, name, owner_id FROM accounts WHERE archived = 0 "
                           "ORDER BY name COLLATE NOCASE, id")
    return [(id_, name, owner) for id_, name, owner in cursor]


def in_flight(ws: Workspace, account_id: int) -> Handover | None:
    """The account's handover that is not yet accepted, if there is one."""
    found = ws.all(Handover, "account_id = ? AND status != ?",
                   [account_id, Status.ACCEPTED.value])
    return found[0] if found else None


def questions_of(ws: Workspace, handover_id: int) -> list[Question]:
    """The questions asked on a handover, in the order they were asked."""
    return ws.all(Question, "handover_id = ?", [handover_id])


# ---------------------------------------------------------------- creating


def create_handover(ws: Workspace, handover: Handover) -> Handover:
    """Add a new handover (its id kept when given, as a redo does). ValidationError naming
    the field when the account or a person is unknown, or when the account already has a
    handover under way."""
    with ws.action("creating a handover"):
        try:
            account = ws.get(Account, handover.account_id)
        except HandoverError:
            raise ValidationError("account_id", "choose an account from the list") from None
        if account.archived:
            raise ValidationError("account_id", f"{account.name} is archived; restore it "
                                                "before handing it over")
        for name, person_id in (("outgoing_id", handover.outgoing_id),
                                ("incoming_id", handover.incoming_id),
                                ("reviewer_id", handover.reviewer_id)):
            if person_id is None and name == "reviewer_id":
                continue
            try:
                ws.get(Person, person_id)
            except HandoverError:
                raise ValidationError(name, "choose a team member from the list") from None
        under_way = in_flight(ws, account.id)
        if under_way is not None:
            raise ValidationError("account_id", f"{account.name} already has a handover "
                                                f"under way ({under_way.status.label.lower()})"
                                                "; open that one instead")
        fresh = dataclasses.replace(handover, status=Status.DRAFT, read_back="",
                                    return_reason="", signed_off_by_id=None,
                                    signed_off_at=None, signoff_hash="")
        return ws.add(fresh)


def remove_handover(ws: Workspace, handover_id: int) -> Handover:
    """Take back a handover just created (the undo of `create_handover`): only a draft, and
    its questions with it. Returns the handover as it was. TransitionError when it has gone
    further than a draft."""
    with ws.action("removing a handover"):
        handover = ws.get(Handover, handover_id)
        if handover.status is not Status.DRAFT:
            raise TransitionError(f"The handover is {handover.status.label.lower()}; only a "
                                  "draft can be taken back.")
        for question in questions_of(ws, handover_id):
            ws.delete(question)
        ws.delete(handover)
    return handover


# ---------------------------------------------------------------- answers


def save_answer(ws: Workspace, handover_id: int, section_key: str, field: Field,
                text: str) -> Handover:
    """Replace the text of one field (the read-back too), leaving every other part of the
    handover as it is stored now. Who may write where is the screens' to decide; an edit
    after sign-off shows as a change since sign-off."""
    with ws.action("saving an answer"):
        stored = ws.get(Handover, handover_id)
        changed = with_answer(stored, section_key, field, text)
        if changed != stored:
            ws.update(changed)
    return changed


def save_answers(ws: Workspace, handover_id: int, answers: dict[str, dict[str, str]],
                 read_back: str | None = None) -> Handover:
    """Merge many answers (section -> field -> text) and, if given, the read-back into the
    stored handover, in one action."""
    with ws.action("saving answers"):
        stored = ws.get(Handover, handover_id)
        merged = {k: dict(v) for k, v in stored.answers.items()}
        for section_key, fields in answers.items():
            merged.setdefault(section_key, {}).update(fields)
        changed = dataclasses.replace(
            stored, answers=merged,
            read_back=stored.read_back if read_back is None else read_back)
        if changed != stored:
            ws.update(changed)
    return changed


# ---------------------------------------------------------------- the status


def move(ws: Workspace, handover_id: int, to: Status | str, person_id: int | None, *,
         reason: str = "", at: dt.datetime | None = None) -> Handover:
    """Move the handover to status `to` as `person_id`, after the status machine's checks:
    a return needs its `reason`, an acceptance signs the handover off. TransitionError
    saying why when the move is not allowed."""
    to = Status.parse(to, "status")
    if to is Status.ACCEPTED:
        return accept(ws, handover_id, person_id, at)  # type: ignore[arg-type]
    with ws.action(f"moving a handover to {to.label.lower()}"):
        handover = ws.get(Handover, handover_id)
        handover.check_move(to, person_id, questions_of(ws, handover_id))
        if to is Status.RETURNED:
            reason = reason.strip()
            if not reason:
                raise TransitionError("Say why the handover goes back: what is missing or "
                                      "unclear, so the outgoing manager knows what to fix.")
            moved = dataclasses.replace(handover, status=to, return_reason=reason)
        else:
            # A resubmitted handover leaves the reason it came back for in the audit log.
            moved = dataclasses.replace(handover, status=to, return_reason="")
        ws.update(moved)
    return moved


def take_back_move(ws: Workspace, moved: Handover, before: Handover) -> Handover:
    """Put a handover back where it stood before the move that made it `moved` (the undo
    of a submit, a start of review or a return): its status and the reason for a return,
    leaving every other part as it is stored now. TransitionError when it has moved on
    since, or when the move was an acceptance: a sign-off is never taken back."""
    with ws.action("taking back a move"):
        stored = ws.get(Handover, moved.id)  # type: ignore[arg-type]
        if moved.status is Status.ACCEPTED or stored.status is Status.ACCEPTED:
            raise TransitionError("The handover is accepted and signed off; an acceptance "
                                  "is not taken back. Answer a mistaken acceptance with a "
                                  "new handover.")
        if stored.status is not moved.status:
            raise TransitionError(f"The handover is {stored.status.label.lower()} now, no "
                                  f"longer {moved.status.label.lower()}; that move cannot be "
                                  "taken back.")
        restored = dataclasses.replace(stored, status=before.status,
                                       return_reason=before.return_reason)
        ws.update(restored)
    return restored


# ---------------------------------------------------------------- questions


def ask_question(ws: Workspace, handover_id: int, section_key: str, text: str,
                 person_id: int | None, at: dt.datetime | None = None, *,
                 question_id: int | None = None) -> Question:
    """Ask a question on one section, as the incoming manager or the reviewing team lead,
    while the handover is with them (its id kept when given, as a redo does)."""
    with ws.action("asking a question"):
        handover = ws.get(Handover, handover_id)
        parties = handover.party_of(person_id)
        if not parties & {Party.INCOMING, Party.REVIEWER}:
            raise TransitionError("Only the incoming manager or the reviewing team lead asks "
                                  "questions on a handover.")
        if handover.status not in QUESTION_STATUSES:
            raise TransitionError(_question_status(handover))
        question = Question(handover_id=handover_id, section=section_key, text=text,
                            asked_by_id=person_id, asked_at=at or _now(), id=question_id)
        return ws.add(question)


def withdraw_question(ws: Workspace, question_id: int) -> Question:
    """Take back a question not yet answered (the undo of `ask_question`); returns it as it
    was. TransitionError when it has an answer by now, or the handover is signed off."""
    with ws.action("taking back a question"):
        question = ws.get(Question, question_id)
        handover = ws.get(Handover, question.handover_id)
        if handover.status not in QUESTION_STATUSES:
            raise TransitionError(_question_status(handover))
        if question.answered:
            raise TransitionError("The question has been answered since; it stays, with its "
                                  "answer.")
        ws.delete(question)
    return question


def answer_question(ws: Workspace, question_id: int, text: str, person_id: int | None,
                    at: dt.datetime | None = None) -> Question:
    """Answer a question (or change the answer), as the outgoing manager."""
    with ws.action("answering a question"):
        question = ws.get(Question, question_id)
        handover = ws.get(Handover, question.handover_id)
        if Party.OUTGOING not in handover.party_of(person_id):
            raise TransitionError("Only the outgoing manager answers the questions on their "
                                  "handover.")
        if handover.status not in QUESTION_STATUSES:
            raise TransitionError(_question_status(handover))
        if not text.strip():
            raise ValidationError("answer", "must not be empty: write the answer")
        answered = dataclasses.replace(question, answer=text.strip(), answered_by_id=person_id,
                                       answered_at=at or _now(), resolved=False)
        ws.update(answered)
    return answered


def resolve_question(ws: Workspace, question_id: int, person_id: int | None,
                     resolved: bool = True) -> Question:
    """Mark an answered question resolved (the answer is enough), or open it again, as the
    incoming manager or the reviewing team lead."""
    with ws.action("resolving a question"):
        question = ws.get(Question, question_id)
        handover = ws.get(Handover, question.handover_id)
        if not handover.party_of(person_id) & {Party.INCOMING, Party.REVIEWER}:
            raise TransitionError("Only the incoming manager or the reviewing team lead "
                                  "resolves a question.")
        if handover.status not in QUESTION_STATUSES:
            raise TransitionError(_question_status(handover))
        if resolved and not question.answered:
            raise TransitionError("The question has no answer yet; it is resolved once the "
                                  "outgoing manager has answered it.")
        changed = dataclasses.replace(question, resolved=resolved)
        if changed != question:
            ws.update(changed)
    return changed


def restore_question(ws: Workspace, before: Question) -> Question:
    """Put a question's answer and resolution back as they were in `before` (the undo of
    an answer or of a resolve), its text untouched. TransitionError when the handover is
    signed off: its questions are closed."""
    with ws.action("restoring a question"):
        stored = ws.get(Question, before.id)  # type: ignore[arg-type]
        handover = ws.get(Handover, stored.handover_id)
        if handover.status not in QUESTION_STATUSES:
            raise TransitionError(_question_status(handover))
        restored = dataclasses.replace(stored, answer=before.answer,
                                       answered_by_id=before.answered_by_id,
                                       answered_at=before.answered_at,
                                       resolved=before.resolved)
        if restored != stored:
            ws.update(restored)
    return restored


def _question_status(handover: Handover) -> str:
    if handover.status is Status.ACCEPTED:
        return "The handover is accepted and signed off; its questions are closed."
    return ("The handover is still a draft: questions are asked once it is submitted for "
            "review.")
