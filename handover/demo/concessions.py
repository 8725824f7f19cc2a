"""The demo's concessions: the negotiations of an account, each concession given in them with
its value against the discount policy of the day, who granted and approved it, the buyer's
tactics, and what the customer promised in return."""

from __future__ import annotations

import datetime as dt

from handover.demo.deal_texts import (
    CONCESSION_NOTES,
    IN_RETURN,
    LIKELY_NEXT,
    NEGOTIATION_WEIGHTS,
    NEGOTIATIONS,
    NOTE_AT_PERIOD_END,
    NOTE_ON_PRICE,
    NOTES_UNPROMPTED,
    TRIGGER_TACTICS,
    WHY,
)
from handover.demo.placeholders import Fill, as_money, long_date
from handover.demo.promises import make_promise
from handover.demo.shape import (
    CONCESSIONS,
    DAMAGED,
    HALF_POINTS,
    HEALTHY,
    LARGE_CONCESSIONS,
    NEGLECTED,
    SCOPE_WEIGHTS,
    SCOPES,
    STEADY,
)
from handover.demo.state import AccountPlan, MakerState
from handover.domain.records import (
    AskedBy,
    Baseline,
    Commitment,
    Concession,
    ConcessionKind,
    Direction,
    Person,
    Recurrence,
    Segment,
    Tactic,
    Trigger,
)


def make_concessions(maker: MakerState, acct: AccountPlan, outgoing: Person, large: bool):
    """The concessions of `acct`, negotiation by negotiation, with what the customer
    promised in return for each, and the negotiation a handover should name: the worst."""
    rng = maker.rng
    if large:
        n = LARGE_CONCESSIONS
    elif acct.profile == NEGLECTED:
        n = rng.randint(1, 3)
    else:
        low, high = CONCESSIONS[acct.segment]
        n = rng.randint(low, high)
        n = int(n * {HEALTHY: 0.8, STEADY: 1.0, DAMAGED: 1.35}[acct.profile])
    concessions: list[Concession] = []
    returns: list[Commitment] = []
    span = (acct.last_day - acct.since).days
    worst_negotiation = ""
    weights = NEGOTIATION_WEIGHTS[acct.profile]
    # the more concessions, the more of them are for one site or product line only
    acct.scope_weights = next(w for most, w in SCOPE_WEIGHTS if n <= most)
    plan = []  # the negotiations: when, what kind, how many concessions
    planned = 0
    while planned < n:
        k = min(n - planned, rng.choice((1, 1, 2, 2, 3, 4)))
        plan.append((acct.since + dt.timedelta(days=rng.randint(0, span)),
                     rng.choices(NEGOTIATIONS, weights)[0], k))
        planned += k
    plan.sort(key=lambda p: p[0])
    nothing_forced = acct.profile == DAMAGED
    for number, (start, (label, triggers, kinds), k) in enumerate(plan):
        fill = Fill(maker, acct, start, False)
        negotiation = label.format_map(fill)
        trigger = rng.choice(triggers)
        # a negotiation that goes badly gives more at every round; a good one, less
        growing = acct.profile == DAMAGED and rng.random() < 0.7
        for step in range(k):
            day = min(acct.last_day, start + dt.timedelta(days=step * rng.randint(2, 9)))
            kind = rng.choices([kk for kk, _ in kinds], [w for _, w in kinds])[0]
            if acct.profile == DAMAGED and number == len(plan) - 1 and step == 0:
                # the damage shows in the latest negotiation: a discount beyond policy
                kind, beyond = ConcessionKind.PRICE_DISCOUNT, True
            else:
                beyond = kind is ConcessionKind.PRICE_DISCOUNT and (
                    (acct.profile == DAMAGED and rng.random() < 0.35)
                    or (acct.profile == STEADY and rng.random() < 0.06))
            if beyond:
                worst_negotiation = negotiation
            nothing = nothing_forced or rng.random() < {
                HEALTHY: 0.12, STEADY: 0.25, DAMAGED: 0.5, NEGLECTED: 0.2}[acct.profile]
            nothing_forced = False
            scale = (1 + 0.25 * step) if growing else (1 - 0.2 * step)
            concession, got = make_concession(maker, acct, day, kind, trigger, negotiation,
                                              beyond, nothing, scale, outgoing)
            concessions.append(concession)
            returns += got
    return concessions, returns, worst_negotiation or (
        concessions[-1].negotiation if concessions else "")


