"""Read queries behind the Concessions tab and the give-and-get figures of the Analytics
page: an account's concessions with what was received for each, and the answers to "what
did we get in return" per segment and per account. Nothing here writes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from handover.domain.records import (
    ApprovalLimit,
    Commitment,
    Concession,
    Direction,
    DiscountPolicy,
    Person,
    Segment,
)
from handover.store.workspace import Workspace


@dataclass(frozen=True, slots=True)
class ConcessionRow:
    """One concession as the tab shows it: the record, the *theirs* promises received in
    return for it, and the names of who granted and who approved it."""

    concession: Concession
    received: tuple[Commitment, ...] = ()
    granted_by: str = ""
    approved_by: str = ""

    @property
    def id(self) -> int:
        return self.concession.id  # type: ignore[return-value]


def concession_rows(ws: Workspace, account_id: int) -> list[ConcessionRow]:
    """The account's concessions, newest first, each with what was received for it."""
    concessions = ws.all(Concession, "account_id = ?", [account_id],
                         order_by="date DESC, id DESC")
    received: dict[int, list[Commitment]] = {}
    for c in ws.all(Commitment, "account_id = ? AND concession_id IS NOT NULL "
                                "AND direction = ?", [account_id, Direction.THEIRS.value]):
        received.setdefault(c.concession_id, []).append(c)  # type: ignore[arg-type]
    names = person_names(ws)
    return [ConcessionRow(c, tuple(received.get(c.id, ())),  # type: ignore[arg-type]
                          names.get(c.granted_by_id, ""), names.get(c.approved_by_id, ""))
            for c in concessions]


def received_for(ws: Workspace, concession_id: int) -> list[Commitment]:
    """The *theirs* promises received in return for one concession, in the order made."""
    return ws.all(Commitment, "concession_id = ? AND direction = ?",
                  [concession_id, Direction.THEIRS.value])


def person_names(ws: Workspace) -> dict[int | None, str]:
    return dict(ws.db.execute("SELECT id, name FROM people").fetchall())


def team(ws: Workspace) -> list[Person]:
    """The team members, by name: who may grant or approve a concession."""
    return ws.all(Person, order_by="name COLLATE NOCASE, id")


def discount_policies(ws: Workspace) -> list[DiscountPolicy]:
    """Every dated discount policy row, the past ones included."""
    return ws.all(DiscountPolicy, order_by="segment, effective_from, id")


def approval_limits(ws: Workspace) -> list[ApprovalLimit]:
    """Every dated approval limit row, the past ones included."""
    return ws.all(ApprovalLimit, order_by="role, effective_from, id")


# ---------------------------------------------------------------- give and get


@dataclass(frozen=True, slots=True)
class SegmentAnswers:
    """How the concessions of one segment answer "what did we get in return"."""

    segment: Segment
    received: int  # at least one promise of theirs in return
    nothing: int  # the explicit answer "nothing"
    unanswered: int  # neither: nobody said

    @property
    def concessions(self) -> int:
        return self.received + self.nothing + self.unanswered

    @property
    def share_for_nothing(self) -> float | None:
        return self.nothing / self.concessions if self.concessions else None


@dataclass(frozen=True, slots=True)
class AccountAnswers:
    """One account's concessions given for nothing (count and value, in its currency)."""

    account_id: int
    account_name: str
    segment: Segment
    currency: str
    concessions: int
    nothing: int
    unanswered: int
    given_for_nothing: float
    last_for_nothing: dt.date | None

    @property
    def share_for_nothing(self) -> float | None:
        return self.nothing / self.concessions if self.concessions else None


# The same three answers as analytics.Answer: a promise of theirs pointing at the concession
# wins over the "nothing" flag; active accounts only, as in the portfolio figures.
_ANSWERED = """
WITH answered AS (
  SELECT c.id, c.account_id, c.date, c.conceded_value, a.segment, a.name, a.currency,
         CASE WHEN EXISTS (SELECT 1 FROM commitments m
                           WHERE m.concession_id = c.id AND m.direction = 'theirs')
              THEN 'received'
              WHEN c.nothing_in_return THEN 'nothing' ELSE 'unanswered' END AS answer
  FROM concessions c JOIN accounts a ON a.id = c.account_id AND a.archived = 0)
"""

_BY_SEGMENT_SQL = _ANSWERED + """
SELECT segment, sum(answer = 'received'), sum(answer = 'nothing'), sum(answer = 'unanswered')
FROM answered GROUP BY segment
"""

_BY_ACCOUNT_SQL = _ANSWERED + """
SELECT account_id, name, segment, currency, count(*), sum(answer = 'nothing'),
       sum(answer = 'unanswered'), total(CASE WHEN answer = 'nothing' THEN conceded_value END),
       max(CASE WHEN answer = 'nothing' THEN date END)
FROM answered GROUP BY account_id
HAVING sum(answer = 'nothing') > 0
ORDER BY sum(answer = 'nothing') DESC, sum(answer = 'nothing') * 1.0 / count(*) DESC,
         name COLLATE NOCASE, account_id
LIMIT :limit
"""


def answers_by_segment(ws: Workspace) -> list[SegmentAnswers]:
    """Per segment (in `Segment` order, those with concessions): received, nothing, not said."""
    found = {row[0]: row[1:] for row in ws.db.execute(_BY_SEGMENT_SQL)}
    return [SegmentAnswers(s, *(n or 0 for n in found[s.value])) for s in Segment
            if s.value in found]


def accounts_given_for_nothing(ws: Workspace, limit: int | None = 100) -> list[AccountAnswers]:
    """The accounts with concessions given for nothing, the most such concessions first."""
    segments = {s.value: s for s in Segment}
    return [AccountAnswers(id_, name, segments[segment], currency, n, nothing or 0,
                           unanswered or 0, value or 0.0,
                           dt.date.fromisoformat(last) if last else None)
            for id_, name, segment, currency, n, nothing, unanswered, value, last
            in ws.db.execute(_BY_ACCOUNT_SQL, {"limit": -1 if limit is None else limit})]
