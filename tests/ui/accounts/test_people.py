"""The People tab as an account manager uses it: who is who in a table beside the influence
and attitude map, adding and changing a contact through the dialog, undoing a change, and
the key people nobody has called for too long standing out."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from handover.domain.records import Account, BuyingRole, Contact, Interaction
from handover.store.account_queries import ContactRow, contact_rows
from handover.ui.accounts.people import ContactsModel, PeopleTab
from handover.ui.accounts.stakeholder_map import StakeholderMap
from handover.ui.editors.contact import ContactDialog
from handover.ui.shell import dialogs
from handover.ui.shell.parts import collect_errors
from handover.ui.shell.session import Session
from handover.ui.shell.words import NOTE_ROLE, SCALE_TEXT, WARNING, warning_icon

TODAY = dt.date(2026, 11, 2)  # the day the test workspace's story is told on


pytestmark = pytest.mark.usefixtures("no_unexpected_questions")


@pytest.fixture
def tab(qtbot, session, north) -> PeopleTab:
    tab = PeopleTab(session, north, lambda: TODAY)
    qtbot.addWidget(tab)
    tab.resize(1200, 700)
    tab.show()
    return tab


def answer_contact_dialog(monkeypatch, fill):
    """The contact dialog, filled in by `fill(dialog)` and saved as a user would."""
    shown = []

    def edit_contact(parent, session, account_id, contact=None):
        dialog = ContactDialog(session, account_id, contact, parent)
        shown.append(dialog)
        fill(dialog)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        return dialog.saved if dialog.result() == QDialog.DialogCode.Accepted else None

    monkeypatch.setattr(dialogs, "edit_contact", edit_contact)
    return shown


def shown_rows(tab: PeopleTab) -> dict[str, dict[str, str]]:
    """Each person's line as the table shows it, by name."""
    model = tab.table.model()
    out = {}
    for r in range(model.rowCount()):
        cells = {ContactsModel.HEADERS[c]: model.index(r, c).data()
                 for c in range(model.columnCount())}
        out[cells["Name and title"]] = cells
    return out


def cell(tab: PeopleTab, name: str, column: int) -> QModelIndex:
    model = tab.table.model()
    for r in range(model.rowCount()):
        if model.index(r, ContactsModel.NAME).data() == name:
            return model.index(r, column)
    raise KeyError(name)


def add(session: Session, north: int, **fields) -> Contact:
    return session.add(Contact(account_id=north, **fields))


# ---------------------------------------------------------------- the model


ROWS = [
    ContactRow(1, "Ines Baptista", "Head of Procurement", BuyingRole.ECONOMIC_BUYER, -2, 5, 1,
               TODAY - dt.timedelta(days=60)),
    ContactRow(2, "Tom Okafor", "", BuyingRole.USER, None, 2, 3, None),
    ContactRow(3, "Mia Sørensen", "CIO", BuyingRole.CHAMPION, 2, 4, 5, TODAY),
]


def test_the_contacts_model_keeps_qts_contract(qapp, qtmodeltester):
    model = ContactsModel()
    model.set_contacts(ROWS, TODAY)
    qtmodeltester.check(model)


def test_an_empty_contacts_model_keeps_qts_contract(qapp, qtmodeltester):
    qtmodeltester.check(ContactsModel())


def test_the_sorted_table_keeps_qts_contract(qtmodeltester, tab, session, north):
    add(session, north, name="Zoe Adams", influence=5, attitude=1)
    qtmodeltester.check(tab.proxy)


def test_each_line_reads_in_words(qtbot):
    model = ContactsModel()
    model.set_contacts(ROWS, TODAY)
    ines = model.index(0, ContactsModel.NAME)
    assert ines.data() == "Ines Baptista"
    assert ines.data(NOTE_ROLE) == "Head of Procurement"  # the title, under the name
    assert model.index(0, ContactsModel.ROLE).data() == "Economic buyer"
    assert model.index(0, ContactsModel.ATTITUDE).data() == "Hostile"
    assert model.index(0, ContactsModel.ATTITUDE).data(
        Qt.ItemDataRole.ForegroundRole).name() == SCALE_TEXT[-2]
    assert model.index(1, ContactsModel.ATTITUDE).data() == "Unknown"
    assert model.index(2, ContactsModel.ATTITUDE).data() == "Advocate"
    assert model.index(0, ContactsModel.INFLUENCE).data() == "5"
    assert model.index(0, ContactsModel.STRENGTH).data(Qt.ItemDataRole.ToolTipRole) == \
        "Relationship strength 1 of 5: cold"
    assert model.index(1, ContactsModel.LAST_CONTACT).data() == "Never"
    assert model.index(2, ContactsModel.LAST_CONTACT).data() == "Today"


