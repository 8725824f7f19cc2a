"""The demo workspace a newcomer opens first: believable, complete, and the same every time."""

import dataclasses
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import handover
from handover.demo import DEMO_TODAY, write_demo
from handover.demo import shape as demo
from handover.domain.errors import ValidationError
from handover.domain.handover import Handover, Status
from handover.domain.records import (
    Account,
    Commitment,
    CommitmentStatus,
    Concession,
    ConcessionKind,
    Contact,
    Direction,
    DiscountPolicy,
    Health,
    Interaction,
    Person,
    Question,
    Segment,
    in_force,
)
from handover.store import Workspace, WorkspaceError
from handover.store.signoffs import state

ACCOUNTS = 40


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    write_demo(path, accounts=ACCOUNTS, seed=1)
    return path


@pytest.fixture(scope="module")
def portfolio(demo_path):
    """Everything in the demo workspace, read back through the store as the program does."""
    with Workspace.open(demo_path, read_only=True) as ws:
        kinds = (Account, Contact, Interaction, Concession, Commitment, DiscountPolicy,
                 Handover, Question)
        return {cls: ws.all(cls) for cls in kinds}


def content(path) -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order, except what is not content: the audit
    log's timestamps and hashes, the migrations' timestamps and the search index derived
    from the rows."""
    db = sqlite3.connect(path)
    try:
        tables = [name for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            if name != "audit_log" and not name.startswith(("_", "sqlite_"))
            and "_fts" not in name]
        return {t: db.execute(f"SELECT * FROM [{t}] ORDER BY 1, 2").fetchall() for t in tables}
    finally:
        db.close()


def test_the_same_seed_writes_the_same_workspace_and_another_seed_a_different_one(
        tmp_path, demo_path):
    write_demo(tmp_path / "again.sqlite", accounts=ACCOUNTS, seed=1)
    write_demo(tmp_path / "other.sqlite", accounts=ACCOUNTS, seed=2)

    first = content(demo_path)
    assert first["accounts"] and first["interactions"] and first["concession_tactics"]
    assert content(tmp_path / "again.sqlite") == first
    other = content(tmp_path / "other.sqlite")
    assert other.keys() == first.keys()
    for table in ("accounts", "contacts", "interactions", "concessions", "commitments"):
        assert other[table] != first[table], table


def test_the_same_seed_writes_the_same_workspace_in_another_run_of_the_program(tmp_path):
    # Python salts its string hashes afresh in every run, so sets come out in a different
    # order each time: two runs of `handover demo` with other salts must still agree.
    root = Path(handover.__file__).resolve().parents[1]
    for salt in ("1", "2"):
        subprocess.run([sys.executable, "-m", "handover", "demo", str(tmp_path / f"{salt}.sqlite"),
                        "--accounts", "12", "--seed", "1"], cwd=root, check=True,
                       capture_output=True, timeout=120,
                       env={**os.environ, "PYTHONHASHSEED": salt, "PYTHONPATH": str(root)})

    assert content(tmp_path / "1.sqlite") == content(tmp_path / "2.sqlite")


def test_the_counts_returned_are_what_the_workspace_holds(tmp_path):
    calls = []
    counts = write_demo(tmp_path / "demo.sqlite", accounts=12, seed=3,
                        progress=lambda done, total: calls.append((done, total)))

    assert calls[-1] == (12, 12)
    assert counts["accounts"] == 12
    rows = content(tmp_path / "demo.sqlite")
    assert counts == {table: len(rows[table]) for table in counts}


def test_the_portfolio_has_every_segment_health_and_handover_status(portfolio):
    accounts = portfolio[Account]
    assert len(accounts) == ACCOUNTS
    assert {a.segment for a in accounts} == set(Segment)
    assert {a.health for a in accounts} == set(Health)
    assert {h.status for h in portfolio[Handover]} == set(Status)
    assert len({a.name for a in accounts}) == ACCOUNTS  # no two companies share a name
    assert {a.currency for a in accounts} >= {"EUR", "USD"}
    damaged = [a for a in accounts if a.health in (Health.AT_RISK, Health.CRITICAL)]
    assert damaged and all(a.health_reason for a in damaged)


def test_damaged_accounts_show_the_damage(portfolio):
    hostile = [c for c in portfolio[Contact] if c.attitude == -2 and c.influence == 5]
    assert hostile

    history = portfolio[Interaction]
    assert any(i.kind == "escalation" and i.sentiment < 0 for i in history)
    assert any(i.kind == "complaint" and i.sentiment < 0 for i in history)

    policies = portfolio[DiscountPolicy]
    segment = {a.id: a.segment for a in portfolio[Account]}
    above_policy = [
        c for c in portfolio[Concession]
        if c.kind is ConcessionKind.PRICE_DISCOUNT
        and c.discount_pct > in_force(policies, c.date, segment=segment[c.account_id]).max_pct]
    assert above_policy

    assert any(c.nothing_in_return for c in portfolio[Concession])
    broken = {p.direction for p in portfolio[Commitment]
              if p.status is CommitmentStatus.BROKEN}
    assert broken == {Direction.OURS, Direction.THEIRS}
    assert any(p.is_overdue(DEMO_TODAY) for p in portfolio[Commitment])


def test_what_was_received_in_return_is_recorded_as_their_promises(portfolio):
    got = {}
    for p in portfolio[Commitment]:
        if p.concession_id is not None:
            assert p.direction is Direction.THEIRS
            got.setdefault(p.concession_id, []).append(p.status)
    statuses = {s for ss in got.values() for s in ss}
    assert {CommitmentStatus.KEPT, CommitmentStatus.BROKEN, CommitmentStatus.OPEN} <= statuses

    concessions = portfolio[Concession]
    answered = [c for c in concessions if c.nothing_in_return or c.id in got]
    # almost every concession says what came back; the few blanks give the checker work
    assert 0.9 * len(concessions) <= len(answered) < len(concessions) + 1
    assert not [c for c in concessions if c.nothing_in_return and c.id in got]


def test_a_neglected_mid_size_account_has_large_potential_and_little_contact(portfolio):
    last_contact = {}
    for i in portfolio[Interaction]:
        last_contact[i.account_id] = max(i.date, last_contact.get(i.account_id, i.date))
    for c in portfolio[Contact]:
        if c.last_contact:
            last_contact[c.account_id] = max(c.last_contact,
                                             last_contact.get(c.account_id, c.last_contact))
    neglected = [a for a in portfolio[Account]
                 if a.segment is Segment.MID_SIZE
                 and a.potential_revenue >= 5 * a.current_revenue
                 and (DEMO_TODAY - last_contact[a.id]).days > 90]
    assert neglected


def test_the_discount_policy_was_looser_two_years_before(portfolio):
    policies = portfolio[DiscountPolicy]
    assert {p.segment for p in policies} == set(Segment)
    for segment in Segment:
        old, new = sorted((p for p in policies if p.segment is segment),
                          key=lambda p: p.effective_from)
        assert new.effective_from.year - old.effective_from.year == 2
        assert old.max_pct > new.max_pct and old.target_pct > new.target_pct


def test_handovers_are_as_far_along_as_their_status_says(portfolio):
    questions = {}
    for q in portfolio[Question]:
        questions.setdefault(q.handover_id, []).append(q)
    for h in portfolio[Handover]:
        asked = questions.get(h.id, [])
        assert h.answers, h
        if h.status is Status.ACCEPTED:
            # what the status machine demands of an acceptance holds
            in_review = dataclasses.replace(h, status=Status.IN_REVIEW)
            in_review.check_move(Status.ACCEPTED, h.incoming_id, asked)
            assert h.signed_off_by_id == h.incoming_id and h.signed_off_at
        if h.status is Status.RETURNED:
            assert h.return_reason
        else:
            assert not h.return_reason
        if h.status in (Status.DRAFT, Status.SUBMITTED):
            assert not h.read_back
    assert any(q.answered for q in portfolio[Question])
    assert any(not q.answered for q in portfolio[Question])


def test_the_story_is_told_as_of_the_demo_day(portfolio):
    assert max(i.date for i in portfolio[Interaction]) <= DEMO_TODAY
    assert max(c.date for c in portfolio[Concession]) <= DEMO_TODAY


def test_from_1000_accounts_on_account_1_is_the_large_one(tmp_path, monkeypatch):
    monkeypatch.setattr(demo, "LARGE_FROM", 3)  # as it would be with 1,000 accounts
    write_demo(tmp_path / "large.sqlite", accounts=3, seed=1)

    with Workspace.open(tmp_path / "large.sqlite", read_only=True) as ws:
        assert len(ws.all(Interaction, "account_id = 1")) == demo.LARGE_INTERACTIONS == 1000
        assert len(ws.all(Concession, "account_id = 1")) == demo.LARGE_CONCESSIONS == 500
        assert ws.get(Handover, 1).account_id == 1


def test_an_existing_file_is_never_overwritten(tmp_path):
    path = tmp_path / "precious.sqlite"
    path.write_bytes(b"a colleague's work")

    with pytest.raises(WorkspaceError, match="already exists"):
        write_demo(path, accounts=5)
    assert path.read_bytes() == b"a colleague's work"


def test_at_least_one_account(tmp_path):
    with pytest.raises(ValidationError, match="accounts"):
        write_demo(tmp_path / "none.sqlite", accounts=0)
    assert not (tmp_path / "none.sqlite").exists()


def test_accepted_handovers_left_their_accounts_with_the_incoming_managers(demo_path):
    with Workspace.open(demo_path, read_only=True) as ws:
        handovers = ws.all(Handover)
        accepted = [h for h in handovers if h.status is Status.ACCEPTED]
        assert accepted
        for h in handovers:
            owner = ws.get(Account, h.account_id).owner_id
            assert owner == (h.incoming_id if h in accepted else h.outgoing_id), h.id
        for h in accepted:
            # As an acceptance in the program: the handover named as the reason.
            [moved] = [e for e in ws.audit_entries("accounts", h.account_id)
                       if e.field == "owner_id"]
            assert (moved.action, moved.before, moved.after) == (
                f"handover #{h.id}", str(h.outgoing_id), str(h.incoming_id))
            # Our promises made before the sign-off were the outgoing manager's.
            outgoing, incoming = (ws.get(Person, h.outgoing_id).name,
                                  ws.get(Person, h.incoming_id).name)
            ours = ws.all(Commitment, "account_id = ? AND direction = 'ours'",
                          [h.account_id])
            assert {c.made_by for c in ours if c.date < h.signed_off_at.date()} <= {outgoing}
            assert {c.made_by for c in ours if c.date >= h.signed_off_at.date()} <= {incoming}
        assert ws.verify_audit_chain() == []


def test_accepted_handovers_are_signed_off_and_unchanged_since(tmp_path):
    path = tmp_path / "signed.sqlite"
    write_demo(path, accounts=40, seed=2)
    with Workspace.open(path, read_only=True) as ws:
        accepted = ws.all(Handover, "status = ?", [Status.ACCEPTED.value])
        assert accepted
        for handover in accepted:
            assert len(handover.signoff_hash) == 64
            assert state(ws, handover.id).changed is False
