"""The absolute neglect rule for one account: large potential against its size, and no contact
for months, whatever the rest of the portfolio looks like."""

from __future__ import annotations

import datetime as dt

NEGLECT_HEADROOM = 3.0  # potential at least this many times the current revenue
NEGLECT_SILENCE_DAYS = 90  # ... and no contact with anyone of the account for this long


def large_headroom(current_revenue: float, potential_revenue: float) -> bool:
    """Potential at least NEGLECT_HEADROOM times the revenue; an account with potential and
    no revenue yet has all its potential ahead of it."""
    if potential_revenue <= 0:
        return False
    if current_revenue <= 0:
        return True
    return potential_revenue >= NEGLECT_HEADROOM * current_revenue


def silent_days(last_contact: dt.date | None, today: dt.date) -> int | None:
    """Days since the last contact; None when there never was one."""
    return None if last_contact is None else (today - last_contact).days


def neglected(current_revenue: float, potential_revenue: float,
              last_contact: dt.date | None, today: dt.date) -> bool:
    """Whether the account is neglected on its own terms: large headroom and no contact for
    at least NEGLECT_SILENCE_DAYS (or never)."""
    if not large_headroom(current_revenue, potential_revenue):
        return False
    days = silent_days(last_contact, today)
    return days is None or days >= NEGLECT_SILENCE_DAYS
