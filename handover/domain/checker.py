"""The checker: a handover's findings, each with a severity, a message a person can act on and
the place to fix it, and its completeness score, from the template's checks and the rules on
the records it covers.

The score is the weighted share of checks passed, 0 to 100, and 100 only when every check
passes. Each of the template's checks counts with its declared weight. Each record rule
counts with the weight below, shared equally among the records it applies to, so an account
with fifty concessions does not drown the rest; a rule with no record to apply to (no
concessions, no questions) is left out of the score:

    concession.returned     3   every concession says what was received in return
    commitment.due_date     2   every open promise, ours or theirs, has a due date
    contact.attitude        2   every stakeholder of influence 4 or 5 has a known attitude
    contact.recent          1   ... and was last contacted within 90 days
    account.health_reason   2   the account's health has a reason
    handover.read_back      3   the incoming manager has written the read-back
    question.answered       2   every question asked on the handover is answered

A failed check of severity "error" blocks nothing by itself: submit is allowed with
warnings and errors alike; `required_failed` (any error) is what `handover check` turns into
exit status 1. The incoming manager's part (the read-back and the checks on its field) is due
from review on; before that its findings are "info" and do not set `required_failed`, though
it still counts in the score.

Besides, the checker says what went wrong on the account itself, which the handover cannot
undo but must pass on. These findings do not count in the score, except the authority rule:

    commitment.broken       warning  a promise, ours or theirs, was broken
    commitment.overdue      warning  an open promise is past its due date (it may yet be
                                     kept, late)
    concession.policy       warning  a price concession above the maximum of the segment's
                                     discount policy in force on its date (policy.judge)
    concession.authority    error    above the granter's approval limit of its day
                            (2)      (policy.limit_on, above_limit) and not approved
                                     (policy.is_approved), unless the handover explains it;
                                     explained, a warning that passes the check
    account.neglected       warning  potential at least NEGLECT_HEADROOM (3) times the
                                     revenue and no contact for NEGLECT_SILENCE_DAYS (90)
                                     days or more (domain/neglect.py)

A breach of authority is *explained* when some field of the template's concessions section
names the concession by its date, as "12 Mar 2025" (how the checker writes it) or
"2025-03-12": the writer has said which concession it is and, in the words around it, why.
The account's last contact is the latest of its interactions and its stakeholders' own
last-contact dates."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum

from handover.domain.handover import Handover, Party, Status
from handover.domain.neglect import NEGLECT_HEADROOM, NEGLECT_SILENCE_DAYS, neglected
from handover.domain.policy import above_limit, is_approved, judge, limit_on
from handover.domain.records import (
    Account,
    ApprovalLimit,
    Commitment,
    CommitmentStatus,
    Concession,
    Contact,
    Direction,
    DiscountPolicy,
    Interaction,
    Person,
    Question,
)
from handover.domain.template import (
    Check,
    Section,
    Template,
    answer,
    list_items,
    word_count,
)

HIGH_INFLUENCE = 4  # influence from which a stakeholder must be known and kept warm
CONTACT_WITHIN_DAYS = 90

RULE_WEIGHTS = {
    "concession.returned": 3.0,
    "commitment.due_date": 2.0,
    "contact.attitude": 2.0,
    "contact.recent": 1.0,
    "account.health_reason": 2.0,
    "handover.read_back": 3.0,
    "question.answered": 2.0,
    "concession.authority": 2.0,
}

# The statuses in which the incoming manager's part is due.
INCOMING_DUE = frozenset({Status.IN_REVIEW, Status.ACCEPTED})

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_RECORD_NOUNS = {"contacts": "stakeholders", "interactions": "events in the relationship "
                 "history", "concessions": "concessions", "commitments": "promises"}


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class HandoverRecords:
    """Everything of the account one handover covers, as the store gathers it
    (store/briefdata.py): the account, its stakeholders, history, concessions and promises
    (the *theirs* ones with a `concession_id` are what was received in return), the
    people the handover and the concessions name, and the workspace's discount policies
    and approval limits (every dated rule; the checker picks the one of each day)."""

    account: Account
    contacts: tuple[Contact, ...] = ()
    interactions: tuple[Interaction, ...] = ()
    concessions: tuple[Concession, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    people: tuple[Person, ...] = ()
    policies: tuple[DiscountPolicy, ...] = ()
    limits: tuple[ApprovalLimit, ...] = ()

    def count(self, records: str) -> int:
        """How many of a kind of record ("contacts", ...) the account has."""
        return len(getattr(self, records))

    def returns_for(self, concession_id: int | None) -> tuple[Commitment, ...]:
        """The promises of theirs received in return for one concession."""
        return tuple(c for c in self.commitments
                     if c.concession_id == concession_id and c.direction is Direction.THEIRS)

    def person(self, person_id: int | None) -> Person | None:
        return next((p for p in self.people if p.id == person_id), None)

    def last_contacts(self) -> dict[int | None, dt.date]:
        """For each contact, the latest of their own last-contact date and the
        interactions that involve them; contacts never met are absent."""
        latest: dict[int | None, dt.date] = {}
        for interaction in self.interactions:
            for contact_id in interaction.contact_ids:
                if contact_id not in latest or latest[contact_id] < interaction.date:
                    latest[contact_id] = interaction.date
        for contact in self.contacts:
            mine = contact.last_contact
            if mine and (contact.id not in latest or latest[contact.id] < mine):
                latest[contact.id] = mine
        return latest

    def last_contact(self) -> dt.date | None:
        """The latest day anyone of the account was in touch: its interactions and its
        stakeholders' own last-contact dates; None when nobody ever was."""
        days = [i.date for i in self.interactions]
        days += [c.last_contact for c in self.contacts if c.last_contact]
        return max(days, default=None)


