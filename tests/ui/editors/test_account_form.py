"""The account form as a user fills it in: each refused value is explained beside its
field, Save refuses until every field is right, and what is saved is one undoable edit."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QLocale, Qt

from handover.domain.records import Account, Health, Segment
from handover.store import Workspace, WorkspaceBusyError
from handover.ui.accounts.accounts_model import ROW_ROLE, Column
from handover.ui.editors.account_form import AccountForm, amount_text, field_errors
from handover.ui.shell import dialogs
from handover.ui.shell.main_window import MainWindow
from handover.ui.shell.session import Session


@pytest.fixture
def window(qtbot, settings, user, workspace_file) -> MainWindow:
    window = MainWindow(settings, user)
    qtbot.addWidget(window)
    window.show()
    assert window.open_path(workspace_file)
    return window


@pytest.fixture
def session(tmp_path, workspace_file):
    with Workspace.open(workspace_file, user="Dana Whitfield") as ws:
        yield Session(ws)


@pytest.fixture
def form_filled_by(monkeypatch, qtbot):
    """The account form, answered by `fill(form)` typing and clicking as a user would."""
    def answer(fill):
        def edit_account(parent, session, account=None):
            form = AccountForm(session, account, parent)
            qtbot.addWidget(form)
            form.show()
            fill(form)
            return form.saved
        monkeypatch.setattr(dialogs, "edit_account", edit_account)
    return answer


def open_form(qtbot, session, account=None) -> AccountForm:
    form = AccountForm(session, account)
    qtbot.addWidget(form)
    form.show()
    return form


def retype(qtbot, edit, text: str) -> None:
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def save(qtbot, form: AccountForm) -> None:
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)


def shown_names(window: MainWindow) -> list[str]:
    model = window.accounts_page.table.model()
    return [model.index(r, Column.ACCOUNT).data() for r in range(model.rowCount())]


def test_a_new_account_is_made_in_the_form_after_a_mistake_is_put_right(
        qtbot, window, form_filled_by):
    seen = {}

    def fill(form: AccountForm):
        assert form.windowTitle() == "New account"
        qtbot.keyClicks(form.name_edit, "Juniper Labs")
        form.segment_box.setCurrentIndex(form.segment_box.findData(Segment.KEY))
        qtbot.keyClicks(form.industry_edit, "Biotech")
        retype(qtbot, form.current_edit, "12k")
        error = form.error_labels["current_revenue"]
        seen["message"] = (error.text(), error.isVisible())
        save(qtbot, form)
        seen["refused"] = (form.isVisible(), form.saved)

        retype(qtbot, form.current_edit, "120,000")
        seen["after fix"] = error.isVisible()
        retype(qtbot, form.potential_edit, "900,000")
        save(qtbot, form)

    form_filled_by(fill)
    qtbot.mouseClick(window.accounts_page.new_button, Qt.MouseButton.LeftButton)

    # The message was beside the field, in words; Save kept the form open.
    assert seen["message"] == ("'12k' is not an amount of money", True)
    assert seen["refused"] == (True, None)
    assert seen["after fix"] is False
    # The new account is in the list, selected, and in the file.
    assert "Juniper Labs" in shown_names(window)
    assert window.accounts_page.count_label.text() == "5 accounts"
    [selected] = window.accounts_page.table.selectionModel().selectedRows()
    assert selected.data(ROW_ROLE).name == "Juniper Labs"
    [saved] = window.workspace.all(Account, "name = ?", ["Juniper Labs"])
    assert (saved.segment, saved.industry, saved.current_revenue, saved.potential_revenue) == \
        (Segment.KEY, "Biotech", 120_000, 900_000)
    assert saved.owner_id is not None  # the current user owns what they create
    [created] = window.workspace.audit_entries("accounts", saved.id)
    assert (created.action, created.who) == ("create", "Dana Whitfield")
    assert window.undo_action.text() == "&Undo Add account \u201cJuniper Labs\u201d"


def test_an_empty_name_is_refused_beside_the_name_field(qtbot, session):
    account = session.ws.all(Account, "name = ?", ["Halden Foods"])[0]
    form = open_form(qtbot, session, account)
    assert form.name_edit.text() == "Halden Foods"
    assert not form.error_labels["name"].isVisible()  # nothing wrong yet, nothing said

    retype(qtbot, form.name_edit, "   ")
    assert form.error_labels["name"].text() == "Name must not be empty"
    assert form.error_labels["name"].isVisible()
    assert form.name_edit.property("invalid") is True
    save(qtbot, form)
    assert form.isVisible() and form.saved is None
    assert session.ws.get(Account, account.id).name == "Halden Foods"
    assert session.undo_stack.count() == 0


def test_every_refused_field_says_so_once_save_is_pressed(qtbot, session):
    form = open_form(qtbot, session)
    form.currency_box.setCurrentText("EU")
    retype(qtbot, form.potential_edit, "-5")
    # Untouched, the empty name says nothing until Save is pressed ...
    assert not form.error_labels["name"].isVisible()
    assert form.error_labels["potential_revenue"].text() == \
        "-5 is negative; amounts are zero or more"
    save(qtbot, form)
    # ... and then every problem is shown at once, each beside its own field.
    shown = {name: label.text() for name, label in form.error_labels.items()
             if label.isVisible()}
    assert shown == {"name": "Name must not be empty",
                     "currency": "'EU' is not a three-letter currency code",
                     "potential_revenue": "-5 is negative; amounts are zero or more"}
    assert form.focusWidget() is form.name_edit  # the first field to put right
    assert form.saved is None


def test_a_health_at_risk_without_a_reason_is_a_warning_not_a_refusal(qtbot, session):
    form = open_form(qtbot, session)
    qtbot.keyClicks(form.name_edit, "Vesta Shipping")
    form.health_box.setCurrentIndex(form.health_box.findData(Health.AT_RISK))
    assert form.reason_warning.isVisible()
    assert form.reason_warning.text().startswith("Say why the account is at risk")
    qtbot.keyClicks(form.reason_edit, "Lost the Rotterdam tender")
    assert not form.reason_warning.isVisible()
    form.reason_edit.clear()
    save(qtbot, form)
    assert form.saved is not None and form.saved.health is Health.AT_RISK
    assert not form.isVisible()


def test_a_name_already_taken_and_a_potential_below_today_are_pointed_out(qtbot, session):
    form = open_form(qtbot, session)
    qtbot.keyClicks(form.name_edit, "halden foods")
    assert form.name_warning.isVisible()
    assert form.name_warning.text() == "Another account is already called \u201chalden foods\u201d."
    retype(qtbot, form.current_edit, "500000")
    retype(qtbot, form.potential_edit, "100000")
    assert form.potential_warning.isVisible()
    assert form.potential_warning.text().startswith("The potential is below the current")


def test_editing_shows_every_field_and_names_the_one_change_for_undo(qtbot, session):
    northwind = session.ws.all(Account, "name = ?", ["Northwind Logistics"])[0]
    form = open_form(qtbot, session, northwind)
    assert form.windowTitle() == "Edit Northwind Logistics"
    assert (form.segment_box.currentText(), form.health_box.currentText(),
            form.owner_box.currentText(), form.current_edit.text(),
            form.potential_edit.text(), form.currency_box.currentText(),
            form.no_renewal.isChecked(), form.renewal_edit.date().toPython()) == (
        "Key", "Critical", "Marcus Lindqvist", "1,250,000", "3,000,000", "EUR", False,
        northwind.renewal_date)

    qtbot.keyClicks(form.region_edit, "Benelux")
    save(qtbot, form)

    assert session.ws.get(Account, northwind.id).region == "Benelux"
    assert session.undo_stack.undoText() == "Change region of \u201cNorthwind Logistics\u201d"
    [entry] = [e for e in session.ws.audit_entries("accounts", northwind.id)
               if e.action == "update"]
    assert (entry.field, entry.before, entry.after) == ("region", "", "Benelux")


def test_the_renewal_date_can_be_set_and_taken_away(qtbot, session):
    calder = session.ws.all(Account, "name = ?", ["Calder & Finch Insurance"])[0]
    form = open_form(qtbot, session, calder)
    assert form.no_renewal.isChecked() and not form.renewal_edit.isEnabled()
    form.no_renewal.click()
    form.renewal_edit.setDate(QDate(2027, 3, 31))
    save(qtbot, form)
    assert session.ws.get(Account, calder.id).renewal_date == dt.date(2027, 3, 31)


def test_a_save_the_file_refuses_is_said_in_the_form_not_in_a_pop_up(
        qtbot, session, monkeypatch, dialog_log):
    form = open_form(qtbot, session)
    qtbot.keyClicks(form.name_edit, "Orbis Freight")

    def busy(*args, **kwargs):
        raise WorkspaceBusyError("team.sqlite is being written by another program; "
                                 "adding an account was not saved.")
    monkeypatch.setattr(session, "add", busy)
    save(qtbot, form)
    assert form.isVisible()
    assert form.save_error.isVisible()
    assert form.save_error.text().startswith("Not saved: team.sqlite is being written")
    assert dialog_log.shown == []
    qtbot.keyClicks(form.name_edit, " BV")  # changing anything clears the old news
    assert not form.save_error.isVisible()


def test_a_save_held_up_by_a_long_reader_keeps_the_form_to_save_again(
        qtbot, session, reading_program, dialog_log):
    session.ws.db.execute("PRAGMA busy_timeout = 100")  # give up at once, not in 5 s
    form = open_form(qtbot, session)
    qtbot.keyClicks(form.name_edit, "Orbis Freight")
    with reading_program(session.ws.path):
        save(qtbot, form)
        assert form.isVisible() and form.save_error.isVisible()
        assert "is being read by another program" in form.save_error.text()
        assert "Nothing in the file was changed; save again in a moment." in (
            form.save_error.text())
        assert form.name_edit.text() == "Orbis Freight"  # what Dana typed is still there
        assert session.ws.all(Account, "name = ?", ["Orbis Freight"]) == []
    save(qtbot, form)  # the reader is done: the same form saves
    assert not form.isVisible()
    assert [a.name for a in session.ws.all(Account, "name = ?", ["Orbis Freight"])] == [
        "Orbis Freight"]
    assert dialog_log.shown == []


def test_amounts_may_be_typed_as_they_are_written():
    assert amount_text("\u20ac1,250,000") == 1250000
    assert amount_text(" 90 000 ") == 90000
    assert amount_text("12.5") == 12.5
    assert amount_text("12k") == "12k"  # left as typed, so the message quotes it


@pytest.fixture
def user_locale():
    """Runs the program as someone in another country: `user_locale(QLocale.Language.German,
    QLocale.Country.Germany)` makes "1.234,56" 1234.56; the locale before is put back."""
    before = QLocale()
    yield lambda language, country: QLocale.setDefault(QLocale(language, country))
    QLocale.setDefault(before)


def test_a_german_user_types_revenue_as_written_in_germany(qtbot, session, user_locale):
    user_locale(QLocale.Language.German, QLocale.Country.Germany)
    halden = session.ws.all(Account, "name = ?", ["Halden Foods"])[0]
    form = open_form(qtbot, session, halden)
    retype(qtbot, form.current_edit, "1.234,56")
    retype(qtbot, form.potential_edit, "12.500")
    save(qtbot, form)
    saved = session.ws.get(Account, halden.id)
    assert (saved.current_revenue, saved.potential_revenue) == (1234.56, 12500)
    # Opened again, the form shows the amounts the German way, and they read back the same.
    again = open_form(qtbot, session, saved)
    assert (again.current_edit.text(), again.potential_edit.text()) == ("1.234,56", "12.500")
    assert again.values()["current_revenue"] == 1234.56


def test_an_amount_that_could_be_read_two_ways_is_refused_beside_its_field(
        qtbot, session, user_locale):
    """In the French locale "." is neither the decimal (",") nor the group (a narrow space):
    "1.234" could be an English 1.234 or a German 1234, so the form asks."""
    user_locale(QLocale.Language.French, QLocale.Country.France)
    halden = session.ws.all(Account, "name = ?", ["Halden Foods"])[0]
    form = open_form(qtbot, session, halden)
    retype(qtbot, form.current_edit, "1.234")
    save(qtbot, form)
    error = form.error_labels["current_revenue"]
    assert error.isVisible()
    assert error.text() == ("Current revenue could be 1234 or 1,234: \u201c1.234\u201d is "
                            "written both ways; type 1234 or 1,234")
    assert form.isVisible() and form.saved is None
    assert session.ws.get(Account, halden.id).current_revenue == halden.current_revenue


def test_each_field_is_checked_by_the_domain_on_its_own():
    errors = field_errors({"name": "", "currency": "euro", "current_revenue": "1e999"})
    assert set(errors) == {"name", "currency", "current_revenue"}
    assert field_errors({"name": "Orbis", "current_revenue": "10"}) == {}
