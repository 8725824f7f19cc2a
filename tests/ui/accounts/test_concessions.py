"""The Concessions tab as an account manager uses it: logging what was conceded, with what
was got in return (or "nothing"), each refused value named beside its field, every save
one step of undo, and the discount of each concession judged by the policy of its day."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCharts import QLineSeries, QScatterSeries
from PySide6.QtCore import QLocale, QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from handover.domain.records import (
    Account,
    ApprovalLimit,
    Commitment,
    CommitmentStatus,
    Concession,
    ConcessionKind,
    DiscountPolicy,
    Person,
    Role,
    Segment,
    Tactic,
    Trigger,
)
from handover.store import Workspace
from handover.ui.accounts.concessions import ConcessionsTab
from handover.ui.accounts.concessions_model import ConcessionsModel
from handover.ui.analytics.analytics_page import AnalyticsPage, table_text
from handover.ui.editors.concession_editor import ConcessionDialog
from handover.ui.shell import dialogs, tasks
from handover.ui.shell.session import Session
from handover.ui.shell.words import DANGER

TODAY = dt.date(2026, 11, 2)  # the day the test workspace's story is told on
M = ConcessionsModel


@pytest.fixture
def session(workspace_file):
    ws = Workspace.open(workspace_file, user="Dana Whitfield")
    yield Session(ws)
    ws.close()


@pytest.fixture
def north(session) -> int:
    return session.ws.all(Account, "name = ?", ["Northwind Logistics"])[0].id


@pytest.fixture
def tab(qtbot, session, north) -> ConcessionsTab:
    tab = ConcessionsTab(session, north, today=lambda: TODAY)
    qtbot.addWidget(tab)
    tab.resize(1100, 700)
    tab.show()
    return tab


@pytest.fixture
def no_questions(monkeypatch):
    def unexpected(*args, **kwargs):
        raise AssertionError("the program asked a question this test did not expect")
    monkeypatch.setattr(dialogs, "confirm", unexpected)


def shown(tab: ConcessionsTab, row: int, column: int) -> str:
    """What the table shows in a cell, in the order on screen."""
    model = tab.table.model()
    return model.data(model.index(row, column)) or ""


def tick(qtbot, box) -> None:
    """Click a check box on its box, where a user clicks it."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def save_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Save)


def fill_in(qtbot, dialog: ConcessionDialog, *, baseline="200,000", conceded="30000",
            day: dt.date | None = None) -> None:
    """What an account manager types for a price discount after a churn threat."""
    if day is not None:
        dialog.date.setDate(day)
    dialog.kind.setCurrentIndex(dialog.kind.findData(ConcessionKind.PRICE_DISCOUNT))
    dialog.baseline_value.clear()
    qtbot.keyClicks(dialog.baseline_value, baseline)
    dialog.conceded_value.clear()
    qtbot.keyClicks(dialog.conceded_value, conceded)
    dialog.trigger.setCurrentIndex(dialog.trigger.findData(Trigger.CHURN_THREAT))
    tick(qtbot, dialog.tactic_boxes[Tactic.FLINCH])
    tick(qtbot, dialog.tactic_boxes[Tactic.ULTIMATUM])


def answer_with(qtbot, monkeypatch, story):
    """The concession dialog answered by `story(dialog)`, as a user would fill it in."""
    opened = []

    def edit(parent, session, account_id, concession=None):
        dialog = ConcessionDialog(session, account_id, concession, parent, today=TODAY)
        qtbot.addWidget(dialog)
        dialog.show()
        opened.append(dialog)
        story(dialog)
        return dialog.saved if dialog.result() == dialog.DialogCode.Accepted else None

    monkeypatch.setattr(dialogs, "edit_concession", edit)
    return opened


# ---------------------------------------------------------------- the story


