"""The demo's words for the deals: what a customer gives in return for a concession, what
they will ask next, the notes on a concession and why it was asked for, the negotiations
concessions come in, and the promises made on both sides."""

from __future__ import annotations

from handover.demo.shape import DAMAGED, HEALTHY, NEGLECTED, STEADY
from handover.domain.records import ConcessionKind, Tactic, Trigger

# kind: (what the customer promised in return, value as a share of the baseline or None)
IN_RETURN: dict[str, tuple[tuple[str, float | None], ...]] = {
    "volume": (("Raise the volume under this deal by {share}% ({value} a year)", 0.15),
               ("Move the {city2} site onto our contract", 0.25),
               ("Order the full {year} forecast volume, not just the minimum", 0.1)),
    "term": (("Sign a three-year framework agreement", None),
             ("Extend the contract to {year2} without a tender", None),
             ("Commit to us as sole supplier for {year}", 0.2)),
    "pay": (("Pay all invoices within 10 days", None),
            ("Clear the overdue invoices ({value})", 0.05)),
    "soft": (("Act as a reference customer: two reference calls a year", None),
             ("Publish a joint case study", None),
             ("Introduce us to the group's buying team in {city2}", None),
             ("Provide a rolling 12-month volume forecast every quarter", None)),
}

LIKELY_NEXT: dict[ConcessionKind, tuple[str, ...]] = {
    ConcessionKind.PRICE_DISCOUNT: ("Will take the {pct}% as the starting point at the next "
                                    "renewal and ask for more.",
                                    "Expects the same discount for the {city2} site.",
                                    "Will ask for the discount on spare parts as well."),
    ConcessionKind.REBATE: ("Will ask to lower the rebate threshold.",),
    ConcessionKind.VOLUME_BONUS: ("Will ask for the bonus even if volume falls short.",),
    ConcessionKind.PAYMENT_TERMS: ("Will ask for net 90 next, citing group treasury policy.",),
    ConcessionKind.PRICE_FREEZE: ("Will ask to extend the freeze for another year.",),
    ConcessionKind.CREDIT_WRITE_OFF: ("Will cite this credit at the next service incident.",),
    ConcessionKind.FREE_GOODS_SERVICES: ("Expects the free training days every year.",),
    ConcessionKind.SERVICE_LEVEL_UPGRADE: ("Will ask for the premium SLA at no charge for "
                                           "the other sites.",),
    ConcessionKind.MOST_FAVOURED_CUSTOMER: ("Will ask for proof of parity whenever they "
                                            "hear of a deal elsewhere.",),
    ConcessionKind.CONTRACT_EXTENSION: ("Will ask to freeze prices over the extension too.",),
    ConcessionKind.EARLY_PAYMENT_DISCOUNT: ("Will keep the 2% even when paying late.",),
    ConcessionKind.OTHER: ("Will expect the free storage to continue.",),
}

CONCESSION_NOTES = ("Asked by **{c1}** ({t1}) {why}. {outcome}", "{outcome}", "")
NOTES_UNPROMPTED = ("We offered it before they asked, to keep the peace. {outcome}",
                    "Our idea, not theirs: {c1} had not asked. {outcome}", "{outcome}")
