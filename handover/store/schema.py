"""The workspace schema, as numbered migrations applied in order (sqlite-utils Migrations).

A new schema step is a new function at the end; a released one is never edited."""

from __future__ import annotations

from sqlite_utils import Database, Migrations

from handover.store.fileformat import APPLICATION_ID

__all__ = ["APPLICATION_ID", "latest_version", "known_names", "migrations"]

migrations = Migrations("handover")


@migrations()
def m001_initial(db: Database) -> None:
    db["people"].create(
        {"id": int, "name": str, "email": str, "role": str},
        pk="id", not_null={"name", "role"},
    )
    db["accounts"].create(
        {
            "id": int, "name": str, "segment": str, "industry": str, "region": str,
            "currency": str, "current_revenue": float, "potential_revenue": float,
            "renewal_date": str, "health": str, "health_reason": str, "owner_id": int,
            "archived": int,
        },
        pk="id", not_null={"name", "segment", "currency", "health"},
        foreign_keys=[("owner_id", "people", "id")], defaults={"archived": 0},
    )
    db["contacts"].create(
        {
            "id": int, "account_id": int, "name": str, "title": str, "buying_role": str,
            "attitude": int, "influence": int, "relationship_strength": int,
            "last_contact": str, "notes": str, "advice": str,
        },
        pk="id", not_null={"account_id", "name"},
        foreign_keys=[("account_id", "accounts", "id")],
    )
    db["interactions"].create(
        {"id": int, "account_id": int, "date": str, "kind": str, "summary": str,
         "sentiment": int},
        pk="id", not_null={"account_id", "date", "kind"},
        foreign_keys=[("account_id", "accounts", "id")],
    )
    db["interaction_contacts"].create(
        {"interaction_id": int, "contact_id": int},
        pk=("interaction_id", "contact_id"),
        foreign_keys=[("interaction_id", "interactions", "id"),
                      ("contact_id", "contacts", "id")],
    )
    db["concessions"].create(
        {
            "id": int, "account_id": int, "date": str, "kind": str, "baseline": str,
            "baseline_value": float, "conceded_value": float, "terms_before": str,
            "terms_after": str, "asked_by": str, "trigger": str, "granted_by_id": int,
            "approved_by_id": int, "recurrence": str, "sets_precedent": int,
            "known_to_others": int, "expiry": str, "nothing_in_return": int,
            "likely_next_ask": str, "negotiation": str, "notes": str,
        },
        pk="id", not_null={"account_id", "date", "kind"},
        foreign_keys=[("account_id", "accounts", "id"), ("granted_by_id", "people", "id"),
                      ("approved_by_id", "people", "id")],
    )
    db["concession_tactics"].create(
        {"concession_id": int, "tactic": str}, pk=("concession_id", "tactic"),
        foreign_keys=[("concession_id", "concessions", "id")],
    )
    db["commitments"].create(
        {
            "id": int, "account_id": int, "direction": str, "description": str,
            "made_by": str, "made_to": str, "date": str, "due_date": str, "status": str,
            "concession_id": int, "value": float,
        },
        pk="id", not_null={"account_id", "direction", "description", "status"},
        foreign_keys=[("account_id", "accounts", "id"),
                      ("concession_id", "concessions", "id")],
    )
    db["discount_policies"].create(
        {"id": int, "segment": str, "effective_from": str, "target_pct": float,
         "max_pct": float},
        pk="id", not_null={"segment", "effective_from", "target_pct", "max_pct"},
    )
    db["approval_limits"].create(
        {"id": int, "role": str, "effective_from": str, "limit_pct": float},
        pk="id", not_null={"role", "effective_from", "limit_pct"},
    )
    db["handovers"].create(
        {
            "id": int, "account_id": int, "outgoing_id": int, "incoming_id": int,
            "reviewer_id": int, "due_date": str, "created_on": str, "status": str,
            "answers": str, "read_back": str, "return_reason": str,
            "signed_off_by_id": int, "signed_off_at": str, "signoff_hash": str,
        },
        pk="id", not_null={"account_id", "outgoing_id", "incoming_id", "status"},
        foreign_keys=[("account_id", "accounts", "id"), ("outgoing_id", "people", "id"),
                      ("incoming_id", "people", "id"), ("reviewer_id", "people", "id"),
                      ("signed_off_by_id", "people", "id")],
    )
    db["questions"].create(
        {
            "id": int, "handover_id": int, "section": str, "text": str,
            "asked_by_id": int, "asked_at": str, "answer": str, "answered_by_id": int,
            "answered_at": str, "resolved": int,
        },
        pk="id", not_null={"handover_id", "section", "text"},
        foreign_keys=[("handover_id", "handovers", "id"), ("asked_by_id", "people", "id"),
                      ("answered_by_id", "people", "id")],
    )
    db["audit_log"].create(
        {
            "id": int, "at": str, "who": str, "action": str, "record": str,
            "record_id": int, "field": str, "before": str, "after": str,
            "prev_hash": str, "hash": str,
        },
        pk="id", not_null={"at", "who", "action", "record", "hash"},
    )
    for table, columns in [
        ("accounts", ["name"]), ("accounts", ["owner_id"]),
        ("contacts", ["account_id"]), ("interactions", ["account_id", "date"]),
        ("interaction_contacts", ["contact_id"]), ("concessions", ["account_id", "date"]),
        ("commitments", ["account_id"]), ("commitments", ["concession_id"]),
        ("handovers", ["account_id"]), ("questions", ["handover_id"]),
    ]:
        db[table].create_index(columns)
    # The audit log is append-only: SQLite itself refuses to change or remove an entry.
    db.execute("""CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""")
    db.execute("""CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""")


