"""The search popup: type a few letters, see what matches grouped by kind, move with the
arrow keys and open a result with Enter or a click."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QMenu

from handover.domain.records import Account, Contact, Interaction
from handover.store import Workspace
from handover.store.search import SearchHit, SearchUnavailableError
from handover.ui.shell.search import (
    SHOWN_PER_KIND,
    SearchDialog,
    find_action,
    hit_html,
    workspace_searcher,
)
from handover.ui.shell.session import Session

DAY = dt.date(2026, 3, 2)


@pytest.fixture
def ws(tmp_path):
    with Workspace.create(tmp_path / "team.sqlite", user="Dana Smith") as workspace:
        yield workspace


@pytest.fixture
def records(ws):
    northwind = ws.add(Account(name="Northwind Logistics", health_reason="Angry buyer"))
    brightwater = ws.add(Account(name="Brightwater Foods"))
    anna = ws.add(Contact(account_id=northwind.id, name="Anna Berg", title="CFO",
                          notes="Angry since the outage"))
    call = ws.add(Interaction(account_id=brightwater.id, date=DAY, kind="complaint",
                              summary="An angry call about <b>late</b> pallets"))
    return dict(northwind=northwind, brightwater=brightwater, anna=anna, call=call)


@pytest.fixture
def dialog(qtbot, ws, records):
    popup = SearchDialog(ws, debounce_ms=10)
    qtbot.addWidget(popup)
    popup.popup()
    return popup


def type_query(qtbot, dialog, text):
    with qtbot.waitSignal(dialog.results_shown, timeout=2000):
        qtbot.keyClicks(dialog.query_edit, text)


def labels(dialog):
    return [item.text(0) for item in dialog.hit_items()]


def test_typing_lists_the_matches_grouped_by_kind(qtbot, dialog):
    type_query(qtbot, dialog, "angr")
    assert dialog.headings() == ["Accounts (1)", "People (1)", "History (1)"]
    assert labels(dialog) == ["Northwind Logistics",
                              "Anna Berg (CFO) \u00b7 Northwind Logistics",
                              "2026-03-02 \u00b7 Complaint \u00b7 Brightwater Foods"]
    assert dialog.status.isHidden()


def test_enter_opens_the_first_result(qtbot, dialog, records):
    type_query(qtbot, dialog, "angry")
    with qtbot.waitSignal(dialog.record_chosen, timeout=1000) as chosen:
        qtbot.keyClick(dialog.query_edit, Qt.Key.Key_Return)
    assert chosen.args == ["account", records["northwind"].id, records["northwind"].id]
    assert not dialog.isVisible()


def test_the_arrow_keys_move_over_the_results_and_skip_the_headings(qtbot, dialog, records):
    type_query(qtbot, dialog, "angry")
    qtbot.keyClick(dialog.query_edit, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.query_edit, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.query_edit, Qt.Key.Key_Down)  # already on the last one
    assert dialog.current_hit().kind == "interaction"
    qtbot.keyClick(dialog.query_edit, Qt.Key.Key_Up)
    assert dialog.current_hit().kind == "contact"
    with qtbot.waitSignal(dialog.record_chosen, timeout=1000) as chosen:
        qtbot.keyClick(dialog.query_edit, Qt.Key.Key_Enter)
    assert chosen.args == ["contact", records["anna"].id, records["northwind"].id]


def test_a_click_opens_a_result_but_not_a_heading(qtbot, dialog, records):
    type_query(qtbot, dialog, "angry")
    view = dialog.results
    heading = view.topLevelItem(2)
    with qtbot.assertNotEmitted(dialog.record_chosen):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.visualItemRect(heading).center())
    call = dialog.hit_items()[2]
    with qtbot.waitSignal(dialog.record_chosen, timeout=1000) as chosen:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.visualItemRect(call).center())
    assert chosen.args == ["interaction", records["call"].id, records["brightwater"].id]


def test_enter_typed_before_the_pause_ends_opens_the_fresh_result(qtbot, ws, records):
    slow = SearchDialog(ws, debounce_ms=10_000)
    qtbot.addWidget(slow)
    slow.popup()
    qtbot.keyClicks(slow.query_edit, "anna")
    with qtbot.waitSignal(slow.record_chosen, timeout=1000) as chosen:
        qtbot.keyClick(slow.query_edit, Qt.Key.Key_Return)
    assert chosen.args == ["contact", records["anna"].id, records["northwind"].id]


def test_a_word_typed_quickly_is_searched_once(qtbot):
    asked = []

    def searcher(text, limit):
        asked.append(text)
        return []

    popup = SearchDialog(searcher, debounce_ms=50)
    qtbot.addWidget(popup)
    popup.popup()
    type_query(qtbot, popup, "discount")
    assert asked == ["discount"]
    assert popup.status.text() == "No results for \u201cdiscount\u201d"
    assert popup.status.isVisible()


def test_a_long_list_shows_that_there_are_more(qtbot):
    hits = [SearchHit("contact", n, 1, "Acme", f"Person {n}", "x", 0.0)
            for n in range(SHOWN_PER_KIND + 1)]
    popup = SearchDialog(lambda text, limit: hits[:limit], debounce_ms=0)
    qtbot.addWidget(popup)
    type_query(qtbot, popup, "person")
    assert popup.headings() == [f"People ({SHOWN_PER_KIND}+)"]
    assert len(popup.hit_items()) == SHOWN_PER_KIND


def test_clearing_the_field_clears_the_results(qtbot, dialog):
    type_query(qtbot, dialog, "angry")
    with qtbot.waitSignal(dialog.results_shown, timeout=1000):
        dialog.query_edit.clear()
    assert dialog.hit_items() == []
    assert dialog.status.text().startswith("Search accounts, people")


def test_punctuation_and_search_syntax_are_just_text(qtbot, dialog):
    type_query(qtbot, dialog, 'NEAR( "angry* OR')
    assert dialog.headings() == []
    assert dialog.status.text() == "No results for \u201cNEAR( \"angry* OR\u201d"


def test_a_workspace_without_a_search_index_says_what_to_do(qtbot):
    def searcher(text, limit):
        raise SearchUnavailableError("team.sqlite has no search index yet: ... Open it once "
                                     "in Handover to upgrade it.")

    popup = SearchDialog(searcher, debounce_ms=0)
    qtbot.addWidget(popup)
    popup.popup()
    type_query(qtbot, popup, "angry")
    assert "Open it once in Handover" in popup.status.text()
    assert popup.status.isVisible()


def test_reopening_shows_results_brought_up_to_date_after_an_undo(qtbot, ws, records):
    session = Session(ws)
    popup = SearchDialog(workspace_searcher(lambda: session.ws), debounce_ms=0)
    qtbot.addWidget(popup)
    type_query(qtbot, popup, "outage")
    assert popup.headings() == ["People (1)"]
    popup.hide()
    session.delete(records["anna"])
    popup.popup()
    assert popup.headings() == []
    popup.hide()
    session.undo_stack.undo()
    with qtbot.waitSignal(popup.results_shown, timeout=1000):
        popup.popup()
    assert popup.headings() == ["People (1)"]
    assert popup.current_hit().record_id == records["anna"].id


def test_with_no_workspace_open_nothing_is_found(qtbot):
    popup = SearchDialog(workspace_searcher(lambda: None), debounce_ms=0)
    qtbot.addWidget(popup)
    type_query(qtbot, popup, "angry")
    assert popup.headings() == []


def test_the_find_action_opens_the_popup_on_ctrl_f_and_ctrl_k(qtbot, ws, records):
    window = QMainWindow()
    qtbot.addWidget(window)
    popup = SearchDialog(ws, window)
    action = find_action(popup, window)
    edit_menu = QMenu("&Edit", window)
    edit_menu.addAction(action)
    assert [s.toString() for s in action.shortcuts()] == ["Ctrl+F", "Ctrl+K"]
    action.trigger()
    assert popup.isVisible()


def test_a_result_shows_the_match_in_bold_and_user_text_as_text():
    hit = SearchHit("interaction", 4, 2, "Brightwater & Sons", "2026-03-02 \u00b7 Complaint",
                    "An \x02angry\x03 call about <b>late</b> pallets", -1.0)
    html = hit_html(hit)
    assert "<b>angry</b>" in html
    assert "&lt;b&gt;late&lt;/b&gt;" in html
    assert "Brightwater &amp; Sons" in html
