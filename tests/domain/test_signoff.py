"""Sign-off: the incoming manager accepts, the handover and its records are hashed, and any
later change shows as "changed since sign-off" with what changed."""

import dataclasses
import datetime as dt
import hashlib
import json

import pytest

from handover.domain.checker import HandoverRecords
from handover.domain.handover import Handover, Status
from handover.domain.records import (
    Account,
    Commitment,
    CommitmentStatus,
    Concession,
    Contact,
    Direction,
    Health,
    Interaction,
    Question,
    Tactic,
)
from handover.domain.signoff import (
    EXCLUDED,
    canonical,
    changes_since,
    sign_off,
    signoff_hash,
    signoff_state,
)
from handover.domain.template import load_default_template

SIGNED_AT = dt.datetime(2026, 3, 2, 14, 5, tzinfo=dt.UTC)


def the_handover(**changes):
    made = Handover(id=5, account_id=10, outgoing_id=1, incoming_id=2, reviewer_id=3,
                    due_date=dt.date(2026, 3, 31), status=Status.IN_REVIEW,
                    answers={"story": {"what_went_wrong": "Two outages in Q4."}},
                    read_back="Loyal but angry.")
    return dataclasses.replace(made, **changes)


def the_records(**changes):
    made = HandoverRecords(
        account=Account(id=10, name="Brandt Logistik", health=Health.AT_RISK,
                        health_reason="Two outages", current_revenue=400_000,
                        renewal_date=dt.date(2026, 6, 30)),
        contacts=(Contact(id=4, account_id=10, name="Dr. Weber", influence=5, attitude=-1),
                  Contact(id=6, account_id=10, name="Jan Brandt", influence=5, attitude=1)),
        interactions=(Interaction(id=1, account_id=10, date=dt.date(2026, 2, 1),
                                  summary="Steering meeting", contact_ids=(6, 4)),),
        concessions=(Concession(id=12, account_id=10, date=dt.date(2025, 3, 12),
                                baseline_value=10_000, conceded_value=1_500,
                                tactics=frozenset({Tactic.FLINCH, Tactic.VISE})),),
        commitments=(Commitment(id=7, account_id=10, direction=Direction.THEIRS,
                                description="Order 20% more volume", concession_id=12,
                                due_date=dt.date(2026, 12, 31)),),
    )
    return dataclasses.replace(made, **changes)


QUESTIONS = [Question(id=3, handover_id=5, section="people", text="Who decides on price?",
                      answer="Jan Brandt.", asked_at=dt.datetime(2026, 2, 27, 9, 30))]


def replace_one(items, index, **changes):
    items = list(items)
    items[index] = dataclasses.replace(items[index], **changes)
    return tuple(items)


# ---------------------------------------------------------------- the canonical form


def test_the_canonical_form_is_compact_sorted_json_with_iso_dates_and_stored_values():
    data = canonical(the_handover(), the_records(), QUESTIONS)
    doc = json.loads(data)
    assert data == json.dumps(doc, sort_keys=True, separators=(",", ":"),
                              ensure_ascii=False).encode("utf-8")
    assert doc["account"]["renewal_date"] == "2026-06-30"
    assert doc["account"]["health"] == "at_risk"
    assert doc["concessions"][0]["tactics"] == ["flinch", "vise"]
    assert doc["interactions"][0]["contact_ids"] == [4, 6]
    assert doc["questions"][0]["asked_at"] == "2026-02-27T09:30:00"
    assert not EXCLUDED & doc["handover"].keys()


def test_equal_content_gives_the_same_hash_whatever_the_order_it_came_in():
    records = the_records()
    shuffled = dataclasses.replace(records, contacts=records.contacts[::-1], interactions=(
        dataclasses.replace(records.interactions[0], contact_ids=(4, 6)),))
    touched = the_handover(answers={"story": {"what_went_wrong": "Two outages in Q4.",
                                              "what_went_right": ""}, "people": {}})
    first = signoff_hash(the_handover(), records, QUESTIONS)
    assert first == signoff_hash(touched, shuffled, list(QUESTIONS))
    assert first == hashlib.sha256(canonical(the_handover(), records, QUESTIONS)).hexdigest()
    assert len(first) == 64


@dataclasses.dataclass(frozen=True)
class ContactWithEmail(Contact):
    """A contact as a later version might hold it, with a field added."""

    email: str = ""


def test_a_field_added_in_a_later_version_leaves_earlier_sign_offs_valid():
    records = the_records()
    later = dataclasses.replace(records, contacts=tuple(
        ContactWithEmail(**c.as_dict()) for c in records.contacts))
    assert signoff_hash(the_handover(), later, QUESTIONS) == signoff_hash(
        the_handover(), records, QUESTIONS)
    mailed = replace_one(later.contacts, 0, email="weber@brandt.de")
    assert signoff_hash(the_handover(), dataclasses.replace(later, contacts=mailed),
                        QUESTIONS) != signoff_hash(the_handover(), records, QUESTIONS)


def test_signing_off_and_accepting_do_not_change_the_hash():
    signed, snapshot = sign_off(the_handover(), the_records(), QUESTIONS, signer_id=2,
                                at=SIGNED_AT)
    assert (signed.signed_off_by_id, signed.signed_off_at) == (2, SIGNED_AT)
    assert signed.signoff_hash == hashlib.sha256(snapshot.encode("utf-8")).hexdigest()
    accepted = dataclasses.replace(signed, status=Status.ACCEPTED)
    assert signoff_hash(accepted, the_records(), QUESTIONS) == signed.signoff_hash
    assert signoff_state(accepted, the_records(), QUESTIONS, snapshot).changed is False


