"""The discount policy as a team lead keeps it: a change is a new dated row and the past
stays, so each concession is judged by the policy of its own day, on the account and in
the portfolio's outliers alike."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt

from handover.domain.records import (
    Account,
    ApprovalLimit,
    Concession,
    DiscountPolicy,
    Role,
    Segment,
)
from handover.store import Workspace
from handover.ui.accounts.concessions import ConcessionsTab
from handover.ui.accounts.concessions_model import ConcessionsModel
from handover.ui.analytics.analytics_page import AnalyticsPage, table_text
from handover.ui.editors.policy import (
    LimitModel,
    PolicyDialog,
    PolicyModel,
    rule_state,
)
from handover.ui.shell import dialogs
from handover.ui.shell.session import Session

TODAY = dt.date(2026, 11, 2)


@pytest.fixture
def session(workspace_file):
    ws = Workspace.open(workspace_file, user="Helen Achterberg")
    yield Session(ws)
    ws.close()


@pytest.fixture
def north(session) -> int:
    return session.ws.all(Account, "name = ?", ["Northwind Logistics"])[0].id


@pytest.fixture
def dialog(qtbot, session) -> PolicyDialog:
    dialog = PolicyDialog(session, today=lambda: TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def add_policy(qtbot, dialog: PolicyDialog, segment: Segment, day: dt.date, target: str,
               maximum: str) -> None:
    """What a team lead types into the form under the policy table, then "Add"."""
    dialog.segment_box.setCurrentIndex(dialog.segment_box.findData(segment))
    dialog.policy_from.setDate(QDate(day.year, day.month, day.day))
    for edit, text in ((dialog.target_edit, target), (dialog.max_edit, maximum)):
        edit.clear()
        qtbot.keyClicks(edit, text)
    qtbot.mouseClick(dialog.policy_form.add_button, Qt.MouseButton.LeftButton)


def rows_of(dialog: PolicyDialog) -> list[tuple[str, ...]]:
    model = dialog.policy_model
    return [tuple(model.data(model.index(r, c)) for c in range(model.columnCount()))
            for r in range(model.rowCount())]


# ---------------------------------------------------------------- the story


def test_a_stricter_policy_judges_only_the_concessions_after_it(
        qtbot, session, north, dialog):
    add_policy(qtbot, dialog, Segment.KEY, dt.date(2025, 1, 1), "10", "20")
    add_policy(qtbot, dialog, Segment.KEY, dt.date(2026, 6, 1), "8", "12%")
    # Both rows stay: the history of the policy, the newest first.
    assert rows_of(dialog) == [("Key", "1 Jun 2026", "8%", "12%", "In force"),
                               ("Key", "1 Jan 2025", "10%", "20%", "Until 31 May 2026")]

    ws = session.ws
    before = ws.add(Concession(account_id=north, date=dt.date(2026, 3, 1),
                               baseline_value=100_000, conceded_value=15_000))
    after = ws.add(Concession(account_id=north, date=dt.date(2026, 9, 1),
                              baseline_value=100_000, conceded_value=15_000))

    tab = ConcessionsTab(session, north, today=lambda: TODAY)
    qtbot.addWidget(tab)
    tab.show()
    policy = {tab.model.row_at(r).id: tab.model.data(tab.model.index(r, ConcessionsModel.POLICY))
              for r in range(tab.model.rowCount())}
    assert policy == {before.id: "Above target", after.id: "\u25b2 3.0 pts"}

    page = AnalyticsPage(today=lambda: TODAY)
    qtbot.addWidget(page)
    page.set_session(session)
    page.refresh()  # computed at once in tests (conftest)
    assert "ABOVE POLICY 1 " in page.card_text("above_policy")
    assert "\u20ac3k a year over the maximum" in page.card_text("above_policy")
    outliers = page.outlier_table
    assert outliers.model().rowCount() == 1
    assert [table_text(outliers, 0, c) for c in range(4)] == [
        "Northwind Logistics", "15.0%", "max 12%", "\u20ac3k"]
    assert page.outlier_model.row_at(0).concession_id == after.id

    # Loosening it again (a row from a later day) clears the flag, on screen at once.
    add_policy(qtbot, dialog, Segment.KEY, dt.date(2026, 8, 1), "8", "16")
    assert tab.model.data(tab.model.index(0, ConcessionsModel.POLICY)) == "Above target"


def test_each_row_is_one_undoable_step(qtbot, session, dialog):
    add_policy(qtbot, dialog, Segment.SMALL, dt.date(2026, 1, 1), "5", "10")
    assert session.undo_stack.undoText() == "Add Small discount policy from 1 Jan 2026"
    assert len(rows_of(dialog)) == 1
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert rows_of(dialog) == []
    session.undo_stack.redo()
    assert rows_of(dialog)[0][:2] == ("Small", "1 Jan 2026")


def test_refused_values_are_named_beside_their_fields(qtbot, session, dialog):
    add_policy(qtbot, dialog, Segment.KEY, dt.date(2026, 1, 1), "25", "20")
    assert dialog.policy_form.errors.message("target_pct") == \
        "Target % 25% is above the maximum 20%"
    assert dialog.policy_form.errors.label("target_pct").isVisible()
    add_policy(qtbot, dialog, Segment.KEY, dt.date(2026, 1, 1), "8", "120")
    assert "120% is outside 0% to 100%" in dialog.policy_form.errors.message("max_pct")
    add_policy(qtbot, dialog, Segment.KEY, dt.date(2026, 1, 1), "8", "a lot")
    assert "'a lot' is not a percentage" in dialog.policy_form.errors.message("max_pct")
    assert session.ws.all(DiscountPolicy) == []

    add_policy(qtbot, dialog, Segment.KEY, dt.date(2026, 1, 1), "8", "15")
    add_policy(qtbot, dialog, Segment.KEY, dt.date(2026, 1, 1), "9", "16")
    assert "already has a Key row" in dialog.policy_form.errors.message("effective_from")
    assert dialog.policy_form.errors.message("max_pct") == ""
    assert len(session.ws.all(DiscountPolicy)) == 1


def test_approval_limits_are_dated_too(qtbot, session, dialog):
    dialog.role_box.setCurrentIndex(dialog.role_box.findData(Role.ACCOUNT_MANAGER))
    dialog.limit_from.setDate(QDate(2025, 1, 1))
    dialog.limit_edit.setText("10")
    qtbot.mouseClick(dialog.limit_form.add_button, Qt.MouseButton.LeftButton)
    dialog.limit_from.setDate(QDate(2027, 1, 1))
    dialog.limit_edit.setText("8")
    qtbot.mouseClick(dialog.limit_form.add_button, Qt.MouseButton.LeftButton)
    assert [dialog.state_of("limit", r) for r in range(2)] == ["From 1 Jan 2027", "In force"]
    assert dialog.limit_model.data(dialog.limit_model.index(1, LimitModel.LIMIT)) == "up to 10%"


def test_the_form_starts_from_the_policy_in_force(qtbot, session):
    session.ws.add(DiscountPolicy(segment=Segment.MID_SIZE, effective_from=dt.date(2025, 1, 1),
                                  target_pct=8, max_pct=15))
    dialog = PolicyDialog(session, today=lambda: TODAY)
    qtbot.addWidget(dialog)
    dialog.segment_box.setCurrentIndex(dialog.segment_box.findData(Segment.MID_SIZE))
    assert (dialog.target_edit.text(), dialog.max_edit.text()) == ("8", "15")


def test_a_row_entered_by_mistake_can_be_removed_and_brought_back(
        qtbot, monkeypatch, session, dialog):
    add_policy(qtbot, dialog, Segment.KEY, dt.date(2026, 1, 1), "8", "15")
    monkeypatch.setattr(dialogs, "confirm", lambda *args, **kwargs: True)
    dialog.policy_table.selectRow(0)
    qtbot.mouseClick(dialog.remove_policy_button, Qt.MouseButton.LeftButton)
    assert session.ws.all(DiscountPolicy) == []
    session.undo_stack.undo()
    assert len(rows_of(dialog)) == 1


def test_the_models_keep_qts_contract(qtmodeltester, session, dialog):
    ws = session.ws
    for day, maximum in ((dt.date(2024, 1, 1), 20), (dt.date(2026, 1, 1), 15)):
        ws.add(DiscountPolicy(segment=Segment.KEY, effective_from=day, target_pct=8,
                              max_pct=maximum))
        ws.add(ApprovalLimit(role=Role.TEAM_LEAD, effective_from=day, limit_pct=maximum))
    dialog.refresh()
    qtmodeltester.check(dialog.policy_model)
    qtmodeltester.check(dialog.limit_model)
    qtmodeltester.check(PolicyModel())


# ---------------------------------------------------------------- how a row reads


def test_a_dated_row_says_whether_it_is_in_force():
    old = DiscountPolicy(segment="key", effective_from=dt.date(2025, 1, 1), target_pct=10,
                         max_pct=20, id=1)
    new = DiscountPolicy(segment="key", effective_from=dt.date(2026, 6, 1), target_pct=8,
                         max_pct=12, id=2)
    small = DiscountPolicy(segment="small", effective_from=dt.date(2020, 1, 1), target_pct=5,
                           max_pct=10, id=3)
    rules = [new, old, small]
    assert rule_state(old, rules, "segment", TODAY)[0] == "Until 31 May 2026"
    assert rule_state(new, rules, "segment", TODAY)[0] == "In force"
    assert rule_state(new, rules, "segment", dt.date(2026, 1, 1))[0] == "From 1 Jun 2026"
