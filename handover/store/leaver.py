"""A leaver's book handed over at once: who has a book to hand over, the accounts of one
(and which already have a handover under way), starting a handover for each account in
one transaction, taking them back again, and the batches the team review groups by."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from handover.domain.errors import HandoverError, TransitionError, ValidationError
from handover.domain.handover import Handover, Status
from handover.domain.leaver import BookAccount, LeaverBatch, LeaverPlan
from handover.domain.records import Person
from handover.store.handover_ops import create_handover, remove_handover
from handover.store.workspace import Workspace

# Told after each account: (done, total). Returning False stops the work and nothing lands.
Progress = Callable[[int, int], bool]


class LeaverCancelled(HandoverError):
    """The team lead stopped the start of a leaver's handovers; nothing was written."""


@dataclass(frozen=True, slots=True)
class Leaver:
    """A team member who owns accounts still active: someone whose book can be handed on."""

    id: int
    name: str
    accounts: int


@dataclass(frozen=True, slots=True)
class BookEntry:
    """One account of a leaver's book, and the status of the handover already under way
    for it, if any (then a leaver's handover skips it)."""

    account: BookAccount
    status: Status | None = None

    @property
    def id(self) -> int:
        return self.account.id

    @property
    def under_way(self) -> str:
        """Why the account is skipped, in words; "" when it can be handed over."""
        if self.status is None:
            return ""
        return f"already has a handover under way ({self.status.label.lower()})"


@dataclass(frozen=True)
class Skipped:
    account_id: int
    account: str
    reason: str


@dataclass(frozen=True)
class LeaverOutcome:
    """What starting a leaver's handovers did: the batch, the handovers started (with their
    ids, so a redo puts back the very same ones) and the accounts skipped, with why."""

    batch: LeaverBatch
    created: tuple[Handover, ...]
    skipped: tuple[Skipped, ...]


@dataclass(frozen=True, slots=True)
class LeaverGroup:
    """One batch as the team review shows it: "Leaver: Dana Whitfield (25)"."""

    batch_id: int
    leaver_id: int
    leaver: str
    started_on: dt.date
    handovers: int
    accepted: int

    @property
    def label(self) -> str:
        return f"Leaver: {self.leaver} ({self.handovers})"


# ---------------------------------------------------------------- reading


def leavers(ws: Workspace) -> list[Leaver]:
    """Every team member who owns an active (not archived) account, by name, with how many."""
    cursor = ws.db.execute(
        "SELECT p.id, p.name, count(a.id) FROM people p "
        "JOIN accounts a ON a.owner_id = p.id AND a.archived = 0 "
        "GROUP BY p.id ORDER BY p.name COLLATE NOCASE, p.id")
    return [Leaver(id_, name, n) for id_, name, n in cursor]


_BOOK_SQL = """
SELECT a.id, a.name, a.currency, coalesce(a.current_revenue, 0),
       (SELECT h.status FROM handovers h WHERE h.account_id = a.id AND h.status != ?
        ORDER BY h.id LIMIT 1)
FROM accounts a
WHERE a.owner_id = ? AND a.archived = 0
ORDER BY a.currency, a.current_revenue DESC, a.name COLLATE NOCASE, a.id
"""


def book_of(ws: Workspace, person_id: int) -> list[BookEntry]:
    """The active accounts `person_id` owns, by currency and the largest first within one
    (amounts in different currencies are not ranked against each other), each with the handover
    already under way for it, if any (the accounts a leaver's handover skips)."""
    return [BookEntry(BookAccount(id_, name, currency, float(revenue)),
                      Status(status) if status is not None else None)
            for id_, name, currency, revenue, status in ws.db.execute(
                _BOOK_SQL, [Status.ACCEPTED.value, person_id])]


def leaver_groups(ws: Workspace) -> list[LeaverGroup]:
    """Every leaver's batch that still has handovers, the latest first."""
    cursor = ws.db.execute(
        "SELECT b.id, b.leaver_id, coalesce(p.name, ''), b.started_on, count(h.id), "
        "       count(CASE WHEN h.status = ? THEN 1 END) "
        "FROM leaver_batches b JOIN handovers h ON h.batch_id = b.id "
        "LEFT JOIN people p ON p.id = b.leaver_id "
        "GROUP BY b.id ORDER BY b.started_on DESC, b.id DESC", [Status.ACCEPTED.value])
    return [LeaverGroup(id_, leaver_id, name, dt.date.fromisoformat(started), n, accepted)
            for id_, leaver_id, name, started, n, accepted in cursor]