def latest_version() -> int:
    """The schema version this program writes: the number of migrations it knows."""
    return len(migrations._migrations)


def known_names() -> list[str]:
    return [m.name for m in migrations._migrations]


@migrations()
def m002_search(db: Database) -> None:
    """Full-text search over everything people write about an account.

    One external-content FTS5 index per table (named as sqlite-utils names them, so its
    `detect_fts`, `search` and `disable_fts` work on them), kept in step by triggers: every
    write path, the import's bulk insert and undo included, updates the index in the same
    transaction as the row. Rows already in the file are indexed here."""
    searched = {
        "accounts": ("name", "industry", "region", "health_reason"),
        "contacts": ("name", "title", "notes", "advice"),
        "interactions": ("summary",),
        "commitments": ("description", "made_by", "made_to"),
        "concessions": ("notes", "likely_next_ask", "terms_before", "terms_after",
                        "negotiation"),
    }
    for table, cols in searched.items():
        fts = f"{table}_fts"
        names = ", ".join(f"[{c}]" for c in cols)
        new = ", ".join(f"new.[{c}]" for c in cols)
        old = ", ".join(f"old.[{c}]" for c in cols)
        # No stemming: search is as-you-type, and a stemmer makes results vanish and come
        # back while a word is typed ("renew" and "renewal" match, "renewa" would not).
        # Prefix indexes for the first three letters: without them a short prefix ("a",
        # "th") merges the lists of thousands of words at every keystroke (0.2 s on the
        # 10,000-account demo instead of a few ms), at the cost of a bigger index.
        db.execute(f"""CREATE VIRTUAL TABLE [{fts}] USING FTS5 ({names},
                       tokenize='unicode61 remove_diacritics 2', prefix='1 2 3',
                       content="{table}", content_rowid='id')""")
        db.execute(f"INSERT INTO [{fts}] ([{fts}]) VALUES ('rebuild')")
        db.execute(f"""CREATE TRIGGER [{table}_ai] AFTER INSERT ON [{table}] BEGIN
                       INSERT INTO [{fts}] (rowid, {names}) VALUES (new.id, {new});
                       END""")
        db.execute(f"""CREATE TRIGGER [{table}_ad] AFTER DELETE ON [{table}] BEGIN
                       INSERT INTO [{fts}] ([{fts}], rowid, {names})
                       VALUES ('delete', old.id, {old});
                       END""")
        # Only a change to an indexed column re-indexes the row.
        db.execute(f"""CREATE TRIGGER [{table}_au] AFTER UPDATE OF id, {names} ON [{table}]
                       BEGIN
                       INSERT INTO [{fts}] ([{fts}], rowid, {names})
                       VALUES ('delete', old.id, {old});
                       INSERT INTO [{fts}] (rowid, {names}) VALUES (new.id, {new});
                       END""")


