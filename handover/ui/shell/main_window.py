"""The main window: the sidebar and its pages, which workspace is open, and the session
through which the screens edit it (its menus and status bar are in window_menus.py,
switching the current user in user_switching.py)."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QUndoGroup
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from handover.domain.errors import HandoverError
from handover.settings import (
    ACCOUNTS_COLUMNS,
    WINDOW_GEOMETRY,
    CurrentUser,
    Settings,
    recent_workspaces,
    remember_workspace,
)
from handover.store.files import integrity_problem
from handover.store.queries import person_id_named
from handover.store.workspace import Workspace
from handover.ui.accounts.accounts_section import AccountsSection
from handover.ui.shell import dialogs
from handover.ui.shell.pages import NoWorkspacePage
from handover.ui.shell.resources import icon
from handover.ui.shell.search import SearchDialog, workspace_searcher
from handover.ui.shell.session import Change, Session, explain_closed_history
from handover.ui.shell.tasks import run_task
from handover.ui.shell.text import tooltip
from handover.ui.shell.user_switching import UserSwitching
from handover.ui.shell.window_menus import APP_NAME, STATUS_NOTE_MS, WindowMenus

log = logging.getLogger(__name__)

SIDEBAR_WIDTH = 200
OPEN_FAILED = "Could not open the workspace"
CREATE_FAILED = "Could not create the workspace"


def open_workspace(path: Path, user: CurrentUser, *, create_missing: bool = False) -> Workspace:
    """Open (or, with `create_missing`, create) the workspace at `path` for `user`, and make
    sure the user is one of its people. Raises HandoverError saying why it cannot."""
    path = Path(path)
    if create_missing and not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        ws = Workspace.create(path, user=user.name)
        try:
            ws.person_named(user.name, user.role)
        except BaseException:
            ws.close()
            raise
        return ws
    # SQLite's integrity check reads the whole file (a third of a second for 250 MB), so
    # the window runs it in the background once the workspace is shown, and writes
    # nothing to the file (not even the current user) until it has passed.
    return Workspace.open(path, user=user.name, check=False)


def damaged_message(path: Path, problem: str) -> str:
    return (f"{path} is damaged: SQLite says {problem!r}. It was closed without changes; "
            "restore it from a backup.")


def read_only_notice(ws: Workspace) -> str:
    return f"Read-only: {ws.read_only_reason or 'another program has this workspace open'}"


def _scrolling(page: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


def _same_file(a: Path, b: Path) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


class MainWindow(WindowMenus, UserSwitching, QMainWindow):
    """The program's one window. It owns the open workspace and closes it when it closes.

    Every edit made in its screens goes through `session` (one per open workspace), whose
    undo stack the Edit menu's Undo and Redo act on."""

    workspace_changed = Signal()

    def __init__(self, settings: Settings, user: CurrentUser, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.user = user
        # Names that are not remembered as the current user when chosen: the demo's own
        # people, tried for a while on a throw-away workspace.
        self.transient_names: frozenset[str] = frozenset()
        self.workspace: Workspace | None = None
        self._unchecked: Workspace | None = None  # its integrity check is still running
        self.session: Session | None = None
        # The Edit menu's Undo and Redo follow whichever session's stack is active.
        self.undo_group = QUndoGroup(self)
        self.setWindowIcon(icon("handover"))

        self.accounts_section = AccountsSection()
        self.accounts_section.status_message.connect(
            lambda text: self.statusBar().showMessage(text, STATUS_NOTE_MS))
        self.accounts_page = self.accounts_section.list_page
        self.search_dialog = SearchDialog(workspace_searcher(lambda: self.workspace), self)
        self.search_dialog.record_chosen.connect(self.show_record)
        self.pages = QStackedWidget()
        self.pages.setObjectName("pages")
        self.sidebar = QListWidget()
        self._add_page("Accounts", "accounts", self.accounts_section)
        # The other pages are built (and their modules loaded) when first shown or asked
        # for: start-up pays only for the accounts list.
        self._lazy_pages: dict[str, tuple[QWidget, QWidget | None]] = {}
        for key, title, icon_name in (("handovers", "Handovers", "handovers"),
                                      ("team_review", "Team review", "review"),
                                      ("analytics", "Analytics", "analytics")):
            holder = QWidget()
            holder_layout = QVBoxLayout(holder)
            holder_layout.setContentsMargins(0, 0, 0, 0)
            self._lazy_pages[key] = (holder, None)
            self._add_page(title, icon_name, holder)
        self.pages.currentChanged.connect(self._page_shown)
        self.sidebar.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.sidebar.setCurrentRow(0)

        self.no_workspace_page = NoWorkspacePage()
        self.no_workspace_page.open_requested.connect(self.ask_and_open)
        self.no_workspace_page.new_requested.connect(self.ask_and_create)
        self.body = QStackedWidget()
        self.body.addWidget(self.no_workspace_page)
        self.body.addWidget(self._workspace_view())
        self.setCentralWidget(self.body)

        self._make_menus()
        self._make_status_bar()
        self._restore_layout()
        self._show_workspace_facts()

    # ------------------------------------------------------------ building the window

    def _add_page(self, title: str, icon_name: str, page: QWidget) -> None:
        item = QListWidgetItem(icon(icon_name), title)
        item.setSizeHint(QSize(SIDEBAR_WIDTH - 24, 38))
        self.sidebar.addItem(item)
        self.pages.addWidget(page)

    def _workspace_view(self) -> QWidget:
        self.sidebar.setObjectName("sidebarList")
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        brand_icon = QLabel()
        brand_icon.setPixmap(icon("handover").pixmap(QSize(24, 24)))
        brand_name = QLabel(APP_NAME)
        brand_name.setObjectName("brandName")
        brand = QHBoxLayout()
        brand.setContentsMargins(10, 0, 0, 0)
        brand.setSpacing(10)
        brand.addWidget(brand_icon)
        brand.addWidget(brand_name, 1)

        sidebar = QWidget()
        sidebar.setObjectName("sidebar")
        sidebar.setFixedWidth(SIDEBAR_WIDTH)
        sidebar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        column = QVBoxLayout(sidebar)
        column.setContentsMargins(12, 20, 12, 12)
        column.setSpacing(18)
        column.addLayout(brand)
        column.addWidget(self.sidebar, 1)

        view = QWidget()
        row = QHBoxLayout(view)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(sidebar)
        row.addWidget(self.pages, 1)
        return view

    def _restore_layout(self) -> None:
        geometry = self.settings.get(WINDOW_GEOMETRY)
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            room = self.screen().availableGeometry()
            self.resize(min(1280, room.width() * 9 // 10), min(800, room.height() * 9 // 10))
        columns = self.settings.get(ACCOUNTS_COLUMNS)
        if not columns.isEmpty():
            self.accounts_page.table.horizontalHeader().restoreState(columns)

    # ------------------------------------------------------------ the workspace

    def set_workspace(self, ws: Workspace | None, *, remember: bool = True) -> None:
        """Show `ws` (None: no workspace) and close the one shown before. With `remember`,
        it becomes the first of the recent workspaces and the one reopened next time.

        A workspace open read-only still gets a session, so that every screen reads it the
        same way; its screens are told the read-only notice and offer no edits."""
        old, self.workspace = self.workspace, ws
        old_session = self.session
        self.session = Session(ws, self) if ws is not None else None
        if self.session is not None:
            self.undo_group.addStack(self.session.undo_stack)
            explain_closed_history(self.undo_action, self.session)
        self.undo_group.setActiveStack(
            self.session.undo_stack if self.session is not None else None)
        try:
            self.accounts_section.set_session(
                self.session, read_only_notice(ws) if ws is not None and ws.read_only else "")
        except sqlite3.DatabaseError as error:
            # A damaged page met while reading, before the background check got there.
            self.set_workspace(None)
            if old is not None and old is not ws:
                old.close()
            ws.close()
            dialogs.show_error(self, OPEN_FAILED, damaged_message(ws.path, str(error)))
            return
        for key, (_holder, page) in self._lazy_pages.items():
            if page is not None:
                self._hand_session(key, page)
        self.new_handover_action.setEnabled(ws is not None and not ws.read_only)
        self.policy_action.setEnabled(ws is not None)
        self.find_action.setEnabled(ws is not None)
        if old_session is not None:
            # Undoing an edit of a workspace that is no longer open cannot be done.
            self.undo_group.removeStack(old_session.undo_stack)
            old_session.deleteLater()
        if old is not None and old is not ws:
            old.close()
        if ws is not None and remember:
            remember_workspace(self.settings, ws.path)
        self._show_workspace_facts()
        self.workspace_changed.emit()
        if ws is not None and ws is not old:
            self._check_integrity(ws)

    def _check_integrity(self, ws: Workspace) -> None:
        """Run SQLite's integrity check on `ws` in the background; if the file is damaged,
        say so and close it before anything more is written to it."""
        path = ws.path
        self._unchecked = ws

        def checked(problem: str) -> None:
            if self._unchecked is ws:
                self._unchecked = None
            if self.workspace is not ws:
                return  # closed or replaced meanwhile
            if problem:
                self.set_workspace(None)
                dialogs.show_error(self, OPEN_FAILED, damaged_message(path, problem))
            elif not ws.read_only and person_id_named(ws, self.user.name) is None:
                ws.person_named(self.user.name, self.user.role)
                self.session.changed.emit(Change(frozenset({"people"})))

        def not_checked(error: BaseException) -> None:
            if self._unchecked is ws:
                self._unchecked = None
            # Busy (another program writing) is not damage; the check runs at next open.
            log.warning("The integrity check of %s did not run: %s", path, error)

        run_task(lambda: integrity_problem(path), checked, not_checked)

    def open_path(self, path: Path, *, remember: bool = True) -> bool:
        """Open the workspace at `path` in place of the current one. When it cannot be
        opened, say why and keep the current one open. True when it is open."""
        if self.workspace is not None and _same_file(self.workspace.path, path):
            return True  # already open here; opening it again would find it locked by us
        try:
            ws = open_workspace(path, self.user)
        except (HandoverError, OSError) as e:
            dialogs.show_error(self, OPEN_FAILED, str(e))
            return False
        self.set_workspace(ws, remember=remember)
        self.tell_if_read_only()
        return True

    def create_path(self, path: Path) -> bool:
        """Create a new, empty workspace at `path` and switch to it."""
        try:
            ws = Workspace.create(path, user=self.user.name)
        except (HandoverError, OSError) as e:
            dialogs.show_error(self, CREATE_FAILED, str(e))
            return False
        try:
            ws.person_named(self.user.name, self.user.role)
        except HandoverError as e:
            ws.close()
            dialogs.show_error(self, CREATE_FAILED, str(e))
            return False
        self.set_workspace(ws)
        return True

    def ask_and_open(self) -> None:
        path = dialogs.ask_open_path(self, self._folder())
        if path is not None:
            self.open_path(path)

    def ask_and_create(self) -> None:
        path = dialogs.ask_save_path(self, self._folder())
        if path is not None:
            self.create_path(path)

    def tell_if_read_only(self) -> None:
        """Say once, when a workspace opens read-only, who has it and what that means."""
        if self.workspace is not None and self.workspace.read_only:
            until = (" until it is closed there" if self.workspace.holder
                     or not self.workspace.read_only_reason else "")
            dialogs.show_info(self, "Opened read-only",
                              f"{read_only_notice(self.workspace)}. You can read everything "
                              f"in it, but changes cannot be saved{until}.")

    def _folder(self) -> Path | None:
        if self.workspace is not None:
            return self.workspace.path.parent
        recent = recent_workspaces(self.settings)
        return recent[0].parent if recent else None

    def _show_workspace_facts(self) -> None:
        ws = self.workspace
        if ws is None:
            self.setWindowTitle(APP_NAME)
            self.workspace_label.setText("No workspace open")
            self.workspace_label.setToolTip("")
            self.read_only_label.hide()
            self.body.setCurrentWidget(self.no_workspace_page)
            return
        self.setWindowTitle(f"{APP_NAME} \u2014 {ws.path.name}")
        self.workspace_label.setText(ws.path.name)
        self.workspace_label.setToolTip(tooltip(str(ws.path.resolve())))
        self.read_only_label.setText(read_only_notice(ws) if ws.read_only else "")
        self.read_only_label.setVisible(ws.read_only)
        self.body.setCurrentIndex(1)

    @property
    def can_edit(self) -> bool:
        """True when the open workspace can be changed: open, and not read-only."""
        return self.workspace is not None and not self.workspace.read_only

    # ------------------------------------------------------------ moving around

    def show_page(self, number: int) -> None:
        """Show the sidebar's page `number` (0: Accounts)."""
        self.sidebar.setCurrentRow(number)

    def _edit_policy(self) -> None:
        if self.session is not None:
            dialogs.edit_discount_policy(self, self.session)

    # ------------------------------------------------------------ the pages built on demand

    def _page_shown(self, index: int) -> None:
        shown = self.pages.widget(index)
        for key, (holder, _page) in self._lazy_pages.items():
            if holder is shown:
                self._lazy_page(key)

    def _lazy_page(self, key: str) -> QWidget:
        holder, page = self._lazy_pages[key]
        if page is None:
            page, shown = self._build_page(key)
            holder.layout().addWidget(shown)
            self._lazy_pages[key] = (holder, page)
            self._hand_session(key, page)
        return page

    def _build_page(self, key: str) -> tuple[QWidget, QWidget]:
        """The page for `key`, and the widget that shows it."""
        note = lambda text: self.statusBar().showMessage(text, STATUS_NOTE_MS)  # noqa: E731
        if key == "handovers":
            from handover.ui.handovers.handovers import HandoversPage

            page = HandoversPage(self.settings, self.user)
            page.status_message.connect(note)
            return page, page
        if key == "team_review":
            from handover.ui.handovers.team_review import TeamReviewPage

            page = TeamReviewPage(self.settings)
            page.handover_chosen.connect(self.open_handover)
            page.status_message.connect(note)
            # Its figures and buttons want some 600 pixels: in a narrower window it
            # scrolls sideways rather than holding the whole window wide.
            return page, _scrolling(page)
        from handover.ui.analytics.analytics_page import AnalyticsPage

        page = AnalyticsPage()
        page.account_chosen.connect(self.open_account)
        return page, page

    def _hand_session(self, key: str, page: QWidget) -> None:
        if key == "handovers":
            ws = self.workspace
            page.set_session(self.session,
                             read_only_notice(ws) if ws is not None and ws.read_only else "")
        else:
            page.set_session(self.session)

    @property
    def handovers_page(self):
        return self._lazy_page("handovers")

    @property
    def team_review_page(self):
        return self._lazy_page("team_review")

    @property
    def analytics_page(self):
        return self._lazy_page("analytics")

    def _new_handover(self) -> None:
        self.show_page(1)
        self.handovers_page.new_handover()

    def open_handover(self, handover_id: int) -> bool:
        self.show_page(1)
        return self.handovers_page.open_handover(handover_id)

    def open_account(self, account_id: int) -> bool:
        """Show the account in its tabs, on the Accounts page."""
        self.show_page(0)
        return self.accounts_section.open_account(account_id)

    def show_record(self, kind: str, record_id: int, account_id: int) -> None:
        """Open the record a search found: its account, with the record selected in the
        account's tabs (a hit on the account itself shows the account)."""
        self.show_page(0)
        record = None if kind == "account" else (kind, record_id)
        self.accounts_section.open_account(account_id, record)

    # ------------------------------------------------------------ the rest

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.set(WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set(ACCOUNTS_COLUMNS,
                          self.accounts_page.table.horizontalHeader().saveState())
        self.settings.sync()
        if self.workspace is not None:
            # Closing releases the lock, so another program may now write to the file.
            self.set_workspace(None, remember=False)
        super().closeEvent(event)
