"""Dana Whitfield leaves: the team lead starts the handovers of her whole book at once, split
among three incoming managers, in one transaction; accounts already under way are skipped and
named; the batch can be taken back whole (and started again with the same handovers)."""

from __future__ import annotations

import datetime as dt

import pytest

from handover.domain.errors import TransitionError, ValidationError
from handover.domain.handover import Handover, Status
from handover.domain.leaver import LeaverBatch, LeaverPlan, loads, split_by_revenue
from handover.domain.records import Account, Person, Role
from handover.store import Workspace
from handover.store import handover_ops as ops
from handover.store.leaver import (
    LeaverCancelled,
    book_of,
    leaver_groups,
    leavers,
    restart_leaver_handovers,
    start_leaver_handovers,
    take_back_leaver_handovers,
)
from handover.store.review_queries import review_rows

TODAY = dt.date(2026, 11, 2)
DUE = dt.date(2026, 11, 30)


@pytest.fixture
def office(tmp_path):
    """Dana owns 25 active accounts (18 in EUR, 7 in USD) and one archived one; Jonas, Priya
    and Marcus take them on; Helen leads the team."""
    ws = Workspace.create(tmp_path / "w.sqlite", user="Helen Achterberg")
    people = {key: ws.add(Person(name=name, role=role)) for key, name, role in [
        ("dana", "Dana Whitfield", Role.ACCOUNT_MANAGER),
        ("jonas", "Jonas Berger", Role.ACCOUNT_MANAGER),
        ("priya", "Priya Raman", Role.ACCOUNT_MANAGER),
        ("marcus", "Marcus Lindqvist", Role.ACCOUNT_MANAGER),
        ("helen", "Helen Achterberg", Role.TEAM_LEAD)]}
    for n in range(25):
        ws.add(Account(name=f"Account {n + 1:02}", currency="USD" if n % 4 == 0 else "EUR",
                       current_revenue=50_000 + (n * 37_000) % 400_000,
                       owner_id=people["dana"].id))
    ws.add(Account(name="Old Harbour Mills", archived=True, owner_id=people["dana"].id))
    ws.add(Account(name="Jonas's own", owner_id=people["jonas"].id))
    yield ws, {k: p.id for k, p in people.items()}
    ws.close()


def plan_for(ws, ids, **more) -> LeaverPlan:
    book = [entry.account for entry in book_of(ws, ids["dana"])]
    split = split_by_revenue(book, [ids["jonas"], ids["priya"], ids["marcus"]])
    return LeaverPlan(leaver_id=ids["dana"], split=split, due_date=DUE,
                      reviewer_id=more.pop("reviewer_id", ids["helen"]), **more)


def statements(ws) -> list[str]:
    seen: list[str] = []
    ws.db.conn.set_trace_callback(seen.append)
    return seen


def test_the_leavers_are_those_with_active_accounts_and_their_book_is_the_active_ones(office):
    ws, ids = office
    assert [(p.name, p.accounts) for p in leavers(ws)] == [("Dana Whitfield", 25),
                                                           ("Jonas Berger", 1)]
    book = book_of(ws, ids["dana"])
    assert len(book) == 25 and "Old Harbour Mills" not in {e.account.name for e in book}
    # By currency, the largest first within each: euros are not ranked against dollars.
    assert [e.account.currency for e in book] == ["EUR"] * 18 + ["USD"] * 7
    for currency in ("EUR", "USD"):
        revenues = [e.account.revenue for e in book if e.account.currency == currency]
        assert revenues == sorted(revenues, reverse=True)
    assert all(e.under_way == "" for e in book)


def test_25_handovers_start_in_one_transaction_each_to_its_incoming_manager(office):
    ws, ids = office
    plan = plan_for(ws, ids)
    seen = statements(ws)

    outcome = start_leaver_handovers(ws, plan, today=TODAY, started_by_id=ids["helen"])

    ws.db.conn.set_trace_callback(None)
    assert [s for s in seen if s.split()[0] in ("BEGIN", "COMMIT", "ROLLBACK")] == [
        "BEGIN", "COMMIT"]
    assert len(outcome.created) == 25 and outcome.skipped == ()
    stored = ws.all(Handover)
    assert len(stored) == 25
    for handover in stored:
        assert handover.incoming_id == plan.split[handover.account_id]
        assert (handover.outgoing_id, handover.reviewer_id, handover.due_date,
                handover.created_on, handover.status) == (ids["dana"], ids["helen"], DUE,
                                                          TODAY, Status.DRAFT)
        assert handover.batch_id == outcome.batch.id
    # The owner stays Dana until each incoming manager accepts.
    assert {a.owner_id for a in ws.all(Account, "archived = 0 AND name LIKE 'Account %'")} \
        == {ids["dana"]}
    [batch] = ws.all(LeaverBatch)
    assert (batch.leaver_id, batch.started_on, batch.started_by_id) == (ids["dana"], TODAY,
                                                                        ids["helen"])
    assert [(g.label, g.handovers, g.accepted) for g in leaver_groups(ws)] == [
        ("Leaver: Dana Whitfield (25)", 25, 0)]
    assert {r.batch_id for r in review_rows(ws)} == {batch.id}


