"""Records go into a workspace and come back the same; every change is audited, and an
action lands whole or not at all."""

import dataclasses
import datetime as dt
import json
import sqlite3

import pytest

from handover.domain.handover import Handover, Status
from handover.domain.records import (
    Account,
    ApprovalLimit,
    Commitment,
    Concession,
    Contact,
    DiscountPolicy,
    Interaction,
    Person,
    Question,
    Tactic,
)
from handover.store import Workspace, WorkspaceError

DAY = dt.date(2026, 3, 1)


@pytest.fixture
def ws(tmp_path):
    with Workspace.create(tmp_path / "team.handover", user="Dana Smith") as workspace:
        yield workspace


@pytest.fixture
def acme(ws):
    """A workspace holding two people, an account and two of its contacts."""
    dana = ws.add(Person(name="Dana Smith", email="dana@example.com"))
    lee = ws.add(Person(name="Lee Park", role="team_lead"))
    account = ws.add(Account(name="Acme GmbH", segment="key", owner_id=dana.id))
    eva = ws.add(Contact(account_id=account.id, name="Eva Braun", attitude=-2))
    tom = ws.add(Contact(account_id=account.id, name="Tom Vogel"))
    return dict(dana=dana, lee=lee, account=account, eva=eva, tom=tom)


def every_record(people, account, contacts):
    """One of each kind, every field set, in an order that respects foreign keys."""
    dana, lee = people
    eva, tom = contacts
    yield Interaction(account_id=account.id, date=DAY, kind="escalation",
                      summary="**Outage** in Q3; Eva called the CEO.", sentiment=-2,
                      contact_ids=(tom.id, eva.id))
    concession = yield Concession(
        account_id=account.id, date=DAY, kind="price_discount", baseline="prior_contract",
        baseline_value=120_000, conceded_value=18_000.5, terms_before="net 30",
        terms_after="net 60", asked_by="customer", trigger="churn_threat",
        tactics={Tactic.FLINCH, Tactic.HIGHER_AUTHORITY, Tactic.ULTIMATUM},
        granted_by_id=dana.id, approved_by_id=lee.id, recurrence="recurring",
        sets_precedent=True, known_to_others=True, expiry=dt.date(2027, 2, 28),
        nothing_in_return=False, likely_next_ask="Another 5% at renewal",
        negotiation="2026 renewal", notes="They *flinched* at list price.")
    yield Commitment(account_id=account.id, direction="ours", description="Root-cause report",
                     made_by="Dana Smith", made_to="Eva Braun", date=DAY,
                     due_date=dt.date(2026, 3, 15), status="open")
    yield Commitment(account_id=account.id, direction="theirs",
                     description="Order 500 more seats", made_by="Eva Braun",
                     made_to="Dana Smith", date=DAY, due_date=dt.date(2026, 6, 30),
                     status="kept", concession_id=concession.id, value=50_000)
    yield DiscountPolicy(segment="key", effective_from=dt.date(2026, 1, 1), target_pct=8.5,
                         max_pct=15)
    yield ApprovalLimit(role="account_manager", effective_from=dt.date(2026, 1, 1),
                        limit_pct=5)
    handover = yield Handover(
        account_id=account.id, outgoing_id=dana.id, incoming_id=lee.id, reviewer_id=lee.id,
        due_date=dt.date(2026, 4, 1), created_on=DAY, status=Status.ACCEPTED,
        answers={"glance": {"health": "At risk: the Q3 outage", "renewal": "Feb 2027"},
                 "people": {"first": "Meet Tom first — he is on our side."}},
        read_back="Angry buyer, precedents everywhere.", return_reason="",
        signed_off_by_id=lee.id,
        signed_off_at=dt.datetime(2026, 3, 20, 14, 5, 7, 123456, tzinfo=dt.UTC),
        signoff_hash="ab" * 32)
    yield Question(handover_id=handover.id, section="concessions", text="Why 15%?",
                   asked_by_id=lee.id, asked_at=dt.datetime(2026, 3, 18, 9, 30),
                   answer="Churn threat after the outage.", answered_by_id=dana.id,
                   answered_at=dt.datetime(2026, 3, 18, 11, 0, 1), resolved=True)


