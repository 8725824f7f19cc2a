"""Records to table rows and back: dates as ISO text, choices as their values, flags as 0/1,
answers as JSON; tactics and the contacts of an interaction live in their own tables."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import typing
from enum import Enum
from functools import cache

from handover.domain.handover import Handover
from handover.domain.leaver import LeaverBatch
from handover.domain.records import (
    Account,
    ApprovalLimit,
    AuditEntry,
    Commitment,
    Concession,
    Contact,
    DiscountPolicy,
    Interaction,
    Person,
    Question,
    Record,
)

RECORD_TYPES: tuple[type[Record], ...] = (
    # parents before children, the order a batch is inserted in
    Person, Account, Contact, Interaction, Concession, Commitment, DiscountPolicy,
    ApprovalLimit, LeaverBatch, Handover, Question,
)
BY_TABLE: dict[str, type[Record]] = {cls.table: cls for cls in RECORD_TYPES}

# Fields kept in a table of their own rather than a column.
LINKED = {"contact_ids", "tactics"}


@cache
def _hints(cls: type) -> dict[str, object]:
    return typing.get_type_hints(cls)


@cache
def columns(cls: type[Record]) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls) if f.name not in LINKED)


def to_cell(value: object) -> object:
    """One field's value as SQLite stores it."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    if isinstance(value, (frozenset, set, tuple, list)):
        return json.dumps(sorted(to_cell(v) for v in value))
    return value


def to_row(record: Record) -> dict[str, object]:
    return {name: to_cell(getattr(record, name)) for name in columns(type(record))}


def from_row(cls: type[Record], row: dict[str, object], **linked) -> Record:
    """A record from a row; `linked` carries the fields kept in link tables."""
    hints = _hints(cls)
    values = dict(linked)
    for name in columns(cls):
        value = row.get(name)
        hint = hints[name]
        if value is not None:
            if hint in (dt.datetime, dt.datetime | None):
                value = dt.datetime.fromisoformat(value)
            elif name == "answers":
                value = json.loads(value) if value else {}
            elif hint is bool:
                value = bool(value)
        elif hint is str:
            value = ""
        elif name == "answers":
            value = {}
        values[name] = value
    return cls(**values)


def audit_from_row(row: dict[str, object]) -> AuditEntry:
    return AuditEntry(**{k: row[k] for k in columns(AuditEntry)})
