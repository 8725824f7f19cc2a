"""A team lead runs the portfolio analytics on a real workspace file: the figures come out
of SQL as the domain defines them, archived accounts left out."""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest

from handover.domain import analytics as an
from handover.domain.records import (
    Account,
    ApprovalLimit,
    BuyingRole,
    Commitment,
    CommitmentStatus,
    Concession,
    ConcessionKind,
    Contact,
    DiscountPolicy,
    Interaction,
    Person,
    Recurrence,
    Tactic,
)
from handover.store import Workspace
from handover.store.portfolio import analytics_report, gather_facts, portfolio

TODAY = dt.date(2026, 6, 30)
D = dt.date


@pytest.fixture
def ws(tmp_path):
    with Workspace.create(tmp_path / "team.handover", user="Dana Smith") as workspace:
        yield workspace


@pytest.fixture
def team(ws):
    """Northwind (EUR) and Cobalt (USD), key accounts; an archived account with a wild
    discount; a key-account policy of 5% / 10% and limits of 10% and 20%."""
    dana = ws.add(Person(name="Dana Smith"))
    lee = ws.add(Person(name="Lee Park", role="team_lead"))
    northwind = ws.add(Account(name="Northwind", segment="key", currency="EUR",
                               current_revenue=100_000, potential_revenue=150_000,
                               renewal_date=D(2026, 9, 1)))
    cobalt = ws.add(Account(name="Cobalt", segment="key", currency="USD",
                            current_revenue=20_000, potential_revenue=200_000))
    gone = ws.add(Account(name="Gone Ltd", segment="key", archived=True))
    ws.add(DiscountPolicy(segment="key", effective_from="2026-01-01", target_pct=5,
                          max_pct=10))
    ws.add(ApprovalLimit(role="account_manager", effective_from="2024-01-01", limit_pct=10))
    ws.add(ApprovalLimit(role="team_lead", effective_from="2024-01-01", limit_pct=20))
    # 5% for a volume promise worth 3,000 that was kept
    first = ws.add(Concession(account_id=northwind.id, date="2026-02-01",
                              baseline_value=100_000, conceded_value=5_000,
                              granted_by_id=dana.id, negotiation="2026 renewal"))
    ws.add(Commitment(account_id=northwind.id, direction="theirs", description="volume +10%",
                      status="kept", concession_id=first.id, value=3_000))
    # 15% rebate after a flinch, for nothing: above policy (excess 2,500) and Dana's limit
    ws.add(Concession(account_id=northwind.id, date="2026-03-01", kind="rebate",
                      baseline_value=50_000, conceded_value=7_500, granted_by_id=dana.id,
                      nothing_in_return=True, tactics={"flinch"}, recurrence="recurring",
                      negotiation="2026 renewal", likely_next_ask="another rebate"))
    # 30% granted and "approved" by Lee himself: above policy (4,000 USD) and his limit
    ws.add(Concession(account_id=cobalt.id, date="2026-03-01", baseline_value=20_000,
                      conceded_value=6_000, granted_by_id=lee.id, approved_by_id=lee.id))
    ws.add(Concession(account_id=gone.id, date="2026-03-01", baseline_value=100_000,
                      conceded_value=90_000, nothing_in_return=True))
    ws.add(Contact(account_id=northwind.id, name="Ines", buying_role="economic_buyer",
                   attitude=1, influence=5, last_contact="2026-06-01"))
    ws.add(Contact(account_id=cobalt.id, name="Olaf", buying_role="blocker", attitude=-2,
                   influence=4))
    ws.add(Interaction(account_id=northwind.id, date="2026-06-01", sentiment=1))
    ws.add(Interaction(account_id=northwind.id, date="2025-12-01", sentiment=2))
    return ws


def test_the_report_counts_give_without_get_and_reciprocity(team):
    data = analytics_report(team, TODAY)
    g = data["give_and_get"]
    # three concessions of active accounts: one got a promise, one "nothing", one unanswered
    assert (data["accounts"], g["concessions"], g["received"], g["nothing"],
            g["unanswered"]) == (2, 3, 1, 1, 1)
    assert g["share_for_nothing_by_count"] == 0.3333  # JSON keeps 4 places
    eur, usd = g["by_currency"]
    # EUR: given 5,000 + 7,500 = 12,500; received 3,000 -> reciprocity 0.24
    assert (eur["currency"], eur["given"], eur["given_for_nothing"], eur["received"],
            eur["reciprocity"]) == ("EUR", 12_500, 7_500, 3_000, 0.24)
    assert (usd["currency"], usd["given"], usd["reciprocity"]) == ("USD", 6_000, 0)
    assert data["delivery"]["kept"] == 1
    assert data["delivery"]["delivered_share_by_count"] == 1


