"""The tallies of a portfolio worked out in Python: the reference the store's SQL must match."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence

from handover.domain.analytics.facts import (
    DECISION_ROLES,
    IN_TOUCH_DAYS,
    PRECEDENT_RECURRENCES,
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
    PricedTotal,
    PromiseTally,
    RenewalHistory,
    ReturnTally,
    StakeholderTally,
    TacticTally,
)
from handover.domain.analytics.rules import (
    RuleBook,
    above,
    excess,
    live_at,
    maxed_out,
    renewal_day,
)
from handover.domain.analytics.stats import Sums, days_since, growing_steps
from handover.domain.records import (
    ApprovalLimit,
    CommitmentStatus,
    ConcessionKind,
    DiscountPolicy,
    Recurrence,
    Segment,
)


def gather(accounts: Iterable[AccountFact], concessions: Iterable[ConcessionFact],
           contacts: Iterable[ContactFact] = (), *, policies: Sequence[DiscountPolicy] = (),
           limits: Sequence[ApprovalLimit] = (), today: dt.date) -> PortfolioFacts:
    """The tallies of a portfolio from one fact per account, concession and contact: the
    reference for what `store.portfolio` gathers in SQL. Concessions of accounts not given
    (archived ones) are left out."""
    accounts = list(accounts)
    by_id = {a.id: a for a in accounts}
    concessions = sorted((c for c in concessions if c.account_id in by_id),
                         key=lambda c: (c.date, c.id))
    discounts: dict[Segment, list[float]] = defaultdict(list)
    priced = Sums(0, 0.0, 0.0)  # concessions, baseline, conceded
    returns = Sums(0, 0.0)  # concessions, conceded
    promises = Sums(0, 0.0, 0)  # promises, value, overdue
    exposures = Sums(0, 0.0, 0)  # concessions, value, known to others
    tactics = Sums(0, 0.0, 0, 0, 0.0)  # concessions, conceded, nothing, priced, discount sum
    negotiations: dict[tuple[int, str], list] = {}
    sizes: dict[tuple[int, str], list[float]] = defaultdict(list)
    next_ask: dict[int, str] = {}
    policy_candidates, breach_candidates, comebacks = [], [], []
    excess_by_currency: dict[str, float] = defaultdict(float)
    breaches = approved_above = 0
    same_kind: dict[tuple[int, ConcessionKind], list[ConcessionFact]] = defaultdict(list)
    for c in concessions:
        same_kind[(c.account_id, c.kind)].append(c)
    without_discount = judged = max_outs = one_offs = without_tactic = 0
    policy_book, limit_book = RuleBook(policies, "segment"), RuleBook(limits, "role")
    for c in concessions:
        account = by_id[c.account_id]
        pct = c.discount_pct
        if pct is None:
            without_discount += 1
        else:
            discounts[account.segment].append(pct)
            priced.add(c.account_id, 1, c.baseline_value, c.conceded_value)
            policy = policy_book.at(c.date, account.segment)
            limit = limit_book.at(c.date, c.granted_by_role)
            if policy is not None and above(pct, policy.max_pct):
                policy_candidates.append(c)
                excess_by_currency[account.currency] += excess(c, pct, policy.max_pct)
            if limit is not None:
                judged += 1
                max_outs += maxed_out(pct, limit.limit_pct)
                if above(pct, limit.limit_pct):
                    breach_candidates.append(c)
                    approved_above += c.approved
                    breaches += not c.approved
        returns.add((account.currency, c.answer), 1, c.conceded_value)
        for x in c.received:
            promises.add((account.currency, x.status), 1, x.value or 0.0,
                         x.status is CommitmentStatus.OPEN and x.due_date is not None
                         and x.due_date < today)
        key = c.negotiation_key
        if pct is not None:
            n = negotiations.setdefault((c.account_id, key), [c.date, 0.0, 0.0])
            n[1] = max(n[1], c.baseline_value)
            n[2] += c.conceded_value
        if c.conceded_value > 0:
            sizes[(c.account_id, key)].append(c.conceded_value)
        if c.recurrence is Recurrence.ONE_OFF:
            one_offs += 1
            later = next((d for d in same_kind[(c.account_id, c.kind)] if d.date > c.date),
                         None)
            if later is not None:
                comebacks.append(ComebackFact(c.account_id, c.id, c.kind, c.date, later.id,
                                              later.date))
        if (c.sets_precedent or c.recurrence in PRECEDENT_RECURRENCES) and live_at(
                c.date, c.expiry, renewal_day(account.renewal_date, today)):
            exposures.add(c.account_id, 1, c.conceded_value, c.known_to_others)
        if c.likely_next_ask.strip():
            next_ask[c.account_id] = c.likely_next_ask.strip()
        if not c.tactics:
            without_tactic += 1
        with_pct = () if pct is None else (1, pct)
        for tactic in c.tactics:
            tactics.add((tactic, account.currency), 1, c.conceded_value,
                        c.answer is Answer.NOTHING, *with_pct)
    histories: dict[int, list] = defaultdict(list)
    for (account_id, key), (start, baseline, conceded) in negotiations.items():
        histories[account_id].append((key, start, 100.0 * conceded / baseline))
    histories = {a: sorted(h, key=lambda n: (n[1], n[0])) for a, h in histories.items()}
    return PortfolioFacts(
        today=today, accounts=accounts, policies=tuple(policies), limits=tuple(limits),
        discounts={s: sorted(v) for s, v in discounts.items()},
        concessions=len(concessions), without_discount=without_discount,
        priced=priced.rows(PricedTotal),
        policy_candidates=policy_candidates,
        policy_tally=PolicyTally(len(policy_candidates), dict(excess_by_currency)),
        breach_candidates=breach_candidates,
        limit_tally=LimitTally(judged, max_outs, breaches, approved_above),
        returns=returns.rows(ReturnTally),
        promises=promises.rows(PromiseTally),
        renewal_candidates=[RenewalHistory(a, tuple(h)) for a, h in histories.items()
                            if len(h) >= 2],
        accounts_with_renewals=sum(len(h) >= 2 for h in histories.values()),
        size_candidates=[NegotiationSizes(a, k, tuple(s)) for (a, k), s in sizes.items()
                         if len(s) >= 2],
        negotiations_with_steps=sum(len(s) >= 2 for s in sizes.values()),
        growing_negotiations=sum(growing_steps(s) > 0 for s in sizes.values()),
        one_offs=one_offs, comebacks=comebacks, came_back=len(comebacks),
        exposures=exposures.rows(lambda a, n, v, k: ExposureTally(a, n, v, k,
                                                                   next_ask.get(a, ""))),
        tactics=tactics.rows(TacticTally),
        without_tactic=without_tactic,
        stakeholders=stakeholder_tallies(contacts, today),
        detractors=[c for c in contacts if c.account_id in by_id and c.is_detractor],
    )


def stakeholder_tallies(contacts: Iterable[ContactFact],
                        today: dt.date) -> list[StakeholderTally]:
    """Per account: key stakeholders (influence >= 4 or a decision role), those out of
    touch (last contact more than IN_TOUCH_DAYS ago, or never), the longest silence among
    those contacted, decision makers (economic buyer, decision maker) and how many of them
    are in touch, and detractors (attitude <= -1 with influence >= 4)."""
    tallies: dict[int, list] = {}
    for c in contacts:
        t = tallies.setdefault(c.account_id, [0, 0, None, 0, 0, 0])
        days = days_since(c.last_contact, today)
        in_touch = days is not None and days <= IN_TOUCH_DAYS
        if c.is_key:
            t[0] += 1
            t[1] += not in_touch
            if days is not None:
                t[2] = days if t[2] is None else max(t[2], days)
        if c.buying_role in DECISION_ROLES:
            t[3] += 1
            t[4] += in_touch
        t[5] += c.is_detractor
    return [StakeholderTally(a, *t) for a, t in tallies.items()]
