"""Stored names reach a terminal as text, never as commands to it: an account named with
escape sequences (clear the screen, retitle the window, recolour) is printed by `check` and
`search` with those characters written out as \\x1b; and search words that are not valid
text are refused in one line, exit 2, not with a traceback."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
import sys

import pytest

from handover.cli import main
from handover.domain.handover import Handover
from handover.domain.records import Account, Concession, Contact, Person
from handover.store import Workspace

EVIL = "Evil\x1b]0;pwned\x07\x1b[2J\x1b[31m Corp\u202e\x9b6n"


@pytest.fixture
def workspace(tmp_path):
    path = tmp_path / "team.sqlite"
    with Workspace.create(path, user="Dana Smith") as ws:
        dana = ws.add(Person(name="Dana Smith"))
        lee = ws.add(Person(name="Lee\x1b[8m Park"))
        account = ws.add(Account(name=EVIL, segment="key", currency="EUR"))
        ws.add(Contact(account_id=account.id, name=f"Weber {EVIL}"))
        ws.add(Concession(account_id=account.id, date=dt.date(2026, 5, 1),
                          kind="price_discount", baseline_value=10_000, conceded_value=3_000,
                          negotiation=EVIL, nothing_in_return=True))
        ws.add(Handover(account_id=account.id, outgoing_id=dana.id, incoming_id=lee.id,
                        created_on=dt.date(2026, 11, 2)))
    return path


def assert_no_controls(text: str) -> None:
    assert not [c for c in text if c != "\n" and (ord(c) < 0x20 or 0x7f <= ord(c) < 0xa0
                                                   or c == "\u202e")]


@pytest.mark.parametrize("args", [["check", "--handover", "1"], ["check"],
                                  ["search", "evil"], ["search", "weber"], ["analytics"]])
def test_a_name_full_of_escape_sequences_is_printed_as_text(workspace, capsys, args):
    main([args[0], str(workspace), *args[1:]])
    out = capsys.readouterr().out
    assert_no_controls(out)
    if args[0] != "analytics":
        assert "Evil\\x1b]0;pwned\\x07\\x1b[2J\\x1b[31m Corp\\u202e\\x9b6n" in out


@pytest.mark.parametrize("args", [["search", "evil"], ["check", "--handover", "1"]])
def test_json_output_keeps_the_name_exactly_with_every_control_escaped(workspace, capsys,
                                                                        args):
    main([args[0], str(workspace), *args[1:], "--json"])
    raw = capsys.readouterr().out
    assert_no_controls(raw)
    found = json.loads(raw)
    assert (found[0]["account_name"] if args[0] == "search" else found["account"]) == EVIL


def test_search_words_that_are_not_utf8_are_refused_in_one_line(workspace):
    result = subprocess.run([sys.executable, "-m", "handover", "search", str(workspace),
                             b"bad\xffword"], capture_output=True, timeout=60)
    assert result.returncode == 2
    error = result.stderr.decode()
    assert error.count("\n") == 1 and "Traceback" not in error
    assert "search words hold a byte that is not UTF-8 text (U+DCFF at character 4)" in error


def test_a_lone_surrogate_in_the_query_is_refused(workspace, capsys):
    assert main(["search", str(workspace), "ok", "\ud800"]) == 2
    assert "not UTF-8 text (U+D800 at character 4)" in capsys.readouterr().err


def test_the_analytics_text_writes_out_the_escapes_of_every_pattern_it_lists(workspace,
                                                                           capsys):
    with Workspace.open(workspace, user="Dana Smith") as ws:
        [account] = ws.all(Account)
        ws.update(dataclasses.replace(account, renewal_date=dt.date(2027, 1, 15)))
        # the same discount again, larger, in the same negotiation, and setting a precedent
        ws.add(Concession(account_id=account.id, date=dt.date(2026, 6, 1),
                          kind="price_discount", baseline_value=10_000, conceded_value=4_000,
                          negotiation=EVIL, sets_precedent=True, likely_next_ask=EVIL,
                          nothing_in_return=True))
    assert main(["analytics", str(workspace)]) == 0
    out = capsys.readouterr().out
    assert_no_controls(out)
    written_out = "Evil\\x1b]0;pwned\\x07\\x1b[2J\\x1b[31m Corp\\u202e\\x9b6n"
    assert f"Comebacks: 1 of 2 one-off concessions (50%) came back\n  {written_out}:" in out
    assert f"Creep: 1 of 1 negotiations (100%) conceded more at a later step\n  " \
           f"{written_out} ({written_out}): 1 of 2 concessions" in out
    assert f"; next ask: {written_out}" in out