def test_the_split_by_revenue_is_balanced_within_each_currency(office):
    ws, ids = office
    start_leaver_handovers(ws, plan_for(ws, ids), today=TODAY)
    book = [entry.account for entry in book_of(ws, ids["dana"])]
    split = {h.account_id: h.incoming_id for h in ws.all(Handover)}
    shares = loads(book, split)
    assert sorted(s.accounts for s in shares.values()) == [8, 8, 9]
    for currency in ("EUR", "USD"):
        held = [s.revenue[currency] for s in shares.values()]
        largest = max(a.revenue for a in book if a.currency == currency)
        assert max(held) - min(held) <= largest
        assert max(held) - min(held) < 0.25 * sum(held) / 3  # within a quarter of a share


def test_accounts_already_under_way_are_skipped_and_named_with_the_reason(office):
    ws, ids = office
    book = book_of(ws, ids["dana"])
    first, second = book[0].account, book[1].account
    ops.create_handover(ws, Handover(account_id=first.id, outgoing_id=ids["dana"],
                                     incoming_id=ids["jonas"], created_on=TODAY))
    moved = ops.create_handover(ws, Handover(account_id=second.id, outgoing_id=ids["dana"],
                                             incoming_id=ids["priya"], created_on=TODAY))
    ops.move(ws, moved.id, Status.SUBMITTED, ids["dana"])

    shown = {e.account.name: e.under_way for e in book_of(ws, ids["dana"]) if e.under_way}
    assert shown == {first.name: "already has a handover under way (draft)",
                     second.name: "already has a handover under way (submitted)"}
    outcome = start_leaver_handovers(ws, plan_for(ws, ids), today=TODAY)

    assert len(outcome.created) == 23
    assert [(s.account, s.reason) for s in outcome.skipped] == [
        (first.name, f"{first.name} already has a handover under way (draft); open that "
                     "one instead"),
        (second.name, f"{second.name} already has a handover under way (submitted); open "
                      "that one instead")]
    assert len(ws.all(Handover)) == 25  # the two of before, and 23 new


def test_a_refused_person_or_a_stop_leaves_nothing_behind(office):
    ws, ids = office
    audit_before = len(ws.audit_entries())
    plan = plan_for(ws, ids, reviewer_id=999)
    with pytest.raises(ValidationError, match="reviewer_id"):
        start_leaver_handovers(ws, plan, today=TODAY)

    told = []

    def stop_after_ten(done, total):
        told.append((done, total))
        return done < 10

    with pytest.raises(LeaverCancelled, match="none of Dana Whitfield's handovers"):
        start_leaver_handovers(ws, plan_for(ws, ids), today=TODAY, progress=stop_after_ten)
    assert told[0] == (1, 25) and told[-1] == (10, 25)
    assert ws.all(Handover) == [] and ws.all(LeaverBatch) == []
    assert len(ws.audit_entries()) == audit_before


def test_a_due_date_before_today_is_refused_with_the_field_named(office):
    ws, ids = office
    plan = plan_for(ws, ids)
    early = LeaverPlan(plan.leaver_id, plan.split, TODAY - dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="due_date"):
        start_leaver_handovers(ws, early, today=TODAY)
    assert ws.all(Handover) == []


def test_the_batch_is_taken_back_whole_and_started_again_with_the_same_handovers(office):
    ws, ids = office
    outcome = start_leaver_handovers(ws, plan_for(ws, ids), today=TODAY)
    started = {(h.id, h.account_id, h.incoming_id) for h in ws.all(Handover)}

    take_back_leaver_handovers(ws, outcome)
    assert ws.all(Handover) == [] and ws.all(LeaverBatch) == [] and leaver_groups(ws) == []

    again = restart_leaver_handovers(ws, outcome)
    assert {(h.id, h.account_id, h.incoming_id) for h in ws.all(Handover)} == started
    assert again.batch.id == outcome.batch.id
    assert ws.verify_audit_chain() == []


def test_a_batch_is_not_taken_back_once_one_of_its_handovers_moved_on(office):
    ws, ids = office
    outcome = start_leaver_handovers(ws, plan_for(ws, ids), today=TODAY)
    submitted = outcome.created[3]
    ops.move(ws, submitted.id, Status.SUBMITTED, ids["dana"])
    name = ws.get(Account, submitted.account_id).name

    with pytest.raises(TransitionError, match=f"1 of these handovers .*{name} \\(submitted\\)"):
        take_back_leaver_handovers(ws, outcome)
    assert len(ws.all(Handover)) == 25


def test_a_workspace_from_before_leaver_batches_keeps_its_handovers_ungrouped(tmp_path):
    import sqlite3

    from sqlite_utils import Database

    from handover.store import schema

    path = tmp_path / "old.sqlite"
    db = Database(sqlite3.connect(path))
    db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    schema.migrations.apply(db, stop_before="m005_leaver_batches")
    db.execute(f"PRAGMA user_version = {len(schema.migrations.applied(db))}")
    db["people"].insert_all([{"id": 1, "name": "Dana Whitfield", "role": "account_manager"},
                             {"id": 2, "name": "Jonas Berger", "role": "account_manager"}])
    db["accounts"].insert({"id": 1, "name": "Northwind", "segment": "key", "currency": "EUR",
                           "health": "stable", "owner_id": 1})
    db["handovers"].insert({"id": 7, "account_id": 1, "outgoing_id": 1, "incoming_id": 2,
                            "status": "draft"})
    db.conn.commit()
    db.close()

    with Workspace.open(path) as ws:
        [handover] = ws.all(Handover)
        assert (handover.id, handover.batch_id) == (7, None)
        assert leaver_groups(ws) == [] and [r.batch_id for r in review_rows(ws)] == [None]
        assert book_of(ws, 1)[0].under_way == "already has a handover under way (draft)"
