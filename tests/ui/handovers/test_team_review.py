"""The Team review page as a team lead uses it: the summary of the handovers in flight, each
handover's line with its completeness (worked out in the background), the filters by person
and status, sorting, and opening a handover from its line."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from handover.domain.checker import check_handover
from handover.domain.handover import Handover, Status
from handover.domain.records import Account, Person, Question
from handover.domain.template import load_default_template
from handover.store import Workspace
from handover.store.briefdata import handover_records
from handover.store.review_queries import checker_inputs, review_rows
from handover.ui.handovers.team_review import TeamReviewPage
from handover.ui.handovers.team_review_table import (
    CALCULATING,
    IN_FLIGHT,
    TeamReviewModel,
    compute_completeness,
)
from handover.ui.shell import dialogs, tasks
from handover.ui.shell.session import Session
from handover.ui.shell.words import DANGER

TODAY = dt.date(2026, 11, 2)  # the day the test workspace's story is told on
M = TeamReviewModel


@pytest.fixture(autouse=True)
def no_unexpected_questions(monkeypatch):
    def unexpected(name):
        def ask(*args, **kwargs):
            raise AssertionError(f"the program asked {name}, which this test did not expect")
        return ask
    for name in ("ask_export_options", "ask_export_folder", "ask_brief_save_path",
                 "preview_brief", "confirm"):
        monkeypatch.setattr(dialogs, name, unexpected(name))


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


@pytest.fixture
def team(workspace_file) -> dict[str, int]:
    """Five handovers of the test workspace's accounts, told as of TODAY:

    Northwind   Marcus -> Dana, reviewed by Helen, in review, 5 days overdue, 1 of 2
                questions open
    Brightwater Dana -> Marcus, reviewed by Helen, a draft due in 10 days
    Calder      Marcus -> Dana, accepted on 1 Nov (this month), due 3 days ago
    Halden      Marcus -> Dana, reviewed by Helen, submitted, 1 day overdue
    Brightwater Marcus -> Helen, accepted on 20 Oct (last month)
    """
    ws = Workspace.open(workspace_file, user="Test setup")
    try:
        people = {p.name.split()[0].lower(): p.id for p in ws.all(Person)}
        people["dana"] = ws.person_named("Dana Whitfield").id
        accounts = {a.name.split()[0].lower(): a.id for a in ws.all(Account)}
        marcus, dana, helen = people["marcus"], people["dana"], people["helen"]

        def add(account, outgoing, incoming, status, due, reviewer=helen, **more):
            return ws.add(Handover(account_id=accounts[account], outgoing_id=outgoing,
                                   incoming_id=incoming, reviewer_id=reviewer, due_date=due,
                                   created_on=days(-40), status=status, **more)).id

        ids = {
            "northwind": add("northwind", marcus, dana, Status.IN_REVIEW, days(-5)),
            "brightwater": add("brightwater", dana, marcus, Status.DRAFT, days(10)),
            "calder": add("calder", marcus, dana, Status.ACCEPTED, days(-3), reviewer=None,
                          read_back="Price first, then the service review.",
                          signed_off_by_id=dana,
                          signed_off_at=dt.datetime(2026, 11, 1, 10, 0)),
            "halden": add("halden", marcus, dana, Status.SUBMITTED, days(-1)),
            "old brightwater": add("brightwater", marcus, helen, Status.ACCEPTED,
                                   dt.date(2026, 10, 15), read_back="Understood.",
                                   signed_off_by_id=helen,
                                   signed_off_at=dt.datetime(2026, 10, 20, 9, 30)),
        }
        for text, answer in (("Who approved the rebate?", "Helen, in March."),
                             ("Is the depot visit still on?", "")):
            ws.add(Question(handover_id=ids["northwind"], section="concessions", text=text,
                            asked_by_id=dana, answer=answer))
        ids.update({f"person:{k}": v for k, v in people.items()})
    finally:
        ws.close()
    return ids


@pytest.fixture
def session(workspace_file, team):
    ws = Workspace.open(workspace_file, user="Helen Achterberg")
    yield Session(ws)
    ws.close()


@pytest.fixture
def page(qtbot, session, settings):
    page = TeamReviewPage(settings, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1080, 760)
    page.show()
    page.set_session(session)
    yield page
    page.set_session(None)


@pytest.fixture
def real_threads(monkeypatch):
    """Background work on a worker thread, as in the program."""
    monkeypatch.setattr(tasks, "RUN_INLINE", False)


def expected_scores(session) -> dict[int, int]:
    """Each handover's score as the checker gives it, one handover at a time."""
    template = load_default_template()
    scores = {}
    for handover in session.ws.all(Handover):
        h, records, questions = handover_records(session.ws, handover.id)
        scores[handover.id] = check_handover(template, h, records, questions, TODAY).score
    return scores


