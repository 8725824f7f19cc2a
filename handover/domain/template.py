"""The handover template: its sections, their guidance questions, fields and declared checks,
read from TOML with errors that name the file, the line and the problem."""

from __future__ import annotations

import dataclasses
import re
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from handover.domain.errors import HandoverError, ValidationError
from handover.domain.handover import Handover
from handover.domain.records import TEXT_LIMIT

FIELD_KINDS = ("markdown", "text", "date", "list")
CHECK_KINDS = ("required", "min_items", "min_words", "items_match")
# Which live records a section shows beside its fields ("account": the account's own facts).
RECORD_KINDS = ("account", "contacts", "interactions", "concessions", "commitments")
COUNTABLE_RECORDS = RECORD_KINDS[1:]
SEVERITIES = ("error", "warning")

_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_BULLET = re.compile(r"^\s*(?:[-*+\u2022]|\d+[.)])\s+")


class TemplateError(HandoverError):
    """A template that cannot be used; the message names the file, the line and the problem."""

    def __init__(self, source: str, line: int | None, problem: str):
        where = f"{source}, line {line}" if line else source
        super().__init__(f"{where}: {problem}")
        self.source = source
        self.line = line
        self.problem = problem


@dataclass(frozen=True)
class Field:
    """One thing the writer fills in.

    A `list` field holds one item per line (bullets and numbering are ignored). The field
    marked `read_back` is the handover's read-back, written by the incoming manager and
    kept in `Handover.read_back` rather than among the answers."""

    key: str
    label: str
    kind: str = "markdown"
    required: bool = False
    help: str = ""
    read_back: bool = False


@dataclass(frozen=True)
class Check:
    """A declared check of one section.

    - required: the field is not empty
    - min_words: the field has at least `minimum` words
    - min_items: the list `field`, or the live `records` of the account, have at least
      `minimum` items
    - items_match: every item of the list `field` matches the regular expression `pattern`
      (not applicable while the list is empty: `min_items` says that)
    """

    id: str
    kind: str
    field: str | None = None
    records: str | None = None
    minimum: int = 1
    weight: float = 1.0
    severity: str = "error"
    message: str = ""
    pattern: str = ""


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    guidance: tuple[str, ...] = ()
    fields: tuple[Field, ...] = ()
    checks: tuple[Check, ...] = ()
    records: str | None = None

    def field(self, key: str) -> Field | None:
        return next((f for f in self.fields if f.key == key), None)


@dataclass(frozen=True)
class Template:
    name: str
    version: str
    sections: tuple[Section, ...]
    description: str = ""
    source: str = ""  # the file it was read from

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def section_for_records(self, records: str) -> Section | None:
        """The first section that shows the live `records` ("concessions", ...)."""
        return next((s for s in self.sections if s.records == records), None)

    def read_back_field(self) -> tuple[Section, Field] | None:
        for section in self.sections:
            for f in section.fields:
                if f.read_back:
                    return section, f
        return None

    def checks(self) -> Iterator[tuple[Section, Check]]:
        for section in self.sections:
            for check in section.checks:
                yield section, check


# ---------------------------------------------------------------- answers


def answer(handover: Handover, section_key: str, field: Field) -> str:
    """What the handover says in one field ("" when nothing yet)."""
    if field.read_back:
        return handover.read_back
    return handover.answers.get(section_key, {}).get(field.key, "")


def with_answer(handover: Handover, section_key: str, field: Field, text: str) -> Handover:
    """The handover with one field's text replaced."""
    if len(text) > TEXT_LIMIT:
        raise ValidationError(field.key, f"\u201c{field.label}\u201d is {len(text):,} characters "
                                         f"long; at most {TEXT_LIMIT:,}")
    if field.read_back:
        return dataclasses.replace(handover, read_back=text)
    answers = {k: dict(v) for k, v in handover.answers.items()}
    answers.setdefault(section_key, {})[field.key] = text
    return dataclasses.replace(handover, answers=answers)


