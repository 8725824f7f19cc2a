"""The portfolio figures of DESIGN.md's "Analytics": pure functions over gathered facts.

How the figures are computed, once for all of them:

- A concession's **discount %** is 100 x conceded value / baseline value, for the price kinds
  (`records.PRICE_KINDS`) with a baseline above zero; other concessions (payment terms, an
  extension, a zero baseline ...) have none and are left out of every %-figure, while they
  still count in the counts and money figures.
- **Percentiles** are by linear interpolation between the closest ranks of the sorted
  values (the "inclusive" method of `statistics.quantiles`, numpy's default): the p-th
  percentile of x[0] <= ... <= x[n-1] is x[k] + f * (x[k+1] - x[k]) with k + f = p * (n-1).
- **Currencies**: money is never added across currencies. Every amount is reported per
  currency (the account's currency; a concession and its return are in it), and so are
  ratios of amounts (share by value, reciprocity). Counts, shares by count and percentages
  pool all currencies, because a percentage means the same in each.
- **Policy as it stood that day**: a concession is judged by the discount policy of its
  account's segment, and by the approval limit of its granter's role, that were in force
  on the concession's date (`records.in_force`). People's roles are not dated, so the
  granter's present role is used.
- **Negotiations**: concessions are grouped by their `negotiation` name; one without a name
  is taken as part of its calendar year's negotiation (named "2025").
- Archived accounts are not part of the portfolio.

The facts come from `store.portfolio` (aggregated in SQL) or from `gather` (the same
aggregation in Python, over one fact per concession, as the tests use it).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import heapq
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from typing import NamedTuple

from handover.domain.records import (
    PRICE_KINDS,
    ApprovalLimit,
    BuyingRole,
    CommitmentStatus,
    ConcessionKind,
    DiscountPolicy,
    Recurrence,
    Role,
    Segment,
    Tactic,
    in_force,
)

RECENT_DAYS = 180  # the window for "recent" contact and sentiment
IN_TOUCH_DAYS = 90  # a key stakeholder not contacted for longer is out of touch
PEER_Z = 2.0  # a peer z-score at or above this is an outlier ...
PEER_MIN_ACCOUNTS = 3  # ... where the segment has at least this many accounts
MAX_OUT_POINTS = 1.0  # "within one point of a limit"
HEADROOM_RATIO = 2.0  # potential at least this many times the current revenue
DECLINE = -0.5  # a sentiment trend at or below this is a decline
KEY_INFLUENCE = 4  # influence from which a stakeholder is key, as is every decision maker
DECISION_ROLES = frozenset({BuyingRole.ECONOMIC_BUYER, BuyingRole.DECISION_MAKER})
PRECEDENT_RECURRENCES = frozenset({Recurrence.RECURRING, Recurrence.PERMANENT})
_EPSILON = 1e-9


class Answer(StrEnum):
    """What a concession says was received in return for it."""

    RECEIVED = "received"  # at least one *theirs* commitment points at it
    NOTHING = "nothing"  # the explicit answer "nothing", and no commitment
    UNANSWERED = "unanswered"  # neither: the question is still open


# ---------------------------------------------------------------- facts (the inputs)


class AccountFact(NamedTuple):
    """An active account with what the figures need of its activity up to `today`.

    A named tuple, as the other facts a portfolio has one of per account, because a
    10,000-account portfolio makes them by the 10,000 from SQL rows (5x faster than a
    frozen dataclass)."""

    id: int
    name: str
    segment: Segment
    currency: str
    current_revenue: float = 0.0
    potential_revenue: float = 0.0
    renewal_date: dt.date | None = None
    interactions_recent: int = 0  # interactions in the RECENT_DAYS up to today
    last_interaction: dt.date | None = None
    sentiment_recent: float | None = None  # mean sentiment of the RECENT_DAYS up to today
    sentiment_before: float | None = None  # mean sentiment of the RECENT_DAYS before those


@dataclass(frozen=True, slots=True)
class Received:
    """A *theirs* commitment given in return for a concession."""

    status: CommitmentStatus
    value: float | None = None
    due_date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class ConcessionFact:
    """One concession as the figures see it; its account gives segment and currency."""

    id: int
    account_id: int
    date: dt.date
    kind: ConcessionKind = ConcessionKind.PRICE_DISCOUNT
    baseline_value: float = 0.0
    conceded_value: float = 0.0
    nothing_in_return: bool = False
    received: tuple[Received, ...] = ()
    recurrence: Recurrence = Recurrence.ONE_OFF
    sets_precedent: bool = False
    known_to_others: bool = False
    expiry: dt.date | None = None
    negotiation: str = ""
    tactics: frozenset[Tactic] = frozenset()
    granted_by_role: Role | None = None
    approved: bool = False  # approved by someone other than the granter
    likely_next_ask: str = ""

    @property
    def discount_pct(self) -> float | None:
        return discount_pct(self.kind, self.baseline_value, self.conceded_value)

    @property
    def answer(self) -> Answer:
        if self.received:
            return Answer.RECEIVED
        return Answer.NOTHING if self.nothing_in_return else Answer.UNANSWERED

    @property
    def negotiation_key(self) -> str:
        return negotiation_key(self.negotiation, self.date)


@dataclass(frozen=True, slots=True)
class ContactFact:
    """A stakeholder; `last_contact` is the latest day we were in touch with them."""

    id: int
    account_id: int
    name: str
    buying_role: BuyingRole = BuyingRole.USER
    attitude: int | None = None
    influence: int = 3
    last_contact: dt.date | None = None

    @property
    def is_key(self) -> bool:
        return self.influence >= KEY_INFLUENCE or self.buying_role in DECISION_ROLES

    @property
    def is_detractor(self) -> bool:
        """Against us (attitude -1 or -2) with high influence."""
        return (self.attitude is not None and self.attitude <= -1
                and self.influence >= KEY_INFLUENCE)


def discount_pct(kind: ConcessionKind, baseline: float, conceded: float) -> float | None:
    """100 x conceded / baseline for the price kinds with a baseline; otherwise None."""
    if kind not in PRICE_KINDS or baseline <= 0:
        return None
    return 100.0 * conceded / baseline


def negotiation_key(name: str, day: dt.date) -> str:
    """The negotiation a concession belongs to: its name, or its calendar year."""
    return name if name else str(day.year)


# ---------------------------------------------------------------- tallies (gathered facts)
# What SQL aggregates; `gather` computes the same from one fact per concession.


class PricedTotal(NamedTuple):
    """One account's concessions that have a discount %."""

    account_id: int
    concessions: int
    baseline: float
    conceded: float


