"""Full-text search over accounts, people, history, promises and concessions (FTS5)."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass

from handover.domain.records import ConcessionKind, Direction, InteractionKind
from handover.store.errors import WorkspaceError
from handover.store.workspace import Workspace

# The order results are grouped in, and each group's heading.
KINDS = ("account", "contact", "interaction", "promise", "concession")
KIND_LABELS = {
    "account": "Accounts",
    "contact": "People",
    "interaction": "History",
    "promise": "Promises",
    "concession": "Concessions",
}

# Around each matched word in `SearchHit.snippet`; control characters, so that no text a
# user writes is mistaken for a mark.
MARK_START, MARK_END = "\x02", "\x03"
ELLIPSIS = "\u2026"
SNIPPET_WORDS = 12
MAX_WORDS = 12  # more words only narrow a search that is already narrow
MAX_WORD_LEN = 100
TITLE_LEN = 80


class SearchUnavailableError(WorkspaceError):
    """The workspace was written before search existed and has not been upgraded yet."""


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One record that matches: what it is, the account it belongs to, a title to show and
    the text around the match."""

    kind: str  # one of KINDS
    record_id: int
    account_id: int
    account_name: str
    title: str  # the contact's name, an interaction's date and kind, ...
    snippet: str  # each matched word between MARK_START and MARK_END
    rank: float  # lower is better, comparable within one kind only

    def snippet_parts(self) -> list[tuple[str, bool]]:
        """The snippet as (text, is_match) pieces, in order, for showing matches in bold."""
        parts = []
        for i, piece in enumerate(self.snippet.split(MARK_START)):
            match, _, rest = piece.partition(MARK_END) if i else ("", "", piece)
            if match:
                parts.append((match, True))
            if rest:
                parts.append((rest, False))
        return parts

    def marked_snippet(self, before: str = "**", after: str = "**") -> str:
        """The snippet with each match between `before` and `after` (Markdown bold)."""
        return self.snippet.replace(MARK_START, before).replace(MARK_END, after)

    def as_json(self) -> dict[str, object]:
        """The hit as `handover search --json` prints it: the snippet marked in Markdown."""
        out = asdict(self)
        out["snippet"] = self.marked_snippet()
        return out


def fts_query(text: str) -> str:
    """The FTS5 query for what a user typed: every word must match as the start of a word.

    Each word is quoted, so quotes, brackets, `*`, AND, OR, NOT and NEAR are plain text and
    never FTS5 syntax; "" when nothing searchable was typed."""
    # FTS5 reads the query as a C string: a NUL would end it inside a quoted word.
    words = [w[:MAX_WORD_LEN] for w in text.replace("\x00", " ").split()
             if any(c.isalnum() for c in w)]
    return " ".join('"' + w.replace('"', '""') + '"*' for w in words[:MAX_WORDS])


# How each kind is searched: its index, and bm25 weights in index column order, so that a
# match in a name or a title counts for more than one in long notes.
_INDEX = {
    "account": ("accounts_fts", "bm25(10.0, 2.0, 2.0, 1.0)"),
    "contact": ("contacts_fts", "bm25(10.0, 4.0, 1.0, 1.0)"),
    "interaction": ("interactions_fts", "bm25(1.0)"),
    "promise": ("commitments_fts", "bm25(4.0, 1.0, 1.0)"),
    "concession": ("concessions_fts", "bm25(1.0, 2.0, 1.0, 1.0, 2.0)"),
}

# Ranking every match costs time in proportion to the matches: a common word or a short
# prefix matches 100,000 interactions on the 10,000-account demo, 0.3 s to rank. So beyond
# the accounts (few, short, and where a name match must come first however many accounts
# share a region), a kind is ranked among its RANK_WINDOW most recently added matches,
# which FTS5 reads newest first and stops after. A query precise enough to match fewer
# than that is ranked in full.
RANK_WINDOW = 300