@dataclass(frozen=True)
class RecordRef:
    """A record to open to fix a finding: its table ("concessions", ...) and id."""

    kind: str
    id: int | None


@dataclass(frozen=True)
class Finding:
    """One thing to fix (or, as "info", to know), and where.

    `section_key` is the template section to open (None when no section of the template
    shows it); `field_key` the field within it, or `record` the record to open. `party` is
    who acts on it."""

    severity: Severity
    message: str
    section_key: str | None
    field_key: str | None = None
    record: RecordRef | None = None
    check_id: str = ""
    party: Party = Party.OUTGOING

    def as_dict(self) -> dict[str, object]:
        return {
            "severity": self.severity.value, "message": self.message,
            "section": self.section_key, "field": self.field_key,
            "record": None if self.record is None else
            {"kind": self.record.kind, "id": self.record.id},
            "check": self.check_id, "party": self.party.value,
        }


@dataclass(frozen=True)
class CheckResult:
    findings: tuple[Finding, ...]
    score: int  # 0..100, the weighted share of checks passed
    passed: int  # checks passed, counting each record a rule applies to as one check
    total: int
    required_failed: bool  # some finding is an error
    section_keys: tuple[str, ...] = field(default=(), repr=False)

    def findings_for(self, section_key: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.section_key == section_key)

    def section_done(self, section_key: str) -> bool:
        """True when nothing in the section waits for the writer (only info is left)."""
        return all(f.severity is Severity.INFO for f in self.findings_for(section_key))

    def counts(self) -> dict[str, int]:
        return {s.value: sum(f.severity is s for f in self.findings) for s in Severity}

    def as_dict(self) -> dict[str, object]:
        return {"score": self.score, "passed": self.passed, "total": self.total,
                "required_failed": self.required_failed,
                "findings": [f.as_dict() for f in self.findings]}


# ---------------------------------------------------------------- words


def day(date: dt.date) -> str:
    """12 Mar 2025, whatever the machine's locale."""
    return f"{date.day} {_MONTHS[date.month - 1]} {date.year}"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "\u2026"