def test_reciprocity_counts_what_was_kept_and_shows_what_is_still_open(ws):
    northwind = ws.add(Account(name="Northwind", segment="key", currency="EUR"))
    given = [ws.add(Concession(account_id=northwind.id, date=f"2026-0{m}-01",
                               baseline_value=100_000, conceded_value=10_000))
             for m in (1, 2, 3)]
    # three promises in return: 4,000 kept, a "volume 500k/yr" worth 21,900 broken,
    # 6,000 still open; and 1,000 withdrawn
    for c, status, value in ((given[0], "kept", 4_000), (given[1], "broken", 21_900),
                             (given[2], "open", 6_000), (given[2], "withdrawn", 1_000)):
        ws.add(Commitment(account_id=northwind.id, direction="theirs", description="volume",
                          status=status, concession_id=c.id, value=value,
                          due_date="2026-12-31"))
    sql = analytics_report(ws, TODAY)
    eur, = sql["give_and_get"]["by_currency"]
    # given 30,000; received only the kept 4,000 -> 0.1333 (2.19 if the broken one counted)
    assert (eur["given"], eur["received"], eur["promised_open"], eur["reciprocity"]) == (
        30_000, 4_000, 6_000, 0.1333)
    assert_same(sql, an.portfolio_report(facts_one_by_one(ws, TODAY)).as_dict())


def test_the_report_flags_policy_and_authority_breaches(team):
    data = analytics_report(team, TODAY)
    outliers = data["outliers"]
    # 15% of 50,000 against max 10: 2,500 EUR; 30% of 20,000: 4,000 USD
    assert outliers["excess_by_currency"] == {"EUR": 2_500, "USD": 4_000}
    assert [o["account_name"] for o in outliers["above_policy_items"]] == ["Cobalt",
                                                                           "Northwind"]
    authority = data["authority"]
    # Dana's 15% over her 10 (excess 2,500 EUR); Lee's 30% over his 20 (2,000 USD): his
    # own approval does not count; Dana's 5% is far from her limit
    assert (authority["judged"], authority["breaches"], authority["max_outs"]) == (3, 2, 0)
    assert [(b["account_name"], b["role"], b["excess"]) for b in authority["items"]] == [
        ("Northwind", "account_manager", 2_500), ("Cobalt", "team_lead", 2_000)]
    band = data["discount_bands"][0]
    # 5, 15, 30: median 15; the archived account's 90% is not in the band
    assert (band["segment"], band["concessions"], band["median"], band["maximum"],
            band["max_pct"]) == ("key", 3, 15, 30, 10)


def test_the_report_covers_precedent_tactics_relationships_and_attention(team):
    report = portfolio(team, TODAY)
    [exposure] = report.precedent_exposure.items
    assert (exposure.account_name, exposure.value, exposure.likely_next_ask) == (
        "Northwind", 7_500, "another rebate")
    [flinch] = report.tactics.tactics
    assert (flinch.tactic, flinch.concessions, flinch.nothing) == (Tactic.FLINCH, 1, 1)
    assert report.tactics.concessions_without_tactic == 2
    [olaf] = report.relationships.detractors
    assert (olaf.name, olaf.account_name) == ("Olaf", "Cobalt")
    northwind = next(a for a in report.attention.by_segment)
    assert northwind.accounts == 2
    # Cobalt: 200,000 possible on 20,000 now, never contacted -> neglected
    [neglected] = report.attention.items
    assert (neglected.account_name, neglected.headroom) == ("Cobalt", 10)
    facts = gather_facts(team, TODAY)
    [nw] = [a for a in facts.accounts if a.name == "Northwind"]
    # one interaction in the last 180 days (+1), one in the 180 before (+2)
    assert (nw.interactions_recent, nw.sentiment_recent, nw.sentiment_before) == (1, 1, 2)


def test_an_empty_workspace_gives_an_empty_report(ws):
    data = analytics_report(ws, TODAY)
    assert (data["accounts"], data["concessions"], data["discount_bands"]) == (0, 0, [])
    json.dumps(data)


# ---------------------------------------------------------------- SQL against the reference


