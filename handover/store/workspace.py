"""The workspace: one SQLite file, opened with checks, held with a lock, written one
transaction per user action, every change written to a hash-chained audit log."""

from __future__ import annotations

import dataclasses
import json
import logging
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from handover.domain.records import AuditEntry, Interaction, Person, Record, Role
from handover.store.audit import append_entries, chain_breaks, read_entries, text_or_none
from handover.store.errors import (
    DamagedWorkspaceError,
    NewerWorkspaceError,
    ReadOnlyWorkspaceError,
    WorkspaceBusyError,
    WorkspaceError,
)
from handover.store.fileformat import APPLICATION_ID
from handover.store.files import (
    connect_for_writing,
    connect_read_only,
    has_hot_journal,
    integrity_problem,
    leave_wal,
    read_header,
    recover_interrupted_save,
    why_not_writable,
)
from handover.store.lock import WorkspaceLock, current_holder
from handover.store.rows import (
    BY_TABLE,
    LINKED,
    columns,
    from_row,
    to_cell,
    to_row,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

R = TypeVar("R", bound=Record)

log = logging.getLogger(__name__)



def _schema():
    # sqlite-utils is imported when a workspace is first opened, not with this module, so
    # the window can be painted before the store's libraries are loaded.
    from handover.store import schema

    return schema


def _database(conn: sqlite3.Connection) -> Database:
    from sqlite_utils import Database

    return Database(conn)


class Workspace:
    """One open workspace file, the one gate to its data.

    Reads go through `get`, `all` and the query helpers; every write is one transaction
    (`action()`), stamped with the current user and written to the audit log."""

    def __init__(self, path: Path, db: Database, *, read_only: bool, holder: str,
                 lock: WorkspaceLock | None, user: str, reason: str = ""):
        self.path = path
        self.db = db
        self.read_only = read_only
        self.holder = holder  # who holds the file when we got it read-only
        self._lock = lock
        self.user = user
        self._reason = reason

    @property
    def read_only_reason(self) -> str:
        """Why changes cannot be saved, in words ("Dana Smith on laptop-7, process 42 has
        this workspace open"); "" when they can, or when read-only was asked for."""
        if self._reason:
            return self._reason
        return f"{self.holder} has this workspace open" if self.holder else ""

    # ------------------------------------------------------------ opening and closing

    @classmethod
    def create(cls, path: str | Path, *, user: str = "") -> Workspace:
        """A new, empty workspace at `path`; refuses to overwrite an existing file."""
        path = Path(path)
        if path.exists() and path.stat().st_size > 0:
            raise WorkspaceError(f"{path} already exists; choose a new file name.")
        if not path.parent.exists():
            raise WorkspaceError(f"The folder {path.parent} does not exist.")
        path.touch()  # the file first, so the lock knows it by its inode too
        lock = WorkspaceLock(path, user)
        lock.acquire()
        conn = None
        try:
            conn = connect_for_writing(path)
            db = _database(conn)
            cls._configure(db)
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            cls._migrate(db)
        except BaseException:
            if conn is not None:
                conn.close()
            lock.release()
            raise
        return cls(path, db, read_only=False, holder="", lock=lock, user=user)

    @classmethod
    def open(cls, path: str | Path, *, user: str = "", check: bool = True,
             read_only: bool = False) -> Workspace:
        """Open `path` after checking it is a whole workspace of a version we know.

        Nothing is written to a file that fails a check. When another program holds the
        file, or it may not be written to, it opens read-only and `read_only_reason` says
        why. A save cut off by a crash is undone first, as SQLite would. `check=False`
        leaves the integrity check to the caller, except before a schema upgrade, which
        never writes to a damaged file."""
        path = Path(path)
        facts = read_header(path)
        # Held by another program, the journal may be its save under way: then SQLite
        # waits for it, or the read says the file is being recovered.
        if has_hot_journal(path) and recover_interrupted_save(path, user):
            facts = read_header(path)
        schema = _schema()
        if facts.user_version > schema.latest_version():
            raise NewerWorkspaceError(
                f"{path} was written by a newer version of Handover (schema version "
                f"{facts.user_version}; this version reads up to {schema.latest_version()}). "
                "Update Handover to open it.")
        reason = ""
        if not read_only:
            reason = why_not_writable(path)
            read_only = bool(reason)
        lock = None
        if facts.wal:
            lock = leave_wal(path, user, read_only)
            facts = read_header(path)
        upgrade = not read_only and facts.user_version < schema.latest_version()
        if check or upgrade:
            try:
                problem = integrity_problem(path)
            except BaseException:
                if lock:
                    lock.release()
                raise
            if problem:
                if lock:
                    lock.release()
                raise DamagedWorkspaceError(f"{path} is damaged: SQLite's integrity check "
                                            f"says {problem!r}. Restore it from a backup.")
        holder = ""
        if not read_only and lock is None:
            lock = WorkspaceLock(path, user)
            if not lock.acquire():
                holder = lock.holder
                lock = None
                read_only = True
        db = None
        try:
            if read_only:
                db = _database(connect_read_only(path))
            else:
                db = _database(connect_for_writing(path))
                cls._configure(db)
            cls._check_schema(db, path)
            if not read_only and schema.migrations.pending(db):
                from handover.store.backups import back_up

                back_up(db.conn, path, f"before upgrade to version {schema.latest_version()}")
                cls._migrate(db)
        except BaseException as e:
            # A refused file is let go at once, so the user can move, mend or delete it.
            if db is not None:
                db.close()
            if lock:
                lock.release()
            if not isinstance(e, sqlite3.DatabaseError):
                raise
            if "locked" in str(e) or "busy" in str(e):
                raise WorkspaceBusyError(f"{path} is being written by another program; "
                                         "try again in a moment.") from e
            raise DamagedWorkspaceError(f"{path} cannot be read: {e}.") from e
        return cls(path, db, read_only=read_only, holder=holder, lock=lock, user=user,
                   reason=reason)

    @staticmethod
    def _configure(db: Database) -> None:
        # Whole by itself whenever no write is under way, so it can be copied or mailed.
        db.execute("PRAGMA journal_mode = DELETE")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")

    @staticmethod
    def _check_schema(db: Database, path: Path) -> None:
        schema = _schema()
        applied = [m.name for m in schema.migrations.applied(db)]
        unknown = [name for name in applied if name not in schema.known_names()]
        if unknown:
            raise NewerWorkspaceError(
                f"{path} was written by a newer version of Handover (it has schema steps "
                f"this version does not know: {', '.join(unknown)}). Update Handover.")
        if not applied and "audit_log" not in db.table_names():
            if db.table_names():
                raise DamagedWorkspaceError(f"{path} is marked as a Handover workspace but "
                                            "has none of its tables.")

    @staticmethod
    def _migrate(db: Database) -> None:
        schema = _schema()
        schema.migrations.apply(db)
        db.execute(f"PRAGMA user_version = {len(schema.migrations.applied(db))}")

    def close(self) -> None:
        try:
            self.db.close()
        finally:
            if self._lock:
                self._lock.release()
                self._lock = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------ facts

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def counts(self) -> dict[str, int]:
        """How many of each record the workspace holds, by table name."""
        names = [*BY_TABLE, "audit_log"]
        sql = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM [{t}]" for t in names)
        return dict(self.db.execute(sql).fetchall())

    def lock_holder(self) -> str:
        """Who holds the file now: "" for nobody else (we may hold it ourselves)."""
        if self._lock is not None:
            return ""
        return current_holder(self.path)

    # ------------------------------------------------------------ reading

    def get(self, cls: type[R], record_id: int) -> R:
        rows = list(self.db[cls.table].rows_where("id = ?", [record_id]))
        if not rows:
            raise WorkspaceError(f"There is no {cls.__name__.lower()} with id {record_id}.")
        return self._records(cls, rows)[0]

    def all(self, cls: type[R], where: str | None = None, params: Iterable = (),
            order_by: str = "id") -> list[R]:
        """Every record of a kind, optionally narrowed by an SQL `where` clause."""
        rows = list(self.db[cls.table].rows_where(where, list(params), order_by=order_by))
        return self._records(cls, rows)

    def _records(self, cls: type[R], rows: list[dict]) -> list[R]:
        linked: dict[int, dict[str, object]] = {r["id"]: {} for r in rows}
        if rows and cls.table == "interactions":
            for iid, cid in self._links("interaction_contacts", "interaction_id",
                                        "contact_id", linked):
                linked[iid].setdefault("contact_ids", []).append(cid)
        if rows and cls.table == "concessions":
            for cid, tactic in self._links("concession_tactics", "concession_id", "tactic",
                                           linked):
                linked[cid].setdefault("tactics", []).append(tactic)
        return [from_row(cls, r, **{k: tuple(v) if k == "contact_ids" else frozenset(v)
                                    for k, v in linked[r["id"]].items()}) for r in rows]

    def _links(self, table: str, key: str, value: str, ids: Iterable[int]):
        ids = list(ids)
        for start in range(0, len(ids), 900):
            chunk = ids[start:start + 900]
            marks = ",".join("?" * len(chunk))
            yield from self.db.execute(
                f"SELECT {key}, {value} FROM {table} WHERE {key} IN ({marks}) "
                f"ORDER BY rowid", chunk).fetchall()

    def person_named(self, name: str, role: Role | str = Role.ACCOUNT_MANAGER) -> Person:
        """The team member called `name`, added to the workspace when new to it."""
        found = self.all(Person, "name = ?", [name])
        if found:
            return found[0]
        return self.add(Person(name=name, role=role))

    # ------------------------------------------------------------ writing

    @contextmanager
    def action(self, name: str = "") -> Iterator[Workspace]:
        """One user action: everything inside lands whole or not at all."""
        if self.read_only:
            why = (f" ({self.holder} has it open)" if self.holder
                   else f" ({self._reason})" if self._reason else "")
            raise ReadOnlyWorkspaceError(f"{self.path} is open read-only{why}; "
                                         "changes cannot be saved.")
        try:
            with self.db.atomic():
                yield self
        except sqlite3.OperationalError as e:
            if ("locked" not in str(e) and "busy" not in str(e)) or self.db.conn.in_transaction:
                raise  # an action inside another: the outer one says it
            what = name or "the change"
            if self._another_program_writes():
                raise WorkspaceBusyError(f"{self.path} is being written by another program;"
                                         f" {what} was not saved.") from e
            raise WorkspaceBusyError(
                f"{self.path} is being read by another program (a brief being exported, "
                f"perhaps) for longer than a save can wait, so {what} was not saved yet. "
                "Nothing in the file was changed; save again in a moment.") from e

    def _another_program_writes(self) -> bool:
        """After a save found the file busy: whether another program is writing it, not
        only reading (SQLite lets a writer begin beside readers, and waits for them only
        to commit)."""
        conn = self.db.conn
        timeout = conn.execute("PRAGMA busy_timeout").fetchone()[0]
        conn.execute("PRAGMA busy_timeout = 0")
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError:
            return True
        finally:
            conn.execute(f"PRAGMA busy_timeout = {int(timeout)}")

    def add(self, record: R) -> R:
        """Insert `record` (its id is assigned) and audit it; returns it with its id."""
        with self.action(f"adding {_a(record)}"):
            row = to_row(record)
            if row.get("id") is None:
                row.pop("id")
            table = self.db[record.table]
            table.insert(row)
            new = dataclasses.replace(record, id=table.last_pk)
            self._write_links(new)
            self._audit("create", new.table, new.id, after=self._snapshot(new))
        return new

    def update(self, record: R, *, action: str = "update") -> R:
        """Save `record` over the stored one; one audit entry per changed field, under
        `action` (what the change was part of, "handover #12" say, when not an edit)."""
        old = self.get(type(record), record.id)
        with self.action(f"saving {_a(record)}"):
            before, after = self._flat(old), self._flat(record)
            changed = {k: v for k, v in after.items() if before.get(k) != v}
            plain = {k: v for k, v in to_row(record).items() if k in changed}
            if plain:
                self.db[record.table].update(record.id, plain)
            self._write_links(record, replace=True)
            for name in changed:
                self._audit(action, record.table, record.id, field=name,
                            before=before.get(name), after=after[name])
        return record

    def delete(self, record: Record) -> None:
        """Remove the stored record `record` names, and audit it as it was stored, with
        every change its removal makes to other records: the interactions a contact
        leaves, the promises a concession no longer stands behind."""
        kind = type(record)
        with self.action(f"removing {_a(record)}"):
            stored = self.get(kind, record.id)
            if record.table == "contacts":
                for met in self.all(Interaction, "id IN (SELECT interaction_id FROM "
                                    "interaction_contacts WHERE contact_id = ?)", [record.id]):
                    left = dataclasses.replace(met, contact_ids=tuple(
                        c for c in met.contact_ids if c != record.id))
                    self._audit("update", met.table, met.id, field="contact_ids",
                                before=self._flat(met)["contact_ids"],
                                after=self._flat(left)["contact_ids"])
                self.db.execute("DELETE FROM interaction_contacts WHERE contact_id = ?",
                                [record.id])
            if record.table == "interactions":
                self.db.execute("DELETE FROM interaction_contacts WHERE interaction_id = ?",
                                [record.id])
            if record.table == "concessions":
                self.db.execute("DELETE FROM concession_tactics WHERE concession_id = ?",
                                [record.id])
                for (promise_id,) in self.db.execute(
                        "SELECT id FROM commitments WHERE concession_id = ? ORDER BY id",
                        [record.id]).fetchall():
                    self._audit("update", "commitments", promise_id, field="concession_id",
                                before=record.id, after=None)
                self.db.execute("UPDATE commitments SET concession_id = NULL "
                                "WHERE concession_id = ?", [record.id])
            self.db[record.table].delete(record.id)
            self._audit("delete", record.table, record.id, before=self._snapshot(stored))

    def add_many(self, records: Iterable[Record], *, note: str = "import") -> dict[str, int]:
        """Insert many records in one transaction, as an import does; their ids must be
        set by the caller (see `next_ids`). Each record gets its audit entry, as `add`
        gives one, under the action `note`."""
        counts: dict[str, int] = {}
        with self.action(note):
            batches: dict[str, list[dict]] = {}
            links: dict[str, list[tuple]] = {"interaction_contacts": [],
                                              "concession_tactics": []}
            audits: dict[str, list[tuple]] = {}
            for record in records:
                if record.id is None:
                    raise ValueError("add_many needs records with their ids set")
                row = to_row(record)
                batches.setdefault(record.table, []).append(row)
                # The snapshot `_snapshot` gives, from the cells already made for the row.
                flat = {k: v for k, v in row.items() if k != "id"}
                flat.update((k, to_cell(getattr(record, k))) for k in LINKED
                            if hasattr(record, k))
                audits.setdefault(record.table, []).append(
                    (note, record.table, record.id, "", None,
                     json.dumps(flat, sort_keys=True, ensure_ascii=False)))
                if isinstance(record, Interaction):
                    links["interaction_contacts"] += [(record.id, c)
                                                      for c in record.contact_ids]
                elif record.table == "concessions":
                    links["concession_tactics"] += [(record.id, t.value)
                                                    for t in record.tactics]
            for table in BY_TABLE:  # parents before children
                if table in batches:
                    self._insert_rows(table, batches[table])
                    counts[table] = len(batches[table])
            for table, pairs in links.items():
                if pairs:
                    self.db.conn.executemany(f"INSERT INTO {table} VALUES (?, ?)", pairs)
            self._write_audit([entry for table in counts for entry in audits[table]])
        return counts

    def _insert_rows(self, table: str, rows: list[dict]) -> None:
        # Rows are staged in a temporary table and copied across in one statement: the
        # full-text index's triggers then flush once per batch instead of once per row
        # (4.5x faster on the demo workspace).
        names = columns(BY_TABLE[table])
        cols = ", ".join(names)
        self.db.execute(f"CREATE TEMP TABLE IF NOT EXISTS [batch_{table}] AS "
                        f"SELECT {cols} FROM main.[{table}] WHERE 0")
        self.db.conn.executemany(
            f"INSERT INTO temp.[batch_{table}] VALUES ({', '.join('?' * len(names))})",
            ([r[n] for n in names] for r in rows))
        self.db.execute(f"INSERT INTO main.[{table}] ({cols}) "
                        f"SELECT {cols} FROM temp.[batch_{table}]")
        self.db.execute(f"DELETE FROM temp.[batch_{table}]")

    def next_ids(self) -> dict[str, int]:
        """For each table, the first id not yet used: where a batch's ids start."""
        return {t: (self.db.execute(f"SELECT max(id) FROM [{t}]").fetchone()[0] or 0) + 1
                for t in BY_TABLE}

    def _write_links(self, record: Record, replace: bool = False) -> None:
        if isinstance(record, Interaction):
            if replace:
                self.db.execute("DELETE FROM interaction_contacts WHERE interaction_id = ?",
                                [record.id])
            self.db.conn.executemany("INSERT INTO interaction_contacts VALUES (?, ?)",
                                     [(record.id, c) for c in record.contact_ids])
        elif record.table == "concessions":
            if replace:
                self.db.execute("DELETE FROM concession_tactics WHERE concession_id = ?",
                                [record.id])
            self.db.conn.executemany("INSERT INTO concession_tactics VALUES (?, ?)",
                                     [(record.id, t.value) for t in record.tactics])

    # ------------------------------------------------------------ the audit log

    @staticmethod
    def _flat(record: Record) -> dict[str, object]:
        return {k: to_cell(v) for k, v in record.as_dict().items() if k != "id"}

    def _snapshot(self, record: Record) -> str:
        return json.dumps(self._flat(record), sort_keys=True, ensure_ascii=False)

    def _audit(self, action: str, record: str, record_id: int | None, *, field: str = "",
               before: object = None, after: object = None) -> None:
        self._write_audit([(action, record, record_id, field, text_or_none(before),
                            text_or_none(after))])

    def _write_audit(self, entries: list[tuple]) -> None:
        append_entries(self.db, self.user or "unknown", entries)

    def audit_entries(self, record: str | None = None,
                      record_id: int | None = None) -> list[AuditEntry]:
        return read_entries(self.db, record, record_id)

    def verify_audit_chain(self) -> list[str]:
        """Every break in the audit log's hash chain, in words; [] when it is whole."""
        return chain_breaks(self.audit_entries())


def _a(record: Record) -> str:
    """"an account", "a contact": the record's kind in words, for a message."""
    kind = type(record).__name__.lower()
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"

