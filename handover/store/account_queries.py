"""Read queries behind one account's detail tabs: the overview's figures, the stakeholders
with their last contact, the interaction timeline and the promises with the concession each
one answers. One SQL statement per shape; nothing here writes."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from handover.domain.records import (
    Account,
    BuyingRole,
    CommitmentStatus,
    Direction,
    InteractionKind,
)
from handover.store.workspace import Workspace

KEY_INFLUENCE = 4  # from this influence on, a stakeholder is a key person
DECISION_ROLES = frozenset({BuyingRole.ECONOMIC_BUYER, BuyingRole.DECISION_MAKER})
HOSTILE = -2
OUT_OF_TOUCH_DAYS = 45  # a key or hostile person not contacted for longer needs a call
RECENT_DAYS = 90  # the window of "recent" interactions and sentiment
TREND_MONTHS = 12  # months of sentiment the overview draws
HEADLINE_CHARS = 240


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


# ---------------------------------------------------------------- people


@dataclass(frozen=True, slots=True)
class ContactRow:
    """A stakeholder as the People tab shows it. `last_contact` is the later of the date
    written on the contact and the latest interaction that involved them."""

    id: int
    name: str
    title: str
    buying_role: BuyingRole
    attitude: int | None
    influence: int
    relationship_strength: int
    last_contact: dt.date | None

    @property
    def is_key(self) -> bool:
        return self.influence >= KEY_INFLUENCE or self.buying_role in DECISION_ROLES

    @property
    def is_watched(self) -> bool:
        """Someone whose silence is dangerous: a key person, or a hostile one."""
        return self.is_key or self.attitude == HOSTILE

    def days_since_contact(self, today: dt.date) -> int | None:
        return None if self.last_contact is None else (today - self.last_contact).days

    def out_of_touch(self, today: dt.date) -> bool:
        """A watched person not contacted for more than OUT_OF_TOUCH_DAYS, or never."""
        days = self.days_since_contact(today)
        return self.is_watched and (days is None or days > OUT_OF_TOUCH_DAYS)


_CONTACTS_SQL = """
SELECT c.id, c.name, c.title, c.buying_role, c.attitude, c.influence,
       c.relationship_strength, c.last_contact,
       (SELECT max(i.date) FROM interaction_contacts ic
          JOIN interactions i ON i.id = ic.interaction_id
         WHERE ic.contact_id = c.id)
FROM contacts c
WHERE c.account_id = ?
ORDER BY c.name COLLATE NOCASE, c.id
"""


def contact_rows(ws: Workspace, account_id: int) -> list[ContactRow]:
    """The account's stakeholders, by name."""
    roles = {r.value: r for r in BuyingRole}
    rows = []
    for (id_, name, title, role, attitude, influence, strength, written,
         interacted) in ws.db.execute(_CONTACTS_SQL, [account_id]):
        # ISO dates compare as text: the later one is the last contact.
        last = max(d for d in (written, interacted, "") if d is not None) or None
        rows.append(ContactRow(id_, name, title or "", roles.get(role, BuyingRole.USER),
                               attitude, influence or 3, strength or 3, _day(last)))
    return rows


# ---------------------------------------------------------------- history


@dataclass(frozen=True, slots=True)
class InteractionRow:
    """One line of the timeline: what a reader scans before opening the summary."""

    id: int
    date: dt.date
    kind: InteractionKind
    sentiment: int
    people: str  # the names of the contacts involved, comma separated
    start: str  # the start of the summary, Markdown: `headline(start)` is its first line


_INTERACTIONS_SQL = f"""
SELECT i.id, i.date, i.kind, i.sentiment, substr(i.summary, 1, {HEADLINE_CHARS * 2}),
       (SELECT group_concat(c.name, ', ') FROM interaction_contacts ic
          JOIN contacts c ON c.id = ic.contact_id
         WHERE ic.interaction_id = i.id)
FROM interactions i
WHERE i.account_id = ?
ORDER BY i.date DESC, i.id DESC
"""


def interaction_rows(ws: Workspace, account_id: int) -> list[InteractionRow]:
    """The account's interactions, newest first. Only the start of each summary is read:
    the timeline shows a line of each, and the one selected is read in full on demand."""
    kinds = {k.value: k for k in InteractionKind}
    dates: dict[str, dt.date] = {}
    rows = []
    for id_, day, kind, sentiment, summary, people in ws.db.execute(_INTERACTIONS_SQL,
                                                                    [account_id]):
        date = dates.get(day)
        if date is None:
            date = dates[day] = dt.date.fromisoformat(day)
        rows.append(InteractionRow(id_, date, kinds.get(kind, InteractionKind.OTHER),
                                   sentiment or 0, people or "", summary or ""))
    return rows


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"(\*\*|__|\*|`|~~)")
_LEAD = re.compile(r"^\s*(#{1,6}\s+|>\s*|[-*+]\s+|\d+[.)]\s+)+")


