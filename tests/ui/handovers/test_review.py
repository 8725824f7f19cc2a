"""The incoming manager's review, and what the others see of it: the brief as it will print,
a question thread on each section, the read-back, and only the moves the status machine
gives the current user; after acceptance, the sign-off and any change since."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import Qt

from handover.domain.handover import Handover, Status
from handover.domain.records import Concession
from handover.store import Workspace
from handover.store import handover_ops as ops
from handover.ui.handovers import review
from handover.ui.handovers.review import ReviewView
from handover.ui.handovers.review_parts import BriefView, QuestionsPanel
from handover.ui.shell import dialogs
from handover.ui.shell.session import Session

TODAY = dt.date(2026, 11, 2)  # the day the test workspace's story is told on


@pytest.fixture(autouse=True)
def no_unexpected_questions(monkeypatch):
    def unexpected(name):
        def ask(*args, **kwargs):
            raise AssertionError(f"the program asked {name}, which this test did not expect")
        return ask
    for name in ("confirm", "ask_return_reason"):
        monkeypatch.setattr(dialogs, name, unexpected(name))


@pytest.fixture
def session(workspace_file):
    ws = Workspace.open(workspace_file, user="Marcus Lindqvist")
    ws.person_named("Dana Whitfield")
    yield Session(ws)
    ws.close()


@pytest.fixture
def submitted(session, people, north) -> Handover:
    """Dana's handover of Northwind Logistics to Marcus, Helen reviewing, just submitted."""
    ws = session.ws
    handover = ops.create_handover(ws, Handover(
        account_id=north, outgoing_id=people["dana"], incoming_id=people["marcus"],
        reviewer_id=people["helen"], due_date=TODAY + dt.timedelta(days=14),
        created_on=TODAY))
    ops.save_answers(ws, handover.id, {
        "glance": {"summary": "Critical: the CFO is angry about the **March outage** credit.",
                   "renewal_outlook": "Deliver the outage report first."},
        "people": {"meet_first": "- Ines Baptista (CFO): still angry"},
    })
    return ops.move(ws, handover.id, Status.SUBMITTED, people["dana"])


@pytest.fixture
def in_review(session, submitted, people) -> Handover:
    return ops.move(session.ws, submitted.id, Status.IN_REVIEW, people["marcus"])


@pytest.fixture
def opened(session):
    """The reviews a test opens, let go before the workspace closes."""
    views: list[ReviewView] = []
    yield views
    for view in views:
        view.close_view()


@pytest.fixture
def open_review(qtbot, opened, session, template):
    def open_as(handover: Handover, person_id: int | None, **options) -> ReviewView:
        view = ReviewView(session, handover.id, template, person_id, today=lambda: TODAY,
                          **options)
        qtbot.addWidget(view)
        opened.append(view)
        view.resize(1400, 900)
        view.show()
        return view
    return open_as


def shown(view: ReviewView) -> dict[str, bool]:
    return {"start": view.start_button.isVisible(), "return": view.return_button.isVisible(),
            "accept": view.accept_button.isVisible()}


# ---------------------------------------------------------------- the brief


def test_the_brief_is_shown_as_it_will_print(open_review, submitted, people, template):
    view = open_review(submitted, people["marcus"])
    text = view.brief.plain_text()
    assert "Northwind Logistics" in text
    for number, section in enumerate(template.sections, start=1):
        assert f"{number}. {section.title}" in text
    assert "Critical: the CFO is angry about the March outage credit." in text
    assert "**" not in text  # the Markdown is rendered
    assert view.brief.problem == "" and view.problem_banner.text() == ""
    assert view.brief.document().__class__.__name__ == "BriefDocument"  # the export's own


def test_choosing_a_section_scrolls_the_brief_to_it(qtbot, open_review, submitted, people):
    view = open_review(submitted, people["marcus"])
    bar = view.brief.verticalScrollBar()
    assert bar.value() == 0
    view.questions.choose("first_90_days")
    assert bar.value() > 0
    assert view.brief.textCursor().block().text().startswith("8. First 90 days")


def test_when_the_brief_cannot_be_built_the_answers_are_shown_and_it_says_why(
        monkeypatch, open_review, submitted, people):
    def broken(*args, **kwargs):
        raise ValueError("no fonts")
    monkeypatch.setattr(review, "printed_brief", broken)
    view = open_review(submitted, people["marcus"])
    assert "could not be built (no fonts)" in view.problem_banner.text()
    text = view.brief.plain_text()
    assert "1. Account at a glance" in text and "March outage" in text


def test_the_brief_view_loads_nothing_by_itself(qtbot):
    view = BriefView()
    qtbot.addWidget(view)
    assert view.loadResource(2, "file:///etc/passwd").isEmpty()


# ---------------------------------------------------------------- who may do what


