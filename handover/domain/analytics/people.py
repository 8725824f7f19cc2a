"""The people figures: relationship health per account, and attention against potential."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from handover.domain.analytics.facts import (
    DECLINE,
    HEADROOM_RATIO,
    IN_TOUCH_DAYS,
    AccountFact,
    ContactFact,
    StakeholderTally,
)
from handover.domain.analytics.stats import EPSILON, days_since, first, median, share
from handover.domain.records import Segment


@dataclass(frozen=True, slots=True)
class AccountRelationship:
    account_id: int
    account_name: str
    sentiment_trend: float | None
    days_since_contact: int | None
    key_stakeholders: int
    key_out_of_touch: int
    longest_silence_days: int | None
    decision_makers: int
    decision_makers_in_touch: int
    detractors: int
    warnings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Detractor:
    contact_id: int
    name: str
    account_id: int
    account_name: str
    attitude: int
    influence: int
    days_since_contact: int | None


@dataclass(frozen=True, slots=True)
class Relationships:
    mean_sentiment_trend: float | None
    declining: int
    out_of_contact: int  # no interaction in IN_TOUCH_DAYS
    with_key_out_of_touch: int
    without_decision_maker: int
    decision_maker_coverage: float | None  # decision makers in touch / decision makers
    accounts: tuple[AccountRelationship, ...]  # most warnings first
    detractors: tuple[Detractor, ...]  # most influential, longest silent first


@dataclass(frozen=True, slots=True)
class SegmentAttention:
    segment: Segment
    accounts: int
    median_interactions: float
    median_headroom: float | None


@dataclass(frozen=True, slots=True)
class Neglected:
    account_id: int
    account_name: str
    segment: Segment
    currency: str
    current_revenue: float
    potential_revenue: float
    headroom: float | None  # potential / current; None when there is no revenue yet
    interactions_recent: int
    days_since_contact: int | None


@dataclass(frozen=True, slots=True)
class Attention:
    median_interactions: float | None
    by_segment: tuple[SegmentAttention, ...]
    neglected: int
    items: tuple[Neglected, ...]  # largest headroom first


def relationships(accounts: Sequence[AccountFact], stakeholders: Iterable[StakeholderTally],
                  detractors: Iterable[ContactFact], today: dt.date, *,
                  limit: int | None = None) -> Relationships:
    """Relationship health per account and over the portfolio.

    Sentiment trend = mean sentiment of the last RECENT_DAYS - mean of the RECENT_DAYS
    before (None unless both have interactions); a trend <= -0.5 is a decline. Days since
    contact = today - the latest interaction. Key stakeholders out of touch, decision
    makers and detractors as in `stakeholder_tallies`; decision-maker coverage = decision
    makers in touch / all decision makers. An account is listed with its warnings
    (declining, no contact in IN_TOUCH_DAYS, key stakeholder out of touch, no decision
    maker, detractor), most warnings first. Each list keeps its first `limit` (all with
    None)."""
    by_account = {t.account_id: t for t in stakeholders}
    names = {a.id: a.name for a in accounts}
    nobody = StakeholderTally(0, 0, 0, None, 0, 0, 0)
    rows, trends = [], []
    declining = silent = key_out = no_dm = dm = dm_in_touch = 0
    # The loop runs once per account of the portfolio: plain locals, and the days since
    # contact worked out only for the accounts listed.
    last_in_touch = today - dt.timedelta(days=IN_TOUCH_DAYS)
    decline = DECLINE + EPSILON
    for a in accounts:
        t = by_account.get(a.id, nobody)
        recent, before, last = a.sentiment_recent, a.sentiment_before, a.last_interaction
        trend = None
        warnings = []
        if recent is not None and before is not None:
            trend = recent - before
            trends.append(trend)
            if trend <= decline:
                warnings.append(_DECLINING)
                declining += 1
        if last is None or last < last_in_touch:  # more than IN_TOUCH_DAYS ago
            warnings.append(_SILENT)
            silent += 1
        if t.key_out_of_touch:
            warnings.append(_KEY_OUT)
            key_out += 1
        decision_makers = t.decision_makers
        if not decision_makers:
            warnings.append(_NO_DM)
            no_dm += 1
        if t.detractors:
            warnings.append(_DETRACTOR)
        dm += decision_makers
        dm_in_touch += t.decision_makers_in_touch
        if warnings:
            rows.append(((-len(warnings), trend or 0.0, a.id), a, t, trend, warnings))
    rows = first(rows, limit)
    listed = [AccountRelationship(
        a.id, a.name, trend, days_since(a.last_interaction, today), t.key_stakeholders,
        t.key_out_of_touch, t.longest_silence_days, t.decision_makers,
        t.decision_makers_in_touch, t.detractors, tuple(warnings))
        for _, a, t, trend, warnings in rows]
    people = [(-c.influence, c.attitude, -(days or 10**6), c.id, c, days)
              for c in detractors if c.account_id in names and c.is_detractor
              for days in [days_since(c.last_contact, today)]]
    return Relationships(
        mean_sentiment_trend=sum(trends) / len(trends) if trends else None,
        declining=declining, out_of_contact=silent, with_key_out_of_touch=key_out,
        without_decision_maker=no_dm, decision_maker_coverage=share(dm_in_touch, dm),
        accounts=tuple(listed),
        detractors=tuple(Detractor(c.id, c.name, c.account_id, names[c.account_id],
                                   c.attitude, c.influence, days)
                         for *_, c, days in first(people, limit)))


_DECLINING = "sentiment declining"
_SILENT = "no contact in 90 days"
_KEY_OUT = "key stakeholder out of touch"
_NO_DM = "no decision maker known"
_DETRACTOR = "influential detractor"


def attention(accounts: Sequence[AccountFact], today: dt.date, *,
              limit: int | None = None) -> Attention:
    """Attention against potential. Headroom = potential / current revenue (None with no
    current revenue). Attention = interactions in the last RECENT_DAYS. An account is
    neglected when its headroom is at least 2 (or it has potential but no revenue yet) and
    it gets less attention than the portfolio's median account. Per segment: accounts,
    median attention, median headroom. Largest headroom first (no revenue yet first of
    all); the list keeps its first `limit` (all with None)."""
    if not accounts:
        return Attention(None, (), 0, ())
    median_contact = median([a.interactions_recent for a in accounts])
    per: dict[Segment, tuple[list[int], list[float]]] = {}
    items = []
    for a in accounts:
        room = a.potential_revenue / a.current_revenue if a.current_revenue > 0 else None
        contact, rooms = per.setdefault(a.segment, ([], []))
        contact.append(a.interactions_recent)
        if room is not None:
            rooms.append(room)
        large = room >= HEADROOM_RATIO if room is not None else a.potential_revenue > 0
        if large and a.interactions_recent < median_contact:
            items.append((room is not None, -(room or 0.0), a.interactions_recent, a.id, a,
                          room))
    segments = []
    for segment in Segment:
        if segment in per:
            contact, rooms = per[segment]
            segments.append(SegmentAttention(segment, len(contact), median(contact),
                                             median(rooms) if rooms else None))
    neglected = tuple(
        Neglected(a.id, a.name, a.segment, a.currency, a.current_revenue, a.potential_revenue,
                  room, a.interactions_recent, days_since(a.last_interaction, today))
        for *_, a, room in first(items, limit))
    return Attention(median_contact, tuple(segments), len(items), neglected)
