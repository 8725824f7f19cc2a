"""A team lead reads the portfolio figures: each is checked against numbers worked out by
hand in the comments, on a few accounts small enough to follow."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from handover.domain import analytics as an
from handover.domain.analytics import (
    AccountFact,
    Answer,
    ConcessionFact,
    ContactFact,
    Received,
    gather,
    percentile,
    portfolio_report,
    slope,
)
from handover.domain.records import (
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


# ---------------------------------------------------------------- statistics


def test_percentiles_interpolate_between_closest_ranks():
    # 5, 10, 30: the median is the middle one, 10; q1 sits halfway from 5 to 10 (7.5),
    # q3 halfway from 10 to 30 (20); p10 is 0.2 of the way from 5 to 10 (6), p90 0.8 of
    # the way from 10 to 30 (26).
    values = [5, 10, 30]
    assert percentile(values, 0.5) == 10
    assert percentile(values, 0.25) == 7.5
    assert percentile(values, 0.75) == 20
    assert percentile(values, 0.1) == pytest.approx(6)
    assert percentile(values, 0.9) == pytest.approx(26)
    assert percentile([7], 0.9) == 7
    with pytest.raises(ValueError):
        percentile([], 0.5)


def test_slope_is_the_least_squares_change_per_step():
    # 5, 8, 14 at steps 0, 1, 2: means 1 and 9; ((-1)(-4) + 0 + (1)(5)) / (1 + 0 + 1) = 4.5
    assert slope([5, 8, 14]) == 4.5
    assert slope([10, 10]) == 0
    assert slope([12, 9]) == -3


def test_a_band_needs_only_a_few_ranks_of_the_sorted_discounts():
    # 11 values: P10 sits on rank 1, q1 between ranks 2 and 3, the median on 5 ...; with
    # the minimum and the maximum that is all a band reads
    assert an.percentile_ranks(11) == [0, 1, 2, 3, 5, 6, 7, 8, 9, 10]
    assert an.percentile_ranks(1) == [0]
    assert an.percentile_ranks(2) == [0, 1]
    values = [float(v) for v in range(0, 110, 10)]
    known = an.RankedValues(11, {k: values[k] for k in an.percentile_ranks(11)})
    for p in an.BAND_QUANTILES:
        assert percentile(known, p) == percentile(values, p)
    assert (len(known), known[0], known[-1]) == (11, 0, 100)
    with pytest.raises(LookupError):
        known[4]  # not gathered: a band never asks for it


def test_a_band_from_ranked_values_is_the_band_from_every_value():
    values = sorted([5.0, 10.0, 30.0, 12.5, 7.0, 8.25, 40.0])
    ranked = an.RankedValues(7, {k: values[k] for k in an.percentile_ranks(7)})
    policies = [DiscountPolicy(segment="key", effective_from="2024-01-01", target_pct=5,
                               max_pct=10)]
    [every] = an.discount_bands({Segment.KEY: values}, [], {}, policies, TODAY)
    [some] = an.discount_bands({Segment.KEY: ranked}, [], {}, policies, TODAY)
    assert some == every


# ---------------------------------------------------------------- discount band and outliers


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


def test_discount_band_per_segment_beside_todays_policy():
    r = report([NORTHWIND, BRIGHTWATER, COBALT, DELTA], band_concessions())
    key, mid = r.discount_bands
    # key: 5, 10, 30 as in the percentile test; policy today is the 2026 one: 5 / 10
    assert (key.segment, key.concessions, key.accounts) == (Segment.KEY, 3, 3)
    assert (key.median, key.q1, key.q3, key.minimum, key.maximum) == (10, 7.5, 20, 5, 30)
    assert (key.p10, key.p90) == (pytest.approx(6), pytest.approx(26))
    assert (key.target_pct, key.max_pct) == (5, 10)
    # mid-size: one concession of 20%, every figure is 20
    assert (mid.segment, mid.concessions, mid.median, mid.p10, mid.p90) == (
        Segment.MID_SIZE, 1, 20, 20, 20)
    # the zero baseline and the payment terms have no discount %
    assert (r.concessions, r.concessions_without_discount) == (6, 2)


def test_above_policy_is_judged_by_the_policy_of_the_concessions_own_date():
    concessions = band_concessions() + [
        concession(7, 2, D(2025, 6, 1), 10_000, 1_200),  # 12% under the 2024 max of 15
        concession(8, 2, D(2023, 6, 1), 10_000, 5_000),  # 50% before any policy
    ]
    r = report([NORTHWIND, BRIGHTWATER, COBALT, DELTA], concessions)
    # Only Cobalt's 30% of 2026 breaks its policy (max 10 since 2026-01-01):
    # excess (30 - 10) / 100 x 20,000 = 4,000 USD.
    [outlier] = r.outliers.above_policy_items
    assert (outlier.concession_id, outlier.account_name, outlier.currency) == (3, "Cobalt",
                                                                               "USD")
    assert (outlier.discount_pct, outlier.max_pct, outlier.excess) == (30, 10, 4_000)
    assert outlier.reason == "above policy maximum 10%"
    assert r.outliers.above_policy == 1
    assert r.outliers.excess_by_currency == {"USD": 4_000}


def test_excess_is_summed_per_currency_never_across():
    concessions = [
        concession(1, 1, D(2026, 2, 1), 10_000, 2_000),  # 20%: 1,000 EUR over 10%
        concession(2, 2, D(2026, 2, 1), 10_000, 1_500),  # 15%: 500 EUR over
        concession(3, 3, D(2026, 2, 1), 10_000, 3_000),  # 30%: 2,000 USD over
    ]
    r = report([NORTHWIND, BRIGHTWATER, COBALT], concessions)
    assert r.outliers.excess_by_currency == {"EUR": 1_500, "USD": 2_000}
    assert [o.excess for o in r.outliers.above_policy_items] == [2_000, 1_000, 500]


def peers(*discounts, segment="small"):
    """Accounts of one segment, each with one concession of the given discount % on 100."""
    accounts = [account(i + 1, segment=segment) for i in range(len(discounts))]
    facts = [an.PricedTotal(a.id, 1, 100.0, float(d)) for a, d in zip(accounts, discounts,
                                                                       strict=True)]
    return facts, {a.id: a for a in accounts}


def test_an_account_far_above_its_peers_has_a_peer_z_score():
    # Account 5 at 30% against peers 10, 10, 12, 11: their mean is 10.75, their sample
    # variance (0.5625 + 0.5625 + 1.5625 + 0.0625) / 3 = 0.9167, sd 0.9574;
    # z = (30 - 10.75) / 0.9574 = 20.1. Account 3 at 12 against 10, 10, 11, 30 is below
    # its peers' mean of 15.25.
    facts, accounts = peers(10, 10, 12, 11, 30)
    [outlier] = an.peer_outliers(facts, accounts)
    assert outlier.account_id == 5
    assert outlier.peer_mean_pct == pytest.approx(10.75)
    assert outlier.z == pytest.approx(19.25 / (2.75 / 3) ** 0.5)
    assert outlier.reason == "peer z-score 20.1"


def test_no_peer_z_score_with_fewer_than_three_accounts_or_identical_peers():
    assert an.peer_outliers(*peers(5, 50)) == []
    # peers 10, 10, 10 have no spread: z is undefined and nobody is flagged
    assert an.peer_outliers(*peers(10, 10, 10, 20)) == []


def test_an_accounts_discount_is_its_baseline_weighted_mean():
    # 10% of 100 and 20% of 300: (10 + 60) / (100 + 300) = 17.5%
    facts = gather([account(1)], [concession(1, 1, D(2026, 1, 1), 100, 10),
                                  concession(2, 1, D(2026, 2, 1), 300, 60)], today=TODAY)
    [total] = facts.priced
    assert 100 * total.conceded / total.baseline == 17.5


# ---------------------------------------------------------------- give and get


def give_get_concessions():
    return [
        # received a volume promise worth 3,000, kept
        concession(1, 1, D(2026, 1, 5), 100_000, 5_000,
                   received=(Received(CommitmentStatus.KEPT, 3_000),)),
        # explicitly nothing in return
        concession(2, 2, D(2026, 1, 6), 50_000, 5_000, nothing_in_return=True),
        # nobody said what came back
        concession(3, 3, D(2026, 1, 7), 20_000, 6_000),
        # two promises: one broken (2,000), one withdrawn (500, not counted as received)
        concession(4, 1, D(2026, 2, 1), 40_000, 4_000,
                   received=(Received(CommitmentStatus.BROKEN, 2_000),
                             Received(CommitmentStatus.WITHDRAWN, 500))),
        # an open promise of 1,000 due before today: overdue
        concession(5, 3, D(2026, 2, 1), 10_000, 1_000,
                   received=(Received(CommitmentStatus.OPEN, 1_000, D(2026, 5, 1)),)),
    ]


def test_give_without_get_by_count_and_by_value_per_currency():
    g = report([NORTHWIND, BRIGHTWATER, COBALT], give_get_concessions()).give_and_get
    # 5 concessions: 3 with something in return, 1 "nothing", 1 unanswered -> 1/5 = 0.2
    assert (g.concessions, g.received, g.nothing, g.unanswered) == (5, 3, 1, 1)
    assert g.share_for_nothing_by_count == 0.2
    eur, usd = g.by_currency
    # EUR given 5,000 + 5,000 + 4,000 = 14,000; for nothing 5,000 -> 0.357;
    # received 3,000 + 2,000 (the withdrawn 500 left out) = 5,000 -> reciprocity 0.357
    assert (eur.currency, eur.given, eur.given_for_nothing, eur.received) == (
        "EUR", 14_000, 5_000, 5_000)
    assert eur.share_for_nothing_by_value == pytest.approx(5 / 14)
    assert eur.reciprocity == pytest.approx(5 / 14)
    # USD given 6,000 + 1,000 = 7,000, received 1,000 (the open promise) -> 1/7
    assert (usd.currency, usd.given, usd.given_for_nothing, usd.received) == (
        "USD", 7_000, 0, 1_000)
    assert usd.reciprocity == pytest.approx(1 / 7)


def test_a_concession_with_a_promise_is_received_even_if_marked_nothing():
    fact = concession(1, 1, D(2026, 1, 1), nothing_in_return=True,
                      received=(Received(CommitmentStatus.OPEN),))
    assert fact.answer is Answer.RECEIVED
    assert concession(2, 1, D(2026, 1, 1)).answer is Answer.UNANSWERED


def test_delivery_of_what_was_promised_in_return():
    d = report([NORTHWIND, BRIGHTWATER, COBALT], give_get_concessions()).delivery
    # promises: kept 3,000 EUR, broken 2,000 EUR, withdrawn 500 EUR, open 1,000 USD (overdue)
    assert (d.promised, d.kept, d.broken, d.withdrawn, d.open, d.overdue) == (4, 1, 1, 1, 1, 1)
    # by count kept / (kept + broken) = 1 / 2
    assert d.delivered_share_by_count == 0.5
    eur, usd = d.by_currency
    # EUR by value 3,000 / (3,000 + 2,000) = 0.6; USD has nothing settled yet
    assert (eur.kept_value, eur.broken_value, eur.withdrawn_value) == (3_000, 2_000, 500)
    assert eur.delivered_share_by_value == 0.6
    assert (usd.open_value, usd.delivered_share_by_value) == (1_000, None)


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


# ---------------------------------------------------------------- relationships and attention


def test_relationship_health_per_account():
    accounts = [
        # sentiment fell from +1 to 0 (trend -1), last seen 10 days ago
        account(1, name="Northwind", sentiment_recent=0.0, sentiment_before=1.0,
                last_interaction=D(2026, 6, 20)),
        # steady, recently seen, a decision maker in touch
        account(2, name="Brightwater", sentiment_recent=1.0, sentiment_before=1.0,
                last_interaction=D(2026, 6, 25)),
    ]
    contacts = [
        # Northwind's economic buyer last contacted 100 days ago: out of touch
        ContactFact(1, 1, "Ines", BuyingRole.ECONOMIC_BUYER, 0, 5, D(2026, 3, 22)),
        # a hostile, influential blocker never contacted
        ContactFact(2, 1, "Olaf", BuyingRole.BLOCKER, -2, 4, None),
        ContactFact(3, 2, "Mara", BuyingRole.DECISION_MAKER, 1, 3, D(2026, 6, 1)),
        ContactFact(4, 2, "Tom", BuyingRole.USER, -2, 2, D(2026, 6, 1)),  # low influence
    ]
    r = report(accounts, [], contacts).relationships
    # trends -1 and 0: mean -0.5; decision makers 2, in touch 1 -> 0.5
    assert r.mean_sentiment_trend == -0.5
    assert (r.declining, r.with_key_out_of_touch, r.without_decision_maker) == (1, 1, 0)
    assert r.decision_maker_coverage == 0.5
    [northwind] = r.accounts
    assert northwind.warnings == ("sentiment declining", "key stakeholder out of touch",
                                  "influential detractor")
    # key: Ines (economic buyer) and Olaf (influence 4); both out of touch; the longest
    # silence among those contacted is Ines's 100 days
    assert (northwind.key_stakeholders, northwind.key_out_of_touch,
            northwind.longest_silence_days) == (2, 2, 100)
    [olaf] = r.detractors
    assert (olaf.name, olaf.attitude, olaf.influence, olaf.days_since_contact) == (
        "Olaf", -2, 4, None)


def test_an_account_never_met_and_without_decision_maker_is_flagged():
    r = report([account(1)], []).relationships
    [row] = r.accounts
    assert row.warnings == ("no contact in 90 days", "no decision maker known")
    assert (r.out_of_contact, r.without_decision_maker, r.mean_sentiment_trend) == (1, 1, None)


def test_neglected_accounts_have_large_potential_and_little_contact():
    accounts = [
        account(1, current_revenue=100_000, potential_revenue=150_000, interactions_recent=10),
        account(2, current_revenue=100_000, potential_revenue=120_000, interactions_recent=6),
        account(3, current_revenue=100_000, potential_revenue=120_000, interactions_recent=4),
        # mid-size: 50,000 now, 400,000 possible (headroom 8), one interaction
        account(4, segment="mid_size", current_revenue=50_000, potential_revenue=400_000,
                interactions_recent=1, last_interaction=D(2026, 2, 10)),
        # no revenue yet, potential 80,000, never contacted
        account(5, segment="small", potential_revenue=80_000),
    ]
    a = report(accounts, []).attention
    # interactions 0, 1, 4, 6, 10: the median is 4; accounts 4 and 5 are below it with
    # large headroom; account 3 is not below the median, and its headroom is 1.2
    assert a.median_interactions == 4
    assert a.neglected == 2
    no_revenue, delta = a.items
    assert (no_revenue.account_id, no_revenue.headroom) == (5, None)
    assert (delta.account_id, delta.headroom, delta.days_since_contact) == (4, 8, 140)
    key = a.by_segment[0]
    # key accounts: interactions 4, 6, 10 -> median 6; headroom 1.2, 1.2, 1.5 -> 1.2
    assert (key.segment, key.accounts, key.median_interactions) == (Segment.KEY, 3, 6)
    assert key.median_headroom == pytest.approx(1.2)


def test_the_first_accounts_of_a_long_portfolio_are_those_of_the_whole_list():
    # relationships and attention keep their first `limit` without sorting every account:
    # the same as the whole list cut, ties broken by account
    accounts = [account(i, segment=("key", "small")[i % 2], current_revenue=i % 3 * 10_000,
                        potential_revenue=(i * 7919) % 50 * 10_000,
                        interactions_recent=i % 5, sentiment_recent=(i % 4) / 2,
                        sentiment_before=(i % 3) / 2,
                        last_interaction=D(2026, 6, 30) - dt.timedelta(days=i % 200))
                for i in range(1, 300)]
    contacts = [ContactFact(i, i % 299 + 1, f"C{i}", BuyingRole.BLOCKER, -1 - i % 2,
                            4 + i % 2, None if i % 7 == 0 else D(2026, 6, 30 - i % 29))
                for i in range(1, 200)]
    tallies = an.stakeholder_tallies(contacts, TODAY)
    whole = an.relationships(accounts, tallies, contacts, TODAY)
    first = an.relationships(accounts, tallies, contacts, TODAY, limit=10)
    assert first.accounts == whole.accounts[:10]
    assert first.detractors == whole.detractors[:10]
    assert first.declining == whole.declining and len(whole.accounts) > 10
    neglected = an.attention(accounts, TODAY)
    assert an.attention(accounts, TODAY, limit=10).items == neglected.items[:10]
    assert neglected.neglected > 10


# ---------------------------------------------------------------- edge cases and output


def test_a_portfolio_without_concessions():
    r = report([NORTHWIND], [])
    assert (r.accounts, r.concessions, r.discount_bands) == (1, 0, ())
    assert r.give_and_get.share_for_nothing_by_count is None
    assert r.give_and_get.by_currency == ()
    assert r.delivery.delivered_share_by_count is None
    assert (r.escalation.accounts_with_renewals, r.escalation.share_escalating) == (0, None)
    assert (r.comebacks.share, r.creep.share, r.authority.max_out_share) == (None, None, None)
    assert r.precedent_exposure.value_by_currency == {}
    json.dumps(r.as_dict())


def test_an_empty_portfolio():
    r = report([], [])
    assert r.accounts == 0
    assert r.attention.median_interactions is None
    assert r.relationships.decision_maker_coverage is None


def test_concessions_of_accounts_not_in_the_portfolio_are_left_out():
    # account 9 is archived: not given to gather
    r = report([NORTHWIND], [concession(1, 1, D(2026, 1, 1), 100, 5),
                             concession(2, 9, D(2026, 1, 1), 100, 50)])
    assert r.concessions == 1
    assert r.discount_bands[0].maximum == 5


def test_lists_keep_the_most_telling_items_and_count_all():
    concessions = [concession(i, 1, D(2026, 1, 1), 100, 20 + i) for i in range(1, 6)]
    r = report([NORTHWIND], concessions, limit=2)
    assert r.outliers.above_policy == 5
    assert [o.concession_id for o in r.outliers.above_policy_items] == [5, 4]


def test_as_dict_is_json_with_iso_dates_and_choice_values():
    r = report([NORTHWIND, BRIGHTWATER, COBALT, DELTA], band_concessions())
    data = json.loads(json.dumps(r.as_dict()))
    assert data["today"] == "2026-06-30"
    assert data["discount_bands"][0]["segment"] == "key"
    assert data["outliers"]["above_policy_items"][0]["date"] == "2026-03-01"
    assert data["outliers"]["excess_by_currency"] == {"USD": 4000.0}
    assert set(data) >= {"accounts", "concessions", "discount_bands", "outliers",
                         "give_and_get", "delivery", "escalation", "comebacks", "creep",
                         "precedent_exposure", "tactics", "authority", "relationships",
                         "attention", "currency_rule"}
