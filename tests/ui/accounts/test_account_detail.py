"""An account opened in detail, as an account manager sees it: the heading, the overview's
figures, the tabs, following a link to a record, a tab plugged in from outside, and every
edit, undo and redo showing at once."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtWidgets import QLabel, QWidget

from handover.domain.records import Account, Commitment, Contact, Interaction
from handover.store import Workspace
from handover.ui.accounts.account_detail import AccountDetail, open_account_detail_ms
from handover.ui.shell.session import Session

TODAY = dt.date(2026, 11, 2)  # the day the test workspace's story is told on


pytestmark = pytest.mark.usefixtures("no_unexpected_questions")


@pytest.fixture
def detail(qtbot, session, north) -> AccountDetail:
    detail = AccountDetail(session, north, today=TODAY)
    qtbot.addWidget(detail)
    detail.resize(1280, 800)
    detail.show()
    return detail


class FakeConcessionsTab(QWidget):
    """Stands in for the concessions tab a colleague plugs in."""

    def __init__(self):
        super().__init__()
        self.shown: list[int] = []

    def show_record(self, record_id: int) -> bool:
        self.shown.append(record_id)
        return True


def test_the_account_opens_on_its_overview(detail):
    assert detail.title.text() == "Northwind Logistics"
    assert detail.health.text() == "Critical"
    assert detail.facts.text() == "Key account  \u00b7  owner Marcus Lindqvist"
    assert detail.tab_titles() == ["Overview", "People  1", "History  1", "Promises  3 open"]
    assert detail.tabs.currentWidget() is detail.overview


def test_the_overview_shows_the_key_figures(detail):
    o = detail.overview
    assert o.health.figure.text() == "Critical"
    assert o.renewal.figure.text() == "in 40 days"
    assert o.renewal.note.text() == "Renews on 12 Dec 2026"
    assert o.size_bars.ratio_text() == "potential 2.4\u00d7 current"
    assert o.people_figure.figure.text() == "1"
    assert o.history_figure.figure.text() == "1"  # the complaint of 1 September
    assert o.sentiment_figure.figure.text() == "+0.0"
    assert o.ours_figure.figure.text() == "2"
    assert o.theirs_figure.figure.text() == "1"
    assert o.concessions_figure.figure.text() == "0"
    assert "Nothing overdue" in o.attention.text()


def test_an_account_without_a_reason_for_its_health_says_so(qtbot, session):
    halden = session.ws.all(Account, "name = ?", ["Halden Foods"])[0]
    detail = AccountDetail(session, halden.id, today=TODAY)
    qtbot.addWidget(detail)
    assert detail.overview.health.note.text() == \
        "No reason written: say why the account is watch."
    calder = session.ws.all(Account, "name = ?", ["Calder & Finch Insurance"])[0]
    detail = AccountDetail(session, calder.id, today=TODAY)
    qtbot.addWidget(detail)
    assert detail.overview.renewal.figure.text() == "No date"


def test_overdue_promises_and_silent_key_people_need_attention(detail, session, north):
    victor = session.add(Contact(account_id=north, name="Victor Hale", influence=5,
                                 attitude=-2, last_contact=TODAY - dt.timedelta(days=60)))
    report = session.add(Commitment(account_id=north, direction="ours",
                                    description="Send the root-cause report",
                                    due_date=TODAY - dt.timedelta(days=5)))
    o = detail.overview
    assert "Victor Hale" in o.attention.text()
    assert "no contact for 60 days" in o.attention.text()
    assert "Send the root-cause report" in o.attention.text()
    assert "overdue 5 days" in o.attention.text()
    assert "1 not contacted for 45+ days" in o.people_figure.note.text()
    assert "1 overdue" in o.ours_figure.note.text()

    # a click on a name in the list opens the person
    o.attention.linkActivated.emit(f"contact:{victor.id}")
    assert detail.tabs.tabText(detail.tabs.currentIndex()).startswith("People")
    assert detail.people.selected_id() == victor.id
    o.attention.linkActivated.emit(f"promise:{report.id}")
    assert detail.promises.selected_id() == report.id


def test_show_record_switches_to_the_tab_and_selects_the_record(detail, session, north):
    ines = session.ws.all(Contact, "name = ?", ["Ines Baptista"])[0]
    complaint = session.ws.all(Interaction, "account_id = ?", [north])[0]
    kept = session.ws.all(Commitment, "account_id = ? AND status = 'kept'", [north])[0]

    assert detail.show_record("contact", ines.id)
    assert detail.tabs.tabText(detail.tabs.currentIndex()).startswith("People")
    assert detail.people.selected_id() == ines.id

    assert detail.show_record("interaction", complaint.id)
    assert detail.tabs.tabText(detail.tabs.currentIndex()).startswith("History")
    assert detail.history.selected_id() == complaint.id

    assert detail.show_record("promise", kept.id)
    assert detail.tabs.tabText(detail.tabs.currentIndex()).startswith("Promises")
    assert detail.promises.selected_id() == kept.id

    assert detail.show_record("account", north)
    assert detail.tabs.currentWidget() is detail.overview

    assert not detail.show_record("contact", 999_999)  # not this account's
    assert not detail.show_record("concession", 1)  # no concessions tab plugged in
    assert not detail.show_record("handover", 1)


def test_a_concessions_tab_plugs_in_before_promises(detail):
    concessions = FakeConcessionsTab()
    index = detail.add_tab("Concessions", concessions)
    assert detail.tab_titles() == ["Overview", "People  1", "History  1", "Concessions",
                                   "Promises  3 open"]
    assert index == 3
    assert detail.show_record("concession", 42)
    assert detail.tabs.currentWidget() is concessions
    assert concessions.shown == [42]

    notes = QLabel("Other")
    assert detail.add_tab("Notes", notes) == 5  # any other tab goes at the end


def test_every_edit_undo_and_redo_shows_at_once(detail, session, north):
    session.add(Interaction(account_id=north, date=dt.date(2026, 10, 30), kind="escalation",
                            sentiment=-2, summary="**Angry** about the outage"))
    assert detail.tab_titles()[2] == "History  2"
    assert detail.overview.history_figure.figure.text() == "2"
    assert detail.history.model.rowCount() == 2

    account = session.ws.get(Account, north)
    session.update(dataclasses.replace(account, name="Northwind Group", health="at_risk"))
    assert detail.title.text() == "Northwind Group"
    assert detail.health.text() == "At risk"

    session.undo_stack.undo()
    assert detail.title.text() == "Northwind Logistics"
    session.undo_stack.undo()
    assert detail.tab_titles()[2] == "History  1"
    assert detail.history.model.rowCount() == 1
    session.undo_stack.redo()
    assert detail.tab_titles()[2] == "History  2"


def test_a_removed_account_shows_as_gone(qtbot, session):
    ghost = session.add(Account(name="Short-lived"))
    detail = AccountDetail(session, ghost.id, today=TODAY)
    qtbot.addWidget(detail)
    assert detail.title.text() == "Short-lived"
    session.undo_stack.undo()
    assert detail.title.text() == "Account not found"


def test_the_open_time_can_be_measured(qapp, session, north):
    assert open_account_detail_ms(session, north, today=TODAY) > 0


def test_a_read_only_workspace_offers_no_edits(qtbot, workspace_file):
    ws = Workspace.open(workspace_file, user="Dana Whitfield", read_only=True)
    try:
        session = Session(ws)
        north = ws.all(Account, "name = ?", ["Northwind Logistics"])[0].id
        detail = AccountDetail(session, north, today=TODAY)
        qtbot.addWidget(detail)
        assert not detail.people.add_button.isEnabled()
        assert not detail.history.add_button.isEnabled()
        assert not detail.history.edit_button.isEnabled()  # though an interaction is chosen
        assert not detail.promises.add_button.isEnabled()
    finally:
        ws.close()


def test_an_account_with_nothing_yet_still_reads_well(qtbot, session):
    empty = session.add(Account(name="Fresh Start", current_revenue=0, potential_revenue=0))
    detail = AccountDetail(session, empty.id, today=TODAY)
    qtbot.addWidget(detail)
    detail.resize(1280, 800)
    detail.show()
    for index in range(detail.tabs.count()):
        detail.tabs.setCurrentIndex(index)
        assert not detail.grab().isNull()  # every tab paints
    assert detail.tab_titles() == ["Overview", "People", "History", "Promises"]
    assert detail.overview.size_bars.ratio_text() == "no figures yet"
    assert detail.overview.sentiment_figure.figure.text() == "\u2014"
    assert not detail.history.reader.empty.isHidden()
    assert detail.history.reader.empty.text().startswith("Nothing logged yet.")


def test_the_real_concessions_tab_plugs_in(qtbot, session, north):
    concessions_module = pytest.importorskip("handover.ui.accounts.concessions")
    from handover.domain.records import Concession

    given = session.add(Concession(account_id=north, date=dt.date(2026, 3, 3),
                                   baseline_value=100_000, conceded_value=8_000))
    detail = AccountDetail(session, north, today=TODAY)
    qtbot.addWidget(detail)
    tab = concessions_module.ConcessionsTab(session, north, today=lambda: TODAY)
    detail.add_tab("Concessions", tab)
    assert detail.show_record("concession", given.id)
    assert detail.tabs.currentWidget() is tab
    assert tab.selected_id() == given.id
