"""The portfolio figures of DESIGN.md's "Analytics": pure functions over gathered facts.

How the figures are computed, once for all of them:

- A concession's **discount %** is 100 x conceded value / baseline value, for the price kinds
  (`records.PRICE_KINDS`) with a baseline above zero; other concessions (payment terms, an
  extension, a zero baseline ...) have none and are left out of every %-figure, while they
  still count in the counts and money figures.
- **Percentiles** are by linear interpolation between the closest ranks of the sorted
  values (the "inclusive" method of `statistics.quantiles`, numpy's default): the p-th
  percentile of x[0] <= ... <= x[n-1] is x[k] + f * (x[k+1] - x[k]) with k + f = p * (n-1).
- **Currencies**: money is never added across currencies. Every amount is reported per
  currency (the account's currency; a concession and its return are in it), and so are
  ratios of amounts (share by value, reciprocity). Counts, shares by count and percentages
  pool all currencies, because a percentage means the same in each.
- **Policy as it stood that day**: a concession is judged by the discount policy of its
  account's segment, and by the approval limit of its granter's role, that were in force
  on the concession's date (`records.in_force`). People's roles are not dated, so the
  granter's present role is used.
- **Negotiations**: concessions are grouped by their `negotiation` name; one without a name
  is taken as part of its calendar year's negotiation (named "2025").
- Archived accounts are not part of the portfolio.

The facts come from `store.portfolio` (aggregated in SQL) or from `gather` (the same
aggregation in Python, over one fact per concession, as the tests use it).

The modules, from the bottom up (each imports only those above it): `stats` (pure
helpers) and `facts` (the inputs and thresholds); `rules` (a concession against the rules
in force on its day); `tallies` (`gather`); one module per group of figures: `discounts`,
`reciprocity`, `patterns`, `people`; and `report`, the whole report and its JSON shape.
Every public name is importable from `handover.domain.analytics` itself.
"""

from handover.domain.analytics.discounts import (
    Outlier,
    Outliers,
    SegmentBand,
    discount_bands,
    outliers,
    peer_outliers,
    policy_outliers,
)
from handover.domain.analytics.facts import (
    DECISION_ROLES,
    DECLINE,
    HEADROOM_RATIO,
    IN_TOUCH_DAYS,
    KEY_INFLUENCE,
    MAX_OUT_POINTS,
    PEER_MIN_ACCOUNTS,
    PEER_Z,
    PRECEDENT_RECURRENCES,
    RECENT_DAYS,
    AccountFact,
    Answer,
    ComebackFact,
    ConcessionFact,
    ContactFact,
    ExposureTally,
    LimitTally,
    NegotiationSizes,
    PolicyTally,
    PortfolioFacts,
    PrecedentTally,
    PricedTotal,
    PromiseTally,
    Received,
    RenewalHistory,
    ReturnTally,
    StakeholderTally,
    TacticTally,
    discount_pct,
    negotiation_key,
)
from handover.domain.analytics.patterns import (
    Authority,
    Breach,
    Comeback,
    Comebacks,
    Creep,
    Escalation,
    Exposure,
    GrowingNegotiation,
    NegotiationDiscount,
    PrecedentExposure,
    RenewalTrend,
    Tactics,
    TacticYield,
    authority,
    comebacks,
    creep,
    escalation,
    precedent_exposure,
    tactic_yield,
)
from handover.domain.analytics.people import (
    AccountRelationship,
    Attention,
    Detractor,
    Neglected,
    Relationships,
    SegmentAttention,
    attention,
    relationships,
)
from handover.domain.analytics.reciprocity import (
    CurrencyDelivery,
    CurrencyGiveAndGet,
    Delivery,
    GiveAndGet,
    delivery,
    give_and_get,
)
from handover.domain.analytics.report import (
    CURRENCY_RULE,
    PortfolioReport,
    portfolio_report,
)
from handover.domain.analytics.rules import (
    RuleBook,
    renewal_day,
)
from handover.domain.analytics.stats import (
    BAND_QUANTILES,
    EPSILON,
    RankedValues,
    percentile,
    percentile_ranks,
    slope,
)
from handover.domain.analytics.tallies import (
    gather,
    stakeholder_tallies,
)

__all__ = [
    "AccountFact",
    "AccountRelationship",
    "Answer",
    "Attention",
    "Authority",
    "BAND_QUANTILES",
    "Breach",
    "CURRENCY_RULE",
    "Comeback",
    "ComebackFact",
    "Comebacks",
    "ConcessionFact",
    "ContactFact",
    "Creep",
    "CurrencyDelivery",
    "CurrencyGiveAndGet",
    "DECISION_ROLES",
    "DECLINE",
    "Delivery",
    "Detractor",
    "EPSILON",
    "Escalation",
    "Exposure",
    "ExposureTally",
    "GiveAndGet",
    "GrowingNegotiation",
    "HEADROOM_RATIO",
    "IN_TOUCH_DAYS",
    "KEY_INFLUENCE",
    "LimitTally",
    "MAX_OUT_POINTS",
    "Neglected",
    "NegotiationDiscount",
    "NegotiationSizes",
    "Outlier",
    "Outliers",
    "PEER_MIN_ACCOUNTS",
    "PEER_Z",
    "PRECEDENT_RECURRENCES",
    "PolicyTally",
    "PortfolioFacts",
    "PortfolioReport",
    "PrecedentExposure",
    "PrecedentTally",
    "PricedTotal",
    "PromiseTally",
    "RECENT_DAYS",
    "RankedValues",
    "Received",
    "Relationships",
    "RenewalHistory",
    "RenewalTrend",
    "ReturnTally",
    "RuleBook",
    "SegmentAttention",
    "SegmentBand",
    "StakeholderTally",
    "TacticTally",
    "TacticYield",
    "Tactics",
    "attention",
    "authority",
    "comebacks",
    "creep",
    "delivery",
    "discount_bands",
    "discount_pct",
    "escalation",
    "gather",
    "give_and_get",
    "negotiation_key",
    "outliers",
    "peer_outliers",
    "percentile",
    "percentile_ranks",
    "policy_outliers",
    "portfolio_report",
    "precedent_exposure",
    "relationships",
    "renewal_day",
    "slope",
    "stakeholder_tallies",
    "tactic_yield",
]
