"""Everything one handover covers, gathered from the workspace in one read: the handover, its
account and the account's records, the people they name, and the questions asked on it.
The checker, the sign-off and the brief all work from what this returns."""

from __future__ import annotations

from handover.domain.checker import HandoverRecords
from handover.domain.handover import Handover
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
)
from handover.store.workspace import Workspace


def handover_records(ws: Workspace,
                     handover_id: int) -> tuple[Handover, HandoverRecords, list[Question]]:
    """The handover `handover_id`, the records it covers and its questions (in the order
    they were asked). Interactions and concessions come in date order; contacts and
    commitments in the order they were added. WorkspaceError when there is no such
    handover."""
    conn = ws.db.conn
    if conn.in_transaction:  # inside the caller's action: read what it sees
        return _gather(ws, handover_id)
    # One read transaction, so that a write from another program cannot land between the
    # parts (a sign-off hash over half-old, half-new records would never verify).
    conn.execute("BEGIN")
    try:
        return _gather(ws, handover_id)
    finally:
        conn.rollback()


def _gather(ws: Workspace, handover_id: int):
    handover = ws.get(Handover, handover_id)
    account = ws.get(Account, handover.account_id)
    mine = ("account_id = ?", [account.id])
    contacts = ws.all(Contact, *mine)
    interactions = ws.all(Interaction, *mine, order_by="date, id")
    concessions = ws.all(Concession, *mine, order_by="date, id")
    commitments = ws.all(Commitment, *mine)
    questions = ws.all(Question, "handover_id = ?", [handover_id])
    named = {handover.outgoing_id, handover.incoming_id, handover.reviewer_id,
             handover.signed_off_by_id, account.owner_id}
    named |= {c.granted_by_id for c in concessions} | {c.approved_by_id for c in concessions}
    named |= {q.asked_by_id for q in questions} | {q.answered_by_id for q in questions}
    ids = sorted(i for i in named if i is not None)
    people = ws.all(Person, f"id IN ({','.join('?' * len(ids))})", ids) if ids else []
    records = HandoverRecords(
        account=account, contacts=tuple(contacts), interactions=tuple(interactions),
        concessions=tuple(concessions), commitments=tuple(commitments), people=tuple(people),
        policies=tuple(ws.all(DiscountPolicy)), limits=tuple(ws.all(ApprovalLimit)))
    return handover, records, questions
