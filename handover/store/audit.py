"""The audit log: every change appended as one entry, each chained to the one before by a
SHA-256 hash, so that a change made to the log afterwards shows."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from handover.domain.records import AuditEntry
from handover.store.rows import audit_from_row

if TYPE_CHECKING:
    from sqlite_utils import Database

GENESIS_HASH = "0" * 64


def text_or_none(value: object) -> str | None:
    """A before or after value as the log keeps it: text as it is, anything else as JSON."""
    if value is None:
        return None
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def append_entries(db: Database, who: str, entries: list[tuple]) -> None:
    """Append (action, record, record_id, field, before, after) entries to the audit
    log, each chained to the one before by its hash, in one statement."""
    if not entries:
        return
    last = db.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    prev = last[0] if last else GENESIS_HASH
    at = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
    rows = []
    for action, record, record_id, field, before, after in entries:
        content = [prev, at, who, action, record, record_id, field, before, after]
        prev = _content_hash(content)
        rows.append((*content[1:], content[0], prev))
    db.conn.executemany(
        "INSERT INTO audit_log (at, who, action, record, record_id, field, before, "
        "after, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def read_entries(db: Database, record: str | None = None,
                  record_id: int | None = None) -> list[AuditEntry]:
    where, params = [], []
    if record is not None:
        where.append("record = ?")
        params.append(record)
    if record_id is not None:
        where.append("record_id = ?")
        params.append(record_id)
    rows = db["audit_log"].rows_where(" AND ".join(where) or None, params, order_by="id")
    return [audit_from_row(r) for r in rows]


def chain_breaks(entries: Sequence[AuditEntry]) -> list[str]:
    """Every break in the hash chain of `entries` (the whole log, oldest first), in words."""
    problems = []
    prev = GENESIS_HASH
    for entry in entries:
        if entry.prev_hash != prev:
            problems.append(f"audit entry {entry.id} does not follow the one before it")
        if entry_hash(entry) != entry.hash:
            problems.append(f"audit entry {entry.id} was changed after it was written")
        prev = entry.hash
    return problems


def entry_hash(entry: AuditEntry) -> str:
    """SHA-256 over the entry's content and the previous entry's hash."""
    return _content_hash([entry.prev_hash, entry.at, entry.who, entry.action, entry.record,
                          entry.record_id, entry.field, entry.before, entry.after])


def _content_hash(content: list) -> str:
    canonical = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
