"""The whole portfolio report: every figure of "Analytics" over the facts, as JSON too."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from enum import Enum

from handover.domain.analytics.discounts import (
    Outliers,
    SegmentBand,
    discount_bands,
    outliers,
    peer_outliers,
    policy_outliers,
)
from handover.domain.analytics.facts import PortfolioFacts
from handover.domain.analytics.patterns import (
    Authority,
    Comebacks,
    Creep,
    Escalation,
    PrecedentExposure,
    Tactics,
    authority,
    comebacks,
    creep,
    escalation,
    precedent_exposure,
    tactic_yield,
)
from handover.domain.analytics.people import Attention, Relationships, attention, relationships
from handover.domain.analytics.reciprocity import Delivery, GiveAndGet, delivery, give_and_get


@dataclass(frozen=True)
class PortfolioReport:
    """Every figure of "Analytics" for one portfolio on one day."""

    today: dt.date
    accounts: int
    concessions: int
    concessions_without_discount: int
    discount_bands: tuple[SegmentBand, ...]
    outliers: Outliers
    give_and_get: GiveAndGet
    delivery: Delivery
    escalation: Escalation
    comebacks: Comebacks
    creep: Creep
    precedent_exposure: PrecedentExposure
    tactics: Tactics
    authority: Authority
    relationships: Relationships
    attention: Attention
    limit: int | None = None  # how many items each list keeps, most telling first

    def as_dict(self) -> dict[str, object]:
        """JSON-ready: dates as ISO text, choices as their values, floats rounded to 4
        places, tuples as lists."""
        out = _plain(self)
        out["currency_rule"] = CURRENCY_RULE
        return out


CURRENCY_RULE = ("Money is reported per currency and never added across currencies; "
                 "counts, shares by count and percentages pool all currencies.")


def _plain(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {str(_plain(k)): _plain(v) for k, v in value.items()}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value


def portfolio_report(facts: PortfolioFacts, *, limit: int | None = 100) -> PortfolioReport:
    """Every figure over `facts`; each list keeps its first `limit` items (all with None),
    while the counts beside it are over all of them."""
    accounts = {a.id: a for a in facts.accounts}

    def top(items):
        return tuple(items if limit is None else items[:limit])

    def cut(figure, name="items"):
        return dataclasses.replace(figure, **{name: top(getattr(figure, name))})

    # A list is cut to `limit`, its count never: the peer outliers are counted before.
    peers = peer_outliers(facts.priced, accounts)
    found = outliers(top(policy_outliers(facts.policy_candidates, accounts, facts.policies)),
                     top(peers), facts.policy_tally, len(peers))
    relations = relationships(facts.accounts, facts.stakeholders, facts.detractors,
                              facts.today, limit=limit)
    return PortfolioReport(
        today=facts.today, accounts=len(facts.accounts), concessions=facts.concessions,
        concessions_without_discount=facts.without_discount,
        discount_bands=tuple(discount_bands(facts.discounts, facts.priced, accounts,
                                            facts.policies, facts.today)),
        outliers=found,
        give_and_get=give_and_get(facts.returns, facts.promises),
        delivery=delivery(facts.promises),
        escalation=cut(escalation(facts.renewal_candidates, accounts,
                                  facts.accounts_with_renewals, facts.escalating_unlisted),
                       "accounts"),
        comebacks=cut(comebacks(facts.comebacks, accounts, facts.one_offs,
                                facts.came_back)),
        creep=cut(creep(facts.size_candidates, accounts, facts.negotiations_with_steps,
                        facts.growing_negotiations)),
        precedent_exposure=cut(precedent_exposure(facts.exposures, accounts, facts.today,
                                                  facts.exposure_tally)),
        tactics=tactic_yield(facts.tactics, facts.without_tactic),
        authority=cut(authority(facts.breach_candidates, accounts, facts.limits,
                                facts.limit_tally)),
        relationships=relations,
        attention=attention(facts.accounts, facts.today, limit=limit),
        limit=limit,
    )