def make_concession(maker: MakerState, acct: AccountPlan, day: dt.date, kind: ConcessionKind,
                    trigger: Trigger, negotiation: str, beyond: bool, nothing: bool,
                    scale: float, outgoing: Person) -> tuple[Concession, list[Commitment]]:
    """One concession of `kind` given on `day`: its value against the policy in force,
    who granted and approved it, the buyer's tactics, its notes, and the promises the
    customer made in return (none where `nothing`)."""
    rng = maker.rng
    profile = acct.profile
    policy = maker.rule_in_force(maker.policies, day, segment=acct.segment)
    terms_before = terms_after = ""
    baseline = Baseline.LIST_PRICE
    expiry: dt.date | None = None
    # the whole contract, or one site or product line of it
    scope = rng.choices(SCOPES, acct.scope_weights)[0]
    base_value = round(acct.contract_value * scope * rng.uniform(0.8, 1.0), -2)
    if kind is ConcessionKind.PRICE_DISCOUNT:
        baseline = rng.choice((Baseline.LIST_PRICE, Baseline.LIST_PRICE,
                               Baseline.PRIOR_CONTRACT))
        if beyond:
            pct = policy.max_pct + rng.uniform(1, 12)
        else:
            pct = rng.uniform(0.35, 0.95 if profile != DAMAGED else 1.0) * policy.max_pct
            if profile == DAMAGED:  # the discount creeps up over the years
                pct += 3 * (day - acct.since).days / 365
            pct = min(pct, policy.max_pct - 0.1)
    elif kind is ConcessionKind.PAYMENT_TERMS:
        baseline = Baseline.STANDARD_TERMS
        days = rng.choice((45, 60, 60, 75, 90))
        terms_before, terms_after = "net 30", f"net {days}"
        pct = (days - 30) / 365 * 8  # the cost of the money we wait for
    elif kind is ConcessionKind.EARLY_PAYMENT_DISCOUNT:
        baseline = Baseline.STANDARD_TERMS
        terms_before, terms_after = "net 30", "2% within 10 days, net 30"
        pct = 2.0
    elif kind is ConcessionKind.PRICE_FREEZE:
        baseline = Baseline.PRIOR_CONTRACT
        expiry = day + dt.timedelta(days=rng.choice((365, 548, 730)))
        terms_before = "annual indexation (CPI + 1.5%)"
        terms_after = f"prices frozen until {long_date(expiry)}"
        pct = rng.uniform(2, 5)
    elif kind is ConcessionKind.CONTRACT_EXTENSION:
        baseline = Baseline.PRIOR_CONTRACT
        end = day + dt.timedelta(days=rng.randint(60, 300))
        expiry = end + dt.timedelta(days=730)
        terms_before = f"contract ends {long_date(end)}"
        terms_after = f"extended to {long_date(expiry)} at today's prices"
        pct = rng.uniform(1, 3.5)
    elif kind is ConcessionKind.SERVICE_LEVEL_UPGRADE:
        baseline = Baseline.STANDARD_TERMS
        terms_before = "Standard SLA: next-business-day response"
        terms_after = "Premium SLA: 4-hour response, 24/7"
        pct = rng.uniform(1, 4)
    elif kind is ConcessionKind.MOST_FAVOURED_CUSTOMER:
        baseline = Baseline.PRIOR_CONTRACT
        terms_before = "no price-parity clause"
        terms_after = "most-favoured-customer clause on list prices"
        base_value, pct = 0.0, 0.0  # not quantified: that is its danger
    elif kind is ConcessionKind.OTHER:
        baseline = Baseline.STANDARD_TERMS
        terms_before = "storage charged at cost"
        terms_after = "free storage of their safety stock"
        pct = rng.uniform(0.5, 2)
    else:
        baseline = Baseline.PRIOR_CONTRACT if kind is ConcessionKind.CREDIT_WRITE_OFF \
            else Baseline.LIST_PRICE
        pct = {ConcessionKind.REBATE: (1, 5), ConcessionKind.VOLUME_BONUS: (2, 6),
               ConcessionKind.FREE_GOODS_SERVICES: (1, 6),
               ConcessionKind.CREDIT_WRITE_OFF: (2, 12)}[kind]
        pct = rng.uniform(*pct)
        if kind is ConcessionKind.CREDIT_WRITE_OFF:
            expiry = day  # credited once
    if not beyond and kind is not ConcessionKind.PRICE_DISCOUNT:
        pct *= scale
    elif not beyond:
        pct = min(pct * scale, policy.max_pct - 0.1)
    pct = max(0.0, pct)

    # who gave it, and with whose approval
    owner = outgoing if day < maker.today - dt.timedelta(days=120) else acct.owner
    lead = maker.lead_of.get(owner.id, maker.leads[0])
    granter = owner
    if acct.segment is Segment.STRATEGIC and rng.random() < 0.3 or \
            pct > 15 and rng.random() < 0.5:
        granter = lead
    limit = maker.rule_in_force(maker.limits, day, role=granter.role).limit_pct
    if granter is owner and kind is ConcessionKind.PRICE_DISCOUNT and not beyond \
            and rng.random() < 0.25 and pct < limit:
        pct = limit - rng.uniform(0, 0.9)  # people give all they may
    approved = None
    if pct > limit:
        approver = lead if granter is owner else next(
            (p for p in maker.leads if p.id != granter.id), None)
        if rng.random() < {HEALTHY: 0.97, STEADY: 0.9, DAMAGED: 0.6, NEGLECTED: 0.9}[profile]:
            approved = approver
    if kind in HALF_POINTS:
        pct = round(pct * 2) / 2  # percentages are negotiated in half points
        if not beyond and kind is ConcessionKind.PRICE_DISCOUNT:
            pct = min(pct, policy.max_pct)
        conceded = float(round(base_value * pct / 100))
    else:  # an estimate of what it costs us
        conceded = round(base_value * pct / 100, -2 if base_value * pct >= 1e6 else -1)

    if kind is ConcessionKind.PRICE_DISCOUNT or kind is ConcessionKind.REBATE:
        recurrence = rng.choices(
            (Recurrence.ONE_OFF, Recurrence.RECURRING, Recurrence.PERMANENT),
            (5, 4, 2) if profile == DAMAGED else (6, 3, 1))[0]
    elif kind in (ConcessionKind.PAYMENT_TERMS, ConcessionKind.MOST_FAVOURED_CUSTOMER,
                  ConcessionKind.SERVICE_LEVEL_UPGRADE):
        recurrence = Recurrence.PERMANENT
    else:
        recurrence = Recurrence.ONE_OFF
    if expiry is None and recurrence is Recurrence.ONE_OFF:
        expiry = day + dt.timedelta(days=rng.choice((90, 180, 365, 365)))
    elif expiry is None and recurrence is Recurrence.RECURRING and rng.random() < 0.85:
        # runs to the next renewal, where it comes back as a concession of its own
        expiry = day + dt.timedelta(days=rng.randint(330, 400))
    precedent = recurrence is not Recurrence.ONE_OFF and rng.random() < 0.5 or \
        beyond or rng.random() < 0.1
    known = precedent and rng.random() < (0.4 if profile == DAMAGED else 0.15)

    unprompted = rng.random() < (0.25 if profile == DAMAGED else 0.1)
    tactics: list[Tactic] = []
    if not unprompted:
        typical = TRIGGER_TACTICS[trigger]
        count = rng.choice((1, 2, 2, 3) if profile == DAMAGED else (0, 1, 1, 2))
        for _ in range(count):
            tactic = rng.choice(typical) if rng.random() < 0.7 else rng.choice(list(Tactic))
            if tactic not in tactics:
                tactics.append(tactic)

    cid = maker.take("concessions")
    asker = acct.hostile if acct.hostile and rng.random() < 0.5 else \
        rng.choice(acct.negotiators)
    fill = Fill(maker, acct, day, False, c1=asker)
    fill["pct"] = f"{pct:g}" if kind in HALF_POINTS else f"{pct:.0f}"
    fill["pct2"] = f"{max(pct * rng.uniform(1.4, 2.0), pct + 4):.0f}"
    got: list[Commitment] = []
    blank = not nothing and rng.random() < (0.06 if profile == DAMAGED else 0.015)
    if not nothing and not blank:
        if not base_value:
            groups = ("term", "soft")
        elif kind in (ConcessionKind.EARLY_PAYMENT_DISCOUNT, ConcessionKind.PAYMENT_TERMS):
            groups = ("pay", "term")
        else:
            groups = ("volume", "volume", "term", "soft")
        offers = [o for o in IN_RETURN[rng.choice(groups)] if base_value or o[1] is None]
        for text, share in rng.sample(offers, min(len(offers), rng.choice((1, 1, 1, 2)))):
            value = round(base_value * share, -2) if share else None
            if value:
                fill["value"] = as_money(value, acct.currency)
                fill["share"] = f"{100 * share:.0f}"
            got.append(make_promise(maker, acct, Direction.THEIRS, text.format_map(fill),
                                    day, rng.randint(60, 365), granter, fill.c1,
                                    value=value, concession_id=cid))
    if nothing:
        outcome = rng.choice(("Nothing in return.", "**Nothing in return**: we wanted "
                              "it over with.", "No counter-offer asked for."))
    elif blank:
        outcome = ""
    else:
        outcome = f"In return: {got[0].description[0].lower()}{got[0].description[1:]}."
    fill["why"] = WHY[trigger].format_map(fill)
    fill["outcome"] = outcome
    notes = NOTES_UNPROMPTED if unprompted else CONCESSION_NOTES
    if kind in HALF_POINTS and not unprompted:
        notes += (NOTE_ON_PRICE,)
    if trigger is Trigger.PERIOD_END:
        notes += (NOTE_AT_PERIOD_END,)
    notes = rng.choice(notes).format_map(fill).strip()
    likely = ""
    if precedent or recurrence is not Recurrence.ONE_OFF or rng.random() < 0.2:
        likely = rng.choice(LIKELY_NEXT[kind]).format_map(fill)
    concession = Concession(
        account_id=acct.id, date=day, kind=kind, baseline=baseline,
        baseline_value=base_value, conceded_value=conceded, terms_before=terms_before,
        terms_after=terms_after,
        asked_by=AskedBy.US_UNPROMPTED if unprompted else AskedBy.CUSTOMER,
        trigger=trigger, tactics=frozenset(tactics), granted_by_id=granter.id,
        approved_by_id=approved.id if approved else None, recurrence=recurrence,
        sets_precedent=precedent, known_to_others=known, expiry=expiry,
        nothing_in_return=nothing, likely_next_ask=likely, negotiation=negotiation,
        notes=notes, id=cid)
    return concession, got