def test_every_kind_of_record_comes_back_as_it_was_added(ws, acme):
    people = [acme["dana"], acme["lee"]]
    assert ws.get(Person, acme["dana"].id) == acme["dana"]
    assert ws.get(Person, acme["lee"].id).role.value == "team_lead"
    assert ws.get(Account, acme["account"].id) == acme["account"]
    assert ws.get(Contact, acme["eva"].id).attitude == -2
    assert ws.get(Contact, acme["tom"].id).attitude is None
    records = every_record(people, acme["account"], [acme["eva"], acme["tom"]])
    added = None
    kinds = []
    while True:
        try:
            record = records.send(added)
        except StopIteration:
            break
        added = ws.add(record)
        assert added.id is not None
        assert added == dataclasses.replace(record, id=added.id)
        assert ws.get(type(record), added.id) == added, type(record).__name__
        kinds.append(type(record).__name__)
    assert kinds == ["Interaction", "Concession", "Commitment", "Commitment", "DiscountPolicy",
                     "ApprovalLimit", "Handover", "Question"]


def test_an_interaction_keeps_its_contacts_in_order(ws, acme):
    meeting = ws.add(Interaction(account_id=acme["account"].id, date=DAY,
                                 contact_ids=(acme["tom"].id, acme["eva"].id)))
    assert ws.get(Interaction, meeting.id).contact_ids == (acme["tom"].id, acme["eva"].id)
    assert ws.all(Interaction)[0].contact_ids == (acme["tom"].id, acme["eva"].id)


def test_a_handover_with_no_answers_yet_comes_back_empty(ws, acme):
    draft = ws.add(Handover(account_id=acme["account"].id, outgoing_id=acme["dana"].id,
                            incoming_id=acme["lee"].id))
    back = ws.get(Handover, draft.id)
    assert back == draft
    assert back.answers == {} and back.signed_off_at is None and back.status is Status.DRAFT


def test_an_update_writes_one_audit_entry_per_changed_field(ws, acme):
    account = acme["account"]
    worse = dataclasses.replace(account, health="at_risk", health_reason="Q3 outage",
                                current_revenue=90_000)
    ws.update(worse)
    assert ws.get(Account, account.id) == worse
    entries = ws.audit_entries("accounts", account.id)
    assert [e.action for e in entries] == ["create", "update", "update", "update"]
    changes = {e.field: (e.before, e.after) for e in entries[1:]}
    assert changes == {"health": ("stable", "at_risk"),
                       "health_reason": ("", "Q3 outage"),
                       "current_revenue": ("0.0", "90000.0")}
    assert all(e.who == "Dana Smith" for e in entries)


def test_changing_the_tactics_of_a_concession_is_saved_and_audited(ws, acme):
    given = ws.add(Concession(account_id=acme["account"].id, date=DAY, baseline_value=100,
                              conceded_value=10, tactics={"flinch"}))
    ws.update(dataclasses.replace(given, tactics=frozenset({Tactic.FLINCH, Tactic.NIBBLE})))
    assert ws.get(Concession, given.id).tactics == {Tactic.FLINCH, Tactic.NIBBLE}
    [entry] = ws.audit_entries("concessions", given.id)[1:]
    assert (entry.field, entry.before, entry.after) == ("tactics", '["flinch"]',
                                                        '["flinch", "nibble"]')


def test_saving_an_unchanged_record_writes_no_audit_entry(ws, acme):
    before = len(ws.audit_entries())
    ws.update(acme["account"])
    assert len(ws.audit_entries()) == before


def test_a_deleted_record_is_gone_and_its_removal_audited(ws, acme):
    meeting = ws.add(Interaction(account_id=acme["account"].id, date=DAY,
                                 contact_ids=(acme["eva"].id,)))
    ws.delete(meeting)
    with pytest.raises(WorkspaceError, match="There is no interaction with id"):
        ws.get(Interaction, meeting.id)
    assert ws.counts()["interactions"] == 0
    assert ws.db.execute("SELECT count(*) FROM interaction_contacts").fetchone()[0] == 0
    removal = ws.audit_entries("interactions", meeting.id)[-1]
    assert removal.action == "delete" and '"sentiment": 0' in removal.before