@dataclass(frozen=True, slots=True)
class PolicyTally:
    """Concessions above the maximum of the policy in force on their date: how many, and
    their excess summed per currency (see `policy_outliers`)."""

    above: int = 0
    excess_by_currency: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class LimitTally:
    """Concessions with a discount % judged against the approval limit of their granter's
    role in force on their date: how many could be judged, maxed out, breached it, or went
    above it with approval (see `authority`)."""

    judged: int = 0
    max_outs: int = 0
    breaches: int = 0
    approved_above: int = 0


@dataclass(frozen=True, slots=True)
class ReturnTally:
    """The concessions of one currency with one answer to "what was received in return"."""

    currency: str
    answer: Answer
    concessions: int
    conceded: float
    received: float  # value of the theirs commitments in return; withdrawn ones left out


@dataclass(frozen=True, slots=True)
class PromiseTally:
    """The theirs commitments given in return for concessions, of one currency and status."""

    currency: str
    status: CommitmentStatus
    promises: int
    value: float  # of those with a value
    overdue: int = 0  # open and past their due date


@dataclass(frozen=True, slots=True)
class RenewalHistory:
    """One account's negotiations in date order, each as (name, first day, discount %):
    100 x the sum of the conceded values / the largest baseline among its priced
    concessions (the concessions of one negotiation add up against one deal)."""

    account_id: int
    negotiations: tuple[tuple[str, dt.date, float], ...]


@dataclass(frozen=True, slots=True)
class NegotiationSizes:
    """The conceded values above zero of one negotiation, in the order they were given."""

    account_id: int
    negotiation: str
    sizes: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class ComebackFact:
    """A one-off concession and the first later concession of the same kind, same account."""

    account_id: int
    concession_id: int
    kind: ConcessionKind
    date: dt.date
    came_back_id: int
    came_back_date: dt.date


@dataclass(frozen=True, slots=True)
class ExposureTally:
    """One account's precedent or recurring concessions live at its renewal."""

    account_id: int
    concessions: int
    value: float
    known_to_others: int
    likely_next_ask: str  # of the account's latest concession that names one


@dataclass(frozen=True, slots=True)
class PrecedentTally:
    """Over every account with exposure: how many, and their value per currency."""

    accounts: int = 0
    value_by_currency: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class TacticTally:
    """The concessions of one currency that came after one buyer tactic."""

    tactic: Tactic
    currency: str
    concessions: int
    conceded: float
    nothing: int  # with the answer "nothing in return"
    priced: int  # with a discount %
    discount_sum: float  # the sum of those discount %


class StakeholderTally(NamedTuple):
    """One account's stakeholders: key ones, who is out of touch, decision makers."""

    account_id: int
    key_stakeholders: int
    key_out_of_touch: int  # not contacted in IN_TOUCH_DAYS, or never
    longest_silence_days: int | None  # among key stakeholders contacted at all
    decision_makers: int
    decision_makers_in_touch: int
    detractors: int


@dataclass(frozen=True)
class PortfolioFacts:
    """Everything the figures are computed from, as of `today`.

    Lists named `*_candidates` hold at least the items a figure lists (SQL sends only the
    first ones in the figure's order, `gather` sends all; the figure decides which to keep);
    the counts and sums beside them are over the whole portfolio."""

    today: dt.date
    accounts: Sequence[AccountFact]
    policies: Sequence[DiscountPolicy] = ()
    limits: Sequence[ApprovalLimit] = ()
    # sorted, or a RankedValues with the ranks a band reads
    discounts: Mapping[Segment, Sequence[float]] = field(default_factory=dict)
    concessions: int = 0
    without_discount: int = 0  # concessions with no discount %
    priced: Sequence[PricedTotal] = ()
    policy_candidates: Sequence[ConcessionFact] = ()  # above their policy maximum
    policy_tally: PolicyTally = PolicyTally()
    breach_candidates: Sequence[ConcessionFact] = ()  # above their granter's limit
    limit_tally: LimitTally = LimitTally()
    returns: Sequence[ReturnTally] = ()
    promises: Sequence[PromiseTally] = ()
    renewal_candidates: Sequence[RenewalHistory] = ()
    accounts_with_renewals: int = 0  # with at least two negotiations that have a discount %
    escalating_unlisted: int = 0  # escalating accounts not among renewal_candidates
    size_candidates: Sequence[NegotiationSizes] = ()
    negotiations_with_steps: int = 0  # with at least two concessions of a value
    growing_negotiations: int = 0
    one_offs: int = 0
    comebacks: Sequence[ComebackFact] = ()
    came_back: int = 0
    exposures: Sequence[ExposureTally] = ()  # all, or the first ones with `exposure_tally`
    exposure_tally: PrecedentTally | None = None
    tactics: Sequence[TacticTally] = ()
    without_tactic: int = 0
    stakeholders: Sequence[StakeholderTally] = ()
    detractors: Sequence[ContactFact] = ()  # all, or the first ones in the figure's order


