"""The facts the portfolio analytics need, aggregated in SQL, and the report built on them.

Each query hands `domain.analytics` a tally (counts and sums) or a short list, never one
row per concession (only the discount % of each priced concession, for the percentiles):
on 100,000 concessions fetching rows into Python costs more than SQLite's aggregation.
The lists (`*_candidates`) hold the first items in the order the figure lists them, or a
superset of what it flags; the domain still decides which to keep. The SQL restates the
domain's rules for the counts, so tests check that both paths give the same report."""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict

from handover.domain import analytics as an
from handover.domain.records import (
    PRICE_KINDS,
    ApprovalLimit,
    BuyingRole,
    CommitmentStatus,
    ConcessionKind,
    DiscountPolicy,
    Role,
    Segment,
    Tactic,
)
from handover.store.workspace import Workspace

_PRICED = ("c.kind IN ({}) AND c.baseline_value > 0"
           .format(", ".join(f"'{k.value}'" for k in sorted(PRICE_KINDS))))
_PCT = "100.0 * c.conceded_value / c.baseline_value"
_KEY = "CASE WHEN c.negotiation <> '' THEN c.negotiation ELSE substr(c.date, 1, 4) END"
_ACTIVE = "JOIN accounts a ON a.id = c.account_id AND a.archived = 0"
_DECISION = ", ".join(f"'{r.value}'" for r in sorted(an.DECISION_ROLES))
# SQL narrows with this much slack, so that rounding never drops a case the domain keeps.
_SLACK = 1e-6

_ACCOUNTS_SQL = """
SELECT a.id, a.name, a.segment, a.currency, a.current_revenue, a.potential_revenue,
       a.renewal_date,
       (SELECT count(*) FROM interactions i
         WHERE i.account_id = a.id AND i.date > :recent AND i.date <= :today),
       (SELECT max(i.date) FROM interactions i
         WHERE i.account_id = a.id AND i.date <= :today),
       (SELECT avg(i.sentiment) FROM interactions i
         WHERE i.account_id = a.id AND i.date > :recent AND i.date <= :today),
       (SELECT avg(i.sentiment) FROM interactions i
         WHERE i.account_id = a.id AND i.date > :before AND i.date <= :recent)
FROM accounts a WHERE a.archived = 0 ORDER BY a.id
"""

# The rule in force on a day is the one with the latest effective_from not after it; of two
# on the same day the first stored, as records.in_force picks them.
_RULES_CTE = f"""
WITH pol AS (
  SELECT segment, effective_from AS f, max_pct,
         lead(effective_from) OVER (PARTITION BY segment
                                    ORDER BY effective_from, id DESC) AS t
  FROM discount_policies),
lim AS (
  SELECT role, effective_from AS f, limit_pct,
         lead(effective_from) OVER (PARTITION BY role ORDER BY effective_from, id DESC) AS t
  FROM approval_limits),
priced AS MATERIALIZED (
  SELECT c.id, c.account_id, a.currency, c.date, c.kind, c.baseline_value, c.conceded_value,
         p.role, c.approved_by_id IS NOT NULL AND c.approved_by_id IS NOT c.granted_by_id
           AS approved,
         {_PCT} AS pct,
         (SELECT max_pct FROM pol WHERE pol.segment = a.segment AND pol.f <= c.date
            AND (pol.t IS NULL OR c.date < pol.t)) AS max_pct,
         (SELECT limit_pct FROM lim WHERE lim.role = p.role AND lim.f <= c.date
            AND (lim.t IS NULL OR c.date < lim.t)) AS limit_pct
  FROM concessions c {_ACTIVE} LEFT JOIN people p ON p.id = c.granted_by_id
  WHERE {_PRICED})
"""

# The discount % of every priced concession comes to Python for the percentiles.
_PRICED_SQL = f"""
SELECT c.account_id, c.baseline_value, c.conceded_value FROM concessions c {_ACTIVE}
WHERE {_PRICED}
"""