def test_deleting_a_concession_keeps_what_was_promised_in_return(ws, acme):
    given = ws.add(Concession(account_id=acme["account"].id, date=DAY, tactics={"nibble"}))
    promise = ws.add(Commitment(account_id=acme["account"].id, direction="theirs",
                                description="Volume", concession_id=given.id))
    ws.delete(given)
    assert ws.get(Commitment, promise.id).concession_id is None


def test_deleting_a_concession_audits_the_promises_it_no_longer_stands_behind(ws, acme):
    given = ws.add(Concession(account_id=acme["account"].id, date=DAY))
    promise = ws.add(Commitment(account_id=acme["account"].id, direction="theirs",
                                description="Volume", concession_id=given.id))
    ws.delete(given)
    [unlinked] = ws.audit_entries("commitments", promise.id)[1:]
    assert (unlinked.action, unlinked.field) == ("update", "concession_id")
    assert (unlinked.before, unlinked.after) == (str(given.id), None)
    assert ws.verify_audit_chain() == []


def test_deleting_a_contact_audits_the_interactions_it_leaves(ws, acme):
    eva, tom = acme["eva"], acme["tom"]
    meeting = ws.add(Interaction(account_id=acme["account"].id, date=DAY,
                                 contact_ids=(eva.id, tom.id)))
    ws.delete(tom)
    assert ws.get(Interaction, meeting.id).contact_ids == (eva.id,)
    [left] = ws.audit_entries("interactions", meeting.id)[1:]
    assert (left.action, left.field) == ("update", "contact_ids")
    assert (json.loads(left.before), json.loads(left.after)) == (
        sorted([eva.id, tom.id]), [eva.id])


def test_a_removal_is_audited_as_stored_not_as_the_caller_saw_it(ws, acme):
    # A screen holds an old copy of Eva; someone else has since changed her title.
    old_copy = acme["eva"]
    ws.update(dataclasses.replace(old_copy, title="Head of purchasing"))
    ws.delete(old_copy)
    removal = ws.audit_entries("contacts", old_copy.id)[-1]
    assert removal.action == "delete"
    assert json.loads(removal.before)["title"] == "Head of purchasing"


def test_the_audit_chain_of_a_busy_workspace_is_whole(ws, acme):
    ws.update(dataclasses.replace(acme["eva"], attitude=0))
    ws.delete(acme["tom"])
    assert len(ws.audit_entries()) == 7
    assert ws.verify_audit_chain() == []


def tampered(path, *sql):
    """Change a closed workspace behind Handover's back, as an attacker with the file would."""
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("DROP TRIGGER audit_log_no_delete")
    for statement in sql:
        conn.execute(statement)
    conn.commit()
    conn.close()


def test_a_rewritten_audit_entry_shows_in_the_chain(ws, acme):
    ws.close()
    tampered(ws.path, "UPDATE audit_log SET who = 'Mallory' WHERE id = 3")
    with Workspace.open(ws.path, user="Lee Park") as reopened:
        assert reopened.verify_audit_chain() == [
            "audit entry 3 was changed after it was written"]


def test_a_removed_audit_entry_shows_in_the_chain(ws, acme):
    ws.close()
    tampered(ws.path, "DELETE FROM audit_log WHERE id = 2")
    with Workspace.open(ws.path) as reopened:
        assert reopened.verify_audit_chain() == [
            "audit entry 3 does not follow the one before it"]


@pytest.mark.parametrize("sql", ["UPDATE audit_log SET who = 'Mallory'",
                                 "DELETE FROM audit_log WHERE id = 1"])
def test_the_audit_log_cannot_be_changed_through_the_workspace(ws, acme, sql):
    with pytest.raises(sqlite3.IntegrityError, match="the audit log is append-only"):
        with ws.db.atomic():
            ws.db.execute(sql)
    assert len(ws.audit_entries()) == 5
    assert ws.audit_entries()[0].who == "Dana Smith"
    assert ws.verify_audit_chain() == []


