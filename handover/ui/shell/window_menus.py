"""The main window's menus and status bar: File (with the recent workspaces), Edit, View,
Settings and Help, and the status bar's workspace, read-only and current-user labels."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QToolButton

from handover import __version__
from handover.settings import forget_recent_workspaces, recent_workspaces
from handover.ui.shell import dialogs
from handover.ui.shell.search import find_action
from handover.ui.shell.text import plain_label

APP_NAME = "Handover"
STATUS_NOTE_MS = 8000  # how long a note about an edit stays in the status bar


class WindowMenus:
    """The menus and status bar of MainWindow, which this is mixed into: built once, the
    recent-workspaces menu filled afresh each time it opens."""

    def _make_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.new_action = QAction("&New workspace\u2026", self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.triggered.connect(self.ask_and_create)
        self.open_action = QAction("&Open\u2026", self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.ask_and_open)
        self.recent_menu = QMenu("Open &recent", self)
        self.recent_menu.setToolTipsVisible(True)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.quit_action = QAction("&Quit", self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.open_action)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        self.new_handover_action = QAction("New &handover\u2026", self)
        self.new_handover_action.setEnabled(False)
        self.new_handover_action.triggered.connect(self._new_handover)
        self.team_template_action = QAction("Team handover &template\u2026", self)
        self.team_template_action.triggered.connect(
            lambda: self.handovers_page.choose_team_template())
        self.default_template_action = QAction("Use the &default handover template", self)
        self.default_template_action.triggered.connect(
            lambda: self.handovers_page.set_team_template(None))
        file_menu.addAction(self.new_handover_action)
        # A leaver's book is handed over from the Team review page, shown with its group.
        self.leaver_action = file_menu.addAction(
            "Hand over a &leaver's accounts\u2026",
            lambda: self.team_review_page.start_leaver() and self.show_page(2))
        file_menu.addAction(self.team_template_action)
        file_menu.addAction(self.default_template_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self._fill_recent_menu()

        edit_menu = self.menuBar().addMenu("&Edit")
        self.undo_action = self.undo_group.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_group.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts(QKeySequence.StandardKey.Redo)
        self.find_action = find_action(self.search_dialog, self)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        edit_menu.addSeparator()
        self.policy_action = QAction("Discount &policy\u2026", self)
        self.policy_action.setEnabled(False)
        self.policy_action.triggered.connect(self._edit_policy)
        edit_menu.addAction(self.policy_action)

        view_menu = self.menuBar().addMenu("&View")
        self.page_actions = QActionGroup(self)
        for number in range(self.sidebar.count()):
            action = QAction(self.sidebar.item(number).text(), self)
            action.setShortcut(QKeySequence(f"Ctrl+{number + 1}"))
            action.setCheckable(True)
            action.setChecked(number == self.sidebar.currentRow())
            action.triggered.connect(lambda _=False, n=number: self.show_page(n))
            self.page_actions.addAction(action)
            view_menu.addAction(action)
        self.sidebar.currentRowChanged.connect(self._tick_page)

        settings_menu = self.menuBar().addMenu("&Settings")
        self.user_action = QAction("Current &user\u2026", self)
        self.user_action.setStatusTip("Switch to another team member, or add one")
        self.user_action.triggered.connect(self.change_user)
        settings_menu.addAction(self.user_action)

        help_menu = self.menuBar().addMenu("&Help")
        about = QAction(f"&About {APP_NAME}", self)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self._show_about)
        help_menu.addAction(about)

    def _make_status_bar(self) -> None:
        bar = self.statusBar()
        bar.setSizeGripEnabled(False)
        self.workspace_label = plain_label()
        self.workspace_label.setObjectName("workspaceLabel")
        self.read_only_label = plain_label()
        self.read_only_label.setObjectName("readOnlyBadge")
        # A button, so that a click switches who is using the program.
        self.user_label = QToolButton()
        self.user_label.setObjectName("userLabel")
        self.user_label.setAutoRaise(True)
        self.user_label.setCursor(Qt.CursorShape.PointingHandCursor)
        self.user_label.setToolTip("Switch to another team member, or add one")
        self.user_label.clicked.connect(self.change_user)
        self._show_user()
        bar.addWidget(self.workspace_label)
        bar.addWidget(self.read_only_label)
        bar.addPermanentWidget(self.user_label)

    def _tick_page(self, number: int) -> None:
        if 0 <= number < len(self.page_actions.actions()):
            self.page_actions.actions()[number].setChecked(True)

    def _fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        paths = recent_workspaces(self.settings)
        for number, path in enumerate(paths, start=1):
            missing = not os.path.exists(path)  # False, not an error, in a closed folder
            text = f"&{number}  {path.name}"
            action = menu.addAction(f"{text}  (missing)" if missing else text)
            action.setToolTip(f"{path} no longer exists" if missing else str(path))
            action.setEnabled(not missing)
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))
        if not paths:
            menu.addAction("No recent workspaces").setEnabled(False)
        else:
            menu.addSeparator()
            menu.addAction("Clear the list", self._clear_recent)

    def _clear_recent(self) -> None:
        forget_recent_workspaces(self.settings)
        self._fill_recent_menu()

    def _show_about(self) -> None:
        dialogs.show_info(self, f"About {APP_NAME}",
                          f"{APP_NAME} {__version__}\n\nHand a customer account safely from "
                          "one account manager to the next. Everything stays in one file "
                          "on this computer.")
