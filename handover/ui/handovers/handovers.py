"""The Handovers page: the list of every handover in flight, and the handover opened from
it in the screen for the current user's part (the outgoing manager's stepper or the review)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from handover.domain.errors import HandoverError
from handover.domain.handover import Handover, Party, Status
from handover.domain.template import load_template_or_default
from handover.settings import TEAM_TEMPLATE, CurrentUser, Settings
from handover.store import handover_ops as ops
from handover.store.queries import handover_ids_of
from handover.ui.editors.handover_edits import HANDOVER_TABLES
from handover.ui.handovers.handover_parts import RECORD_TABLES, load_team_template
from handover.ui.handovers.handovers_list import HandoversList
from handover.ui.handovers.handovers_model import Measure, measure_handover
from handover.ui.shell import dialogs
from handover.ui.shell.session import Change, Session
from handover.ui.shell.text import esc, tooltip

log = logging.getLogger(__name__)

class HandoversPage(QStackedWidget):
    """The Handovers page of the sidebar: the list, and the handover opened from it. Which
    screen a handover opens in depends on who the current user is to it and on its status:
    the stepper for its outgoing manager while it is a draft or returned, otherwise the
    review (the incoming manager and the reviewer act there; the outgoing manager answers
    questions there; anyone else reads it)."""

    status_message = Signal(str)

    def __init__(self, settings: Settings | None = None, user: CurrentUser | None = None,
                 parent: QWidget | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today):
        super().__init__(parent)
        self.settings = settings
        self.user = user
        self.today = today
        self.session: Session | None = None
        self.read_only_notice = ""
        self.person_id: int | None = None
        self.template, self.template_problem = load_team_template(settings)
        self.list_page = HandoversList()
        self.list_page.model.today = today()
        self.list_page.open_requested.connect(self.open_handover)
        self.list_page.new_requested.connect(self.new_handover)
        self.open_page = QWidget()
        self._open_layout = QVBoxLayout(self.open_page)
        self._open_layout.setContentsMargins(0, 0, 0, 0)
        self.view: QWidget | None = None
        self._view_writes = False  # the open handover is shown in the stepper
        self.addWidget(self.list_page)
        self.addWidget(self.open_page)
        self._show_template_problem()
        back = QShortcut(QKeySequence(QKeySequence.StandardKey.Back), self.open_page)
        back.activated.connect(self.show_list)

    # ------------------------------------------------------------ the template

    def _show_template_problem(self) -> None:
        banner = self.list_page.banner
        if self.template_problem:
            banner.show_message("warning", "<b>The team's template cannot be used.</b> "
                                f"{esc(self.template_problem)}")
        else:
            banner.clear()

    def set_team_template(self, path: str | Path | None) -> bool:
        """Use the team's template at `path` from now on (None or "": the default one) and
        remember it in the settings. A template that cannot be used is named with its line
        and problem, and the default stays in use; False then."""
        text = str(path) if path else ""
        if self.settings is not None:
            self.settings.set(TEAM_TEMPLATE, text)
        self.template, self.template_problem = load_template_or_default(text)
        self._show_template_problem()
        self.list_page.model.forget()
        if self.template_problem:
            dialogs.show_error(self, "The team's template cannot be used",
                               self.template_problem)
            return False
        self.status_message.emit(f"Handovers now follow \u201c{self.template.name}\u201d"
                                 if text else "Handovers follow the default template")
        return True

    def choose_team_template(self) -> None:
        """Ask for the team's template file and use it (File menu)."""
        current = self.settings.get(TEAM_TEMPLATE) if self.settings is not None else ""
        path = dialogs.ask_team_template(self, Path(current).parent if current else None)
        if path is not None:
            self.set_team_template(path)

    # ------------------------------------------------------------ the workspace and user

    def set_session(self, session: Session | None, read_only_notice: str = "") -> None:
        """Show the handovers of the session's workspace (None: an empty page). With a
        `read_only_notice`, everything can be read and nothing changed."""
        self.show_list()
        if self.session is not None:
            self.session.changed.disconnect(self._session_changed)
        self.session = session
        self.read_only_notice = read_only_notice
        if session is not None:
            session.changed.connect(self._session_changed)
        self.list_page.model.measure = self._measure
        self._find_person()
        self.list_page.new_button.setEnabled(session is not None and not read_only_notice)
        self.list_page.new_button.setToolTip(tooltip(
            f"{read_only_notice}: changes cannot be saved" if read_only_notice
            else "Start the handover of an account to a colleague"))
        self.reload()

    def set_user(self, user: CurrentUser | None) -> None:
        """The current user changed: what they may do in each handover changes with it."""
        self.user = user
        self._find_person()
        if self.view is not None:
            self.open_handover(self.view.handover_id)  # type: ignore[attr-defined]

    def _find_person(self) -> None:
        self.person_id = None
        if self.session is not None and self.user is not None:
            self.person_id = ops.person_id_named(self.session.ws, self.user.name)
        self.list_page.set_person(self.person_id)

    def _measure(self, handover_id: int) -> Measure | None:
        if self.session is None:
            return None
        return measure_handover(self.session, self.template, handover_id, self.today())

    def reload(self) -> None:
        current = self.list_page.current_id()
        model = self.list_page.model
        model.today = self.today()
        model.forget()
        model.set_rows(ops.handover_rows(self.session.ws) if self.session is not None else [])
        if current is not None:
            self.list_page.select(current)

    def _session_changed(self, change: Change) -> None:
        model = self.list_page.model
        if change.touches("people", "accounts") and change.account_id is None:
            self.reload()
            return
        if change.touches(*HANDOVER_TABLES):
            if self.view is not None:
                # An undo may move the open handover back: it belongs in the other screen.
                QTimer.singleShot(0, self._reopen_if_moved)
            if change.account_id is None:
                self.reload()
                return
            ids = set(model.ids_of_account(change.account_id))
            ids |= set(handover_ids_of(self.session.ws,  # type: ignore[union-attr]
                                       change.account_id))
            for handover_id in ids:
                model.put_row(handover_id, ops.handover_row(self.session.ws, handover_id))
            return
        if change.touches(*RECORD_TABLES):
            model.forget(None if change.account_id is None
                         else model.ids_of_account(change.account_id))

    # ------------------------------------------------------------ opening

    def show_list(self) -> None:
        """Back to the list; the handover that was open is let go (its edits are saved)."""
        opened = None
        if self.view is not None:
            opened = self.view.handover_id  # type: ignore[attr-defined]
            close = getattr(self.view, "close_view", None)
            if callable(close):
                close()
            self._open_layout.removeWidget(self.view)
            self.view.hide()
            self.view.setParent(None)
            self.view.deleteLater()
            self.view = None
        self.setCurrentWidget(self.list_page)
        if opened is not None:
            self.list_page.select(opened)
        self.list_page.table.setFocus()

    def open_handover(self, handover_id: int) -> bool:
        """Show the handover in the screen the current user works on it in."""
        if self.session is None:
            return False
        try:
            handover = self.session.ws.get(Handover, handover_id)
        except HandoverError as e:
            dialogs.show_error(self, "Could not open the handover", str(e))
            return False
        if self.view is not None:
            self.show_list()
        common = dict(today=self.today, read_only_notice=self.read_only_notice)
        self._view_writes = self._writes(handover)
        # Imported when first needed: the screens are not part of the window's start-up.
        if self._view_writes:
            from handover.ui.handovers.stepper import StepperView

            view: QWidget = StepperView(self.session, handover_id, self.template,
                                        self.person_id, **common)
        else:
            from handover.ui.handovers.review import ReviewView

            view = ReviewView(self.session, handover_id, self.template, self.person_id,
                              **common)
        view.back_requested.connect(self.show_list)  # type: ignore[attr-defined]
        view.moved.connect(self._moved)  # type: ignore[attr-defined]
        view.status_message.connect(self.status_message)  # type: ignore[attr-defined]
        self.view = view
        self._open_layout.addWidget(view)
        self.setCurrentWidget(self.open_page)
        self.list_page.select(handover_id)
        return True

    def _writes(self, handover: Handover) -> bool:
        """Whether the current user works on `handover` in the stepper (they write it),
        rather than in the review."""
        return (Party.OUTGOING in handover.party_of(self.person_id)
                and handover.status in (Status.DRAFT, Status.RETURNED))

    def _reopen_if_moved(self) -> None:
        if self.view is None or self.session is None:
            return
        handover_id = self.view.handover_id  # type: ignore[attr-defined]
        try:
            handover = self.session.ws.get(Handover, handover_id)
        except HandoverError:
            return  # taken back: the screen itself goes back to the list
        if self._writes(handover) != self._view_writes:
            self.open_handover(handover_id)

    def _moved(self, handover_id: int) -> None:
        # After a status move, the handover may belong in the other screen now.
        QTimer.singleShot(0, lambda: self.open_handover(handover_id))

    def new_handover(self, account_id: int | None = None) -> Handover | None:
        """Start a handover (of `account_id`, if given) with the form; the new handover
        opens at once."""
        if self.session is None or self.read_only_notice:
            return None
        created = dialogs.new_handover(self, self.session, today=self.today(),
                                       person_id=self.person_id, account_id=account_id)
        if created is not None:
            self.status_message.emit("Handover started. Edit \u203a Undo takes it back.")
            self.open_handover(created.id)  # type: ignore[arg-type]
        return created