def test_a_failing_action_leaves_nothing_written(ws, acme):
    before = ws.counts()
    with pytest.raises(RuntimeError, match="the laptop fell"):
        with ws.action("adding Globex"):
            ws.add(Account(name="Globex"))
            ws.update(dataclasses.replace(acme["account"], health="critical"))
            raise RuntimeError("the laptop fell")
    assert ws.counts() == before
    assert ws.all(Account, "name = ?", ["Globex"]) == []
    assert ws.get(Account, acme["account"].id).health.value == "stable"
    assert ws.verify_audit_chain() == []


def test_a_record_refused_by_the_database_leaves_nothing_written(ws):
    before = ws.counts()
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        ws.add(Contact(account_id=404, name="Nobody's contact"))
    assert ws.counts() == before


def test_add_many_inserts_a_batch_with_its_ids(ws, tmp_path):
    ids = ws.next_ids()
    assert ids["accounts"] == 1 and ids["people"] == 1
    records = [
        Person(id=7, name="Dana Smith"),
        Account(id=40, name="Acme GmbH", owner_id=7),
        Account(id=41, name="Globex", segment="small"),
        Contact(id=100, account_id=40, name="Eva Braun"),
        Interaction(id=500, account_id=40, date=DAY, contact_ids=(100,)),
        Concession(id=900, account_id=41, date=DAY, tactics={"vise", "nibble"}),
    ]
    counts = ws.add_many(reversed(records), note="import")
    assert counts == {"people": 1, "accounts": 2, "contacts": 1, "interactions": 1,
                      "concessions": 1}
    for record in records:
        assert ws.get(type(record), record.id) == record
    assert ws.next_ids()["accounts"] == 42
    # One entry per record, parents first, each with what was stored.
    batch = [(e.action, e.record, e.record_id) for e in ws.audit_entries()]
    assert batch == [("import", "people", 7), ("import", "accounts", 41),
                     ("import", "accounts", 40), ("import", "contacts", 100),
                     ("import", "interactions", 500), ("import", "concessions", 900)]
    globex = ws.audit_entries("accounts", 41)[0]
    assert json.loads(globex.after)["name"] == "Globex"
    assert json.loads(globex.after)["segment"] == "small"
    assert json.loads(ws.audit_entries("concessions", 900)[0].after)["tactics"] == (
        '["nibble", "vise"]')
    # The same snapshot as adding the records one by one writes.
    with Workspace.create(tmp_path / "one-by-one.handover") as one_by_one:
        for record in records:
            one_by_one.add(record)
            assert (one_by_one.audit_entries(record.table, record.id)[0].after
                    == ws.audit_entries(record.table, record.id)[0].after)
    assert ws.verify_audit_chain() == []


def test_add_many_refuses_records_without_ids(ws):
    with pytest.raises(ValueError, match="needs records with their ids set"):
        ws.add_many([Account(name="Acme")])
    assert ws.counts()["accounts"] == 0


def test_a_failing_batch_leaves_nothing_written(ws):
    with pytest.raises(sqlite3.IntegrityError):
        ws.add_many([Account(id=1, name="Acme"), Account(id=1, name="Acme again")])
    assert ws.counts()["accounts"] == 0 and ws.counts()["audit_log"] == 0


def test_counts_say_how_many_of_each_record(ws, acme):
    ws.add(Interaction(account_id=acme["account"].id, date=DAY))
    assert ws.counts() == {
        "people": 2, "accounts": 1, "contacts": 2, "interactions": 1, "concessions": 0,
        "commitments": 0, "discount_policies": 0, "approval_limits": 0, "leaver_batches": 0,
        "handovers": 0,
        "questions": 0, "audit_log": 6,
    }


def test_a_new_person_is_added_once(ws):
    dana = ws.person_named("Dana Smith")
    assert ws.person_named("Dana Smith") == dana
    assert ws.counts()["people"] == 1


def test_a_workspace_is_not_created_over_an_existing_file(ws):
    with pytest.raises(WorkspaceError, match="already exists; choose a new file name"):
        Workspace.create(ws.path)