def test_each_move_is_offered_only_to_the_party_the_status_machine_names(
        open_review, session, submitted, people):
    as_incoming = open_review(submitted, people["marcus"])
    assert shown(as_incoming) == {"start": True, "return": False, "accept": False}
    as_reviewer = open_review(submitted, people["helen"])
    assert shown(as_reviewer) == {"start": True, "return": False, "accept": False}
    as_outgoing = open_review(submitted, people["dana"])
    assert shown(as_outgoing) == {"start": False, "return": False, "accept": False}
    assert not as_outgoing.can_ask and not as_outgoing.questions.ask_box.isVisible()

    in_review = ops.move(session.ws, submitted.id, Status.IN_REVIEW, people["helen"])
    assert shown(open_review(in_review, people["marcus"])) == {
        "start": False, "return": True, "accept": True}
    assert shown(open_review(in_review, people["helen"])) == {
        "start": False, "return": True, "accept": False}
    assert shown(open_review(in_review, people["dana"])) == {
        "start": False, "return": False, "accept": False}
    assert shown(open_review(in_review, None)) == {
        "start": False, "return": False, "accept": False}


def test_a_refused_move_is_said_in_the_banner(open_review, submitted, people):
    view = open_review(submitted, people["helen"])
    assert not view.move_to(Status.ACCEPTED)
    assert "cannot go from submitted to accepted" in view.problem_banner.text()
    assert ops.handover_row(view.session.ws, submitted.id).status is Status.SUBMITTED


def test_starting_the_review(qtbot, open_review, session, submitted, people):
    view = open_review(submitted, people["marcus"])
    assert "has handed this account to you" in view.banner.text()
    with qtbot.waitSignal(view.moved):
        qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    assert session.ws.get(Handover, submitted.id).status is Status.IN_REVIEW


def test_read_only_the_review_offers_nothing(open_review, in_review, people):
    view = open_review(in_review, people["marcus"],
                       read_only_notice="Read-only: Sam has this workspace open")
    assert shown(view) == {"start": False, "return": False, "accept": False}
    assert not view.can_ask and not view.can_write_read_back
    assert "Read-only: Sam" in view.banner.text()


# ---------------------------------------------------------------- questions


def test_questions_are_asked_answered_and_resolved_on_their_section(
        qtbot, open_review, session, in_review, people):
    marcus = open_review(in_review, people["marcus"])
    marcus.questions.choose("people")
    marcus.questions.ask_edit.setPlainText("Who really signs the renewal?")
    qtbot.mouseClick(marcus.questions.ask_button, Qt.MouseButton.LeftButton)
    assert marcus.questions.ask_edit.toPlainText() == ""
    [card] = marcus.questions.cards
    assert "Waiting for Dana's answer" in card.answer_label.text()
    assert card.answer_edit is None and card.resolve_button is None
    people_item = marcus.questions.sections.item(2)
    assert people_item.text() == "3. People   (1 waiting)"
    assert marcus.side.tabText(0) == "Questions  1 waiting"

    dana = open_review(in_review, people["dana"])
    assert "1 question from Marcus Lindqvist waits for your answer" in dana.banner.text()
    assert dana.questions.current_section() == "people"  # taken to it
    [card] = dana.questions.cards
    assert not card.send_button.isEnabled()
    card.answer_edit.setPlainText("The CFO; procurement only advises.")
    qtbot.mouseClick(card.send_button, Qt.MouseButton.LeftButton)
    [question] = ops.questions_of(session.ws, in_review.id)
    assert question.answer == "The CFO; procurement only advises."
    assert question.answered_by_id == people["dana"]

    marcus.refresh()
    [card] = marcus.questions.cards
    assert "The CFO; procurement only advises." in card.answer_label.text()
    qtbot.mouseClick(card.resolve_button, Qt.MouseButton.LeftButton)
    assert ops.questions_of(session.ws, in_review.id)[0].resolved
    [card] = marcus.questions.cards
    assert "resolved" in card.answer_label.text() and card.resolve_button.text() == "Reopen"


def test_the_questions_panel_lists_every_section(qtbot, template):
    panel = QuestionsPanel(template)
    qtbot.addWidget(panel)
    assert panel.sections.count() == len(template.sections)
    assert panel.choose("risks") and panel.current_section() == "risks"
    assert not panel.choose("nowhere")


# ---------------------------------------------------------------- read-back and accept


