"""Accepting a handover signs it off; a later change to what it covers shows, in words."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from handover.domain.errors import TransitionError
from handover.domain.handover import Handover, Status
from handover.domain.records import (
    Account,
    Commitment,
    Concession,
    Contact,
    Direction,
    Person,
    Question,
    Role,
)
from handover.store import Workspace
from handover.store.signoffs import accept, seal_accepted, snapshot_of, state


@pytest.fixture
def in_review(tmp_path):
    ws = Workspace.create(tmp_path / "w.sqlite", user="Lee Park")
    dana = ws.add(Person(name="Dana Smith"))
    lee = ws.add(Person(name="Lee Park"))
    lead = ws.add(Person(name="Ana Ruiz", role=Role.TEAM_LEAD))
    account = ws.add(Account(name="Northwind Logistics", segment="key", owner_id=dana.id))
    ws.add(Concession(account_id=account.id, date="2026-03-01", baseline_value=10_000,
                      conceded_value=1_500, nothing_in_return=True))
    handover = ws.add(Handover(account_id=account.id, outgoing_id=dana.id,
                               incoming_id=lee.id, reviewer_id=lead.id,
                               status=Status.IN_REVIEW, read_back="I own the renewal."))
    yield ws, handover, lee, dana
    ws.close()


def test_accepting_signs_off_and_a_later_concession_edit_shows_as_changed(in_review):
    ws, handover, lee, _ = in_review
    signed = accept(ws, handover.id, lee.id, at=dt.datetime(2026, 11, 20, 16, 0))
    assert signed.status is Status.ACCEPTED
    assert len(signed.signoff_hash) == 64 and signed.signed_off_by_id == lee.id
    assert ws.get(Handover, handover.id).signoff_hash == signed.signoff_hash
    assert snapshot_of(ws, handover.id)
    assert state(ws, handover.id).changed is False

    [concession] = ws.all(Concession)
    ws.update(dataclasses.replace(concession, conceded_value=2_000))
    after = state(ws, handover.id)
    assert after.changed is True
    assert any("1,500.00" in line and "2,000.00" in line for line in after.changes)


def test_accept_is_refused_to_the_outgoing_manager_and_with_an_open_question(in_review):
    ws, handover, lee, dana = in_review
    with pytest.raises(TransitionError, match="incoming"):
        accept(ws, handover.id, dana.id)
    ws.add(Question(handover_id=handover.id, section="people", text="Who signs?"))
    with pytest.raises(TransitionError, match="question"):
        accept(ws, handover.id, lee.id)
    assert ws.get(Handover, handover.id).status is Status.IN_REVIEW
    assert snapshot_of(ws, handover.id) is None


def test_accepting_hands_the_account_over_with_everything_it_holds(in_review):
    ws, handover, lee, dana = in_review
    [account] = ws.all(Account)
    ws.add(Contact(account_id=account.id, name="Ines Baptista"))
    promise = ws.add(Commitment(account_id=account.id, direction=Direction.OURS,
                                description="Send the outage report", made_by="Dana Smith"))
    audited = len(ws.audit_entries())

    accept(ws, handover.id, lee.id)

    assert ws.get(Account, account.id).owner_id == lee.id
    # The account's people, history, concessions and promises stay with it, unchanged.
    assert [c.name for c in ws.all(Contact, "account_id = ?", [account.id])] == \
        ["Ines Baptista"]
    assert ws.get(Commitment, promise.id) == promise
    assert len(ws.all(Concession, "account_id = ?", [account.id])) == 1
    [moved] = [e for e in ws.audit_entries()[audited:] if e.record == "accounts"]
    assert (moved.action, moved.record_id, moved.field, moved.before, moved.after) == (
        f"handover #{handover.id}", account.id, "owner_id", str(dana.id), str(lee.id))
    assert moved.who == "Lee Park"
    assert ws.verify_audit_chain() == []
    # What was signed is the account as it now stands: its new owner is no change.
    assert state(ws, handover.id).changed is False


def test_a_refused_acceptance_names_every_reason_and_moves_nothing(in_review):
    ws, handover, lee, dana = in_review
    ws.update(dataclasses.replace(handover, read_back=""))
    for text in ("Who signs?", "Why 15%?"):
        ws.add(Question(handover_id=handover.id, section="people", text=text))
    audited = len(ws.audit_entries())

    with pytest.raises(TransitionError) as caught:
        accept(ws, handover.id, lee.id)

    assert "Write the read-back before accepting" in str(caught.value)
    assert "2 question(s) still wait for an answer" in str(caught.value)
    [account] = ws.all(Account)
    assert account.owner_id == dana.id
    assert len(ws.audit_entries()) == audited


def test_a_handover_written_as_accepted_is_sealed_as_if_it_had_been_accepted(in_review):
    # The demo writes its accepted handovers whole, signer and time set; sealing them is
    # what acceptance would have done: the account handed over, the hash, the signed copy.
    ws, handover, lee, dana = in_review
    at = dt.datetime(2026, 11, 20, 16, 0)
    ws.update(dataclasses.replace(handover, status=Status.ACCEPTED, signed_off_by_id=lee.id,
                                  signed_off_at=at))
    audited = len(ws.audit_entries())

    seal_accepted(ws, "demo sign-offs")

    sealed = ws.get(Handover, handover.id)
    assert len(sealed.signoff_hash) == 64 and sealed.signed_off_at == at
    [account] = ws.all(Account)
    assert account.owner_id == lee.id
    assert snapshot_of(ws, handover.id)
    assert state(ws, handover.id).changed is False
    [moved] = [e for e in ws.audit_entries()[audited:] if e.record == "accounts"]
    assert (moved.action, moved.field, moved.before, moved.after) == (
        f"handover #{handover.id}", "owner_id", str(dana.id), str(lee.id))
    assert ws.verify_audit_chain() == []
