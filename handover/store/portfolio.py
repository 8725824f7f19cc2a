"""The facts the portfolio analytics need, aggregated in SQL, and the report built on them.

Each query hands `domain.analytics` a tally (counts and sums) or a short list, never one
row per concession: on 100,000 concessions fetching rows into Python costs more than
SQLite's aggregation. What does not depend on the day or on the discount rules is read from
the summary tables of schema m004 (per account, negotiation, tactic ...), which triggers keep
right; the rest (recent contact, stakeholders, exposure at renewal, overdue promises, the
rules in force) is computed from the records, through indexes made for it. The lists
(`*_candidates`) hold the first items in the order the figure lists them, or a superset of
what it flags; the domain still decides which to keep. The SQL restates the domain's rules
for the counts, so tests check that both paths give the same report.

The queries run on two read-only connections of their own, in two threads (SQLite lets go
of the GIL while it works): those that bring one row per account (accounts, stakeholders,
each account's discount) in one, the rest, of few rows each, in the other; rows fetched by
the 10,000 in both at once would make the threads wait for each other's GIL. A file whose
summaries are missing (an older schema opened read-only) or stale (a write that was not
audited) has them computed into temporary tables first, and all runs on one connection:
slower, but the same figures."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from handover.domain import analytics as an
from handover.domain.records import (
    ApprovalLimit,
    BuyingRole,
    CommitmentStatus,
    ConcessionKind,
    DiscountPolicy,
    Role,
    Segment,
    Tactic,
)
from handover.store.files import BUSY_TIMEOUT_S
from handover.store.workspace import Workspace

_KEY = "CASE WHEN c.negotiation <> '' THEN c.negotiation ELSE substr(c.date, 1, 4) END"
_DECISION = ", ".join(f"'{r.value}'" for r in sorted(an.DECISION_ROLES))
# As the partial index idx_concessions_precedents says it, so that SQLite uses it.
_PRECEDENT = "(c.sets_precedent OR c.recurrence IN ('recurring', 'permanent'))"
# SQL narrows with this much slack, so that rounding never drops a case the domain keeps.
# Slopes are compared with it against analytics.EPSILON (1e-9), so it is smaller than that:
# a flat discount history has a slope of exactly 0 both in SQL and in Python.
_SLACK = 1e-10
_CENT = 0.01  # exposure lists are ordered by values rounded to cents

# ---------------------------------------------------------------- over the summaries

_TOTALS_SQL = """
SELECT currency, sum(concessions), sum(priced), sum(received), total(received_conceded),
       sum(for_nothing), total(for_nothing_conceded), sum(unanswered),
       total(unanswered_conceded), sum(one_offs), sum(untactical),
       sum(sized_negotiations), sum(growing_negotiations)
FROM analytics_accounts GROUP BY currency
"""

_PRICED_SQL = """
SELECT account_id, priced, priced_baseline, priced_conceded FROM analytics_accounts
WHERE priced > 0
"""

_SEGMENTS_SQL = "SELECT segment, count(*) FROM analytics_discounts GROUP BY segment"

# The discount % of a segment at some ranks, through the (segment, pct, date) index: a run
# of consecutive ranks at a time, each run going on from where the one before stopped, so
# that the whole reads each segment's index once.
_RANKS_SQL = """
SELECT pct, date, concession_id FROM analytics_discounts
WHERE segment = :segment AND (pct, date, concession_id) > (:pct, :date, :id)
ORDER BY pct, date, concession_id LIMIT :count OFFSET :skip
"""

# The rules as they stood on each concession's date, one rule at a time over the days it
# was in force, through the (segment, pct, date) and (role, approved, pct, ...) indexes: a
# rule reads only the concessions above it (and near it, for the max-outs). Every rule's
# queries go in one statement (UNION ALL), their parameters named after the rule ({p});
# {days} narrows to the rule's days. The lists keep each rule's first `limit` in the order
# analytics lists them, of which the domain keeps the first over all rules.
_ABOVE_POLICY_SQL = """
SELECT 'above', currency, count(*), total((pct - :{p}value) / 100.0 * baseline),
       NULL, NULL, NULL, NULL, NULL
