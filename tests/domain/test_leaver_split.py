"""Splitting a leaver's book evenly by revenue: each incoming manager gets a fair share of
each currency's revenue, money is never added across currencies, and a book without revenue
is shared out by count."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handover.domain.errors import ValidationError
from handover.domain.leaver import BookAccount, LeaverPlan, loads, split_by_revenue

JONAS, PRIYA, MARCUS = 11, 12, 13


def book(*accounts: tuple[str, str, float]) -> list[BookAccount]:
    return [BookAccount(n, name, currency, revenue)
            for n, (name, currency, revenue) in enumerate(accounts, 1)]


def test_the_largest_accounts_go_to_different_managers_and_the_rest_fill_the_gaps():
    accounts = book(("Northwind", "EUR", 900_000), ("Brightwater", "EUR", 500_000),
                    ("Calder", "EUR", 400_000), ("Halden", "EUR", 300_000),
                    ("Ostara", "EUR", 200_000), ("Pellworm", "EUR", 100_000))
    split = split_by_revenue(accounts, [JONAS, PRIYA, MARCUS])
    names = {a.id: a.name for a in accounts}
    given_to = {person: sorted(names[a] for a, p in split.items() if p == person)
                for person in (JONAS, PRIYA, MARCUS)}
    assert given_to == {JONAS: ["Northwind"],
                        PRIYA: ["Brightwater", "Ostara", "Pellworm"],
                        MARCUS: ["Calder", "Halden"]}
    revenue = {p: load.revenue["EUR"] for p, load in loads(accounts, split).items()}
    assert revenue == {JONAS: 900_000, PRIYA: 800_000, MARCUS: 700_000}


def test_each_currency_is_balanced_on_its_own_and_never_added_to_another():
    accounts = book(("Berlin", "EUR", 800_000), ("Munich", "EUR", 800_000),
                    ("Boston", "USD", 700_000), ("Austin", "USD", 700_000),
                    ("Leeds", "GBP", 50_000))
    split = split_by_revenue(accounts, [JONAS, PRIYA])
    shares = loads(accounts, split)
    assert shares[JONAS].revenue["EUR"] == shares[PRIYA].revenue["EUR"] == 800_000
    assert shares[JONAS].revenue["USD"] == shares[PRIYA].revenue["USD"] == 700_000
    # The odd account out goes to whoever has fewer accounts, not to whoever has "less money".
    assert sorted([shares[JONAS].accounts, shares[PRIYA].accounts]) == [2, 3]
    assert sum("GBP" in s.revenue for s in shares.values()) == 1


def test_accounts_without_revenue_are_shared_by_count():
    accounts = book(*[(f"Prospect {n}", "EUR", 0) for n in range(7)])
    shares = loads(accounts, split_by_revenue(accounts, [JONAS, PRIYA, MARCUS]))
    assert sorted(s.accounts for s in shares.values()) == [2, 2, 3]


def test_a_split_needs_someone_to_give_the_accounts_to():
    with pytest.raises(ValidationError, match="at least one incoming manager"):
        split_by_revenue(book(("Northwind", "EUR", 1)), [])
    with pytest.raises(ValidationError, match="chosen once"):
        split_by_revenue(book(("Northwind", "EUR", 1)), [JONAS, JONAS])


def test_a_plan_refuses_an_empty_split_a_missing_due_date_and_the_leaver_as_receiver():
    with pytest.raises(ValidationError, match="split"):
        LeaverPlan(leaver_id=1, split={}, due_date=dt.date(2026, 12, 1))
    with pytest.raises(ValidationError, match="due_date"):
        LeaverPlan(leaver_id=1, split={5: JONAS}, due_date=None)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="own accounts"):
        LeaverPlan(leaver_id=1, split={5: JONAS, 6: 1}, due_date=dt.date(2026, 12, 1))


revenues = st.lists(st.tuples(st.sampled_from(["EUR", "USD", "GBP"]),
                              st.integers(min_value=0, max_value=5_000_000)),
                    min_size=1, max_size=60)


@given(revenues, st.integers(min_value=1, max_value=5))
def test_within_a_currency_no_manager_is_ahead_by_more_than_its_largest_account(rows, n):
    accounts = [BookAccount(i, f"Account {i}", c, float(r)) for i, (c, r) in enumerate(rows)]
    people = list(range(100, 100 + n))
    split = split_by_revenue(accounts, people)
    assert set(split) == {a.id for a in accounts}  # every account given, once
    assert set(split.values()) <= set(people)
    shares = loads(accounts, split, people)
    for currency in {a.currency for a in accounts}:
        held = [s.revenue.get(currency, 0.0) for s in shares.values()]
        largest = max(a.revenue for a in accounts if a.currency == currency)
        assert max(held) - min(held) <= largest
    assert split == split_by_revenue(accounts, people)  # the same book, the same split
