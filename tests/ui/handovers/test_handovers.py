"""The Handovers page as a team uses it: the list with what is overdue and how complete each
handover is, starting a handover with the form, each person opening a handover in the screen
for their part, the team's own template, and the whole story from draft to sign-off."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import Qt

from handover.domain.handover import Handover, Status
from handover.domain.records import Account, Concession, Role
from handover.settings import TEAM_TEMPLATE, CurrentUser
from handover.store import Workspace
from handover.store import handover_ops as ops
from handover.ui.editors.new_handover import NewHandoverDialog
from handover.ui.handovers.handovers import HandoversPage
from handover.ui.handovers.handovers_model import HandoversModel
from handover.ui.handovers.review import ReviewView
from handover.ui.handovers.stepper import StepperView
from handover.ui.shell import dialogs
from handover.ui.shell.session import Session
from handover.ui.shell.words import DANGER, ID_ROLE

TODAY = dt.date(2026, 11, 2)  # the day the test workspace's story is told on
DANA = CurrentUser("Dana Whitfield", Role.ACCOUNT_MANAGER)
MARCUS = CurrentUser("Marcus Lindqvist", Role.ACCOUNT_MANAGER)
HELEN = CurrentUser("Helen Achterberg", Role.TEAM_LEAD)

BROKEN_TEMPLATE = """\
name = "Our team's handover"
version = "2"

