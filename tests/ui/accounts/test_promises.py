"""The Promises tab as an account manager uses it: what each side owes, the overdue ones
standing out, settling a promise with one click, and what a promise of theirs was given
in return for."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from handover.domain.records import (
    Commitment,
    CommitmentStatus,
    Concession,
    Direction,
)
from handover.store.account_queries import PromiseRow
from handover.ui.accounts.promises import PromisesFilter, PromisesModel, PromisesTab
from handover.ui.editors.promise import CommitmentDialog
from handover.ui.shell import dialogs
from handover.ui.shell.words import DANGER, NOTE_ROLE

TODAY = dt.date(2026, 11, 2)  # the day the test workspace's story is told on


pytestmark = pytest.mark.usefixtures("no_unexpected_questions")


@pytest.fixture
def tab(qtbot, session, north) -> PromisesTab:
    tab = PromisesTab(session, north, lambda: TODAY)
    qtbot.addWidget(tab)
    tab.resize(1200, 700)
    tab.show()
    return tab


def lines(tab: PromisesTab) -> list[dict[str, str]]:
    model = tab.table.model()
    return [{PromisesModel.HEADERS[c]: model.index(r, c).data()
             for c in range(model.columnCount())} for r in range(model.rowCount())]


def line_of(tab: PromisesTab, description: str) -> int:
    for number, line in enumerate(lines(tab)):
        if line["Promise"].startswith(description):
            return number
    raise KeyError(description)


def promise(north: int, description: str, direction="ours", **fields) -> Commitment:
    return Commitment(account_id=north, direction=direction, description=description, **fields)


# ---------------------------------------------------------------- the model

ROWS = [
    PromiseRow(1, Direction.OURS, "Send the root-cause report", "Dana Whitfield",
               "Ines Baptista", dt.date(2026, 9, 1), dt.date(2026, 10, 1),
               CommitmentStatus.OPEN),
    PromiseRow(2, Direction.THEIRS, "Order 500 more units", "Ines Baptista", "Dana Whitfield",
               dt.date(2026, 3, 3), dt.date(2026, 12, 31), CommitmentStatus.OPEN, 7,
               dt.date(2026, 3, 3)),
    PromiseRow(3, Direction.THEIRS, "Reference call", "", "", None, None,
               CommitmentStatus.KEPT),
]


def test_the_promises_model_keeps_qts_contract(qapp, qtmodeltester):
    model = PromisesModel()
    model.set_promises(ROWS, TODAY)
    qtmodeltester.check(model)


def test_an_empty_promises_model_keeps_qts_contract(qapp, qtmodeltester):
    qtmodeltester.check(PromisesModel())


def test_the_filtered_promises_keep_qts_contract(qapp, qtmodeltester):
    model = PromisesModel()
    model.set_promises(ROWS, TODAY)
    proxy = PromisesFilter()
    proxy.setSourceModel(model)
    proxy.set_direction(Direction.THEIRS)
    proxy.set_show_settled(False)
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == 1


def test_open_promises_come_first_the_most_overdue_on_top():
    model = PromisesModel()
    model.set_promises(list(reversed(ROWS)), TODAY)
    assert [model.row_at(n).id for n in range(3)] == [1, 2, 3]


# ---------------------------------------------------------------- stories


def test_an_overdue_promise_stands_out_and_marking_it_kept_updates_table_and_store(
        tab, session, north):
    report = session.add(promise(north, "Send the root-cause report", made_by="Dana Whitfield",
                                 made_to="Ines Baptista", date=dt.date(2026, 9, 1),
                                 due_date=dt.date(2026, 10, 23)))
    session.add(promise(north, "Monthly review", due_date=dt.date(2026, 12, 2)))

    row = line_of(tab, "Send the root-cause report")
    assert row == 0  # the overdue one on top
    due = tab.table.model().index(row, PromisesModel.DUE)
    assert due.data() == "23 Oct 2026 \u00b7 overdue 10 days"
    assert due.data(NOTE_ROLE) == "overdue 10 days"
    assert due.data(Qt.ItemDataRole.ForegroundRole).name() == DANGER
    later = tab.table.model().index(line_of(tab, "Monthly review"), PromisesModel.DUE)
    assert later.data() == "2 Dec 2026 \u00b7 in 30 days"
    assert later.data(Qt.ItemDataRole.ForegroundRole) is None
    assert "1 overdue" in tab.summary.text()

    assert tab.select(report.id)
    assert tab.kept_button.isEnabled()
    tab.kept_button.click()

    row = line_of(tab, "Send the root-cause report")
    line = lines(tab)[row]
    assert line["Status"] == "Kept"
    assert line["Due"] == "23 Oct 2026"  # no longer overdue
    assert tab.table.model().index(row, PromisesModel.DUE).data(
        Qt.ItemDataRole.ForegroundRole) is None
    assert "overdue" not in tab.summary.text()
    assert session.ws.get(Commitment, report.id).status is CommitmentStatus.KEPT
    assert not tab.kept_button.isEnabled()  # it is kept already
    assert tab.selected_id() == report.id  # still the chosen one

    session.undo_stack.undo()
    assert lines(tab)[line_of(tab, "Send the root-cause report")]["Status"] == "Open"
    assert session.ws.get(Commitment, report.id).status is CommitmentStatus.OPEN


def test_marking_a_promise_broken_or_withdrawn(tab, session, north):
    saved = session.add(promise(north, "Volume commitment", "theirs"))
    tab.select(saved.id)
    tab.broken_button.click()
    assert session.ws.get(Commitment, saved.id).status is CommitmentStatus.BROKEN
    tab.withdrawn_button.click()
    assert session.ws.get(Commitment, saved.id).status is CommitmentStatus.WITHDRAWN
    assert lines(tab)[line_of(tab, "Volume commitment")]["Status"] == "Withdrawn"


def test_a_promise_of_theirs_says_which_concession_it_answers(tab, session, north):
    concession = session.add(Concession(account_id=north, date=dt.date(2026, 3, 3),
                                        baseline_value=100_000, conceded_value=8_000))
    session.add(promise(north, "Order 500 more units", "theirs",
                        concession_id=concession.id, due_date=dt.date(2026, 12, 31)))
    line = lines(tab)[line_of(tab, "Order 500 more units")]
    assert line["Promise"] == ("Order 500 more units \u2014 in return for concession of "
                               "3 Mar 2026")
    assert line["Direction"] == "Theirs"


def test_ours_and_theirs_can_be_shown_apart(tab, session, north):
    # the test workspace has two open promises of ours, one open and one kept of theirs
    assert len(lines(tab)) == 4
    tab.direction_filter.button(Direction.THEIRS).click()
    assert [line["Direction"] for line in lines(tab)] == ["Theirs", "Theirs"]
    tab.show_settled.setChecked(False)
    assert [line["Status"] for line in lines(tab)] == ["Open"]
    tab.direction_filter.button(Direction.OURS).click()
    assert [line["Direction"] for line in lines(tab)] == ["Ours", "Ours"]
    assert tab.summary.text().startswith("<b>Ours</b>: 2 open")


def test_show_record_widens_the_filter_to_show_the_promise(tab, session, north):
    kept = session.ws.all(Commitment, "account_id = ? AND status = 'kept'", [north])[0]
    tab.show_settled.setChecked(False)
    assert tab.show_record(kept.id)
    assert tab.show_settled.isChecked()
    assert tab.selected_id() == kept.id


def test_a_user_records_a_promise_of_theirs_in_the_dialog(tab, session, north, monkeypatch):
    concession = session.add(Concession(account_id=north, date=dt.date(2026, 5, 4),
                                        baseline_value=50_000, conceded_value=5_000))

    def edit_commitment(parent, session, account_id, commitment=None):
        dialog = CommitmentDialog(session, account_id, commitment, parent, today=TODAY)
        dialog.theirs.setChecked(True)
        dialog.description.setPlainText("Sign the three-year extension")
        dialog.made_by.setCurrentText("Ines Baptista")
        dialog.made_to.setCurrentText("Dana Whitfield")
        dialog.due.set_value(dt.date(2027, 1, 31))
        dialog.value.setText("120,000")
        dialog.concession.setCurrentIndex(dialog.concession.findData(concession.id))
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        return dialog.saved if dialog.result() == QDialog.DialogCode.Accepted else None

    monkeypatch.setattr(dialogs, "edit_commitment", edit_commitment)
    tab.add_button.click()

    saved = session.ws.all(Commitment, "description = ?", ["Sign the three-year extension"])[0]
    assert (saved.direction, saved.made_by, saved.made_to, saved.date, saved.due_date,
            saved.value, saved.concession_id) == (
        Direction.THEIRS, "Ines Baptista", "Dana Whitfield", TODAY, dt.date(2027, 1, 31),
        120_000.0, concession.id)
    assert tab.selected_id() == saved.id
    assert "in return for concession of 4 May 2026" in lines(tab)[line_of(
        tab, "Sign the three-year extension")]["Promise"]


def test_a_due_date_before_the_promise_was_made_is_named_beside_the_due_date(qtbot, session,
                                                                             north):
    dialog = CommitmentDialog(session, north, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.due.set_value(dt.date(2026, 10, 1))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible()
    assert dialog.errors.message("description") == "Promise must not be empty"
    assert dialog.errors.message("due_date") == \
        "Due date 2026-10-01 is before the date it was made 2026-11-02"
    dialog.value.setText("lots")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.errors.message("value") == "Value 'lots' is not an amount of money"
    assert dialog.saved is None


def test_a_swiss_user_writes_the_worth_of_a_promise_the_swiss_way(qtbot, session, north):
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Switzerland))
    try:
        dialog = CommitmentDialog(session, north, today=TODAY)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.keyClicks(dialog.description, "Referral to their sister company")
        qtbot.keyClicks(dialog.value, "1,250")  # 1250 to a German, 1.25 to a Swiss
        save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and dialog.saved is None
        assert dialog.errors.message("value") == (
            "Value could be 1250 or 1.250: \u201c1,250\u201d is written both ways; "
            "type 1250 or 1.250")
        dialog.value.clear()
        qtbot.keyClicks(dialog.value, "1'234.50")
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        assert dialog.saved is not None and dialog.saved.value == 1234.5
        assert session.ws.get(Commitment, dialog.saved.id).value == 1234.5
    finally:
        QLocale.setDefault(before)


def test_a_promise_of_ours_cannot_be_linked_to_a_concession(qtbot, session, north):
    dialog = CommitmentDialog(session, north, today=TODAY)
    qtbot.addWidget(dialog)
    assert not dialog.concession.isEnabled()
    dialog.theirs.setChecked(True)
    assert dialog.concession.isEnabled()
