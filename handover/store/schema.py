"""The workspace schema, as numbered migrations applied in order (sqlite-utils Migrations).

A new schema step is a new function at the end; a released one is never edited."""

from __future__ import annotations

from sqlite_utils import Database, Migrations

# "HAND" as a 32-bit integer, written to the SQLite header's application_id field.
APPLICATION_ID = 0x48414E44

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
