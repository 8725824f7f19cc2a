"""Names are shown as the characters they are. An account, a contact and the people of a
handover are named with markup that, read as rich text, would show an image from the
user's disk (a file:// probe; on Windows a file://host/share path opens a network
connection): every label and tooltip of the accounts list, the account's tabs, the
handovers list, the stepper, the review and its questions shows the markup literally, and
no label or tooltip hands it to Qt's rich-text engine as a tag."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QAbstractListModel, Qt
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QTabWidget,
    QWidget,
)

from handover.domain.handover import Handover, Status
from handover.domain.records import (
    Account,
    Commitment,
    Concession,
    Contact,
    Direction,
    Interaction,
    Person,
    Question,
    Role,
)
from handover.domain.template import load_default_template
from handover.settings import CurrentUser
from handover.store import Workspace
from handover.ui.handovers.review import ReviewView
from handover.ui.handovers.stepper import StepperView
from handover.ui.shell import dialogs
from handover.ui.shell.main_window import MainWindow
from handover.ui.shell.session import Session
from handover.ui.shell.text import tooltip

TODAY = dt.date(2026, 11, 2)
might_be_rich = QtGui.Qt.mightBeRichText


def markup(secret, who: str) -> str:
    return f'{who} <img src="{secret.as_uri()}"><b>!</b>'


@pytest.fixture
def hostile(tmp_path):
    """A workspace whose account, contact and people are all named with markup."""
    secret = tmp_path / "secret.png"
    picture = QImage(4, 4, QImage.Format.Format_RGB32)
    picture.fill(0xFF0000)
    picture.save(str(secret))
    names = {who: markup(secret, who) for who in
             ("Account", "Contact", "Outgoing", "Incoming", "Lead", "Asker")}
    path = tmp_path / '<img src="x">.sqlite'  # the file's name is shown too
    with Workspace.create(path, user=names["Outgoing"]) as ws:
        outgoing = ws.add(Person(name=names["Outgoing"]))
        incoming = ws.add(Person(name=names["Incoming"]))
        lead = ws.add(Person(name=names["Lead"], role=Role.TEAM_LEAD))
        account = ws.add(Account(name=names["Account"], segment="key", owner_id=outgoing.id,
                                 health="at_risk", health_reason=names["Account"],
                                 industry=names["Account"], region=names["Account"]))
        contact = ws.add(Contact(account_id=account.id, name=names["Contact"],
                                 title=names["Contact"], influence=5, attitude=-2,
                                 advice=names["Contact"]))
        ws.add(Interaction(account_id=account.id, date=dt.date(2026, 9, 1),
                           kind="complaint", contact_ids=(contact.id,),
                           summary=names["Contact"]))
        ws.add(Commitment(account_id=account.id, direction=Direction.OURS,
                          description=names["Contact"], made_by=names["Outgoing"],
                          made_to=names["Contact"], due_date=dt.date(2026, 12, 1)))
        concession = ws.add(Concession(
            account_id=account.id, date=dt.date(2026, 5, 1), kind="payment_terms",
            baseline_value=10_000, conceded_value=1_000, negotiation=names["Account"],
            terms_before=names["Contact"], terms_after=names["Contact"],
            granted_by_id=outgoing.id, likely_next_ask=names["Contact"]))
        ws.add(Commitment(account_id=account.id, direction=Direction.THEIRS,
                          description=names["Contact"], concession_id=concession.id))
        handover = ws.add(Handover(account_id=account.id, outgoing_id=outgoing.id,
                                   incoming_id=incoming.id, reviewer_id=lead.id,
                                   status=Status.IN_REVIEW, created_on=TODAY,
                                   due_date=TODAY + dt.timedelta(days=14),
                                   return_reason=names["Lead"],
                                   answers={"glance": {"summary": names["Account"]}}))
        ws.add(Question(handover_id=handover.id, section="people", text=names["Asker"],
                        asked_by_id=incoming.id, answer=names["Outgoing"],
                        answered_by_id=outgoing.id))
        ids = dict(account=account.id, handover=handover.id, outgoing=outgoing.id,
                   incoming=incoming.id)
    return path, names, ids


def rich_in(widget: QWidget) -> list[str]:
    """Every label and tooltip under `widget` that Qt would read as rich text with a tag
    from a name in it."""
    found = []
    for child in [widget, *widget.findChildren(QWidget)]:
        tip = child.toolTip()
        if "<img" in tip and might_be_rich(tip):
            found.append(f"tooltip of {type(child).__name__}: {tip[:80]}")
        if isinstance(child, QLabel) and "<img" in child.text() \
                and child.textFormat() != Qt.TextFormat.PlainText \
                and (child.textFormat() == Qt.TextFormat.RichText
                     or might_be_rich(child.text())):
            found.append(f"{child.objectName() or 'a label'} in "
                         f"{type(child.parent()).__name__}: {child.text()[:80]}")
        if isinstance(child, QAbstractItemView) and not isinstance(child, QHeaderView) \
                and child.model() is not None:
            model = child.model()
            columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()
            for row in range(min(model.rowCount(), 50)):
                for column in range(columns):
                    tip = model.index(row, column).data(Qt.ItemDataRole.ToolTipRole)
                    if isinstance(tip, str) and "<img" in tip and might_be_rich(tip):
                        found.append(f"tooltip of a cell of {child.objectName()}: {tip[:80]}")
    return found


def shown_literally(widget: QWidget, name: str) -> bool:
    """Whether some label under `widget` shows `name` as its characters."""
    for label in widget.findChildren(QLabel):
        text = label.text()
        if label.textFormat() == Qt.TextFormat.PlainText and name in text:
            return True
        if label.textFormat() != Qt.TextFormat.PlainText and might_be_rich(text):
            document_text = _as_rich_text(text)
            if name in document_text:
                return True
    return False


def _as_rich_text(html: str) -> str:
    document = QTextDocument()
    document.setHtml(html)
    return document.toPlainText()


def visit_tabs(widget: QWidget) -> None:
    """Show every tab, and in each table pick the first row, so that the panes that show
    the chosen record (a person's card, an interaction's reader) are filled."""
    for tabs in widget.findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            QApplication.processEvents()
            for view in tabs.currentWidget().findChildren(QAbstractItemView):
                model = view.model()
                if model is not None and not isinstance(view, QHeaderView) \
                        and model.rowCount():
                    view.setCurrentIndex(model.index(0, 0))
                    QApplication.processEvents()


def test_the_accounts_list_and_the_account_s_tabs_show_names_as_typed(
        qtbot, settings, hostile, monkeypatch):
    path, names, ids = hostile
    monkeypatch.setattr(dialogs, "ask_current_user", lambda *a, **k: None)
    window = MainWindow(settings, CurrentUser(names["Outgoing"], Role.ACCOUNT_MANAGER))
    qtbot.addWidget(window)
    window.show()
    assert window.open_path(path)
    assert rich_in(window) == []
    assert window.open_account(ids["account"])
    visit_tabs(window)
    assert rich_in(window) == []
    assert shown_literally(window, names["Account"])
    assert shown_literally(window, names["Contact"])
    for page in (1, 2, 3):
        window.show_page(page)
        QApplication.processEvents()
        assert rich_in(window) == []


@pytest.fixture
def session(hostile):
    path, names, _ = hostile
    ws = Workspace.open(path, user=names["Outgoing"])
    yield Session(ws)
    ws.close()


def test_the_stepper_shows_every_name_as_typed(qtbot, hostile, session):
    _, names, ids = hostile
    view = StepperView(session, ids["handover"], load_default_template(), ids["outgoing"],
                       today=lambda: TODAY, autosave_ms=30)
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    try:
        visit_tabs(view)
        assert rich_in(view) == []
        assert shown_literally(view, names["Account"])
    finally:
        view.close_view()


def test_the_review_and_its_questions_show_every_name_as_typed(qtbot, hostile, session):
    _, names, ids = hostile
    view = ReviewView(session, ids["handover"], load_default_template(), ids["incoming"],
                      today=lambda: TODAY)
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    try:
        visit_tabs(view)
        assert rich_in(view) == []
        assert shown_literally(view, names["Account"])
        assert shown_literally(view, names["Asker"])
    finally:
        view.close_view()


@pytest.mark.parametrize("text", ['<img src="file:///home/ana/secret.png">', "Calder & Finch",
                                  "Weber &lt;CFO&gt;", "first line\n<b>second</b>", "plain"])
def test_a_tooltip_shows_the_characters_it_was_given(qapp, text):
    shown = tooltip(text)
    seen = _as_rich_text(shown) if might_be_rich(shown) else shown
    assert seen == text


def test_the_leaver_dialog_and_the_current_user_dialog_show_names_as_typed(
        qtbot, hostile, session):
    from handover.store.queries import team_members
    from handover.ui.editors.leaver_plan import LeaverDialog
    from handover.ui.shell.dialogs import CurrentUserDialog

    _, names, ids = hostile
    leaver = LeaverDialog(session.ws, today=TODAY, leaver_id=ids["outgoing"])
    qtbot.addWidget(leaver)
    leaver.show()
    for row in range(leaver.incoming_list.count()):
        leaver.incoming_list.item(row).setCheckState(Qt.CheckState.Checked)
    leaver.split_evenly()
    assert rich_in(leaver) == []
    assert shown_literally(leaver, names["Incoming"])  # the loads, one line a manager

    who = CurrentUserDialog(None, names["Outgoing"], Role.ACCOUNT_MANAGER,
                            team_members(session.ws))
    qtbot.addWidget(who)
    who.show()
    assert rich_in(who) == []
    shown = [who.people_list.item(r).text() for r in range(who.people_list.count())]
    assert any(text.startswith(names["Lead"]) for text in shown)
