"""The statistics under the figures: pure helpers that know nothing of concessions.

Quantiles, slopes, leave-one-out z-scores, shares, column sums and the first rows of a
list."""

from __future__ import annotations

import datetime as dt
import heapq
import math
from collections.abc import Callable, Iterator, Mapping, Sequence

EPSILON = 1e-9  # how far apart two figures must be to count as different


def percentile(ordered: Sequence[float], p: float) -> float:
    """The p-th quantile (0 <= p <= 1) of `ordered` (sorted, not empty) by linear
    interpolation: x[k] + f * (x[k+1] - x[k]) with k + f = p * (n - 1).
    For 5, 10, 30: p=0.5 gives 10, p=0.25 gives 7.5, p=0.9 gives 26."""
    if not ordered:
        raise ValueError("percentile of no values")
    h = p * (len(ordered) - 1)
    k = math.floor(h)
    if k + 1 >= len(ordered):
        return float(ordered[-1])
    return ordered[k] + (h - k) * (ordered[k + 1] - ordered[k])


def median(values: Sequence[float]) -> float:
    """The 0.5 `percentile` of `values` in any order (not empty)."""
    return percentile(sorted(values), 0.5)


BAND_QUANTILES = (0.1, 0.25, 0.5, 0.75, 0.9)  # P10, q1, median, q3, P90


def percentile_ranks(n: int) -> list[int]:
    """The ranks (0 = smallest) of n sorted values that a discount band reads: the minimum,
    the maximum and the two closest ranks of each of BAND_QUANTILES."""
    ranks = {0, n - 1}
    for p in BAND_QUANTILES:
        k = math.floor(p * (n - 1))
        ranks.update((k, min(k + 1, n - 1)))
    return sorted(r for r in ranks if r >= 0)


class RankedValues(Sequence):
    """n sorted values of which only some ranks are known (`percentile_ranks(n)` is enough
    for a discount band): what SQL sends instead of every discount %."""

    def __init__(self, n: int, values: Mapping[int, float]):
        self._n = n
        self._values = dict(values)

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, rank):
        if isinstance(rank, slice):
            raise TypeError("RankedValues has no slices")
        if rank < 0:
            rank += self._n
        if not 0 <= rank < self._n:
            raise IndexError(rank)
        try:
            return self._values[rank]
        except KeyError:
            raise LookupError(f"rank {rank} of {self._n} was not gathered") from None

    def __eq__(self, other):
        return (isinstance(other, RankedValues) and self._n == other._n
                and self._values == other._values)

    def __repr__(self):
        return f"RankedValues({self._n}, {self._values!r})"


def slope(values: Sequence[float]) -> float:
    """The least-squares slope of values[i] against i = 0, 1, 2 ...: the change per step.
    sum((i - mean_i) * (v - mean_v)) / sum((i - mean_i)^2); for 5, 8, 14 it is 4.5."""
    n = len(values)
    if n < 2:
        raise ValueError("a slope needs two values")
    mean_i = (n - 1) / 2
    mean_v = sum(values) / n
    num = sum((i - mean_i) * (v - mean_v) for i, v in enumerate(values))
    den = sum((i - mean_i) ** 2 for i in range(n))
    return num / den


def growing_steps(sizes: Sequence[float]) -> int:
    """How many of the values are larger than the one before them."""
    return sum(b > a for a, b in zip(sizes, sizes[1:], strict=False))


def peer_z_scores(xs: Sequence[float], at_least: float) -> Iterator[tuple[int, float, float]]:
    """The values (at least three) whose z-score against the others, leaving themselves
    out, is `at_least` or more, as (index, z, the others' mean); z = (x - their mean) /
    their sample standard deviation. A value whose peers have no spread has no z-score.
    The sums are taken once (exactly, by `math.fsum`) and each value taken out of them,
    so a segment of n accounts costs n steps, not n x n."""
    n = len(xs)
    total = math.fsum(xs)
    squares = math.fsum(x * x for x in xs)
    peers, dof, sqrt = n - 1, n - 2, math.sqrt
    for i, x in enumerate(xs):
        mean = (total - x) / peers
        variance = (squares - x * x - peers * mean * mean) / dof
        if variance <= EPSILON * max(1.0, mean * mean):
            continue
        z = (x - mean) / sqrt(variance)
        if z >= at_least:
            yield i, z, mean


def share(part: float, whole: float) -> float | None:
    """part / whole; None when the whole is nothing."""
    return part / whole if whole else None


def money(by_currency: Mapping[str, float]) -> dict[str, float]:
    """Amounts per currency rounded to cents, in currency order."""
    return {cur: round(v, 2) for cur, v in sorted(by_currency.items())}


def first(rows: list[tuple], limit: int | None) -> list[tuple]:
    """The first `limit` rows (all with None) in their order as tuples. Their leading items
    tell every row apart, so no comparison reaches the objects after them (and none needs
    a key function, which would cost a call per row of a 10,000-account portfolio)."""
    return sorted(rows) if limit is None else heapq.nsmallest(limit, rows)


class Sums(dict):
    """Column sums per key, each column starting from its own zero (0 for a count, 0.0 for
    an amount, so that a count stays a whole number): `add(key, 1, value)` adds 1 to the
    key's first column and `value` to its second."""

    def __init__(self, *zeros: float):
        super().__init__()
        self._zeros = zeros

    def add(self, key: object, *amounts: float) -> None:
        columns = self.get(key)
        if columns is None:
            columns = self[key] = list(self._zeros)
        for i, amount in enumerate(amounts):
            columns[i] += amount

    def rows(self, make: Callable[..., object]) -> list:
        """`make(*key, *columns)` for each key (a tuple key is spread)."""
        return [make(*(k if isinstance(k, tuple) else (k,)), *columns)
                for k, columns in self.items()]


def days_since(day: dt.date | None, today: dt.date) -> int | None:
    """Whole days from `day` to `today`; None for a day that never was."""
    return None if day is None else (today - day).days
