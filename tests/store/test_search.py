"""Search finds any account, person, event, promise or concession by the words in it, stays
right through every edit, removal and undo, takes any text a user types, and gives the
same answers on the command line."""

import datetime as dt
import json
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from handover.cli import main
from handover.domain.records import Account, Commitment, Concession, Contact, Interaction
from handover.store import Workspace, schema
from handover.store.search import (
    KINDS,
    MARK_END,
    MARK_START,
    SearchHit,
    SearchUnavailableError,
    fts_query,
    search,
)

DAY = dt.date(2026, 3, 2)
INDEXES = ("accounts_fts", "contacts_fts", "interactions_fts", "commitments_fts",
           "concessions_fts")


@pytest.fixture
def ws(tmp_path):
    with Workspace.create(tmp_path / "team.sqlite", user="Dana Smith") as workspace:
        yield workspace


@pytest.fixture
def northwind(ws):
    """An account in trouble: each kind of record says something of its own, and all of
    them mention the angry buyer."""
    account = ws.add(Account(name="Northwind Logistics", industry="Freight", region="Nordics",
                             health="at_risk", health_reason="Angry about the Müller outage"))
    anna = ws.add(Contact(account_id=account.id, name="Anna Berg", title="CFO",
                          notes="Angry since the outage; wants a rebate",
                          advice="Never promise dates she can quote back"))
    call = ws.add(Interaction(account_id=account.id, date=DAY, kind="complaint",
                              summary="Anna was angry about the invoicing errors",
                              contact_ids=(anna.id,)))
    promise = ws.add(Commitment(account_id=account.id, direction="ours",
                                description="Send corrected invoices to the angry customer",
                                made_by="Dana Smith", made_to="Anna Berg", date=DAY,
                                due_date=dt.date(2026, 3, 16)))
    rebate = ws.add(Concession(account_id=account.id, date=DAY, kind="rebate",
                               baseline_value=100_000, conceded_value=8_000,
                               notes="Given to calm an angry buyer after the outage",
                               likely_next_ask="a price freeze", negotiation="2026 renewal"))
    other = ws.add(Account(name="Brightwater Foods", industry="Food"))
    return dict(account=account, anna=anna, call=call, promise=promise, rebate=rebate,
                other=other)


def found(ws, query, kind=None):
    """(kind, record id) of every hit, in the order listed."""
    return [(h.kind, h.record_id) for h in search(ws, query) if kind in (None, h.kind)]


def assert_index_whole(ws):
    # FTS5 compares each external-content index with its table and raises on a difference.
    for index in INDEXES:
        ws.db.execute(f"INSERT INTO [{index}] ([{index}]) VALUES ('integrity-check')")


# ------------------------------------------------------------------ finding


@pytest.mark.parametrize("word, kind, key", [
    ("freight", "account", "account"),
    ("nordics", "account", "account"),
    ("CFO", "contact", "anna"),
    ("quote", "contact", "anna"),
    ("invoicing", "interaction", "call"),
    ("corrected", "promise", "promise"),
    ("calm", "concession", "rebate"),
    ("freeze", "concession", "rebate"),
])
def test_a_word_finds_the_record_that_holds_it(ws, northwind, word, kind, key):
    assert found(ws, word) == [(kind, northwind[key].id)]


def test_each_hit_names_its_record_and_account_and_shows_the_match(ws, northwind):
    [hit] = search(ws, "invoicing")
    assert hit == SearchHit(
        kind="interaction", record_id=northwind["call"].id,
        account_id=northwind["account"].id, account_name="Northwind Logistics",
        title="2026-03-02 \u00b7 Complaint",
        snippet=f"Anna was angry about the {MARK_START}invoicing{MARK_END} errors",
        rank=hit.rank)
    assert hit.marked_snippet() == "Anna was angry about the **invoicing** errors"
    assert hit.snippet_parts() == [("Anna was angry about the ", False), ("invoicing", True),
                                   (" errors", False)]


