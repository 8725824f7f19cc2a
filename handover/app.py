"""The composition root of the GUI: logging, the QApplication, settings, the current user,
the workspace and the main window, wired together once."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType

from platformdirs import user_data_dir, user_log_dir
from PySide6.QtCore import QThreadPool, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from handover.domain.errors import HandoverError
from handover.settings import (
    APPLICATION,
    LAST_WORKSPACE,
    ORGANISATION,
    CurrentUser,
    Settings,
    current_user,
    set_current_user,
)
from handover.store.queries import TeamMember, team_members
from handover.store.workspace import Workspace
from handover.ui.shell import dialogs
from handover.ui.shell.main_window import OPEN_FAILED, MainWindow, open_workspace
from handover.ui.shell.resources import icon
from handover.ui.shell.style import apply_style

log = logging.getLogger("handover")

EXIT_OK = 0
EXIT_UNUSABLE = 2  # as on the command line: the input could not be used
LOG_NAME = "handover.log"


def default_workspace_path() -> Path:
    return Path(user_data_dir(APPLICATION, ORGANISATION)) / "handover.sqlite"


def log_folder() -> Path:
    return Path(user_log_dir(APPLICATION, ORGANISATION))


def setup_logging(folder: Path) -> Path:
    """Log to a rotating file in `folder`; returns the file. Qt's own warnings go there
    too. Without a writable folder, logging stays on standard error."""
    path = folder / LOG_NAME
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    qInstallMessageHandler(_qt_message)
    return path


def _qt_message(kind: QtMsgType, _context, message: str) -> None:
    level = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
             QtMsgType.QtWarningMsg: logging.WARNING}.get(kind, logging.ERROR)
    logging.getLogger("qt").log(level, "%s", message)


ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def make_excepthook(log_path: Path) -> ExceptHook:
    """A sys.excepthook that writes the traceback to the log and shows the user a message
    instead: theirs to act on for a HandoverError, otherwise where the details are."""
    showing = False

    def hook(kind: type[BaseException], error: BaseException,
             tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        log.error("Unexpected error:\n%s", "".join(traceback.format_exception(kind, error, tb)))
        if showing or QApplication.instance() is None:
            return  # an error while telling about an error: the log has both
        showing = True
        try:
            if isinstance(error, HandoverError):
                dialogs.show_error(QApplication.activeWindow(), "That did not work", str(error))
            else:
                dialogs.show_error(
                    QApplication.activeWindow(), "Something went wrong",
                    f"Handover met an error it did not expect: {error}\n\nWhat you were "
                    f"doing may not have finished. The details are in {log_path}; please "
                    "send that file to whoever looks after Handover for you.")
        except Exception:  # noqa: BLE001 - the hook itself must never raise
            log.exception("The error message could not be shown")
        finally:
            showing = False

    return hook


def ask_for_user(settings: Settings, team: Sequence[TeamMember] = ()) -> CurrentUser | None:
    """The current user; asked for on first run, offering the demo's own `team` to try it
    as. Kept for next time unless it is one of `team`: a demo's people are tried for a
    while, on a throw-away workspace. None when the user cancels."""
    user = current_user(settings)
    if user is not None:
        return user
    answer = dialogs.ask_current_user(None, team=team, stories=bool(team))
    if answer is None:
        return None
    user = CurrentUser(*answer)
    if user.name not in {m.name for m in team}:
        set_current_user(settings, user)
        settings.sync()
    return user


def demo_team(path: Path) -> list[TeamMember]:
    """The people of the demo workspace at `path`, read without writing a byte; [] when it
    cannot be read (opening it properly will then say why)."""
    try:
        with Workspace.open(path, read_only=True, check=False) as ws:
            return team_members(ws)
    except (HandoverError, OSError) as e:
        log.warning("Could not read the people of %s: %s", path, e)
        return []


def start(workspace_path: Path | None, *, demo: bool = False, settings: Settings,
          default_workspace: Path) -> tuple[MainWindow | None, int]:
    """Everything `run_gui` does before the event loop: the window shown, or None with the
    exit code when the program should stop at once.

    Which workspace: the one named; else the last one used, if it is still there; else the
    default one, made when missing. When it cannot be opened the user is told why and the
    window still opens, empty, so they can open or make another from the File menu. Only a
    demo workspace that cannot be opened ends the program (exit 2): it is ours, freshly
    written, and there is nothing else the user asked to see."""
    team = demo_team(Path(workspace_path)) if demo and workspace_path is not None else []
    user = ask_for_user(settings, team)
    if user is None:
        log.info("No current user given; quitting")
        return None, EXIT_OK
    if workspace_path is None:
        last = settings.get(LAST_WORKSPACE)
        # os.path.exists: a folder we may no longer open is not an error here.
        workspace_path = Path(last) if last and os.path.exists(last) else default_workspace
    workspace_path = Path(workspace_path)

    error: HandoverError | OSError | None = None
    ws = None
    try:
        ws = open_workspace(workspace_path, user,
                            create_missing=workspace_path == default_workspace)
    except (HandoverError, OSError) as e:
        log.warning("Could not open %s: %s", workspace_path, e)
        error = e

    window = MainWindow(settings, user)
    window.transient_names = frozenset(m.name for m in team)
    if ws is not None:
        # A demo workspace is a throw-away file: it joins neither the recent list nor
        # becomes the one reopened next time.
        window.set_workspace(ws, remember=not demo)
    if user.name in window.transient_names and ws is not None:
        # One of the demo's people: straight to the handovers they play a part in.
        window.show_page(1)
        window.handovers_page.list_page.mine.setChecked(True)
    window.show()
    if error is not None:
        dialogs.show_error(window, OPEN_FAILED, str(error))
        if demo:
            window.close()
            return None, EXIT_UNUSABLE
    else:
        window.tell_if_read_only()
    return window, EXIT_OK


def run_gui(workspace_path: Path | None, *, demo: bool = False) -> int:
    """Run the GUI on `workspace_path` (None: the last or the default workspace) until the
    user quits; returns the exit code. With `demo`, the path is a freshly written demo
    workspace that is not remembered among the recent ones."""
    log_path = setup_logging(log_folder())
    sys.excepthook = make_excepthook(log_path)
    log.info("Starting Handover on %s", workspace_path or "the default workspace")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APPLICATION)
    app.setOrganizationName(ORGANISATION)
    app.setWindowIcon(icon("handover"))
    apply_style(app)
    window, code = start(workspace_path, demo=demo, settings=Settings(),
                         default_workspace=default_workspace_path())
    if window is None:
        return code
    code = app.exec()
    # Let background work (an integrity check, say) finish before Python shuts down.
    QThreadPool.globalInstance().waitForDone(5000)
    log.info("Handover quit with status %s", code)
    return code