def gather(accounts: Iterable[AccountFact], concessions: Iterable[ConcessionFact],
           contacts: Iterable[ContactFact] = (), *, policies: Sequence[DiscountPolicy] = (),
           limits: Sequence[ApprovalLimit] = (), today: dt.date) -> PortfolioFacts:
    """The tallies of a portfolio from one fact per account, concession and contact: the
    reference for what `store.portfolio` gathers in SQL. Concessions of accounts not given
    (archived ones) are left out."""
    accounts = list(accounts)
    by_id = {a.id: a for a in accounts}
    concessions = sorted((c for c in concessions if c.account_id in by_id),
                         key=lambda c: (c.date, c.id))
    discounts: dict[Segment, list[float]] = defaultdict(list)
    priced: dict[int, list[float]] = {}
    returns: dict[tuple[str, Answer], list[float]] = {}
    promises: dict[tuple[str, CommitmentStatus], list[float]] = {}
    negotiations: dict[tuple[int, str], list] = {}
    sizes: dict[tuple[int, str], list[float]] = defaultdict(list)
    exposures: dict[int, list] = {}
    next_ask: dict[int, str] = {}
    tactics: dict[tuple[Tactic, str], list[float]] = {}
    policy_candidates, breach_candidates, comebacks = [], [], []
    excess: dict[str, float] = defaultdict(float)
    breaches = approved_above = 0
    same_kind: dict[tuple[int, ConcessionKind], list[ConcessionFact]] = defaultdict(list)
    for c in concessions:
        same_kind[(c.account_id, c.kind)].append(c)
    without_discount = judged = max_outs = one_offs = without_tactic = 0
    policy_book, limit_book = RuleBook(policies, "segment"), RuleBook(limits, "role")
    for c in concessions:
        account = by_id[c.account_id]
        pct = c.discount_pct
        if pct is None:
            without_discount += 1
        else:
            discounts[account.segment].append(pct)
            t = priced.setdefault(c.account_id, [0, 0.0, 0.0])
            t[0] += 1
            t[1] += c.baseline_value
            t[2] += c.conceded_value
            policy = policy_book.at(c.date, account.segment)
            limit = limit_book.at(c.date, c.granted_by_role)
            if policy is not None and pct > policy.max_pct + _EPSILON:
                policy_candidates.append(c)
                excess[account.currency] += _excess(c, pct, policy.max_pct)
            if limit is not None:
                judged += 1
                max_outs += _maxed_out(pct, limit.limit_pct)
                if pct > limit.limit_pct + _EPSILON:
                    breach_candidates.append(c)
                    approved_above += c.approved
                    breaches += not c.approved
        r = returns.setdefault((account.currency, c.answer), [0, 0.0, 0.0])
        r[0] += 1
        r[1] += c.conceded_value
        r[2] += sum(x.value or 0.0 for x in c.received
                    if x.status is not CommitmentStatus.WITHDRAWN)
        for x in c.received:
            p = promises.setdefault((account.currency, x.status), [0, 0.0, 0])
            p[0] += 1
            p[1] += x.value or 0.0
            p[2] += x.status is CommitmentStatus.OPEN and x.due_date is not None \
                and x.due_date < today
        key = c.negotiation_key
        if pct is not None:
            n = negotiations.setdefault((c.account_id, key), [c.date, 0.0, 0.0])
            n[1] = max(n[1], c.baseline_value)
            n[2] += c.conceded_value
        if c.conceded_value > 0:
            sizes[(c.account_id, key)].append(c.conceded_value)
        if c.recurrence is Recurrence.ONE_OFF:
            one_offs += 1
            later = next((d for d in same_kind[(c.account_id, c.kind)] if d.date > c.date),
                         None)
            if later is not None:
                comebacks.append(ComebackFact(c.account_id, c.id, c.kind, c.date, later.id,
                                              later.date))
        if (c.sets_precedent or c.recurrence in PRECEDENT_RECURRENCES) and _live_at(
                c.date, c.expiry, renewal_day(account.renewal_date, today)):
            e = exposures.setdefault(c.account_id, [0, 0.0, 0])
            e[0] += 1
            e[1] += c.conceded_value
            e[2] += c.known_to_others
        if c.likely_next_ask.strip():
            next_ask[c.account_id] = c.likely_next_ask.strip()
        if not c.tactics:
            without_tactic += 1
        for tactic in c.tactics:
            t = tactics.setdefault((tactic, account.currency), [0, 0.0, 0, 0, 0.0])
            t[0] += 1
            t[1] += c.conceded_value
            t[2] += c.answer is Answer.NOTHING
            if pct is not None:
                t[3] += 1
                t[4] += pct
    histories: dict[int, list] = defaultdict(list)
    for (account_id, key), (start, baseline, conceded) in negotiations.items():
        histories[account_id].append((key, start, 100.0 * conceded / baseline))
    histories = {a: sorted(h, key=lambda n: (n[1], n[0])) for a, h in histories.items()}
    return PortfolioFacts(
        today=today, accounts=accounts, policies=tuple(policies), limits=tuple(limits),
        discounts={s: sorted(v) for s, v in discounts.items()},
        concessions=len(concessions), without_discount=without_discount,
        priced=[PricedTotal(a, *t) for a, t in priced.items()],
        policy_candidates=policy_candidates,
        policy_tally=PolicyTally(len(policy_candidates), dict(excess)),
        breach_candidates=breach_candidates,
        limit_tally=LimitTally(judged, max_outs, breaches, approved_above),
        returns=[ReturnTally(cur, ans, *t) for (cur, ans), t in returns.items()],
        promises=[PromiseTally(cur, st, *t) for (cur, st), t in promises.items()],
        renewal_candidates=[RenewalHistory(a, tuple(h)) for a, h in histories.items()
                            if len(h) >= 2],
        accounts_with_renewals=sum(len(h) >= 2 for h in histories.values()),
        size_candidates=[NegotiationSizes(a, k, tuple(s)) for (a, k), s in sizes.items()
                         if len(s) >= 2],
        negotiations_with_steps=sum(len(s) >= 2 for s in sizes.values()),
        growing_negotiations=sum(_growing_steps(s) > 0 for s in sizes.values()),
        one_offs=one_offs, comebacks=comebacks, came_back=len(comebacks),
        exposures=[ExposureTally(a, n, v, k, next_ask.get(a, ""))
                   for a, (n, v, k) in exposures.items()],
        tactics=[TacticTally(tac, cur, *t) for (tac, cur), t in tactics.items()],
        without_tactic=without_tactic,
        stakeholders=stakeholder_tallies(contacts, today),
        detractors=[c for c in contacts if c.account_id in by_id and c.is_detractor],
    )


