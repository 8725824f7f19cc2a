"""Dana pastes a whole e-mail archive into an answer: the stepper says it was not saved and
why, naming the field, and what was saved before stays; the incoming manager's read-back
in the review is held to the same limit."""

from __future__ import annotations

import datetime as dt

import pytest

from handover.domain.handover import Handover, Status
from handover.domain.records import TEXT_LIMIT, Account, Person
from handover.domain.template import load_default_template
from handover.store import Workspace
from handover.store import handover_ops as ops
from handover.ui.handovers.review import ReviewView
from handover.ui.handovers.stepper import StepperView
from handover.ui.shell.session import Session

TODAY = dt.date(2026, 11, 2)


@pytest.fixture
def session(workspace_file):
    ws = Workspace.open(workspace_file, user="Dana Whitfield")
    ws.person_named("Dana Whitfield")
    yield Session(ws)
    ws.close()


@pytest.fixture
def handover(session) -> Handover:
    people = {p.name.split()[0].lower(): p.id for p in session.ws.all(Person)}
    north = session.ws.all(Account, "name = ?", ["Northwind Logistics"])[0].id
    return ops.create_handover(session.ws, Handover(
        account_id=north, outgoing_id=people["dana"], incoming_id=people["marcus"],
        reviewer_id=people["helen"], created_on=TODAY))


def test_an_answer_past_the_limit_is_refused_in_the_banner_and_the_old_one_kept(
        qtbot, session, handover):
    view = StepperView(session, handover.id, load_default_template(), handover.outgoing_id,
                       today=lambda: TODAY, autosave_ms=30)
    qtbot.addWidget(view)
    view.show()
    try:
        editor = view.field_input("glance", "summary").widget
        editor.source.setPlainText("Two outages in Q4.")
        qtbot.waitUntil(lambda: session.ws.get(Handover, handover.id).answers.get(
            "glance", {}).get("summary") == "Two outages in Q4.", timeout=3000)
        editor.source.setPlainText("x" * (TEXT_LIMIT + 1))
        qtbot.waitUntil(lambda: view.problem_banner.text() != "", timeout=3000)
        message = view.problem_banner.text()
        assert "not saved" in message and "20,001 characters long; at most 20,000" in message
        assert "The account in a few sentences" in message
        assert session.ws.get(Handover, handover.id).answers["glance"]["summary"] == \
            "Two outages in Q4."
    finally:
        view.close_view()


def test_a_read_back_past_the_limit_is_refused_in_the_review(qtbot, session, handover):
    ops.move(session.ws, handover.id, Status.SUBMITTED, handover.outgoing_id)
    ops.move(session.ws, handover.id, Status.IN_REVIEW, handover.incoming_id)
    view = ReviewView(session, handover.id, load_default_template(), handover.incoming_id,
                      today=lambda: TODAY)
    qtbot.addWidget(view)
    view.show()
    try:
        view.read_back_editor.source.setPlainText("r" * (TEXT_LIMIT + 1))
        view.autosave.flush()
        assert "at most 20,000" in view.problem_banner.text()
        assert session.ws.get(Handover, handover.id).read_back == ""
    finally:
        view.close_view()