@migrations()
def m003_signoff_snapshots(db: Database) -> None:
    # The canonical copy of what was signed, kept beside the handover rather than in it,
    # so that ordinary edits to the handover do not copy it into the audit log.
    db["signoff_snapshots"].create(
        {"handover_id": int, "hash": str, "snapshot": str},
        pk="handover_id", not_null={"hash", "snapshot"},
        foreign_keys=[("handover_id", "handovers", "id")],
    )


# ------------------------------------------------------------------ m004: analytics summaries
# The portfolio analytics read these instead of every concession (DESIGN.md, "How well":
# the 10,000-account portfolio within 200 ms). Each table holds what one SELECT over the
# records gives for the active (not archived) accounts: its definition below, with
# "{scope}" narrowing it to some accounts. Only facts that do not change with the day or
# with the discount rules are kept; the rest is computed when the report is.
#
# Triggers keep them right: a write to a record an account's summaries come from puts the
# account on the list of stale accounts (cheap, once per row); the audit entry that ends
# every user action then recomputes those accounts in one statement per table, so a bulk
# import recomputes each account once. A reader that finds stale accounts (a write that
# was not audited) computes the summaries from the records instead, so the figures are right
# either way. A released definition is never edited: a change is a new migration.

_PRICED_M004 = ("c.kind IN ('credit_write_off', 'early_payment_discount', "
                "'free_goods_services', 'price_discount', 'rebate', 'volume_bonus') "
                "AND c.baseline_value > 0")
_PCT_M004 = "100.0 * c.conceded_value / c.baseline_value"
_KEY_M004 = "CASE WHEN c.negotiation <> '' THEN c.negotiation ELSE substr(c.date, 1, 4) END"
_STALE_SCOPE = " AND a.id IN (SELECT account_id FROM _analytics_stale_accounts)"

