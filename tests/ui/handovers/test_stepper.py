"""The outgoing manager's stepper, as someone who dreads paperwork uses it: sections ticked as
they are done, the score rising, every pause in typing saved and undoable, the account's own
records edited in place, each finding a click away from its field, and Submit that says
what is still missing."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from handover.domain.handover import Handover, Status
from handover.domain.records import Account, Concession, Contact
from handover.store import Workspace
from handover.store import handover_ops as ops
from handover.ui.handovers.stepper import StepperView
from handover.ui.handovers.stepper_findings import FINDING_ROLE, FindingsModel
from handover.ui.handovers.stepper_records import AccountCard
from handover.ui.shell import dialogs
from handover.ui.shell.markdown_editor import MarkdownEditor
from handover.ui.shell.session import Session

TODAY = dt.date(2026, 11, 2)  # the day the test workspace's story is told on


@pytest.fixture(autouse=True)
def no_unexpected_questions(monkeypatch):
    def unexpected(name):
        def ask(*args, **kwargs):
            raise AssertionError(f"the program asked {name}, which this test did not expect")
        return ask
    for name in ("confirm", "edit_contact", "edit_interaction", "edit_commitment",
                 "edit_concession", "edit_account"):
        monkeypatch.setattr(dialogs, name, unexpected(name))


@pytest.fixture
def session(workspace_file):
    ws = Workspace.open(workspace_file, user="Dana Whitfield")
    ws.person_named("Dana Whitfield")
    yield Session(ws)
    ws.close()


@pytest.fixture
def handover(session, people, north) -> Handover:
    return ops.create_handover(session.ws, Handover(
        account_id=north, outgoing_id=people["dana"], incoming_id=people["marcus"],
        reviewer_id=people["helen"], due_date=TODAY + dt.timedelta(days=14),
        created_on=TODAY))


@pytest.fixture
def opened(session):
    """The steppers a test opens, let go (their typing saved) before the workspace closes."""
    views: list[StepperView] = []
    yield views
    for view in views:
        view.close_view()


def open_stepper(qtbot, opened, session, handover, template, person_id,
                 **options) -> StepperView:
    options.setdefault("autosave_ms", 30)
    view = StepperView(session, handover.id, template, person_id, today=lambda: TODAY,
                       **options)
    qtbot.addWidget(view)
    opened.append(view)
    view.resize(1400, 900)
    view.show()
    return view


@pytest.fixture
def stepper(qtbot, opened, session, handover, template, people) -> StepperView:
    return open_stepper(qtbot, opened, session, handover, template, people["dana"])


def type_into(view: StepperView, section: str, field: str, text: str) -> None:
    editor = view.field_input(section, field).widget
    if isinstance(editor, MarkdownEditor):
        editor.source.setPlainText(text)
    elif hasattr(editor, "setPlainText"):
        editor.setPlainText(text)
    else:
        editor.setText(text)
        editor.textEdited.emit(text)


def stored(session, handover) -> Handover:
    return session.ws.get(Handover, handover.id)


# ---------------------------------------------------------------- sections and score


def test_the_sections_are_listed_with_a_tick_each_and_the_first_open_one_shown(stepper,
                                                                                template):
    titles = [stepper.section_list.item(n).text() for n in range(stepper.section_list.count())]
    assert titles == [f"{n}. {s.title}" for n, s in enumerate(template.sections, start=1)]
    assert stepper.current_section() == "glance"  # nothing is done yet
    assert not stepper.is_ticked("glance")
    assert stepper.header.title.text() == "Northwind Logistics"
    assert "Dana Whitfield" in stepper.header.facts.text()
    assert stepper.header.status.text() == "Draft"
    # the read-back is the incoming manager's part, not counted among Dana's sections
    assert stepper.sections_done.text() == "SECTIONS  \u00b7  0 OF 8 DONE"
    page = stepper.page("glance")
    assert "Is the account stable" in page.findChild(QLabel, "guidance").text()
    assert page.next_button.text() == "Next: 2. The story so far \u2192"
    page.next_button.click()
    assert stepper.current_section() == "story"


def test_filling_a_section_ticks_it_and_the_score_rises(qtbot, stepper, session, handover):
    before = stepper.score_value
    type_into(stepper, "glance", "summary",
              "Critical: the CFO is angry about the March outage credit and has asked for a "
              "tender. Revenue is 1.25m now against a potential of 3m, so the account is "
              "worth saving. The renewal is in 40 days and depends on the outage report.")
    type_into(stepper, "glance", "renewal_outlook", "Deliver the outage report; the CFO "
                                                    "decides.")
    qtbot.waitUntil(lambda: stepper.score_value > before, timeout=3000)
    assert stored(session, handover).answers["glance"]["renewal_outlook"].startswith("Deliver")
    # the account's health has no reason yet: the section still waits for that
    assert not stepper.is_ticked("glance")
    account = session.ws.get(Account, handover.account_id)
    session.update(dataclasses.replace(account, health_reason="An angry CFO after the "
                                                              "March outage."))
    qtbot.waitUntil(lambda: stepper.is_ticked("glance"), timeout=3000)
    assert stepper.sections_done.text() == "SECTIONS  \u00b7  1 OF 8 DONE"


def test_a_list_field_takes_one_item_a_line(qtbot, stepper, session, handover):
    type_into(stepper, "first_90_days", "actions",
              "- Call the CFO \u2014 Marcus \u2014 2026-11-10\n"
              "- Visit Rotterdam \u2014 Marcus \u2014 2026-11-20\n"
              "- Renewal plan \u2014 Helen \u2014 2026-12-01")
    stepper.field_input("first_90_days", "joint_meeting").widget.setText("QBR on 5 Nov")
    stepper.field_input("first_90_days", "joint_meeting").widget.textEdited.emit("QBR on 5 Nov")
    qtbot.waitUntil(lambda: stepper.is_ticked("first_90_days"), timeout=3000)
    assert stored(session, handover).answers["first_90_days"]["joint_meeting"] == "QBR on 5 Nov"


# ---------------------------------------------------------------- saving and undo


def test_each_pause_in_typing_is_one_undoable_edit(qtbot, opened, session, handover,
                                                   template, people):
    view = open_stepper(qtbot, opened, session, handover, template, people["dana"], autosave_ms=200)
    source = view.field_input("story", "what_went_wrong").widget.source
    stack = session.undo_stack
    start = stack.count()
    source.setFocus()
    qtbot.keyClicks(source, "Outage")
    qtbot.keyClicks(source, " in March")
    assert stack.count() == start  # still typing: nothing saved yet
    qtbot.waitUntil(lambda: stack.count() == start + 1, timeout=3000)
    assert stored(session, handover).answers["story"]["what_went_wrong"] == "Outage in March"
    assert stack.undoText() == "Edit \u201cWhat went wrong\u201d"

    qtbot.keyClicks(source, ".")
    qtbot.waitUntil(lambda: stack.count() == start + 2, timeout=3000)
    stack.undo()
    qtbot.waitUntil(lambda: source.toPlainText() == "Outage in March", timeout=3000)
    assert stored(session, handover).answers["story"]["what_went_wrong"] == "Outage in March"
    stack.undo()
    qtbot.waitUntil(lambda: source.toPlainText() == "", timeout=3000)
    stack.redo()
    qtbot.waitUntil(lambda: source.toPlainText() == "Outage in March", timeout=3000)


def test_undo_after_submitting_takes_back_the_submit_then_the_text(qtbot, monkeypatch,
                                                                  stepper, session,
                                                                  handover):
    type_into(stepper, "story", "what_went_right", "The Rotterdam rollout.")
    qtbot.waitUntil(lambda: "story" in stored(session, handover).answers, timeout=3000)
    monkeypatch.setattr(dialogs, "confirm", lambda *args, **kwargs: True)
    assert stepper.submit()
    assert session.undo_stack.undoText().startswith("Submit the handover of ")

    session.undo_stack.undo()
    after = stored(session, handover)
    assert after.status is Status.DRAFT  # back with the writer
    assert after.answers["story"]["what_went_right"] == "The Rotterdam rollout."
    session.undo_stack.undo()
    assert stored(session, handover).answers["story"]["what_went_right"] == ""

    session.undo_stack.redo()
    session.undo_stack.redo()
    again = stored(session, handover)
    assert again.status is Status.SUBMITTED
    assert again.answers["story"]["what_went_right"] == "The Rotterdam rollout."


def test_the_markdown_fields_show_a_preview(qtbot, stepper):
    editor = stepper.field_input("story", "how_we_got_here").widget
    editor.source.setPlainText("**Bold** start\n\n- one\n- two")
    editor.flush_preview()
    assert "Bold start" in editor.preview.toPlainText()
    assert "**" not in editor.preview.toPlainText()


# ---------------------------------------------------------------- the records, in place


def test_the_people_section_edits_the_accounts_own_contacts(qtbot, monkeypatch, stepper,
                                                            session, north):
    page = stepper.select_section("people")
    from handover.ui.accounts.people import PeopleTab

    tab = page.records_tab
    assert isinstance(tab, PeopleTab) and tab.account_id == north
    assert tab.model.rowCount() == 1  # Ines Baptista, from the account
    assert any(f.check_id == "people.contacts.min" for f in stepper.check.findings)

    def add_contact(parent, session, account_id, contact=None):
        return session.add(Contact(account_id=account_id, name="Pieter de Vries",
                                   title="CFO", influence=5, attitude=-1,
                                   last_contact=TODAY))
    monkeypatch.setattr(dialogs, "edit_contact", add_contact)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert tab.model.rowCount() == 2
    qtbot.waitUntil(lambda: not any(f.check_id == "people.contacts.min"
                                    for f in stepper.check.findings), timeout=3000)
    assert session.ws.all(Contact, "account_id = ?", [north])[-1].name == "Pieter de Vries"


def test_each_records_section_embeds_the_accounts_own_tab(stepper):
    from handover.ui.accounts.concessions import ConcessionsTab
    from handover.ui.accounts.history import HistoryTab
    from handover.ui.accounts.promises import PromisesTab

    assert isinstance(stepper.page("history").records_tab, HistoryTab)
    assert isinstance(stepper.page("concessions").records_tab, ConcessionsTab)
    assert isinstance(stepper.page("promises").records_tab, PromisesTab)
    assert isinstance(stepper.page("glance").records_tab, AccountCard)
    assert stepper.page("story").records_tab is None


# ---------------------------------------------------------------- the findings


def test_the_findings_model_is_a_well_behaved_model(qtmodeltester, stepper, template):
    model = FindingsModel(template)
    model.set_findings(list(stepper.check.findings))
    qtmodeltester.check(model)


def test_a_click_on_a_finding_goes_to_its_field(qtbot, stepper):
    model = stepper.findings
    row = next(r for r in range(model.rowCount())
               if (f := model.index(r, 0).data(FINDING_ROLE)) is not None
               and f.check_id == "risks.contingencies.min")
    index = model.index(row, 0)
    rect = stepper.findings_list.visualRect(index)
    stepper.findings_list.scrollTo(index)
    rect = stepper.findings_list.visualRect(index)
    qtbot.mouseClick(stepper.findings_list.viewport(), Qt.MouseButton.LeftButton,
                     pos=rect.center())
    assert stepper.current_section() == "risks"
    editor = stepper.field_input("risks", "contingencies")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.widget, timeout=2000)
    # headings are not findings: a click on one goes nowhere
    assert model.index(0, 0).data(FINDING_ROLE) is None
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsSelectable


def test_a_finding_about_a_record_selects_it_in_the_embedded_tab(qtbot, opened, session,
                                                                  handover, template, people,
                                                                  north):
    concession = session.ws.add(Concession(account_id=north, date="2026-06-01",
                                           baseline_value=100_000, conceded_value=8_000))
    view = open_stepper(qtbot, opened, session, handover, template, people["dana"])
    finding = next(f for f in view.check.findings if f.check_id == "concession.returned")
    assert view.go_to(finding)
    assert view.current_section() == "concessions"
    assert view.page("concessions").records_tab.selected_id() == concession.id

    health = next(f for f in view.check.findings if f.check_id == "account.health_reason")
    assert view.go_to(health)
    assert view.current_section() == "glance"
    card = view.page("glance").records_tab
    qtbot.waitUntil(lambda: card.edit_button.hasFocus(), timeout=2000)


# ---------------------------------------------------------------- submitting


def test_submit_says_what_is_missing_and_the_writer_decides(qtbot, monkeypatch, stepper,
                                                            session, handover):
    asked = []
    answers = iter([False, True])
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, message, action="OK":
                        asked.append((title, message, action)) or next(answers))
    with qtbot.assertNotEmitted(stepper.moved):
        qtbot.mouseClick(stepper.submit_button, Qt.MouseButton.LeftButton)
    title, message, action = asked[0]
    assert title.startswith("Submit with") and "still missing" in title
    assert "Account at a glance: Sum up the account" in message
    assert "Marcus Lindqvist will see what is missing" in message
    assert action == "Submit anyway"
    assert stored(session, handover).status is Status.DRAFT

    with qtbot.waitSignal(stepper.moved):
        qtbot.mouseClick(stepper.submit_button, Qt.MouseButton.LeftButton)
    assert stored(session, handover).status is Status.SUBMITTED


def test_a_returned_handover_says_why_and_its_questions_are_answered_here(
        qtbot, opened, session, handover, template, people):
    ws = session.ws
    ops.move(ws, handover.id, Status.SUBMITTED, people["dana"])
    ops.move(ws, handover.id, Status.IN_REVIEW, people["marcus"])
    question = ops.ask_question(ws, handover.id, "risks", "And if the CFO leaves?",
                                people["marcus"])
    ops.move(ws, handover.id, Status.RETURNED, people["helen"],
             reason="The risks section is empty.")
    view = open_stepper(qtbot, opened, session, handover, template, people["dana"])
    assert "Returned for more work" in view.banner.text()
    assert "The risks section is empty." in view.banner.text()
    assert view.header.status.text() == "Returned"
    page = view.select_section("risks")
    [card] = page.cards
    assert "Waiting for Dana's answer" in card.answer_label.text()
    assert not view.is_ticked("risks")
    card.answer_edit.setPlainText("Then the COO decides; she likes us.")
    qtbot.mouseClick(card.send_button, Qt.MouseButton.LeftButton)
    assert ws.get(type(question), question.id).answer == "Then the COO decides; she likes us."
    assert "Then the COO decides" in view.page("risks").cards[0].answer_label.text()


def test_read_only_the_stepper_lets_you_read_and_not_write(qtbot, workspace_file, session,
                                                           handover, template, people):
    ws = Workspace.open(workspace_file, read_only=True)  # as a second program would
    try:
        view = StepperView(Session(ws), handover.id, template, people["dana"],
                           today=lambda: TODAY)
        qtbot.addWidget(view)
        assert not view.submit_button.isEnabled()
        assert view.field_input("glance", "summary").widget.source.isReadOnly()
        assert "read-only" in view.banner.text()
        assert not view.page("people").records_tab.add_button.isEnabled()
        assert not view.page("glance").records_tab.edit_button.isEnabled()
        view.close_view()
    finally:
        ws.close()


def test_the_read_back_is_the_incoming_managers_part(stepper):
    page = stepper.select_section("read_back")
    editor = page.field_input("read_back")
    assert editor.read_only
    assert "incoming manager" in editor.text() or editor.text() == ""
    assert stepper.section_list.item(8).toolTip().startswith("The incoming manager")
