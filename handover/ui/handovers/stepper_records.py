"""The account's live records inside a section of the stepper: the account's own facts, and
the account's tabs (people, history, promises, concessions) made to sit in a section's card."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from handover.domain.errors import HandoverError
from handover.domain.records import Account
from handover.domain.words import money
from handover.ui.shell import dialogs
from handover.ui.shell.session import Change, Session
from handover.ui.shell.text import esc
from handover.ui.shell.words import DANGER, HEALTH_TEXT, SUBTLE, short_date

log = logging.getLogger(__name__)

# How tall each embedded record tab is on a section's page.
RECORD_HEIGHTS = {"account": 0, "contacts": 500, "interactions": 400, "concessions": 520,
                  "commitments": 400}
RECORD_TITLES = {
    "account": "The account",
    "contacts": "The account's stakeholders",
    "interactions": "The relationship history",
    "concessions": "The account's concessions",
    "commitments": "Promises, ours and theirs",
}
# The kinds of record a finding names (RecordRef.kind) and the records a section shows.
RECORDS_OF_KIND = {"contacts": "contacts", "interactions": "interactions",
                   "concessions": "concessions", "commitments": "commitments",
                   "accounts": "account"}


class AccountCard(QFrame):
    """The account's own facts a handover starts from (health and why, size, renewal), with
    the account form a click away."""

    def __init__(self, session: Session, account_id: int, read_only: bool,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.account_id = account_id
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.edit_button = QPushButton("Edit account\u2026")
        self.edit_button.setToolTip("Change the account's health and its reason, its size, "
                                    "renewal or owner")
        self.edit_button.setEnabled(not read_only)
        self.edit_button.clicked.connect(self.edit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.facts, 1)
        layout.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        session.changed.connect(self._changed)
        self.refresh()

    def _changed(self, change: Change) -> None:
        if change.account_id in (None, self.account_id) and change.touches("accounts"):
            self.refresh()

    def refresh(self) -> None:
        try:
            a = self.session.ws.get(Account, self.account_id)
        except HandoverError:
            return
        reason = (esc(a.health_reason) if a.health_reason.strip() else
                  f"<span style='color:{DANGER}'>No reason written: say why it is "
                  f"{esc(a.health.label.lower())} (Edit account).</span>")
        renewal = short_date(a.renewal_date) if a.renewal_date else "no date"
        ratio = (f" ({a.potential_revenue / a.current_revenue:.1f}\u00d7)"
                 if a.current_revenue > 0 else "")
        self.facts.setText(
            f"<span style='color:{HEALTH_TEXT[a.health]}; font-weight:600'>"
            f"{esc(a.health.label)}</span> &nbsp;\u2014&nbsp; {reason}<br>"
            f"<span style='color:{SUBTLE}'>{esc(a.segment.label)} account \u00b7 now "
            f"{money(a.current_revenue, a.currency)} a year, potential "
            f"{money(a.potential_revenue, a.currency)}{ratio} \u00b7 renewal {renewal}</span>")

    def edit(self) -> None:
        account = self.session.ws.get(Account, self.account_id)
        dialogs.edit_account(self, self.session, account)

    def show_record(self, _record_id: int) -> bool:
        self.edit_button.setFocus(Qt.FocusReason.OtherFocusReason)
        return True


def make_records_tab(records: str, session: Session, account_id: int,
                     today: Callable[[], dt.date], read_only: bool) -> QWidget:
    """The account's live records of a kind, as its own tab shows them: edited there, they
    change for the account too."""
    if records == "account":
        return AccountCard(session, account_id, read_only)
    if records == "contacts":
        from handover.ui.accounts.people import PeopleTab

        return PeopleTab(session, account_id, today)
    if records == "interactions":
        from handover.ui.accounts.history import HistoryTab

        return HistoryTab(session, account_id, today)
    if records == "commitments":
        from handover.ui.accounts.promises import PromisesTab

        return PromisesTab(session, account_id, today)
    if records == "concessions":
        try:
            from handover.ui.accounts.concessions import ConcessionsTab
        except ImportError:  # the concessions tab is plugged in by its own module
            log.exception("the concessions tab is not available")
            label = QLabel("The concessions are edited on the account's Concessions tab.")
            label.setWordWrap(True)
            return label
        return ConcessionsTab(session, account_id, today=today)
    raise ValueError(f"no records called {records!r}")


def fit_records_tab(tab: QWidget) -> None:
    """An account tab made to sit inside a section's card: the card gives the margins, and
    its filter box gives up some of its width."""
    layout = tab.layout()
    if layout is not None:
        layout.setContentsMargins(0, 8, 0, 0)
    search = getattr(tab, "search", None)
    if isinstance(search, QLineEdit):
        search.setMinimumWidth(140)