# (table, columns, key, definition), in the order they are computed: analytics_accounts
# reads analytics_negotiations.
ANALYTICS_SUMMARIES: tuple[tuple[str, str, str, str], ...] = (
    # A negotiation's concessions with a discount % (how many, the first day, the sum of
    # their conceded values and their largest baseline) and those of a value above zero
    # (how many, and how many are larger than the one before, in date and entry order).
    ("analytics_negotiations",
     "account_id INTEGER NOT NULL, negotiation TEXT NOT NULL, priced INTEGER NOT NULL, "
     "first_day TEXT, priced_conceded REAL NOT NULL, max_baseline REAL, sized INTEGER NOT NULL, "
     "growing INTEGER NOT NULL",
     "PRIMARY KEY (account_id, negotiation)", f"""
SELECT account_id, k, count(pct), min(CASE WHEN pct IS NOT NULL THEN date END),
       total(CASE WHEN pct IS NOT NULL THEN v END), max(CASE WHEN pct IS NOT NULL THEN b END),
       count(CASE WHEN v > 0 THEN 1 END), count(CASE WHEN v > 0 AND v > prior THEN 1 END)
FROM (SELECT c.account_id, {_KEY_M004} AS k, c.date, c.conceded_value AS v,
             c.baseline_value AS b, CASE WHEN {_PRICED_M004} THEN {_PCT_M004} END AS pct,
             lag(c.conceded_value) OVER (PARTITION BY c.account_id, {_KEY_M004},
                                         c.conceded_value > 0 ORDER BY c.date, c.id) AS prior
      FROM accounts a JOIN concessions c ON c.account_id = a.id
      WHERE a.archived = 0{{scope}})
GROUP BY account_id, k"""),
    # An account's concessions: all, those with a discount %, by what was received in
    # return (a theirs commitment pointing at it: received; else the answer "nothing";
    # else unanswered), one-offs, those after no buyer tactic; its negotiations with a
    # discount % and the least-squares slope of their discount % in date order; its
    # negotiations with two concessions of a value or more, and those that grow.
    # received_value (every theirs promise not withdrawn, broken ones too) is no longer
    # read: reciprocity counts only what was kept, from analytics_promises by status.
    ("analytics_accounts",
     "account_id INTEGER PRIMARY KEY, currency TEXT, segment TEXT, concessions INTEGER, "
     "conceded REAL, priced INTEGER, priced_baseline REAL, priced_conceded REAL, "
     "received INTEGER, received_conceded REAL, received_value REAL, for_nothing INTEGER, "
     "for_nothing_conceded REAL, unanswered INTEGER, unanswered_conceded REAL, "
     "one_offs INTEGER, untactical INTEGER, renewals INTEGER, renewal_slope REAL, "
     "sized_negotiations INTEGER, growing_negotiations INTEGER", "", f"""
SELECT x.account_id, x.currency, x.segment, count(*), total(x.v), count(x.pct),
       total(CASE WHEN x.pct IS NOT NULL THEN x.b END),
       total(CASE WHEN x.pct IS NOT NULL THEN x.v END),
       count(CASE WHEN x.theirs THEN 1 END), total(CASE WHEN x.theirs THEN x.v END),
       total(x.received),
       count(CASE WHEN NOT x.theirs AND x.for_nothing THEN 1 END),
       total(CASE WHEN NOT x.theirs AND x.for_nothing THEN x.v END),
       count(CASE WHEN NOT x.theirs AND NOT x.for_nothing THEN 1 END),
       total(CASE WHEN NOT x.theirs AND NOT x.for_nothing THEN x.v END),
       count(CASE WHEN x.one_off THEN 1 END), count(CASE WHEN NOT x.tactics THEN 1 END),
       coalesce(max(r.renewals), 0), max(r.slope), max(g.sized), max(g.growing)
FROM (SELECT a.id AS account_id, a.currency, a.segment, c.conceded_value AS v,
             c.baseline_value AS b, CASE WHEN {_PRICED_M004} THEN {_PCT_M004} END AS pct,
             c.nothing_in_return AS for_nothing, c.recurrence = 'one_off' AS one_off,
             count(m.id) > 0 AS theirs,
             total(CASE WHEN m.status <> 'withdrawn' THEN m.value END) AS received,
             EXISTS (SELECT 1 FROM concession_tactics t WHERE t.concession_id = c.id)
               AS tactics
      FROM accounts a JOIN concessions c ON c.account_id = a.id
      LEFT JOIN commitments m ON m.concession_id = c.id AND m.direction = 'theirs'
      WHERE a.archived = 0{{scope}} GROUP BY c.id) x
LEFT JOIN (
  SELECT account_id, count(*) AS renewals,
         CASE WHEN count(*) >= 2 THEN total((i - (n - 1) / 2.0) * (pct - mean))
                                      / total((i - (n - 1) / 2.0) * (i - (n - 1) / 2.0))
         END AS slope
  FROM (SELECT account_id, 100.0 * priced_conceded / max_baseline AS pct,
               row_number() OVER (PARTITION BY account_id ORDER BY first_day, negotiation) - 1
                 AS i,
               count(*) OVER (PARTITION BY account_id) AS n,
               avg(100.0 * priced_conceded / max_baseline) OVER (PARTITION BY account_id)
                 AS mean
        FROM analytics_negotiations
        WHERE priced > 0 AND account_id IN (SELECT a.id FROM accounts a
                                            WHERE a.archived = 0{{scope}}))
  GROUP BY account_id) r ON r.account_id = x.account_id
LEFT JOIN (
  SELECT account_id, count(CASE WHEN sized >= 2 THEN 1 END) AS sized,
         count(CASE WHEN growing > 0 THEN 1 END) AS growing
  FROM analytics_negotiations
  WHERE account_id IN (SELECT a.id FROM accounts a WHERE a.archived = 0{{scope}})
  GROUP BY account_id) g ON g.account_id = x.account_id
GROUP BY x.account_id"""),
    # Every concession with a discount %, with what judging it against the rules needs;
    # in discount order within a segment (an index), for the percentiles.
    ("analytics_discounts",
     "concession_id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, segment TEXT, "
     "currency TEXT, date TEXT, kind TEXT, pct REAL, baseline REAL, conceded REAL, "
     "role TEXT, approved INTEGER", "", f"""
SELECT c.id, a.id, a.segment, a.currency, c.date, c.kind, {_PCT_M004}, c.baseline_value,
       c.conceded_value, p.role,
       c.approved_by_id IS NOT NULL AND c.approved_by_id IS NOT c.granted_by_id
FROM accounts a JOIN concessions c ON c.account_id = a.id
LEFT JOIN people p ON p.id = c.granted_by_id
WHERE a.archived = 0{{scope}} AND {_PRICED_M004}"""),
    # Per buyer tactic and account: the concessions that followed it, their value, how
    # many had the answer "nothing", how many have a discount % and its sum.
    ("analytics_tactics",
     "tactic TEXT NOT NULL, currency TEXT NOT NULL, account_id INTEGER NOT NULL, "
     "concessions INTEGER, conceded REAL, for_nothing INTEGER, priced INTEGER, pct_sum REAL",
     "PRIMARY KEY (tactic, currency, account_id)", f"""
SELECT t.tactic, a.currency, a.id, count(*), total(c.conceded_value),
       count(CASE WHEN c.nothing_in_return AND NOT EXISTS (
         SELECT 1 FROM commitments m WHERE m.concession_id = c.id
         AND m.direction = 'theirs') THEN 1 END),
       count(CASE WHEN {_PRICED_M004} THEN 1 END),
       total(CASE WHEN {_PRICED_M004} THEN {_PCT_M004} END)
FROM accounts a JOIN concessions c ON c.account_id = a.id
JOIN concession_tactics t ON t.concession_id = c.id
WHERE a.archived = 0{{scope}}
GROUP BY t.tactic, a.id"""),
    # Per status and account: the theirs commitments given in return for concessions.
    ("analytics_promises",
     "currency TEXT NOT NULL, status TEXT NOT NULL, account_id INTEGER NOT NULL, "
     "promises INTEGER, value REAL",
     "PRIMARY KEY (currency, status, account_id)", """
SELECT a.currency, m.status, a.id, count(*), total(m.value)
FROM accounts a JOIN concessions c ON c.account_id = a.id
JOIN commitments m ON m.concession_id = c.id AND m.direction = 'theirs'
WHERE a.archived = 0{scope}
GROUP BY m.status, a.id"""),
    # The open theirs promises with a due date: whether one is overdue depends on the day.
    ("analytics_open_promises",
     "commitment_id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, currency TEXT, "
     "due_date TEXT", "", """
SELECT m.id, a.id, a.currency, m.due_date
FROM accounts a JOIN concessions c ON c.account_id = a.id
JOIN commitments m ON m.concession_id = c.id AND m.direction = 'theirs'
WHERE a.archived = 0{scope} AND m.status = 'open' AND m.due_date IS NOT NULL"""),
    # One-off concessions that came back: the first later concession (by date, then entry)
    # of the same kind for the same account.
    ("analytics_comebacks",
     "concession_id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, kind TEXT, date TEXT, "
     "back_id INTEGER, back_date TEXT", "", """
SELECT x.id, x.account_id, x.kind, x.date, x.back_id, d.date
FROM (SELECT c.id, c.account_id, c.kind, c.date,
             (SELECT b.id FROM concessions b
              WHERE b.account_id = c.account_id AND b.kind = c.kind AND b.date > c.date
              ORDER BY b.date, b.id LIMIT 1) AS back_id
      FROM accounts a JOIN concessions c ON c.account_id = a.id
      WHERE a.archived = 0{scope} AND c.recurrence = 'one_off') x
JOIN concessions d ON d.id = x.back_id"""),
)

