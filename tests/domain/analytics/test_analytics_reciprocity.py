"""A team lead reads what was given for nothing, what came back, and what the
customers delivered of their promises."""

from __future__ import annotations

import pytest
from analytics_cases import BRIGHTWATER, COBALT, NORTHWIND, D, concession, report

from handover.domain.analytics.facts import Answer, Received
from handover.domain.records import CommitmentStatus


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
    # EUR given 5,000 + 5,000 + 4,000 = 14,000; for nothing 5,000 -> 0.357; received is
    # only the kept 3,000 (the broken 2,000 and the withdrawn 500 brought nothing) -> 3/14
    assert (eur.currency, eur.given, eur.given_for_nothing, eur.received,
            eur.promised_open) == ("EUR", 14_000, 5_000, 3_000, 0)
    assert eur.share_for_nothing_by_value == pytest.approx(5 / 14)
    assert eur.reciprocity == pytest.approx(3 / 14)
    # USD given 6,000 + 1,000 = 7,000; the open promise of 1,000 is not received yet: it is
    # shown apart, and reciprocity is 0 until it is kept
    assert (usd.currency, usd.given, usd.given_for_nothing, usd.received,
            usd.promised_open) == ("USD", 7_000, 0, 0, 1_000)
    assert usd.reciprocity == 0


def test_a_broken_volume_promise_repays_nothing():
    # 10,000 given for a "volume 500k/yr" promise worth 21,900 that the customer broke
    broken = [concession(1, 1, D(2026, 1, 5), 100_000, 10_000,
                         received=(Received(CommitmentStatus.BROKEN, 21_900),))]
    eur, = report([NORTHWIND], broken).give_and_get.by_currency
    assert (eur.given, eur.received, eur.promised_open, eur.reciprocity) == (
        10_000, 0, 0, 0)
    # kept, it would have been 2.19; still open, it is promised but not received
    for status, received, promised_open, ratio in (
            (CommitmentStatus.KEPT, 21_900, 0, 2.19),
            (CommitmentStatus.OPEN, 0, 21_900, 0)):
        fact = [concession(1, 1, D(2026, 1, 5), 100_000, 10_000,
                           received=(Received(status, 21_900),))]
        eur, = report([NORTHWIND], fact).give_and_get.by_currency
        assert (eur.received, eur.promised_open) == (received, promised_open)
        assert eur.reciprocity == pytest.approx(ratio)


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
