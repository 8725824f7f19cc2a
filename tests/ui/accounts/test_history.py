"""The History tab as an account manager uses it: the timeline newest first, logging an
interaction written in Markdown and reading it rendered, editing, filtering, and a long
history that still opens at once."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from handover.domain.records import Contact, Interaction, InteractionKind
from handover.store.account_queries import InteractionRow, headline, interaction_rows
from handover.ui.accounts.history import HistoryFilter, HistoryTab, InteractionsModel
from handover.ui.editors.interaction import InteractionDialog
from handover.ui.shell import dialogs
from handover.ui.shell.words import SCALE_TEXT

TODAY = dt.date(2026, 11, 2)  # the day the test workspace's story is told on


pytestmark = pytest.mark.usefixtures("no_unexpected_questions")


@pytest.fixture
def tab(qtbot, session, north) -> HistoryTab:
    tab = HistoryTab(session, north, lambda: TODAY)
    qtbot.addWidget(tab)
    tab.resize(1200, 700)
    tab.show()
    return tab


def answer_interaction_dialog(monkeypatch, fill):
    def edit_interaction(parent, session, account_id, interaction=None):
        dialog = InteractionDialog(session, account_id, interaction, parent, today=TODAY)
        fill(dialog)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        return dialog.saved if dialog.result() == QDialog.DialogCode.Accepted else None

    monkeypatch.setattr(dialogs, "edit_interaction", edit_interaction)


def timeline(tab: HistoryTab) -> list[list[str]]:
    model = tab.table.model()
    return [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def bold_fragments(document: QTextDocument) -> list[str]:
    found = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().fontWeight() >= QFont.Weight.DemiBold:
                found.append(fragment.text())
            it += 1
        block = block.next()
    return found


# ---------------------------------------------------------------- the model

ROWS = [
    InteractionRow(3, dt.date(2026, 10, 30), InteractionKind.ESCALATION, -2,
                   "Ines Baptista, Tom Okafor", "# Outage\n\n**Angry** about the outage"),
    InteractionRow(2, dt.date(2026, 9, 1), InteractionKind.CALL, 1, "", ""),
    InteractionRow(1, dt.date(2026, 8, 2), InteractionKind.WIN, 2, "Tom Okafor",
                   "- [Signed](https://example.com) the *renewal*"),
]


def test_the_interactions_model_keeps_qts_contract(qapp, qtmodeltester):
    model = InteractionsModel()
    model.set_rows(ROWS)
    qtmodeltester.check(model)


def test_an_empty_interactions_model_keeps_qts_contract(qapp, qtmodeltester):
    qtmodeltester.check(InteractionsModel())


def test_the_filtered_timeline_keeps_qts_contract(qapp, qtmodeltester):
    model = InteractionsModel()
    model.set_rows(ROWS)
    proxy = HistoryFilter()
    proxy.setSourceModel(model)
    proxy.set_text("tom")
    qtmodeltester.check(proxy)


def test_each_line_says_when_what_how_who_and_the_first_line(qtbot):
    model = InteractionsModel()
    model.set_rows(ROWS)
    row = [model.index(0, c).data() for c in range(model.columnCount())]
    assert row == ["30 Oct 2026", "Escalation", "Very negative", "Ines Baptista, Tom Okafor",
                   "Outage"]
    assert model.index(0, InteractionsModel.SENTIMENT).data(
        Qt.ItemDataRole.ForegroundRole).name() == SCALE_TEXT[-2]
    assert model.index(1, InteractionsModel.PEOPLE).data() == "\u2014"
    assert model.index(2, InteractionsModel.SUMMARY).data() == "Signed the renewal"


@pytest.mark.parametrize("markdown, line", [
    ("**angry** about the outage", "angry about the outage"),
    ("\n\n> *Quote* of `them`\nsecond line", "Quote of them"),
    ("1. first [step](http://x.org)", "first step"),
    ("### Heading", "Heading"),
    ("", ""),
])
def test_the_first_line_of_a_note_reads_without_its_marks(markdown, line):
    assert headline(markdown) == line


# ---------------------------------------------------------------- stories


def test_the_timeline_lists_the_accounts_interactions_newest_first(tab, session, north):
    session.add(Interaction(account_id=north, date=dt.date(2026, 10, 20), kind="meeting",
                            summary="Quarterly review", sentiment=1))
    assert [row[:3] for row in timeline(tab)] == [
        ["20 Oct 2026", "Meeting", "Positive"], ["1 Sep 2026", "Complaint", "Neutral"]]
    assert tab.count_label.text() == "2 interactions  \u00b7  2 in the last 90 days"


def test_a_user_logs_an_interaction_in_markdown_and_reads_it_rendered(tab, session, north,
                                                                    monkeypatch):
    ines = session.ws.all(Contact, "name = ?", ["Ines Baptista"])[0]

    def fill(dialog: InteractionDialog):
        dialog.kind_box.setCurrentText("Escalation")
        dialog.sentiment.button(-2).click()
        dialog.set_involved([ines.id])
        dialog.summary.source.setPlainText("**angry** about the outage")

    answer_interaction_dialog(monkeypatch, fill)
    tab.add_button.click()

    assert timeline(tab)[0] == ["2 Nov 2026", "Escalation", "Very negative", "Ines Baptista",
                                "angry about the outage"]
    reader = tab.reader
    assert reader.view.toPlainText() == "angry about the outage"
    assert bold_fragments(reader.view.document()) == ["angry"]
    assert reader.title.text() == "Escalation  \u00b7  2 November 2026"
    assert reader.meta.text() == "With Ines Baptista"
    assert reader.sentiment.text() == "Very negative"
    stored = session.ws.all(Interaction, "kind = ?", ["escalation"])[0]
    assert stored.summary == "**angry** about the outage"
    assert stored.contact_ids == (ines.id,)


def test_editing_an_interaction_and_undoing_it(tab, session, monkeypatch):
    assert tab.selected_id() is not None  # the newest is chosen when the tab opens
    answer_interaction_dialog(monkeypatch, lambda d: d.summary.source.setPlainText(
        "Late deliveries, *again*."))
    tab.edit_button.click()
    assert timeline(tab)[0][4] == "Late deliveries, again."
    assert tab.reader.view.toPlainText() == "Late deliveries, again."

    session.undo_stack.undo()
    assert timeline(tab)[0][4] == ""
    assert tab.reader.view.toPlainText() == "No summary written."


def test_the_dialog_shows_the_interaction_as_it_was(qtbot, session, north):
    ines = session.ws.all(Contact, "name = ?", ["Ines Baptista"])[0]
    saved = session.add(Interaction(account_id=north, date=dt.date(2026, 10, 2), kind="call",
                                    sentiment=-1, summary="Asked for *credit*.",
                                    contact_ids=(ines.id,)))
    dialog = InteractionDialog(session, north, saved)
    qtbot.addWidget(dialog)
    assert dialog.values() == {"date": dt.date(2026, 10, 2), "kind": InteractionKind.CALL,
                               "sentiment": -1, "contact_ids": (ines.id,),
                               "summary": "Asked for *credit*."}
    assert dialog.summary.preview.toPlainText() == "Asked for credit."


def test_filtering_by_kind_and_words(tab, session, north):
    session.add(Interaction(account_id=north, date=dt.date(2026, 10, 20), kind="meeting",
                            summary="Quarterly review with the board"))
    tab.kind_filter.setCurrentText("Meeting")
    assert [row[1] for row in timeline(tab)] == ["Meeting"]
    assert tab.count_label.text().startswith("1 of 2 interactions")
    tab.kind_filter.setCurrentIndex(0)
    tab.search.setText("board")
    assert [row[4] for row in timeline(tab)] == ["Quarterly review with the board"]
    assert tab.reader.view.toPlainText() == "Quarterly review with the board"
    tab.search.setText("nothing like this")
    assert timeline(tab) == []
    assert not tab.reader.view.isVisible()


def test_removing_an_interaction_asks_first(tab, session, monkeypatch):
    monkeypatch.setattr(dialogs, "confirm", lambda *args: True)
    tab.remove_button.click()
    assert timeline(tab) == []
    session.undo_stack.undo()
    assert len(timeline(tab)) == 1


def test_a_thousand_interactions_load_as_light_rows(qtbot, session, north):
    ids = session.ws.next_ids()["interactions"]
    session.ws.add_many([
        Interaction(account_id=north, date=dt.date(2024, 1, 1) + dt.timedelta(days=n),
                    kind="call", summary=f"**Call {n}** about the order\n\n{'Long. ' * 50}",
                    id=ids + n) for n in range(1000)], note="test")
    rows = interaction_rows(session.ws, north)
    assert len(rows) == 1001
    assert rows[0].date == dt.date(2026, 9, 26)  # the newest first
    assert all(len(row.start) <= 480 for row in rows)  # only the start of each summary

    tab = HistoryTab(session, north, lambda: TODAY)
    qtbot.addWidget(tab)
    assert tab.model.rowCount() == 1001
    assert tab.reader.view.toPlainText().startswith("Call 999 about the order")
    # nothing works out a first line it does not show
    assert len(tab.model._headlines) < 100
