"""The sign-off: a canonical serialisation of a handover and every record it covers, its
SHA-256, and what changed since it was taken, in words.

Covered: the handover (its answers, read-back, parties, dates; not the fields that sign-off
itself sets, nor its status), the account, its contacts, interactions, concessions and
commitments, and the handover's questions. Not covered: the team members' own records
(a colleague's new email address does not change what was handed over) and the discount
policy (it is dated, so a change to it is a new policy, not a change to the account).

A field at its default value is left out of the canonical form, so a field added to a
record in a later version does not mark every earlier sign-off as changed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import typing
from dataclasses import dataclass
from enum import Enum
from functools import cache

from handover.domain.checker import HandoverRecords, day
from handover.domain.handover import Handover
from handover.domain.records import (
    Account,
    Choice,
    Commitment,
    Concession,
    Contact,
    Interaction,
    Question,
    Record,
)
from handover.domain.template import Template

FORMAT = 1  # of the canonical serialisation; a new one gets a new number

# Set at sign-off itself (or by the workflow around it), so left out of what is signed.
EXCLUDED = frozenset({"status", "signed_off_by_id", "signed_off_at", "signoff_hash",
                      "signoff_snapshot"})

# The parts of the canonical document, in the order changes are told.
_KINDS: dict[str, tuple[type[Record], str]] = {
    "handover": (Handover, "Handover"),
    "account": (Account, "Account"),
    "contacts": (Contact, "Contact"),
    "interactions": (Interaction, "Interaction"),
    "concessions": (Concession, "Concession"),
    "commitments": (Commitment, "Commitment"),
    "questions": (Question, "Question"),
}
_SINGLE = ("handover", "account")


# ---------------------------------------------------------------- the canonical form


def _plain(value: object) -> object:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (frozenset, set, tuple, list)):
        # Link sets (tactics, the contacts of an interaction) have no meaningful order.
        return sorted((_plain(v) for v in value), key=lambda v: (str(type(v)), v))
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


@cache
def _defaults(cls: type) -> dict[str, object]:
    """Each field's default, in canonical form; fields without one are absent."""
    found = {}
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            found[f.name] = _plain(f.default)
        elif f.default_factory is not dataclasses.MISSING:
            found[f.name] = _plain(f.default_factory())
    return found


_ABSENT = object()


def _record(record: Record, skip: frozenset[str] = frozenset()) -> dict[str, object]:
    # A field at its default is left out, so that a field added to a record in a later
    # version (at its default in every old record) leaves earlier sign-offs valid.
    defaults = _defaults(type(record))
    out = {}
    for f in dataclasses.fields(record):
        value = _plain(getattr(record, f.name))
        if f.name not in skip and defaults.get(f.name, _ABSENT) != value:
            out[f.name] = value
    return out


