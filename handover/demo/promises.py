"""The demo's promises: those made on both sides in the course of an account, and the one
promise maker the concessions use for what a customer gives in return."""

from __future__ import annotations

import datetime as dt

from handover.demo.deal_texts import OURS, THEIRS
from handover.demo.placeholders import Fill, as_money
from handover.demo.shape import COMMITMENTS, DAMAGED, HEALTHY, NEGLECTED, STEADY
from handover.demo.state import AccountPlan, ContactPlan, MakerState
from handover.domain.records import Commitment, CommitmentStatus, Direction, Person


def make_promise(maker: MakerState, acct: AccountPlan, direction: Direction, text: str,
                 day: dt.date, due_in: int, ours: Person, theirs: ContactPlan | None, *,
                 value=None, concession_id: int | None = None,
                 status: CommitmentStatus | None = None) -> Commitment:
    """A promise made on `day`, due `due_in` days later, between `ours` and `theirs`;
    kept, broken or still open by the odds of the account's kind unless `status` says."""
    rng = maker.rng
    due = day + dt.timedelta(days=due_in)
    if status is None:
        if due >= maker.today:
            status = CommitmentStatus.OPEN
        else:
            odds = {HEALTHY: (80, 6, 10, 4), STEADY: (65, 15, 14, 6),
                    DAMAGED: (35, 25, 35, 5), NEGLECTED: (60, 30, 5, 5)}[acct.profile]
            status = rng.choices((CommitmentStatus.KEPT, CommitmentStatus.OPEN,
                                  CommitmentStatus.BROKEN, CommitmentStatus.WITHDRAWN),
                                 odds)[0]
    who = theirs.name if theirs else ""
    made_by, made_to = (ours.name, who) if direction is Direction.OURS else (who, ours.name)
    if status is CommitmentStatus.OPEN and rng.random() < 0.03:
        due = None  # a promise nobody put a date on
    return Commitment(account_id=acct.id, direction=direction, description=text,
                      made_by=made_by, made_to=made_to, date=day, due_date=due,
                      status=status, concession_id=concession_id, value=value,
                      id=maker.take("commitments"))


def make_commitments(maker: MakerState, acct: AccountPlan, large: bool) -> list[Commitment]:
    """The promises of `acct` made outside any concession, ours and theirs by turns."""
    rng = maker.rng
    n = rng.randint(*COMMITMENTS)
    if acct.profile == NEGLECTED:
        n = rng.randint(1, 2)
    elif large:
        n = 40
    out = []
    span = (acct.last_day - acct.since).days
    for i in range(n):
        direction = Direction.OURS if i % 2 == 0 else Direction.THEIRS
        text, due_in = rng.choice(OURS if direction is Direction.OURS else THEIRS)
        # most promises in flight are recent; a few are old and long overdue
        back = rng.randint(0, min(span, 120)) if rng.random() < 0.7 else rng.randint(
            0, span)
        day = acct.last_day - dt.timedelta(days=back)
        status = None
        if acct.profile == DAMAGED and i < 2:
            # broken on both sides: one of ours, one of theirs
            status = CommitmentStatus.BROKEN
            day = min(day, maker.today - dt.timedelta(days=due_in + rng.randint(5, 60)))
            day = max(day, acct.since)
        fill = Fill(maker, acct, day, False, c1=rng.choice(acct.contacts))
        fill["amount"] = as_money(round(acct.revenue * rng.uniform(0.02, 0.1), -2),
                                  acct.currency)
        out.append(make_promise(maker, acct, direction, text.format_map(fill), day, due_in,
                                acct.owner, fill.c1, status=status))
    return out