# Per currency: concessions above their policy maximum and their excess, and those judged
# by their granter's limit, maxing it out, breaching it or above it with approval; then the
# first `limit` above policy and breaching a limit, in the order analytics lists them.
_RULES_SQL = _RULES_CTE + """,
judged AS (
  SELECT *, pct > max_pct + :epsilon AS above_policy,
         pct > limit_pct + :epsilon AS above_limit
  FROM priced)
SELECT 'tally', currency, sum(above_policy),
       total(CASE WHEN above_policy THEN (pct - max_pct) / 100.0 * baseline_value END),
       count(limit_pct),
       sum(pct >= limit_pct - :max_out - :epsilon AND pct <= limit_pct + :epsilon),
       sum(above_limit AND NOT approved), sum(above_limit AND approved),
       NULL, NULL, NULL, NULL
FROM judged GROUP BY currency
UNION ALL
SELECT * FROM (
  SELECT 'policy', NULL, id, account_id, date, kind, baseline_value, conceded_value, role,
         approved, NULL, NULL
  FROM judged WHERE above_policy
  ORDER BY (pct - max_pct) / 100.0 * baseline_value DESC, id LIMIT :limit)
UNION ALL
SELECT * FROM (
  SELECT 'breach', NULL, id, account_id, date, kind, baseline_value, conceded_value, role,
         approved, NULL, NULL
  FROM judged WHERE above_limit AND NOT approved
  ORDER BY (pct - limit_pct) / 100.0 * baseline_value DESC, id LIMIT :limit)
"""

_RECEIVED = """(SELECT concession_id, total(CASE WHEN status <> 'withdrawn' THEN value END)
                 AS value
               FROM commitments WHERE concession_id IS NOT NULL AND direction = 'theirs'
               GROUP BY concession_id)"""

_RETURNS_SQL = f"""
SELECT a.currency,
       CASE WHEN r.concession_id IS NOT NULL THEN 'received'
            WHEN c.nothing_in_return THEN 'nothing' ELSE 'unanswered' END,
       count(*), total(c.conceded_value), total(r.value), sum(c.recurrence = 'one_off'),
       sum(NOT EXISTS (SELECT 1 FROM concession_tactics t WHERE t.concession_id = c.id))
FROM concessions c {_ACTIVE} LEFT JOIN {_RECEIVED} r ON r.concession_id = c.id
GROUP BY 1, 2
"""

_PROMISES_SQL = """
SELECT a.currency, m.status, count(*), total(m.value),
       sum(m.status = 'open' AND m.due_date IS NOT NULL AND m.due_date < :today)
FROM commitments m JOIN concessions c ON c.id = m.concession_id
JOIN accounts a ON a.id = c.account_id AND a.archived = 0
WHERE m.concession_id IS NOT NULL AND m.direction = 'theirs'
GROUP BY 1, 2
"""

# Accounts with two negotiations or more whose slope may be above zero (its numerator,
# sum(i * pct) - sum(i) * mean(pct), is), with their negotiations in order; then one row
# that counts every account with two negotiations or more.
_RENEWALS_SQL = f"""
WITH n AS (
  SELECT c.account_id, {_KEY} AS k, min(c.date) AS start,
         100.0 * sum(c.conceded_value) / max(c.baseline_value) AS pct
  FROM concessions c {_ACTIVE} WHERE {_PRICED} GROUP BY 1, 2),
o AS (
  SELECT account_id, k, start, pct,
         row_number() OVER (PARTITION BY account_id ORDER BY start, k) - 1 AS i,
         count(*) OVER (PARTITION BY account_id) AS cnt
  FROM n),
s AS MATERIALIZED (
  SELECT account_id, k, start, pct, i, cnt,
         sum(i * pct) OVER a - sum(i) OVER a * avg(pct) OVER a AS up
  FROM o WHERE cnt >= 2 WINDOW a AS (PARTITION BY account_id))
SELECT account_id, k, start, pct FROM s WHERE up > -:slack
UNION ALL
SELECT NULL, NULL, NULL, count(*) FROM s WHERE i = 0
ORDER BY 1, 3, 2
"""

