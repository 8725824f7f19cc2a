"""The accounts table model on its own: what each cell says, how it sorts, and that it
keeps Qt's model contract."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QIcon

from handover.domain.records import Health, Segment
from handover.domain.words import money
from handover.store.queries import AccountRow
from handover.ui.accounts.accounts_filters import NO_OWNER, AccountsFilter
from handover.ui.accounts.accounts_model import MUTED, AccountsTableModel, Column
from handover.ui.shell.words import HEALTH_COLOURS, SORT_ROLE

TODAY = dt.date(2026, 11, 2)


def row(id_, name, revenue, *, health=Health.STABLE, currency="EUR", owner="Marcus Lindqvist",
        renewal=None, last=None, ours=0, theirs=0, segment=Segment.KEY) -> AccountRow:
    return AccountRow(id=id_, name=name, segment=segment, health=health,
                      health_reason="Late deliveries" if health is Health.CRITICAL else "",
                      current_revenue=revenue, potential_revenue=revenue * 2,
                      currency=currency, owner=owner, renewal_date=renewal, last_contact=last,
                      open_ours=ours, open_theirs=theirs, owner_id=7 if owner else None)


ROWS = [
    row(1, "Northwind Logistics", 1_250_000, health=Health.CRITICAL, ours=2, theirs=1,
        renewal=dt.date(2026, 12, 12), last=dt.date(2026, 10, 5)),
    row(2, "brightwater Utilities", 90_000, owner=None, segment=Segment.MID_SIZE),
    row(3, "Halden Foods", 9_500, health=Health.WATCH, currency="GBP",
        renewal=dt.date(2026, 10, 1)),
    row(4, "Zurich Tooling", 400_000, health=Health.AT_RISK, currency="CHF"),
]


@pytest.fixture
def model(qtbot) -> AccountsTableModel:
    return AccountsTableModel(ROWS, today=TODAY)


def test_the_model_keeps_qts_contract(qtmodeltester, model):
    qtmodeltester.check(model)


def test_an_empty_model_keeps_qts_contract_too(qtmodeltester):
    qtmodeltester.check(AccountsTableModel([]))


def test_the_model_keeps_its_contract_while_sorted_and_filtered(qtmodeltester, model):
    proxy = AccountsFilter()
    proxy.setSourceModel(model)
    proxy.sort(Column.REVENUE, Qt.SortOrder.DescendingOrder)
    proxy.set_name_filter("o")
    qtmodeltester.check(proxy)


def test_amounts_have_their_currency_and_thousands_separators():
    assert money(1_250_000, "EUR") == "\u20ac1,250,000"
    assert money(9_500.4, "GBP") == "\u00a39,500"
    assert money(2_400_000, "USD") == "$2,400,000"
    assert money(400_000, "CHF") == "CHF\u00a0400,000"


def test_cells_read_in_the_users_words(model):
    def cell(r, c, role=Qt.ItemDataRole.DisplayRole):
        return model.index(r, c).data(role)

    assert [cell(0, c) for c in Column] == [
        "Northwind Logistics", "Key", "Critical", "\u20ac1,250,000", "\u20ac2,500,000",
        "Marcus Lindqvist", "12 Dec 2026", "5 Oct 2026", "2 / 1"]
    assert cell(1, Column.OWNER) == "\u2014"
    assert cell(1, Column.SEGMENT) == "Mid-size"
    assert cell(1, Column.LAST_CONTACT) == "Never"
    assert cell(0, Column.HEALTH, Qt.ItemDataRole.ToolTipRole) == "Late deliveries"
    assert cell(0, Column.LAST_CONTACT, Qt.ItemDataRole.ToolTipRole) == "28 days ago"
    assert cell(0, Column.RENEWAL, Qt.ItemDataRole.ToolTipRole) == "Renews in 40 days"
    assert cell(2, Column.RENEWAL, Qt.ItemDataRole.ToolTipRole) == \
        "The renewal date passed 32 days ago"


def test_amounts_and_counts_are_right_aligned(model):
    def aligned_right(column):
        flags = Qt.AlignmentFlag(model.index(0, column).data(Qt.ItemDataRole.TextAlignmentRole))
        return bool(flags & Qt.AlignmentFlag.AlignRight)

    assert [c for c in Column if aligned_right(c)] == \
        [Column.REVENUE, Column.POTENTIAL, Column.PROMISES]


def test_health_has_a_coloured_marker(model):
    assert set(HEALTH_COLOURS) == set(Health)
    for r in range(model.rowCount()):
        marker = model.index(r, Column.HEALTH).data(Qt.ItemDataRole.DecorationRole)
        assert isinstance(marker, QIcon) and not marker.isNull()
    assert model.index(0, Column.ACCOUNT).data(Qt.ItemDataRole.DecorationRole) is None


def test_the_sort_role_gives_raw_values_so_any_proxy_sorts_numbers_as_numbers(model):
    assert model.index(0, Column.REVENUE).data(SORT_ROLE) == 1_250_000
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(Column.REVENUE)
    assert [proxy.index(r, 0).data() for r in range(4)] == [
        "Halden Foods", "brightwater Utilities", "Zurich Tooling", "Northwind Logistics"]


def test_the_model_sorts_itself_by_name_without_regard_to_case(model):
    model.sort(Column.ACCOUNT)
    assert [model.row_at(r).name for r in range(4)] == [
        "brightwater Utilities", "Halden Foods", "Northwind Logistics", "Zurich Tooling"]


def test_new_rows_keep_the_order_asked_for(model):
    model.sort(Column.REVENUE, Qt.SortOrder.DescendingOrder)
    model.set_rows(list(reversed(ROWS)))
    assert [model.row_at(r).id for r in range(4)] == [1, 4, 2, 3]


def test_renewal_sorts_by_date_with_the_undated_last(model):
    model.sort(Column.RENEWAL)
    assert [model.row_at(r).name for r in range(4)] == [
        "Halden Foods", "Northwind Logistics", "brightwater Utilities", "Zurich Tooling"]


def test_the_filter_ignores_case_and_surrounding_spaces(model):
    proxy = AccountsFilter()
    proxy.setSourceModel(model)
    proxy.set_name_filter("  BRIGHT ")
    assert proxy.rowCount() == 1
    assert proxy.index(0, 0).data() == "brightwater Utilities"
    proxy.set_name_filter("")
    assert proxy.rowCount() == 4


def test_the_filter_narrows_by_segment_health_and_owner_together_with_the_name(model):
    proxy = AccountsFilter()
    proxy.setSourceModel(model)

    def shown():
        return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]

    proxy.set_segment(Segment.KEY)
    assert shown() == ["Northwind Logistics", "Halden Foods", "Zurich Tooling"]
    proxy.set_health(Health.WATCH)
    assert shown() == ["Halden Foods"]
    proxy.set_health(None)
    proxy.set_name_filter("o")
    assert shown() == ["Northwind Logistics", "Halden Foods", "Zurich Tooling"]
    proxy.set_segment(None)
    proxy.set_owner(NO_OWNER)
    assert shown() == []  # brightwater Utilities has no owner, but no "o" either
    proxy.set_name_filter("")
    assert shown() == ["brightwater Utilities"]
    assert proxy.is_narrowed() and proxy.narrowed_by_choice()
    proxy.set_owner(7)
    assert len(shown()) == 3
    proxy.set_owner(None)
    assert proxy.rowCount() == 4 and not proxy.is_narrowed()


def test_an_archived_account_reads_as_archived(qtbot):
    archived = dataclasses.replace(ROWS[1], archived=True)
    model = AccountsTableModel([archived], today=TODAY)
    assert model.index(0, Column.ACCOUNT).data() == "brightwater Utilities (archived)"
    assert model.index(0, Column.ACCOUNT).data(Qt.ItemDataRole.ToolTipRole) == \
        "brightwater Utilities: archived"
    assert model.index(0, Column.REVENUE).data(Qt.ItemDataRole.ForegroundRole) == MUTED


def test_one_line_changes_in_its_sorted_place_within_qts_contract(qtmodeltester, model):
    model.sort(Column.REVENUE, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)  # the tester stays on the model and checks every change

    def ids():
        return [model.row_at(r).id for r in range(model.rowCount())]

    assert ids() == [1, 4, 2, 3]
    model.put_row(3, dataclasses.replace(ROWS[2], current_revenue=2_000_000))  # moves up
    assert ids() == [3, 1, 4, 2]
    model.put_row(3, dataclasses.replace(ROWS[2], current_revenue=1))  # and down again
    assert ids() == [1, 4, 2, 3]
    model.put_row(5, row(5, "Orbis Freight", 500_000))  # a new one, in its place
    assert ids() == [1, 5, 4, 2, 3]
    assert model.folded_name(1) == "orbis freight"
    model.put_row(4, None)  # no longer listed
    assert ids() == [1, 5, 2, 3]
    model.put_row(99, None)  # not listed anyway: nothing happens
    assert model.position_of(99) is None


def test_names_in_any_case_keep_their_place_when_unsorted(qtmodeltester):
    model = AccountsTableModel(sorted(ROWS, key=lambda r: r.name.casefold()))
    qtmodeltester.check(model)
    model.put_row(6, row(6, "Carrow Mills", 1))
    assert [model.row_at(r).name for r in range(model.rowCount())] == [
        "brightwater Utilities", "Carrow Mills", "Halden Foods", "Northwind Logistics",
        "Zurich Tooling"]
