"""A leaver's book split among incoming managers: the even split by revenue, and what each
incoming manager would take on (accounts, and revenue per currency, never added across)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from handover.domain.errors import ValidationError
from handover.domain.records import Record, _date, _set

# Shown in the dialog beside "Split evenly", so the team lead knows what the button does.
SPLIT_RULE = ("Split evenly balances current annual revenue currency by currency: within "
              "each currency the largest account goes first, each to whoever holds the "
              "least of that currency so far (on a tie, whoever has fewer accounts). Money "
              "is never added across currencies, so no exchange rate is assumed; accounts "
              "without revenue are shared out by count.")


@dataclass(frozen=True)
class LeaverBatch(Record):
    """The handovers of a leaver's book started together: whose book, on which day, by
    whom. Each handover of it names it (`Handover.batch_id`), so the team review can show
    them as one group however their statuses move on."""

    leaver_id: int
    started_on: dt.date
    started_by_id: int | None = None
    id: int | None = None
    table = "leaver_batches"

    def __post_init__(self):
        _set(self, "started_on", _date(self.started_on, "started_on"))


@dataclass(frozen=True, slots=True)
class BookAccount:
    """One account of a leaver's book, as the split sees it."""

    id: int
    name: str
    currency: str
    revenue: float  # current annual revenue, in `currency`


@dataclass
class Load:
    """What one incoming manager takes on: how many accounts, and revenue by currency."""

    accounts: int = 0
    revenue: dict[str, float] = field(default_factory=dict)

    def add(self, account: BookAccount) -> None:
        self.accounts += 1
        self.revenue[account.currency] = self.revenue.get(account.currency, 0.0) \
            + account.revenue


def split_by_revenue(accounts: Iterable[BookAccount],
                     incoming: Sequence[int]) -> dict[int, int]:
    """Each account (by id) given to one of `incoming` (person ids, in the order chosen),
    balancing current revenue within each currency (SPLIT_RULE). The greedy rule keeps,
    within a currency, the gap between the most and the least loaded manager no larger
    than that currency's largest account. The same input always gives the same split."""
    if not incoming:
        raise ValidationError("incoming", "choose at least one incoming manager")
    if len(set(incoming)) != len(incoming):
        raise ValidationError("incoming", "each incoming manager is chosen once")
    by_currency: dict[str, list[BookAccount]] = {}
    for account in accounts:
        by_currency.setdefault(account.currency, []).append(account)
    count = {person: 0 for person in incoming}
    order = {person: n for n, person in enumerate(incoming)}
    split: dict[int, int] = {}
    # The currency with most money at stake is shared first, so the count tie-break works
    # for the larger books; within one, largest account first, then by name and id.
    for currency in sorted(by_currency, key=lambda c: (-sum(a.revenue for a in
                                                             by_currency[c]), c)):
        held = {person: 0.0 for person in incoming}
        for account in sorted(by_currency[currency],
                              key=lambda a: (-a.revenue, a.name.casefold(), a.id)):
            person = min(incoming, key=lambda p: (held[p], count[p], order[p]))
            split[account.id] = person
            held[person] += account.revenue
            count[person] += 1
    return split


def loads(accounts: Iterable[BookAccount], split: Mapping[int, int | None],
          incoming: Sequence[int] = ()) -> dict[int, Load]:
    """What each incoming manager takes on under `split` (account id -> person id; None
    or missing: not given to anyone); every one of `incoming` appears, if only with 0."""
    found = {person: Load() for person in incoming}
    for account in accounts:
        person = split.get(account.id)
        if person is not None:
            found.setdefault(person, Load()).add(account)
    return found


@dataclass(frozen=True)
class LeaverPlan:
    """What the team lead decided: whose book, which account goes to whom (account id ->
    incoming person id, in the order shown), one due date and an optional reviewer."""

    leaver_id: int
    split: Mapping[int, int]
    due_date: dt.date
    reviewer_id: int | None = None

    def __post_init__(self):
        object.__setattr__(self, "due_date", _date(self.due_date, "due_date"))
        if not self.split:
            raise ValidationError("split", "give at least one account to an incoming manager")
        if self.leaver_id in self.split.values():
            raise ValidationError("split", "the leaver cannot receive their own accounts")
