"""Gathering one handover from a real workspace: what it covers, checked and signed off, and
a later change seen as "changed since sign-off"."""

import dataclasses
import datetime as dt

import pytest

from handover.domain.checker import check_handover
from handover.domain.handover import Handover, Status
from handover.domain.records import (
    Account,
    Commitment,
    Concession,
    Contact,
    Direction,
    Health,
    Interaction,
    Person,
    Question,
    Role,
    Tactic,
)
from handover.domain.signoff import sign_off, signoff_hash, signoff_state
from handover.domain.template import load_default_template
from handover.store.briefdata import handover_records
from handover.store.errors import WorkspaceError
from handover.store.workspace import Workspace

TODAY = dt.date(2026, 3, 1)


@pytest.fixture
def ws(tmp_path):
    workspace = Workspace.create(tmp_path / "team.handover", user="Anna Keller")
    yield workspace
    workspace.close()


@pytest.fixture
def brandt(ws):
    """An account at risk handed from Anna to Tom, with Lena reviewing, and a neighbour
    account whose records must stay out of it."""
    anna = ws.add(Person(name="Anna Keller"))
    tom = ws.add(Person(name="Tom Berger"))
    lena = ws.add(Person(name="Lena Vogt", role=Role.TEAM_LEAD))
    other_owner = ws.add(Person(name="Eva Roth"))
    account = ws.add(Account(name="Brandt Logistik", health=Health.AT_RISK,
                             health_reason="Two outages in Q4", owner_id=anna.id))
    weber = ws.add(Contact(account_id=account.id, name="Dr. Weber", title="CFO", influence=5,
                           attitude=-1, last_contact=dt.date(2025, 10, 1)))
    ws.add(Contact(account_id=account.id, name="Jan Brandt", title="Owner", influence=5))
    ws.add(Interaction(account_id=account.id, date=dt.date(2026, 2, 20),
                       summary="Steering meeting", contact_ids=(weber.id,)))
    ws.add(Interaction(account_id=account.id, date=dt.date(2025, 11, 3), kind="escalation"))
    discount = ws.add(Concession(account_id=account.id, date=dt.date(2025, 3, 12),
                                 baseline_value=10_000, conceded_value=1_500,
                                 granted_by_id=anna.id, approved_by_id=lena.id,
                                 tactics=frozenset({Tactic.FLINCH})))
    ws.add(Concession(account_id=account.id, date=dt.date(2025, 9, 1), baseline_value=10_000,
                      conceded_value=500))
    ws.add(Commitment(account_id=account.id, direction=Direction.THEIRS,
                      description="Order 20% more volume", concession_id=discount.id,
                      due_date=dt.date(2026, 12, 31)))
    ws.add(Commitment(account_id=account.id, direction=Direction.OURS,
                      description="Send the revised SLA"))
    neighbour = ws.add(Account(name="Neighbour AG", owner_id=other_owner.id))
    ws.add(Contact(account_id=neighbour.id, name="Someone else"))
    ws.add(Concession(account_id=neighbour.id, date=dt.date(2025, 1, 1)))
    handover = ws.add(Handover(account_id=account.id, outgoing_id=anna.id, incoming_id=tom.id,
                               reviewer_id=lena.id, status=Status.IN_REVIEW,
                               answers={"story": {"what_went_wrong": "Two outages."}}))
    ws.add(Question(handover_id=handover.id, section="people", text="Who decides on price?",
                    asked_by_id=tom.id))
    ws.add(Handover(account_id=neighbour.id, outgoing_id=other_owner.id, incoming_id=tom.id))
    return handover


def test_everything_the_handover_covers_is_gathered_and_nothing_else(ws, brandt):
    handover, records, questions = handover_records(ws, brandt.id)
    assert handover == brandt
    assert records.account.name == "Brandt Logistik"
    assert [c.name for c in records.contacts] == ["Dr. Weber", "Jan Brandt"]
    assert [i.date for i in records.interactions] == [dt.date(2025, 11, 3),
                                                      dt.date(2026, 2, 20)]
    assert [c.conceded_value for c in records.concessions] == [1_500, 500]
    assert records.concessions[0].tactics == frozenset({Tactic.FLINCH})
    assert [c.description for c in records.returns_for(records.concessions[0].id)] == [
        "Order 20% more volume"]
    assert len(records.commitments) == 2
    assert sorted(p.name for p in records.people) == ["Anna Keller", "Lena Vogt",
                                                      "Tom Berger"]
    assert [q.text for q in questions] == ["Who decides on price?"]
    assert not ws.db.conn.in_transaction


def test_the_gathered_handover_is_checked_record_by_record(ws, brandt):
    handover, records, questions = handover_records(ws, brandt.id)
    result = check_handover(load_default_template(), handover, records, questions, TODAY)
    problems = {(f.check_id, f.record.id if f.record else None) for f in result.findings}
    second_concession = records.concessions[1].id
    sla = next(c.id for c in records.commitments if c.direction is Direction.OURS)
    jan = records.contacts[1].id
    assert ("concession.returned", second_concession) in problems
    assert ("commitment.due_date", sla) in problems
    assert ("contact.attitude", jan) in problems
    assert ("contact.recent", jan) in problems
    assert ("question.answered", questions[0].id) in problems
    assert ("handover.read_back", brandt.id) in problems
    # Dr. Weber's steering meeting on 20 Feb counts as contact; the first concession has
    # its promise of theirs.
    assert ("contact.recent", records.contacts[0].id) not in problems
    assert ("concession.returned", records.concessions[0].id) not in problems
    assert result.required_failed and 0 < result.score < 100


def test_gathering_inside_an_action_reads_what_the_action_sees(ws, brandt):
    with ws.action("answering"):
        question = ws.all(Question)[0]
        ws.update(dataclasses.replace(question, answer="Jan Brandt."))
        _, _, questions = handover_records(ws, brandt.id)
        assert questions[0].answer == "Jan Brandt."
        assert ws.db.conn.in_transaction
    assert handover_records(ws, brandt.id)[2][0].answer == "Jan Brandt."


def test_a_handover_that_does_not_exist_is_named(ws):
    with pytest.raises(WorkspaceError, match="There is no handover with id 99"):
        handover_records(ws, 99)


def test_a_signed_off_handover_shows_a_later_change_and_what_it_was(ws, brandt):
    template = load_default_template()
    handover, records, questions = handover_records(ws, brandt.id)
    signed, snapshot = sign_off(handover, records, questions, signer_id=brandt.incoming_id,
                                at=dt.datetime(2026, 3, 2, 14, 5, tzinfo=dt.UTC))
    ws.update(dataclasses.replace(signed, status=Status.ACCEPTED))
    # The snapshot would live beside the hash in the workspace; here it is kept in hand.

    handover, records, questions = handover_records(ws, brandt.id)
    assert handover.status is Status.ACCEPTED
    assert signoff_hash(handover, records, questions) == signed.signoff_hash
    assert not signoff_state(handover, records, questions, snapshot, template).changed

    discount = records.concessions[0]
    ws.update(dataclasses.replace(discount, conceded_value=2_000))
    handover, records, questions = handover_records(ws, brandt.id)
    state = signoff_state(handover, records, questions, snapshot, template)
    assert state.changed
    assert state.changes == (f"Concession {discount.id}: conceded value 1,500.00 \u2192 "
                             "2,000.00",)
