"""Percentiles, slopes and the ranks a discount band reads, checked against numbers
worked out by hand."""

from __future__ import annotations

import pytest
from analytics_cases import TODAY

from handover.domain import analytics as an
from handover.domain.analytics.stats import percentile, slope
from handover.domain.records import DiscountPolicy, Segment


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
