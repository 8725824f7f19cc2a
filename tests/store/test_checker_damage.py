"""What a team lead sees from `handover check` on an account that went wrong: every broken
promise, every concession beyond policy or authority, and potential left alone, each where to
fix it; and nothing of the kind on its clean twin."""

from __future__ import annotations

import datetime as dt

import pytest

from handover.cli import check_report, main
from handover.domain.handover import Handover
from handover.domain.records import (
    Account,
    ApprovalLimit,
    Commitment,
    Concession,
    DiscountPolicy,
    Interaction,
    Person,
    Role,
)
from handover.store import Workspace

TODAY = dt.date.today()  # check_report judges as of today
RULES = {"commitment.broken", "commitment.overdue", "concession.policy",
         "concession.authority", "account.neglected"}


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def build(ws: Workspace, name: str, damaged: bool) -> Handover:
    dana, lee, ana = (ws.get(Person, i) for i in (1, 2, 3))
    account = ws.add(Account(
        name=name, segment="key", current_revenue=100_000,
        potential_revenue=600_000 if damaged else 150_000, health_reason="Price pressure.",
        owner_id=dana.id))
    ws.add(Interaction(account_id=account.id, date=ago(200 if damaged else 10),
                       summary="Renewal meeting."))

    def concession(days, pct, granted, approved=None, returned="kept"):
        c = ws.add(Concession(account_id=account.id, date=ago(days), baseline_value=100_000,
                              conceded_value=pct * 1_000, granted_by_id=granted.id,
                              approved_by_id=approved.id if approved else None))
        ws.add(Commitment(account_id=account.id, direction="theirs", concession_id=c.id,
                          description="Volume 500k/yr", status=returned))
        return c

    if damaged:
        # Before the policy change (max 10%), within it but above Dana's limit of 8%.
        concession(400, 9, dana, returned="broken")
        # After it (max 8%): 9% by the team lead, within her own limit of 20%.
        concession(100, 9, ana)
        # 12% by Dana with Ana's approval: above policy, but not a breach of authority.
        concession(50, 12, dana, approved=ana)
        # Lee's 9.5% without approval, explained in the concessions section by its date.
        explained = concession(300, 9.5, lee)
        ws.add(Commitment(account_id=account.id, direction="ours",
                          description="Send the revised SLA", status="broken"))
        ws.add(Commitment(account_id=account.id, direction="ours",
                          description="Quarterly business review", date=ago(60),
                          due_date=ago(30)))
        answers = {"concessions": {"policy_position": (
            f"The 9.5% of {explained.date.isoformat()} was Lee's call during the outage; "
            "the VP agreed by phone.")}}
    else:
        concession(400, 7, dana)
        concession(100, 8, ana)
        ws.add(Commitment(account_id=account.id, direction="ours",
                          description="Quarterly business review", date=ago(20),
                          due_date=TODAY + dt.timedelta(days=30)))
        answers = {}
    return ws.add(Handover(account_id=account.id, outgoing_id=dana.id, incoming_id=lee.id,
                           answers=answers))


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "damage.sqlite"
    with Workspace.create(path, user="Ana Ruiz") as ws:
        ws.add(Person(name="Dana Smith"))
        ws.add(Person(name="Lee Park"))
        ws.add(Person(name="Ana Ruiz", role=Role.TEAM_LEAD))
        ws.add(DiscountPolicy(segment="key", effective_from=ago(800), target_pct=5, max_pct=10))
        ws.add(DiscountPolicy(segment="key", effective_from=ago(200), target_pct=4, max_pct=8))
        ws.add(ApprovalLimit(role="account_manager", effective_from=ago(800), limit_pct=8))
        ws.add(ApprovalLimit(role="team_lead", effective_from=ago(800), limit_pct=20))
        build(ws, "Brandt Logistik", damaged=True)
        build(ws, "Brandt Twin", damaged=False)
    return path


def found(report, check_id):
    return [(f["severity"], f["section"], f["record"]["kind"]) for f in report["findings"]
            if f["check"] == check_id]


def test_the_damaged_account_raises_each_problem_with_its_severity_and_place(path):
    damaged = check_report(path)[0]
    assert damaged["account"] == "Brandt Logistik"
    assert found(damaged, "commitment.broken") == [("warning", "promises", "commitments")] * 2
    assert found(damaged, "commitment.overdue") == [("warning", "promises", "commitments")]
    # Above the maximum of its own day: 9% after the change, 12%, and 9.5% before it is not.
    assert found(damaged, "concession.policy") == [("warning", "concessions", "concessions")] * 2
    # Dana's 9% without approval is an error; Lee's explained one is a warning.
    authority = [f for f in damaged["findings"] if f["check"] == "concession.authority"]
    assert [f["severity"] for f in authority] == ["error", "warning"]
    assert "Dana Smith's approval limit of 8%" in authority[0]["message"]
    assert "Lee Park's approval limit of 8%" in authority[1]["message"]
    assert "the handover explains it" in authority[1]["message"]
    neglect = [f for f in damaged["findings"] if f["check"] == "account.neglected"]
    assert [(f["severity"], f["section"], f["record"]) for f in neglect] == [
        ("warning", "glance", {"kind": "accounts", "id": 1})]
    assert "6.0\u00d7 its revenue" in neglect[0]["message"]
    assert "200 days ago" in neglect[0]["message"]
    assert damaged["required_failed"]


def test_the_clean_twin_raises_nothing_about_its_records(path):
    twin = check_report(path)[1]
    assert twin["account"] == "Brandt Twin"
    assert not [f for f in twin["findings"] if f["check"] in RULES]
    # What is left is the unwritten template, never a record of the account.
    assert [f for f in twin["findings"] if f["severity"] in ("error", "warning")
            and f["record"] is not None] == []


def test_handover_check_names_the_breach_and_exits_1(path, capsys):
    assert main(["check", str(path), "--handover", "1"]) == 1
    out = capsys.readouterr().out
    assert "nobody approved it" in out and "was broken" in out
