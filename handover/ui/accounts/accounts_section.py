"""The Accounts page of the sidebar: the list of accounts, and the account opened from it
with the way back."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from handover.domain.errors import HandoverError
from handover.domain.records import Account
from handover.store.queries import account_row
from handover.ui.accounts.accounts import AccountsPage
from handover.ui.shell import dialogs
from handover.ui.shell.session import Change, Session
from handover.ui.shell.text import tooltip


class OpenAccount(QWidget):
    """One account opened from the list: the way back and the edit button above the
    account's detail (its name as the heading, and its tabs)."""

    back_requested = Signal()
    edit_requested = Signal(int)  # an account id

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.account_id: int | None = None
        self.detail: QWidget | None = None
        self.back_button = QPushButton("\u2190 All accounts")
        self.back_button.setObjectName("backButton")
        self.back_button.setFlat(True)
        self.back_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.back_button.setStyleSheet(BACK_BUTTON_STYLE)
        self.back_button.setToolTip("Back to the list of accounts (Alt+Left)")
        self.back_button.clicked.connect(self.back_requested)
        back = QAction(self)
        back.setShortcuts(QKeySequence.StandardKey.Back)  # Alt+Left; only while shown
        back.triggered.connect(self.back_requested)
        self.addAction(back)
        self.edit_button = QPushButton("Edit account\u2026")
        self.edit_button.clicked.connect(self._edit)

        bar = QHBoxLayout()
        bar.setContentsMargins(20, 12, 20, 0)
        bar.addWidget(self.back_button)
        bar.addStretch(1)
        bar.addWidget(self.edit_button)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self._layout.addLayout(bar)

    def show_detail(self, account_id: int, detail: QWidget) -> None:
        """Show the account's `detail` in place of what was shown."""
        self.drop_detail()
        self.account_id = account_id
        self.detail = detail
        self._layout.addWidget(detail, 1)

    def drop_detail(self) -> None:
        """Let go of the account shown: its tabs stop listening to the workspace."""
        if self.detail is not None:
            self._layout.removeWidget(self.detail)
            self.detail.hide()
            self.detail.setParent(None)
            self.detail.deleteLater()
        self.detail = None
        self.account_id = None

    def _edit(self) -> None:
        if self.account_id is not None:
            self.edit_requested.emit(self.account_id)


# The back button reads as a link; the rest of the look is in resources/style.qss.
BACK_BUTTON_STYLE = """
QPushButton#backButton { border: none; background: transparent; color: #2f6fde;
                         padding: 4px 0; text-align: left; }
QPushButton#backButton:hover { color: #1b4aa5; text-decoration: underline; }
"""


class AccountsSection(QStackedWidget):
    """The Accounts page of the sidebar: the list, and the account opened from it."""

    status_message = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.session: Session | None = None
        self.list_page = AccountsPage()
        self.open_page = OpenAccount()
        self.addWidget(self.list_page)
        self.addWidget(self.open_page)
        self.list_page.account_activated.connect(self.open_account)
        self.list_page.status_message.connect(self.status_message)
        self.open_page.back_requested.connect(self.show_list)
        self.open_page.edit_requested.connect(self.list_page.edit_account)

    def set_session(self, session: Session | None, read_only_notice: str = "") -> None:
        """Show the accounts of another workspace (see AccountsPage.set_session); an
        account open from the one before is closed."""
        self.show_list()
        if self.session is not None:
            self.session.changed.disconnect(self._session_changed)
        self.session = session
        if session is not None:
            session.changed.connect(self._session_changed)
        self.list_page.set_session(session, read_only_notice)
        self.open_page.edit_button.setEnabled(self.list_page.can_edit)
        self.open_page.edit_button.setToolTip(tooltip(
            f"{read_only_notice}: changes cannot be saved" if read_only_notice else
            "Change this account's name, size, health or owner"))

    def open_account(self, account_id: int, record: tuple[str, int] | None = None) -> bool:
        """Show the account in its tabs; with `record` (a kind and an id, as search names
        them), that record is selected there too. False when there is no such account."""
        if self.session is None:
            return False
        try:
            self.session.ws.get(Account, account_id)
        except HandoverError as e:
            dialogs.show_error(self, "Could not open the account", str(e))
            return False
        if self.open_page.account_id != account_id or self.open_page.detail is None:
            # Imported when first needed: the tabs are not part of the window's start-up.
            from handover.ui.accounts.account_detail import CONCESSIONS_TITLE, AccountDetail
            from handover.ui.accounts.concessions import ConcessionsTab

            detail = AccountDetail(self.session, account_id)
            detail.add_tab(CONCESSIONS_TITLE,
                           ConcessionsTab(self.session, account_id, today=detail.today))
            self.open_page.show_detail(account_id, detail)
        self.setCurrentWidget(self.open_page)
        self.open_page.detail.setFocus(Qt.FocusReason.OtherFocusReason)
        show_record = getattr(self.open_page.detail, "show_record", None)
        if record is not None and callable(show_record):
            show_record(*record)
        # Back in the list, the cursor is on the account that was open.
        self.list_page.select_ids([account_id], account_id)
        return True

    def show_list(self) -> None:
        """Back to the list of accounts; the account that was open is let go."""
        self.setCurrentWidget(self.list_page)
        self.open_page.drop_detail()
        self.list_page.table.setFocus()

    def _session_changed(self, change: Change) -> None:
        shown = self.open_page.account_id
        if shown is None or change.account_id != shown or not change.touches("accounts"):
            return
        if account_row(self.session.ws, shown) is None:  # its creation was undone
            self.show_list()
