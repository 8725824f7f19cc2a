"""A team lead reads relationship health and attention against potential, account by
account and over a long portfolio."""

from __future__ import annotations

import datetime as dt

import pytest
from analytics_cases import TODAY, D, account, report

from handover.domain import analytics as an
from handover.domain.analytics.facts import ContactFact
from handover.domain.records import BuyingRole, Segment


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