def test_a_concession_for_nothing_is_logged_undone_redone_and_counted_as_give_without_get(
        qtbot, monkeypatch, session, north, tab, no_questions):
    monkeypatch.setattr(tasks, "RUN_INLINE", False)  # the Analytics page's worker for real
    assert tab.model.rowCount() == 0
    assert "No concessions" in tab.summary.text()

    def story(dialog):
        fill_in(qtbot, dialog)
        assert dialog.discount_label.text() == "= 15.0% discount"  # shown as typed
        tick(qtbot, dialog.nothing_in_return)
        assert not dialog.add_received_button.isEnabled()
        assert "give without get" in dialog.return_hint.text()
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    answer_with(qtbot, monkeypatch, story)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)

    assert tab.model.rowCount() == 1
    assert shown(tab, 0, M.RETURN) == "Nothing"
    index = tab.table.model().index(0, M.RETURN)
    assert index.data(Qt.ItemDataRole.ForegroundRole).name() == DANGER
    assert shown(tab, 0, M.DISCOUNT) == "15.0%"
    assert shown(tab, 0, M.VALUE) == "\u20ac30,000"
    assert shown(tab, 0, M.WHY) == "Churn threat"
    assert shown(tab, 0, M.TACTICS) == "Flinch, Ultimatum or walk-away threat"
    assert "1</b> for nothing" in tab.summary.text()
    saved = session.ws.all(Concession)
    assert [c.nothing_in_return for c in saved] == [True]
    assert tab.selected_id() == saved[0].id

    assert session.undo_stack.count() == 1
    session.undo_stack.undo()
    assert tab.model.rowCount() == 0
    assert session.ws.all(Concession) == []
    session.undo_stack.redo()
    assert tab.model.rowCount() == 1
    assert shown(tab, 0, M.RETURN) == "Nothing"
    assert [c.id for c in session.ws.all(Concession)] == [saved[0].id]  # the same record

    # The team lead's page counts it as given for nothing. The figures are computed on a
    # worker thread; the wait is set up before the work starts.
    page = AnalyticsPage(today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    with qtbot.waitSignal(page.calculated, timeout=15000):
        page.set_session(session)
        page.show()
    assert "GIVEN FOR NOTHING 100% 1 of 1 concessions" in page.card_text("nothing")
    assert table_text(page.nothing_table, 0, 0) == "Northwind Logistics"
    assert table_text(page.nothing_table, 0, 1) == "1 of 1"


def test_what_was_received_in_return_is_saved_with_the_concession_as_one_undo_step(
        qtbot, monkeypatch, session, north, tab):
    def story(dialog):
        fill_in(qtbot, dialog)
        qtbot.mouseClick(dialog.add_received_button, Qt.MouseButton.LeftButton)
        row = dialog.received_rows[0]
        qtbot.keyClicks(row.description, "Volume +10% in 2027")
        qtbot.keyClicks(row.value, "50,000")
        row.status.setCurrentIndex(row.status.findData(CommitmentStatus.KEPT))
        # Promises and "nothing in return" exclude each other.
        assert not dialog.nothing_in_return.isEnabled()
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    answer_with(qtbot, monkeypatch, story)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)

    assert shown(tab, 0, M.RETURN) == "Volume +10% in 2027 (kept)"
    concession = session.ws.all(Concession)[0]
    received = session.ws.all(Commitment, "concession_id = ?", [concession.id])
    assert [(c.direction.value, c.description, c.value, c.status, c.date) for c in received] \
        == [("theirs", "Volume +10% in 2027", 50_000, CommitmentStatus.KEPT, TODAY)]

    assert session.undo_stack.count() == 1  # the concession and its promise together
    session.undo_stack.undo()
    assert session.ws.all(Concession) == []
    assert session.ws.all(Commitment, "description = ?", ["Volume +10% in 2027"]) == []
    session.undo_stack.redo()
    assert session.ws.all(Commitment, "concession_id = ?", [concession.id]) == received
    assert shown(tab, 0, M.RETURN) == "Volume +10% in 2027 (kept)"
    assert session.ws.verify_audit_chain() == []


def test_a_concession_nobody_answered_shows_as_not_said(qtbot, monkeypatch, session, tab):
    def story(dialog):
        fill_in(qtbot, dialog)
        assert "a blank counts as not said" in dialog.return_hint.text()
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    answer_with(qtbot, monkeypatch, story)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert shown(tab, 0, M.RETURN) == "\u2014 not said"
    assert "1</b> not said" in tab.summary.text()