CHANGES = {
    "an answer": lambda h, r, q: (the_handover(answers={"story": {"what_went_wrong": "x"}}),
                                  r, q),
    "the read-back": lambda h, r, q: (the_handover(read_back="Fine."), r, q),
    "the due date": lambda h, r, q: (the_handover(due_date=dt.date(2026, 4, 30)), r, q),
    "the account's health": lambda h, r, q: (h, dataclasses.replace(r, account=dataclasses.
                                             replace(r.account, health=Health.CRITICAL)), q),
    "a contact's attitude": lambda h, r, q: (h, dataclasses.replace(
        r, contacts=replace_one(r.contacts, 0, attitude=-2)), q),
    "a new contact": lambda h, r, q: (h, dataclasses.replace(r, contacts=r.contacts + (
        Contact(id=9, account_id=10, name="New buyer"),)), q),
    "an interaction's contacts": lambda h, r, q: (h, dataclasses.replace(
        r, interactions=replace_one(r.interactions, 0, contact_ids=(4,))), q),
    "a concession's value": lambda h, r, q: (h, dataclasses.replace(
        r, concessions=replace_one(r.concessions, 0, conceded_value=2_000)), q),
    "a concession's tactics": lambda h, r, q: (h, dataclasses.replace(
        r, concessions=replace_one(r.concessions, 0, tactics=frozenset())), q),
    "a promise kept": lambda h, r, q: (h, dataclasses.replace(
        r, commitments=replace_one(r.commitments, 0, status=CommitmentStatus.KEPT)), q),
    "a promise removed": lambda h, r, q: (h, dataclasses.replace(r, commitments=()), q),
    "a question's answer": lambda h, r, q: (h, r, [dataclasses.replace(q[0], answer="")]),
    "a new question": lambda h, r, q: (h, r, q + [Question(id=4, handover_id=5,
                                                          section="risks", text="Why?")]),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_any_change_to_what_was_signed_changes_the_hash(change):
    before = signoff_hash(the_handover(), the_records(), QUESTIONS)
    assert signoff_hash(*change(the_handover(), the_records(), QUESTIONS)) != before


# ---------------------------------------------------------------- what changed


def test_changes_since_sign_off_are_told_in_words():
    signed, snapshot = sign_off(the_handover(), the_records(), QUESTIONS, signer_id=2,
                                at=SIGNED_AT)
    records = the_records()
    records = dataclasses.replace(
        records,
        account=dataclasses.replace(records.account, health=Health.CRITICAL),
        contacts=records.contacts + (Contact(id=9, account_id=10, name="Eva Roth"),),
        concessions=replace_one(records.concessions, 0, conceded_value=2_000,
                                tactics=frozenset({Tactic.FLINCH})),
        commitments=())
    later = dataclasses.replace(signed, status=Status.ACCEPTED, read_back="Loyal.",
                                answers={"story": {"what_went_wrong": "Three outages."},
                                         "risks": {"contingencies": "If X, then Y"}})
    state = signoff_state(later, records, QUESTIONS, snapshot, load_default_template())
    assert state.signed and state.changed
    assert list(state.changes) == [
        "Answer \u201cThe story so far \u203a What went wrong\u201d changed",
        "Answer \u201cRisks and contingencies \u203a Contingencies\u201d written",
        "Handover: read-back Loyal but angry. \u2192 Loyal.",
        "Account: health At risk \u2192 Critical",
        "Contact 9 (Eva Roth) added",
        "Concession 12: conceded value 1,500.00 \u2192 2,000.00",
        "Concession 12: tactics Flinch, Vise (\u201cyou'll have to do better\u201d) \u2192 Flinch",
        "Commitment 7 (\u201cOrder 20% more volume\u201d) removed",
    ]


def test_long_texts_are_said_to_have_changed_without_being_quoted():
    old = canonical(the_handover(read_back="A" * 200), the_records(), QUESTIONS)
    new = canonical(the_handover(read_back="B" * 200), the_records(), QUESTIONS)
    assert changes_since(old, new) == ["Handover: read-back changed"]


def test_without_a_template_answers_are_named_by_their_keys():
    old = canonical(the_handover(), the_records(), QUESTIONS)
    new = canonical(the_handover(answers={}), the_records(), QUESTIONS)
    assert changes_since(old.decode(), json.loads(new)) == [
        "Answer \u201cstory \u203a what_went_wrong\u201d cleared"]


def test_nothing_changed_means_no_lines():
    data = canonical(the_handover(), the_records(), QUESTIONS)
    assert changes_since(data, data) == []


def test_an_unsigned_handover_is_neither_signed_nor_changed():
    state = signoff_state(the_handover(), the_records(), QUESTIONS)
    assert (state.signed, state.changed, state.changes) == (False, False, ())


def test_a_change_without_the_snapshot_is_still_detected():
    signed, _ = sign_off(the_handover(), the_records(), QUESTIONS, signer_id=2, at=SIGNED_AT)
    state = signoff_state(dataclasses.replace(signed, read_back="Other."), the_records(),
                          QUESTIONS)
    assert state.changed
    assert state.changes == ("The handover or its records changed after sign-off; no copy "
                             "was kept to say what.",)


def test_a_tampered_snapshot_is_called_out():
    signed, snapshot = sign_off(the_handover(), the_records(), QUESTIONS, signer_id=2,
                                at=SIGNED_AT)
    forged = snapshot.replace("Loyal but angry.", "Happy.")
    state = signoff_state(dataclasses.replace(signed, read_back="Other."), the_records(),
                          QUESTIONS, forged)
    assert state.changes[0].startswith("The copy kept at sign-off does not match")
    assert state.changes[1] == "Handover: read-back Happy. \u2192 Other."