[[sections]]
key = "glance"
title = "At a glance"
records = "everything"
"""


@pytest.fixture(autouse=True)
def no_unexpected_questions(monkeypatch):
    def unexpected(name):
        def ask(*args, **kwargs):
            raise AssertionError(f"the program asked {name}, which this test did not expect")
        return ask
    for name in ("confirm", "new_handover", "ask_return_reason", "ask_team_template",
                 "edit_contact", "edit_concession", "edit_account"):
        monkeypatch.setattr(dialogs, name, unexpected(name))


@pytest.fixture
def session(workspace_file):
    ws = Workspace.open(workspace_file, user="Dana Whitfield")
    ws.person_named("Dana Whitfield")  # as the main window does for its user
    yield Session(ws)
    ws.close()


def account_named(session, name: str) -> int:
    return session.ws.all(Account, "name = ?", [name])[0].id


@pytest.fixture
def page(qtbot, session, settings):
    page = HandoversPage(settings, DANA, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.set_session(session)
    page.resize(1400, 860)
    page.show()
    yield page
    page.set_session(None)  # the open handover is let go before the workspace closes


def start(session, people, account="Northwind Logistics", *, outgoing="dana",
          incoming="marcus", due=TODAY + dt.timedelta(days=14), **fields) -> Handover:
    return ops.create_handover(session.ws, Handover(
        account_id=account_named(session, account), outgoing_id=people[outgoing],
        incoming_id=people[incoming], reviewer_id=people["helen"], due_date=due,
        created_on=TODAY - dt.timedelta(days=30), **fields))


def lines(page: HandoversPage) -> list[dict[str, str]]:
    model = page.list_page.table.model()
    return [{HandoversModel.HEADERS[c]: model.index(r, c).data()
             for c in range(model.columnCount())} for r in range(model.rowCount())]


# ---------------------------------------------------------------- the list


def test_the_list_model_is_a_well_behaved_model(qtmodeltester, session, people):
    start(session, people)
    start(session, people, "Halden Foods", due=TODAY - dt.timedelta(days=3))
    model = HandoversModel()
    model.today = TODAY
    model.set_rows(ops.handover_rows(session.ws))
    qtmodeltester.check(model)


def test_the_list_shows_who_hands_what_to_whom_and_what_is_overdue(page, session, people):
    start(session, people, due=TODAY + dt.timedelta(days=14))
    start(session, people, "Halden Foods", incoming="helen", due=TODAY - dt.timedelta(days=3))
    page.reload()

    shown = {line["Account"]: line for line in lines(page)}
    assert shown["Northwind Logistics"]["Outgoing \u2192 incoming"] == (
        "Dana Whitfield \u2192 Marcus Lindqvist")
    assert shown["Northwind Logistics"]["Reviewer"] == "Helen Achterberg"
    assert shown["Northwind Logistics"]["Status"] == "Draft \u00b7 Dana writes"
    assert shown["Northwind Logistics"]["Due"] == "16 Nov 2026 \u00b7 in 14 days"
    assert shown["Halden Foods"]["Due"] == "30 Oct 2026 \u00b7 overdue 3 days"
    model = page.list_page.table.model()
    overdue = next(r for r in range(model.rowCount())
                   if model.index(r, 0).data() == "Halden Foods")
    assert model.index(overdue, HandoversModel.DUE).data(
        Qt.ItemDataRole.ForegroundRole).name() == DANGER
    assert "2 handovers" in page.list_page.count_label.text()
    assert "1 overdue" in page.list_page.count_label.text()
    # the soonest due first, the overdue one on top
    assert [line["Account"] for line in lines(page)] == ["Halden Foods", "Northwind Logistics"]


def test_scores_are_worked_out_when_shown_and_kept_until_something_changes(
        qtbot, page, session, people):
    handover = start(session, people)
    model = page.list_page.model
    model.set_rows(ops.handover_rows(session.ws))
    assert model.measured() == set()  # not before a line asks for it

    row = model.row_of(handover.id)
    score = model.index(row, HandoversModel.SCORE).data()
    assert score.endswith("%") and model.measured() == {handover.id}

    calls = []
    real = model.measure
    model.measure = lambda i: calls.append(i) or real(i)
    model.index(row, HandoversModel.SCORE).data()
    assert calls == []  # kept
    ops.save_answers(session.ws, handover.id, {"glance": {"summary": "Critical: an angry "
                                                                     "CFO."}})
    session.changed.emit(dataclasses.replace(_change(), account_id=handover.account_id))
    assert model.index(row, HandoversModel.SCORE).data() != score  # worked out again
    assert calls == [handover.id]


def _change():
    from handover.ui.shell.session import Change

    return Change(frozenset({"handovers"}), None)


def test_the_filters_narrow_the_list_to_mine_and_by_status(page, session, people):
    start(session, people)
    start(session, people, "Halden Foods", outgoing="marcus", incoming="helen")
    page.reload()
    assert len(lines(page)) == 2
    page.list_page.mine.setChecked(True)
    assert [line["Account"] for line in lines(page)] == ["Northwind Logistics"]
    page.list_page.mine.setChecked(False)
    page.list_page.search.setText("halden")
    assert [line["Account"] for line in lines(page)] == ["Halden Foods"]
    page.list_page.search.clear()
    page.list_page.status_box.setCurrentIndex(page.list_page.status_box.findData(
        Status.ACCEPTED))
    assert lines(page) == [] and "No handover matches" in page.list_page.empty_label.text()


# ---------------------------------------------------------------- the form


def fill(dialog: NewHandoverDialog, account: str | None = None, incoming: int | None = None,
         outgoing: int | None = None) -> None:
    if account is not None:
        dialog.account_box.setEditText(account)
    for box, person in ((dialog.incoming_box, incoming), (dialog.outgoing_box, outgoing)):
        if person is not None:
            box.setCurrentIndex(box.findData(person))


def test_the_account_is_found_by_typing_part_of_its_name(qtbot, session, people):
    dialog = NewHandoverDialog(session, today=TODAY, person_id=people["dana"])
    qtbot.addWidget(dialog)
    completer = dialog.account_box.completer()
    completer.setCompletionPrefix("wind")
    assert completer.currentCompletion() == "Northwind Logistics"
    assert completer.completionCount() == 1
    completer.setCompletionPrefix("old harbour")  # archived: not offered
    assert completer.completionCount() == 0

    dialog.account_box.setEditText("northwind logistics")  # typed in full, any case
    assert dialog.account_id() == account_named(session, "Northwind Logistics")
    # the account's owner hands it over unless someone else was chosen
    assert dialog.outgoing_box.currentData() == people["marcus"]
    assert "Owned by Marcus Lindqvist" in dialog.account_note.text()


def test_the_form_says_beside_each_field_what_is_wrong(qtbot, session, people):
    start(session, people, "Halden Foods")
    dialog = NewHandoverDialog(session, today=TODAY, person_id=people["dana"])
    qtbot.addWidget(dialog)
    assert dialog.reviewer_box.currentData() == people["helen"]  # the team lead

    dialog.accept()
    assert dialog.message("account_id") == "Choose the account to hand over."
    assert dialog.message("incoming_id") == "Choose who takes it on."
    assert dialog.created is None and session.ws.all(Handover, "account_id = ?", [
        account_named(session, "Northwind Logistics")]) == []

    fill(dialog, "Nowhere Ltd", incoming=people["dana"], outgoing=people["dana"])
    assert "No account is called \u201cNowhere Ltd\u201d" in dialog.message("account_id")
    assert "someone other than the outgoing manager" in dialog.message("incoming_id")

    fill(dialog, "Halden Foods", incoming=people["marcus"])
    assert "already has a handover under way" in dialog.message("account_id")
    assert "Already has a handover under way" in dialog.account_note.text()

    dialog.due_edit.setDate(dialog.due_edit.date().addDays(-30))
    fill(dialog, "Brightwater Utilities")
    assert "before the handover was made" in dialog.message("due_date")
    # Marcus owns Brightwater, so he hands it over, and cannot also take it on
    assert dialog.outgoing_box.currentData() == people["marcus"]
    assert "someone other than the outgoing manager" in dialog.message("incoming_id")
    fill(dialog, outgoing=people["dana"])
    dialog.due_edit.setDate(dialog.due_edit.date().addDays(40))
    assert {f: dialog.message(f) for f in dialog.messages if dialog.message(f)} == {}
    dialog.accept()
    assert dialog.created is not None and dialog.created.status is Status.DRAFT
    assert dialog.created.outgoing_id == people["dana"]


def test_a_new_handover_opens_in_the_stepper_and_undo_takes_it_back(
        qtbot, monkeypatch, page, session, people):
    def new_handover(parent, session, *, today, person_id=None, account_id=None):
        dialog = NewHandoverDialog(session, today=today, person_id=person_id,
                                   account_id=account_id, parent=parent)
        fill(dialog, "Brightwater Utilities", incoming=people["marcus"],
             outgoing=people["dana"])
        dialog.accept()
        return dialog.created
    monkeypatch.setattr(dialogs, "new_handover", new_handover)

    qtbot.mouseClick(page.list_page.new_button, Qt.MouseButton.LeftButton)
    assert isinstance(page.view, StepperView)
    assert page.view.header.title.text() == "Brightwater Utilities"
    assert [line["Account"] for line in lines(page)] == ["Brightwater Utilities"]

    session.undo_stack.undo()
    qtbot.waitUntil(lambda: page.currentWidget() is page.list_page)
    assert lines(page) == [] and session.ws.all(Handover) == []
    session.undo_stack.redo()
    assert [line["Account"] for line in lines(page)] == ["Brightwater Utilities"]


def test_undo_never_takes_back_a_handover_that_has_moved_on(qtbot, session, people,
                                                            dialog_log):
    dialog = NewHandoverDialog(session, today=TODAY, person_id=people["dana"])
    qtbot.addWidget(dialog)
    fill(dialog, "Brightwater Utilities", incoming=people["marcus"], outgoing=people["dana"])
    dialog.accept()
    ops.move(session.ws, dialog.created.id, Status.SUBMITTED, people["dana"])

    session.undo_stack.undo()
    assert dialog_log.errors == [("Could not start the handover of Brightwater Utilities",
                                  "The handover is submitted; only a draft can be taken "
                                  "back.")]
    assert session.ws.get(Handover, dialog.created.id).status is Status.SUBMITTED
    assert session.undo_stack.count() == 0  # the step that cannot be undone is dropped


# ---------------------------------------------------------------- who sees what


def test_each_person_opens_a_handover_in_the_screen_for_their_part(qtbot, page, session,
                                                                   people):
    handover = start(session, people)
    page.reload()
    assert page.open_handover(handover.id)
    assert isinstance(page.view, StepperView)  # Dana writes it

    page.set_user(MARCUS)
    assert isinstance(page.view, ReviewView)  # Marcus may only read a draft
    assert not page.view.start_button.isVisible() and not page.view.can_ask
    assert "still writing" in page.view.banner.text()

    ops.move(session.ws, handover.id, Status.SUBMITTED, people["dana"])
    page.open_handover(handover.id)
    assert page.view.start_button.isVisible()  # Marcus starts the review

    page.set_user(DANA)
    assert isinstance(page.view, ReviewView)  # submitted: Dana answers questions there
    assert not page.view.start_button.isVisible() and not page.view.accept_button.isVisible()

    page.show_list()
    assert page.currentWidget() is page.list_page
    assert page.list_page.current_id() == handover.id


def test_opening_by_enter_or_double_click(qtbot, page, session, people):
    handover = start(session, people)
    page.reload()
    table = page.list_page.table
    table.setFocus()
    table.selectRow(0)
    assert table.model().index(0, 0).data(ID_ROLE) == handover.id
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert page.currentWidget() is page.open_page and page.view.handover_id == handover.id


# ---------------------------------------------------------------- the team's template


def test_a_broken_team_template_is_named_with_its_line_and_the_default_stays(
        qtbot, tmp_path, page, settings, dialog_log):
    broken = tmp_path / "team.toml"
    broken.write_text(BROKEN_TEMPLATE, encoding="utf-8")

    assert page.set_team_template(broken) is False
    [(title, message)] = dialog_log.errors
    assert title == "The team's template cannot be used"
    assert f"{broken}, line 7" in message and "everything" in message
    assert "The default template is in use instead." in message
    assert page.template.name == "Default account handover"
    assert "line 7" in page.list_page.banner.text()
    assert settings.get(TEAM_TEMPLATE) == str(broken)  # kept, to be mended

    # at the next start the banner says it again, without a dialog in the way
    again = HandoversPage(settings, DANA, today=lambda: TODAY)
    qtbot.addWidget(again)
    assert "line 7" in again.list_page.banner.text()
    assert again.template.name == "Default account handover"
    assert len(dialog_log.errors) == 1


def test_a_good_team_template_is_used_for_new_and_open_handovers(
        qtbot, tmp_path, monkeypatch, page, session, people):
    good = tmp_path / "team.toml"
    good.write_text('name = "Our team\'s handover"\n\n[[sections]]\nkey = "glance"\n'
                    'title = "At a glance"\n\n[[sections.fields]]\nkey = "summary"\n'
                    'label = "In short"\nrequired = true\n', encoding="utf-8")
    monkeypatch.setattr(dialogs, "ask_team_template", lambda parent, directory=None: good)
    page.choose_team_template()
    assert page.template.name == "Our team's handover"
    assert page.list_page.banner.text() == ""

    handover = start(session, people)
    page.reload()
    page.open_handover(handover.id)
    assert page.view.section_list.count() == 1
    page.set_team_template(None)
    assert page.template.name == "Default account handover"


# ---------------------------------------------------------------- the whole story


def test_the_whole_story_from_a_new_handover_to_a_change_after_sign_off(
        qtbot, monkeypatch, page, session, people, dialog_log):
    # Dana starts the handover of Northwind Logistics to Marcus, Helen reviewing.
    def new_handover(parent, session, *, today, person_id=None, account_id=None):
        dialog = NewHandoverDialog(session, today=today, person_id=person_id, parent=parent)
        fill(dialog, "Northwind Logistics", incoming=people["marcus"],
             outgoing=people["dana"])
        dialog.accept()
        return dialog.created
    monkeypatch.setattr(dialogs, "new_handover", new_handover)
    created = page.new_handover()
    stepper = page.view
    assert isinstance(stepper, StepperView)
    start_score = stepper.score_value

    # She fills the sections and watches the score rise.
    summary = stepper.field_input("glance", "summary")
    summary.widget.source.setPlainText("Critical: the CFO is angry about the March outage "
                                       "credit and threatens to tender.")
    qtbot.waitUntil(lambda: stepper.score_value > start_score, timeout=3000)
    risen = stepper.score_value
    stepper.field_input("risks", "contingencies").widget.setPlainText(
        "If the CFO asks for another credit, then offer a service review and call me.")
    stepper.field_input("risks", "risks").widget.setPlainText("Tender at renewal")
    assert not stepper.is_ticked("risks")
    qtbot.waitUntil(lambda: stepper.score_value > risen, timeout=3000)
    assert stepper.is_ticked("risks")

    # Submit is allowed with things missing, and says what they are.
    asked = []
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, message, action="OK":
                        asked.append((title, message)) or True)
    qtbot.mouseClick(stepper.submit_button, Qt.MouseButton.LeftButton)
    assert asked and asked[0][0].startswith("Submit with")
    assert "People:" in asked[0][1]
    qtbot.waitUntil(lambda: isinstance(page.view, ReviewView))
    assert session.ws.get(Handover, created.id).status is Status.SUBMITTED

    # Marcus starts the review and asks a question on the people.
    page.set_user(MARCUS)
    session.ws.user = MARCUS.name
    review = page.view
    qtbot.mouseClick(review.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.view is not review and page.view.handover.status
                    is Status.IN_REVIEW)
    review = page.view
    review.questions.choose("people")
    review.questions.ask_edit.setPlainText("Who really signs the renewal?")
    qtbot.mouseClick(review.questions.ask_button, Qt.MouseButton.LeftButton)
    assert [q.text for q in ops.questions_of(session.ws, created.id)] == [
        "Who really signs the renewal?"]
    assert not review.accept_button.isEnabled()
    assert "write the read-back" in review.accept_hint.text()

    # Dana answers it.
    page.set_user(DANA)
    session.ws.user = DANA.name
    answering = page.view
    assert answering.questions.current_section() == "people"
    [card] = answering.questions.cards
    card.answer_edit.setPlainText("The CFO, Ines Baptista; procurement only advises.")
    qtbot.mouseClick(card.send_button, Qt.MouseButton.LeftButton)
    assert ops.questions_of(session.ws, created.id)[0].answered

    # Marcus writes the read-back and accepts.
    page.set_user(MARCUS)
    session.ws.user = MARCUS.name
    review = page.view
    review.side.setCurrentIndex(1)
    review.read_back_editor.source.setPlainText(
        "An angry CFO who has learned that pressure pays. I will deliver the outage report "
        "before talking price, and meet Ines Baptista in my first week.")
    assert review.accept_button.isEnabled()
    qtbot.mouseClick(review.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.view is not review)
    accepted = session.ws.get(Handover, created.id)
    assert accepted.status is Status.ACCEPTED and len(accepted.signoff_hash) == 64
    assert accepted.signed_off_by_id == people["marcus"]
    banner = page.view.signoff_banner.text()
    assert "Accepted by Marcus Lindqvist" in banner and accepted.signoff_hash[:12] in banner
    assert "unchanged since sign-off" in banner

    # A later concession edit shows as "changed since sign-off", with what changed.
    north = account_named(session, "Northwind Logistics")
    concession = session.add(Concession(account_id=north, date="2026-11-20",
                                        baseline_value=100_000, conceded_value=5_000,
                                        nothing_in_return=True))
    qtbot.waitUntil(lambda: page.view.signoff.changed)
    banner = page.view.signoff_banner.text()
    assert "unchanged" not in banner and "<b>changed since sign-off:</b>" in banner
    assert f"<li>Concession {concession.id}" in banner and "added</li>" in banner
    assert page.view.header.status.text() == "Accepted \u00b7 changed since sign-off"
    page.show_list()
    status = lines(page)[0]["Status"]
    assert status == "Accepted \u00b7 changed since sign-off"
    assert concession.id and dialog_log.errors == []
