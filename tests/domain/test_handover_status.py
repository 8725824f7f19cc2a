"""The handover's status machine: who may move it from which status to which."""

import dataclasses
import datetime as dt
import itertools

import pytest

from handover.domain.errors import TransitionError, ValidationError
from handover.domain.handover import TRANSITIONS, Handover, Party, Status, promises_to_keep
from handover.domain.records import Commitment, Question

OUTGOING, INCOMING, REVIEWER, STRANGER = 1, 2, 3, 99
PERSON_OF = {Party.OUTGOING: OUTGOING, Party.INCOMING: INCOMING, Party.REVIEWER: REVIEWER}


def handover(status=Status.DRAFT, **changes):
    made = Handover(account_id=10, outgoing_id=OUTGOING, incoming_id=INCOMING,
                    reviewer_id=REVIEWER, read_back="They are angry about the Q3 outage.")
    return dataclasses.replace(made, status=status, **changes)


ALLOWED = [(frm, to, party) for (frm, to), who in TRANSITIONS.items() for party in who]
WRONG_PARTY = [(frm, to, party) for (frm, to), who in TRANSITIONS.items()
               for party in Party if party not in who]
NOT_A_MOVE = [(frm, to) for frm, to in itertools.product(Status, Status)
              if (frm, to) not in TRANSITIONS]


def name(value):
    return value.value if hasattr(value, "value") else str(value)


@pytest.mark.parametrize("frm, to, party", ALLOWED, ids=name)
def test_every_allowed_move_is_allowed_to_the_right_party(frm, to, party):
    draft = handover(frm)
    draft.check_move(to, PERSON_OF[party], questions=[])
    assert to in draft.allowed_moves(PERSON_OF[party])


@pytest.mark.parametrize("frm, to, party", WRONG_PARTY, ids=name)
def test_every_move_is_refused_to_the_wrong_party(frm, to, party):
    with pytest.raises(TransitionError) as caught:
        handover(frm).check_move(to, PERSON_OF[party])
    assert str(caught.value).startswith("Only the ")
    assert f"from {frm.label.lower()} to {to.label.lower()}" in str(caught.value)
    assert to not in handover(frm).allowed_moves(PERSON_OF[party])


@pytest.mark.parametrize("frm, to", [(f, t) for f, t in TRANSITIONS], ids=name)
def test_someone_outside_the_handover_may_move_it_nowhere(frm, to):
    for person in (STRANGER, None):
        with pytest.raises(TransitionError, match="^Only the "):
            handover(frm).check_move(to, person)
        assert handover(frm).allowed_moves(person) == []


@pytest.mark.parametrize("frm, to", NOT_A_MOVE, ids=name)
def test_every_move_outside_the_workflow_is_refused(frm, to):
    with pytest.raises(TransitionError) as caught:
        handover(frm).check_move(to, OUTGOING)
    assert str(caught.value) == (f"A handover cannot go from {frm.label.lower()} "
                                 f"to {to.label.lower()}.")


def test_only_the_outgoing_manager_may_submit():
    with pytest.raises(TransitionError) as caught:
        handover(Status.DRAFT).check_move("submitted", INCOMING)
    assert str(caught.value) == ("Only the outgoing manager may move a handover from draft "
                                 "to submitted.")


def test_the_outgoing_manager_may_not_return_their_own_handover():
    with pytest.raises(TransitionError) as caught:
        handover(Status.IN_REVIEW).check_move(Status.RETURNED, OUTGOING)
    assert str(caught.value) == ("Only the incoming or reviewing team lead may move a "
                                 "handover from in review to returned.")


def test_the_moves_each_party_sees_in_review():
    in_review = handover(Status.IN_REVIEW)
    assert in_review.allowed_moves(INCOMING) == [Status.ACCEPTED, Status.RETURNED]
    assert in_review.allowed_moves(REVIEWER) == [Status.RETURNED]
    assert in_review.allowed_moves(OUTGOING) == []


def test_one_person_may_be_incoming_manager_and_reviewer():
    both = handover(Status.IN_REVIEW, reviewer_id=INCOMING)
    assert both.party_of(INCOMING) == {Party.INCOMING, Party.REVIEWER}
    both.check_move(Status.ACCEPTED, INCOMING)


