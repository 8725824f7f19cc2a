"""What the Analytics page shows, computed from the workspace file through a read-only
connection of its own, so that it can run on a worker thread."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path

from handover.domain.analytics import PortfolioReport
from handover.store import Workspace
from handover.store.concession_queries import (
    AccountAnswers,
    SegmentAnswers,
    accounts_given_for_nothing,
    answers_by_segment,
)
from handover.store.portfolio import portfolio

LIST_LIMIT = 100  # each list keeps its most telling items


@dataclass(frozen=True)
class AnalyticsData:
    """Everything the page shows, as computed from the workspace file on one day."""

    report: PortfolioReport
    segments: tuple[SegmentAnswers, ...]
    for_nothing: tuple[AccountAnswers, ...]
    seconds: float


def compute_analytics(path: Path, today: dt.date, *, limit: int = LIST_LIMIT) -> AnalyticsData:
    """The page's figures, read through a read-only connection of its own: this runs on a
    worker thread, and an SQLite connection belongs to the thread that opened it."""
    started = time.perf_counter()
    ws = Workspace.open(path, read_only=True, check=False)
    try:
        report = portfolio(ws, today, limit=limit)
        segments = tuple(answers_by_segment(ws))
        for_nothing = tuple(accounts_given_for_nothing(ws, limit))
    finally:
        ws.close()
    return AnalyticsData(report, segments, for_nothing, time.perf_counter() - started)