def test_editing_changes_the_promise_and_undo_puts_everything_back(
        qtbot, monkeypatch, session, north, tab):
    concession = session.ws.add(Concession(account_id=north, date=dt.date(2026, 3, 1),
                                           baseline_value=100_000, conceded_value=8_000))
    promise = session.ws.add(Commitment(account_id=north, direction="theirs",
                                        description="Case study", concession_id=concession.id,
                                        date=dt.date(2026, 3, 1)))
    tab.refresh()
    assert shown(tab, 0, M.RETURN) == "Case study (open)"

    def story(dialog):
        assert dialog.received_rows[0].description.text() == "Case study"
        dialog.conceded_value.setText("9,000")
        row = dialog.received_rows[0]
        row.status.setCurrentIndex(row.status.findData(CommitmentStatus.BROKEN))
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    answer_with(qtbot, monkeypatch, story)
    tab.select_concession(concession.id)
    qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)
    assert shown(tab, 0, M.RETURN) == "Case study (broken)"
    assert shown(tab, 0, M.DISCOUNT) == "9.0%"

    session.undo_stack.undo()
    assert session.ws.get(Concession, concession.id) == concession
    assert session.ws.get(Commitment, promise.id) == promise
    assert shown(tab, 0, M.RETURN) == "Case study (open)"


def test_removing_a_promise_in_the_dialog_lets_nothing_in_return_be_ticked(
        qtbot, monkeypatch, session, north, tab):
    concession = session.ws.add(Concession(account_id=north, date=dt.date(2026, 3, 1),
                                           baseline_value=100_000, conceded_value=8_000))
    session.ws.add(Commitment(account_id=north, direction="theirs", description="Case study",
                              concession_id=concession.id))
    tab.refresh()

    def story(dialog):
        qtbot.mouseClick(dialog.received_rows[0].remove_button, Qt.MouseButton.LeftButton)
        assert dialog.nothing_in_return.isEnabled()
        tick(qtbot, dialog.nothing_in_return)
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    answer_with(qtbot, monkeypatch, story)
    tab.select_concession(concession.id)
    tab.edit_selected()
    assert shown(tab, 0, M.RETURN) == "Nothing"
    assert session.ws.all(Commitment, "description = ?", ["Case study"]) == []
    session.undo_stack.undo()
    assert shown(tab, 0, M.RETURN) == "Case study (open)"


def test_removing_a_concession_keeps_its_promises_and_undo_links_them_again(
        qtbot, monkeypatch, session, north, tab):
    concession = session.ws.add(Concession(account_id=north, date=dt.date(2026, 3, 1),
                                           baseline_value=100_000, conceded_value=8_000))
    promise = session.ws.add(Commitment(account_id=north, direction="theirs",
                                        description="Case study",
                                        concession_id=concession.id))
    tab.refresh()
    asked = []
    monkeypatch.setattr(dialogs, "confirm",
                        lambda parent, title, message, action="OK": asked.append(message)
                        or True)
    tab.select_concession(concession.id)
    qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    assert "stay in Promises" in asked[0]
    assert tab.model.rowCount() == 0
    assert session.ws.get(Commitment, promise.id).concession_id is None
    session.undo_stack.undo()
    assert session.ws.get(Commitment, promise.id).concession_id == concession.id
    assert shown(tab, 0, M.RETURN) == "Case study (open)"


def test_the_delete_key_asks_first_a_no_keeps_the_concession_and_a_yes_removes_it(
        qtbot, monkeypatch, session, north, tab):
    concession = session.ws.add(Concession(account_id=north, date=dt.date(2026, 3, 1),
                                           baseline_value=100_000, conceded_value=8_000))
    tab.refresh()
    asked = []
    monkeypatch.setattr(dialogs, "confirm",
                        lambda parent, title, message, action: asked.append(title) or False)
    assert tab.select_concession(concession.id)
    tab.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tab, timeout=2000)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert asked == ["Remove this concession?"]
    assert tab.selected_id() == concession.id

    monkeypatch.setattr(dialogs, "confirm", lambda *args: True)
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert tab.model.row_of(concession.id) is None
    assert session.undo_stack.undoText() == "Remove concession price discount of 1 Mar 2026"
    assert not tab.edit_button.isEnabled() and not tab.remove_button.isEnabled()


# ---------------------------------------------------------------- refused values


