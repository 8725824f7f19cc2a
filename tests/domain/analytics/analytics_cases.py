"""The few accounts and concessions the portfolio-figure tests tell their stories with,
small enough to follow by hand; and the report a team lead would read of them."""

from __future__ import annotations

import datetime as dt

from handover.domain.analytics.facts import AccountFact, ConcessionFact
from handover.domain.analytics.report import portfolio_report
from handover.domain.analytics.tallies import gather
from handover.domain.records import ApprovalLimit, ConcessionKind, DiscountPolicy, Segment

TODAY = dt.date(2026, 6, 30)
D = dt.date

POLICIES = [
    DiscountPolicy(segment="key", effective_from="2024-01-01", target_pct=5, max_pct=15),
    DiscountPolicy(segment="key", effective_from="2026-01-01", target_pct=5, max_pct=10),
    DiscountPolicy(segment="mid_size", effective_from="2024-01-01", target_pct=8, max_pct=20),
]
LIMITS = [
    ApprovalLimit(role="account_manager", effective_from="2024-01-01", limit_pct=10),
    ApprovalLimit(role="team_lead", effective_from="2024-01-01", limit_pct=20),
]


def account(id_, segment="key", currency="EUR", **kw) -> AccountFact:
    return AccountFact(id_, kw.pop("name", f"Account {id_}"), Segment(segment), currency, **kw)


def concession(id_, account_id, day, baseline=0.0, conceded=0.0, **kw) -> ConcessionFact:
    return ConcessionFact(id_, account_id, day, baseline_value=baseline, conceded_value=conceded,
                          **kw)


NORTHWIND = account(1, name="Northwind", current_revenue=100_000, potential_revenue=150_000,
                    renewal_date=D(2026, 9, 1))
BRIGHTWATER = account(2, name="Brightwater")
COBALT = account(3, name="Cobalt", currency="USD")
DELTA = account(4, name="Delta", segment="mid_size", currency="GBP")


def report(accounts, concessions, contacts=(), today=TODAY, **kw):
    facts = gather(accounts, concessions, contacts, policies=POLICIES, limits=LIMITS,
                   today=today)
    return portfolio_report(facts, **kw)


def band_concessions():
    return [
        concession(1, 1, D(2026, 2, 1), 100_000, 5_000),  # 5%
        concession(2, 2, D(2025, 3, 1), 50_000, 5_000),  # 10%
        concession(3, 3, D(2026, 3, 1), 20_000, 6_000),  # 30%
        concession(4, 1, D(2026, 4, 1), 0, 1_000),  # zero baseline: no discount %
        concession(5, 2, D(2026, 4, 1), 10_000, 2_000,
                   kind=ConcessionKind.PAYMENT_TERMS),  # not a price kind
        concession(6, 4, D(2026, 1, 10), 40_000, 8_000),  # mid-size, 20%
    ]