def list_items(text: str) -> list[str]:
    """The items of a list field: one per line, without bullets or numbers; an indented
    line without a bullet continues the item above it."""
    items: list[str] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        if line[:1].isspace() and items and not _BULLET.match(line):
            items[-1] = f"{items[-1]} {line.strip()}"
        else:
            items.append(_BULLET.sub("", line, count=1).strip())
    return [item for item in items if item]


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


# ---------------------------------------------------------------- finding the default


def default_template_path() -> Path:
    """resources/templates/default.toml: beside the package in a source tree, under
    sys._MEIPASS in a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    root = Path(bundle) if bundle else Path(__file__).resolve().parents[2]
    return root / "resources" / "templates" / "default.toml"


def load_default_template() -> Template:
    return load_template(default_template_path())


def load_template_or_default(path: str | Path | None) -> tuple[Template, str | None]:
    """The team's template at `path`, or the default with a message saying why the team's
    could not be used. No path (None or "") means the default, without a message."""
    if path is None or not str(path).strip():
        return load_default_template(), None
    try:
        return load_template(path), None
    except TemplateError as e:
        return load_default_template(), f"{e} The default template is in use instead."


# ---------------------------------------------------------------- loading


def load_template(path: str | Path) -> Template:
    """The template in the TOML file at `path`, or TemplateError."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise TemplateError(str(path), None, f"cannot be read ({e.strerror or e})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        raise TemplateError(str(path), line, "is not UTF-8 text") from None
    return parse_template(text, str(path))


def parse_template(text: str, source: str = "template") -> Template:
    """The template written in `text`; `source` names it in error messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise _syntax_error(e, text, source) from None
    return _Reader(data, _LineIndex(text), source).template()


_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_AT_END = re.compile(r"\s*\(at end of document\)\s*$")


def _syntax_error(error: tomllib.TOMLDecodeError, text: str, source: str) -> TemplateError:
    message = str(error)
    found = _AT.search(message)
    if found:
        problem = f"{_sentence(_AT.sub('', message))} (column {found.group(2)})"
        return TemplateError(source, int(found.group(1)), problem)
    if _AT_END.search(message):
        return TemplateError(source, max(1, len(text.splitlines())),
                             _sentence(_AT_END.sub("", message)) + " at the end of the file")
    return TemplateError(source, None, _sentence(message))


# tomllib's words where plainer ones help a person find the mistake.
_PLAINER = {
    "Illegal character '\\n'": "the line ends inside a string: a closing quote is missing",
    "Cannot overwrite a value": "this key already has a value (a key may be given once)",
}


def _sentence(text: str) -> str:
    text = _PLAINER.get(text, text)
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


class _LineIndex:
    """Where each table header and key of a TOML text sits, by its path in the parsed data:
    ("sections", 2, "checks", 0, "weight") -> line. A scan of the text, good enough for the
    shapes a template takes (no keys inside inline tables); a path not found falls back to
    its nearest parent."""

    _HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
    _ASSIGN = re.compile(r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')"""
                         r"""(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=""")

    def __init__(self, text: str):
        self.lines: dict[tuple, int] = {}
        counts: dict[tuple, int] = {}
        current: tuple = ()
        in_string: str | None = None
        depth = 0  # open brackets of a multi-line array
        for number, line in enumerate(text.splitlines(), start=1):
            if in_string:
                if line.count(in_string) % 2:
                    in_string = None
                continue
            header = self._HEADER.match(line) if depth == 0 else None
            if header:
                names = self._split(header.group(2))
                path = self._resolve(names[:-1], counts)
                if header.group(1) == "[[":
                    slot = path + (names[-1],)
                    index = counts.get(slot, 0)
                    counts[slot] = index + 1
                    current = slot + (index,)
                else:
                    current = path + (names[-1],)
                self.lines.setdefault(current, number)
                continue
            assign = self._ASSIGN.match(line) if depth == 0 else None
            if assign:
                self.lines.setdefault(current + tuple(self._split(assign.group(1))), number)
            for quote in ('"""', "'''"):
                if line.count(quote) % 2:
                    in_string = quote
            if not in_string:
                bare = re.sub(r'"(?:\\.|[^"\\])*"|\'[^\']*\'', "", line.split("#")[0])
                depth = max(0, depth + bare.count("[") - bare.count("]"))

    @staticmethod
    def _split(dotted: str) -> list[str]:
        parts = re.findall(r'"([^"]*)"|\'([^\']*)\'|([A-Za-z0-9_-]+)', dotted)
        return [a or b or c for a, b, c in parts]

    def _resolve(self, names: list[str], counts: dict[tuple, int]) -> tuple:
        """The path of a dotted header's parent: each array of tables at its last item."""
        path: tuple = ()
        for name in names:
            path += (name,)
            if path in counts:
                path += (counts[path] - 1,)
        return path

    def line(self, *path) -> int | None:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return None


