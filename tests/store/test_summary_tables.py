"""The analytics summaries of schema m004 stay what their definitions say, whatever a team
lead does: every way of writing (add, update, delete, an import's batch) leaves them as if
computed afresh from the records, and a write that skips the audit log never makes the
figures wrong."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import sqlite3
from collections import Counter

import pytest
from sqlite_utils import Database
from test_portfolio import TODAY, assert_same, facts_one_by_one, random_workspace

from handover.domain import analytics as an
from handover.domain.records import (
    Account,
    ApprovalLimit,
    Commitment,
    Concession,
    DiscountPolicy,
    Person,
)
from handover.store import Workspace, schema
from handover.store.portfolio import gather_facts, portfolio

D = dt.date


def _replace(record, **changes):
    return dataclasses.replace(record, **changes)


def _cells(row) -> tuple:
    return tuple(round(v, 6) if isinstance(v, float) else v for v in row)


def assert_in_step(ws: Workspace) -> None:
    """No account is stale and each summary holds what its definition gives now."""
    assert ws.db.execute("SELECT count(*) FROM _analytics_stale_accounts").fetchone()[0] == 0
    for table, _, _, definition in schema.ANALYTICS_SUMMARIES:
        stored = Counter(_cells(r) for r in ws.db.execute(f"SELECT * FROM {table}"))
        fresh = Counter(_cells(r) for r in ws.db.execute(definition.format(scope="")))
        assert stored == fresh, table


@pytest.fixture
def ws(tmp_path):
    with Workspace.create(tmp_path / "team.handover", user="Dana Smith") as workspace:
        yield workspace


def test_a_new_workspace_has_empty_summaries(ws):
    assert_in_step(ws)
    assert ws.db.execute("SELECT count(*) FROM analytics_accounts").fetchone()[0] == 0


def test_every_edit_of_a_team_leads_day_keeps_the_summaries_in_step(ws):
    dana = ws.add(Person(name="Dana Smith"))
    lee = ws.add(Person(name="Lee Park", role="team_lead"))
    northwind = ws.add(Account(name="Northwind", segment="key", currency="EUR"))
    cobalt = ws.add(Account(name="Cobalt", segment="mid_size", currency="USD"))
    ws.add(DiscountPolicy(segment="key", effective_from="2025-01-01", target_pct=5,
                          max_pct=10))
    ws.add(ApprovalLimit(role="account_manager", effective_from="2025-01-01", limit_pct=8))
    assert_in_step(ws)
    first = ws.add(Concession(account_id=northwind.id, date="2026-01-10", kind="rebate",
                              baseline_value=100_000, conceded_value=5_000,
                              granted_by_id=dana.id, tactics={"flinch"},
                              negotiation="2026 renewal"))
    second = ws.add(Concession(account_id=northwind.id, date="2026-02-10", kind="rebate",
                               baseline_value=100_000, conceded_value=9_000,
                               granted_by_id=dana.id, negotiation="2026 renewal"))
    assert_in_step(ws)
    promise = ws.add(Commitment(account_id=northwind.id, direction="theirs",
                                description="volume +10%", concession_id=first.id,
                                value=3_000, due_date="2026-03-01"))
    assert_in_step(ws)
    summary = ws.db.execute("SELECT received, received_value, growing_negotiations "
                            "FROM analytics_accounts WHERE account_id = ?",
                            [northwind.id]).fetchone()
    assert summary == (1, 3_000, 1)  # the promise came back; 5,000 then 9,000 grows
    # every field the figures read, changed one at a time
    for change in ({"conceded_value": 4_000}, {"date": "2026-03-01"}, {"kind": "price_discount"},
                   {"negotiation": ""}, {"recurrence": "recurring"}, {"tactics": set()},
                   {"approved_by_id": lee.id}, {"nothing_in_return": True},
                   {"account_id": cobalt.id}):
        second = ws.update(_replace(second, **change))
        assert_in_step(ws)
    for change in ({"status": "withdrawn"}, {"value": 10_000}, {"due_date": "2027-01-01"},
                   {"concession_id": second.id}, {"concession_id": None}):
        promise = ws.update(_replace(promise, **change))
        assert_in_step(ws)
    ws.update(_replace(dana, role="team_lead"))  # her concessions meet another limit
    assert_in_step(ws)
    for change in ({"segment": "small"}, {"currency": "CHF"}, {"archived": True}):
        cobalt = ws.update(_replace(cobalt, **change))
        assert_in_step(ws)
    assert ws.db.execute("SELECT count(*) FROM analytics_accounts WHERE account_id = ?",
                         [cobalt.id]).fetchone()[0] == 0  # archived: out of the portfolio
    ws.delete(promise)
    ws.delete(first)
    assert_in_step(ws)


def test_an_import_batch_recomputes_each_account_once_and_right(ws):
    random_workspace(ws, 5)
    ids = ws.next_ids()
    rnd = random.Random(9)
    records = []
    for i in range(30):
        account_id = ids["accounts"] + i
        records.append(Account(id=account_id, name=f"Imported {i}", segment="small",
                               currency=rnd.choice(["EUR", "GBP"])))
        for j in range(4):
            concession_id = ids["concessions"] + 4 * i + j
            records.append(Concession(
                id=concession_id, account_id=account_id, date=D(2025, 1 + j, 1),
                kind="price_discount", baseline_value=10_000,
                conceded_value=rnd.choice([500, 900, 1_500]), tactics={"nibble"},
                recurrence=rnd.choice(["one_off", "recurring"])))
            records.append(Commitment(
                id=ids["commitments"] + 4 * i + j, account_id=account_id, direction="theirs",
                description="in return", concession_id=concession_id,
                status=rnd.choice(["open", "kept"]), due_date="2025-12-01"))
    ws.add_many(records)
    assert_in_step(ws)
    # and the report over the summaries is the domain's, record by record
    sql = portfolio(ws, TODAY, limit=None).as_dict()
    assert_same(sql, an.portfolio_report(facts_one_by_one(ws, TODAY), limit=None).as_dict())


@pytest.mark.parametrize("seed", [11, 12])
def test_random_edits_and_removals_keep_the_summaries_in_step(ws, seed):
    random_workspace(ws, seed)
    assert_in_step(ws)
    rnd = random.Random(seed)
    accounts = ws.all(Account, "archived = 0")
    for _ in range(25):
        concessions = ws.all(Concession)
        c = rnd.choice(concessions)
        what = rnd.random()
        if what < 0.15:
            for m in ws.all(Commitment, "concession_id = ?", [c.id]):
                ws.delete(m)
            ws.delete(c)
        elif what < 0.3:
            ws.update(_replace(c, account_id=rnd.choice(accounts).id))
        else:
            value = c.conceded_value * rnd.choice([0.5, 1.5, 3])
            ws.update(_replace(c, conceded_value=round(min(value, c.baseline_value or value), 2),
                               date=c.date - dt.timedelta(days=rnd.randint(0, 400))))
    assert_in_step(ws)


def test_a_write_that_skips_the_audit_log_leaves_accounts_stale_not_wrong(ws):
    random_workspace(ws, 3)
    # a raw write, as a tool outside the workspace's gate might do: no audit entry
    ws.db.execute("UPDATE concessions SET conceded_value = conceded_value / 2, "
                  "nothing_in_return = 1 - nothing_in_return "
                  "WHERE id IN (SELECT id FROM concessions ORDER BY id LIMIT 5)")
    ws.db.conn.commit()
    assert ws.db.execute("SELECT count(*) FROM _analytics_stale_accounts").fetchone()[0] > 0
    timings: dict[str, float] = {}
    facts = gather_facts(ws, TODAY, timings=timings)
    assert "summaries" in timings  # computed from the records, not read
    reference = facts_one_by_one(ws, TODAY)
    assert_same(an.portfolio_report(facts, limit=None).as_dict(),
                an.portfolio_report(reference, limit=None).as_dict())
    # the next audited action brings the summaries up to date
    ws.update(_replace(ws.all(Account)[0], name="Renamed"))
    assert_in_step(ws)


def test_a_workspace_from_before_the_summaries_gets_them_when_opened(tmp_path):
    path = tmp_path / "old.handover"
    db = Database(sqlite3.connect(path))
    db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    schema.migrations.apply(db, stop_before="m004_analytics_summaries")
    db.execute(f"PRAGMA user_version = {len(schema.migrations.applied(db))}")
    Workspace._configure(db)
    old = Workspace(path, db, read_only=False, holder="", lock=None, user="Dana Smith")
    random_workspace(old, 4)
    reference = facts_one_by_one(old, TODAY)
    old.close()
    # read-only (a second program has it): no summaries, the figures all the same
    with Workspace.open(path, read_only=True) as ws:
        assert_same(portfolio(ws, TODAY, limit=3).as_dict(),
                    an.portfolio_report(reference, limit=3).as_dict())
    with Workspace.open(path, user="Dana Smith") as ws:
        assert ws.schema_version == schema.latest_version()
        assert_in_step(ws)
        timings: dict[str, float] = {}
        facts = gather_facts(ws, TODAY, timings=timings)
        assert "summaries" not in timings
        assert_same(an.portfolio_report(facts, limit=3).as_dict(),
                    an.portfolio_report(reference, limit=3).as_dict())


def test_the_demo_workspace_is_written_with_its_summaries_in_step(tmp_path):
    from handover.demo import write_demo

    write_demo(tmp_path / "demo.handover", accounts=15, seed=2)
    with Workspace.open(tmp_path / "demo.handover", user="Dana Smith") as ws:
        assert_in_step(ws)