# Negotiations with two concessions of a value or more, and how many of them grow; then the
# concessions of the first `limit` growing ones, in analytics.creep's order.
_SIZES_SQL = f"""
WITH s AS (
  SELECT c.account_id, {_KEY} AS k, c.conceded_value AS v, c.date, c.id,
         c.conceded_value > lag(c.conceded_value) OVER w AS up
  FROM concessions c {_ACTIVE} WHERE c.conceded_value > 0
  WINDOW w AS (PARTITION BY c.account_id, {_KEY} ORDER BY c.date, c.id)),
g AS MATERIALIZED (
  SELECT account_id, k, count(*) AS n, total(up) AS steps FROM s
  GROUP BY account_id, k HAVING count(*) >= 2),
top AS (
  SELECT account_id, k, steps, n FROM g WHERE steps > 0
  ORDER BY steps DESC, n DESC, account_id, k LIMIT :limit)
SELECT NULL, NULL, (SELECT count(*) FROM g), (SELECT count(*) FROM g WHERE steps > 0),
       NULL, NULL, NULL, NULL
UNION ALL
SELECT * FROM (
  SELECT s.account_id, s.k, s.v, NULL, top.steps, top.n, s.date, s.id
  FROM s JOIN top ON top.account_id = s.account_id AND top.k = s.k
  ORDER BY top.steps DESC, top.n DESC, s.account_id, s.k, s.date, s.id)
"""

# One-off concessions that came back (the first later one of the same kind): how many, then
# the first `limit` in analytics.comebacks' order.
_COMEBACKS_SQL = f"""
WITH back AS MATERIALIZED (
  SELECT * FROM (
    SELECT c.account_id, c.id, c.kind, c.date,
           (SELECT x.id FROM concessions x
             WHERE x.account_id = c.account_id AND x.kind = c.kind AND x.date > c.date
             ORDER BY x.date, x.id LIMIT 1) AS back_id
    FROM concessions c {_ACTIVE} WHERE c.recurrence = 'one_off')
  WHERE back_id IS NOT NULL)
SELECT NULL, NULL, NULL, NULL, count(*), NULL FROM back
UNION ALL
SELECT * FROM (
  SELECT back.account_id, back.id, back.kind, back.date, back_id, d.date
  FROM back JOIN concessions d ON d.id = back.back_id
  ORDER BY d.date DESC, back.id DESC LIMIT :limit)
"""

_EXPOSURE_SQL = f"""
SELECT e.account_id, e.n, e.value, e.known,
       (SELECT trim(x.likely_next_ask, ' \t\r\n') FROM concessions x
         WHERE x.account_id = e.account_id AND trim(x.likely_next_ask, ' \t\r\n') <> ''
         ORDER BY x.date DESC, x.id DESC LIMIT 1)
FROM (
  SELECT c.account_id, count(*) AS n, total(c.conceded_value) AS value,
         sum(c.known_to_others) AS known
  FROM concessions c {_ACTIVE}
  WHERE (c.sets_precedent OR c.recurrence IN ('recurring', 'permanent'))
    AND c.date <= CASE WHEN a.renewal_date >= :today THEN a.renewal_date ELSE :today END
    AND (c.expiry IS NULL OR c.expiry >=
         CASE WHEN a.renewal_date >= :today THEN a.renewal_date ELSE :today END)
  GROUP BY c.account_id) e
"""

_TACTICS_SQL = f"""
SELECT t.tactic, a.currency, count(*), total(c.conceded_value),
       sum(CASE WHEN c.nothing_in_return THEN NOT EXISTS (
         SELECT 1 FROM commitments m
         WHERE m.concession_id = c.id AND m.direction = 'theirs') ELSE 0 END),
       sum({_PRICED}), total(CASE WHEN {_PRICED} THEN {_PCT} END)
FROM concessions c CROSS JOIN concession_tactics t ON t.concession_id = c.id {_ACTIVE}
GROUP BY 1, 2
"""

_STAKEHOLDERS_SQL = f"""
WITH k AS (
  SELECT c.account_id, c.last_contact AS last, c.attitude, c.influence,
         c.influence >= :key OR c.buying_role IN ({_DECISION}) AS is_key,
         c.buying_role IN ({_DECISION}) AS is_dm,
         c.last_contact IS NOT NULL AND c.last_contact >= :touch AS in_touch,
         c.attitude <= -1 AND c.influence >= :key AS detractor
  FROM contacts c {_ACTIVE})
SELECT account_id, sum(is_key), sum(is_key AND NOT in_touch),
       min(CASE WHEN is_key THEN last END), sum(is_dm), sum(is_dm AND in_touch),
       sum(detractor)
FROM k GROUP BY account_id
"""

