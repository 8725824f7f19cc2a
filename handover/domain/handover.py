"""The handover record and its status machine: who may move it from which status to which."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from handover.domain.errors import TransitionError, ValidationError
from handover.domain.records import (
    Choice,
    Commitment,
    CommitmentStatus,
    Direction,
    Question,
    Record,
    _date,
    _set,
    _text,
)


class Status(Choice):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    ACCEPTED = "accepted"
    RETURNED = "returned"


class Party(Choice):
    """The part a person plays in one handover."""

    OUTGOING = "outgoing"
    INCOMING = "incoming"
    REVIEWER = "reviewer"


# (from, to) -> the parties who may make that move.
TRANSITIONS: dict[tuple[Status, Status], frozenset[Party]] = {
    (Status.DRAFT, Status.SUBMITTED): frozenset({Party.OUTGOING}),
    (Status.RETURNED, Status.SUBMITTED): frozenset({Party.OUTGOING}),
    (Status.SUBMITTED, Status.IN_REVIEW): frozenset({Party.INCOMING, Party.REVIEWER}),
    (Status.IN_REVIEW, Status.ACCEPTED): frozenset({Party.INCOMING}),
    (Status.IN_REVIEW, Status.RETURNED): frozenset({Party.INCOMING, Party.REVIEWER}),
}


@dataclass(frozen=True)
class Handover(Record):
    """One account passing from an outgoing to an incoming manager, with a reviewing team
    lead, the answers to the template's sections, the read-back and the sign-off."""

    account_id: int
    outgoing_id: int
    incoming_id: int
    reviewer_id: int | None = None
    due_date: dt.date | None = None
    created_on: dt.date | None = None
    status: Status = Status.DRAFT
    answers: dict[str, dict[str, str]] = field(default_factory=dict)
    read_back: str = ""  # the incoming manager's synthesis, Markdown
    return_reason: str = ""
    signed_off_by_id: int | None = None
    signed_off_at: dt.datetime | None = None
    signoff_hash: str = ""
    batch_id: int | None = None  # the leaver's batch it was started in (LeaverBatch)
    id: int | None = None
    table = "handovers"

    def __post_init__(self):
        if self.outgoing_id == self.incoming_id:
            raise ValidationError("incoming_id", "the incoming manager must be someone other "
                                                 "than the outgoing manager")
        _set(self, "due_date", _date(self.due_date, "due_date", optional=True))
        _set(self, "created_on", _date(self.created_on, "created_on", optional=True))
        if self.due_date and self.created_on and self.due_date < self.created_on:
            raise ValidationError("due_date", f"{self.due_date.isoformat()} is before the "
                                              f"handover was made ({self.created_on.isoformat()})")
        _set(self, "status", Status.parse(self.status, "status"))
        _set(self, "read_back", _text(self.read_back, "read_back"))
        _set(self, "return_reason", _text(self.return_reason, "return_reason"))
        # Answers are notes like any other: the same limit, so that one paste cannot fill the
        # audit log and the brief (a 10 MB answer took 1.3 GB to export).
        for section_key, fields_ in self.answers.items():
            for field_key, text in fields_.items():
                _text(text, f"answers.{section_key}.{field_key}")

    __hash__ = None  # type: ignore[assignment]  # holds a dict of answers

    def party_of(self, person_id: int | None) -> frozenset[Party]:
        """The parts `person_id` plays here (one person may be incoming and reviewer)."""
        parties = set()
        if person_id is not None:
            if person_id == self.outgoing_id:
                parties.add(Party.OUTGOING)
            if person_id == self.incoming_id:
                parties.add(Party.INCOMING)
            if person_id == self.reviewer_id:
                parties.add(Party.REVIEWER)
        return frozenset(parties)

    def allowed_moves(self, person_id: int | None) -> list[Status]:
        """The statuses `person_id` may move this handover to now."""
        mine = self.party_of(person_id)
        return [to for (frm, to), who in TRANSITIONS.items()
                if frm is self.status and who & mine]

    def check_move(self, to: Status, person_id: int | None,
                   questions: list[Question] = ()) -> None:
        """Raise TransitionError naming why `person_id` may not move this handover to `to`:
        every reason at once, so one refusal says all that stands in the way."""
        to = Status.parse(to, "status")
        who = TRANSITIONS.get((self.status, to))
        if who is None:
            raise TransitionError(f"A handover cannot go from {self.status.label.lower()} "
                                  f"to {to.label.lower()}.")
        reasons = []
        if not who & self.party_of(person_id):
            names = " or ".join(sorted(p.label.lower() for p in who))
            reasons.append(f"Only the {names} manager may move a handover from "
                           f"{self.status.label.lower()} to {to.label.lower()}."
                           .replace("reviewer manager", "reviewing team lead"))
        if to is Status.ACCEPTED:
            reasons += self._unmet_for_acceptance(questions)
        if len(reasons) == 1:
            raise TransitionError(reasons[0])
        if reasons:
            listed = " ".join(f"({n}) {r}" for n, r in enumerate(reasons, start=1))
            raise TransitionError(f"The handover cannot be {to.label.lower()} yet, for "
                                  f"{len(reasons)} reasons: {listed}")

    def _unmet_for_acceptance(self, questions: list[Question]) -> list[str]:
        unmet = []
        if not self.read_back.strip():
            unmet.append("Write the read-back before accepting: the incoming manager's "
                         "summary in their own words.")
        open_questions = [q for q in questions if not q.answered]
        if open_questions:
            unmet.append(f"{len(open_questions)} question(s) still wait for an answer; "
                         "accept once every question is answered.")
        return unmet


def promises_to_keep(commitments: Iterable[Commitment], maker: str) -> list[Commitment]:
    """The open promises of ours that `maker` (the outgoing manager, by name, as "made by"
    holds it) made to the customer: at acceptance the incoming manager's to keep. The
    soonest due first, those without a due date last."""
    who = " ".join(maker.split()).casefold()
    mine = [c for c in commitments
            if c.direction is Direction.OURS and c.status is CommitmentStatus.OPEN
            and who and " ".join(c.made_by.split()).casefold() == who]
    return sorted(mine, key=lambda c: (c.due_date is None, c.due_date or dt.date.min))