FROM analytics_discounts WHERE segment = :{p}key AND pct > :{p}value + :epsilon{days}
GROUP BY currency"""
_ABOVE_POLICY_LIST_SQL = """
SELECT * FROM (
  SELECT concession_id, account_id, date, kind, baseline, conceded, role, approved,
         (pct - :{p}value) / 100.0 * baseline AS excess
  FROM analytics_discounts WHERE segment = :{p}key AND pct > :{p}value + :epsilon{days}
  ORDER BY excess DESC, concession_id LIMIT :limit)"""
# Max-outs and concessions above a limit, without and with approval: two index ranges.
_LIMIT_SQL = """
SELECT 'limit', {approved}, count(CASE WHEN pct <= :{p}value + :epsilon THEN 1 END),
       count(CASE WHEN pct > :{p}value + :epsilon THEN 1 END), NULL, NULL, NULL, NULL, NULL
FROM analytics_discounts WHERE role = :{p}key AND approved = {approved}
 AND pct >= :{p}value - :max_out - :epsilon{days}"""
# Judged by a role's limits: its concessions from the day of its first one on.
_JUDGED_SQL = """
SELECT 'judged', count(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM analytics_discounts WHERE role = :{p}key AND date >= :{p}since"""
_BREACH_LIST_SQL = """
SELECT * FROM (
  SELECT concession_id, account_id, date, kind, baseline, conceded, role, approved,
         (pct - :{p}value) / 100.0 * baseline AS excess
  FROM analytics_discounts
  WHERE role = :{p}key AND approved = 0 AND pct > :{p}value + :epsilon{days}
  ORDER BY excess DESC, concession_id LIMIT :limit)"""
# Of every rule's list, the first `limit` by excess (computed as analytics._excess does,
# so the order is the domain's).
_FIRST_SQL = "SELECT * FROM ({}) ORDER BY excess DESC, concession_id LIMIT :limit"
_MAX_BRANCHES = 400  # of one compound statement (SQLite allows 500)

_PROMISES_SQL = """
SELECT currency, status, sum(promises), total(value) FROM analytics_promises
GROUP BY currency, status
"""

# Overdue depends on the day: the open theirs promises due before it.
_OVERDUE_SQL = """
SELECT currency, count(*) FROM analytics_open_promises WHERE due_date < :today
GROUP BY currency
"""

# Accounts with two negotiations or more, and of them those whose slope may be above zero
# and among the first `limit` (with slack at the cut), or is too close to the threshold
# (analytics.EPSILON) for SQL's rounding to decide, with their negotiations in order; and
# how many surely escalate beyond those.
_RENEWALS_SQL = """
WITH r AS (SELECT account_id, renewal_slope AS slope FROM analytics_accounts
           WHERE renewals >= 2),
listed AS MATERIALIZED (
  SELECT account_id FROM r
  WHERE slope > :epsilon - :slack AND slope >= coalesce(
          (SELECT slope FROM r WHERE :limit > 0 AND slope > :epsilon - :slack
           ORDER BY slope DESC LIMIT 1 OFFSET :limit - 1), -1e308) - :slack
     OR abs(slope - :epsilon) <= :slack)
SELECT NULL, NULL, NULL, (SELECT count(*) FROM r),
       (SELECT count(*) FROM r WHERE slope > :epsilon + :slack
        AND account_id NOT IN (SELECT account_id FROM listed))
UNION ALL
SELECT * FROM (
  SELECT n.account_id, n.negotiation, n.first_day, 100.0 * n.priced_conceded / n.max_baseline,
         NULL
  FROM listed JOIN analytics_negotiations n ON n.account_id = listed.account_id
  WHERE n.priced > 0 ORDER BY n.account_id, n.first_day, n.negotiation)
"""

# The concessions of the first `limit` growing negotiations, in analytics.creep's order
# (an index); how many negotiations there are and grow is in the totals.
_SIZES_SQL = f"""
WITH top AS MATERIALIZED (
  SELECT account_id, negotiation, growing, sized FROM analytics_negotiations
  WHERE growing > 0 ORDER BY growing DESC, sized DESC, account_id, negotiation
  LIMIT :limit)
SELECT c.account_id, top.negotiation, c.conceded_value
FROM top JOIN concessions c ON c.account_id = top.account_id
 AND {_KEY} = top.negotiation AND c.conceded_value > 0
ORDER BY top.growing DESC, top.sized DESC, top.account_id, top.negotiation, c.date, c.id
"""

_COMEBACKS_SQL = """
SELECT NULL, NULL, NULL, NULL, (SELECT count(*) FROM analytics_comebacks), NULL
UNION ALL
SELECT * FROM (
  SELECT account_id, concession_id, kind, date, back_id, back_date FROM analytics_comebacks
  ORDER BY back_date DESC, concession_id DESC LIMIT :limit)
"""

_TACTICS_SQL = """
SELECT tactic, currency, sum(concessions), total(conceded), sum(for_nothing), sum(priced),
       total(pct_sum)
FROM analytics_tactics GROUP BY tactic, currency
"""

# ---------------------------------------------------------------- over the records

_ACCOUNTS_SQL = """
SELECT a.id, a.name, a.segment, a.currency, a.current_revenue, a.potential_revenue,
       a.renewal_date,
       (SELECT count(*) FROM interactions i
         WHERE i.account_id = a.id AND i.date > :recent AND i.date <= :today),
       (SELECT i.date FROM interactions i
         WHERE i.account_id = a.id AND i.date <= :today ORDER BY i.date DESC LIMIT 1),
       (SELECT avg(i.sentiment) FROM interactions i
         WHERE i.account_id = a.id AND i.date > :recent AND i.date <= :today),
       (SELECT avg(i.sentiment) FROM interactions i
         WHERE i.account_id = a.id AND i.date > :before AND i.date <= :recent)
FROM accounts a WHERE a.archived = 0 ORDER BY a.id
"""

# Per account with key stakeholders (archived ones too: the domain reads those of active
# accounts only), in account order through a covering index: key stakeholders, those out
# of touch and the longest silence, decision makers and those in touch, detractors. Every
# decision maker and detractor is a key stakeholder, so the others need not be read.
_STAKEHOLDERS_SQL = f"""
SELECT account_id, count(*),
       count(CASE WHEN last_contact IS NULL OR last_contact < :touch THEN 1 END),
       CAST(julianday(:today) - julianday(min(last_contact)) AS INTEGER),
       count(CASE WHEN buying_role IN ({_DECISION}) THEN 1 END),
       count(CASE WHEN buying_role IN ({_DECISION}) AND last_contact >= :touch THEN 1 END),
       count(CASE WHEN attitude <= -1 AND influence >= :key THEN 1 END)
FROM contacts WHERE influence >= :key OR buying_role IN ({_DECISION})
GROUP BY account_id
"""

# The first `limit` detractors of active accounts in analytics.relationships' order: most
# influential, most hostile, then the longest silent (never contacted, or today, first).
_DETRACTORS_SQL = """
SELECT c.id, c.account_id, c.name, c.buying_role, c.attitude, c.influence, c.last_contact
FROM contacts c JOIN accounts a ON a.id = c.account_id AND a.archived = 0
WHERE c.attitude <= -1 AND c.influence >= :key
ORDER BY c.influence DESC, c.attitude,
         CASE WHEN c.last_contact IS NULL OR c.last_contact = :today THEN ''
              ELSE c.last_contact END, c.id
LIMIT :limit
"""

# Per account, the precedent or recurring concessions live on its renewal day; per currency
# their accounts and value; then the first `limit` in analytics' order (earliest day, then
# largest value in cents, then account) with every account tied with the last one on the
# day and within a cent, and the latest likely next ask of each.
_EXPOSURE_SQL = f"""
WITH e AS MATERIALIZED (
  SELECT a.id, a.currency, a.day, count(*) AS n, total(c.conceded_value) AS value,
         sum(c.known_to_others) AS known
  FROM (SELECT id, currency,
               CASE WHEN renewal_date >= :today THEN renewal_date ELSE :today END AS day
        FROM accounts WHERE archived = 0) a
  JOIN concessions c ON c.account_id = a.id AND {_PRECEDENT}
  WHERE c.date <= a.day AND (c.expiry IS NULL OR c.expiry >= a.day)
  GROUP BY a.id),
cut AS (SELECT day, value FROM e WHERE :limit > 0
        ORDER BY day, value DESC, id LIMIT 1 OFFSET :limit - 1)
SELECT NULL, currency, count(*), total(value), NULL FROM e GROUP BY currency
UNION ALL
SELECT e.id, e.n, e.value, e.known,
       (SELECT trim(x.likely_next_ask, ' \t\r\n') FROM concessions x
         WHERE x.account_id = e.id AND trim(x.likely_next_ask, ' \t\r\n') <> ''
         ORDER BY x.date DESC, x.id DESC LIMIT 1)
FROM e WHERE NOT EXISTS (SELECT 1 FROM cut)
   OR e.day < (SELECT day FROM cut)
   OR e.day = (SELECT day FROM cut) AND e.value >= (SELECT value FROM cut) - :cent
"""


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _rule_days(rules: list[tuple[str, str, float]],
               params: dict[str, object]) -> list[dict[str, object]]:
    """Each rule (key, effective_from, value), in the order stored, with the days it was in
    force: from its effective_from to the next rule's of the same key (of two from the same
    day, the first stored, as records.in_force and analytics.RuleBook pick them), as query
    parameters (see `_days`)."""
    by_key: dict[str, dict[str, float]] = {}
    for key, since, value in rules:
        by_key.setdefault(key, {}).setdefault(since, value)
    out = []
    for key, days in by_key.items():
        starts = sorted(days)
        for since, until in zip(starts, [*starts[1:], None], strict=True):
            rule = dict(params, key=key, value=days[since], since=since, until=until,
                        first=since == starts[0])
            out.append(rule)
    return out


def _days(rule: dict[str, object], p: str, column: str = "date") -> str:
    """The SQL condition on `column` for the days `rule` (its parameters named with prefix
    `p`) was in force. With "+date" SQLite does not use an index on the date for it (it has
    a better one for the query)."""
    until = f" AND {column} < :{p}until" if rule["until"] else ""
    return f" AND {column} >= :{p}since{until}"


def _connect(path: Path) -> sqlite3.Connection:
    """A read-only connection of this thread's own, reading one snapshot until closed."""
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True,
                           timeout=BUSY_TIMEOUT_S, isolation_level=None)
    conn.execute("BEGIN")
    return conn