def _percent(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") + "%"


def concession_label(concession: Concession, currency: str = "") -> str:
    """"Concession of 12 Mar 2025 (price discount, 15%)"."""
    what = concession.kind.label.lower()
    if concession.discount_pct is not None and concession.conceded_value:
        what += f", {_percent(concession.discount_pct)}"
    elif concession.terms_before or concession.terms_after:
        what += f", {concession.terms_before or '?'} \u2192 {concession.terms_after or '?'}"
    elif concession.conceded_value:
        what += f", {concession.conceded_value:,.2f} {currency}".rstrip()
    return f"Concession of {day(concession.date)} ({what})"


def commitment_label(commitment: Commitment) -> str:
    """"Our promise “Send the revised SLA” (made 3 Feb 2026)"."""
    whose = "Our promise" if commitment.direction is Direction.OURS else "Their promise"
    made = f" (made {day(commitment.date)})" if commitment.date else ""
    return f"{whose} \u201c{_short(commitment.description)}\u201d{made}"


def contact_label(contact: Contact) -> str:
    """"Dr. Weber (CFO, influence 5)"."""
    title = f"{contact.title}, " if contact.title else ""
    return f"{contact.name} ({title}influence {contact.influence})"


# ---------------------------------------------------------------- the check


class _Tally:
    def __init__(self, template: Template):
        self.order = {s.key: i for i, s in enumerate(template.sections)}
        self.findings: list[Finding] = []
        self.passed_weight = 0.0
        self.total_weight = 0.0
        self.passed = 0
        self.total = 0

    def count(self, ok: bool, weight: float) -> None:
        self.total += 1
        self.total_weight += weight
        if ok:
            self.passed += 1
            self.passed_weight += weight

    def rule(self, rule_id: str, outcomes: list[tuple[bool, Finding | None]]) -> None:
        """A record rule's outcomes, one per record, sharing the rule's weight."""
        for ok, finding in outcomes:
            self.count(ok, RULE_WEIGHTS[rule_id] / len(outcomes))
            if not ok and finding is not None:
                self.findings.append(finding)

    def result(self) -> CheckResult:
        last = len(self.order)
        findings = sorted(self.findings, key=lambda f: (
            self.order.get(f.section_key, last), _RANK[f.severity]))
        if self.passed_weight >= self.total_weight:
            score = 100
        else:  # 100 only when every check passed, however the weights round
            score = min(99, int(100 * self.passed_weight / self.total_weight))
        return CheckResult(
            findings=tuple(findings), score=score, passed=self.passed, total=self.total,
            required_failed=any(f.severity is Severity.ERROR for f in findings),
            section_keys=tuple(self.order))


def check_handover(template: Template, handover: Handover, records: HandoverRecords,
                   questions: list[Question] | tuple[Question, ...] = (),
                   today: dt.date | None = None) -> CheckResult:
    """The findings and completeness score of one handover, as of `today`."""
    today = today or dt.date.today()
    tally = _Tally(template)
    incoming_due = handover.status in INCOMING_DUE
    for section in template.sections:
        for check in section.checks:
            _template_check(tally, section, check, handover, records, incoming_due)
    _concessions(tally, template, records)
    _authority(tally, template, handover, records)
    _commitments(tally, template, records)
    _kept(tally, template, records, today)
    _contacts(tally, template, records, today)
    _health(tally, template, records)
    _neglect(tally, template, records, today)
    _read_back(tally, template, handover, incoming_due)
    _questions(tally, template, questions)
    return tally.result()


def _template_check(tally: _Tally, section: Section, check: Check, handover: Handover,
                    records: HandoverRecords, incoming_due: bool) -> None:
    f = section.field(check.field) if check.field else None
    text = answer(handover, section.key, f) if f else ""
    detail = ""
    show = True
    if check.records:
        have = records.count(check.records)
        ok = have >= check.minimum
        default = (f"Add at least {check.minimum} {_RECORD_NOUNS[check.records]} to the "
                   "account")
        detail = f"{have} so far"
    elif check.kind == "required":
        ok = bool(text.strip())
        default = f"Fill in \u201c{f.label}\u201d"
    elif check.kind == "min_words":
        have = word_count(text)
        ok = have >= check.minimum
        default = f"Write at least {check.minimum} words in \u201c{f.label}\u201d"
        detail = f"{have} of {check.minimum} words"
    elif check.kind == "min_items":
        have = len(list_items(text))
        ok = have >= check.minimum
        default = f"List at least {check.minimum} in \u201c{f.label}\u201d"
        detail = f"{have} of {check.minimum}"
    else:  # items_match; an empty list passes: min_items is the check that says it is empty
        items = list_items(text)
        pattern = re.compile(check.pattern)
        bad = [item for item in items if not pattern.search(item)]
        ok = not bad
        default = f"Some lines of \u201c{f.label}\u201d are not in the form asked for"
        if bad:
            detail = (f"{len(bad)} of {len(items)} not: \u201c{_short(bad[0], 50)}\u201d"
                      if len(items) > 1 else f"not: \u201c{_short(bad[0], 50)}\u201d")
    if f is not None and not text.strip() and check.kind != "required" and f.required:
        # The empty field's own "fill in" finding says it all; this check still counts.
        show = False
    tally.count(ok, check.weight)
    if ok or not show:
        return
    message = (check.message or default + ".").strip()
    if detail:
        message = f"{message.removesuffix('.')} ({detail})."
    severity = Severity(check.severity)
    party = Party.OUTGOING
    if f is not None and f.read_back:
        party = Party.INCOMING
        if not incoming_due:
            severity = Severity.INFO
    tally.findings.append(Finding(severity, message, section.key, check.field,
                                  None, check.id, party))


def _section_key(template: Template, records: str) -> str | None:
    section = template.section_for_records(records)
    return section.key if section else None


def _concessions(tally: _Tally, template: Template, records: HandoverRecords) -> None:
    where = _section_key(template, "concessions")
    outcomes = []
    for c in sorted(records.concessions, key=lambda c: (c.date, c.id or 0)):
        ok = c.nothing_in_return or bool(records.returns_for(c.id))
        label = concession_label(c, records.account.currency)
        outcomes.append((ok, Finding(
            Severity.ERROR, f"{label}: say what was received in return (a promise of "
                            "theirs), or mark it 'nothing'.",
            where, None, RecordRef("concessions", c.id), "concession.returned")))
    if outcomes:
        tally.rule("concession.returned", outcomes)


def _explained(template: Template, handover: Handover, concession: Concession) -> bool:
    """Whether a field of the concessions section names the concession by its date."""
    section = template.section_for_records("concessions")
    if section is None:
        return False
    names = (day(concession.date).lower(), concession.date.isoformat())
    for f in section.fields:
        text = " ".join(answer(handover, section.key, f).lower().split())
        if any(name in text for name in names):
            return True
    return False


def _authority(tally: _Tally, template: Template, handover: Handover,
               records: HandoverRecords) -> None:
    """Price concessions above the policy maximum of their day, and those above the
    granter's approval limit with no approval."""
    where = _section_key(template, "concessions")
    account = records.account
    outcomes = []
    for c in sorted(records.concessions, key=lambda c: (c.date, c.id or 0)):
        verdict = judge(c.kind, c.baseline_value, c.conceded_value, c.date, account.segment,
                        records.policies)
        if verdict is None:
            continue
        label = concession_label(c, account.currency)
        ref = RecordRef("concessions", c.id)
        pct = _percent(verdict.discount_pct)
        if verdict.above:
            tally.findings.append(Finding(
                Severity.WARNING,
                f"{label}: {pct} is above the {account.segment.label.lower()} policy's "
                f"maximum of {_percent(verdict.policy.max_pct)} on that day; say why in "
                "the concessions section.",
                where, None, ref, "concession.policy"))
        granter = records.person(c.granted_by_id)
        limit = limit_on(records.limits, granter.role, c.date) if granter else None
        if limit is None or not above_limit(verdict.discount_pct, limit) \
                or is_approved(c.granted_by_id, c.approved_by_id):
            continue
        explained = _explained(template, handover, c)
        message = (f"{label}: {pct} is above {granter.name}'s approval limit of "
                   f"{_percent(limit.limit_pct)} ({granter.role.label.lower()}) and nobody "
                   "approved it; ")
        if explained:
            message += "the handover explains it, so pass it on to your successor."
            tally.findings.append(Finding(Severity.WARNING, message, where, None, ref,
                                          "concession.authority"))
        else:
            message += ("record who approved it, or say in the concessions section why it "
                        f"stands (name it by its date, {day(c.date)}).")
        outcomes.append((explained, Finding(Severity.ERROR, message, where, None, ref,
                                            "concession.authority")))
    if outcomes:
        tally.rule("concession.authority", outcomes)


def _kept(tally: _Tally, template: Template, records: HandoverRecords,
          today: dt.date) -> None:
    """Broken promises, and open ones past their due date."""
    where = _section_key(template, "commitments")
    for c in records.commitments:
        ref = RecordRef("commitments", c.id)
        if c.status is CommitmentStatus.BROKEN:
            if c.direction is Direction.OURS:
                then = "say how it is being repaired"
            elif c.concession_id is not None:
                then = "it was what we got for a concession: say what happens now"
            else:
                then = "say what we do about it"
            tally.findings.append(Finding(
                Severity.WARNING, f"{commitment_label(c)} was broken; {then}.",
                where, None, ref, "commitment.broken"))
        elif (c.status is CommitmentStatus.OPEN and c.due_date is not None
              and c.due_date < today):
            late = (today - c.due_date).days
            tally.findings.append(Finding(
                Severity.WARNING, f"{commitment_label(c)} was due {day(c.due_date)}, "
                                  f"{late} days ago, and is still open; keep it, or agree "
                                  "a new date.",
                where, None, ref, "commitment.overdue"))


def _neglect(tally: _Tally, template: Template, records: HandoverRecords,
             today: dt.date) -> None:
    account = records.account
    last = records.last_contact()
    if not neglected(account.current_revenue, account.potential_revenue, last, today):
        return
    if account.current_revenue > 0:
        size = (f"potential {account.potential_revenue / account.current_revenue:.1f}\u00d7 "
                "its revenue")
    else:
        size = "potential and no revenue yet"
    silence = ("no contact on record" if last is None else
               f"no contact since {day(last)}, {(today - last).days} days ago")
    tally.findings.append(Finding(
        Severity.WARNING,
        f"The account has {size} (from {NEGLECT_HEADROOM:g}\u00d7) and {silence} (from "
        f"{NEGLECT_SILENCE_DAYS} days): plan who meets them first.",
        _section_key(template, "account"), None, RecordRef("accounts", account.id),
        "account.neglected"))


def _commitments(tally: _Tally, template: Template, records: HandoverRecords) -> None:
    where = _section_key(template, "commitments")
    outcomes = []
    for c in records.commitments:
        if c.status is not CommitmentStatus.OPEN:
            continue
        outcomes.append((c.due_date is not None, Finding(
            Severity.ERROR, f"{commitment_label(c)}: give it a due date.",
            where, None, RecordRef("commitments", c.id), "commitment.due_date")))
    if outcomes:
        tally.rule("commitment.due_date", outcomes)


def _contacts(tally: _Tally, template: Template, records: HandoverRecords,
              today: dt.date) -> None:
    where = _section_key(template, "contacts")
    attitude, recent = [], []
    last_contacts = records.last_contacts()
    for c in records.contacts:
        if c.influence < HIGH_INFLUENCE:
            continue
        ref = RecordRef("contacts", c.id)
        label = contact_label(c)
        attitude.append((c.attitude is not None, Finding(
            Severity.ERROR, f"{label}: say where they stand towards us (attitude, from "
                            "hostile to advocate).",
            where, None, ref, "contact.attitude")))
        last = last_contacts.get(c.id)
        if last is None:
            message = (f"{label}: no contact on record; meet or call them before the "
                       "handover, or record when you last spoke.")
        else:
            days = (today - last).days
            message = (f"{label}: last contact {day(last)}, {days} days ago; meet or call "
                       "them before the handover.")
        ok = last is not None and (today - last).days <= CONTACT_WITHIN_DAYS
        recent.append((ok, Finding(Severity.WARNING, message, where, None, ref,
                                   "contact.recent")))
    if attitude:
        tally.rule("contact.attitude", attitude)
        tally.rule("contact.recent", recent)


def _health(tally: _Tally, template: Template, records: HandoverRecords) -> None:
    account = records.account
    tally.rule("account.health_reason", [(bool(account.health_reason.strip()), Finding(
        Severity.ERROR, f"Say why the account's health is '{account.health.label}' (its "
                        "health reason).",
        _section_key(template, "account"), "health_reason",
        RecordRef("accounts", account.id), "account.health_reason"))])


def _read_back(tally: _Tally, template: Template, handover: Handover,
               incoming_due: bool) -> None:
    place = template.read_back_field()
    if incoming_due:
        severity = Severity.ERROR
        message = ("Write the read-back: the account in your own words, as you now "
                   "understand it.")
    else:
        severity = Severity.INFO
        message = "The incoming manager writes the read-back during the review."
    tally.rule("handover.read_back", [(bool(handover.read_back.strip()), Finding(
        severity, message, place[0].key if place else None, place[1].key if place else None,
        RecordRef("handovers", handover.id), "handover.read_back", Party.INCOMING))])


def _questions(tally: _Tally, template: Template, questions) -> None:
    outcomes = []
    for q in questions:
        section = template.section(q.section)
        on = f" on \u201c{section.title}\u201d" if section else ""
        asked = f" (asked {day(q.asked_at.date())})" if q.asked_at else ""
        outcomes.append((q.answered, Finding(
            Severity.ERROR, f"Answer the question{on}{asked}: \u201c{_short(q.text, 80)}\u201d",
            q.section, None, RecordRef("questions", q.id), "question.answered")))
    if outcomes:
        tally.rule("question.answered", outcomes)