def headline(markdown: str) -> str:
    """The first non-empty line of a Markdown note as a reader sees it, without emphasis
    marks, heading hashes, list bullets or link targets. Cheap enough for a thousand rows,
    unlike rendering each note."""
    for line in markdown.splitlines():
        text = _LEAD.sub("", line)
        text = _MARKS.sub("", _LINK.sub(r"\1", text)).strip()
        if text:
            return text if len(text) <= HEADLINE_CHARS else text[:HEADLINE_CHARS - 1] + "\u2026"
    return ""


def interaction_summary(ws: Workspace, interaction_id: int) -> str:
    """The full Markdown summary of one interaction ("" when it is gone)."""
    found = ws.db.execute("SELECT summary FROM interactions WHERE id = ?",
                          [interaction_id]).fetchone()
    return (found[0] or "") if found else ""


# ---------------------------------------------------------------- promises


@dataclass(frozen=True, slots=True)
class PromiseRow:
    """A commitment as the Promises tab lists it, with the date of the concession it was
    promised in return for. Read without building the domain record, which an edit
    fetches when it needs it."""

    id: int
    direction: Direction
    description: str
    made_by: str
    made_to: str
    date: dt.date | None
    due_date: dt.date | None
    status: CommitmentStatus
    concession_id: int | None = None
    concession_date: dt.date | None = None

    def is_overdue(self, today: dt.date) -> bool:
        """Open with its due date passed, as Commitment.is_overdue says."""
        return (self.status is CommitmentStatus.OPEN and self.due_date is not None
                and self.due_date < today)

    def overdue_days(self, today: dt.date) -> int:
        """How many days an open promise is past its due date; 0 when it is not."""
        return (today - self.due_date).days if self.is_overdue(today) else 0  # type: ignore


_PROMISES_ROWS_SQL = """
SELECT c.id, c.direction, c.description, c.made_by, c.made_to, c.date, c.due_date,
       c.status, c.concession_id, k.date
FROM commitments c LEFT JOIN concessions k ON k.id = c.concession_id
WHERE c.account_id = ?
ORDER BY c.id
"""


def promise_rows(ws: Workspace, account_id: int) -> list[PromiseRow]:
    """The account's commitments, ours and theirs, in the order they were recorded."""
    directions = {d.value: d for d in Direction}
    statuses = {s.value: s for s in CommitmentStatus}
    return [PromiseRow(id_, directions[direction], description or "", made_by or "",
                       made_to or "", _day(date), _day(due), statuses[status], concession,
                       _day(concession_date))
            for (id_, direction, description, made_by, made_to, date, due, status, concession,
                 concession_date) in ws.db.execute(_PROMISES_ROWS_SQL, [account_id])]


def concession_choices(ws: Workspace, account_id: int) -> list[tuple[int, dt.date, str, float]]:
    """The account's concessions as (id, date, kind, conceded value), newest first: what a
    promise of theirs can be linked to."""
    return [(id_, _day(day), kind, value or 0.0) for id_, day, kind, value in ws.db.execute(
        "SELECT id, date, kind, conceded_value FROM concessions WHERE account_id = ? "
        "ORDER BY date DESC, id DESC", [account_id])]


def team_names(ws: Workspace) -> list[str]:
    """The names of the team, for "made by" and "made to"."""
    return [name for (name,) in ws.db.execute(
        "SELECT name FROM people ORDER BY name COLLATE NOCASE")]


# ---------------------------------------------------------------- the overview


@dataclass(frozen=True, slots=True)
class MonthSentiment:
    month: dt.date  # the first day of the month
    mean: float | None  # None: no interaction that month
    count: int


@dataclass(frozen=True, slots=True)
class AccountFigures:
    """The key figures of one account as of `today`."""

    account: Account
    owner: str  # "" when nobody owns it
    today: dt.date
    contacts: int
    key_people: int
    out_of_touch: tuple[ContactRow, ...]  # key or hostile, no contact in OUT_OF_TOUCH_DAYS
    interactions: int
    recent_interactions: int  # in the last RECENT_DAYS
    last_interaction: dt.date | None
    sentiment_recent: float | None  # mean of the last RECENT_DAYS
    sentiment_before: float | None  # mean of the RECENT_DAYS before those
    months: tuple[MonthSentiment, ...]  # the last TREND_MONTHS, oldest first
    open_ours: int
    open_theirs: int
    overdue_ours: int
    overdue_theirs: int
    concessions: int
    live_concessions: int  # given and not expired as of today
    live_value: float  # what the live ones concede per year

    @property
    def sentiment_trend(self) -> float | None:
        if self.sentiment_recent is None or self.sentiment_before is None:
            return None
        return self.sentiment_recent - self.sentiment_before

    @property
    def renewal_in_days(self) -> int | None:
        renewal = self.account.renewal_date
        return None if renewal is None else (renewal - self.today).days

    @property
    def potential_ratio(self) -> float | None:
        current = self.account.current_revenue
        return self.account.potential_revenue / current if current > 0 else None