def test_accept_needs_the_read_back_and_every_answer(qtbot, open_review, session, in_review,
                                                     people):
    question = ops.ask_question(session.ws, in_review.id, "risks", "And if the CFO leaves?",
                                people["marcus"])
    view = open_review(in_review, people["marcus"])
    assert not view.accept_button.isEnabled()
    assert view.accept_hint.text() == ("To accept: write the read-back; 1 question to be "
                                       "answered by Dana.")
    view.side.setCurrentIndex(1)
    view.read_back_editor.source.setPlainText("An angry CFO; I deliver the report first.")
    assert view.accept_hint.text() == "To accept: 1 question to be answered by Dana."
    assert not view.accept_button.isEnabled()

    ops.answer_question(session.ws, question.id, "The COO decides then.", people["dana"])
    view.refresh()
    assert view.accept_button.isEnabled() and not view.accept_hint.isVisible()
    with qtbot.waitSignal(view.moved):
        qtbot.mouseClick(view.accept_button, Qt.MouseButton.LeftButton)
    accepted = session.ws.get(Handover, in_review.id)
    assert accepted.status is Status.ACCEPTED
    assert accepted.read_back == "An angry CFO; I deliver the report first."
    assert accepted.signed_off_by_id == people["marcus"] and accepted.signoff_hash


def test_the_read_back_is_saved_as_typed_and_undone_like_any_edit(qtbot, open_review, session,
                                                                  in_review, people):
    view = open_review(in_review, people["marcus"])
    view.read_back_editor.source.setPlainText("First thoughts.")
    view.autosave.flush()
    assert session.ws.get(Handover, in_review.id).read_back == "First thoughts."
    assert session.undo_stack.undoText() == "Edit \u201cRead-back\u201d"
    session.undo_stack.undo()
    qtbot.waitUntil(lambda: view.read_back_editor.text() == "", timeout=3000)
    assert session.ws.get(Handover, in_review.id).read_back == ""


def test_only_the_incoming_manager_writes_the_read_back(open_review, in_review, people):
    helen = open_review(in_review, people["helen"])
    assert helen.read_back_stack.currentWidget() is helen.read_back_view
    assert "Not written yet" in helen.read_back_view.toPlainText()
    marcus = open_review(in_review, people["marcus"])
    assert marcus.read_back_stack.currentWidget() is marcus.read_back_editor


def test_return_asks_for_the_reason_and_sends_it_back(qtbot, monkeypatch, open_review,
                                                      session, in_review, people):
    view = open_review(in_review, people["helen"])
    monkeypatch.setattr(dialogs, "ask_return_reason", lambda parent, name="": None)
    assert not view.return_handover()  # cancelled
    assert session.ws.get(Handover, in_review.id).status is Status.IN_REVIEW

    monkeypatch.setattr(dialogs, "ask_return_reason",
                        lambda parent, name="": "The risks section is empty.")
    with qtbot.waitSignal(view.moved):
        qtbot.mouseClick(view.return_button, Qt.MouseButton.LeftButton)
    returned = session.ws.get(Handover, in_review.id)
    assert returned.status is Status.RETURNED
    assert returned.return_reason == "The risks section is empty."
    view.refresh()
    assert "Returned to Dana Whitfield" in view.banner.text()
    assert "The risks section is empty." in view.banner.text()


# ---------------------------------------------------------------- after sign-off


def test_the_sign_off_shows_and_a_later_change_says_what_changed(qtbot, open_review, session,
                                                                 in_review, people, north):
    concession = session.ws.add(Concession(account_id=north, date="2026-06-01",
                                           baseline_value=100_000, conceded_value=8_000,
                                           nothing_in_return=True))
    ops.save_answers(session.ws, in_review.id, {}, read_back="Understood.")
    signed = ops.move(session.ws, in_review.id, Status.ACCEPTED, people["marcus"],
                      at=dt.datetime(2026, 11, 20, 15, 0, tzinfo=dt.UTC))
    view = open_review(signed, people["helen"])
    banner = view.signoff_banner.text()
    assert "Accepted by Marcus Lindqvist" in banner and signed.signoff_hash[:12] in banner
    assert "unchanged since sign-off" in banner
    assert shown(view) == {"start": False, "return": False, "accept": False}
    assert not view.can_ask

    session.update(dataclasses.replace(concession, conceded_value=12_000))
    qtbot.waitUntil(lambda: view.signoff.changed, timeout=3000)
    banner = view.signoff_banner.text()
    assert "<b>changed since sign-off:</b>" in banner
    assert "conceded value 8,000.00 \u2192 12,000.00" in banner
    assert view.header.status.text() == "Accepted \u00b7 changed since sign-off"
    qtbot.waitUntil(lambda: "Changed since sign-off" in view.brief.plain_text(), timeout=4000)


def test_a_message_hidden_by_the_user_stays_hidden_until_it_changes(open_review, session,
                                                                    in_review, people):
    view = open_review(in_review, people["dana"])
    assert "reviewing your handover" in view.banner.text()
    view.banner.close_button.click()
    view.refresh()
    assert view.banner.isHidden()
    ops.ask_question(session.ws, in_review.id, "people", "Who signs?", people["marcus"])
    view.refresh()
    assert "1 question from Marcus Lindqvist waits for your answer" in view.banner.text()