# ---------------------------------------------------------------- writing


def start_leaver_handovers(ws: Workspace, plan: LeaverPlan, *, today: dt.date,
                           started_by_id: int | None = None,
                           progress: Progress | None = None) -> LeaverOutcome:
    """Start a handover of each account of `plan.split`, from the leaver to the incoming
    manager chosen for it, all due on one day: one transaction. Each goes through
    `create_handover`, so it is checked as a handover started by hand is; an account
    that already has a handover under way (or was archived meanwhile) is skipped and
    named with the reason. A refusal of a person stops it all, as does
    `progress` answering False (LeaverCancelled); then nothing is written."""
    try:
        leaver = ws.get(Person, plan.leaver_id)
    except HandoverError:
        raise ValidationError("leaver", "choose the leaver from the list") from None
    total = len(plan.split)
    created: list[Handover] = []
    skipped: list[Skipped] = []
    with ws.action(f"starting the handovers of {leaver.name}'s accounts"):
        batch = ws.add(LeaverBatch(leaver_id=leaver.id, started_on=today,
                                   started_by_id=started_by_id))
        for done, (account_id, incoming_id) in enumerate(plan.split.items(), 1):
            handover = Handover(account_id=account_id, outgoing_id=leaver.id,
                                incoming_id=incoming_id, reviewer_id=plan.reviewer_id,
                                due_date=plan.due_date, created_on=today, batch_id=batch.id)
            try:
                created.append(create_handover(ws, handover))
            except ValidationError as e:
                # A refusal of the account (under way, archived since, gone) is about that
                # account alone; one of a person is about them all.
                if e.field != "account_id":
                    raise
                skipped.append(Skipped(account_id, _account_name(ws, account_id), e.message))
            if progress is not None and progress(done, total) is False:
                raise LeaverCancelled(f"Stopped: none of {leaver.name}'s handovers was "
                                      "started.")
        if not created:
            raise ValidationError("split", f"every one of the {total} accounts chosen "
                                           "already has a handover under way; nothing to "
                                           "start")
    return LeaverOutcome(batch, tuple(created), tuple(skipped))


def _account_name(ws: Workspace, account_id: int) -> str:
    found = ws.db.execute("SELECT name FROM accounts WHERE id = ?", [account_id]).fetchone()
    return found[0] if found else f"account {account_id}"


def restart_leaver_handovers(ws: Workspace, outcome: LeaverOutcome,
                             progress: Progress | None = None) -> LeaverOutcome:
    """Start the very handovers of `outcome` again, with their ids (the redo of taking
    them back): one transaction; refused whole if one of the accounts has meanwhile got a
    handover under way."""
    with ws.action("starting a leaver's handovers again"):
        batch = ws.add(outcome.batch)
        created = []
        for done, handover in enumerate(outcome.created, 1):
            created.append(create_handover(ws, dataclasses.replace(handover,
                                                                  batch_id=batch.id)))
            if progress is not None:
                progress(done, len(outcome.created))
    return dataclasses.replace(outcome, batch=batch, created=tuple(created))


def take_back_leaver_handovers(ws: Workspace, outcome: LeaverOutcome,
                               progress: Progress | None = None) -> None:
    """Remove the handovers `outcome` started, and its batch (the undo of starting them):
    one transaction. TransitionError naming every account whose handover has gone further
    than a draft since; then nothing is removed."""
    moved = []
    for handover in outcome.created:
        row = ws.db.execute("SELECT h.status, a.name FROM handovers h JOIN accounts a "
                            "ON a.id = h.account_id WHERE h.id = ?", [handover.id]).fetchone()
        if row is not None and row[0] != Status.DRAFT.value:
            moved.append(f"{row[1]} ({Status(row[0]).label.lower()})")
    if moved:
        raise TransitionError(f"{len(moved)} of these handovers went further than a draft "
                              f"since, so none is taken back: {', '.join(moved)}.")
    with ws.action("taking back a leaver's handovers"):
        for done, handover in enumerate(outcome.created, 1):
            remove_handover(ws, handover.id)  # type: ignore[arg-type]
            if progress is not None:
                progress(done, len(outcome.created))
        ws.delete(ws.get(LeaverBatch, outcome.batch.id))  # type: ignore[arg-type]
