"""The demo's history of an account: its interactions over the years, their kinds, sentiment
and summaries, and the events a handover's history section recalls."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from handover.demo.placeholders import Fill
from handover.demo.shape import (
    DAMAGED,
    INTERACTIONS,
    KIND_WEIGHTS,
    LARGE_INTERACTIONS,
    MOOD,
    NEGLECTED,
)
from handover.demo.state import AccountPlan, MakerState
from handover.demo.texts import LOST_SUMMARY, SUMMARIES
from handover.domain.records import Interaction, InteractionKind

K = InteractionKind


def make_interactions(maker: MakerState, acct: AccountPlan, large: bool):
    """The interactions of `acct` (the last one on its last day), and its notable events:
    (day, kind, the summary's first line) of each escalation, complaint, win and loss."""
    rng = maker.rng
    if large:
        n = LARGE_INTERACTIONS
    elif acct.profile == NEGLECTED:
        n = rng.randint(1, 4)
    else:
        low, high = INTERACTIONS[acct.segment]
        n = rng.randint(low, high)
        if acct.profile == DAMAGED:
            n = int(n * 1.2)
    span = (acct.last_day - acct.since).days
    offsets = sorted(rng.randint(0, span) for _ in range(n))
    offsets[-1] = span  # the last contact is on the account's last day
    kinds, weights = KIND_WEIGHTS[acct.profile]
    chosen = rng.choices(kinds, weights, k=n)
    if acct.profile == DAMAGED and n >= 3:
        # damage shows in the history: at least one escalation and one complaint, late
        chosen[-2], chosen[-3] = K.ESCALATION, K.COMPLAINT
    if acct.lost:
        chosen[-1] = K.LOSS
    mood = MOOD[acct.profile]
    records, events = [], []
    for offset, kind in zip(offsets, chosen, strict=True):
        day = acct.since + dt.timedelta(days=offset)
        sentiment = sentiment_of(rng, kind, mood)
        if acct.profile == DAMAGED and offset > 0.6 * span and sentiment > -2 and \
                kind in (K.MEETING, K.CALL, K.EMAIL, K.REVIEW):
            sentiment -= 1  # it got worse lately
        pool = acct.friendly if sentiment >= 0 or kind is K.WIN else acct.unfriendly
        if kind in (K.ESCALATION, K.COMPLAINT) and acct.hostile and rng.random() < 0.6:
            c1 = acct.hostile
        else:
            c1 = rng.choice(pool)
        c2 = rng.choice(acct.contacts)
        involved = [c1] if kind is K.EMAIL or c2 is c1 else [c1, c2]
        fill = Fill(maker, acct, day, sentiment >= 0, c1=c1, c2=c2)
        template = LOST_SUMMARY if acct.lost and offset == span and kind is K.LOSS \
            else rng.choice(SUMMARIES[kind])
        summary = template.format_map(fill)
        for c in involved:
            c.last_contact = day
        records.append(Interaction(account_id=acct.id, date=day, kind=kind,
                                   summary=summary, sentiment=sentiment,
                                   contact_ids=tuple(c.id for c in involved),
                                   id=maker.take("interactions")))
        if kind in (K.ESCALATION, K.COMPLAINT, K.WIN, K.LOSS):
            events.append((day, kind, summary.split("\n", 1)[0]))
    return records, events


def sentiment_of(rng: random.Random, kind: InteractionKind, mood: Sequence[int]) -> int:
    if kind is K.ESCALATION:
        return rng.choice((-2, -2, -1))
    if kind in (K.COMPLAINT, K.LOSS):
        return rng.choice((-2, -1, -1))
    if kind is K.WIN:
        return rng.choice((1, 2, 2))
    return rng.choice(mood)