_DETRACTORS_SQL = f"""
SELECT c.id, c.account_id, c.name, c.buying_role, c.attitude, c.influence, c.last_contact
FROM contacts c {_ACTIVE} WHERE c.attitude <= -1 AND c.influence >= :key
"""


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


class _Timer:
    """Milliseconds per step, for the benchmark script."""

    def __init__(self):
        self.steps: dict[str, float] = {}
        self._last = time.perf_counter()

    def __call__(self, name: str) -> None:
        now = time.perf_counter()
        self.steps[name] = (now - self._last) * 1000
        self._last = now


def gather_facts(ws: Workspace, today: dt.date | None = None, *, limit: int | None = None,
                 timings: dict[str, float] | None = None) -> an.PortfolioFacts:
    """The portfolio's facts as of `today` (default: the local date), aggregated in SQL;
    of the lists the report cuts to `limit` items, only those come (all with None). With
    `timings`, the milliseconds each step took are written into it."""
    today = today or dt.date.today()
    db = ws.db
    tick = _Timer()
    params = {
        "today": today.isoformat(),
        "recent": (today - dt.timedelta(days=an.RECENT_DAYS)).isoformat(),
        "before": (today - dt.timedelta(days=2 * an.RECENT_DAYS)).isoformat(),
        "touch": (today - dt.timedelta(days=an.IN_TOUCH_DAYS)).isoformat(),
        "slack": _SLACK, "epsilon": an._EPSILON, "max_out": an.MAX_OUT_POINTS,
        "key": an.KEY_INFLUENCE, "limit": -1 if limit is None else limit,
    }
    segments = {s.value: s for s in Segment}
    kinds = {k.value: k for k in ConcessionKind}

    accounts = [
        an.AccountFact(id_, name, segments[segment], currency, current or 0.0,
                       potential or 0.0, _date(renewal), recent, _date(last), s_recent,
                       s_before)
        for (id_, name, segment, currency, current, potential, renewal, recent, last,
             s_recent, s_before) in db.execute(_ACCOUNTS_SQL, params)]
    segment_of = {a.id: a.segment for a in accounts}
    tick("accounts")

    policies = [DiscountPolicy(segment=s, effective_from=f, target_pct=t, max_pct=m, id=i)
                for i, s, f, t, m in db.execute(
                    "SELECT id, segment, effective_from, target_pct, max_pct "
                    "FROM discount_policies ORDER BY id")]
    limits = [ApprovalLimit(role=r, effective_from=f, limit_pct=p, id=i)
              for i, r, f, p in db.execute(
                  "SELECT id, role, effective_from, limit_pct FROM approval_limits "
                  "ORDER BY id")]

    discounts: dict[Segment, list[float]] = defaultdict(list)
    priced: dict[int, list] = {}
    for account_id, baseline, conceded in db.execute(_PRICED_SQL):
        discounts[segment_of[account_id]].append(100.0 * conceded / baseline)
        t = priced.get(account_id)
        if t is None:
            priced[account_id] = [1, baseline, conceded]
        else:
            t[0] += 1
            t[1] += baseline
            t[2] += conceded
    for values in discounts.values():
        values.sort()
    n_priced = sum(t[0] for t in priced.values())
    tick("discounts")

    roles = {r.value: r for r in Role}
    lists: dict[str, list[an.ConcessionFact]] = {"policy": [], "breach": []}
    above, excess, tally = 0, {}, [0, 0, 0, 0]
    for row in db.execute(_RULES_SQL, params):
        if row[0] == "tally":
            above += row[2] or 0
            excess[row[1]] = row[3]
            for i in range(4):
                tally[i] += row[4 + i] or 0
            continue
        _, _, id_, account_id, day, kind, baseline, conceded, role, approved, _, _ = row
        lists[row[0]].append(an.ConcessionFact(
            id_, account_id, _date(day), kinds[kind], baseline, conceded,
            granted_by_role=roles.get(role), approved=bool(approved)))
    tick("rules")

    answers = {a.value: a for a in an.Answer}
    returns, concessions, one_offs, without_tactic = [], 0, 0, 0
    for cur, answer, n, given, received, n_one_off, n_untactical in db.execute(_RETURNS_SQL):
        returns.append(an.ReturnTally(cur, answers[answer], n, given, received))
        concessions += n
        one_offs += n_one_off
        without_tactic += n_untactical
    statuses = {s.value: s for s in CommitmentStatus}
    promises = [an.PromiseTally(cur, statuses[status], n, value, overdue)
                for cur, status, n, value, overdue in db.execute(_PROMISES_SQL, params)]
    tick("returns")

    histories: dict[int, list] = defaultdict(list)
    with_renewals = 0
    for account_id, key, start, pct in db.execute(_RENEWALS_SQL, params):
        if account_id is None:
            with_renewals = pct
        else:
            histories[account_id].append((key, _date(start), pct))
    tick("renewals")

    sizes: dict[tuple[int, str], list[float]] = {}
    with_steps = growing = 0
    for account_id, key, value, n_growing, *_ in db.execute(_SIZES_SQL, params):
        if account_id is None:
            with_steps, growing = value, n_growing
        else:
            sizes.setdefault((account_id, key), []).append(value)
    tick("sizes")

    comebacks, came_back = [], 0
    for account_id, id_, kind, day, back_id, back_day in db.execute(_COMEBACKS_SQL, params):
        if account_id is None:
            came_back = back_id
        else:
            comebacks.append(an.ComebackFact(account_id, id_, kinds[kind], _date(day),
                                             back_id, _date(back_day)))
    tick("comebacks")

    exposures = [an.ExposureTally(account_id, n, value, known or 0, ask or "")
                 for account_id, n, value, known, ask in db.execute(_EXPOSURE_SQL, params)]
    tick("exposure")

    tactic_of = {t.value: t for t in Tactic}
    tactics = [an.TacticTally(tactic_of[tactic], cur, n, value, nothing or 0, n_pct or 0,
                              pct_sum)
               for tactic, cur, n, value, nothing, n_pct, pct_sum
               in db.execute(_TACTICS_SQL) if tactic in tactic_of]
    tick("tactics")

    stakeholders = [
        an.StakeholderTally(account_id, key or 0, out or 0,
                            (today - _date(last)).days if last else None, dm or 0,
                            dm_in or 0, detractors or 0)
        for account_id, key, out, last, dm, dm_in, detractors
        in db.execute(_STAKEHOLDERS_SQL, params)]
    buying_roles = {r.value: r for r in BuyingRole}
    detractors = [an.ContactFact(id_, account_id, name, buying_roles.get(role,
                                                                         BuyingRole.USER),
                                 attitude, influence, _date(last))
                  for id_, account_id, name, role, attitude, influence, last
                  in db.execute(_DETRACTORS_SQL, params)]
    tick("stakeholders")

    if timings is not None:
        timings.update(tick.steps)
    return an.PortfolioFacts(
        today=today, accounts=accounts, policies=policies, limits=limits,
        discounts=dict(discounts), concessions=concessions,
        without_discount=concessions - n_priced,
        priced=[an.PricedTotal(a, *t) for a, t in priced.items()],
        policy_candidates=lists["policy"],
        policy_tally=an.PolicyTally(above, {c: v for c, v in excess.items() if v}),
        breach_candidates=lists["breach"], limit_tally=an.LimitTally(*tally),
        returns=returns, promises=promises,
        renewal_candidates=[an.RenewalHistory(a, tuple(h)) for a, h in histories.items()],
        accounts_with_renewals=with_renewals or 0,
        size_candidates=[an.NegotiationSizes(a, k, tuple(v)) for (a, k), v in sizes.items()],
        negotiations_with_steps=with_steps or 0, growing_negotiations=growing or 0,
        one_offs=one_offs, comebacks=comebacks, came_back=came_back, exposures=exposures,
        tactics=tactics,        without_tactic=without_tactic, stakeholders=stakeholders,
        detractors=detractors)


def portfolio(ws: Workspace, today: dt.date | None = None, *,
              limit: int | None = 100) -> an.PortfolioReport:
    """Every figure of "Analytics" for the workspace's active accounts as of `today`."""
    return an.portfolio_report(gather_facts(ws, today, limit=limit), limit=limit)


def analytics_report(ws: Workspace, today: dt.date | None = None, *,
                     limit: int | None = 100) -> dict[str, object]:
    """The report as JSON-ready data: what `handover analytics --json` prints."""
    return portfolio(ws, today, limit=limit).as_dict()