def _answers(answers: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    # A field typed into and emptied again says the same as one never touched.
    kept = {section: {k: v for k, v in fields.items() if v}
            for section, fields in answers.items()}
    return {section: fields for section, fields in kept.items() if fields}


def _by_id(records) -> list[dict[str, object]]:
    ordered = sorted(records, key=lambda r: (r.id is None, r.id or 0))
    return [_record(r) for r in ordered]


def document(handover: Handover, records: HandoverRecords,
             questions: typing.Iterable[Question] = ()) -> dict[str, object]:
    """What the sign-off covers, as plain data (the canonical form before encoding)."""
    signed = _record(handover, EXCLUDED)
    signed["answers"] = _answers(handover.answers)
    return {
        "format": FORMAT,
        "handover": signed,
        "account": _record(records.account),
        "contacts": _by_id(records.contacts),
        "interactions": _by_id(records.interactions),
        "concessions": _by_id(records.concessions),
        "commitments": _by_id(records.commitments),
        "questions": _by_id(questions),
    }


def _encode(doc: dict[str, object]) -> bytes:
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def canonical(handover: Handover, records: HandoverRecords,
              questions: typing.Iterable[Question] = ()) -> bytes:
    """The handover and every record it covers as UTF-8 JSON: sorted keys, no whitespace,
    dates in ISO form, choices as their stored values, records in id order."""
    return _encode(document(handover, records, questions))


def signoff_hash(handover: Handover, records: HandoverRecords,
                 questions: typing.Iterable[Question] = ()) -> str:
    """The SHA-256 of the canonical form, in hex."""
    return hashlib.sha256(canonical(handover, records, questions)).hexdigest()


def sign_off(handover: Handover, records: HandoverRecords,
             questions: typing.Iterable[Question], *, signer_id: int,
             at: dt.datetime) -> tuple[Handover, str]:
    """The handover stamped with its signer, the time and the hash, and the canonical
    snapshot (text) to keep beside it so that later changes can be told in words. The
    status is left to the workflow."""
    snapshot = canonical(handover, records, questions)
    signed = dataclasses.replace(handover, signed_off_by_id=signer_id, signed_off_at=at,
                                 signoff_hash=hashlib.sha256(snapshot).hexdigest())
    return signed, snapshot.decode("utf-8")


@dataclass(frozen=True)
class SignoffState:
    signed: bool  # a sign-off hash is stored
    changed: bool  # the covered records no longer hash to it: "changed since sign-off"
    changes: tuple[str, ...] = ()  # what changed, in words


def signoff_state(handover: Handover, records: HandoverRecords,
                  questions: typing.Iterable[Question] = (),
                  snapshot: bytes | str | None = None,
                  template: Template | None = None) -> SignoffState:
    """Whether the handover changed since sign-off and, given the snapshot kept then, what."""
    if not handover.signoff_hash:
        return SignoffState(signed=False, changed=False)
    current = canonical(handover, records, questions)
    if hashlib.sha256(current).hexdigest() == handover.signoff_hash:
        return SignoffState(signed=True, changed=False)
    if snapshot is None or snapshot == "" or snapshot == b"":
        return SignoffState(True, True, ("The handover or its records changed after "
                                         "sign-off; no copy was kept to say what.",))
    kept = snapshot.encode("utf-8") if isinstance(snapshot, str) else snapshot
    changes = changes_since(kept, current, template)
    if hashlib.sha256(kept).hexdigest() != handover.signoff_hash:
        changes.insert(0, "The copy kept at sign-off does not match the sign-off hash, so "
                          "what follows compares with a copy that was itself altered.")
    if not changes:
        changes = ["The handover or its records changed after sign-off."]
    return SignoffState(True, True, tuple(changes))


# ---------------------------------------------------------------- what changed


def _load(doc: bytes | str | dict) -> dict:
    if isinstance(doc, dict):
        return doc
    return json.loads(doc)


def changes_since(snapshot: bytes | str | dict, current: bytes | str | dict,
                  template: Template | None = None) -> list[str]:
    """What differs between the canonical form kept at sign-off and the current one, one
    line each: "Concession 12: conceded value 1,500.00 → 2,000.00", "Contact 4 (Dr. Weber)
    added". With the template, answers are named by their section and field titles."""
    before, after = _load(snapshot), _load(current)
    lines: list[str] = []
    for kind, (cls, noun) in _KINDS.items():
        if kind in _SINGLE:
            old, new = before.get(kind) or {}, after.get(kind) or {}
            if kind == "handover":
                lines += _answer_changes(old.get("answers") or {}, new.get("answers") or {},
                                         template)
            lines += [f"{noun}: {line}"
                      for line in _field_changes(cls, old, new, skip={"id", "answers"})]
            continue
        old_rows = {r.get("id"): r for r in before.get(kind) or []}
        new_rows = {r.get("id"): r for r in after.get(kind) or []}
        for rid in sorted(old_rows.keys() | new_rows.keys(), key=lambda i: (i is None, i or 0)):
            if rid not in new_rows:
                lines.append(f"{noun} {rid}{_label(kind, old_rows[rid])} removed")
            elif rid not in old_rows:
                lines.append(f"{noun} {rid}{_label(kind, new_rows[rid])} added")
            else:
                lines += [f"{noun} {rid}: {line}"
                          for line in _field_changes(cls, old_rows[rid], new_rows[rid])]
    return lines


def _label(kind: str, row: dict) -> str:
    try:
        if kind == "contacts":
            return f" ({row['name']})"
        if kind in ("interactions", "concessions"):
            kind_label = _shown(_KINDS[kind][0], "kind", row["kind"])
            return f" ({day(dt.date.fromisoformat(row['date']))}, {kind_label.lower()})"
        if kind == "commitments":
            return f" (\u201c{_short(row['description'])}\u201d)"
        if kind == "questions":
            return f" (\u201c{_short(row['text'])}\u201d)"
    except (KeyError, TypeError, ValueError):
        pass
    return ""


def _short(text: str, limit: int = 50) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "\u2026"


@cache
def _hints(cls: type) -> dict[str, object]:
    return typing.get_type_hints(cls)


def _choice_of(cls: type, name: str) -> type[Choice] | None:
    hint = _hints(cls).get(name)
    for candidate in (hint, *typing.get_args(hint)):
        if isinstance(candidate, type) and issubclass(candidate, Choice):
            return candidate
    return None


def _shown(cls: type, name: str, value: object) -> str:
    """One value as a person reads it."""
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, list):
        return ", ".join(_shown(cls, name, v) for v in value) or "(none)"
    if isinstance(value, str):
        if not value:
            return "(empty)"
        choice = _choice_of(cls, name)
        if choice is not None:
            try:
                return choice(value).label
            except ValueError:
                pass
    return str(value)