def test_titles_say_what_each_record_is(ws, northwind):
    titles = {h.kind: h.title for h in search(ws, "angry")}
    assert titles == {
        "account": "Northwind Logistics",
        "contact": "Anna Berg (CFO)",
        "interaction": "2026-03-02 \u00b7 Complaint",
        "promise": "Ours: Send corrected invoices to the angry customer (due 2026-03-16)",
        "concession": "2026-03-02 \u00b7 Rebate \u00b7 2026 renewal",
    }


def test_results_are_grouped_by_kind_in_a_fixed_order(ws, northwind):
    ws.add(Account(name="Angry Birds Ltd"))
    kinds = [h.kind for h in search(ws, "angry")]
    assert kinds == ["account", "account", "contact", "interaction", "promise", "concession"]
    assert sorted(kinds, key=KINDS.index) == kinds


def test_a_name_match_ranks_above_a_mention_in_the_notes(ws, northwind):
    named = ws.add(Account(name="Outage Recovery Partners"))
    hits = search(ws, "outage", limit_per_kind=5)
    assert [h.record_id for h in hits if h.kind == "account"] == [
        named.id, northwind["account"].id]


def test_each_word_matches_the_start_of_a_word(ws, northwind):
    assert found(ws, "invo", "interaction") == [("interaction", northwind["call"].id)]
    assert found(ws, "angr") == found(ws, "angry")
    assert found(ws, "ngry") == []  # the middle of a word is not its start


def test_every_word_must_match_somewhere_in_the_record(ws, northwind):
    assert found(ws, "anna cfo") == [("contact", northwind["anna"].id)]
    assert found(ws, "anna freight") == []


def test_case_and_accents_do_not_matter(ws, northwind):
    assert found(ws, "MULLER") == found(ws, "müller") == [
        ("account", northwind["account"].id)]
    assert found(ws, "nörthwind") == [("account", northwind["account"].id)]


def test_words_joined_by_punctuation_are_found_as_typed(ws, northwind):
    o_brien = ws.add(Contact(account_id=northwind["account"].id, name="Sean O'Brien",
                             title="Head of procurement, ex-DHL"))
    assert found(ws, "o'brien") == [("contact", o_brien.id)]
    assert found(ws, "ex-dhl") == [("contact", o_brien.id)]


def test_at_most_the_limit_of_each_kind(ws, northwind):
    for n in range(5):
        ws.add(Account(name=f"Angry Customer {n}"))
    hits = search(ws, "angry", limit_per_kind=3)
    assert [h.kind for h in hits] == ["account"] * 3 + list(KINDS[1:])


@pytest.mark.parametrize("query", ["", "   ", "\t\n", "!!!", "\"", "*", "-"])
def test_a_query_without_a_word_finds_nothing(ws, northwind, query):
    assert fts_query(query) == ""
    assert search(ws, query) == []


@pytest.mark.parametrize("query", [
    "\"", "\"angry", "angry\"", "\"\"\"", "AND", "AND OR", "OR NOT", "angry NOT anna",
    "NEAR(", "NEAR(angry anna)", "NEAR(angry, 2)", "*", "angry*", "*angry", "^angry",
    "'; DROP TABLE accounts; --", "name:angry", "{name}: angry", "(angry", "angry)",
    "angry + anna", "a:b:c", "\\", "%", "_", "\x00", "angry\x00anna", "0\x00",
    "\x02angry\x03", "😡 angry", "日本語", "Ünïcödé", "مرحبا", "x" * 5000, "a " * 500,
])
def test_no_text_a_user_types_breaks_the_search(ws, northwind, query):
    hits = search(ws, query)
    assert all(isinstance(h, SearchHit) for h in hits)
    assert ws.db["accounts"].count == 2  # nothing was dropped


def test_fts_syntax_in_a_query_is_plain_text(ws, northwind):
    # "OR" does not mean "either": both words must be in the record.
    assert found(ws, "freight OR outage", "account") == []
    notes = ws.add(Contact(account_id=northwind["account"].id, name="Or Cohen",
                           notes="Freight AND outage NEAR the port"))
    assert found(ws, "or near AND", "contact") == [("contact", notes.id)]