def _show(value: object) -> str:
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def _type_name(value: object) -> str:
    return {str: "text", bool: "true/false", int: "a whole number", float: "a number",
            list: "a list", dict: "a table"}.get(type(value), type(value).__name__)


class _Reader:
    """Turns the parsed TOML into a Template, refusing the first problem with its line."""

    ROOT_KEYS = {"name", "version", "description", "sections"}
    SECTION_KEYS = {"key", "title", "guidance", "records", "fields", "checks"}
    FIELD_KEYS = {"key", "label", "kind", "required", "help", "read_back"}
    CHECK_KEYS = {"id", "kind", "field", "records", "minimum", "weight", "severity",
                  "message", "pattern"}

    def __init__(self, data: dict, index: _LineIndex, source: str):
        self.data = data
        self.index = index
        self.source = source

    def fail(self, path: tuple, problem: str) -> TemplateError:
        return TemplateError(self.source, self.index.line(*path), problem)

    def _known(self, table: dict, known: set[str], path: tuple, what: str) -> None:
        for key in table:
            if key not in known:
                raise self.fail(path + (key,), f"unknown key {key!r} in {what} (known keys: "
                                               f"{', '.join(sorted(known))})")

    def _text(self, table: dict, key: str, path: tuple, what: str, *,
              required: bool = False, default: str = "") -> str:
        if key not in table:
            if required:
                raise self.fail(path, f"{what} has no {key}")
            return default
        value = table[key]
        if not isinstance(value, str):
            raise self.fail(path + (key,), f"{key} of {what} must be text, not "
                                           f"{_type_name(value)}")
        if required and not value.strip():
            raise self.fail(path + (key,), f"{what} has an empty {key}")
        return value.strip()

    def _flag(self, table: dict, key: str, path: tuple, what: str) -> bool:
        value = table.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(path + (key,), f"{key} of {what} must be true or false, not "
                                           f"{_show(value)}")
        return value

    def _tables(self, table: dict, key: str, path: tuple, what: str, header: str) -> list:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(path + (key,), f"{key} of {what} must be written as [[{header}]] "
                                           "tables")
        return value

    def _choice(self, table: dict, key: str, allowed: tuple[str, ...], path: tuple,
                what: str, default: str | None) -> str | None:
        if key not in table:
            return default
        value = table[key]
        if value not in allowed:
            raise self.fail(path + (key,), f"{what} has an unknown {key} {_show(value)} "
                                           f"(one of: {', '.join(allowed)})")
        return value

    def template(self) -> Template:
        data, root = self.data, ()
        self._known(data, self.ROOT_KEYS, root, "the template")
        name = self._text(data, "name", root, "the template", required=True)
        version = data.get("version", "1")
        if isinstance(version, bool) or not isinstance(version, (str, int, float)):
            raise self.fail(("version",), f"version must be text or a number, not "
                                          f"{_type_name(version)}")
        description = self._text(data, "description", root, "the template")
        raw_sections = self._tables(data, "sections", root, "the template", "sections")
        if not raw_sections:
            raise self.fail(root, "the template has no sections; add at least one "
                                  "[[sections]] table")
        sections: list[Section] = []
        first_line: dict[str, int | None] = {}
        check_ids: dict[str, int | None] = {}
        read_back: tuple[str, str] | None = None
        for i, raw in enumerate(raw_sections):
            section = self.section(raw, ("sections", i), i)
            if section.key in first_line:
                where = first_line[section.key]
                raise self.fail(("sections", i, "key"), f"duplicate section key "
                                f"{section.key!r} (first used on line {where})")
            first_line[section.key] = self.index.line("sections", i, "key")
            for k, check in enumerate(section.checks):
                if check.id in check_ids:
                    raise self.fail(("sections", i, "checks", k, "id"),
                                    f"duplicate check id {check.id!r} (first used on line "
                                    f"{check_ids[check.id]}); give each check its own id")
                check_ids[check.id] = self.index.line("sections", i, "checks", k)
            for j, f in enumerate(section.fields):
                if f.read_back:
                    if read_back:
                        raise self.fail(("sections", i, "fields", j, "read_back"),
                                        f"field {f.key!r} of section {section.key!r} is "
                                        "marked as the read-back, but field "
                                        f"{read_back[1]!r} of section {read_back[0]!r} "
                                        "already is; a handover has one read-back")
                    read_back = (section.key, f.key)
            sections.append(section)
        return Template(name=name, version=str(version), sections=tuple(sections),
                        description=description, source=self.source)

    def section(self, raw: dict, path: tuple, i: int) -> Section:
        what = f"section {i + 1}"
        if isinstance(raw.get("key"), str) and raw["key"].strip():
            what = f"section {raw['key'].strip()!r}"
        self._known(raw, self.SECTION_KEYS, path, what)
        key = self._text(raw, "key", path, what, required=True)
        if not _KEY.match(key):
            raise self.fail(path + ("key",), f"section key {key!r} must be lower-case letters, "
                                             "digits and underscores, starting with a letter")
        title = self._text(raw, "title", path, what, required=True)
        guidance = raw.get("guidance", [])
        if not isinstance(guidance, list) or not all(isinstance(g, str) for g in guidance):
            raise self.fail(path + ("guidance",), f"guidance of {what} must be a list of "
                                                  "questions in quotes")
        records = self._choice(raw, "records", RECORD_KINDS, path, what, None)
        fields: list[Field] = []
        for j, raw_field in enumerate(self._tables(raw, "fields", path, what,
                                                   "sections.fields")):
            f = self.field(raw_field, path + ("fields", j), what, j)
            if any(other.key == f.key for other in fields):
                raise self.fail(path + ("fields", j, "key"),
                                f"{what} has two fields with the key {f.key!r}")
            fields.append(f)
        checks: list[Check] = []
        for k, raw_check in enumerate(self._tables(raw, "checks", path, what,
                                                   "sections.checks")):
            checks.append(self.check(raw_check, path + ("checks", k), key, what, fields))
        # `required = true` on a field is shorthand for a required check on it; the
        # read-back's is left to the checker's own read-back rule.
        for f in fields:
            declared = any(c.kind == "required" and c.field == f.key for c in checks)
            if f.required and not declared and not f.read_back:
                checks.append(Check(id=f"{key}.{f.key}.required", kind="required",
                                    field=f.key))
        fields = [dataclasses.replace(f, required=f.required or any(
            c.kind == "required" and c.field == f.key for c in checks)) for f in fields]
        return Section(key=key, title=title,
                       guidance=tuple(g.strip() for g in guidance if g.strip()),
                       fields=tuple(fields), checks=tuple(checks), records=records)

    def field(self, raw: dict, path: tuple, section: str, j: int) -> Field:
        what = f"field {j + 1} of {section}"
        if isinstance(raw.get("key"), str) and raw["key"].strip():
            what = f"field {raw['key'].strip()!r} of {section}"
        self._known(raw, self.FIELD_KEYS, path, what)
        key = self._text(raw, "key", path, what, required=True)
        if not _KEY.match(key):
            raise self.fail(path + ("key",), f"field key {key!r} must be lower-case letters, "
                                             "digits and underscores, starting with a letter")
        label = self._text(raw, "label", path, what, required=True)
        kind = self._choice(raw, "kind", FIELD_KINDS, path, what, "markdown")
        read_back = self._flag(raw, "read_back", path, what)
        if read_back and kind not in ("markdown", "text"):
            raise self.fail(path + ("kind",), f"{what} is the read-back, so its kind must be "
                                              f"markdown or text, not {kind!r}")
        return Field(key=key, label=label, kind=kind,
                     required=self._flag(raw, "required", path, what),
                     help=self._text(raw, "help", path, what), read_back=read_back)

    def check(self, raw: dict, path: tuple, section_key: str, section: str,
              fields: list[Field]) -> Check:
        what = f"check {path[-1] + 1} of {section}"
        if isinstance(raw.get("id"), str) and raw["id"].strip():
            what = f"check {raw['id'].strip()!r} of {section}"
        self._known(raw, self.CHECK_KEYS, path, what)
        kind = self._choice(raw, "kind", CHECK_KINDS, path, what, None)
        if kind is None:
            raise self.fail(path, f"{what} has no kind (one of: {', '.join(CHECK_KINDS)})")
        field_key = self._text(raw, "field", path, what) or None
        records = self._choice(raw, "records", COUNTABLE_RECORDS, path, what, None)
        if field_key and records:
            raise self.fail(path + ("records",), f"{what} names both a field and records; "
                                                 "a check counts one or the other")
        if records and kind != "min_items":
            raise self.fail(path + ("records",), f"{what}: only a min_items check can count "
                                                 "records")
        if not field_key and not records:
            needs = "a field or records" if kind == "min_items" else "a field"
            raise self.fail(path, f"{what} names no field; a {kind} check needs {needs}")
        field = None
        if field_key:
            field = next((f for f in fields if f.key == field_key), None)
            if field is None:
                known = ", ".join(f.key for f in fields) or "none"
                raise self.fail(path + ("field",), f"{what} refers to the field "
                                                   f"{field_key!r}, which {section} does not "
                                                   f"have (its fields: {known})")
            if kind in ("min_items", "items_match") and field.kind != "list":
                raise self.fail(path + ("field",), f"{what}: a {kind} check needs a list "
                                                   f"field, and {field_key!r} is "
                                                   f"{field.kind}")
            if kind == "min_words" and field.kind not in ("markdown", "text"):
                raise self.fail(path + ("field",), f"{what}: a min_words check needs a "
                                                   f"markdown or text field, and "
                                                   f"{field_key!r} is {field.kind}")
        minimum = raw.get("minimum", 1)
        if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 1:
            raise self.fail(path + ("minimum",), f"minimum of {what} must be a whole number "
                                                 f"of 1 or more, not {_show(minimum)}")
        weight = raw.get("weight", 1)
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) \
                or not weight > 0 or weight == float("inf"):
            raise self.fail(path + ("weight",), f"weight of {what} must be a positive "
                                                f"number, not {_show(weight)}")
        default_severity = "error" if kind == "required" else "warning"
        severity = self._choice(raw, "severity", SEVERITIES, path, what, default_severity)
        pattern = self._text(raw, "pattern", path, what)
        if kind == "items_match":
            if not pattern:
                raise self.fail(path, f"{what} has no pattern; an items_match check needs a "
                                      "regular expression that each item must match")
            try:
                re.compile(pattern)
            except re.error as e:
                raise self.fail(path + ("pattern",), f"pattern of {what} is not a valid "
                                                     f"regular expression: {e}") from None
        elif pattern:
            raise self.fail(path + ("pattern",), f"{what}: only an items_match check takes a "
                                                 "pattern")
        check_id = self._text(raw, "id", path, what) or \
            f"{section_key}.{field_key or records}.{kind}"
        return Check(id=check_id, kind=kind, field=field_key, records=records,
                     minimum=minimum, weight=float(weight), severity=severity,
                     message=self._text(raw, "message", path, what), pattern=pattern)
