"""A team lead reads the whole report: empty portfolios, archived accounts left out,
long lists cut, and the JSON of `handover analytics --json`."""

from __future__ import annotations

import json

from analytics_cases import (
    BRIGHTWATER,
    COBALT,
    DELTA,
    NORTHWIND,
    D,
    band_concessions,
    concession,
    report,
)


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
