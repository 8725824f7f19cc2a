"""Who is using the program: the status bar's "Signed in as ..." and switching to another
team member, whose name then stamps every change."""

from __future__ import annotations

from handover.domain.errors import HandoverError
from handover.settings import CurrentUser, set_current_user
from handover.store.queries import team_members
from handover.ui.shell import dialogs
from handover.ui.shell.session import Change
from handover.ui.shell.window_menus import STATUS_NOTE_MS


class UserSwitching:
    """Switching the current user of MainWindow, which this is mixed into."""

    def _show_user(self) -> None:
        self.user_label.setText(f"Signed in as {self.user.description}")

    def change_user(self) -> None:
        """Ask who is using the program now, among the workspace's people or someone new,
        and switch to them."""
        team = team_members(self.workspace) if self.workspace is not None else []
        answer = dialogs.ask_current_user(self, self.user.name, self.user.role, team)
        if answer is not None:
            self.switch_user(CurrentUser(*answer))

    def switch_user(self, user: CurrentUser) -> None:
        """Make `user` the current user: from now on every change is stamped with their
        name, and each screen offers what they may do. The undo history starts afresh, so
        nobody undoes another person's work by accident."""
        if user == self.user:
            return
        self.user = user
        if user.name not in self.transient_names:
            set_current_user(self.settings, user)
            self.settings.sync()
        ws = self.workspace
        if ws is not None:
            ws.user = user.name
            self.session.undo_stack.clear()
            # Nothing is written before the integrity check passes; it adds them then.
            if not ws.read_only and self._unchecked is not ws:
                try:
                    ws.person_named(user.name, user.role)
                except HandoverError as e:
                    dialogs.show_error(self, "Could not add the team member", str(e))
            self.session.changed.emit(Change(frozenset({"people"})))
        handovers = self._lazy_pages["handovers"][1]
        if handovers is not None:
            handovers.set_user(user)
        self._show_user()
        self.statusBar().showMessage(f"Now signed in as {user.description}", STATUS_NOTE_MS)
