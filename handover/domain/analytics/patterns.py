"""The negotiation patterns: escalation, comebacks, creep, precedents, tactics, authority."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from handover.domain.analytics.facts import (
    AccountFact,
    ComebackFact,
    ConcessionFact,
    ExposureTally,
    LimitTally,
    NegotiationSizes,
    PrecedentTally,
    RenewalHistory,
    TacticTally,
    with_account,
)
from handover.domain.analytics.rules import RuleBook, above_rules, renewal_day
from handover.domain.analytics.stats import EPSILON, Sums, growing_steps, money, share, slope
from handover.domain.records import ApprovalLimit, ConcessionKind, Role, Tactic


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


def escalation(histories: Iterable[RenewalHistory], accounts: Mapping[int, AccountFact],
               accounts_with_renewals: int, unlisted: int = 0) -> Escalation:
    """The trend of discount % across each account's renewals: the least-squares slope
    (`slope`) of its negotiations' discount % (see `RenewalHistory`) in date order, in
    points per renewal. An account with at least two negotiations escalates when the slope
    is above zero; `unlisted` counts those that escalate beyond the `histories` given (where
    those are only the first ones). Steepest first."""
    trends = []
    for h, account in with_account(histories, accounts):
        if len(h.negotiations) < 2:
            continue
        s = slope([pct for _, _, pct in h.negotiations])
        if s > EPSILON:
            trends.append(RenewalTrend(h.account_id, account.name, tuple(
                NegotiationDiscount(*n) for n in h.negotiations), s))
    trends.sort(key=lambda t: (-t.slope, t.account_id))
    return Escalation(*_flagged(accounts_with_renewals, trends, len(trends) + unlisted))


def comebacks(facts: Iterable[ComebackFact], accounts: Mapping[int, AccountFact],
              one_offs: int, came_back: int | None = None) -> Comebacks:
    """One-off concessions that came back: a later concession (a later date) of the same
    kind for the same account. Share = those / all one-off concessions (`came_back` counts
    them where `facts` are only the first ones). Latest first."""
    items = [Comeback(f.account_id, account.name, f.concession_id, f.kind, f.date,
                      f.came_back_id, f.came_back_date)
             for f, account in with_account(facts, accounts) if f.came_back_date > f.date]
    items.sort(key=lambda c: (c.came_back_date, c.concession_id), reverse=True)
    return Comebacks(*_flagged(one_offs, items, came_back))


def creep(negotiations: Iterable[NegotiationSizes], accounts: Mapping[int, AccountFact],
          negotiations_with_steps: int, growing: int | None = None) -> Creep:
    """Negotiations whose concessions grow instead of shrinking: in the order given
    (date, then entry), a step is growing when a conceded value is larger than the one
    before it; a negotiation with at least one growing step is flagged. Share = flagged /
    negotiations with at least two concessions of a value (`growing` counts the flagged
    ones where `negotiations` are only the first ones). Most growing steps first."""
    items = [GrowingNegotiation(n.account_id, account.name, account.currency, n.negotiation,
                                n.sizes, steps)
             for n, account in with_account(negotiations, accounts)
             for steps in [growing_steps(n.sizes)] if steps]
    items.sort(key=lambda g: (-g.growing_steps, -len(g.sizes), g.account_id, g.negotiation))
    return Creep(*_flagged(negotiations_with_steps, items, growing))


def _flagged(whole: int, items: list, counted: int | None) -> tuple:
    """A pattern's whole, how many are flagged (`counted`, or the items listed when it is
    None), their share of the whole, and the items: the fields of Escalation, Comebacks
    and Creep in their order."""
    n = len(items) if counted is None else counted
    return whole, n, share(n, whole), tuple(items)


def precedent_exposure(exposures: Iterable[ExposureTally], accounts: Mapping[int, AccountFact],
                       today: dt.date, tally: PrecedentTally | None = None) -> PrecedentExposure:
    """The conceded value per year of concessions that set a precedent or recur (recurring
    or permanent) and are live on the account's renewal day (`renewal_day`): given on or
    before it and not expired before it. Summed per currency; per account with how many
    other customers know of them, and what the customer will probably ask next. Earliest
    renewal first. With `tally`, the accounts and values are counted there (`exposures` are
    then only the first ones)."""
    items, totals = [], defaultdict(float)
    for e, account in with_account(exposures, accounts):
        if not e.concessions:
            continue
        totals[account.currency] += e.value
        items.append(Exposure(e.account_id, account.name, account.currency,
                              renewal_day(account.renewal_date, today), e.concessions,
                              round(e.value, 2), e.known_to_others, e.likely_next_ask))
    items.sort(key=lambda x: (x.judged_on, -x.value, x.account_id))
    if tally is not None:
        return PrecedentExposure(tally.accounts, money(tally.value_by_currency), tuple(items))
    return PrecedentExposure(len(items), money(totals), tuple(items))


def tactic_yield(tallies: Iterable[TacticTally], without_tactic: int) -> Tactics:
    """For each buyer tactic: how many concessions followed it, how many of those had
    nothing in return and their share, the mean discount % of those with one (all
    currencies), and their conceded value per currency. Most frequent first."""
    per = Sums(0, 0, 0, 0.0)  # concessions, nothing, priced, discount sum
    values: dict[Tactic, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for t in tallies:
        per.add(t.tactic, t.concessions, t.nothing, t.priced, t.discount_sum)
        values[t.tactic][t.currency] += t.conceded
    yields = [TacticYield(tactic, n, nothing, share(nothing, n),
                          discount_sum / priced if priced else None, money(values[tactic]))
              for tactic, (n, nothing, priced, discount_sum) in per.items()]
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
    # A concession without a granter is not judged: no limit is kept for the role None.
    above = above_rules(concessions, accounts, RuleBook(limits, "role"),
                        lambda c, _: c.granted_by_role, lambda limit: limit.limit_pct)
    breaches = tuple(Breach(
        e.concession.id, e.account.id, e.account.name, e.account.currency, e.concession.date,
        e.concession.granted_by_role, e.allowed_pct, e.pct, round(e.excess, 2))
        for e in above if not e.concession.approved)
    return Authority(tally.judged, tally.breaches, tally.max_outs,
                     share(tally.max_outs, tally.judged), tally.approved_above, breaches)