FTS_SYNTAX = ['"', "*", "AND", "OR", "NOT", "NEAR(", "NEAR", "(", ")", ":", "^", "+", "-",
              "{", "}", ",", "\x00", "'", "angry", "an", "a", " ", "name:", "rank", "\\"]


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=60) | st.lists(st.sampled_from(FTS_SYNTAX), max_size=12).map("".join))
def test_any_text_at_all_is_a_valid_query(ws, northwind, text):
    search(ws, text)


# ------------------------------------------------------------------ kept in step


def test_a_new_record_is_found_at_once(ws, northwind):
    assert found(ws, "warehouse") == []
    meeting = ws.add(Interaction(account_id=northwind["account"].id, date=DAY,
                                 summary="Walked the new warehouse with Anna"))
    assert found(ws, "warehouse") == [("interaction", meeting.id)]
    assert_index_whole(ws)


def test_an_edit_replaces_the_old_words_with_the_new(ws, northwind):
    anna = northwind["anna"]
    ws.update(Contact(**{**anna.as_dict(), "title": "Chief Procurement Officer"}))
    assert found(ws, "CFO", "contact") == []
    assert found(ws, "procurement") == [("contact", anna.id)]
    account = northwind["account"]
    ws.update(Account(**{**account.as_dict(), "name": "Nordwind Logistik"}))
    assert found(ws, "northwind") == []
    assert [h.account_name for h in search(ws, "invoicing")] == ["Nordwind Logistik"]
    assert_index_whole(ws)


def test_an_edit_of_an_unsearched_field_leaves_the_index_alone(ws, northwind):
    account = northwind["account"]
    ws.update(Account(**{**account.as_dict(), "archived": True, "current_revenue": 5}))
    assert found(ws, "freight") == [("account", account.id)]
    assert_index_whole(ws)


def test_a_removed_record_is_no_longer_found(ws, northwind):
    ws.delete(northwind["rebate"])
    assert found(ws, "calm") == []
    ws.delete(northwind["anna"])
    assert found(ws, "quote") == []
    assert_index_whole(ws)


def test_undoing_a_removal_finds_the_record_again_under_its_own_id(ws, northwind):
    anna = northwind["anna"]
    ws.delete(anna)
    assert ws.add(anna).id == anna.id  # what undo does: put it back as it was
    assert found(ws, "quote") == [("contact", anna.id)]
    # ... and redo, and undo again
    ws.delete(anna)
    ws.add(anna)
    assert found(ws, "quote") == [("contact", anna.id)]
    assert_index_whole(ws)


def test_undoing_an_edit_brings_the_old_words_back(ws, northwind):
    before = northwind["promise"]
    after = Commitment(**{**before.as_dict(), "description": "Ship the spare parts"})
    ws.update(after)
    ws.update(before)  # what undo does
    assert found(ws, "corrected") == [("promise", before.id)]
    assert found(ws, "spare") == []
    assert_index_whole(ws)


def test_an_import_is_searchable_and_a_failed_one_leaves_no_trace(ws, northwind):
    ids = ws.next_ids()
    batch = [Account(name="Quayside Marine", id=ids["accounts"]),
             Interaction(account_id=ids["accounts"], date=DAY, summary="Harbour visit",
                         id=ids["interactions"])]
    ws.add_many(batch)
    assert found(ws, "harbour") == [("interaction", ids["interactions"])]
    with pytest.raises(sqlite3.IntegrityError):
        ws.add_many([Account(name="Tidewater Shipping", id=ids["accounts"] + 1),
                     Account(name="Duplicate", id=ids["accounts"])])
    assert found(ws, "tidewater") == []
    assert_index_whole(ws)


def test_a_failed_action_leaves_the_index_as_it_was(ws, northwind):
    with pytest.raises(RuntimeError), ws.action("an edit that fails half way"):
        ws.add(Account(name="Halfway House"))
        raise RuntimeError("the user's disk is full")
    assert found(ws, "halfway") == []
    assert_index_whole(ws)


# ------------------------------------------------------------------ older files


