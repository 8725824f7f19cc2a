"""What a brief is made of: one handover, every record it covers, its check and its sign-off,
as plain data, and the figures and words that the HTML, PDF and Markdown briefs share."""

from __future__ import annotations

import datetime as dt
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from handover.domain.analytics import (
    Answer,
    CurrencyGiveAndGet,
    PromiseTally,
    ReturnTally,
    give_and_get,
)
from handover.domain.checker import CheckResult, HandoverRecords, Severity, check_handover, day
from handover.domain.handover import Handover
from handover.domain.records import (
    PRICE_KINDS,
    AskedBy,
    Commitment,
    CommitmentStatus,
    Concession,
    Direction,
    DiscountPolicy,
    Interaction,
    InteractionKind,
    Question,
    Recurrence,
    Tactic,
    in_force,
)
from handover.domain.signoff import SignoffState, signoff_state
from handover.domain.template import Field, Section, Template, answer
from handover.domain.words import (
    money,
)

# The events of the history a successor must know: the turning points and the strong feelings.
KEY_KINDS = frozenset({InteractionKind.ESCALATION, InteractionKind.COMPLAINT,
                       InteractionKind.WIN, InteractionKind.LOSS})
KEY_EVENTS_SHOWN = 40  # the newest key events in the brief; the rest are counted
LARGEST_SHOWN = 10  # concessions in force, in the section (all are in the appendix)
NEXT_ASKS_SHOWN = 8
FINDING_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class BriefData:
    """One handover as the brief shows it, gathered by the caller from the workspace.

    Build it with `BriefData.build(...)`, which runs the checker; `today` dates the brief
    (the footer's date, "overdue", "in 40 days")."""

    handover: Handover
    records: HandoverRecords
    questions: tuple[Question, ...]
    check: CheckResult
    template: Template
    signoff: SignoffState
    today: dt.date
    policies: tuple[DiscountPolicy, ...] = ()
    version: str = field(default="", compare=False)  # of the program that made the brief

    @classmethod
    def build(cls, template: Template, handover: Handover, records: HandoverRecords,
              questions=(), *, today: dt.date, signoff: SignoffState | None = None,
              policies=(), version: str = "") -> BriefData:
        """The brief's data with the checker run as of `today`. Without `signoff`, the
        sign-off state is worked out here (without the copy kept at sign-off, so it can say
        that something changed but not what)."""
        questions = tuple(questions)
        check = check_handover(template, handover, records, questions, today)
        if signoff is None:
            signoff = signoff_state(handover, records, questions, None, template)
        return cls(handover=handover, records=records, questions=questions, check=check,
                   template=template, signoff=signoff, today=today,
                   policies=tuple(policies), version=version)

    # ------------------------------------------------------------ plain facts

    @property
    def account(self):
        return self.records.account

    @property
    def title(self) -> str:
        """The document's title, also the PDF's metadata title."""
        return f"Handover brief: {self.account.name}"

    @property
    def file_stem(self) -> str:
        """"0001-northwind-logistics": the handover's id and the account's name."""
        return f"{self.handover.id or 0:04d}-{slug(self.account.name)}"

    def name(self, person_id: int | None, default: str = "") -> str:
        person = self.records.person(person_id)
        return person.name if person else default

    def money(self, amount: float | None, *, compact: bool = False) -> str:
        return money(amount, self.account.currency, compact=compact)

    @property
    def status_label(self) -> str:
        return self.handover.status.label

    @property
    def signed_by(self) -> str:
        return self.name(self.handover.signed_off_by_id)

    @property
    def signed_at(self) -> str:
        at = self.handover.signed_off_at
        return f"{day(at.date())}, {at:%H:%M}" if at else ""

    @property
    def footer_hash(self) -> str:
        """What the footer says of the sign-off."""
        if not self.handover.signoff_hash:
            return "Not signed off"
        changed = " (changed)" if self.signoff.changed else ""
        return f"SHA-256 {self.handover.signoff_hash}{changed}"

    # ------------------------------------------------------------ the template's answers

    def sections(self) -> list[tuple[int, Section]]:
        return list(enumerate(self.template.sections, start=1))

    def answered(self, section: Section) -> list[tuple[str, str, Field | None]]:
        """(label, text, field) for each field written in `section`, in the template's
        order, then what the handover holds under keys the template no longer has (an
        older template's fields), so nothing written is lost from the brief."""
        out = []
        for f in section.fields:
            text = answer(self.handover, section.key, f)
            if text.strip():
                out.append((f.label, text, f))
        known = {f.key for f in section.fields}
        for key, text in self.handover.answers.get(section.key, {}).items():
            if key not in known and str(text).strip():
                label = "Notes" if key in ("text", "notes") else key.replace("_", " ").capitalize()
                out.append((label, str(text), None))
        return out

    def unanswered(self, section: Section) -> list[Field]:
        return [f for f in section.fields
                if not answer(self.handover, section.key, f).strip()]

    def questions_on(self, section: Section) -> list[Question]:
        """The questions asked on `section`; the last section also takes those asked on a
        section the template does not have."""
        keys = {s.key for s in self.template.sections}
        last = self.template.sections[-1].key if self.template.sections else None
        return [q for q in self.questions
                if q.section == section.key or (section.key == last and q.section not in keys)]

    def open_findings(self):
        """The findings still open, worst first, in section order within each severity."""
        order = {s.key: i for i, s in enumerate(self.template.sections)}
        return sorted(self.check.findings, key=lambda f: (
            FINDING_ORDER[f.severity], order.get(f.section_key, len(order))))

    def section_title(self, section_key: str | None) -> str:
        for number, section in self.sections():
            if section.key == section_key:
                return f"{number}. {section.title}"
        return "General"

    # ------------------------------------------------------------ people

    @cached_property
    def last_contacts(self) -> dict[int | None, dt.date]:
        return self.records.last_contacts()

    def contacts_by_weight(self):
        """Stakeholders, the most influential first, then by name."""
        return sorted(self.records.contacts, key=lambda c: (-c.influence, c.name.lower()))

    def contact_names(self, ids) -> str:
        names = {c.id: c.name for c in self.records.contacts}
        return ", ".join(names[i] for i in ids if i in names)

    # ------------------------------------------------------------ history

    @cached_property
    def key_events(self) -> tuple[tuple[Interaction, ...], int]:
        """The newest key events (escalations, complaints, wins, losses and any event felt
        strongly either way), newest first, and how many key events there are in all."""
        key = [i for i in self.records.interactions
               if i.kind in KEY_KINDS or abs(i.sentiment) == 2]
        key.sort(key=lambda i: (i.date, i.id or 0), reverse=True)
        return tuple(key[:KEY_EVENTS_SHOWN]), len(key)

    def history_counts(self) -> list[tuple[str, int, float]]:
        """(kind, how many, mean sentiment) for each kind of event on record."""
        by_kind: dict[InteractionKind, list[int]] = {}
        for i in self.records.interactions:
            by_kind.setdefault(i.kind, []).append(i.sentiment)
        return [(kind.label, len(v), sum(v) / len(v))
                for kind, v in sorted(by_kind.items(), key=lambda kv: -len(kv[1]))]

    def history_span(self) -> tuple[dt.date, dt.date] | None:
        dates = [i.date for i in self.records.interactions]
        return (min(dates), max(dates)) if dates else None

    # ------------------------------------------------------------ concessions

    def policy_on(self, date: dt.date) -> DiscountPolicy | None:
        return in_force(self.policies, date, segment=self.account.segment)

    @cached_property
    def returns(self) -> dict[int | None, tuple[Commitment, ...]]:
        found: dict[int | None, list[Commitment]] = {}
        for c in self.records.commitments:
            if c.direction is Direction.THEIRS and c.concession_id is not None:
                found.setdefault(c.concession_id, []).append(c)
        return {k: tuple(v) for k, v in found.items()}

    def in_return(self, concession: Concession) -> tuple[str, tuple[Commitment, ...]]:
        """("got", promises) when something was promised in return, ("nothing", ()) for
        the explicit answer "nothing", ("unsaid", ()) when the record does not say."""
        got = self.returns.get(concession.id, ())
        if got:
            return "got", got
        if concession.nothing_in_return:
            return "nothing", ()
        return "unsaid", ()

    def give_and_get(self) -> CurrencyGiveAndGet | None:
        """The account's give and get worked out by the portfolio analytics themselves, so
        that the brief and the Analytics page never disagree: received is only what was
        kept, open promises stand apart, broken ones count as nothing. None without
        concessions."""
        answers = {"got": Answer.RECEIVED, "nothing": Answer.NOTHING,
                   "unsaid": Answer.UNANSWERED}
        currency = self.account.currency
        returns: dict[Answer, list] = {}
        for c in self.records.concessions:
            row = returns.setdefault(answers[self.in_return(c)[0]], [0, 0.0])
            row[0] += 1
            row[1] += c.conceded_value
        promises: dict[CommitmentStatus, list] = {}
        for got in self.returns.values():
            for p in got:
                row = promises.setdefault(p.status, [0, 0.0])
                row[0] += 1
                row[1] += p.value or 0.0
        found = give_and_get(
            [ReturnTally(currency, a, n, v) for a, (n, v) in returns.items()],
            [PromiseTally(currency, s, n, v) for s, (n, v) in promises.items()]).by_currency
        return found[0] if found else None

    def reciprocity_words(self) -> str:
        """"Reciprocity 0.13: 4,000 kept in return for 30,000 given; 6,000 promised and
        still open." in the account's money; "" without anything given."""
        g = self.concession_summary.reciprocity
        if g is None or g.reciprocity is None:
            return ""
        text = (f"Reciprocity {g.reciprocity:.2f}: {self.money(g.received)} kept in return "
                f"for {self.money(g.given)} given")
        if g.promised_open:
            text += f"; {self.money(g.promised_open)} promised and still open"
        return text + " (a broken promise counts as nothing)."

    def concession_terms(self, c: Concession) -> str:
        """"18.5% off list price", "net 30 → net 60" or the value conceded."""
        pct = c.discount_pct
        if pct is not None and c.conceded_value:
            return f"{percent(pct)} off {c.baseline.label.lower()}"
        if c.terms_before or c.terms_after:
            return f"{c.terms_before or '?'} \u2192 {c.terms_after or '?'}"
        return ""

    def concession_flags(self, c: Concession) -> list[str]:
        flags = []
        if c.recurrence is not Recurrence.ONE_OFF:
            flags.append(c.recurrence.label)
        if c.sets_precedent:
            flags.append("Sets a precedent")
        if c.known_to_others:
            flags.append("Known to other customers")
        if c.asked_by is AskedBy.US_UNPROMPTED:
            flags.append("Offered unprompted")
        if c.expiry:
            flags.append(("Expired " if c.expiry < self.today else "Expires ") + day(c.expiry))
        policy = self.policy_on(c.date)
        if policy and c.discount_pct is not None and c.discount_pct > policy.max_pct:
            flags.append(f"Above the {percent(policy.max_pct)} maximum")
        return flags

    @cached_property
    def concession_summary(self) -> ConcessionSummary:
        return ConcessionSummary.of(self)

    def tactics_seen(self) -> list[tuple[Tactic, int, float, int]]:
        """(tactic, concessions it preceded, their value, how many of them for nothing),
        the most frequent first."""
        rows: dict[Tactic, list] = {}
        for c in self.records.concessions:
            for tactic in c.tactics:
                row = rows.setdefault(tactic, [0, 0.0, 0])
                row[0] += 1
                row[1] += c.conceded_value
                row[2] += c.nothing_in_return
        return sorted(((t, n, v, z) for t, (n, v, z) in rows.items()),
                      key=lambda r: (-r[1], r[0].label))

    def live_count(self) -> int:
        return sum(c.is_live(self.today) for c in self.records.concessions)

    def largest_live(self, limit: int = LARGEST_SHOWN) -> list[Concession]:
        """The concessions in force today, the largest first."""
        live = [c for c in self.records.concessions if c.is_live(self.today)]
        live.sort(key=lambda c: (-c.conceded_value, c.date))
        return live[:limit]

    def next_asks(self, limit: int = NEXT_ASKS_SHOWN) -> list[tuple[str, int, dt.date]]:
        """What the customer will probably ask for next, as noted with the concessions:
        (the words, how many concessions noted it, the latest date), the most noted first."""
        asks: dict[str, list] = {}
        for c in self.records.concessions:
            text = " ".join(c.likely_next_ask.split())
            if text:
                row = asks.setdefault(text.casefold(), [text, 0, c.date])
                row[1] += 1
                row[2] = max(row[2], c.date)
        ranked = sorted(asks.values(), key=lambda r: (-r[1], -r[2].toordinal(), r[0]))
        return [(text, n, last) for text, n, last in ranked[:limit]]

    # ------------------------------------------------------------ promises

    def promises(self, direction: Direction) -> list[Commitment]:
        """The open promises one way, the soonest due first (no due date last)."""
        return sorted((c for c in self.records.commitments
                       if c.direction is direction and c.status is CommitmentStatus.OPEN),
                      key=lambda c: (c.due_date is None, c.due_date or dt.date.max, c.id or 0))

    def promise_counts(self, direction: Direction) -> Counter:
        return Counter(c.status for c in self.records.commitments if c.direction is direction)

    def promise_tally(self, direction: Direction) -> str:
        """The promises one way on record, by status: "3 open, 1 kept"; "" for none."""
        counts = self.promise_counts(direction)
        return ", ".join(f"{counts[s]:,} {s.label.lower()}" for s in CommitmentStatus
                         if counts[s])

    def overdue(self, commitments) -> int:
        return sum(c.is_overdue(self.today) for c in commitments)