_FIGURES_SQL = """
SELECT
  (SELECT count(*) FROM interactions WHERE account_id = :a),
  (SELECT max(date) FROM interactions WHERE account_id = :a),
  (SELECT count(*) FROM interactions WHERE account_id = :a AND date > :recent),
  (SELECT avg(sentiment) FROM interactions WHERE account_id = :a AND date > :recent
      AND date <= :today),
  (SELECT avg(sentiment) FROM interactions WHERE account_id = :a AND date > :before
      AND date <= :recent),
  (SELECT count(*) FROM concessions WHERE account_id = :a),
  (SELECT count(*) FROM concessions WHERE account_id = :a AND date <= :today
      AND (expiry IS NULL OR expiry = '' OR expiry >= :today)),
  (SELECT coalesce(sum(conceded_value), 0) FROM concessions WHERE account_id = :a
      AND date <= :today AND (expiry IS NULL OR expiry = '' OR expiry >= :today)),
  (SELECT name FROM people WHERE id = (SELECT owner_id FROM accounts WHERE id = :a))
"""

_MONTHS_SQL = """
SELECT substr(date, 1, 7), avg(sentiment), count(*) FROM interactions
WHERE account_id = ? AND date >= ? AND date <= ?
GROUP BY substr(date, 1, 7)
"""

_PROMISES_SQL = """
SELECT direction, count(*), sum(due_date IS NOT NULL AND due_date < ?)
FROM commitments WHERE account_id = ? AND status = ?
GROUP BY direction
"""


def _month_start(day: dt.date, back: int = 0) -> dt.date:
    months = day.year * 12 + day.month - 1 - back
    return dt.date(months // 12, months % 12 + 1, 1)


def account_figures(ws: Workspace, account_id: int, today: dt.date) -> AccountFigures:
    """The overview's figures for one account; WorkspaceError when it does not exist."""
    account = ws.get(Account, account_id)
    recent = today - dt.timedelta(days=RECENT_DAYS)
    before = recent - dt.timedelta(days=RECENT_DAYS)
    (count, last, recent_count, mean_recent, mean_before, concessions, live, live_value,
     owner) = ws.db.execute(_FIGURES_SQL, {
         "a": account_id, "recent": recent.isoformat(), "before": before.isoformat(),
         "today": today.isoformat()}).fetchone()

    first_month = _month_start(today, TREND_MONTHS - 1)
    by_month = {key: (mean, n) for key, mean, n in ws.db.execute(
        _MONTHS_SQL, [account_id, first_month.isoformat(), today.isoformat()])}
    months = []
    for back in range(TREND_MONTHS - 1, -1, -1):
        start = _month_start(today, back)
        mean, n = by_month.get(start.isoformat()[:7], (None, 0))
        months.append(MonthSentiment(start, mean, n))

    promises = {d: (n, overdue or 0) for d, n, overdue in ws.db.execute(
        _PROMISES_SQL, [today.isoformat(), account_id, CommitmentStatus.OPEN.value])}
    ours = promises.get(Direction.OURS.value, (0, 0))
    theirs = promises.get(Direction.THEIRS.value, (0, 0))

    people = contact_rows(ws, account_id)
    watched = [c for c in people if c.out_of_touch(today)]
    # The longest silence first; never contacted is the longest of all.
    watched.sort(key=lambda c: (c.last_contact or dt.date.min, -c.influence, c.name))
    return AccountFigures(
        account=account, owner=owner or "", today=today, contacts=len(people),
        key_people=sum(c.is_key for c in people), out_of_touch=tuple(watched),
        interactions=count, recent_interactions=recent_count, last_interaction=_day(last),
        sentiment_recent=mean_recent, sentiment_before=mean_before, months=tuple(months),
        open_ours=ours[0], open_theirs=theirs[0], overdue_ours=ours[1],
        overdue_theirs=theirs[1], concessions=concessions, live_concessions=live,
        live_value=live_value or 0.0)