def stakeholder_tallies(contacts: Iterable[ContactFact],
                        today: dt.date) -> list[StakeholderTally]:
    """Per account: key stakeholders (influence >= 4 or a decision role), those out of
    touch (last contact more than IN_TOUCH_DAYS ago, or never), the longest silence among
    those contacted, decision makers (economic buyer, decision maker) and how many of them
    are in touch, and detractors (attitude <= -1 with influence >= 4)."""
    tallies: dict[int, list] = {}
    for c in contacts:
        t = tallies.setdefault(c.account_id, [0, 0, None, 0, 0, 0])
        days = None if c.last_contact is None else (today - c.last_contact).days
        in_touch = days is not None and days <= IN_TOUCH_DAYS
        if c.is_key:
            t[0] += 1
            t[1] += not in_touch
            if days is not None:
                t[2] = days if t[2] is None else max(t[2], days)
        if c.buying_role in DECISION_ROLES:
            t[3] += 1
            t[4] += in_touch
        t[5] += c.is_detractor
    return [StakeholderTally(a, *t) for a, t in tallies.items()]


def renewal_day(renewal: dt.date | None, today: dt.date) -> dt.date:
    """The day exposure is judged on: the renewal date, or today when there is none or it
    has passed (a past renewal date says nothing of the next one)."""
    return renewal if renewal is not None and renewal >= today else today


def _live_at(start: dt.date, expiry: dt.date | None, day: dt.date) -> bool:
    return start <= day and (expiry is None or expiry >= day)


def _excess(c: ConcessionFact, pct: float, allowed_pct: float) -> float:
    """Money given above `allowed_pct`: (discount % - allowed %) / 100 x baseline."""
    return (pct - allowed_pct) / 100 * c.baseline_value


def _growing_steps(sizes: Sequence[float]) -> int:
    return sum(b > a for a, b in zip(sizes, sizes[1:], strict=False))


def _maxed_out(pct: float, limit_pct: float) -> bool:
    """Within MAX_OUT_POINTS below the limit, or at it."""
    return limit_pct - MAX_OUT_POINTS - _EPSILON <= pct <= limit_pct + _EPSILON


class RuleBook:
    """`records.in_force` for many look-ups: the rules of each key (a segment, a role) by
    date, found by bisection. Of two rules from the same day the first given wins, as in
    `in_force`."""

    def __init__(self, rules: Iterable, key: str):
        by_key: dict[object, dict[dt.date, object]] = defaultdict(dict)
        for rule in rules:
            by_key[getattr(rule, key)].setdefault(rule.effective_from, rule)
        self._days = {k: sorted(v) for k, v in by_key.items()}
        self._rules = {k: [v[d] for d in self._days[k]] for k, v in by_key.items()}

    def at(self, day: dt.date, key: object):
        days = self._days.get(key)
        if not days:
            return None
        i = bisect.bisect_right(days, day)
        return self._rules[key][i - 1] if i else None


# ---------------------------------------------------------------- statistics


def percentile(ordered: Sequence[float], p: float) -> float:
    """The p-th quantile (0 <= p <= 1) of `ordered` (sorted, not empty) by linear
    interpolation: x[k] + f * (x[k+1] - x[k]) with k + f = p * (n - 1).
    For 5, 10, 30: p=0.5 gives 10, p=0.25 gives 7.5, p=0.9 gives 26."""
    if not ordered:
        raise ValueError("percentile of no values")
    h = p * (len(ordered) - 1)
    k = math.floor(h)
    if k + 1 >= len(ordered):
        return float(ordered[-1])
    return ordered[k] + (h - k) * (ordered[k + 1] - ordered[k])


BAND_QUANTILES = (0.1, 0.25, 0.5, 0.75, 0.9)  # P10, q1, median, q3, P90


def percentile_ranks(n: int) -> list[int]:
    """The ranks (0 = smallest) of n sorted values that a discount band reads: the minimum,
    the maximum and the two closest ranks of each of BAND_QUANTILES."""
    ranks = {0, n - 1}
    for p in BAND_QUANTILES:
        k = math.floor(p * (n - 1))
        ranks.update((k, min(k + 1, n - 1)))
    return sorted(r for r in ranks if r >= 0)


class RankedValues(Sequence):
    """n sorted values of which only some ranks are known (`percentile_ranks(n)` is enough
    for a discount band): what SQL sends instead of every discount %."""

    def __init__(self, n: int, values: Mapping[int, float]):
        self._n = n
        self._values = dict(values)

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, rank):
        if isinstance(rank, slice):
            raise TypeError("RankedValues has no slices")
        if rank < 0:
            rank += self._n
        if not 0 <= rank < self._n:
            raise IndexError(rank)
        try:
            return self._values[rank]
        except KeyError:
            raise LookupError(f"rank {rank} of {self._n} was not gathered") from None

    def __eq__(self, other):
        return (isinstance(other, RankedValues) and self._n == other._n
                and self._values == other._values)

    def __repr__(self):
        return f"RankedValues({self._n}, {self._values!r})"