def accounts_shown(page: TeamReviewPage) -> list[str]:
    return [row.account for row in page.shown_rows()]


def column(page: TeamReviewPage, number: int) -> list[str]:
    proxy = page.table.model()
    return [proxy.index(r, number).data() for r in range(proxy.rowCount())]


# ---------------------------------------------------------------- the model and the queries


def test_the_model_is_a_well_behaved_model(qtmodeltester, session, team):
    model = TeamReviewModel()
    model.today = TODAY
    model.set_rows(review_rows(session.ws))
    qtmodeltester.check(model)
    model.set_scores(compute_completeness(session.ws.path, "", TODAY))
    qtmodeltester.check(model)


def test_the_dashboard_gathers_what_the_checker_reads_exactly_as_for_one_handover(session):
    for handover, records, questions in checker_inputs(session.ws):
        assert (handover, records, questions) == handover_records(session.ws, handover.id)
    assert checker_inputs(session.ws, []) == []


# ---------------------------------------------------------------- what the team lead sees


def test_the_summary_and_each_line_tell_what_is_in_flight_and_what_is_late(page, session,
                                                                          team):
    scores = expected_scores(session)
    in_flight = [team["northwind"], team["brightwater"], team["halden"]]
    average = round(sum(scores[i] for i in in_flight) / 3)

    assert page.count_label.text() == "5 handovers"
    assert page.card_text("in_flight") == "IN FLIGHT 3 of 5 in all"
    assert page.card_text("overdue") == "OVERDUE 2 the longest 5 days"
    assert page.cards["overdue"].figure.styleSheet() == f"color: {DANGER};"
    assert page.card_text("average") == f"AVERAGE COMPLETENESS {average}% of the 3 in flight"
    assert page.card_text("accepted") == "ACCEPTED THIS MONTH 1 signed off in November 2026"

    north = team["northwind"]
    assert page.cell_text(north, M.ACCOUNT) == "Northwind Logistics"
    assert page.cell_text(north, M.HEALTH) == "Critical"
    assert page.cell_text(north, M.STATUS) == "In review"
    assert page.cell_text(north, M.PEOPLE) == "Marcus Lindqvist \u2192 Dana Whitfield"
    assert page.cell_text(north, M.COMPLETE) == f"{scores[north]}%"
    assert page.cell_text(north, M.DUE) == "28 Oct 2026"
    assert page.cell_text(north, M.OVERDUE) == "5 days"
    assert page.cell_text(north, M.QUESTIONS) == "1"  # of the two asked, one is answered
    assert page.cell_text(team["halden"], M.OVERDUE) == "1 day"
    # An accepted handover is never overdue, whatever its due date said.
    assert page.cell_text(team["calder"], M.OVERDUE) == ""
    assert page.cell_text(team["brightwater"], M.QUESTIONS) == "\u2014"  # none asked

    # Overdue lines stand out: the date in red, the line tinted.
    model = page.model
    due = model.index(model.row_of(north), M.DUE)
    assert due.data(Qt.ItemDataRole.ForegroundRole) == QColor(DANGER)
    assert due.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(model.row_of(team["brightwater"]), M.DUE).data(
        Qt.ItemDataRole.BackgroundRole) is None

    # Required items missing: the checker's errors on the handover.
    template = load_default_template()
    h, records, questions = handover_records(session.ws, north)
    errors = check_handover(template, h, records, questions, TODAY).counts()["error"]
    assert page.cell_text(north, M.MISSING) == str(errors)


