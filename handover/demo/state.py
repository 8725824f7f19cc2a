"""What the demo's maker keeps while it builds a portfolio: the seeded RNG, the ids it hands
out, the team and the rules in force, and what it knows of each account and contact."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from handover.demo.words import REGIONS
from handover.domain.records import (
    ApprovalLimit,
    BuyingRole,
    DiscountPolicy,
    Health,
    Person,
    Segment,
    in_force,
)


@dataclass
class ContactPlan:
    id: int
    name: str
    first: str
    title: str
    role: BuyingRole
    attitude: int | None
    influence: int
    last_contact: dt.date | None = None


@dataclass
class AccountPlan:
    """What is known of one account while its records are written."""

    id: int
    index: int
    name: str
    segment: Segment
    profile: str
    health: Health
    industry: str
    region: str
    currency: str
    cities: list[str]
    competitor: str
    revenue: float
    potential: float
    contract_value: float  # what they buy in a year, at list price
    since: dt.date
    last_day: dt.date
    owner: Person
    lost: bool  # to a competitor; the account is archived
    contacts: list[ContactPlan] = field(default_factory=list)
    friendly: list[ContactPlan] = field(default_factory=list)
    unfriendly: list[ContactPlan] = field(default_factory=list)
    negotiators: list[ContactPlan] = field(default_factory=list)  # who asks for concessions
    hostile: ContactPlan | None = None
    reason: str = ""  # why the account's health is what it is
    scope_weights: tuple[int, ...] = ()  # concessions on all or part of what they buy

    def role(self, role: BuyingRole) -> ContactPlan | None:
        return next((c for c in self.contacts if c.role is role), None)


class MakerState:
    """The state every part of the maker shares; one random stream, so the order in which
    the parts draw from it is what makes a seed give the same portfolio."""

    def __init__(self, rng: random.Random, today: dt.date, accounts: int,
                 next_ids: dict[str, int]):
        self.rng = rng
        self.today = today
        self.accounts = accounts
        self.ids = dict(next_ids)
        self.used_names: set[str] = set()
        self.region_names = list(REGIONS)
        self.region_weights = [REGIONS[r][0] for r in self.region_names]
        self.policy_now_from = dt.date(today.year - 1, 1, 1)
        self.policy_before_from = dt.date(today.year - 3, 1, 1)
        self.earliest = self.policy_before_from + dt.timedelta(days=45)
        self.team: list[Person] = []
        self.leads: list[Person] = []
        self.managers: list[Person] = []
        self.lead_of: dict[int, Person] = {}  # account manager's id: their team lead
        self.policies: list[DiscountPolicy] = []
        self.limits: list[ApprovalLimit] = []
        self._rules_memo: dict[tuple, object] = {}

    def rule_in_force(self, rules, day: dt.date, **key):
        """The domain's `in_force`, remembered: a portfolio asks it about the same days
        over and over."""
        memo = (day, *key.values())  # segments and roles have different values
        if memo not in self._rules_memo:
            self._rules_memo[memo] = in_force(rules, day, **key)
        return self._rules_memo[memo]

    def take(self, table: str) -> int:
        value = self.ids[table]
        self.ids[table] = value + 1
        return value