def test_accepting_without_a_read_back_is_refused():
    unread = handover(Status.IN_REVIEW, read_back="  \n")
    with pytest.raises(TransitionError) as caught:
        unread.check_move(Status.ACCEPTED, INCOMING)
    assert str(caught.value).startswith("Write the read-back before accepting")


def test_accepting_with_an_unanswered_question_is_refused():
    questions = [
        Question(handover_id=1, section="people", text="Who signs?", answer="The CFO"),
        Question(handover_id=1, section="concessions", text="Why 30%?"),
    ]
    with pytest.raises(TransitionError) as caught:
        handover(Status.IN_REVIEW).check_move(Status.ACCEPTED, INCOMING, questions)
    assert str(caught.value) == ("1 question(s) still wait for an answer; accept once every "
                                 "question is answered.")


def test_accepting_once_every_question_is_answered():
    questions = [Question(handover_id=1, section="people", text="Who signs?",
                          answer="The CFO")]
    handover(Status.IN_REVIEW).check_move(Status.ACCEPTED, INCOMING, questions)


def test_the_same_person_cannot_hand_over_to_themselves():
    with pytest.raises(ValidationError) as caught:
        Handover(account_id=10, outgoing_id=OUTGOING, incoming_id=OUTGOING)
    assert caught.value.field == "incoming_id"
    assert "someone other than the outgoing manager" in str(caught.value)


def test_a_handover_due_before_it_was_made_is_refused():
    with pytest.raises(ValidationError) as caught:
        Handover(account_id=10, outgoing_id=OUTGOING, incoming_id=INCOMING,
                 created_on=dt.date(2026, 3, 1), due_date="2026-02-01")
    assert caught.value.field == "due_date"
    assert "is before the handover was made (2026-03-01)" in str(caught.value)


def test_an_unknown_status_is_refused():
    with pytest.raises(ValidationError) as caught:
        handover(status="lost")
    assert caught.value.field == "status"
    assert "(one of: draft, submitted, in_review, accepted, returned)" in str(caught.value)


def test_a_status_is_read_from_its_label():
    assert handover(status="In review").status is Status.IN_REVIEW


def test_a_refused_acceptance_names_every_reason_at_once():
    questions = [
        Question(handover_id=1, section="people", text="Who signs?"),
        Question(handover_id=1, section="concessions", text="Why 30%?"),
        Question(handover_id=1, section="promises", text="Report sent?", answer="Yes"),
    ]
    unread = handover(Status.IN_REVIEW, read_back="")
    with pytest.raises(TransitionError) as caught:
        unread.check_move(Status.ACCEPTED, INCOMING, questions)
    assert str(caught.value) == (
        "The handover cannot be accepted yet, for 2 reasons: (1) Write the read-back before "
        "accepting: the incoming manager's summary in their own words. (2) 2 question(s) "
        "still wait for an answer; accept once every question is answered.")


def test_the_wrong_person_accepting_an_unfinished_handover_hears_every_reason():
    unread = handover(Status.IN_REVIEW, read_back="")
    with pytest.raises(TransitionError) as caught:
        unread.check_move(Status.ACCEPTED, REVIEWER,
                          [Question(handover_id=1, section="people", text="Who signs?")])
    message = str(caught.value)
    assert message.startswith("The handover cannot be accepted yet, for 3 reasons: (1) Only "
                              "the incoming manager may move")
    assert "(2) Write the read-back" in message and "(3) 1 question(s) still wait" in message


def test_the_open_promises_of_ours_the_outgoing_manager_made_are_the_ones_handed_on():
    def promise(text, **fields):
        return Commitment(account_id=10, description=text, **{"direction": "ours", **fields})

    promises = [
        promise("Quarterly review", made_by="Dana  Whitfield", due_date="2026-12-01"),
        promise("Outage report", made_by="dana whitfield", due_date="2026-11-10"),
        promise("Call the CFO", made_by="Dana Whitfield"),
        promise("Price freeze", made_by="Dana Whitfield", status="kept"),
        promise("Volume of 2,000 units", made_by="Dana Whitfield", direction="theirs"),
        promise("Site visit", made_by="Marcus Lindqvist"),
        promise("Training day", made_by=""),
    ]
    kept_on = promises_to_keep(promises, "Dana Whitfield")
    assert [p.description for p in kept_on] == ["Outage report", "Quarterly review",
                                                "Call the CFO"]
    assert promises_to_keep(promises, "") == []