def test_completeness_is_worked_out_on_a_worker_while_the_bars_say_calculating(
        qtbot, session, settings, team, real_threads, monkeypatch):
    import handover.ui.handovers.team_review as team_review

    threads = []
    real = team_review.compute_completeness

    def watched(*args):
        threads.append(threading.get_ident())
        return real(*args)

    monkeypatch.setattr(team_review, "compute_completeness", watched)
    page = TeamReviewPage(settings, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.scores_ready, timeout=10_000):
        page.set_session(session)
        # the lines are there at once; their completeness is on its way
        assert page.cell_text(team["northwind"], M.ACCOUNT) == "Northwind Logistics"
        assert page.cell_text(team["northwind"], M.COMPLETE) == CALCULATING
        assert page.card_text("average").endswith(CALCULATING)
        assert page.calculating and page.status_label.text() == "Checking completeness\u2026"
    assert threads and threads[0] != threading.get_ident()
    assert not page.calculating and page.status_label.text() == ""
    scores = expected_scores(session)
    assert page.cell_text(team["northwind"], M.COMPLETE) == f"{scores[team['northwind']]}%"
    page.set_session(None)


def test_an_edit_checks_its_handover_again(qtbot, page, session, team):
    north = team["northwind"]
    before = page.model.score_of(north)
    account = session.ws.get(Account, session.ws.get(Handover, north).account_id)
    assert not account.health_reason  # the checker asks for one
    with qtbot.waitSignal(page.scores_ready, timeout=5_000):
        session.update(dataclasses.replace(account, health_reason="Two missed deliveries."))
    after = page.model.score_of(north)
    assert after.score > before.score
    assert after.required_missing < before.required_missing
    assert page.cell_text(north, M.COMPLETE) == f"{after.score}%"


def test_a_new_handover_appears_with_its_completeness(qtbot, page, session, team):
    halden_id = session.ws.get(Handover, team["halden"]).account_id
    session.ws.update(dataclasses.replace(session.ws.get(Handover, team["halden"]),
                                          status=Status.ACCEPTED))
    with qtbot.waitSignal(page.scores_ready, timeout=5_000):
        created = session.add(Handover(account_id=halden_id,
                                       outgoing_id=team["person:dana"],
                                       incoming_id=team["person:marcus"], due_date=days(20)))
    assert page.count_label.text() == "6 handovers"
    assert page.cell_text(created.id, M.COMPLETE).endswith("%")


# ---------------------------------------------------------------- filters and sorting


def test_the_filters_narrow_the_lines_by_person_and_status(qtbot, page, team):
    assert len(accounts_shown(page)) == 5

    page.person_box.setCurrentIndex(page.person_box.findText("Dana Whitfield"))
    assert sorted(accounts_shown(page)) == ["Brightwater Utilities",
                                            "Calder & Finch Insurance", "Halden Foods",
                                            "Northwind Logistics"]
    assert page.count_label.text() == "4 of 5 handovers shown"
    assert page.card_text("in_flight") == "IN FLIGHT 3 of Dana Whitfield\u2019s 4"
    assert page.card_text("overdue") == "OVERDUE 2 the longest 5 days"

    page.status_box.setCurrentIndex(page.status_box.findData(Status.ACCEPTED))
    assert accounts_shown(page) == ["Calder & Finch Insurance"]
    # The summary is still of all of Dana's handovers: the status narrows the table.
    assert page.card_text("in_flight") == "IN FLIGHT 3 of Dana Whitfield\u2019s 4"
    assert page.card_text("accepted") == "ACCEPTED THIS MONTH 1 signed off in November 2026"

    # The reviewer is one of the people a handover involves.
    page.person_box.setCurrentIndex(page.person_box.findText("Helen Achterberg"))
    assert accounts_shown(page) == ["Brightwater Utilities"]  # the one she received
    assert page.card_text("accepted") == "ACCEPTED THIS MONTH 0 signed off in November 2026"
    page.status_box.setCurrentIndex(page.status_box.findData(IN_FLIGHT))
    assert sorted(accounts_shown(page)) == ["Brightwater Utilities", "Halden Foods",
                                            "Northwind Logistics"]

    page.overdue_check.setChecked(True)
    assert sorted(accounts_shown(page)) == ["Halden Foods", "Northwind Logistics"]

    page.search.setText("north")
    assert accounts_shown(page) == ["Northwind Logistics"]
    page.person_box.setCurrentIndex(0)
    assert page.card_text("in_flight") == "IN FLIGHT 1 of 1 matching"

    page.search.setText("nobody by that name")
    assert page.body.currentIndex() == 1
    assert page.empty_label.text() == "No handover matches the filters."
    assert page.clear_button.isVisibleTo(page)
    qtbot.mouseClick(page.clear_button, Qt.MouseButton.LeftButton)
    assert len(accounts_shown(page)) == 5 and page.body.currentIndex() == 0