def _summaries_usable(conn: sqlite3.Connection) -> bool:
    """Whether the file's analytics summaries can be read: present and none stale."""
    try:
        return not conn.execute(
            "SELECT EXISTS (SELECT 1 FROM _analytics_stale_accounts)").fetchone()[0]
    except sqlite3.OperationalError:  # a schema before m004
        return False


def _at_ranks(conn: sqlite3.Connection, segment: str, n: int) -> dict[int, float]:
    """The discount % of `segment`'s n concessions at `analytics.percentile_ranks(n)`."""
    ranks = an.percentile_ranks(n)
    values: dict[int, float] = {}
    last = {"pct": -1e308, "date": "", "id": -1}  # before every concession
    position = -1  # the rank of `last`
    start = 0
    while start < len(ranks):
        stop = start + 1
        while stop < len(ranks) and ranks[stop] == ranks[stop - 1] + 1:
            stop += 1
        rows = conn.execute(_RANKS_SQL, {
            "segment": segment, **last, "count": stop - start,
            "skip": ranks[start] - position - 1}).fetchall()
        for rank, (pct, _, _) in zip(ranks[start:stop], rows, strict=True):
            values[rank] = pct
        pct, day, id_ = rows[-1]
        last = {"pct": pct, "date": day, "id": id_}
        position, start = ranks[stop - 1], stop
    return values