def write_version_1(path, account_name="Kestrel Aviation"):
    """A workspace as the first version of Handover wrote it, before search existed."""
    conn = sqlite3.connect(path)
    db = Database(conn)
    db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    schema.migrations.apply(db, stop_before="m002_search")
    db.execute("PRAGMA user_version = 1")
    db["accounts"].insert({"name": account_name, "segment": "key", "currency": "EUR",
                           "health": "watch", "health_reason": "Turbulent renewal"})
    db["interactions"].insert({"account_id": 1, "date": "2025-05-01", "kind": "call",
                               "summary": "Talked hangar fees"})
    conn.close()


def test_opening_an_older_workspace_indexes_what_it_already_holds(tmp_path):
    path = tmp_path / "old.sqlite"
    write_version_1(path)
    with Workspace.open(path) as ws:
        assert ws.schema_version == schema.latest_version()
        assert found(ws, "turbulent") == [("account", 1)]
        assert found(ws, "hangar") == [("interaction", 1)]
        assert_index_whole(ws)


def test_an_older_workspace_opened_read_only_says_how_to_get_search(tmp_path):
    path = tmp_path / "old.sqlite"
    write_version_1(path)
    with Workspace.open(path, read_only=True) as ws:
        with pytest.raises(SearchUnavailableError, match="Open it once in Handover"):
            search(ws, "turbulent")


def test_a_workspace_open_elsewhere_can_still_be_searched(tmp_path, northwind):
    with Workspace.open(tmp_path / "team.sqlite", user="Lee Park") as second:
        assert second.read_only
        assert found(second, "invoicing") == [("interaction", northwind["call"].id)]


# ------------------------------------------------------------------ the command line


@pytest.fixture
def team_file(tmp_path, northwind, ws):
    ws.close()
    return tmp_path / "team.sqlite"


def test_the_command_line_lists_hits_grouped_by_kind(team_file, capsys):
    assert main(["search", str(team_file), "angry"]) == 0
    out = capsys.readouterr().out
    headings = [line for line in out.splitlines() if line and not line.startswith(" ")]
    assert headings == ["Accounts (1)", "People (1)", "History (1)", "Promises (1)",
                        "Concessions (1)"]
    assert "  Anna Berg (CFO) \u00b7 Northwind Logistics  [contact 1]" in out
    assert "**Angry** since the outage" in out


def test_the_command_line_takes_several_words_without_quotes(team_file, capsys):
    assert main(["search", str(team_file), "anna", "cfo"]) == 0
    assert "People (1)" in capsys.readouterr().out


def test_the_command_line_json_is_a_list_of_hits(team_file, northwind, capsys):
    assert main(["search", str(team_file), "invoicing", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits == [{
        "kind": "interaction", "record_id": northwind["call"].id,
        "account_id": northwind["account"].id, "account_name": "Northwind Logistics",
        "title": "2026-03-02 \u00b7 Complaint",
        "snippet": "Anna was angry about the **invoicing** errors",
        "rank": hits[0]["rank"],
    }]


def test_the_command_line_with_nothing_found_says_so_and_exits_0(team_file, capsys):
    assert main(["search", str(team_file), "zeppelin"]) == 0
    assert capsys.readouterr().out == "No results for \u201czeppelin\u201d.\n"
    assert main(["search", str(team_file), "zeppelin", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_the_command_line_searches_beside_a_running_handover(team_file, capsys):
    with Workspace.open(team_file, user="Dana Smith"):
        assert main(["search", str(team_file), "freight", "--json"]) == 0
    assert [h["kind"] for h in json.loads(capsys.readouterr().out)] == ["account"]


def test_the_command_line_leaves_an_older_workspace_as_it_was_and_exits_2(tmp_path, capsys):
    path = tmp_path / "old.sqlite"
    write_version_1(path)
    before = path.read_bytes()
    assert main(["search", str(path), "turbulent"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "has no search index yet" in err and "Open it once in Handover" in err
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.sqlite"]


def test_the_command_line_on_a_missing_file_or_without_words_exits_2(tmp_path, capsys):
    assert main(["search", str(tmp_path / "gone.sqlite"), "angry"]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["search", str(tmp_path / "gone.sqlite")]) == 2
    assert "query" in capsys.readouterr().err