# Which writes make an account's summaries stale: (table, event, the SELECTs of the
# accounts it touches).
_OF_CONCESSION = "SELECT account_id FROM concessions WHERE id = {row}.concession_id"
_STALE_WHEN: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("concessions", "INSERT", ("SELECT new.account_id AS account_id",)),
    ("concessions", "DELETE", ("SELECT old.account_id AS account_id",)),
    ("concessions", "UPDATE OF account_id, date, kind, baseline_value, conceded_value, "
     "granted_by_id, approved_by_id, recurrence, nothing_in_return, negotiation",
     ("SELECT old.account_id AS account_id", "SELECT new.account_id AS account_id")),
    ("commitments", "INSERT", (_OF_CONCESSION.format(row="new"),)),
    ("commitments", "DELETE", (_OF_CONCESSION.format(row="old"),)),
    ("commitments", "UPDATE OF concession_id, direction, status, value, due_date",
     (_OF_CONCESSION.format(row="old"), _OF_CONCESSION.format(row="new"))),
    ("concession_tactics", "INSERT", (_OF_CONCESSION.format(row="new"),)),
    ("concession_tactics", "DELETE", (_OF_CONCESSION.format(row="old"),)),
    ("concession_tactics", "UPDATE",
     (_OF_CONCESSION.format(row="old"), _OF_CONCESSION.format(row="new"))),
    ("accounts", "UPDATE OF id, segment, currency, archived",
     ("SELECT old.id AS account_id", "SELECT new.id AS account_id")),
    ("accounts", "DELETE", ("SELECT old.id AS account_id",)),
    # The role a granter has decides the approval limit a concession is judged by.
    ("people", "UPDATE OF id, role",
     ("SELECT account_id FROM concessions WHERE granted_by_id = old.id",
      "SELECT account_id FROM concessions WHERE granted_by_id = new.id")),
)