# The two sides of the promises section, in the brief's order and words.
PROMISE_SIDES = ((Direction.OURS, "What we owe the customer"),
                 (Direction.THEIRS, "What the customer owes us"))


@dataclass(frozen=True)
class ConcessionSummary:
    count: int
    given: float  # conceded value per year, all concessions
    live: float  # ... of those in force today
    nothing: int  # explicitly nothing in return
    nothing_value: float
    unsaid: int  # the record does not say what was got
    precedents: int
    recurring: int
    median_pct: float | None  # of price concessions
    max_pct: float | None
    above_policy: int  # price concessions above the maximum of their day
    policy: DiscountPolicy | None  # in force today for the account's segment
    # what was kept in return, what is still open, and reciprocity, as the analytics say it
    reciprocity: CurrencyGiveAndGet | None

    @classmethod
    def of(cls, data: BriefData) -> ConcessionSummary:
        cs = data.records.concessions
        pcts = [c.discount_pct for c in cs
                if c.kind in PRICE_KINDS and c.discount_pct is not None and c.conceded_value]
        above = 0
        for c in cs:
            policy = data.policy_on(c.date)
            if policy and c.discount_pct is not None and c.discount_pct > policy.max_pct:
                above += 1
        nothing = [c for c in cs if data.in_return(c)[0] == "nothing"]
        return cls(
            count=len(cs), given=sum(c.conceded_value for c in cs),
            live=sum(c.conceded_value for c in cs if c.is_live(data.today)),
            nothing=len(nothing), nothing_value=sum(c.conceded_value for c in nothing),
            unsaid=sum(data.in_return(c)[0] == "unsaid" for c in cs),
            precedents=sum(c.sets_precedent for c in cs),
            recurring=sum(c.recurrence is not Recurrence.ONE_OFF for c in cs),
            median_pct=statistics.median(pcts) if pcts else None,
            max_pct=max(pcts) if pcts else None, above_policy=above,
            policy=data.policy_on(data.today), reciprocity=data.give_and_get())


# ---------------------------------------------------------------- words and numbers


def percent(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.1f}".rstrip("0").rstrip(".") + "%"


def signed(value: int | None) -> str:
    """+2, 0, −1: a scale value as people write it."""
    if value is None:
        return "?"
    return f"+{value}" if value > 0 else ("\u2212" + str(-value) if value < 0 else "0")


def days_until(today: dt.date, date: dt.date) -> str:
    days = (date - today).days
    if days == 0:
        return "today"
    unit = "day" if abs(days) == 1 else "days"
    return f"in {days:,} {unit}" if days > 0 else f"{-days:,} {unit} ago"


def slug(text: str, limit: int = 60) -> str:
    """"Müller & Söhne GmbH" -> "muller-sohne-gmbh": safe in a file name anywhere."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return words[:limit].rstrip("-") or "account"