def slope(values: Sequence[float]) -> float:
    """The least-squares slope of values[i] against i = 0, 1, 2 ...: the change per step.
    sum((i - mean_i) * (v - mean_v)) / sum((i - mean_i)^2); for 5, 8, 14 it is 4.5."""
    n = len(values)
    if n < 2:
        raise ValueError("a slope needs two values")
    mean_i = (n - 1) / 2
    mean_v = sum(values) / n
    num = sum((i - mean_i) * (v - mean_v) for i, v in enumerate(values))
    den = sum((i - mean_i) ** 2 for i in range(n))
    return num / den


def _share(part: float, whole: float) -> float | None:
    return part / whole if whole else None


def _money(by_currency: Mapping[str, float]) -> dict[str, float]:
    return {cur: round(v, 2) for cur, v in sorted(by_currency.items())}


# ---------------------------------------------------------------- results


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
             tally: PolicyTally) -> Outliers:
    """Both kinds of outlier; the count of concessions above policy and their excess (the
    sum of their excess over the policy maximum, per currency) come from `tally`."""
    return Outliers(tally.above, _money(tally.excess_by_currency), len(peer),
                    tuple(above_policy), tuple(peer))


@dataclass(frozen=True, slots=True)
class CurrencyGiveAndGet:
    currency: str
    concessions: int
    given: float
    given_for_nothing: float
    share_for_nothing_by_value: float | None
    received: float
    reciprocity: float | None  # received / given


@dataclass(frozen=True, slots=True)
class GiveAndGet:
    """How much was given with nothing in return, and what came back."""

    concessions: int
    received: int  # concessions with something in return
    nothing: int  # with the explicit answer "nothing"
    unanswered: int
    share_for_nothing_by_count: float | None
    by_currency: tuple[CurrencyGiveAndGet, ...]


@dataclass(frozen=True, slots=True)
class CurrencyDelivery:
    currency: str
    promised_value: float
    kept_value: float
    broken_value: float
    open_value: float
    withdrawn_value: float
    delivered_share_by_value: float | None


@dataclass(frozen=True, slots=True)
class Delivery:
    """Of what customers promised in return, how much they delivered:
    kept / (kept + broken); open and withdrawn promises are not yet (or no longer) due."""

    promised: int
    open: int
    overdue: int
    kept: int
    broken: int
    withdrawn: int
    delivered_share_by_count: float | None
    by_currency: tuple[CurrencyDelivery, ...]


@dataclass(frozen=True, slots=True)
class NegotiationDiscount:
    negotiation: str
    start: dt.date
    discount_pct: float


@dataclass(frozen=True, slots=True)
class RenewalTrend:
    account_id: int
    account_name: str
    negotiations: tuple[NegotiationDiscount, ...]
    slope: float  # points of discount per renewal


@dataclass(frozen=True, slots=True)
class Escalation:
    accounts_with_renewals: int
    escalating: int
    share_escalating: float | None
    accounts: tuple[RenewalTrend, ...]  # escalating ones, steepest first


@dataclass(frozen=True, slots=True)
class Comeback:
    account_id: int
    account_name: str
    concession_id: int
    kind: ConcessionKind
    date: dt.date
    came_back_id: int
    came_back_date: dt.date


@dataclass(frozen=True, slots=True)
class Comebacks:
    one_offs: int
    came_back: int
    share: float | None
    items: tuple[Comeback, ...]


@dataclass(frozen=True, slots=True)
class GrowingNegotiation:
    account_id: int
    account_name: str
    currency: str
    negotiation: str
    sizes: tuple[float, ...]
    growing_steps: int


@dataclass(frozen=True, slots=True)
class Creep:
    negotiations: int  # with at least two concessions of a value
    growing: int
    share: float | None
    items: tuple[GrowingNegotiation, ...]


@dataclass(frozen=True, slots=True)
class Exposure:
    account_id: int
    account_name: str
    currency: str
    judged_on: dt.date
    concessions: int
    value: float
    known_to_others: int
    likely_next_ask: str


@dataclass(frozen=True, slots=True)
class PrecedentExposure:
    accounts: int
    value_by_currency: dict[str, float]
    items: tuple[Exposure, ...]  # earliest renewal first


@dataclass(frozen=True, slots=True)
class TacticYield:
    tactic: Tactic
    concessions: int
    nothing: int
    share_for_nothing: float | None
    mean_discount_pct: float | None
    value_by_currency: dict[str, float]


@dataclass(frozen=True, slots=True)
class Tactics:
    concessions_without_tactic: int
    tactics: tuple[TacticYield, ...]  # most frequent first


@dataclass(frozen=True, slots=True)
class Breach:
    concession_id: int
    account_id: int
    account_name: str
    currency: str
    date: dt.date
    role: Role
    limit_pct: float
    discount_pct: float
    excess: float  # money above what the limit allowed


@dataclass(frozen=True, slots=True)
class Authority:
    judged: int  # concessions with a discount % whose granter's limit is known
    breaches: int
    max_outs: int  # within MAX_OUT_POINTS below the limit, or at it
    max_out_share: float | None
    approved_above_limit: int
    items: tuple[Breach, ...]  # largest excess first


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