def test_a_conceded_value_above_the_baseline_is_refused_beside_its_field(
        qtbot, monkeypatch, session, tab):
    def story(dialog):
        fill_in(qtbot, dialog, baseline="1000", conceded="1500")
        assert dialog.discount_label.text() == "= 150.0% discount"
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    opened = answer_with(qtbot, monkeypatch, story)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)

    dialog = opened[0]
    assert dialog.isVisible()  # still open, to put right
    message = dialog.errors.message("conceded_value")
    assert message.startswith("Conceded value 1,500.00 is a 150.0% discount")
    assert "at most 100% of the baseline 1,000.00" in message
    label = dialog.errors.label("conceded_value")
    assert label.isVisible()
    # Beside the field: right under it, not at the foot of the dialog.
    field_bottom = dialog.conceded_value.mapTo(dialog, dialog.conceded_value.rect()
                                               .bottomLeft()).y()
    assert 0 <= label.mapTo(dialog, label.rect().topLeft()).y() - field_bottom < 20
    assert [dialog.errors.message(f) for f in dialog.FIELDS if f != "conceded_value"] \
        == [""] * (len(dialog.FIELDS) - 1)
    assert session.ws.all(Concession) == [] and session.undo_stack.count() == 0


def test_a_french_user_types_amounts_the_french_way_and_a_two_way_one_is_asked_about(
        qtbot, monkeypatch, session, north, tab):
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    seen = {}

    def story(dialog):
        fill_in(qtbot, dialog, baseline="12 500,75", conceded="0")
        dialog.conceded_value.clear()
        dialog.conceded_value.insert("1\u202f250")  # pasted, with the narrow no-break space
        qtbot.mouseClick(dialog.add_received_button, Qt.MouseButton.LeftButton)
        row = dialog.received_rows[0]
        qtbot.keyClicks(row.description, "Volume +10% in 2027")
        qtbot.keyClicks(row.value, "2.500")  # 2500 the German way, 2.5 the English way
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
        seen["refused"] = (row.errors.message("value"), dialog.isVisible())
        row.value.clear()
        qtbot.keyClicks(row.value, "2 500")
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    try:
        answer_with(qtbot, monkeypatch, story)
        qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    finally:
        QLocale.setDefault(before)

    assert seen["refused"] == ("Worth could be 2500 or 2,500: \u201c2.500\u201d is written "
                               "both ways; type 2500 or 2,500", True)
    [concession] = session.ws.all(Concession)
    assert (concession.baseline_value, concession.conceded_value) == (12500.75, 1250)
    [received] = session.ws.all(Commitment, "concession_id = ?", [concession.id])
    assert received.value == 2500


