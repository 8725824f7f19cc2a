"""The demo's handovers: a handover of an account in any status, the outgoing manager's answers
written from the account's records, and the incoming manager's questions and read-back."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from handover.demo.handover_texts import (
    DECISIONS,
    GLANCE_FIRST,
    GRIEVANCES,
    NEXT_NEGOTIATION,
    QUESTIONS,
    QUESTIONS_DAMAGED,
    READ_BACKS,
    RENEWAL_OUTLOOK,
    RETURN_REASONS,
    RISK_LIST,
    RISKS,
    SECTIONS,
    STORY,
    TACTICS_ADVICE,
    WARNING_SIGNS,
    WENT_RIGHT,
    WENT_WRONG,
)
from handover.demo.placeholders import Fill, as_money, fill_now, long_date, without_hostile
from handover.demo.shape import DAMAGED
from handover.demo.state import AccountPlan, MakerState
from handover.domain.handover import Handover, Status
from handover.domain.records import (
    Commitment,
    CommitmentStatus,
    Concession,
    Direction,
    Person,
    Question,
    Record,
    Tactic,
)


def make_handover(maker: MakerState, acct: AccountPlan, status: Status, outgoing: Person,
                  incoming: Person, events, concessions: list[Concession],
                  promises: list[Commitment], negotiation: str) -> list[Record]:
    """The handover of `acct` in `status`: answers as far as the writer got, and the
    incoming manager's questions, read-back and sign-off as far as the review got."""
    rng = maker.rng
    if status is Status.ACCEPTED:
        created = maker.today - dt.timedelta(days=rng.randint(30, 150))
    else:
        created = maker.today - dt.timedelta(days=rng.randint(2, 50))
    due = created + dt.timedelta(days=rng.choice((14, 21, 28, 42)))
    fill = fill_now(maker, acct)
    fill["negotiation"] = negotiation or "last renewal"
    answered = {Status.DRAFT: rng.randint(1, 5), Status.SUBMITTED: len(SECTIONS) - 1}.get(
        status, len(SECTIONS))
    answers = {key: handover_section(maker, acct, key, fill, events, concessions, promises)
               for key in SECTIONS[:answered]}
    read_back = ""
    if status is Status.ACCEPTED or status is Status.IN_REVIEW and rng.random() < 0.6:
        read_back = READ_BACKS[acct.profile].format_map(fill)
    signed = None
    if status is Status.ACCEPTED:
        signed = dt.datetime.combine(min(due, maker.today - dt.timedelta(days=1)),
                                     dt.time(16, rng.randint(0, 59)))
    hid = maker.take("handovers")
    reviewer = maker.lead_of.get(outgoing.id, maker.leads[0])
    handover = Handover(
        account_id=acct.id, outgoing_id=outgoing.id, incoming_id=incoming.id,
        reviewer_id=reviewer.id, due_date=due, created_on=created, status=status,
        answers=answers, read_back=read_back,
        return_reason=rng.choice(without_hostile(RETURN_REASONS, acct)).format_map(fill)
        if status is Status.RETURNED else "",
        signed_off_by_id=incoming.id if signed else None, signed_off_at=signed, id=hid)
    out: list[Record] = [handover]
    if status in (Status.IN_REVIEW, Status.ACCEPTED, Status.RETURNED) or \
            status is Status.SUBMITTED and rng.random() < 0.5:
        asked_on = dt.datetime.combine(created + dt.timedelta(days=2), dt.time(9, 30))
        pool = QUESTIONS + (QUESTIONS_DAMAGED if acct.profile == DAMAGED else ())
        picks = rng.sample(pool, rng.randint(1, 3) if status is not Status.IN_REVIEW
                           else rng.randint(2, 4))
        for i, (section, text, answer) in enumerate(picks):
            answered_now = status is Status.ACCEPTED or (
                status is not Status.SUBMITTED and i % 2 == 0)
            asked = asked_on + dt.timedelta(hours=3 * i)
            out.append(Question(
                handover_id=hid, section=section, text=text.format_map(fill),
                asked_by_id=incoming.id, asked_at=asked,
                answer=answer.format_map(fill) if answered_now else "",
                answered_by_id=outgoing.id if answered_now else None,
                answered_at=asked + dt.timedelta(days=1, hours=2) if answered_now else None,
                resolved=answered_now and status is Status.ACCEPTED,
                id=maker.take("questions")))
    return out


