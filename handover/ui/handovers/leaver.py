"""A leaver's book handed over at once: the undoable operation that starts every handover
of the plan (editors/leaver_plan.py) in one transaction, with progress, and the one call
the Team review page and the File menu make."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from handover.domain.errors import HandoverError
from handover.domain.leaver import LeaverPlan
from handover.domain.records import Person
from handover.store.handover_ops import person_id_named
from handover.store.leaver import (
    LeaverCancelled,
    LeaverOutcome,
    Progress,
    restart_leaver_handovers,
    start_leaver_handovers,
    take_back_leaver_handovers,
)
from handover.ui.shell import dialogs
from handover.ui.shell.session import Change, Session, _RecordCommand

# Below this many accounts the work is over before a progress window could be read.
PROGRESS_FROM = 40
CHANGED = frozenset({"handovers", "leaver_batches"})


# ---------------------------------------------------------------- the undoable operation


def _progress_of(parent: QWidget | None, label: str, total: int, *,
                 can_stop: bool) -> tuple[QProgressDialog | None, Progress | None]:
    """A progress window for a large book (None for a small one) and the callback that
    moves it; the callback answers False once the user pressed Stop."""
    if total < PROGRESS_FROM:
        return None, None
    window = QProgressDialog(label, "Stop" if can_stop else "", 0, total, parent)
    window.setWindowTitle("Hand over a leaver's accounts")
    window.setWindowModality(Qt.WindowModality.WindowModal)
    window.setMinimumDuration(300)
    if not can_stop:
        window.setCancelButton(None)  # type: ignore[arg-type]

    def moved(done: int, _total: int) -> bool:
        window.setValue(done)
        return not window.wasCanceled()

    return window, moved


class StartLeaverHandovers(_RecordCommand):
    """Starts the handovers of a leaver's book (one transaction); its undo takes every one
    of them back at once, its redo starts the very same ones again."""

    def __init__(self, session: Session, plan: LeaverPlan, *, today: dt.date,
                 started_by_id: int | None, leaver: str, parent: QWidget | None = None):
        super().__init__(session, _started_words(len(plan.split), leaver))
        self.plan = plan
        self.today = today
        self.started_by_id = started_by_id
        self.leaver = leaver
        self.window_parent = parent
        self.outcome: LeaverOutcome | None = None

    def apply(self) -> None:
        ws = self.session.ws
        if self.outcome is None:
            window, progress = _progress_of(self.window_parent, f"Starting the handovers of "
                                            f"{self.leaver}'s accounts\u2026",
                                            len(self.plan.split), can_stop=True)
            try:
                self.outcome = start_leaver_handovers(ws, self.plan, today=self.today,
                                                      started_by_id=self.started_by_id,
                                                      progress=progress)
            finally:
                if window is not None:
                    window.close()
            self.setText(_started_words(len(self.outcome.created), self.leaver))
        else:
            window, progress = _progress_of(QApplication.activeWindow(), "Starting the "
                                            "handovers again\u2026",
                                            len(self.outcome.created), can_stop=False)
            try:
                self.outcome = restart_leaver_handovers(ws, self.outcome, progress)
            finally:
                if window is not None:
                    window.close()
        self.session.changed.emit(Change(CHANGED))

    def failed_title(self, *, undoing: bool = False) -> str:
        if undoing:
            return f"Could not take back the handovers of {self.leaver}'s accounts"
        return super().failed_title()

    def revert(self) -> None:
        assert self.outcome is not None
        window, progress = _progress_of(QApplication.activeWindow(), "Taking the handovers "
                                        "back\u2026", len(self.outcome.created),
                                        can_stop=False)
        try:
            take_back_leaver_handovers(self.session.ws, self.outcome, progress)
        finally:
            if window is not None:
                window.close()
        self.session.changed.emit(Change(CHANGED))


def _started_words(count: int, leaver: str) -> str:
    return f"Start {count} handover{'s' if count != 1 else ''} of {leaver}'s accounts"


def start_leaver(parent: QWidget | None, session: Session | None, *,
                 today: dt.date) -> LeaverOutcome | None:
    """Ask for a leaver's plan (dialogs.ask_leaver_plan) and start its handovers, as one
    undoable edit; say what was skipped. The outcome, or None when nothing was started."""
    if session is None:
        dialogs.show_error(parent, "No workspace is open", "Open a workspace first: the "
                                   "leaver's accounts are in it.")
        return None
    ws = session.ws
    if ws.read_only:
        dialogs.show_error(parent, "The workspace is open read-only",
                           "The handovers cannot be started now: another program has the "
                           "workspace open for writing.")
        return None
    me = person_id_named(ws, ws.user) if ws.user else None
    plan = dialogs.ask_leaver_plan(parent, ws, today=today, reviewer_id=me)
    if plan is None:
        return None
    leaver = ws.get(Person, plan.leaver_id).name
    command = StartLeaverHandovers(session, plan, today=today, started_by_id=me,
                                   leaver=leaver, parent=parent)
    try:
        session._run(command)
    except LeaverCancelled as e:
        dialogs.show_info(parent, "Stopped", str(e))
        return None
    except HandoverError as e:
        dialogs.show_error(parent, f"Could not start the handovers of {leaver}'s accounts",
                           str(e))
        return None
    outcome = command.outcome
    assert outcome is not None
    if outcome.skipped:
        dialogs.show_info(parent, f"{len(outcome.skipped)} of {leaver}'s accounts skipped",
                          skipped_text(outcome))
    return outcome


def skipped_text(outcome: LeaverOutcome) -> str:
    started = len(outcome.created)
    lines = [f"{started} handover{'s' if started != 1 else ''} started. These accounts were "
             "left out:"]
    lines += [f"\u2022 {s.reason}" for s in outcome.skipped]
    return "\n".join(lines)


def outcome_words(outcome: LeaverOutcome, leaver: str) -> str:
    """The status bar's note: "25 handovers of Dana Whitfield's accounts started"."""
    started = len(outcome.created)
    words = (f"{started} handover{'s' if started != 1 else ''} of {leaver}'s accounts "
             "started")
    if outcome.skipped:
        words += f"; {len(outcome.skipped)} skipped (already under way)"
    return words