def analytics_summary_tables(db_or_conn, *, temp: bool = False) -> None:
    """Create the summary tables of ANALYTICS_SUMMARIES and fill them from the records:
    in the file (m004), or as temporary tables of one connection, for a reader of a file
    whose summaries are missing or stale."""
    execute = db_or_conn.execute
    for table, columns, key, definition in ANALYTICS_SUMMARIES:
        spec = ", ".join(part for part in (columns, key) if part)
        rowid = " WITHOUT ROWID" if key else ""
        execute(f"CREATE {'TEMP ' if temp else ''}TABLE {table} ({spec}){rowid}")
        execute(f"INSERT INTO {table} {definition.format(scope='')}")
    for table, columns in (("analytics_discounts", "segment, pct, date"),
                           ("analytics_discounts", "role, date"),
                           ("analytics_discounts", "role, approved, pct, date, baseline"),
                           ("analytics_discounts", "account_id"),
                           ("analytics_negotiations", "growing DESC, sized DESC"),
                           ("analytics_open_promises", "currency, due_date"),
                           ("analytics_open_promises", "account_id"),
                           ("analytics_tactics", "account_id"),
                           ("analytics_promises", "account_id"),
                           ("analytics_comebacks", "account_id"),
                           ("analytics_comebacks", "back_date, concession_id")):
        name = f"{table}_{columns.replace(' DESC', '').replace(', ', '_')}"
        schema = "temp." if temp else ""
        execute(f"CREATE INDEX {schema}{name} ON {table} ({columns})")