def handover_section(maker: MakerState, acct: AccountPlan, key: str, fill: Fill, events,
                     concessions: list[Concession],
                     promises: list[Commitment]) -> dict[str, str]:
    """The outgoing manager's answers to one section of the default template, field by
    field, written from the account's data."""
    money = acct.currency
    profile = acct.profile
    if key == "glance":
        return {
            "summary": (f"**{acct.health.label}**: {acct.reason or 'no concerns'}\n\n"
                        f"- Revenue now: {as_money(acct.revenue, money)} a year; potential: "
                        f"{as_money(acct.potential, money)}\n- Segment: "
                        f"{acct.segment.label}, {acct.industry.lower()}\n- Region: "
                        f"{acct.region} ({acct.cities[0]})\n\n"
                        + GLANCE_FIRST[profile].format_map(fill)),
            "renewal_outlook": RENEWAL_OUTLOOK[profile].format_map(fill),
        }
    if key == "story":
        return {"how_we_got_here": STORY[profile].format_map(fill),
                "what_went_wrong": WENT_WRONG[profile].format_map(fill),
                "what_went_right": WENT_RIGHT[profile].format_map(fill)}
    if key == "people":
        meet = []
        for c in sorted(acct.contacts, key=lambda c: -c.influence)[:3]:
            attitude = "attitude unknown" if c.attitude is None else \
                ("hostile", "sceptical", "neutral", "supportive", "an advocate")[c.attitude + 2]
            meet.append(f"- {c.name} ({c.title}): {attitude}, influence {c.influence}/5")
        if acct.hostile:
            trust = (f"**{acct.hostile.name}** ({acct.hostile.title}). Uses every incident "
                     "to push the price down and quotes what we said in meetings out of "
                     "context. Never meet them alone; confirm everything in writing.")
        else:
            trust = "Nobody in particular; the usual care with procurement."
        return {"how_decisions_are_made": DECISIONS[profile].format_map(fill),
                "meet_first": "\n".join(meet), "not_to_trust": trust}
    if key == "history":
        lines = [f"- {long_date(day)}, {kind.label.lower()}: {line}"
                 for day, kind, line in events[-5:]]
        if len(lines) < 3:
            lines.append(f"- {acct.since.year}: first contract, won on service")
            lines.append(f"- {long_date(acct.last_day)}: last contact on record")
        return {"key_events": "\n".join(lines),
                "open_grievances": GRIEVANCES[profile].format_map(fill)}
    if key == "concessions":
        live = sum(c.conceded_value for c in concessions if c.is_live(maker.today))
        nothing = sum(c.nothing_in_return for c in concessions)
        precedents = [c for c in concessions if c.sets_precedent][-3:]
        # A frozenset of tactics iterates in the order of their names' hashes, which Python
        # changes from run to run; counted in the order they are declared, ties between
        # tactics come out the same for one seed in every run.
        order = {tactic: i for i, tactic in enumerate(Tactic)}
        tactics = Counter(t for c in concessions
                          for t in sorted(c.tactics, key=order.__getitem__)).most_common(3)
        asks = [c.likely_next_ask for c in concessions if c.likely_next_ask]
        if precedents:
            cited = "\n".join(
                f"- {c.negotiation}: {c.kind.label.lower()}" + (
                    f", {c.terms_after}" if c.terms_after else
                    f", {c.discount_pct:.1f}%" if c.discount_pct else "")
                for c in precedents)
        else:
            cited = "None: nothing they could point to as a standing deal."
        if tactics:
            how = ("Seen most: " + ", ".join(t.label.lower() for t, _ in tactics) + ". "
                   + TACTICS_ADVICE[profile])
        else:
            how = "They have not pushed for concessions so far."
        return {
            "precedents": cited,
            "buyer_tactics": how,
            "policy_position": (f"{len(concessions)} concessions since {acct.since.year}; "
                                f"those still running are worth {as_money(live, money)} a "
                                f"year. **{nothing} with nothing in return**."),
            "next_negotiation": (f"Expect them to ask for {asks[-1].rstrip('.').lower()}. "
                                 if asks else "") + NEXT_NEGOTIATION[profile],
        }
    if key == "promises":
        open_ours = [p for p in promises
                     if p.direction is Direction.OURS and p.status is CommitmentStatus.OPEN]
        parts = []
        for direction, heading in ((Direction.OURS, "Ours"), (Direction.THEIRS, "Theirs")):
            lines = [f"- {p.description}" + (
                f", due {long_date(p.due_date)}" if p.due_date else ", no date agreed")
                + (" (**overdue**)" if p.is_overdue(maker.today) else "")
                for p in promises
                if p.direction is direction and p.status is CommitmentStatus.OPEN][:6]
            parts.append(f"**{heading}:**\n\n" + ("\n".join(lines) or "- nothing open"))
        if open_ours:
            first = min(open_ours, key=lambda p: p.due_date or dt.date.max)
            stake = (f"**{first.description}**: it is what they will judge us on first. "
                     "Deliver it, or call before the date and agree a new one.")
        else:
            stake = "None: nothing we owe them is open."
        return {"most_at_stake": stake, "notes": "\n\n".join(parts)}
    if key == "risks":
        return {"risks": RISK_LIST[profile].format_map(fill),
                "contingencies": RISKS[profile].format_map(fill),
                "early_warnings": WARNING_SIGNS[profile].format_map(fill)}
    day = maker.today
    week, month, later = (day + dt.timedelta(days=d) for d in (7, 30, 75))
    return {
        "actions": (f"- Meet {{champion}} \u2014 incoming manager \u2014 {week.isoformat()}\n"
                    f"- Visit {{city}} with our service manager \u2014 incoming manager "
                    f"\u2014 {month.isoformat()}\n"
                    f"- Renewal strategy agreed \u2014 team lead \u2014 {later.isoformat()}"
                    ).format_map(fill),
        "joint_meeting": "The next review with {champion}: I introduce my successor."
                         .format_map(fill),
    }