class _Timer:
    """Milliseconds per step, for the benchmark script."""

    def __init__(self, steps: dict[str, float]):
        self.steps = steps
        self._last = time.perf_counter()

    def __call__(self, name: str) -> None:
        now = time.perf_counter()
        self.steps[name] = (now - self._last) * 1000
        self._last = now


def gather_facts(ws: Workspace, today: dt.date | None = None, *, limit: int | None = None,
                 timings: dict[str, float] | None = None,
                 parallel: bool = True) -> an.PortfolioFacts:
    """The portfolio's facts as of `today` (default: the local date), aggregated in SQL;
    of the lists the report cuts to `limit` items, only those come (all with None). With
    `timings`, the milliseconds each step took are written into it (the two threads' steps
    overlap; "wall" is the whole). `parallel=False` runs both threads' work in turn."""
    today = today or dt.date.today()
    started = time.perf_counter()
    params: dict[str, object] = {
        "today": today.isoformat(),
        "recent": (today - dt.timedelta(days=an.RECENT_DAYS)).isoformat(),
        "before": (today - dt.timedelta(days=2 * an.RECENT_DAYS)).isoformat(),
        "touch": (today - dt.timedelta(days=an.IN_TOUCH_DAYS)).isoformat(),
        "slack": _SLACK, "epsilon": an.EPSILON, "max_out": an.MAX_OUT_POINTS,
        "key": an.KEY_INFLUENCE, "limit": -1 if limit is None else limit, "cent": _CENT,
    }
    steps: dict[str, float] = {}
    path = Path(ws.path)
    conn = _connect(path)
    try:
        if not _summaries_usable(conn):
            # Computed into temporary tables, which only this connection sees.
            from handover.store.schema import analytics_summary_tables

            analytics_summary_tables(conn, temp=True)
            steps["summaries"] = (time.perf_counter() - started) * 1000
            parallel = False
        if parallel:
            with ThreadPoolExecutor(max_workers=1) as pool:
                records = pool.submit(_in_own_connection, path, _from_records, params,
                                      today, steps)
                summaries = _from_summaries(conn, params, today, steps)
                from_records = records.result()
        else:
            summaries = _from_summaries(conn, params, today, steps)
            from_records = _from_records(conn, params, today, steps)
    finally:
        conn.close()
    steps["wall"] = (time.perf_counter() - started) * 1000
    if timings is not None:
        timings.update(steps)
    return an.PortfolioFacts(today=today, **summaries, **from_records)