NOTE_ON_PRICE = "{c1} opened with a demand for {pct2}%; we settled at {pct}%. {outcome}"
NOTE_AT_PERIOD_END = "Granted in the last week of the quarter. {outcome}"
WHY = {
    Trigger.COMPETITOR_QUOTE: "with a {competitor} quote on the table",
    Trigger.BUDGET: "after their budget was cut",
    Trigger.CHURN_THREAT: "after threatening to move the volume to {competitor}",
    Trigger.SERVICE_FAILURE_REMEDY: "as a remedy for the {month_past} delivery failures",
    Trigger.VOLUME_OR_EXPANSION: "while the {city2} expansion was being decided",
    Trigger.PERIOD_END: "in the last days of the quarter",
    Trigger.PROCUREMENT_MANDATE: "because group procurement demands {pct2}% from every "
                                 "supplier",
    Trigger.PRICE_INCREASE_PUSHBACK: "in response to our price increase",
    Trigger.OTHER: "during the contract review",
}
# trigger: tactics the buyer typically used with it
TRIGGER_TACTICS: dict[Trigger, tuple[Tactic, ...]] = {
    Trigger.COMPETITOR_QUOTE: (Tactic.COMPETITOR_QUOTE, Tactic.VISE, Tactic.EXTREME_ANCHOR),
    Trigger.BUDGET: (Tactic.FLINCH, Tactic.BOGEY, Tactic.HIGHER_AUTHORITY),
    Trigger.CHURN_THREAT: (Tactic.ULTIMATUM, Tactic.EMOTIONAL_PRESSURE,
                           Tactic.GOOD_COP_BAD_COP),
    Trigger.SERVICE_FAILURE_REMEDY: (Tactic.EMOTIONAL_PRESSURE, Tactic.NIBBLE),
    Trigger.VOLUME_OR_EXPANSION: (Tactic.SPLIT_THE_DIFFERENCE, Tactic.NIBBLE,
                                  Tactic.SNOW_JOB),
    Trigger.PERIOD_END: (Tactic.DEADLINE_PRESSURE, Tactic.NIBBLE),
    Trigger.PROCUREMENT_MANDATE: (Tactic.LATE_PROCUREMENT_SQUEEZE, Tactic.HIGHER_AUTHORITY,
                                  Tactic.VISE),
    Trigger.PRICE_INCREASE_PUSHBACK: (Tactic.FLINCH, Tactic.EXTREME_ANCHOR, Tactic.VISE),
    Trigger.OTHER: (Tactic.NIBBLE, Tactic.SPLIT_THE_DIFFERENCE),
}
# negotiation kind: (label, triggers, concession kinds with weights)
NEGOTIATIONS: tuple[tuple[str, tuple[Trigger, ...], tuple[tuple[ConcessionKind, int], ...]],
                    ...] = (
    ("{year} renewal",
     (Trigger.COMPETITOR_QUOTE, Trigger.BUDGET, Trigger.CHURN_THREAT,
      Trigger.PROCUREMENT_MANDATE, Trigger.PRICE_INCREASE_PUSHBACK),
     ((ConcessionKind.PRICE_DISCOUNT, 10), (ConcessionKind.PAYMENT_TERMS, 3),
      (ConcessionKind.PRICE_FREEZE, 2), (ConcessionKind.CONTRACT_EXTENSION, 2),
      (ConcessionKind.REBATE, 2), (ConcessionKind.MOST_FAVOURED_CUSTOMER, 1))),
    ("{year} price increase",
     (Trigger.PRICE_INCREASE_PUSHBACK,),
     ((ConcessionKind.PRICE_FREEZE, 4), (ConcessionKind.PRICE_DISCOUNT, 4),
      (ConcessionKind.REBATE, 1))),
    ("{quarter} volume deal",
     (Trigger.VOLUME_OR_EXPANSION, Trigger.PERIOD_END),
     ((ConcessionKind.VOLUME_BONUS, 4), (ConcessionKind.PRICE_DISCOUNT, 4),
      (ConcessionKind.FREE_GOODS_SERVICES, 2), (ConcessionKind.EARLY_PAYMENT_DISCOUNT, 1))),
    ("Service failure ({month_short})",
     (Trigger.SERVICE_FAILURE_REMEDY,),
     ((ConcessionKind.CREDIT_WRITE_OFF, 5), (ConcessionKind.FREE_GOODS_SERVICES, 3),
      (ConcessionKind.SERVICE_LEVEL_UPGRADE, 2), (ConcessionKind.PRICE_DISCOUNT, 1))),
    ("{city2} rollout",
     (Trigger.VOLUME_OR_EXPANSION,),
     ((ConcessionKind.PRICE_DISCOUNT, 4), (ConcessionKind.FREE_GOODS_SERVICES, 2),
      (ConcessionKind.SERVICE_LEVEL_UPGRADE, 1), (ConcessionKind.OTHER, 1))),
    ("{year} procurement review",
     (Trigger.PROCUREMENT_MANDATE, Trigger.BUDGET),
     ((ConcessionKind.PAYMENT_TERMS, 3), (ConcessionKind.PRICE_DISCOUNT, 3),
      (ConcessionKind.EARLY_PAYMENT_DISCOUNT, 1), (ConcessionKind.REBATE, 2))),
)
NEGOTIATION_WEIGHTS = {HEALTHY: (5, 2, 4, 1, 3, 2), STEADY: (5, 3, 3, 2, 1, 2),
                       DAMAGED: (5, 3, 1, 4, 1, 2), NEGLECTED: (5, 1, 1, 1, 0, 1)}

OURS = (
    ("Send the root-cause analysis for the {month_past} delivery failures", 21),
    ("Assign a named service engineer to the {city} site", 30),
    ("Correct the invoicing errors and issue credit notes", 14),
    ("Run a quarterly business review with {c1}", 90),
    ("Deliver the roadmap preview for next year's release", 45),
    ("Train {n_sites} new operators at {city2}", 60),
    ("Confirm next year's prices in writing", 30),
    ("Cut lead times on spare parts to 48 hours", 120),
    ("Propose a rollout plan for {city2}", 30),
)
THEIRS = (
    ("Provide a 12-month volume forecast", 30),
    ("Sign the updated data-processing agreement", 21),
    ("Confirm budget for the {city2} rollout", 60),
    ("Pay the overdue invoices ({amount})", 14),
    ("Nominate a project lead for the migration", 21),
    ("Share the tender timeline and evaluation criteria", 30),
    ("Give us access to the {city} site for the audit", 14),
)
