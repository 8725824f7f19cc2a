"""Give and get: what was conceded for nothing, what came back, what was delivered."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from handover.domain.analytics.facts import Answer, PromiseTally, ReturnTally
from handover.domain.analytics.stats import Sums, share
from handover.domain.records import CommitmentStatus


@dataclass(frozen=True, slots=True)
class CurrencyGiveAndGet:
    currency: str
    concessions: int
    given: float
    given_for_nothing: float
    share_for_nothing_by_value: float | None
    received: float  # value delivered in return: kept promises only
    promised_open: float  # value promised in return and not yet due or delivered
    reciprocity: float | None  # received / given


@dataclass(frozen=True, slots=True)
class GiveAndGet:
    """How much was given with nothing in return, and what came back."""

    concessions: int
    received: int  # concessions with something in return
    nothing: int  # with the explicit answer "nothing"
    unanswered: int
    share_for_nothing_by_count: float | None
    by_currency: tuple[CurrencyGiveAndGet, ...]


@dataclass(frozen=True, slots=True)
class CurrencyDelivery:
    currency: str
    promised_value: float
    kept_value: float
    broken_value: float
    open_value: float
    withdrawn_value: float
    delivered_share_by_value: float | None


@dataclass(frozen=True, slots=True)
class Delivery:
    """Of what customers promised in return, how much they delivered:
    kept / (kept + broken); open and withdrawn promises are not yet (or no longer) due."""

    promised: int
    open: int
    overdue: int
    kept: int
    broken: int
    withdrawn: int
    delivered_share_by_count: float | None
    by_currency: tuple[CurrencyDelivery, ...]


def give_and_get(returns: Iterable[ReturnTally],
                 promises: Iterable[PromiseTally] = ()) -> GiveAndGet:
    """Give without get and reciprocity.

    By count (all currencies): share for nothing = concessions answered "nothing" /
    all concessions; unanswered ones count in the whole but not as "nothing". By value,
    per currency: given for nothing / given, and reciprocity = value received in return /
    value given, where received is what the customer delivered: the kept theirs
    commitments pointing at the concessions (those without a value as 0). A promise still
    open is not received yet and is shown apart (promised open); a broken or withdrawn
    one counts as nothing, so a broken promise never makes an account look repaid."""
    counts: dict[Answer, int] = defaultdict(int)
    # concessions, given, given for nothing, received (kept), promised open
    per = Sums(0, 0.0, 0.0, 0.0, 0.0)
    for r in returns:
        counts[r.answer] += r.concessions
        per.add(r.currency, r.concessions, r.conceded,
                r.conceded if r.answer is Answer.NOTHING else 0.0, 0.0, 0.0)
    for p in promises:
        if p.status is CommitmentStatus.KEPT:
            per.add(p.currency, 0, 0.0, 0.0, p.value, 0.0)
        elif p.status is CommitmentStatus.OPEN:
            per.add(p.currency, 0, 0.0, 0.0, 0.0, p.value)
    total = sum(counts.values())
    return GiveAndGet(
        concessions=total, received=counts[Answer.RECEIVED], nothing=counts[Answer.NOTHING],
        unanswered=counts[Answer.UNANSWERED],
        share_for_nothing_by_count=share(counts[Answer.NOTHING], total),
        by_currency=tuple(
            CurrencyGiveAndGet(cur, int(n), round(given, 2), round(nothing, 2),
                               share(nothing, given), round(received, 2),
                               round(promised_open, 2), share(received, given))
            for cur, (n, given, nothing, received, promised_open) in sorted(per.items())))


def delivery(promises: Iterable[PromiseTally]) -> Delivery:
    """Of the theirs commitments given in return for concessions: how many are open
    (and of those, overdue), kept, broken, withdrawn; delivered share = kept /
    (kept + broken), by count over all currencies and by value per currency."""
    counts: dict[CommitmentStatus, int] = defaultdict(int)
    values: dict[str, dict[CommitmentStatus, float]] = defaultdict(lambda: defaultdict(float))
    overdue = 0
    for p in promises:
        counts[p.status] += p.promises
        values[p.currency][p.status] += p.value
        overdue += p.overdue
    kept, broken = counts[CommitmentStatus.KEPT], counts[CommitmentStatus.BROKEN]
    by_currency = []
    for cur, v in sorted(values.items()):
        k, b = v[CommitmentStatus.KEPT], v[CommitmentStatus.BROKEN]
        by_currency.append(CurrencyDelivery(
            cur, round(sum(v.values()), 2), round(k, 2), round(b, 2),
            round(v[CommitmentStatus.OPEN], 2), round(v[CommitmentStatus.WITHDRAWN], 2),
            share(k, k + b)))
    return Delivery(
        promised=sum(counts.values()), open=counts[CommitmentStatus.OPEN], overdue=overdue,
        kept=kept, broken=broken, withdrawn=counts[CommitmentStatus.WITHDRAWN],
        delivered_share_by_count=share(kept, kept + broken), by_currency=tuple(by_currency))
