"""The discount figures: each segment's band, concessions above policy, peer outliers."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from handover.domain.analytics.facts import (
    PEER_MIN_ACCOUNTS,
    PEER_Z,
    AccountFact,
    ConcessionFact,
    PolicyTally,
    PricedTotal,
)
from handover.domain.analytics.rules import RuleBook, above_rules
from handover.domain.analytics.stats import money, peer_z_scores, percentile
from handover.domain.records import DiscountPolicy, Segment, in_force


@dataclass(frozen=True, slots=True)
class SegmentBand:
    """The spread of discount % in one segment beside the policy in force today."""

    segment: Segment
    concessions: int
    accounts: int
    median: float
    q1: float
    q3: float
    p10: float
    p90: float
    minimum: float
    maximum: float
    target_pct: float | None
    max_pct: float | None


@dataclass(frozen=True, slots=True)
class Outlier:
    """A concession above its policy maximum (`excess` in money, the account's currency),
    or an account whose discount stands out from its peers (`z`)."""

    reason: str
    account_id: int
    account_name: str
    segment: Segment
    currency: str
    discount_pct: float
    concession_id: int | None = None
    date: dt.date | None = None
    max_pct: float | None = None
    excess: float | None = None
    z: float | None = None
    peer_mean_pct: float | None = None


@dataclass(frozen=True, slots=True)
class Outliers:
    """Concessions above policy (their excess summed per currency) and accounts that stand
    out from their peers."""

    above_policy: int
    excess_by_currency: dict[str, float]
    peer: int
    above_policy_items: tuple[Outlier, ...]  # largest excess first
    peer_items: tuple[Outlier, ...]  # highest z first


def outliers(above_policy: Sequence[Outlier], peer: Sequence[Outlier],
             tally: PolicyTally, peers: int | None = None) -> Outliers:
    """Both kinds of outlier; the count of concessions above policy and their excess (the
    sum of their excess over the policy maximum, per currency) come from `tally`, the count
    of peer outliers from `peers` where `peer` is only the first ones."""
    return Outliers(tally.above, money(tally.excess_by_currency),
                    len(peer) if peers is None else peers, tuple(above_policy), tuple(peer))


def discount_bands(discounts: Mapping[Segment, Sequence[float]],
                   priced: Sequence[PricedTotal], accounts: Mapping[int, AccountFact],
                   policies: Sequence[DiscountPolicy], today: dt.date) -> list[SegmentBand]:
    """Per segment, over the discount % of its concessions (sorted): the median, the
    quartiles q1 and q3 (the interquartile range), P10 and P90, min and max (percentiles as
    in `percentile`), the number of concessions and of accounts with one; beside them the
    target and maximum of the policy in force today. Segments in `Segment` order."""
    accounts_in: dict[Segment, int] = defaultdict(int)
    for t in priced:
        accounts_in[accounts[t.account_id].segment] += 1
    bands = []
    for segment in Segment:
        values = discounts.get(segment)
        if not values:
            continue
        policy = in_force(policies, today, segment=segment)
        bands.append(SegmentBand(
            segment=segment, concessions=len(values), accounts=accounts_in[segment],
            median=percentile(values, 0.5), q1=percentile(values, 0.25),
            q3=percentile(values, 0.75), p10=percentile(values, 0.1),
            p90=percentile(values, 0.9), minimum=values[0], maximum=values[-1],
            target_pct=policy.target_pct if policy else None,
            max_pct=policy.max_pct if policy else None))
    return bands


def policy_outliers(concessions: Iterable[ConcessionFact], accounts: Mapping[int, AccountFact],
                    policies: Sequence[DiscountPolicy]) -> list[Outlier]:
    """Concessions whose discount % is above the maximum of the policy in force on their
    date for their account's segment, with the excess in money:
    (discount % - max %) / 100 x baseline, in the account's currency. Concessions before
    any policy are not judged. Largest excess first (amounts of different currencies are
    compared as numbers for this order only), then by concession."""
    return [Outlier(
        reason=f"above policy maximum {e.allowed_pct:g}%", account_id=e.account.id,
        account_name=e.account.name, segment=e.account.segment, currency=e.account.currency,
        discount_pct=e.pct, concession_id=e.concession.id, date=e.concession.date,
        max_pct=e.allowed_pct, excess=round(e.excess, 2))
        for e in above_rules(concessions, accounts, RuleBook(policies, "segment"),
                             lambda c, account: account.segment, lambda p: p.max_pct)]


def peer_outliers(priced: Iterable[PricedTotal],
                  accounts: Mapping[int, AccountFact]) -> list[Outlier]:
    """Accounts whose discount stands out from their peers.

    An account's discount % is 100 x sum(conceded) / sum(baseline) over its concessions
    that have a discount % (their mean discount, weighted by baseline). Its peer z-score is
    (its discount - the mean of the other accounts of its segment) / their sample standard
    deviation; an account is an outlier when z >= 2 in a segment of at least 3 such
    accounts (so at least 2 peers). When the peers all have the same discount, z is
    undefined and nobody is flagged. Highest z first."""
    by_segment: dict[Segment, tuple[list[AccountFact], list[float]]] = {}
    get = accounts.get
    for account_id, _, baseline, conceded in priced:
        account = get(account_id)
        if account is not None and baseline > 0:
            members, xs = by_segment.setdefault(account.segment, ([], []))
            members.append(account)
            xs.append(100.0 * conceded / baseline)
    out = []
    for segment, (members, xs) in by_segment.items():
        if len(members) < PEER_MIN_ACCOUNTS:
            continue
        for i, z, mean in peer_z_scores(xs, PEER_Z):
            account = members[i]
            out.append(Outlier(
                reason=f"peer z-score {z:.1f}", account_id=account.id,
                account_name=account.name, segment=segment, currency=account.currency,
                discount_pct=xs[i], z=z, peer_mean_pct=mean))
    out.sort(key=lambda o: (-(o.z or 0.0), o.account_id))
    return out