def random_workspace(ws: Workspace, seed: int) -> None:
    """A small portfolio with every kind of case, drawn at random."""
    rnd = random.Random(seed)
    people = [ws.add(Person(name=f"P{i}", role=rnd.choice(["account_manager", "team_lead"])))
              for i in range(4)]
    for segment in ("key", "mid_size", "small"):
        ws.add(DiscountPolicy(segment=segment, effective_from="2024-01-01", target_pct=5,
                              max_pct=rnd.choice([10, 15])))
        ws.add(DiscountPolicy(segment=segment, effective_from="2025-07-01", target_pct=4,
                              max_pct=rnd.choice([8, 12])))
    # two policies from the same day: the first stored is the one in force
    ws.add(DiscountPolicy(segment="key", effective_from="2026-01-01", target_pct=4, max_pct=9))
    ws.add(DiscountPolicy(segment="key", effective_from="2026-01-01", target_pct=4,
                          max_pct=30))
    ws.add(ApprovalLimit(role="account_manager", effective_from="2024-06-01", limit_pct=10))
    ws.add(ApprovalLimit(role="team_lead", effective_from="2024-01-01", limit_pct=20))
    ws.add(ApprovalLimit(role="account_manager", effective_from="2025-06-01", limit_pct=8))
    kinds = list(ConcessionKind)
    for i in range(24):
        account = ws.add(Account(
            name=f"Account {i}", segment=rnd.choice(["key", "mid_size", "small", "strategic"]),
            currency=rnd.choice(["EUR", "USD"]), current_revenue=rnd.choice([0, 50_000,
                                                                             200_000]),
            potential_revenue=rnd.choice([0, 100_000, 900_000]), archived=i == 23,
            renewal_date=rnd.choice([None, "2026-03-01", "2026-10-01", "2027-02-01"])))
        for _ in range(rnd.randint(0, 4)):
            ws.add(Contact(account_id=account.id, name="C", buying_role=rnd.choice(
                list(BuyingRole)), attitude=rnd.choice([None, -2, -1, 0, 2]),
                influence=rnd.randint(1, 5), last_contact=rnd.choice(
                    [None, "2025-01-01", "2026-04-15", "2026-06-20"])))
        for _ in range(rnd.randint(0, 6)):
            ws.add(Interaction(account_id=account.id, sentiment=rnd.randint(-2, 2),
                               date=TODAY - dt.timedelta(days=rnd.randint(-5, 500))))
        for _ in range(rnd.randint(0, 14)):
            day = D(rnd.randint(2023, 2026), rnd.randint(1, 12), rnd.choice([1, 1, 15]))
            baseline = rnd.choice([0, 1_000, 10_000, 10_000, 55_000])
            granter = rnd.choice([None, *people])
            concession = ws.add(Concession(
                account_id=account.id, date=day, kind=rnd.choice(kinds[:7]),
                baseline_value=baseline,
                conceded_value=round(rnd.choice([baseline or 1_000, 3_000]) *
                                     rnd.choice([0, 0.05, 0.09, 0.1, 0.12, 0.3]), 2),
                tactics=set(rnd.sample(list(Tactic), rnd.randint(0, 2))),
                granted_by_id=granter.id if granter else None,
                approved_by_id=rnd.choice([None, None, people[0].id,
                                           granter.id if granter else None]),
                recurrence=rnd.choice(list(Recurrence)), sets_precedent=rnd.random() < .3,
                known_to_others=rnd.random() < .3,
                expiry=rnd.choice([None, day + dt.timedelta(days=400)]),
                nothing_in_return=rnd.random() < .4,
                likely_next_ask=rnd.choice(["", "", "more", " longer terms "]),
                negotiation=rnd.choice(["", f"{day.year} renewal", "expansion"])))
            for _ in range(rnd.choice([0, 0, 1, 2])):
                ws.add(Commitment(
                    account_id=account.id, direction="theirs", description="in return",
                    status=rnd.choice(list(CommitmentStatus)), concession_id=concession.id,
                    value=rnd.choice([None, 500, 2_500]),
                    due_date=rnd.choice([None, "2026-01-01", "2026-12-01"])))
        ws.add(Commitment(account_id=account.id, direction="ours", description="a promise"))


