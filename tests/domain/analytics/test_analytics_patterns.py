"""A team lead reads the negotiation patterns: escalating renewals, one-offs that came
back, growing concessions, precedents live at renewal, tactics, breaches of authority."""

from __future__ import annotations

import pytest
from analytics_cases import BRIGHTWATER, COBALT, NORTHWIND, TODAY, D, concession, report

from handover.domain import analytics as an
from handover.domain.analytics.facts import Received
from handover.domain.records import CommitmentStatus, ConcessionKind, Recurrence, Role, Tactic

# ---------------------------------------------------------------- escalation and creep


def test_escalation_is_the_slope_of_discount_across_renewals():
    concessions = [
        # Northwind: 5% in 2024, 5% + 3% of the same 100,000 deal in 2025 = 8%, 14% in 2026
        concession(1, 1, D(2024, 3, 1), 100_000, 5_000, negotiation="2024 renewal"),
        concession(2, 1, D(2025, 3, 1), 100_000, 5_000, negotiation="2025 renewal"),
        concession(3, 1, D(2025, 3, 9), 100_000, 3_000, negotiation="2025 renewal"),
        concession(4, 1, D(2026, 3, 1), 100_000, 14_000, negotiation="2026 renewal"),
        # Brightwater: 10% and 10%, unnamed, so grouped by year: flat
        concession(5, 2, D(2025, 5, 1), 10_000, 1_000),
        concession(6, 2, D(2026, 5, 1), 10_000, 1_000),
        # Cobalt: one negotiation only
        concession(7, 3, D(2026, 5, 1), 10_000, 1_000),
    ]
    e = report([NORTHWIND, BRIGHTWATER, COBALT], concessions).escalation
    # slope of 5, 8, 14 is 4.5 points per renewal (see test_slope)
    assert (e.accounts_with_renewals, e.escalating, e.share_escalating) == (2, 1, 0.5)
    [trend] = e.accounts
    assert trend.account_name == "Northwind"
    assert [(n.negotiation, n.discount_pct) for n in trend.negotiations] == [
        ("2024 renewal", 5), ("2025 renewal", 8), ("2026 renewal", 14)]
    assert trend.slope == 4.5


def test_escalating_accounts_beyond_the_listed_ones_count_in_the_share():
    # SQL sends only the steepest accounts with their negotiations, and how many more
    # escalate: Northwind listed (slope 4.5), three more known to escalate
    history = an.RenewalHistory(1, (("2024", D(2024, 1, 1), 5.0), ("2025", D(2025, 1, 1), 8.0),
                                    ("2026", D(2026, 1, 1), 14.0)))
    e = an.escalation([history], {1: NORTHWIND}, accounts_with_renewals=8, unlisted=3)
    assert (e.escalating, e.share_escalating, len(e.accounts)) == (4, 0.5, 1)


def test_one_off_concessions_that_came_back():
    rebate = ConcessionKind.REBATE
    concessions = [
        concession(1, 1, D(2024, 3, 1), kind=rebate),  # one-off ...
        concession(2, 1, D(2025, 3, 1), kind=rebate),  # ... back a year later
        concession(3, 2, D(2025, 3, 1), kind=rebate),  # one-off, a free-goods later: not
        concession(4, 2, D(2026, 1, 1), kind=ConcessionKind.FREE_GOODS_SERVICES),
        concession(5, 3, D(2025, 3, 1), kind=rebate, recurrence=Recurrence.RECURRING),
        concession(6, 3, D(2026, 3, 1), kind=rebate, recurrence=Recurrence.RECURRING),
    ]
    c = report([NORTHWIND, BRIGHTWATER, COBALT], concessions).comebacks
    # one-offs: 1, 2, 3, 4; only 1 came back (as 2) -> 1 / 4
    assert (c.one_offs, c.came_back, c.share) == (4, 1, 0.25)
    [item] = c.items
    assert (item.concession_id, item.came_back_id, item.came_back_date) == (1, 2, D(2025, 3, 1))


def test_concessions_that_grow_within_one_negotiation():
    concessions = [
        # 5,000 then 3,000 then 4,000: one growing step (3,000 -> 4,000)
        concession(1, 1, D(2026, 3, 1), conceded=5_000, negotiation="2026 renewal"),
        concession(2, 1, D(2026, 3, 2), conceded=3_000, negotiation="2026 renewal"),
        concession(3, 1, D(2026, 3, 2), conceded=0, negotiation="2026 renewal"),  # no value
        concession(4, 1, D(2026, 3, 3), conceded=4_000, negotiation="2026 renewal"),
        # 5,000, 3,000, 1,000: shrinking, as it should
        concession(5, 2, D(2026, 3, 1), conceded=5_000, negotiation="2026 renewal"),
        concession(6, 2, D(2026, 3, 2), conceded=3_000, negotiation="2026 renewal"),
        concession(7, 2, D(2026, 3, 3), conceded=1_000, negotiation="2026 renewal"),
        # a single concession is no sequence
        concession(8, 3, D(2026, 3, 1), conceded=1_000, negotiation="2026 renewal"),
    ]
    c = report([NORTHWIND, BRIGHTWATER, COBALT], concessions).creep
    assert (c.negotiations, c.growing, c.share) == (2, 1, 0.5)
    [item] = c.items
    assert (item.account_name, item.negotiation, item.sizes, item.growing_steps) == (
        "Northwind", "2026 renewal", (5_000, 3_000, 4_000), 1)


# ---------------------------------------------------------------- precedent and tactics


