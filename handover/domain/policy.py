"""The discount policy's verdicts: which dated rule was in force on a day, a concession judged
by the policy of its own day, and whether its granter needed an approval."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from handover.domain.analytics import discount_pct as priced_discount_pct
from handover.domain.records import (
    ApprovalLimit,
    ConcessionKind,
    DiscountPolicy,
    Role,
    Segment,
    in_force,
)

EPSILON = 1e-9  # as the analytics compare percentages


def policy_on(policies: Sequence[DiscountPolicy], segment: Segment,
              day: dt.date) -> DiscountPolicy | None:
    """The segment's policy in force on `day`; None before its first one."""
    return in_force(policies, day, segment=segment)


def limit_on(limits: Sequence[ApprovalLimit], role: Role, day: dt.date) -> ApprovalLimit | None:
    """The role's approval limit in force on `day`; None before its first one."""
    return in_force(limits, day, role=role)


@dataclass(frozen=True, slots=True)
class PolicyVerdict:
    """A price concession judged by the policy of its segment in force on its date."""

    discount_pct: float
    policy: DiscountPolicy | None  # None: no policy was in force that day

    @property
    def above(self) -> bool:
        return self.policy is not None and self.discount_pct > self.policy.max_pct + EPSILON

    @property
    def above_target(self) -> bool:
        return self.policy is not None and self.discount_pct > self.policy.target_pct + EPSILON

    @property
    def excess_points(self) -> float:
        """Percentage points above the maximum; 0 within it."""
        if not self.above:
            return 0.0
        return self.discount_pct - self.policy.max_pct  # type: ignore[union-attr]

    def excess_money(self, baseline_value: float) -> float:
        """What was given above the maximum, per year: points / 100 x baseline."""
        return self.excess_points / 100 * baseline_value


def judge(kind: ConcessionKind, baseline_value: float, conceded_value: float, day: dt.date,
          segment: Segment, policies: Sequence[DiscountPolicy]) -> PolicyVerdict | None:
    """The verdict on one concession; None for one without a discount % (a non-price kind,
    or no baseline), which no discount policy judges."""
    pct = priced_discount_pct(kind, baseline_value, conceded_value)
    if pct is None:
        return None
    return PolicyVerdict(pct, policy_on(policies, segment, day))


def above_limit(discount_pct: float, limit: ApprovalLimit) -> bool:
    """Whether a discount of `discount_pct` is more than the granter's role may give
    without an approval."""
    return discount_pct > limit.limit_pct + EPSILON


def is_approved(granted_by_id: int | None, approved_by_id: int | None) -> bool:
    """Whether someone approved a concession: an approver other than who granted it."""
    return approved_by_id is not None and approved_by_id != granted_by_id


def approval_problem(granted_by_id: int | None, approved_by_id: int | None) -> str | None:
    """Why an approval entered for a concession does not stand, or None. Nobody approves
    their own concession. A record that says so anyway (a CRM's export, an older file) is
    still read, and the analytics count it as unapproved: the rule is for what is entered."""
    if approved_by_id is not None and approved_by_id == granted_by_id:
        return "must be someone other than who granted it"
    return None