def test_sorting_by_completeness_and_by_due_date(page, session, team):
    scores = expected_scores(session)
    header = page.table.horizontalHeader()
    # At first the soonest due is on top, those without a date last.
    assert header.sortIndicatorSection() == M.DUE
    dues = [r.due_date for r in page.shown_rows()]
    assert dues == sorted(dues)

    page.table.sortByColumn(M.DUE, Qt.SortOrder.DescendingOrder)
    assert [r.due_date for r in page.shown_rows()] == sorted(dues, reverse=True)
    assert column(page, M.DUE)[0] == "12 Nov 2026"  # Brightwater's draft, due last

    page.table.sortByColumn(M.COMPLETE, Qt.SortOrder.AscendingOrder)
    shown = [scores[i] for i in page.shown_ids()]
    assert shown == sorted(shown)
    page.table.sortByColumn(M.COMPLETE, Qt.SortOrder.DescendingOrder)
    shown = [scores[i] for i in page.shown_ids()]
    assert shown == sorted(shown, reverse=True)
    assert column(page, M.COMPLETE)[0] == f"{max(scores.values())}%"

    page.table.sortByColumn(M.OVERDUE, Qt.SortOrder.DescendingOrder)
    assert accounts_shown(page)[:2] == ["Northwind Logistics", "Halden Foods"]


# ---------------------------------------------------------------- opening


def test_a_double_click_or_enter_opens_the_handover(qtbot, page, team):
    table = page.table
    page.table.sortByColumn(M.ACCOUNT, Qt.SortOrder.AscendingOrder)
    assert accounts_shown(page)[4] == "Northwind Logistics"
    rect = table.visualRect(table.model().index(4, M.ACCOUNT))
    with qtbot.waitSignal(page.handover_chosen) as opened:
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [team["northwind"]]

    table.setFocus()
    table.selectRow(2)
    with qtbot.waitSignal(page.handover_chosen) as opened:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened.args == [page.shown_ids()[2]]
    # A click on the empty space below the lines opens nothing.
    with qtbot.assertNotEmitted(page.handover_chosen):
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton,
                          pos=QPoint(10, table.viewport().height() - 5))


def test_the_buttons_follow_the_selection(page, team):
    assert not page.preview_button.isEnabled()
    assert not page.export_selected_button.isEnabled()
    assert page.export_all_button.isEnabled()
    page.table.selectRow(0)
    assert page.preview_button.isEnabled() and page.export_selected_button.isEnabled()
    page.select_ids([team["northwind"], team["halden"]])
    assert page.selected_ids() and len(page.selected_ids()) == 2
    assert not page.preview_button.isEnabled()  # one brief at a time
    assert page.export_selected_button.isEnabled()


def test_without_a_workspace_or_handovers_the_page_says_so(qtbot, settings, tmp_path):
    page = TeamReviewPage(settings, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.show()
    assert page.empty_label.text() == "No workspace is open."
    assert not page.export_all_button.isEnabled()
    ws = Workspace.create(tmp_path / "empty.sqlite", user="Helen Achterberg")
    try:
        page.set_session(Session(ws))
        assert page.empty_label.text().startswith("No handovers yet.")
        assert page.card_text("in_flight") == "IN FLIGHT 0 of 0 in all"
        assert not page.clear_button.isVisibleTo(page)
        page.set_session(None)
    finally:
        ws.close()