# ---------------------------------------------------------------- stories


def test_the_tab_lists_the_accounts_people(tab):
    rows = shown_rows(tab)
    assert list(rows) == ["Ines Baptista"]
    assert rows["Ines Baptista"]["Last contact"] == "28 days ago"
    assert cell(tab, "Ines Baptista", ContactsModel.LAST_CONTACT).data(NOTE_ROLE) == \
        "5 Oct 2026"
    assert tab.count_label.text() == "1 person"


def test_a_user_adds_a_contact_changes_the_attitude_and_undoes_it(tab, session, north,
                                                                   monkeypatch):
    def fill_new(dialog: ContactDialog):
        dialog.name_edit.setText("Rafael Quintero")
        dialog.title_edit.setText("VP Operations")
        dialog.role_box.setCurrentText("Decision maker")
        dialog.attitude.button(-1).click()  # Negative
        dialog.influence.button(4).click()
        dialog.strength.button(2).click()
        dialog.notes.source.setPlainText("Wants the **outage report** before anything else.")
        dialog.advice.setPlainText("Bring the report in person.")

    answer_contact_dialog(monkeypatch, fill_new)
    tab.add_button.click()

    rows = shown_rows(tab)
    assert rows["Rafael Quintero"]["Attitude"] == "Negative"
    assert rows["Rafael Quintero"]["Buying role"] == "Decision maker"
    assert tab.selected_id() == session.ws.all(Contact, "name = ?", ["Rafael Quintero"])[0].id
    assert tab.details.name.text() == "Rafael Quintero"
    assert "outage report" in tab.details.notes.toPlainText()

    answer_contact_dialog(monkeypatch, lambda d: d.attitude.button(2).click())  # Advocate
    tab.edit_button.click()
    assert shown_rows(tab)["Rafael Quintero"]["Attitude"] == "Advocate"

    session.undo_stack.undo()
    assert shown_rows(tab)["Rafael Quintero"]["Attitude"] == "Negative"
    stored = session.ws.all(Contact, "name = ?", ["Rafael Quintero"])[0]
    assert stored.attitude == -1

    session.undo_stack.undo()  # the contact itself
    assert "Rafael Quintero" not in shown_rows(tab)


def test_the_edit_dialog_shows_every_field_of_the_contact(qtbot, session, north):
    contact = add(session, north, name="Hana Kim", title="CFO", buying_role="economic_buyer",
                  attitude=1, influence=5, relationship_strength=4,
                  last_contact=dt.date(2026, 10, 1), notes="Likes *numbers*.",
                  advice="Send the figures first.")
    dialog = ContactDialog(session, north, contact)
    qtbot.addWidget(dialog)
    assert dialog.values() == {
        "name": "Hana Kim", "title": "CFO", "buying_role": contact.buying_role,
        "attitude": 1, "influence": 5, "relationship_strength": 4,
        "last_contact": dt.date(2026, 10, 1), "notes": "Likes *numbers*.",
        "advice": "Send the figures first.",
    }


def test_refused_values_are_named_beside_their_fields(qtbot, session, north):
    dialog = ContactDialog(session, north)
    qtbot.addWidget(dialog)
    dialog.show()
    # no name, and no influence chosen
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    assert dialog.isVisible()  # still open, to be put right
    assert dialog.errors.message("name") == "Name must not be empty"
    assert dialog.errors.message("influence") == "Influence is required (1 to 5)"
    assert dialog.errors.label("name").isVisible()
    assert dialog.errors.message("attitude") == ""  # unknown is a fine answer
    assert session.ws.all(Contact, "name = ?", [""]) == []

    dialog.name_edit.setText("Lea Novak")
    dialog.influence.button(3).click()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert not dialog.isVisible()
    assert dialog.errors.message("name") == ""
    assert dialog.saved.name == "Lea Novak"


def test_an_attitude_outside_the_scale_is_named_beside_the_attitude():
    def build(values):
        return Contact(account_id=1, **values)
    record, errors = collect_errors(build, {"name": "A", "attitude": 3, "influence": 9},
                                    ContactDialog.STAND_INS)
    assert record is None
    assert errors == {"attitude": "3 is outside -2 to 2", "influence": "9 is outside 1 to 5"}


