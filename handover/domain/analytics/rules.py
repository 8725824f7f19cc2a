"""A concession against the rules in force on its day: policy maximum, approval limit.

What it gave above them, whether it maxed out its limit, and whether it is still live
on a later day (its renewal)."""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple

from handover.domain.analytics.facts import (
    MAX_OUT_POINTS,
    AccountFact,
    ConcessionFact,
    with_account,
)
from handover.domain.analytics.stats import EPSILON


class RuleBook:
    """`records.in_force` for many look-ups: the rules of each key (a segment, a role) by
    date, found by bisection. Of two rules from the same day the first given wins, as in
    `in_force`."""

    def __init__(self, rules: Iterable, key: str):
        by_key: dict[object, dict[dt.date, object]] = defaultdict(dict)
        for rule in rules:
            by_key[getattr(rule, key)].setdefault(rule.effective_from, rule)
        self._days = {k: sorted(v) for k, v in by_key.items()}
        self._rules = {k: [v[d] for d in self._days[k]] for k, v in by_key.items()}

    def at(self, day: dt.date, key: object):
        days = self._days.get(key)
        if not days:
            return None
        i = bisect.bisect_right(days, day)
        return self._rules[key][i - 1] if i else None


def above(pct: float, allowed_pct: float) -> bool:
    """Above what a rule allows by more than the rounding of the figures."""
    return pct > allowed_pct + EPSILON


def excess(c: ConcessionFact, pct: float, allowed_pct: float) -> float:
    """Money given above `allowed_pct`: (discount % - allowed %) / 100 x baseline."""
    return (pct - allowed_pct) / 100 * c.baseline_value


def maxed_out(pct: float, limit_pct: float) -> bool:
    """Within MAX_OUT_POINTS below the limit, or at it."""
    return limit_pct - MAX_OUT_POINTS - EPSILON <= pct <= limit_pct + EPSILON


class Excess(NamedTuple):
    """A concession above the rule in force on its date, and the money it gave above it."""

    concession: ConcessionFact
    account: AccountFact
    pct: float  # its discount %
    rule: object  # the policy or the approval limit
    allowed_pct: float
    excess: float


def above_rules(concessions: Iterable[ConcessionFact], accounts: Mapping[int, AccountFact],
                book: RuleBook, key: Callable[[ConcessionFact, AccountFact], object],
                allowed: Callable[[object], float]) -> list[Excess]:
    """The concessions of `accounts` whose discount % is above `allowed(rule)` of the rule
    in force on their date for `key(concession, account)`; those before any rule, or
    without a discount %, are not judged. Largest excess first (amounts of different
    currencies are compared as numbers for this order only), then by concession."""
    found = []
    for c, account in with_account(concessions, accounts):
        pct = c.discount_pct
        if pct is None:
            continue
        rule = book.at(c.date, key(c, account))
        if rule is None:
            continue
        allowed_pct = allowed(rule)
        if above(pct, allowed_pct):
            found.append(Excess(c, account, pct, rule, allowed_pct,
                                excess(c, pct, allowed_pct)))
    found.sort(key=lambda e: (-e.excess, e.concession.id))
    return found


def renewal_day(renewal: dt.date | None, today: dt.date) -> dt.date:
    """The day exposure is judged on: the renewal date, or today when there is none or it
    has passed (a past renewal date says nothing of the next one)."""
    return renewal if renewal is not None and renewal >= today else today


def live_at(start: dt.date, expiry: dt.date | None, day: dt.date) -> bool:
    """Given on or before `day` and not expired before it."""
    return start <= day and (expiry is None or expiry >= day)