def test_every_refused_field_is_named_at_once(qtbot, session, north):
    dialog = ConcessionDialog(session, north, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.baseline_value.setText("a lot")
    dialog.expiry.set_value(TODAY - dt.timedelta(days=1))
    helen = next(p for p in session.ws.all(Person) if p.name == "Helen Achterberg")
    dialog.granted_by.setCurrentIndex(dialog.granted_by.findData(helen.id))
    dialog.approved_by.setCurrentIndex(dialog.approved_by.findData(helen.id))
    row = dialog.add_received_row()
    row.due.set_value(TODAY - dt.timedelta(days=3))
    assert not dialog.save()
    assert "'a lot' is not an amount of money" in dialog.errors.message("baseline_value")
    assert "is before the date it was given" in dialog.errors.message("expiry")
    assert "someone other than who granted it" in dialog.errors.message("approved_by_id")
    assert row.errors.message("description") == "Promise must not be empty"
    assert "before the date it was made" in row.errors.message("due_date")


def test_the_dialog_judges_the_discount_by_the_policy_and_the_granters_limit(
        qtbot, session, north):
    session.ws.add(DiscountPolicy(segment=Segment.KEY, effective_from=dt.date(2025, 1, 1),
                                  target_pct=10, max_pct=18))
    session.ws.add(ApprovalLimit(role=Role.ACCOUNT_MANAGER, effective_from=dt.date(2025, 1, 1),
                                 limit_pct=12))
    marcus = next(p for p in session.ws.all(Person) if p.name == "Marcus Lindqvist")
    dialog = ConcessionDialog(session, north, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.granted_by.setCurrentIndex(dialog.granted_by.findData(marcus.id))
    dialog.baseline_value.setText("100000")
    dialog.conceded_value.setText("21000")
    text = dialog.policy_label.text()
    assert "Key policy on 2 Nov 2026: target 10%, maximum 18%" in text
    assert "21.0% is 3.0 points above the maximum" in text and "\u20ac3,000 a year over" in text
    assert "may grant up to 12% without approval" in text and "needs approval" in text


# ---------------------------------------------------------------- the table and the chart


def test_each_concession_is_judged_by_the_policy_of_its_day_with_the_chart_beside(
        qtbot, session, north, tab):
    ws = session.ws
    ws.add(DiscountPolicy(segment=Segment.KEY, effective_from=dt.date(2025, 1, 1),
                          target_pct=10, max_pct=20))
    ws.add(DiscountPolicy(segment=Segment.KEY, effective_from=dt.date(2026, 6, 1),
                          target_pct=8, max_pct=12))
    before = ws.add(Concession(account_id=north, date=dt.date(2026, 3, 1),
                               baseline_value=100_000, conceded_value=15_000))
    after = ws.add(Concession(account_id=north, date=dt.date(2026, 9, 1),
                              baseline_value=100_000, conceded_value=15_000))
    ws.add(Concession(account_id=north, date=dt.date(2026, 9, 2), kind="payment_terms",
                      terms_before="net 30", terms_after="net 60"))
    tab.refresh()
    rows = {tab.model.row_at(r).id: r for r in range(tab.model.rowCount())}
    assert tab.model.data(tab.model.index(rows[before.id], M.POLICY)) == "Above target"
    assert tab.model.data(tab.model.index(rows[after.id], M.POLICY)) == "\u25b2 3.0 pts"
    tip = tab.model.data(tab.model.index(rows[after.id], M.POLICY),
                         Qt.ItemDataRole.ToolTipRole)
    assert "\u20ac3,000 a year above the maximum" in tip
    assert shown(tab, 0, M.DISCOUNT) == "net 30 \u2192 net 60"
    assert "1</b> above policy" in tab.summary.text()

    chart = tab.chart
    series = {s.objectName(): s for s in chart.series()}
    assert isinstance(series["above"], QScatterSeries) and series["above"].count() == 1
    assert series["within"].count() == 1
    assert isinstance(series["maximum"], QLineSeries)
    assert sorted({round(series["maximum"].at(i).y()) for i in
                   range(series["maximum"].count())}) == [12, 20]
    assert tab.chart_view.isVisible()


def test_a_search_hit_selects_its_concession(qtbot, session, north):
    ids = [session.ws.add(Concession(account_id=north, date=dt.date(2026, 1, n),
                                     baseline_value=10, conceded_value=1)).id
           for n in range(1, 4)]
    tab = ConcessionsTab(session, north, today=lambda: TODAY)
    qtbot.addWidget(tab)  # not shown yet: it reads its records when asked for one
    assert tab.select_concession(ids[1])
    assert tab.selected_id() == ids[1]
    assert not tab.select_concession(99_999)


def test_an_account_without_price_concessions_says_so_instead_of_an_empty_chart(tab):
    assert not tab.chart_view.isVisible()
    assert tab.chart_empty.isVisible()


def test_the_model_keeps_qts_contract(qtmodeltester, session, north, tab):
    ws = session.ws
    concession = ws.add(Concession(account_id=north, date=dt.date(2026, 3, 1),
                                   baseline_value=100_000, conceded_value=8_000,
                                   tactics=frozenset({Tactic.NIBBLE}), sets_precedent=True,
                                   known_to_others=True, asked_by="us_unprompted"))
    ws.add(Concession(account_id=north, date=dt.date(2026, 4, 1), nothing_in_return=True))
    ws.add(Commitment(account_id=north, direction="theirs", description="Volume",
                      concession_id=concession.id))
    tab.refresh()
    qtmodeltester.check(tab.model)
    qtmodeltester.check(tab.table.model())


def test_a_read_only_workspace_offers_no_edits(qtbot, workspace_file, north):
    ws = Workspace.open(workspace_file, read_only=True)
    try:
        tab = ConcessionsTab(Session(ws), north, today=lambda: TODAY)
        qtbot.addWidget(tab)
        tab.show()
        assert not tab.add_button.isEnabled()
    finally:
        ws.close()
