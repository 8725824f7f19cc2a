"""A team lead reads each segment's band of discounts beside its policy, the
concessions above it and the accounts far above their peers."""

from __future__ import annotations

import pytest
from analytics_cases import (
    BRIGHTWATER,
    COBALT,
    DELTA,
    NORTHWIND,
    TODAY,
    D,
    account,
    band_concessions,
    concession,
    report,
)

from handover.domain import analytics as an
from handover.domain.analytics.tallies import gather
from handover.domain.records import Segment


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
