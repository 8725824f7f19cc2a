"""The handover's operations on a fresh workspace: made for an account, written, moved from
one status to the next by the party the status machine names, questioned and signed off."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from handover.domain.errors import TransitionError, ValidationError
from handover.domain.handover import Handover, Status
from handover.domain.records import Account, Concession, Person, Question, Role
from handover.domain.template import load_default_template
from handover.store import Workspace
from handover.store import handover_ops as ops
from handover.store.signoffs import state

TODAY = dt.date(2026, 11, 2)


@pytest.fixture
def team(tmp_path):
    ws = Workspace.create(tmp_path / "w.sqlite", user="Dana Smith")
    people = {
        "dana": ws.add(Person(name="Dana Smith")),
        "lee": ws.add(Person(name="Lee Park")),
        "ana": ws.add(Person(name="Ana Ruiz", role=Role.TEAM_LEAD)),
        "sam": ws.add(Person(name="Sam Okafor")),
    }
    account = ws.add(Account(name="Northwind Logistics", segment="key"))
    yield ws, people, account
    ws.close()


def new(ws, people, account, **fields) -> Handover:
    values = dict(account_id=account.id, outgoing_id=people["dana"].id,
                  incoming_id=people["lee"].id, reviewer_id=people["ana"].id,
                  due_date=TODAY + dt.timedelta(days=21), created_on=TODAY)
    values.update(fields)
    return ops.create_handover(ws, Handover(**values))


def ids(people) -> dict[str, int]:
    return {name: p.id for name, p in people.items()}


def test_a_new_handover_is_a_draft_listed_with_its_people(team):
    ws, people, account = team
    handover = new(ws, people, account)

    assert handover.id and handover.status is Status.DRAFT
    [row] = ops.handover_rows(ws)
    assert (row.account, row.outgoing, row.incoming, row.reviewer) == (
        "Northwind Logistics", "Dana Smith", "Lee Park", "Ana Ruiz")
    assert row.status is Status.DRAFT and row.due_date == TODAY + dt.timedelta(days=21)
    assert (row.questions, row.unanswered, row.signed) == (0, 0, False)
    assert ops.handover_row(ws, handover.id) == row
    assert not row.is_overdue(TODAY) and row.is_overdue(TODAY + dt.timedelta(days=30))
    assert ws.audit_entries("handovers", handover.id)[0].action == "create"


def test_an_account_has_one_handover_under_way_at_a_time(team):
    ws, people, account = team
    new(ws, people, account)
    with pytest.raises(ValidationError) as refused:
        new(ws, people, account, incoming_id=people["sam"].id)
    assert refused.value.field == "account_id" and "under way" in refused.value.message
    assert len(ws.all(Handover)) == 1


def test_unknown_accounts_and_people_are_refused_by_field(team):
    ws, people, account = team
    with pytest.raises(ValidationError) as refused:
        new(ws, people, account, account_id=999)
    assert refused.value.field == "account_id"
    with pytest.raises(ValidationError) as refused:
        new(ws, people, account, reviewer_id=999)
    assert refused.value.field == "reviewer_id"
    with pytest.raises(ValidationError) as refused:  # the domain's own rule
        new(ws, people, account, incoming_id=people["dana"].id)
    assert refused.value.field == "incoming_id"
    assert ws.all(Handover) == []


def test_answers_are_saved_one_field_at_a_time_and_the_read_back_in_its_place(team):
    ws, people, account = team
    handover = new(ws, people, account)
    template = load_default_template()
    glance = template.section("glance")
    ops.save_answer(ws, handover.id, "glance", glance.field("summary"), "Critical, angry.")
    ops.save_answer(ws, handover.id, "glance", glance.field("renewal_outlook"), "Fix SLA.")
    section, read_back = template.read_back_field()
    ops.save_answer(ws, handover.id, section.key, read_back, "I understand.")

    stored = ws.get(Handover, handover.id)
    assert stored.answers == {"glance": {"summary": "Critical, angry.",
                                         "renewal_outlook": "Fix SLA."}}
    assert stored.read_back == "I understand."
    merged = ops.save_answers(ws, handover.id, {"story": {"what_went_wrong": "Outage"}})
    assert merged.answers["glance"]["summary"] == "Critical, angry."
    assert merged.answers["story"] == {"what_went_wrong": "Outage"}


def test_the_whole_workflow_with_the_right_party_at_each_step(team):
    ws, people, account = team
    p = ids(people)
    handover = new(ws, people, account)

    ops.move(ws, handover.id, Status.SUBMITTED, p["dana"])
    ops.move(ws, handover.id, Status.IN_REVIEW, p["lee"])
    question = ops.ask_question(ws, handover.id, "people", "Who signs?", p["lee"])
    assert question.asked_by_id == p["lee"] and question.asked_at is not None
    assert ops.handover_row(ws, handover.id).unanswered == 1

    with pytest.raises(TransitionError, match="read-back"):
        ops.move(ws, handover.id, Status.ACCEPTED, p["lee"])
    ops.save_answers(ws, handover.id, {}, read_back="Pressure pays here; I will not.")
    with pytest.raises(TransitionError, match="question"):
        ops.move(ws, handover.id, Status.ACCEPTED, p["lee"])

    answered = ops.answer_question(ws, question.id, "  Ana's CFO.  ", p["dana"])
    assert answered.answer == "Ana's CFO." and answered.answered_by_id == p["dana"]
    assert ops.resolve_question(ws, question.id, p["lee"]).resolved

    signed = ops.move(ws, handover.id, Status.ACCEPTED, p["lee"],
                      at=dt.datetime(2026, 11, 20, 16, 0, tzinfo=dt.UTC))
    assert signed.status is Status.ACCEPTED and len(signed.signoff_hash) == 64
    assert signed.signed_off_by_id == p["lee"]
    assert state(ws, handover.id).changed is False


@pytest.mark.parametrize("status, to, who, message", [
    (Status.DRAFT, Status.SUBMITTED, "lee", "outgoing"),
    (Status.DRAFT, Status.SUBMITTED, "ana", "outgoing"),
    (Status.DRAFT, Status.ACCEPTED, "lee", "cannot go from draft"),
    (Status.SUBMITTED, Status.IN_REVIEW, "dana", "incoming or reviewing"),
    (Status.IN_REVIEW, Status.ACCEPTED, "dana", "incoming"),
    (Status.IN_REVIEW, Status.ACCEPTED, "ana", "incoming"),
    (Status.IN_REVIEW, Status.RETURNED, "dana", "incoming or reviewing"),
    (Status.IN_REVIEW, Status.SUBMITTED, "lee", "cannot go from in review"),
    (Status.ACCEPTED, Status.RETURNED, "lee", "cannot go from accepted"),
    (Status.SUBMITTED, Status.IN_REVIEW, "sam", "incoming or reviewing"),
])
def test_each_wrong_move_and_each_wrong_party_is_refused(team, status, to, who, message):
    ws, people, account = team
    handover = new(ws, people, account)
    ws.update(dataclasses.replace(handover, status=status, read_back="Read back."))

    with pytest.raises(TransitionError, match=message):
        ops.move(ws, handover.id, to, people[who].id, reason="Because.")
    assert ws.get(Handover, handover.id).status is status


def test_a_return_needs_a_reason_and_a_resubmission_clears_it(team):
    ws, people, account = team
    p = ids(people)
    handover = new(ws, people, account, status=Status.DRAFT)
    ops.move(ws, handover.id, Status.SUBMITTED, p["dana"])
    ops.move(ws, handover.id, Status.IN_REVIEW, p["ana"])

    with pytest.raises(TransitionError, match="why"):
        ops.move(ws, handover.id, Status.RETURNED, p["ana"], reason="   ")
    returned = ops.move(ws, handover.id, Status.RETURNED, p["ana"],
                        reason="The risks section is empty.")
    assert returned.return_reason == "The risks section is empty."
    again = ops.move(ws, handover.id, Status.SUBMITTED, p["dana"])
    assert again.status is Status.SUBMITTED and again.return_reason == ""
    reasons = [e.before for e in ws.audit_entries("handovers", handover.id)
               if e.field == "return_reason" and e.after == ""]
    assert reasons == ["The risks section is empty."]


def test_questions_are_asked_by_the_reader_and_answered_by_the_writer(team):
    ws, people, account = team
    p = ids(people)
    handover = new(ws, people, account)
    with pytest.raises(TransitionError, match="draft"):
        ops.ask_question(ws, handover.id, "people", "Who signs?", p["lee"])
    ops.move(ws, handover.id, Status.SUBMITTED, p["dana"])

    with pytest.raises(TransitionError, match="incoming manager or the reviewing"):
        ops.ask_question(ws, handover.id, "people", "Who signs?", p["dana"])
    with pytest.raises(ValidationError):
        ops.ask_question(ws, handover.id, "people", "   ", p["lee"])
    question = ops.ask_question(ws, handover.id, "people", "Who signs?", p["ana"])

    with pytest.raises(TransitionError, match="no answer yet"):
        ops.resolve_question(ws, question.id, p["lee"])
    with pytest.raises(TransitionError, match="outgoing manager answers"):
        ops.answer_question(ws, question.id, "Me.", p["lee"])
    with pytest.raises(ValidationError):
        ops.answer_question(ws, question.id, "  ", p["dana"])
    ops.answer_question(ws, question.id, "The CFO.", p["dana"])
    with pytest.raises(TransitionError, match="resolves"):
        ops.resolve_question(ws, question.id, p["dana"])
    assert ops.resolve_question(ws, question.id, p["lee"]).resolved
    assert not ops.resolve_question(ws, question.id, p["lee"], resolved=False).resolved
    assert [q.text for q in ops.questions_of(ws, handover.id)] == ["Who signs?"]


def test_a_draft_can_be_taken_back_with_its_questions_but_not_a_submitted_one(team):
    ws, people, account = team
    handover = new(ws, people, account)
    assert ops.remove_handover(ws, handover.id).id == handover.id
    assert ws.all(Handover) == []
    again = ops.create_handover(ws, handover)  # a redo keeps the id
    assert again.id == handover.id

    ops.move(ws, again.id, Status.SUBMITTED, people["dana"].id)
    with pytest.raises(TransitionError, match="only a draft"):
        ops.remove_handover(ws, again.id)
    assert ws.get(Handover, again.id)


def test_the_pickers_see_active_accounts_and_people_by_name(team):
    ws, people, account = team
    ws.add(Account(name="Old Harbour Mills", archived=True))
    ws.add(Account(name="Brightwater Utilities"))
    assert [name for _, name, _ in ops.account_choices(ws)] == [
        "Brightwater Utilities", "Northwind Logistics"]
    assert ops.person_id_named(ws, "Lee Park") == people["lee"].id
    assert ops.person_id_named(ws, "Nobody Here") is None
    assert len(ws.all(Person)) == 4  # asking adds no one


def test_a_change_after_acceptance_shows_as_changed_since_sign_off(team):
    ws, people, account = team
    p = ids(people)
    concession = ws.add(Concession(account_id=account.id, date="2026-03-01",
                                   baseline_value=10_000, conceded_value=1_500,
                                   nothing_in_return=True))
    handover = new(ws, people, account)
    ops.move(ws, handover.id, Status.SUBMITTED, p["dana"])
    ops.move(ws, handover.id, Status.IN_REVIEW, p["lee"])
    ops.save_answers(ws, handover.id, {}, read_back="Understood.")
    ops.move(ws, handover.id, Status.ACCEPTED, p["lee"])

    ws.update(dataclasses.replace(concession, conceded_value=2_500))
    after = state(ws, handover.id, load_default_template())
    assert after.changed and any("2,500.00" in line for line in after.changes)
    with pytest.raises(TransitionError, match="closed"):
        ops.ask_question(ws, handover.id, "people", "Too late?", p["lee"])


def test_questions_count_on_the_list(team):
    ws, people, account = team
    p = ids(people)
    handover = new(ws, people, account)
    ops.move(ws, handover.id, Status.SUBMITTED, p["dana"])
    first = ops.ask_question(ws, handover.id, "people", "Who signs?", p["lee"])
    ops.ask_question(ws, handover.id, "risks", "And if they leave?", p["lee"])
    ops.answer_question(ws, first.id, "The CFO.", p["dana"])

    row = ops.handover_row(ws, handover.id)
    assert (row.questions, row.unanswered) == (2, 1)
    assert ws.all(Question, "handover_id = ?", [handover.id])[0].answered


def test_a_move_is_taken_back_to_where_it_stood_but_never_an_acceptance(team):
    ws, people, account = team
    p = ids(people)
    handover = new(ws, people, account)
    submitted = ops.move(ws, handover.id, Status.SUBMITTED, p["dana"])
    in_review = ops.move(ws, handover.id, Status.IN_REVIEW, p["lee"])
    returned = ops.move(ws, handover.id, Status.RETURNED, p["ana"], reason="No risks.")

    back = ops.take_back_move(ws, returned, in_review)
    assert (back.status, back.return_reason) == (Status.IN_REVIEW, "")
    with pytest.raises(TransitionError, match="in review now, no longer returned"):
        ops.take_back_move(ws, returned, in_review)  # already taken back
    assert ops.take_back_move(ws, in_review, submitted).status is Status.SUBMITTED
    assert ops.take_back_move(ws, submitted, handover).status is Status.DRAFT

    ops.move(ws, handover.id, Status.SUBMITTED, p["dana"])
    in_review = ops.move(ws, handover.id, Status.IN_REVIEW, p["lee"])
    ops.save_answers(ws, handover.id, {}, read_back="I take it from here.")
    accepted = ops.move(ws, handover.id, Status.ACCEPTED, p["lee"])
    with pytest.raises(TransitionError, match="an acceptance is not taken back"):
        ops.take_back_move(ws, accepted, in_review)
    assert ws.get(Handover, handover.id).status is Status.ACCEPTED


def test_a_question_is_taken_back_until_answered_and_an_answer_until_sign_off(team):
    ws, people, account = team
    p = ids(people)
    handover = new(ws, people, account)
    ops.move(ws, handover.id, Status.SUBMITTED, p["dana"])
    asked = ops.ask_question(ws, handover.id, "people", "Who signs?", p["lee"])

    assert ops.withdraw_question(ws, asked.id) == asked
    assert ops.questions_of(ws, handover.id) == []
    again = ops.ask_question(ws, handover.id, "people", "Who signs?", p["lee"],
                             asked.asked_at, question_id=asked.id)
    assert again == asked  # a redo asks the very same question

    answered = ops.answer_question(ws, asked.id, "The CFO.", p["dana"])
    with pytest.raises(TransitionError, match="answered since"):
        ops.withdraw_question(ws, asked.id)
    resolved = ops.resolve_question(ws, asked.id, p["lee"])
    assert ops.restore_question(ws, answered) == answered  # resolve taken back
    assert ops.restore_question(ws, asked) == asked  # the answer taken back
    assert not ws.get(Question, asked.id).answered

    ops.restore_question(ws, resolved)
    ops.move(ws, handover.id, Status.IN_REVIEW, p["lee"])
    ops.save_answers(ws, handover.id, {}, read_back="Understood.")
    ops.move(ws, handover.id, Status.ACCEPTED, p["lee"])
    with pytest.raises(TransitionError, match="signed off; its questions are closed"):
        ops.restore_question(ws, asked)
    with pytest.raises(TransitionError, match="signed off; its questions are closed"):
        ops.withdraw_question(ws, asked.id)
    assert ws.get(Question, asked.id) == resolved