@dataclass(frozen=True)
class PortfolioReport:
    """Every figure of "Analytics" for one portfolio on one day."""

    today: dt.date
    accounts: int
    concessions: int
    concessions_without_discount: int
    discount_bands: tuple[SegmentBand, ...]
    outliers: Outliers
    give_and_get: GiveAndGet
    delivery: Delivery
    escalation: Escalation
    comebacks: Comebacks
    creep: Creep
    precedent_exposure: PrecedentExposure
    tactics: Tactics
    authority: Authority
    relationships: Relationships
    attention: Attention
    limit: int | None = None  # how many items each list keeps, most telling first

    def as_dict(self) -> dict[str, object]:
        """JSON-ready: dates as ISO text, choices as their values, floats rounded to 4
        places, tuples as lists."""
        out = _plain(self)
        out["currency_rule"] = CURRENCY_RULE
        return out


CURRENCY_RULE = ("Money is reported per currency and never added across currencies; "
                 "counts, shares by count and percentages pool all currencies.")


def _plain(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {str(_plain(k)): _plain(v) for k, v in value.items()}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value


# ---------------------------------------------------------------- the figures


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
    book = RuleBook(policies, "segment")
    out = []
    for c in concessions:
        pct = c.discount_pct
        account = accounts.get(c.account_id)
        if pct is None or account is None:
            continue
        policy = book.at(c.date, account.segment)
        if policy is None or pct <= policy.max_pct + _EPSILON:
            continue
        raw = _excess(c, pct, policy.max_pct)
        out.append((-raw, c.id, Outlier(
            reason=f"above policy maximum {policy.max_pct:g}%", account_id=account.id,
            account_name=account.name, segment=account.segment, currency=account.currency,
            discount_pct=pct, concession_id=c.id, date=c.date, max_pct=policy.max_pct,
            excess=round(raw, 2))))
    out.sort(key=lambda x: x[:2])
    return [o for _, _, o in out]


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
        n = len(members)
        if n < PEER_MIN_ACCOUNTS:
            continue
        total = math.fsum(xs)
        squares = math.fsum(x * x for x in xs)
        peers, dof, sqrt = n - 1, n - 2, math.sqrt
        for account, x in zip(members, xs, strict=True):
            mean = (total - x) / peers
            variance = (squares - x * x - peers * mean * mean) / dof
            if variance <= _EPSILON * max(1.0, mean * mean):
                continue
            z = (x - mean) / sqrt(variance)
            if z >= PEER_Z:
                out.append(Outlier(
                    reason=f"peer z-score {z:.1f}", account_id=account.id,
                    account_name=account.name, segment=segment, currency=account.currency,
                    discount_pct=x, z=z, peer_mean_pct=mean))
    out.sort(key=lambda o: (-(o.z or 0.0), o.account_id))
    return out


def give_and_get(returns: Iterable[ReturnTally]) -> GiveAndGet:
    """Give without get and reciprocity.

    By count (all currencies): share for nothing = concessions answered "nothing" /
    all concessions; unanswered ones count in the whole but not as "nothing". By value,
    per currency: given for nothing / given, and reciprocity = value received in return
    (theirs commitments pointing at the concessions, withdrawn ones left out, those
    without a value as 0) / value given."""
    counts: dict[Answer, int] = defaultdict(int)
    per: dict[str, list[float]] = {}
    for r in returns:
        counts[r.answer] += r.concessions
        t = per.setdefault(r.currency, [0, 0.0, 0.0, 0.0])
        t[0] += r.concessions
        t[1] += r.conceded
        t[2] += r.conceded if r.answer is Answer.NOTHING else 0.0
        t[3] += r.received
    total = sum(counts.values())
    return GiveAndGet(
        concessions=total, received=counts[Answer.RECEIVED], nothing=counts[Answer.NOTHING],
        unanswered=counts[Answer.UNANSWERED],
        share_for_nothing_by_count=_share(counts[Answer.NOTHING], total),
        by_currency=tuple(
            CurrencyGiveAndGet(cur, int(n), round(given, 2), round(nothing, 2),
                               _share(nothing, given), round(received, 2),
                               _share(received, given))
            for cur, (n, given, nothing, received) in sorted(per.items())))


def delivery(promises: Iterable[PromiseTally]) -> Delivery:
    """Of the theirs commitments given in return for concessions: how many are open
    (and of those, overdue), kept, broken, withdrawn; delivered share = kept /
    (kept + broken), by count over all currencies and by value per currency."""
    counts: dict[CommitmentStatus, int] = defaultdict(int)
    values: dict[str, dict[CommitmentStatus, float]] = defaultdict(lambda: defaultdict(float))
    overdue = 0
    for p in promises:
        counts[p.status] += p.promises
        values[p.currency][p.status] += p.value
        overdue += p.overdue
    kept, broken = counts[CommitmentStatus.KEPT], counts[CommitmentStatus.BROKEN]
    by_currency = []
    for cur, v in sorted(values.items()):
        k, b = v[CommitmentStatus.KEPT], v[CommitmentStatus.BROKEN]
        by_currency.append(CurrencyDelivery(
            cur, round(sum(v.values()), 2), round(k, 2), round(b, 2),
            round(v[CommitmentStatus.OPEN], 2), round(v[CommitmentStatus.WITHDRAWN], 2),
            _share(k, k + b)))
    return Delivery(
        promised=sum(counts.values()), open=counts[CommitmentStatus.OPEN], overdue=overdue,
        kept=kept, broken=broken, withdrawn=counts[CommitmentStatus.WITHDRAWN],
        delivered_share_by_count=_share(kept, kept + broken), by_currency=tuple(by_currency))


def escalation(histories: Iterable[RenewalHistory], accounts: Mapping[int, AccountFact],
               accounts_with_renewals: int, unlisted: int = 0) -> Escalation:
    """The trend of discount % across each account's renewals: the least-squares slope
    (`slope`) of its negotiations' discount % (see `RenewalHistory`) in date order, in
    points per renewal. An account with at least two negotiations escalates when the slope
    is above zero; `unlisted` counts those that escalate beyond the `histories` given (where
    those are only the first ones). Steepest first."""
    trends = []
    for h in histories:
        account = accounts.get(h.account_id)
        if account is None or len(h.negotiations) < 2:
            continue
        s = slope([pct for _, _, pct in h.negotiations])
        if s > _EPSILON:
            trends.append(RenewalTrend(h.account_id, account.name, tuple(
                NegotiationDiscount(*n) for n in h.negotiations), s))
    trends.sort(key=lambda t: (-t.slope, t.account_id))
    n = len(trends) + unlisted
    return Escalation(accounts_with_renewals, n, _share(n, accounts_with_renewals),
                      tuple(trends))


def comebacks(facts: Iterable[ComebackFact], accounts: Mapping[int, AccountFact],
              one_offs: int, came_back: int | None = None) -> Comebacks:
    """One-off concessions that came back: a later concession (a later date) of the same
    kind for the same account. Share = those / all one-off concessions (`came_back` counts
    them where `facts` are only the first ones). Latest first."""
    items = [Comeback(f.account_id, accounts[f.account_id].name, f.concession_id, f.kind,
                      f.date, f.came_back_id, f.came_back_date)
             for f in facts if f.account_id in accounts and f.came_back_date > f.date]
    items.sort(key=lambda c: (c.came_back_date, c.concession_id), reverse=True)
    n = len(items) if came_back is None else came_back
    return Comebacks(one_offs, n, _share(n, one_offs), tuple(items))


def creep(negotiations: Iterable[NegotiationSizes], accounts: Mapping[int, AccountFact],
          negotiations_with_steps: int, growing: int | None = None) -> Creep:
    """Negotiations whose concessions grow instead of shrinking: in the order given
    (date, then entry), a step is growing when a conceded value is larger than the one
    before it; a negotiation with at least one growing step is flagged. Share = flagged /
    negotiations with at least two concessions of a value (`growing` counts the flagged
    ones where `negotiations` are only the first ones). Most growing steps first."""
    items = []
    for n in negotiations:
        account = accounts.get(n.account_id)
        steps = _growing_steps(n.sizes)
        if account is not None and steps:
            items.append(GrowingNegotiation(n.account_id, account.name, account.currency,
                                            n.negotiation, n.sizes, steps))
    items.sort(key=lambda g: (-g.growing_steps, -len(g.sizes), g.account_id, g.negotiation))
    n = len(items) if growing is None else growing
    return Creep(negotiations_with_steps, n, _share(n, negotiations_with_steps), tuple(items))


def precedent_exposure(exposures: Iterable[ExposureTally], accounts: Mapping[int, AccountFact],
                       today: dt.date, tally: PrecedentTally | None = None) -> PrecedentExposure:
    """The conceded value per year of concessions that set a precedent or recur (recurring
    or permanent) and are live on the account's renewal day (`renewal_day`): given on or
    before it and not expired before it. Summed per currency; per account with how many
    other customers know of them, and what the customer will probably ask next. Earliest
    renewal first. With `tally`, the accounts and values are counted there (`exposures` are
    then only the first ones)."""
    items, totals = [], defaultdict(float)
    for e in exposures:
        account = accounts.get(e.account_id)
        if account is None or not e.concessions:
            continue
        totals[account.currency] += e.value
        items.append(Exposure(e.account_id, account.name, account.currency,
                              renewal_day(account.renewal_date, today), e.concessions,
                              round(e.value, 2), e.known_to_others, e.likely_next_ask))
    items.sort(key=lambda x: (x.judged_on, -x.value, x.account_id))
    if tally is not None:
        return PrecedentExposure(tally.accounts, _money(tally.value_by_currency), tuple(items))
    return PrecedentExposure(len(items), _money(totals), tuple(items))


def tactic_yield(tallies: Iterable[TacticTally], without_tactic: int) -> Tactics:
    """For each buyer tactic: how many concessions followed it, how many of those had
    nothing in return and their share, the mean discount % of those with one (all
    currencies), and their conceded value per currency. Most frequent first."""
    per: dict[Tactic, list] = {}
    for t in tallies:
        x = per.setdefault(t.tactic, [0, 0, 0, 0.0, defaultdict(float)])
        x[0] += t.concessions
        x[1] += t.nothing
        x[2] += t.priced
        x[3] += t.discount_sum
        x[4][t.currency] += t.conceded
    yields = [TacticYield(tactic, n, nothing, _share(nothing, n),
                          discount_sum / priced if priced else None, _money(value))
              for tactic, (n, nothing, priced, discount_sum, value) in per.items()]
    yields.sort(key=lambda y: (-y.concessions, y.tactic.value))
    return Tactics(without_tactic, tuple(yields))


def authority(concessions: Iterable[ConcessionFact], accounts: Mapping[int, AccountFact],
              limits: Sequence[ApprovalLimit], tally: LimitTally) -> Authority:
    """Against the approval limit of the granter's role in force on the concession's date:
    a breach is a discount % above the limit without approval by someone else (excess in
    money: (discount % - limit %) / 100 x baseline); a max-out is a discount % within one
    point below the limit or at it (limit - 1 <= discount <= limit), the sign of giving all
    one may. Breaches are listed from `concessions`; the counts of concessions judged (with
    a discount % and a granter whose limit is known), of max-outs, breaches and approved
    ones above the limit come in `tally`. Max-out share = max-outs / judged. Largest
    excess first, then by concession."""
    book = RuleBook(limits, "role")
    breaches = []
    for c in concessions:
        pct = c.discount_pct
        account = accounts.get(c.account_id)
        if pct is None or account is None or c.granted_by_role is None:
            continue
        limit = book.at(c.date, c.granted_by_role)
        if limit is None or pct <= limit.limit_pct + _EPSILON or c.approved:
            continue
        raw = _excess(c, pct, limit.limit_pct)
        breaches.append((-raw, c.id, Breach(
            c.id, account.id, account.name, account.currency, c.date, c.granted_by_role,
            limit.limit_pct, pct, round(raw, 2))))
    breaches.sort(key=lambda x: x[:2])
    return Authority(tally.judged, tally.breaches, tally.max_outs,
                     _share(tally.max_outs, tally.judged), tally.approved_above,
                     tuple(b for _, _, b in breaches))


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
    decline = DECLINE + _EPSILON
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
    rows = sorted(rows) if limit is None else heapq.nsmallest(limit, rows)
    listed = [AccountRelationship(
        a.id, a.name, trend,
        (today - a.last_interaction).days if a.last_interaction else None,
        t.key_stakeholders, t.key_out_of_touch, t.longest_silence_days, t.decision_makers,
        t.decision_makers_in_touch, t.detractors, tuple(warnings))
        for _, a, t, trend, warnings in rows]
    people = [(-c.influence, c.attitude, -(days or 10**6), c.id, c, days)
              for c in detractors if c.account_id in names and c.is_detractor
              for days in [(today - c.last_contact).days if c.last_contact else None]]
    return Relationships(
        mean_sentiment_trend=sum(trends) / len(trends) if trends else None,
        declining=declining, out_of_contact=silent, with_key_out_of_touch=key_out,
        without_decision_maker=no_dm, decision_maker_coverage=_share(dm_in_touch, dm),
        accounts=tuple(listed),
        detractors=tuple(Detractor(c.id, c.name, c.account_id, names[c.account_id],
                                   c.attitude, c.influence, days)
                         for *_, c, days in _first(people, limit)))


_DECLINING = "sentiment declining"
_SILENT = "no contact in 90 days"
_KEY_OUT = "key stakeholder out of touch"
_NO_DM = "no decision maker known"
_DETRACTOR = "influential detractor"


def _first(rows: list[tuple], limit: int | None, key: int = 4) -> list[tuple]:
    """The first `limit` rows (all with None) in the order of their first `key` items,
    which tell every row apart."""
    if limit is None:
        return sorted(rows, key=lambda r: r[:key])
    return heapq.nsmallest(limit, rows, key=lambda r: r[:key])


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
    median = percentile(sorted(a.interactions_recent for a in accounts), 0.5)
    per: dict[Segment, tuple[list[int], list[float]]] = {}
    items = []
    for a in accounts:
        room = a.potential_revenue / a.current_revenue if a.current_revenue > 0 else None
        contact, rooms = per.setdefault(a.segment, ([], []))
        contact.append(a.interactions_recent)
        if room is not None:
            rooms.append(room)
        large = room >= HEADROOM_RATIO if room is not None else a.potential_revenue > 0
        if large and a.interactions_recent < median:
            items.append((room is not None, -(room or 0.0), a.interactions_recent, a.id, a,
                          room))
    segments = []
    for segment in Segment:
        if segment in per:
            contact, rooms = per[segment]
            rooms.sort()
            segments.append(SegmentAttention(
                segment, len(contact), percentile(sorted(contact), 0.5),
                percentile(rooms, 0.5) if rooms else None))
    neglected = tuple(
        Neglected(a.id, a.name, a.segment, a.currency, a.current_revenue, a.potential_revenue,
                  room, a.interactions_recent,
                  (today - a.last_interaction).days if a.last_interaction else None)
        for *_, a, room in _first(items, limit))
    return Attention(median, tuple(segments), len(items), neglected)


def portfolio_report(facts: PortfolioFacts, *, limit: int | None = 100) -> PortfolioReport:
    """Every figure over `facts`; each list keeps its first `limit` items (all with None),
    while the counts beside it are over all of them."""
    accounts = {a.id: a for a in facts.accounts}

    def top(items):
        return tuple(items if limit is None else items[:limit])

    def cut(figure, name="items"):
        return dataclasses.replace(figure, **{name: top(getattr(figure, name))})

    found = outliers(top(policy_outliers(facts.policy_candidates, accounts, facts.policies)),
                     top(peer_outliers(facts.priced, accounts)), facts.policy_tally)
    relations = relationships(facts.accounts, facts.stakeholders, facts.detractors,
                              facts.today, limit=limit)
    return PortfolioReport(
        today=facts.today, accounts=len(facts.accounts), concessions=facts.concessions,
        concessions_without_discount=facts.without_discount,
        discount_bands=tuple(discount_bands(facts.discounts, facts.priced, accounts,
                                            facts.policies, facts.today)),
        outliers=found,
        give_and_get=give_and_get(facts.returns),
        delivery=delivery(facts.promises),
        escalation=cut(escalation(facts.renewal_candidates, accounts,
                                  facts.accounts_with_renewals, facts.escalating_unlisted),
                       "accounts"),
        comebacks=cut(comebacks(facts.comebacks, accounts, facts.one_offs,
                                facts.came_back)),
        creep=cut(creep(facts.size_candidates, accounts, facts.negotiations_with_steps,
                        facts.growing_negotiations)),
        precedent_exposure=cut(precedent_exposure(facts.exposures, accounts, facts.today,
                                                  facts.exposure_tally)),
        tactics=tactic_yield(facts.tactics, facts.without_tactic),
        authority=cut(authority(facts.breach_candidates, accounts, facts.limits,
                                facts.limit_tally)),
        relationships=relations,
        attention=attention(facts.accounts, facts.today, limit=limit),
        limit=limit,
    )
