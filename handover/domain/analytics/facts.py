"""The facts and tallies the portfolio figures are computed from, and their thresholds.

One fact per account, concession and contact; the tallies are what the store aggregates
from them in SQL (and `tallies.gather` in Python)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
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


def with_account(facts: Iterable, accounts: Mapping[int, AccountFact]) -> Iterator[tuple]:
    """Each fact (with an `account_id`) of an account of the portfolio, beside that account;
    facts of accounts not in `accounts` (archived ones) are left out."""
    get = accounts.get
    for fact in facts:
        account = get(fact.account_id)
        if account is not None:
            yield fact, account