def test_precedent_exposure_live_at_renewal():
    concessions = [
        # recurring since 2025, no expiry: live at the renewal of 2026-09-01
        concession(1, 1, D(2025, 1, 1), conceded=2_000, recurrence=Recurrence.RECURRING,
                   known_to_others=True),
        # a precedent that expires before the renewal: not live then
        concession(2, 1, D(2025, 1, 1), conceded=9_000, sets_precedent=True,
                   expiry=D(2026, 8, 1)),
        # a precedent valid through the renewal
        concession(3, 1, D(2026, 2, 1), conceded=1_000, sets_precedent=True,
                   expiry=D(2026, 12, 31), likely_next_ask="free onboarding"),
        # a one-off without precedent: not exposure
        concession(4, 1, D(2026, 3, 1), conceded=7_000),
        # Cobalt has no renewal date: judged today; permanent, USD
        concession(5, 3, D(2024, 1, 1), conceded=500, recurrence=Recurrence.PERMANENT,
                   likely_next_ask="a price freeze"),
    ]
    p = report([NORTHWIND, BRIGHTWATER, COBALT], concessions).precedent_exposure
    # Northwind: 2,000 + 1,000 EUR; Cobalt 500 USD
    assert p.value_by_currency == {"EUR": 3_000, "USD": 500}
    cobalt, northwind = p.items  # earliest judged day first: today, then 2026-09-01
    assert (cobalt.account_name, cobalt.judged_on, cobalt.value) == ("Cobalt", TODAY, 500)
    assert (northwind.judged_on, northwind.concessions, northwind.value,
            northwind.known_to_others, northwind.likely_next_ask) == (
        D(2026, 9, 1), 2, 3_000, 1, "free onboarding")


def test_precedent_exposure_counted_over_accounts_not_listed():
    # with a tally (from SQL), only the first accounts come as items; the count and the
    # values are the tally's
    first = an.ExposureTally(1, 2, 7_500.0, 1, "another rebate")
    tally = an.PrecedentTally(5, {"EUR": 20_000.004, "USD": 1_000.0})
    p = an.precedent_exposure([first], {1: NORTHWIND}, TODAY, tally)
    assert (p.accounts, p.value_by_currency) == (5, {"EUR": 20_000.0, "USD": 1_000.0})
    [item] = p.items
    assert (item.account_name, item.judged_on, item.value) == ("Northwind", D(2026, 9, 1),
                                                               7_500)


def test_tactic_yield():
    concessions = [
        concession(1, 1, D(2026, 1, 1), 100_000, 5_000, tactics=frozenset({Tactic.FLINCH}),
                   received=(Received(CommitmentStatus.OPEN),)),
        concession(2, 2, D(2026, 1, 1), 50_000, 5_000, nothing_in_return=True,
                   tactics=frozenset({Tactic.FLINCH, Tactic.VISE})),
        concession(3, 3, D(2026, 1, 1), 0, 700, tactics=frozenset({Tactic.FLINCH})),
        concession(4, 3, D(2026, 1, 1), 100, 1),
    ]
    t = report([NORTHWIND, BRIGHTWATER, COBALT], concessions).tactics
    flinch, vise = t.tactics
    # flinch: 3 concessions, 1 for nothing; mean discount of the two with one (5 + 10) / 2;
    # value 10,000 EUR and 700 USD
    assert (flinch.tactic, flinch.concessions, flinch.nothing) == (Tactic.FLINCH, 3, 1)
    assert flinch.share_for_nothing == pytest.approx(1 / 3)
    assert flinch.mean_discount_pct == 7.5
    assert flinch.value_by_currency == {"EUR": 10_000, "USD": 700}
    assert (vise.concessions, vise.nothing, vise.mean_discount_pct) == (1, 1, 10)
    assert t.concessions_without_tactic == 1


# ---------------------------------------------------------------- authority


def test_breaches_and_max_outs_against_the_granters_limit():
    am, tl = Role.ACCOUNT_MANAGER, Role.TEAM_LEAD
    concessions = [
        concession(1, 1, D(2026, 1, 1), 10_000, 1_200, granted_by_role=am),  # 12% > 10
        concession(2, 1, D(2026, 1, 2), 10_000, 950, granted_by_role=am),  # 9.5%: max-out
        concession(3, 1, D(2026, 1, 3), 10_000, 1_000, granted_by_role=am),  # 10%: max-out
        concession(4, 1, D(2026, 1, 4), 10_000, 850, granted_by_role=am),  # 8.5%: fine
        concession(5, 1, D(2026, 1, 5), 10_000, 1_500, granted_by_role=am,
                   approved=True),  # 15%, approved by someone else
        concession(6, 1, D(2026, 1, 6), 10_000, 1_200, granted_by_role=tl),  # within 20
        concession(7, 1, D(2026, 1, 7), 10_000, 3_000),  # nobody named: not judged
        concession(8, 1, D(2023, 1, 7), 10_000, 3_000, granted_by_role=am),  # before limits
    ]
    a = report([NORTHWIND], concessions).authority
    # judged: 1-6; breach: 1, excess (12 - 10) / 100 x 10,000 = 200; max-outs: 2 and 3
    assert (a.judged, a.breaches, a.max_outs, a.approved_above_limit) == (6, 1, 2, 1)
    assert a.max_out_share == pytest.approx(2 / 6)
    [breach] = a.items
    assert (breach.concession_id, breach.role, breach.limit_pct, breach.excess) == (
        1, am, 10, 200)
