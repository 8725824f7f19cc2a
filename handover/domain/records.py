"""The records of a workspace and their validation: people, accounts, contacts, history,
promises, concessions, discount policy, questions and the audit log."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, fields

# The choices live in choices.py; records names them too, so callers keep importing them here.
from handover.domain.choices import (  # noqa: F401
    AskedBy,
    Baseline,
    BuyingRole,
    Choice,
    CommitmentStatus,
    ConcessionKind,
    Direction,
    Health,
    InteractionKind,
    Recurrence,
    Role,
    Segment,
    Tactic,
    Trigger,
)
from handover.domain.errors import ValidationError

# ---------------------------------------------------------------- field checks


# The longest note, summary or answer: about seven printed pages, far beyond what anyone
# writes, and short enough that rendering it as Markdown stays quick (brief/markdown.py).
TEXT_LIMIT = 20_000


def _text(value: object, name: str, *, required: bool = False,
          max_len: int = TEXT_LIMIT) -> str:
    text = "" if value is None else str(value)
    if required and not text.strip():
        raise ValidationError(name, "must not be empty")
    if len(text) > max_len:
        raise ValidationError(name, f"is {len(text)} characters long; at most {max_len}")
    _whole_characters(text, name)
    return text.strip() if max_len <= 500 else text


_SURROGATE = re.compile("[\ud800-\udfff]")


def _whole_characters(text: str, name: str) -> None:
    """Refuse half a character: a lone UTF-16 surrogate (from a broken paste or file) that
    no file, database or terminal can store or show."""
    try:
        text.encode("utf-8")  # quicker than a search; only a surrogate can make it fail
    except UnicodeEncodeError:
        found = _SURROGATE.search(text)
        position = found.start() if found else 0
        raise ValidationError(name, f"has a broken character (U+{ord(text[position]):04X}, "
                                    f"half of a pair) at position {position + 1}; type or "
                                    "paste that part again") from None


def _int_range(value: object, name: str, low: int, high: int, *, optional: bool = False):
    if value is None or value == "":
        if optional:
            return None
        raise ValidationError(name, f"is required ({low} to {high})")
    try:
        number = int(value)
        # Compare through float only where the value is not already whole: a float cannot
        # hold every large int, and int(inf) raises OverflowError.
        if not isinstance(value, int) and number != float(value):
            raise ValueError
    except (TypeError, ValueError, OverflowError):
        raise ValidationError(
            name, f"{value!r} is not a whole number from {low} to {high}") from None
    if not low <= number <= high:
        raise ValidationError(name, f"{number} is outside {low} to {high}")
    return number


def _money(value: object, name: str, *, optional: bool = False) -> float | None:
    if value is None or value == "":
        if optional:
            return None
        raise ValidationError(name, "is required")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValidationError(name, f"{value!r} is not an amount of money") from None
    if not math.isfinite(number):
        raise ValidationError(name, f"{value!r} is not an amount of money")
    if number < 0:
        raise ValidationError(name, f"{number:g} is negative; amounts are zero or more")
    return round(number, 2)


def _percent(value: object, name: str, *, optional: bool = False) -> float | None:
    if value is None or value == "":
        if optional:
            return None
        raise ValidationError(name, "is required")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValidationError(name, f"{value!r} is not a percentage") from None
    if not math.isfinite(number) or not 0 <= number <= 100:
        raise ValidationError(name, f"{number:g}% is outside 0% to 100%")
    return number


def _date(value: object, name: str, *, optional: bool = False) -> dt.date | None:
    if value is None or value == "":
        if optional:
            return None
        raise ValidationError(name, "is required")
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError(name, f"{value!r} is not a date (YYYY-MM-DD)") from None


def _not_before(later: dt.date | None, earlier: dt.date | None, name: str, earlier_name: str):
    if later is not None and earlier is not None and later < earlier:
        raise ValidationError(name, f"{later.isoformat()} is before the {earlier_name} "
                                    f"{earlier.isoformat()}")


def _currency(value: object) -> str:
    code = str(value or "").strip().upper()
    if len(code) != 3 or not (code.isascii() and code.isalpha()):
        raise ValidationError("currency", f"{value!r} is not a three-letter currency code")
    return code


class Record:
    """Shared behaviour of the dataclass records: a table name and a plain-dict view."""

    table: str = ""

    def as_dict(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self)}  # type: ignore[arg-type]


def _set(obj: object, name: str, value: object) -> None:
    object.__setattr__(obj, name, value)


# ---------------------------------------------------------------- the records


@dataclass(frozen=True)
class Person(Record):
    """A team member; the current user stamps every change."""

    name: str
    email: str = ""
    role: Role = Role.ACCOUNT_MANAGER
    id: int | None = None
    table = "people"

    def __post_init__(self):
        _set(self, "name", _text(self.name, "name", required=True, max_len=200))
        email = _text(self.email, "email", max_len=254)
        if email and ("@" not in email or email.startswith("@") or email.endswith("@")):
            raise ValidationError("email", f"{email!r} is not an email address")
        _set(self, "email", email)
        _set(self, "role", Role.parse(self.role, "role"))


@dataclass(frozen=True)
class Account(Record):
    """A customer account: its size now beside its potential, its health and its owner."""

    name: str
    segment: Segment = Segment.MID_SIZE
    industry: str = ""
    region: str = ""
    currency: str = "EUR"
    current_revenue: float = 0.0
    potential_revenue: float = 0.0
    renewal_date: dt.date | None = None
    health: Health = Health.STABLE
    health_reason: str = ""
    owner_id: int | None = None
    archived: bool = False
    id: int | None = None
    table = "accounts"

    def __post_init__(self):
        _set(self, "name", _text(self.name, "name", required=True, max_len=200))
        _set(self, "segment", Segment.parse(self.segment, "segment"))
        _set(self, "industry", _text(self.industry, "industry", max_len=200))
        _set(self, "region", _text(self.region, "region", max_len=200))
        _set(self, "currency", _currency(self.currency))
        _set(self, "current_revenue", _money(self.current_revenue, "current_revenue"))
        _set(self, "potential_revenue", _money(self.potential_revenue, "potential_revenue"))
        _set(self, "renewal_date", _date(self.renewal_date, "renewal_date", optional=True))
        _set(self, "health", Health.parse(self.health, "health"))
        _set(self, "health_reason", _text(self.health_reason, "health_reason"))
        _set(self, "archived", bool(self.archived))


@dataclass(frozen=True)
class Contact(Record):
    """A stakeholder at the customer: their role, attitude to us and influence."""

    account_id: int
    name: str
    title: str = ""
    buying_role: BuyingRole = BuyingRole.USER
    attitude: int | None = None  # -2 hostile .. +2 advocate; None: not known
    influence: int = 3  # 1..5
    relationship_strength: int = 3  # 1..5
    last_contact: dt.date | None = None
    notes: str = ""  # Markdown
    advice: str = ""  # for the next manager
    id: int | None = None
    table = "contacts"

    def __post_init__(self):
        _set(self, "name", _text(self.name, "name", required=True, max_len=200))
        _set(self, "title", _text(self.title, "title", max_len=200))
        _set(self, "buying_role", BuyingRole.parse(self.buying_role, "buying_role"))
        _set(self, "attitude", _int_range(self.attitude, "attitude", -2, 2, optional=True))
        _set(self, "influence", _int_range(self.influence, "influence", 1, 5))
        _set(self, "relationship_strength",
             _int_range(self.relationship_strength, "relationship_strength", 1, 5))
        _set(self, "last_contact", _date(self.last_contact, "last_contact", optional=True))
        _set(self, "notes", _text(self.notes, "notes"))
        _set(self, "advice", _text(self.advice, "advice"))


@dataclass(frozen=True)
class Interaction(Record):
    """One event of the relationship history."""

    account_id: int
    date: dt.date
    kind: InteractionKind = InteractionKind.MEETING
    summary: str = ""  # Markdown
    sentiment: int = 0  # -2..+2
    contact_ids: tuple[int, ...] = ()
    id: int | None = None
    table = "interactions"

    def __post_init__(self):
        _set(self, "date", _date(self.date, "date"))
        _set(self, "kind", InteractionKind.parse(self.kind, "kind"))
        _set(self, "summary", _text(self.summary, "summary"))
        _set(self, "sentiment", _int_range(self.sentiment, "sentiment", -2, 2))
        _set(self, "contact_ids", tuple(int(c) for c in self.contact_ids))


@dataclass(frozen=True)
class Commitment(Record):
    """A promise in flight: ours (we owe the customer) or theirs (the customer owes us).

    A *theirs* commitment with a `concession_id` is what was received in return for that
    concession, so give-and-get can be checked."""

    account_id: int
    direction: Direction
    description: str
    made_by: str = ""
    made_to: str = ""
    date: dt.date | None = None
    due_date: dt.date | None = None
    status: CommitmentStatus = CommitmentStatus.OPEN
    concession_id: int | None = None
    value: float | None = None  # what it is worth per year, where it has a price
    id: int | None = None
    table = "commitments"

    def __post_init__(self):
        _set(self, "direction", Direction.parse(self.direction, "direction"))
        _set(self, "description",
             _text(self.description, "description", required=True, max_len=2000))
        _set(self, "made_by", _text(self.made_by, "made_by", max_len=200))
        _set(self, "made_to", _text(self.made_to, "made_to", max_len=200))
        _set(self, "date", _date(self.date, "date", optional=True))
        _set(self, "due_date", _date(self.due_date, "due_date", optional=True))
        _not_before(self.due_date, self.date, "due_date", "date it was made")
        _set(self, "status", CommitmentStatus.parse(self.status, "status"))
        _set(self, "value", _money(self.value, "value", optional=True))
        if self.concession_id is not None and self.direction is not Direction.THEIRS:
            raise ValidationError("direction", "what is received in return for a concession "
                                               "is a promise of theirs")

    def is_overdue(self, today: dt.date) -> bool:
        return (self.status is CommitmentStatus.OPEN and self.due_date is not None
                and self.due_date < today)


PRICE_KINDS = frozenset({
    ConcessionKind.PRICE_DISCOUNT, ConcessionKind.REBATE, ConcessionKind.VOLUME_BONUS,
    ConcessionKind.EARLY_PAYMENT_DISCOUNT, ConcessionKind.CREDIT_WRITE_OFF,
    ConcessionKind.FREE_GOODS_SERVICES,
})


@dataclass(frozen=True)
class Concession(Record):
    """Something given to the customer: what, against which baseline, why, under which
    pressure, with whose authority, and what was got in return.

    What was received in return is a list of *theirs* commitments pointing here;
    `nothing_in_return` records the explicit answer "nothing", which is not a blank."""

    account_id: int
    date: dt.date
    kind: ConcessionKind = ConcessionKind.PRICE_DISCOUNT
    baseline: Baseline = Baseline.LIST_PRICE
    baseline_value: float = 0.0  # per year, account currency
    conceded_value: float = 0.0  # per year, account currency
    terms_before: str = ""  # non-price terms, e.g. "net 30"
    terms_after: str = ""  # e.g. "net 60"
    asked_by: AskedBy = AskedBy.CUSTOMER
    trigger: Trigger = Trigger.OTHER
    tactics: frozenset[Tactic] = frozenset()
    granted_by_id: int | None = None
    approved_by_id: int | None = None
    recurrence: Recurrence = Recurrence.ONE_OFF
    sets_precedent: bool = False
    known_to_others: bool = False
    expiry: dt.date | None = None
    nothing_in_return: bool = False
    likely_next_ask: str = ""
    negotiation: str = ""  # groups the concessions of one negotiation, e.g. "2026 renewal"
    notes: str = ""  # Markdown
    id: int | None = None
    table = "concessions"

    def __post_init__(self):
        _set(self, "date", _date(self.date, "date"))
        _set(self, "kind", ConcessionKind.parse(self.kind, "kind"))
        _set(self, "baseline", Baseline.parse(self.baseline, "baseline"))
        _set(self, "baseline_value", _money(self.baseline_value, "baseline_value"))
        _set(self, "conceded_value", _money(self.conceded_value, "conceded_value"))
        if self.conceded_value > self.baseline_value > 0:
            pct = 100 * self.conceded_value / self.baseline_value
            raise ValidationError("conceded_value", f"{self.conceded_value:,.2f} is a "
                                  f"{pct:.1f}% discount; a discount is at most 100% of "
                                  f"the baseline {self.baseline_value:,.2f}")
        _set(self, "terms_before", _text(self.terms_before, "terms_before", max_len=200))
        _set(self, "terms_after", _text(self.terms_after, "terms_after", max_len=200))
        _set(self, "asked_by", AskedBy.parse(self.asked_by, "asked_by"))
        _set(self, "trigger", Trigger.parse(self.trigger, "trigger"))
        _set(self, "tactics", frozenset(Tactic.parse(t, "tactics") for t in self.tactics))
        _set(self, "recurrence", Recurrence.parse(self.recurrence, "recurrence"))
        _set(self, "sets_precedent", bool(self.sets_precedent))
        _set(self, "known_to_others", bool(self.known_to_others))
        _set(self, "expiry", _date(self.expiry, "expiry", optional=True))
        _not_before(self.expiry, self.date, "expiry", "date it was given")
        _set(self, "nothing_in_return", bool(self.nothing_in_return))
        _set(self, "likely_next_ask", _text(self.likely_next_ask, "likely_next_ask",
                                            max_len=2000))
        _set(self, "negotiation", _text(self.negotiation, "negotiation", max_len=200))
        _set(self, "notes", _text(self.notes, "notes"))

    @property
    def discount_pct(self) -> float | None:
        """The conceded value as a share of the baseline, in percent; None without a
        baseline (a zero baseline has no meaningful percentage)."""
        if self.baseline_value <= 0:
            return None
        return 100.0 * self.conceded_value / self.baseline_value

    def is_live(self, day: dt.date) -> bool:
        return self.date <= day and (self.expiry is None or self.expiry >= day)


@dataclass(frozen=True)
class DiscountPolicy(Record):
    """For one segment, from a date on: the target and the maximum discount %."""

    segment: Segment
    effective_from: dt.date
    target_pct: float
    max_pct: float
    id: int | None = None
    table = "discount_policies"

    def __post_init__(self):
        _set(self, "segment", Segment.parse(self.segment, "segment"))
        _set(self, "effective_from", _date(self.effective_from, "effective_from"))
        _set(self, "target_pct", _percent(self.target_pct, "target_pct"))
        _set(self, "max_pct", _percent(self.max_pct, "max_pct"))
        if self.target_pct > self.max_pct:
            raise ValidationError("target_pct", f"{self.target_pct:g}% is above the maximum "
                                                f"{self.max_pct:g}%")


@dataclass(frozen=True)
class ApprovalLimit(Record):
    """For one role, from a date on: the discount % it may grant without approval."""

    role: Role
    effective_from: dt.date
    limit_pct: float
    id: int | None = None
    table = "approval_limits"

    def __post_init__(self):
        _set(self, "role", Role.parse(self.role, "role"))
        _set(self, "effective_from", _date(self.effective_from, "effective_from"))
        _set(self, "limit_pct", _percent(self.limit_pct, "limit_pct"))


def in_force(rules, day: dt.date, **key):
    """The rule (policy or limit) matching `key` that was in force on `day`: the one with
    the latest `effective_from` not after it; None before the first one."""
    best = None
    for rule in rules:
        if all(getattr(rule, k) == v for k, v in key.items()) and rule.effective_from <= day:
            if best is None or rule.effective_from > best.effective_from:
                best = rule
    return best


@dataclass(frozen=True)
class Question(Record):
    """A question the incoming manager asks on one section of a handover."""

    handover_id: int
    section: str
    text: str
    asked_by_id: int | None = None
    asked_at: dt.datetime | None = None
    answer: str = ""
    answered_by_id: int | None = None
    answered_at: dt.datetime | None = None
    resolved: bool = False
    id: int | None = None
    table = "questions"

    def __post_init__(self):
        _set(self, "section", _text(self.section, "section", required=True, max_len=100))
        _set(self, "text", _text(self.text, "text", required=True))
        _set(self, "answer", _text(self.answer, "answer"))
        _set(self, "resolved", bool(self.resolved))

    @property
    def answered(self) -> bool:
        return bool(self.answer.strip())


@dataclass(frozen=True)
class AuditEntry(Record):
    """One change: who, when, which record and field, before and after. Each entry's hash
    covers its content and the previous entry's hash, so the log cannot be rewritten
    without it showing."""

    at: str  # ISO timestamp, UTC
    who: str
    action: str  # create, update, delete, import, sign-off ...
    record: str  # table name
    record_id: int | None
    field: str = ""
    before: str | None = None
    after: str | None = None
    prev_hash: str = ""
    hash: str = ""
    id: int | None = None
    table = "audit_log"
