"""The copies of signed handovers kept at acceptance, so a later change can be told in words,
the accept operation that signs a handover off and hands the account over, and the sealing
of handovers written as accepted."""

from __future__ import annotations

import dataclasses
import datetime as dt

from handover.domain.handover import Handover, Status
from handover.domain.records import Account
from handover.domain.signoff import SignoffState, sign_off, signoff_state
from handover.domain.template import Template
from handover.store.briefdata import handover_records
from handover.store.workspace import Workspace


def save_snapshot(ws: Workspace, handover_id: int, hash_: str, snapshot: str) -> None:
    with ws.action("keeping the signed copy"):
        ws.db["signoff_snapshots"].upsert(
            {"handover_id": handover_id, "hash": hash_, "snapshot": snapshot},
            pk="handover_id")
        ws._audit("sign-off", "handovers", handover_id, field="signoff_hash", after=hash_)


def snapshot_of(ws: Workspace, handover_id: int) -> str | None:
    row = ws.db.execute("SELECT snapshot FROM signoff_snapshots WHERE handover_id = ?",
                        [handover_id]).fetchone()
    return row[0] if row else None


def handover_action(handover_id: int) -> str:
    """The audit log's action for what a handover itself changed: its reason, named."""
    return f"handover #{handover_id}"


def hand_over(ws: Workspace, handover: Handover) -> Account:
    """Make the handover's incoming manager the owner of its account (inside the caller's
    action), audited with the handover as the reason. Everything else of the account, its
    people, history, concessions and promises, stays with it as it is."""
    account = ws.get(Account, handover.account_id)
    if account.owner_id == handover.incoming_id:
        return account
    return ws.update(dataclasses.replace(account, owner_id=handover.incoming_id),
                     action=handover_action(handover.id))  # type: ignore[arg-type]


def accept(ws: Workspace, handover_id: int, signer_id: int,
           at: dt.datetime | None = None) -> Handover:
    """Accept the handover as `signer_id` and sign it off, in one action: the status
    machine's checks, the account handed to the incoming manager, the SHA-256 of what it
    covers (the account as it now stands, its new owner too), the signer and the time, and
    the copy kept to tell later changes. TransitionError when the move is not allowed."""
    at = at or dt.datetime.now(dt.UTC).replace(microsecond=0)
    with ws.action("accepting the handover"):
        handover, records, questions = handover_records(ws, handover_id)
        handover.check_move(Status.ACCEPTED, signer_id, questions)
        records = dataclasses.replace(records, account=hand_over(ws, handover))
        accepted = dataclasses.replace(handover, status=Status.ACCEPTED)
        signed, snapshot = sign_off(accepted, records, questions, signer_id=signer_id, at=at)
        ws.update(signed)
        save_snapshot(ws, handover_id, signed.signoff_hash, snapshot)
    return signed


def accepted_ids(ws: Workspace) -> list[int]:
    """The ids of the accepted handovers, oldest first."""
    return [handover_id for (handover_id,) in ws.db.execute(
        "SELECT id FROM handovers WHERE status = ? ORDER BY id", [Status.ACCEPTED.value])]


def seal_accepted(ws: Workspace, action: str = "sealing the accepted handovers") -> None:
    """Seal each handover written as accepted (as the demo writes them, signer and time
    already set) as acceptance does, in one action: the account handed to the incoming
    manager (audited with the handover as the reason), the hash of what it covers and the
    copy kept to tell later changes."""
    with ws.action(action):
        for handover_id in accepted_ids(ws):
            hand_over(ws, ws.get(Handover, handover_id))
            handover, records, questions = handover_records(ws, handover_id)
            signed, snapshot = sign_off(handover, records, questions,
                                        signer_id=handover.signed_off_by_id,
                                        at=handover.signed_off_at)
            ws.update(signed)
            save_snapshot(ws, handover_id, signed.signoff_hash, snapshot)


def state(ws: Workspace, handover_id: int, template: Template | None = None) -> SignoffState:
    """Whether the handover changed since it was signed off, and what changed."""
    handover, records, questions = handover_records(ws, handover_id)
    return signoff_state(handover, records, questions, snapshot_of(ws, handover_id),
                         template)
