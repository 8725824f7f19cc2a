"""The placeholders of the demo's templates: the moment a template is filled for, the value of
each placeholder, and the small formatters for money and dates they share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from handover.demo.shape import DAMAGED
from handover.demo.state import AccountPlan, ContactPlan, MakerState
from handover.demo.texts import PHRASES
from handover.domain.records import BuyingRole


class Fill(dict):
    """The values of a template's placeholders, worked out only when a template asks."""

    def __init__(self, maker: MakerState, acct: AccountPlan, day: dt.date, good: bool,
                 c1: ContactPlan | None = None, c2: ContactPlan | None = None):
        super().__init__()
        self.maker, self.acct, self.day, self.good = maker, acct, day, good
        self.c1, self.c2 = c1, c2

    def __missing__(self, key: str) -> str:
        value = fill_placeholder(self, key)
        self[key] = value
        return value


def fill_now(maker: MakerState, acct: AccountPlan) -> Fill:
    """The placeholders of the account as it stands today, for its health reason and its
    handover."""
    fill = Fill(maker, acct, maker.today, acct.profile != DAMAGED)
    fill["month_past"] = month_year(acct.since + (acct.last_day - acct.since) * 2 / 3)
    return fill


def fill_placeholder(f: Fill, key: str) -> str:
    """The value of placeholder `key` at the moment `f` is for."""
    rng, acct, day = f.maker.rng, f.acct, f.day
    if key in PHRASES:
        pool = PHRASES[key]
        if isinstance(pool[0], tuple):
            pool = pool[0] if f.good else pool[1]
        return rng.choice(pool).format_map(f)
    if key in ("c1", "c2", "t1", "t2"):
        c = f.c1 if key[1] == "1" else f.c2
        c = c or rng.choice(acct.contacts)
        return c.name if key[0] == "c" else c.title
    if key == "first":
        return f.c1.first if f.c1 else ""
    if key == "city":
        return acct.cities[0] if rng.random() < 0.6 else acct.cities[2]
    if key == "city2":
        return acct.cities[1]
    if key == "competitor":
        return acct.competitor
    if key == "name":
        return acct.name
    if key == "amount":
        return as_money(round(acct.revenue * rng.uniform(0.01, 0.08), -2), acct.currency)
    if key == "potential":
        return as_money(acct.potential, acct.currency)
    if key in ("pct", "pct2"):
        return str(rng.randint(5, 25))
    if key in ("n", "n_sites"):
        return str(rng.randint(2, 4))
    if key == "month":
        return month_year(day + dt.timedelta(days=rng.randint(20, 100)))
    if key == "month_past":
        return month_year(max(acct.since, day - dt.timedelta(days=rng.randint(30, 200))))
    if key == "month_short":
        return month_year(day)
    if key == "due":
        return long_date(day + dt.timedelta(days=rng.randint(5, 21)))
    if key == "quarter":
        return f"Q{(day.month - 1) // 3 + 1} {day.year}"
    if key == "year":
        return str(day.year + (day.month >= 10))
    if key == "year_past":
        return str(rng.randint(acct.since.year, day.year))
    if key == "year2":
        return str(day.year + 3)
    if key == "since":
        return str(acct.since.year)
    if key == "last_contact":
        return long_date(acct.last_day)
    if key in ("otd", "ftf"):
        return str(rng.randint(93, 99) if f.good else rng.randint(78, 91))
    if key == "score":
        return str(rng.randint(7, 9) if f.good else rng.randint(3, 6))
    if key == "tickets":
        return str(rng.randint(1, 4) if f.good else rng.randint(8, 30))
    if key == "batch":
        return f"{day:%y}-{rng.randint(1000, 9999)}"
    if key in ("eb", "eb_title"):
        c = acct.role(BuyingRole.ECONOMIC_BUYER) or acct.contacts[0]
        return c.name if key == "eb" else c.title
    if key in ("hostile", "hostile_title"):
        c = acct.hostile or min(acct.contacts, key=lambda c: c.attitude or 0)
        return c.name if key == "hostile" else c.title
    if key == "champion":
        return warmest(acct.contacts).name
    raise KeyError(key)


def without_hostile(templates: Sequence[str], acct: AccountPlan) -> list[str]:
    """The templates that make sense for `acct`: those naming its hostile buyer only where
    it has one."""
    return [t for t in templates if acct.hostile or "{hostile" not in t]


def warmest(contacts: Sequence[ContactPlan]) -> ContactPlan:
    """The warmest contact with the most influence: whom to meet first."""
    return max(contacts, key=lambda c: ((c.attitude or 0), c.influence, -c.id))


SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "CHF": "CHF "}


def as_money(amount: float, currency: str) -> str:
    symbol = SYMBOLS.get(currency, currency + " ")
    if amount >= 1_000_000:
        return f"{symbol}{amount / 1_000_000:.1f}m"
    if amount >= 10_000:
        return f"{symbol}{amount / 1000:,.0f}k"
    return f"{symbol}{amount:,.0f}"


def month_year(day: dt.date) -> str:
    return f"{day:%B %Y}"


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"
