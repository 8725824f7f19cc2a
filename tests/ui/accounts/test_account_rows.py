"""The accounts list's query: one row per account, with owner, last contact and open
promises counted (store code, tested here beside the screen it feeds)."""

from __future__ import annotations

import datetime as dt

from handover.domain.records import Health, Segment
from handover.store import Workspace
from handover.store.queries import AccountRow, account_rows


def test_each_account_comes_with_its_owner_last_contact_and_open_promises(workspace_file):
    with Workspace.open(workspace_file, user="Reader") as ws:
        rows = account_rows(ws)
    assert [r.name for r in rows] == ["Brightwater Utilities", "Calder & Finch Insurance",
                                      "Halden Foods", "Northwind Logistics"]
    north = rows[-1]
    assert isinstance(north, AccountRow)
    assert north.segment is Segment.KEY and north.health is Health.CRITICAL
    assert north.owner == "Marcus Lindqvist"
    assert (north.current_revenue, north.potential_revenue, north.currency) == \
        (1_250_000, 3_000_000, "EUR")
    # The contact on 5 Oct is later than the complaint on 1 Sep: the later one counts.
    assert north.last_contact == dt.date(2026, 10, 5)
    # Two open promises of ours, one open of theirs; the kept one is not counted.
    assert (north.open_ours, north.open_theirs) == (2, 1)
    calder = rows[1]
    assert calder.last_contact is None and calder.renewal_date is None
    assert (calder.open_ours, calder.open_theirs) == (0, 0)


def test_archived_accounts_are_left_out_unless_asked_for(workspace_file):
    with Workspace.open(workspace_file, user="Reader") as ws:
        assert "Old Harbour Mills" not in [r.name for r in account_rows(ws)]
        everything = account_rows(ws, include_archived=True)
    assert "Old Harbour Mills" in [r.name for r in everything]
    assert [r.owner for r in everything if r.name == "Old Harbour Mills"] == [None]


def test_the_last_contact_is_the_latest_interaction_when_no_contact_is_later(tmp_path):
    from handover.domain.records import Account, Contact, Interaction

    with Workspace.create(tmp_path / "w.sqlite", user="t") as ws:
        acc = ws.add(Account(name="Juniper Labs"))
        ws.add(Contact(account_id=acc.id, name="Ada", last_contact=dt.date(2026, 1, 1)))
        ws.add(Interaction(account_id=acc.id, date=dt.date(2026, 3, 1)))
        ws.add(Interaction(account_id=acc.id, date=dt.date(2026, 2, 1)))
        ws.add(Contact(account_id=acc.id, name="Bo"))  # never contacted
        [only] = account_rows(ws)
    assert only.last_contact == dt.date(2026, 3, 1)