def facts_one_by_one(ws: Workspace, today: dt.date) -> an.PortfolioFacts:
    """The facts built record by record from the workspace, then tallied by the domain."""
    roles = {p.id: p.role for p in ws.all(Person)}
    received: dict[int, list] = {}
    for c in ws.all(Commitment, "concession_id IS NOT NULL"):
        received.setdefault(c.concession_id, []).append(an.Received(c.status, c.value,
                                                                    c.due_date))
    interactions: dict[int, list] = {}
    for i in ws.all(Interaction, "date <= ?", [today.isoformat()]):
        interactions.setdefault(i.account_id, []).append(i)
    recent = today - dt.timedelta(days=an.RECENT_DAYS)
    before = recent - dt.timedelta(days=an.RECENT_DAYS)

    def mean(values):
        return sum(values) / len(values) if values else None

    accounts = []
    for a in ws.all(Account, "archived = 0"):
        mine = interactions.get(a.id, [])
        accounts.append(an.AccountFact(
            a.id, a.name, a.segment, a.currency, a.current_revenue, a.potential_revenue,
            a.renewal_date, sum(i.date > recent for i in mine),
            max((i.date for i in mine), default=None),
            mean([i.sentiment for i in mine if i.date > recent]),
            mean([i.sentiment for i in mine if before < i.date <= recent])))
    concessions = [an.ConcessionFact(
        c.id, c.account_id, c.date, c.kind, c.baseline_value, c.conceded_value,
        c.nothing_in_return, tuple(received.get(c.id, ())), c.recurrence, c.sets_precedent,
        c.known_to_others, c.expiry, c.negotiation, c.tactics, roles.get(c.granted_by_id),
        c.approved_by_id is not None and c.approved_by_id != c.granted_by_id,
        c.likely_next_ask) for c in ws.all(Concession)]
    contacts = [an.ContactFact(c.id, c.account_id, c.name, c.buying_role, c.attitude,
                               c.influence, c.last_contact) for c in ws.all(Contact)]
    return an.gather(accounts, concessions, contacts, policies=ws.all(DiscountPolicy),
                     limits=ws.all(ApprovalLimit), today=today)


def assert_same(sql, reference, where="report"):
    if isinstance(reference, dict):
        assert sql.keys() == reference.keys(), where
        for key in reference:
            assert_same(sql[key], reference[key], f"{where}.{key}")
    elif isinstance(reference, list):
        assert len(sql) == len(reference), where
        for i, (a, b) in enumerate(zip(sql, reference, strict=True)):
            assert_same(a, b, f"{where}[{i}]")
    elif isinstance(reference, float):
        assert sql == pytest.approx(reference, abs=1e-3), where
    else:
        assert sql == reference, where


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sql_gives_the_same_report_as_the_domain_record_by_record(ws, seed):
    random_workspace(ws, seed)
    facts = facts_one_by_one(ws, TODAY)
    for limit in (None, 3):  # every item, and only the first ones of each list
        sql = portfolio(ws, TODAY, limit=limit).as_dict()
        assert_same(sql, an.portfolio_report(facts, limit=limit).as_dict())
    # the portfolio is not trivial: every figure has something to show
    assert sql["give_and_get"]["nothing"] and sql["outliers"]["above_policy"]
    assert sql["comebacks"]["came_back"] and sql["creep"]["negotiations"]


def test_sql_gives_the_same_report_on_a_demo_portfolio(tmp_path):
    from handover.demo import DEMO_TODAY, write_demo

    write_demo(tmp_path / "demo.handover", accounts=40, seed=3)
    with Workspace.open(tmp_path / "demo.handover", read_only=True) as ws:
        facts = facts_one_by_one(ws, DEMO_TODAY)
        for limit in (None, 5):
            reference = an.portfolio_report(facts, limit=limit).as_dict()
            assert_same(portfolio(ws, DEMO_TODAY, limit=limit).as_dict(), reference)
        # the two threads' work done in turn gives the same facts
        timings: dict[str, float] = {}
        serial = gather_facts(ws, DEMO_TODAY, limit=5, timings=timings, parallel=False)
        assert_same(an.portfolio_report(serial, limit=5).as_dict(),
                    an.portfolio_report(facts, limit=5).as_dict())
        assert {"accounts", "discounts", "rules", "returns", "renewals", "sizes",
                "comebacks", "exposure", "tactics", "stakeholders", "wall"} <= set(timings)


def test_many_rules_go_in_several_statements_with_the_same_figures(ws, monkeypatch):
    import handover.store.portfolio as store

    random_workspace(ws, 2)
    whole = portfolio(ws, TODAY, limit=3).as_dict()
    monkeypatch.setattr(store, "_MAX_BRANCHES", 1)  # as if there were hundreds of rules
    assert_same(portfolio(ws, TODAY, limit=3).as_dict(), whole)