# The record and account of each hit, for the few rows left: the hit's id, its account's id
# and name, and three columns its title is made from.
_RECORD = {
    "account": "SELECT a.id, a.id, a.name, a.name, '', '', h.snip, h.rank "
               "FROM hits h JOIN accounts a ON a.id = h.id",
    "contact": "SELECT c.id, a.id, a.name, c.name, c.title, '', h.snip, h.rank "
               "FROM hits h JOIN contacts c ON c.id = h.id "
               "JOIN accounts a ON a.id = c.account_id",
    "interaction": "SELECT i.id, a.id, a.name, i.date, i.kind, '', h.snip, h.rank "
                   "FROM hits h JOIN interactions i ON i.id = h.id "
                   "JOIN accounts a ON a.id = i.account_id",
    "promise": "SELECT m.id, a.id, a.name, m.description, m.direction, m.due_date, h.snip, "
               "h.rank FROM hits h JOIN commitments m ON m.id = h.id "
               "JOIN accounts a ON a.id = m.account_id",
    "concession": "SELECT k.id, a.id, a.name, k.date, k.kind, k.negotiation, h.snip, h.rank "
                  "FROM hits h JOIN concessions k ON k.id = h.id "
                  "JOIN accounts a ON a.id = k.account_id",
}


def _statement(kind: str) -> str:
    fts = _INDEX[kind][0]
    matches = (f"SELECT rowid AS id, rank, snippet([{fts}], -1, :start, :end, :ellipsis, "
               f"{SNIPPET_WORDS}) AS snip FROM [{fts}] WHERE [{fts}] MATCH :query "
               "AND rank MATCH :rank")
    if kind == "account":
        # FTS5 sorts by rank itself and makes snippets only for the rows it returns.
        hits = f"{matches} ORDER BY rank LIMIT :limit"
    else:
        hits = (f"SELECT * FROM ({matches} ORDER BY rowid DESC LIMIT {RANK_WINDOW}) "
                "ORDER BY rank, id DESC LIMIT :limit")
    return f"WITH hits AS MATERIALIZED ({hits}) {_RECORD[kind]} ORDER BY h.rank, h.id DESC"


def search(ws: Workspace, query: str, limit_per_kind: int = 20) -> list[SearchHit]:
    """The records matching `query`, grouped by kind in the order of KINDS, best first
    within each kind, at most `limit_per_kind` of each. Any text is a valid query; one
    with no word in it finds nothing."""
    match = fts_query(query)
    if not match or limit_per_kind < 1:
        return []
    hits: list[SearchHit] = []
    for kind in KINDS:
        params = {"query": match, "rank": _INDEX[kind][1], "limit": limit_per_kind,
                  "start": MARK_START, "end": MARK_END, "ellipsis": ELLIPSIS}
        try:
            rows = ws.db.execute(_statement(kind), params).fetchall()
        except sqlite3.OperationalError as e:
            if "no such table" in str(e):
                raise SearchUnavailableError(
                    f"{ws.path} has no search index yet: it was last saved by an earlier "
                    "version of Handover. Open it once in Handover to upgrade it.") from e
            raise
        hits += [_hit(kind, row) for row in rows]
    return hits


def _hit(kind: str, row: tuple) -> SearchHit:
    record_id, account_id, account_name, first, second, third, snip, rank = row
    return SearchHit(kind=kind, record_id=record_id, account_id=account_id,
                     account_name=account_name, title=_title(kind, first, second, third),
                     snippet=snip or "", rank=rank)


def _title(kind: str, first, second, third) -> str:
    if kind == "contact":
        return f"{first} ({second})" if second else first
    if kind == "interaction":
        return f"{first} \u00b7 {_label(InteractionKind, second)}"
    if kind == "promise":
        owner = "Ours" if second == Direction.OURS else "Theirs"
        due = f" (due {third})" if third else ""
        return f"{owner}: {_shorten(first)}{due}"
    if kind == "concession":
        title = f"{first} \u00b7 {_label(ConcessionKind, second)}"
        return f"{title} \u00b7 {third}" if third else title
    return first


def _label(choice, value: str) -> str:
    try:
        return choice(value).label
    except ValueError:
        return value


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TITLE_LEN else text[:TITLE_LEN - 1].rstrip() + ELLIPSIS