def _in_own_connection(path: Path, work: Callable[..., dict], *args) -> dict:
    conn = _connect(path)
    try:
        return work(conn, *args)
    finally:
        conn.close()


def _from_summaries(conn: sqlite3.Connection, params: dict[str, object], today: dt.date,
                    steps: dict[str, float]) -> dict[str, object]:
    """Everything but the accounts and stakeholders, with few rows each: from the summary
    tables, and precedent exposure from the records."""
    tick = _Timer(steps)
    segments = {s.value: s for s in Segment}
    kinds = {k.value: k for k in ConcessionKind}
    roles = {r.value: r for r in Role}
    policies, limits, policy_rules, limit_rules = [], [], [], []
    for i, s, f, t, m in conn.execute("SELECT id, segment, effective_from, target_pct, "
                                      "max_pct FROM discount_policies ORDER BY id"):
        policies.append(DiscountPolicy(segment=s, effective_from=f, target_pct=t, max_pct=m,
                                       id=i))
        policy_rules.append((s, f, m))
    for i, r, f, p in conn.execute("SELECT id, role, effective_from, limit_pct "
                                   "FROM approval_limits ORDER BY id"):
        limits.append(ApprovalLimit(role=r, effective_from=f, limit_pct=p, id=i))
        limit_rules.append((r, f, p))

    discounts: dict[Segment, an.RankedValues] = {}
    for segment, n in conn.execute(_SEGMENTS_SQL).fetchall():
        discounts[segments[segment]] = an.RankedValues(n, _at_ranks(conn, segment, n))
    tick("discounts")

    tallies: list[str] = []
    branches: dict[str, list[str]] = {"policy": [], "breach": []}
    rule_params = dict(params)
    for i, rule in enumerate(_rule_days(policy_rules, params)):
        p = f"p{i}_"
        rule_params.update({p + k: rule[k] for k in ("key", "value", "since", "until")})
        days = _days(rule, p)
        tallies.append(_ABOVE_POLICY_SQL.format(p=p, days=days))
        branches["policy"].append(_ABOVE_POLICY_LIST_SQL.format(p=p, days=days))
    for i, rule in enumerate(_rule_days(limit_rules, params)):
        p = f"l{i}_"
        rule_params.update({p + k: rule[k] for k in ("key", "value", "since", "until")})
        days = _days(rule, p, "+date")
        if rule["first"]:
            tallies.append(_JUDGED_SQL.format(p=p))
        tallies += [_LIMIT_SQL.format(p=p, days=days, approved=0),
                    _LIMIT_SQL.format(p=p, days=days, approved=1)]
        branches["breach"].append(_BREACH_LIST_SQL.format(p=p, days=days))
    above, excess = 0, {}
    judged = max_outs = breaches = approved_above = 0
    for start in range(0, len(tallies), _MAX_BRANCHES):
        sql = "\nUNION ALL".join(tallies[start:start + _MAX_BRANCHES])
        for tag, *row in conn.execute(sql, rule_params):
            if tag == "above":
                cur, n, money = row[:3]
                above += n
                excess[cur] = excess.get(cur, 0.0) + money
            elif tag == "judged":
                judged += row[0]
            else:
                approved, maxed, above_limit = row[:3]
                max_outs += maxed
                if approved:
                    approved_above += above_limit
                else:
                    breaches += above_limit
    lists: dict[str, list[an.ConcessionFact]] = {"policy": [], "breach": []}
    for name, selects in branches.items():
        for start in range(0, len(selects), _MAX_BRANCHES):
            sql = _FIRST_SQL.format("\nUNION ALL".join(selects[start:start + _MAX_BRANCHES]))
            for (id_, account_id, day, kind, baseline, conceded, role, approved,
                 _) in conn.execute(sql, rule_params):
                lists[name].append(an.ConcessionFact(
                    id_, account_id, _date(day), kinds[kind], baseline, conceded,
                    granted_by_role=roles.get(role), approved=bool(approved)))
    tick("rules")

    answers = an.Answer
    returns, concessions, n_priced, one_offs, without_tactic = [], 0, 0, 0, 0
    with_steps = growing = 0
    for (cur, n, n_price, received, received_conceded, nothing,
         nothing_conceded, unanswered, unanswered_conceded, n_one_off, n_untactical,
         n_sized, n_growing) in conn.execute(_TOTALS_SQL):
        for answer, count, given in (
                (answers.RECEIVED, received, received_conceded),
                (answers.NOTHING, nothing, nothing_conceded),
                (answers.UNANSWERED, unanswered, unanswered_conceded)):
            if count:
                returns.append(an.ReturnTally(cur, answer, count, given))
        concessions += n
        n_priced += n_price
        one_offs += n_one_off
        without_tactic += n_untactical
        with_steps += n_sized or 0
        growing += n_growing or 0
    statuses = {s.value: s for s in CommitmentStatus}
    promises = [an.PromiseTally(cur, statuses[status], n, value)
                for cur, status, n, value in conn.execute(_PROMISES_SQL)]
    promises += [an.PromiseTally(cur, CommitmentStatus.OPEN, 0, 0.0, overdue)
                 for cur, overdue in conn.execute(_OVERDUE_SQL, params)]
    tick("returns")

    histories: dict[int, list] = {}
    with_renewals = unlisted = 0
    for account_id, key, start, pct, beyond in conn.execute(_RENEWALS_SQL, params):
        if account_id is None:
            with_renewals, unlisted = pct, beyond
        else:
            histories.setdefault(account_id, []).append((key, _date(start), pct))
    tick("renewals")

    sizes: dict[tuple[int, str], list[float]] = {}
    for account_id, key, value in conn.execute(_SIZES_SQL, params):
        sizes.setdefault((account_id, key), []).append(value)
    tick("sizes")

    comebacks, came_back = [], 0
    for account_id, id_, kind, day, back_id, back_day in conn.execute(_COMEBACKS_SQL, params):
        if account_id is None:
            came_back = back_id
        else:
            comebacks.append(an.ComebackFact(account_id, id_, kinds[kind], _date(day),
                                             back_id, _date(back_day)))
    tick("comebacks")

    # Exposure depends on the day, but it is one statement of few rows: here it evens out
    # the two threads' work.
    exposures, exposed, value_by_currency = [], 0, {}
    for row in conn.execute(_EXPOSURE_SQL, params):
        if row[0] is None:  # per currency: accounts exposed and their value
            exposed += row[2]
            value_by_currency[row[1]] = row[3]
        else:
            account_id, n, value, known, ask = row
            exposures.append(an.ExposureTally(account_id, n, value, known or 0, ask or ""))
    tick("exposure")

    tactic_of = {t.value: t for t in Tactic}
    tactics = [an.TacticTally(tactic_of[tactic], cur, n, value, nothing, n_pct, pct_sum)
               for tactic, cur, n, value, nothing, n_pct, pct_sum
               in conn.execute(_TACTICS_SQL) if tactic in tactic_of]
    tick("tactics")

    return dict(
        policies=policies, limits=limits, discounts=discounts, concessions=concessions,
        without_discount=concessions - n_priced,
        policy_candidates=lists["policy"],
        policy_tally=an.PolicyTally(above, {c: v for c, v in excess.items() if v}),
        breach_candidates=lists["breach"],
        limit_tally=an.LimitTally(judged, max_outs, breaches, approved_above),
        returns=returns, promises=promises,
        renewal_candidates=[an.RenewalHistory(a, tuple(h)) for a, h in histories.items()],
        accounts_with_renewals=with_renewals, escalating_unlisted=unlisted,
        size_candidates=[an.NegotiationSizes(a, k, tuple(v)) for (a, k), v in sizes.items()],
        negotiations_with_steps=with_steps, growing_negotiations=growing,
        one_offs=one_offs, comebacks=comebacks, came_back=came_back, exposures=exposures,
        exposure_tally=an.PrecedentTally(exposed, value_by_currency), tactics=tactics,
        without_tactic=without_tactic)