def _field_name(name: str) -> str:
    special = {"contact_ids": "contacts involved", "read_back": "read-back"}
    if name in special:
        return special[name]
    return name.removesuffix("_id").replace("_", " ")


def _is_long(value: object) -> bool:
    return isinstance(value, str) and (len(value) > 60 or "\n" in value)


def _field_changes(cls: type, old: dict, new: dict,
                   skip: set[str] = frozenset({"id"})) -> list[str]:
    order = [f.name for f in dataclasses.fields(cls)]
    names = [n for n in order if n in old or n in new]
    names += sorted((old.keys() | new.keys()) - set(names))
    lines = []
    for name in names:
        if name in skip or old.get(name) == new.get(name):
            continue
        default = _defaults(cls).get(name)
        a, b = old.get(name, default), new.get(name, default)
        if _is_long(a) or _is_long(b):
            lines.append(f"{_field_name(name)} changed")
        else:
            lines.append(f"{_field_name(name)} {_shown(cls, name, a)} \u2192 "
                         f"{_shown(cls, name, b)}")
    return lines


def _answer_changes(old: dict, new: dict, template: Template | None) -> list[str]:
    lines = []
    for section_key in sorted(old.keys() | new.keys(), key=lambda k: _order(template, k)):
        before, after = old.get(section_key) or {}, new.get(section_key) or {}
        for field_key in sorted(before.keys() | after.keys()):
            a, b = before.get(field_key, ""), after.get(field_key, "")
            if a == b:
                continue
            place = _place(template, section_key, field_key)
            what = "written" if not a else "cleared" if not b else "changed"
            lines.append(f"Answer \u201c{place}\u201d {what}")
    return lines


def _order(template: Template | None, section_key: str) -> tuple[int, str]:
    keys = [s.key for s in template.sections] if template else []
    return (keys.index(section_key) if section_key in keys else len(keys), section_key)


def _place(template: Template | None, section_key: str, field_key: str) -> str:
    section = template.section(section_key) if template else None
    if section is None:
        return f"{section_key} \u203a {field_key}"
    field = section.field(field_key)
    return f"{section.title} \u203a {field.label if field else field_key}"
