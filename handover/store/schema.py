"""The workspace schema, as numbered migrations applied in order (sqlite-utils Migrations).

A new schema step is a new function at the end; a released one is never edited."""

from __future__ import annotations

from sqlite_utils import Database, Migrations

from handover.store.workspace import APPLICATION_ID

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