def _from_records(conn: sqlite3.Connection, params: dict[str, object], today: dt.date,
                  steps: dict[str, float]) -> dict[str, object]:
    """The facts of every account: recent contact, stakeholders (both depend on the day),
    discount."""
    tick = _Timer(steps)
    segments = {s.value: s for s in Segment}
    day = dt.date.fromisoformat
    account = an.AccountFact
    accounts = [
        account(id_, name, segments[segment], currency, current or 0.0, potential or 0.0,
                day(renewal) if renewal else None, recent, day(last) if last else None,
                s_recent, s_before)
        for (id_, name, segment, currency, current, potential, renewal, recent, last,
             s_recent, s_before) in conn.execute(_ACCOUNTS_SQL, params)]
    # Rows by the 10,000 are fetched in this thread: each row lets go of the GIL and
    # takes it back, and two threads doing that at once slow each other down.
    priced = list(map(an.PricedTotal._make, conn.execute(_PRICED_SQL)))
    tick("accounts")

    # Whole numbers only, so they come exactly as one JSON array: one row, not 10,000.
    [(tallies,)] = conn.execute(f"WITH t(a, b, c, d, e, f, g) AS ({_STAKEHOLDERS_SQL}) "
                                "SELECT json_group_array(json_array(a, b, c, d, e, f, g)) "
                                "FROM t", params).fetchall()
    stakeholders = list(map(an.StakeholderTally._make, json.loads(tallies)))
    buying_roles = {r.value: r for r in BuyingRole}
    detractors = [an.ContactFact(id_, account_id, name, buying_roles.get(role,
                                                                         BuyingRole.USER),
                                 attitude, influence, _date(last))
                  for id_, account_id, name, role, attitude, influence, last
                  in conn.execute(_DETRACTORS_SQL, params)]
    tick("stakeholders")

    return dict(accounts=accounts, priced=priced, stakeholders=stakeholders,
                detractors=detractors)


def portfolio(ws: Workspace, today: dt.date | None = None, *,
              limit: int | None = 100) -> an.PortfolioReport:
    """Every figure of "Analytics" for the workspace's active accounts as of `today`."""
    return an.portfolio_report(gather_facts(ws, today, limit=limit), limit=limit)


def analytics_report(ws: Workspace, today: dt.date | None = None, *,
                     limit: int | None = 100) -> dict[str, object]:
    """The report as JSON-ready data: what `handover analytics --json` prints."""
    return portfolio(ws, today, limit=limit).as_dict()
