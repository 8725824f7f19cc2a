"""A handover worth a brief, built through the store: Brandt Logistik, at risk, handed from
Anna to Tom with Lena reviewing; a stakeholder whose notes are hostile Markdown; a long run
of concessions (each named "Deal 001", "Deal 002", ... so every row can be found in the
PDF); promises both ways; questions; and, on request, a sign-off."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from handover.brief.data import BriefData
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
    InteractionKind,
    Person,
    Question,
    Role,
    Segment,
    Tactic,
)
from handover.domain.signoff import sign_off, signoff_state
from handover.domain.template import load_default_template
from handover.store import Workspace
from handover.store.briefdata import handover_records
from handover.store.signoffs import save_snapshot, snapshot_of

TODAY = dt.date(2026, 3, 1)
SECRET = "TOP-SECRET-7731"  # the text of a local file a hostile note tries to reach

KINDS = [ConcessionKind.PRICE_DISCOUNT, ConcessionKind.REBATE, ConcessionKind.PAYMENT_TERMS,
         ConcessionKind.FREE_GOODS_SERVICES, ConcessionKind.CREDIT_WRITE_OFF]


def hostile_markdown(folder: Path) -> str:
    """A note pasted from somewhere: a script, a javascript: link, images and links that
    point at local files and a tracker."""
    secret = folder / "secret.txt"
    secret.write_text(SECRET)
    return ("Sharp negotiator. <script>alert('pwned')</script>\n\n"
            "[Open the portal](javascript:alert(document.cookie))\n\n"
            f'<img src="file://{secret}">\n\n'
            f"![the secret]({secret.as_uri()})\n\n"
            "![tracker](https://tracker.example/pixel.png)\n\n"
            '<iframe src="https://evil.example/frame"></iframe>\n\n'
            f"[see file]({secret.as_uri()}) and [our wiki](https://wiki.example/brandt)")


def build_workspace(path: Path, *, concessions: int = 12, signed: bool = False,
                    change_after_signing: bool = False) -> int:
    """Write the Brandt workspace at `path`; return the handover's id."""
    with Workspace.create(path, user="Anna Keller") as ws:
        anna = ws.add(Person(name="Anna Keller"))
        tom = ws.add(Person(name="Tom Berger"))
        lena = ws.add(Person(name="Lena Vogt", role=Role.TEAM_LEAD))
        ws.add(DiscountPolicy(segment=Segment.KEY, effective_from=dt.date(2023, 1, 1),
                              target_pct=10, max_pct=18))
        account = ws.add(Account(
            name="Brandt Logistik", segment=Segment.KEY, industry="Logistics",
            region="DACH", currency="EUR", current_revenue=2_400_000,
            potential_revenue=3_900_000, renewal_date=dt.date(2026, 9, 30),
            health=Health.AT_RISK, health_reason="Two outages in Q4; CFO wants a price cut.",
            owner_id=anna.id))
        weber = ws.add(Contact(
            account_id=account.id, name="Dr. Weber", title="CFO", influence=5, attitude=-2,
            last_contact=dt.date(2026, 2, 10), notes=hostile_markdown(path.parent),
            advice="Bring numbers, never slides."))
        ws.add(Contact(account_id=account.id, name="Jan Brandt", title="Owner", influence=4,
                       attitude=1, last_contact=dt.date(2026, 2, 20),
                       notes="Founder; **loyal** since 2015."))
        for i in range(30):
            ws.add(Interaction(
                account_id=account.id, date=dt.date(2024, 1, 5) + dt.timedelta(days=21 * i),
                kind=[InteractionKind.MEETING, InteractionKind.ESCALATION,
                      InteractionKind.CALL][i % 3], sentiment=[-2, -1, 0, 1, 2][i % 5],
                summary=f"Event {i:02d}: talked about the **renewal**.",
                contact_ids=(weber.id,)))
        first = None
        for i in range(concessions):
            c = ws.add(Concession(
                account_id=account.id, date=dt.date(2024, 1, 10) + dt.timedelta(days=9 * i),
                kind=KINDS[i % len(KINDS)], baseline_value=50_000,
                conceded_value=1_000 + 250 * i, terms_before="net 30" if i % 5 == 2 else "",
                terms_after="net 60" if i % 5 == 2 else "",
                tactics=frozenset({Tactic.FLINCH}) if i % 2 else frozenset(),
                granted_by_id=anna.id, approved_by_id=lena.id if i % 4 == 0 else None,
                nothing_in_return=i % 3 == 0, negotiation=f"Deal {i + 1:03d}",
                likely_next_ask="The same again next year." if i % 2 else "",
                notes="Agreed after the *outage*." if i % 7 == 0 else ""))
            first = first or c
        if first is not None:
            ws.add(Commitment(account_id=account.id, direction=Direction.THEIRS,
                              description="Order 20% more volume", concession_id=first.id,
                              due_date=dt.date(2026, 12, 31)))
        ws.add(Commitment(account_id=account.id, direction=Direction.OURS,
                          description="Send the revised SLA", date=dt.date(2026, 1, 5),
                          due_date=dt.date(2026, 2, 1)))
        ws.add(Commitment(account_id=account.id, direction=Direction.OURS,
                          description="Root-cause report", status=CommitmentStatus.KEPT))
        handover = ws.add(Handover(
            account_id=account.id, outgoing_id=anna.id, incoming_id=tom.id,
            reviewer_id=lena.id, status=Status.IN_REVIEW, created_on=dt.date(2026, 2, 1),
            due_date=dt.date(2026, 3, 15),
            answers={"glance": {"summary": "At risk after **two outages**; renewal in "
                                           "September.\n\n# A heading in a note"},
                     "risks": {"contingencies": "- If Weber asks for a credit, then offer a "
                                                "service review."},
                     "first_90_days": {"actions": "- Call Weber \u2014 Tom \u2014 2026-03-10"}},
            read_back="Brandt is at risk; Weber is against us; I will call him first."))
        ws.add(Question(handover_id=handover.id, section="people", text="Who decides on price?",
                        asked_by_id=tom.id, answer="Weber, with Jan Brandt's nod.",
                        answered_by_id=anna.id))
        ws.add(Question(handover_id=handover.id, section="concessions",
                        text="Was the Q4 credit one-off?", asked_by_id=tom.id))
        hid = handover.id
        if signed:
            h, records, questions = handover_records(ws, hid)
            accepted = dataclasses.replace(h, status=Status.ACCEPTED)
            sealed, snapshot = sign_off(accepted, records, questions, signer_id=tom.id,
                                        at=dt.datetime(2026, 2, 27, 16, 30))
            with ws.action("sign off"):
                ws.update(sealed)
                save_snapshot(ws, hid, sealed.signoff_hash, snapshot)
            if change_after_signing:
                ws.update(dataclasses.replace(weber, advice="Changed after sign-off."))
    return hid


def brief_of(path: Path, handover_id: int) -> BriefData:
    template = load_default_template()
    with Workspace.open(path, read_only=True) as ws:
        h, records, questions = handover_records(ws, handover_id)
        state = signoff_state(h, records, questions, snapshot_of(ws, handover_id), template)
        policies = ws.all(DiscountPolicy)
    return BriefData.build(template, h, records, questions, today=TODAY, signoff=state,
                           policies=policies, version="test")