@migrations()
def m004_analytics_summaries(db: Database) -> None:
    """Summaries for the portfolio analytics, kept right by triggers, and the indexes the
    analytics read the records through."""
    # Reads what "recent contact" and "sentiment" need without visiting the rows; it
    # covers every use of the index it replaces.
    db.execute("CREATE INDEX idx_interactions_account_id_date_sentiment "
               "ON interactions (account_id, date, sentiment)")
    db.execute("DROP INDEX IF EXISTS idx_interactions_account_id_date")
    db.execute("CREATE INDEX idx_contacts_account_id_stakeholder ON contacts "
               "(account_id, buying_role, attitude, influence, last_contact)")
    db.execute("DROP INDEX IF EXISTS idx_contacts_account_id")
    # "Came back": the first later concession of the same kind, for the summaries.
    db.execute("CREATE INDEX idx_concessions_account_id_kind_date "
               "ON concessions (account_id, kind, date)")
    # Precedent exposure depends on the day, so it is read from the concessions, through
    # this much smaller index of the ones that can be exposed.
    db.execute("CREATE INDEX idx_concessions_precedents ON concessions "
               "(account_id, date, expiry, conceded_value, known_to_others) "
               "WHERE sets_precedent OR recurrence IN ('recurring', 'permanent')")

    # Bookkeeping, not content (as sqlite-utils' _sqlite_migrations): empty between actions.
    db.execute("CREATE TABLE _analytics_stale_accounts (account_id INTEGER PRIMARY KEY)")
    analytics_summary_tables(db)
    for i, (table, event, accounts) in enumerate(_STALE_WHEN):
        marks = "".join(f"INSERT OR IGNORE INTO _analytics_stale_accounts (account_id) "
                        f"SELECT account_id FROM ({select}) WHERE account_id IS NOT NULL;\n"
                        for select in accounts)
        db.execute(f"CREATE TRIGGER analytics_stale_{i} AFTER {event} ON {table} "
                   f"BEGIN\n{marks}END")
    refresh = []
    for table, _, _, definition in ANALYTICS_SUMMARIES:
        refresh.append(f"DELETE FROM {table} WHERE account_id IN "
                       f"(SELECT account_id FROM _analytics_stale_accounts);")
        refresh.append(f"INSERT INTO {table} {definition.format(scope=_STALE_SCOPE)};")
    refresh.append("DELETE FROM _analytics_stale_accounts;")
    db.execute("CREATE TRIGGER analytics_refresh AFTER INSERT ON audit_log "
               "WHEN EXISTS (SELECT 1 FROM _analytics_stale_accounts) BEGIN\n"
               + "\n".join(refresh) + "\nEND")


@migrations()
def m005_leaver_batches(db: Database) -> None:
    """The handovers of a leaver's book started together, and on each handover the batch it
    was started in: the team review groups them by it. A stored mark rather than one
    guessed from the outgoing manager and the time of creation, so that the leaver's other
    handovers (started one by one, before or after) stay out of the group."""
    db["leaver_batches"].create(
        {"id": int, "leaver_id": int, "started_on": str, "started_by_id": int},
        pk="id", not_null={"leaver_id", "started_on"},
        foreign_keys=[("leaver_id", "people", "id"), ("started_by_id", "people", "id")],
    )
    # A plain ADD COLUMN (NULL for every handover already there) rather than sqlite-utils'
    # table rebuild: the handovers table keeps its rows, ids and triggers untouched.
    db.execute("ALTER TABLE handovers ADD COLUMN batch_id INTEGER "
               "REFERENCES leaver_batches(id)")
    db["handovers"].create_index(["batch_id"])
