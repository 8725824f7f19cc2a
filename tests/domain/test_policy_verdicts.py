"""The discount policy's verdicts, as a team lead reads them: the rule of a concession's own
day, how far it went above the maximum, and when its granter needed an approval."""

from __future__ import annotations

import datetime as dt

import pytest

from handover.domain.policy import (
    above_limit,
    approval_problem,
    is_approved,
    judge,
    limit_on,
    policy_on,
)
from handover.domain.records import (
    ApprovalLimit,
    Concession,
    ConcessionKind,
    DiscountPolicy,
    Role,
    Segment,
)

TODAY = dt.date(2026, 11, 2)


def test_which_policy_applies_on_a_date():
    old = DiscountPolicy(segment="key", effective_from=dt.date(2025, 1, 1), target_pct=10,
                         max_pct=20, id=1)
    new = DiscountPolicy(segment="key", effective_from=dt.date(2026, 6, 1), target_pct=8,
                         max_pct=12, id=2)
    small = DiscountPolicy(segment="small", effective_from=dt.date(2020, 1, 1), target_pct=5,
                           max_pct=10, id=3)
    rules = [new, old, small]
    assert policy_on(rules, Segment.KEY, dt.date(2024, 12, 31)) is None
    assert policy_on(rules, Segment.KEY, dt.date(2026, 5, 31)) == old
    assert policy_on(rules, Segment.KEY, dt.date(2026, 6, 1)) == new
    verdict = judge(ConcessionKind.PRICE_DISCOUNT, 100_000, 15_000, dt.date(2026, 9, 1),
                    Segment.KEY, rules)
    assert verdict.above and verdict.excess_points == pytest.approx(3)
    assert verdict.excess_money(100_000) == pytest.approx(3_000)
    assert not judge(ConcessionKind.PRICE_DISCOUNT, 100_000, 15_000, dt.date(2026, 3, 1),
                     Segment.KEY, rules).above
    assert judge(ConcessionKind.PAYMENT_TERMS, 100_000, 15_000, dt.date(2026, 3, 1),
                 Segment.KEY, rules) is None
    assert judge(ConcessionKind.PRICE_DISCOUNT, 100_000, 15_000, dt.date(2024, 3, 1),
                 Segment.KEY, rules).policy is None
    limit = ApprovalLimit(role="team_lead", effective_from=dt.date(2025, 1, 1), limit_pct=25)
    assert limit_on([limit], Role.TEAM_LEAD, TODAY) == limit
    assert limit_on([limit], Role.ACCOUNT_MANAGER, TODAY) is None


def test_a_discount_above_the_granters_limit_needs_someone_else_to_approve_it():
    limit = ApprovalLimit(role="account_manager", effective_from=dt.date(2025, 1, 1),
                          limit_pct=5)
    assert not above_limit(5.0, limit)  # all one may give is still within it
    assert above_limit(5.5, limit)
    assert is_approved(granted_by_id=3, approved_by_id=1)
    assert not is_approved(granted_by_id=3, approved_by_id=None)
    assert not is_approved(granted_by_id=3, approved_by_id=3)


def test_nobody_approves_their_own_concession():
    assert approval_problem(granted_by_id=3, approved_by_id=3) == (
        "must be someone other than who granted it")
    assert approval_problem(granted_by_id=3, approved_by_id=1) is None
    assert approval_problem(granted_by_id=3, approved_by_id=None) is None
    # One that says so anyway (from a CRM's export) is still read, as not approved.
    stored = Concession(account_id=1, date=dt.date(2026, 5, 1), granted_by_id=3,
                        approved_by_id=3)
    assert not is_approved(stored.granted_by_id, stored.approved_by_id)