def test_a_key_contact_not_contacted_for_60_days_is_flagged(tab, session, north):
    add(session, north, name="Victor Hale", buying_role="influencer", influence=5,
        attitude=0, last_contact=TODAY - dt.timedelta(days=60))
    add(session, north, name="Uma Reyes", buying_role="user", influence=2, attitude=1,
        last_contact=TODAY - dt.timedelta(days=60))  # not key: not flagged

    victor = cell(tab, "Victor Hale", ContactsModel.LAST_CONTACT)
    assert victor.data() == "60 days ago"
    assert victor.data(Qt.ItemDataRole.ForegroundRole).name() == WARNING
    assert victor.data(Qt.ItemDataRole.DecorationRole).cacheKey() == warning_icon().cacheKey()
    assert victor.data(Qt.ItemDataRole.ToolTipRole) == \
        "Key person not contacted for 60 days (more than 45)"
    uma = cell(tab, "Uma Reyes", ContactsModel.LAST_CONTACT)
    assert uma.data() == "60 days ago"
    assert uma.data(Qt.ItemDataRole.ForegroundRole) is None
    assert "1 key or hostile person not contacted for over 45 days" in tab.count_label.text()

    # on the map, the flagged person wears the ring
    marks = {row.name: row.out_of_touch(TODAY) for row in tab.map._rows}
    assert marks == {"Ines Baptista": False, "Victor Hale": True, "Uma Reyes": False}


def test_logging_an_interaction_with_someone_counts_as_contact(tab, session, north):
    victor = add(session, north, name="Victor Hale", influence=5,
                 last_contact=TODAY - dt.timedelta(days=80))
    assert cell(tab, "Victor Hale", ContactsModel.LAST_CONTACT).data() == "80 days ago"
    session.add(Interaction(account_id=north, date=TODAY - dt.timedelta(days=3), kind="call",
                            contact_ids=(victor.id,)))
    index = cell(tab, "Victor Hale", ContactsModel.LAST_CONTACT)
    assert index.data() == "3 days ago"
    assert index.data(Qt.ItemDataRole.ForegroundRole) is None


def test_a_click_on_the_map_selects_the_contact_in_the_table(qtbot, tab, session, north):
    add(session, north, name="Victor Hale", influence=5, attitude=-2)
    add(session, north, name="Mia Sorensen", influence=2, attitude=2)
    mia = session.ws.all(Contact, "name = ?", ["Mia Sorensen"])[0]

    centre = tab.map.mark_centre(mia.id).toPoint()
    qtbot.mouseClick(tab.map, Qt.MouseButton.LeftButton, pos=centre)

    assert tab.selected_id() == mia.id
    current = tab.table.selectionModel().currentIndex()
    assert current.siblingAtColumn(ContactsModel.NAME).data() == "Mia Sorensen"
    assert tab.details.name.text() == "Mia Sorensen"

    # and the other way: a row chosen in the table is the one chosen on the map
    victor = session.ws.all(Contact, "name = ?", ["Victor Hale"])[0]
    tab.table.selectRow(cell(tab, "Victor Hale", 0).row())
    assert tab.map.selected() == victor.id


def test_a_click_beside_every_mark_selects_nobody(qtbot, tab):
    qtbot.mouseClick(tab.map, Qt.MouseButton.LeftButton, pos=tab.map.rect().topLeft())
    assert tab.selected_id() is None


def test_people_whose_attitude_is_unknown_stand_in_their_own_strip(qtbot, session, north):
    known = add(session, north, name="Known", attitude=2, influence=3)
    unknown = add(session, north, name="Unknown", attitude=None, influence=3)
    view = StakeholderMap()
    qtbot.addWidget(view)
    view.resize(520, 480)
    view.set_contacts(contact_rows(session.ws, north), TODAY)
    plot, strip, _, _ = view._areas()
    assert plot.contains(view.mark_centre(known.id))
    assert strip.contains(view.mark_centre(unknown.id))
    assert not plot.contains(view.mark_centre(unknown.id))


def test_removing_a_contact_asks_first_and_can_be_undone(tab, session, north, monkeypatch):
    ines = session.ws.all(Contact, "name = ?", ["Ines Baptista"])[0]
    tab.select(ines.id)
    asked = []
    monkeypatch.setattr(dialogs, "confirm",
                        lambda parent, title, message, action: asked.append(title) or False)
    tab.remove_button.click()
    assert asked == ["Remove Ines Baptista?"]
    assert "Ines Baptista" in shown_rows(tab)

    monkeypatch.setattr(dialogs, "confirm", lambda *args: True)
    tab.remove_button.click()
    assert shown_rows(tab) == {}
    assert tab.selected_id() is None
    assert not tab.edit_button.isEnabled()

    session.undo_stack.undo()
    assert list(shown_rows(tab)) == ["Ines Baptista"]


def test_changes_to_another_account_leave_the_tab_alone(tab, session, north):
    other = session.ws.all(Account, "name = ?", ["Halden Foods"])[0].id
    add(session, other, name="Somebody Else")
    assert list(shown_rows(tab)) == ["Ines Baptista"]
