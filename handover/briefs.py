"""Briefs from a workspace: gathering what one handover's brief shows, and exporting one brief
or a batch. The command line and the GUI both come here; this module wires the store to the
brief (which may not import the store), and imports nothing of the screens.

Every brief, from the window or the command line, gets its charts from the brief's own
chart code (handover/brief/charts.py, QtGui only), so one handover's brief is the same brief
whichever way it left the program.

The batch opens its own read-only connection to the workspace file, so it can run on a
worker thread while the GUI keeps its own (an SQLite connection belongs to the thread that
opened it)."""

from __future__ import annotations

import datetime as dt
import os
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from handover import __version__
from handover.brief.data import BriefData, slug
from handover.brief.export import (
    FORMATS,
    BatchResult,
    Progress,
    check_format,
    export_batch,
    export_brief,
)
from handover.domain.handover import Handover
from handover.domain.records import Account, DiscountPolicy
from handover.domain.signoff import signoff_state
from handover.domain.template import Template, load_default_template
from handover.store import Workspace
from handover.store.briefdata import handover_records
from handover.store.signoffs import snapshot_of

_app_lock = threading.Lock()
_app = None


def brief_data(ws: Workspace, handover_id: int, *, today: dt.date | None = None,
               template: Template | None = None) -> BriefData:
    """Everything the brief of handover `handover_id` shows, read in one go, checked as of
    `today`. WorkspaceError when there is no such handover."""
    template = template or load_default_template()
    today = today or dt.date.today()
    handover, records, questions = handover_records(ws, handover_id)
    state = signoff_state(handover, records, questions, snapshot_of(ws, handover_id),
                          template)
    return BriefData.build(template, handover, records, questions, today=today,
                           signoff=state, policies=ws.all(DiscountPolicy),
                           version=__version__)


def brief_file_name(ws: Workspace, handover_id: int, fmt: str) -> str:
    """"0001-northwind-logistics.pdf": the name a brief gets in a folder."""
    handover = ws.get(Handover, handover_id)
    account = ws.get(Account, handover.account_id)
    return f"{handover_id:04d}-{slug(account.name)}{FORMATS[check_format(fmt)]}"


def handover_ids(ws: Workspace) -> list[int]:
    """Every handover's id, oldest first."""
    return [h.id for h in ws.all(Handover)]


def ensure_gui_app():
    """The QGuiApplication that PDF and chart drawing need (fonts, painting): the running
    one, or one made now. Without a display (a server, a CI job) Qt is told to draw
    offscreen, so the command line works headless."""
    global _app
    from PySide6.QtGui import QGuiApplication

    with _app_lock:
        app = QGuiApplication.instance()
        if app is not None:
            return app
        headless = sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd"))
        if headless and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = QGuiApplication(["handover"])
        return _app


def printed_brief(ws: Workspace, handover_id: int, *, today: dt.date | None = None,
                  template: Template | None = None):
    """The brief of handover `handover_id` as it prints, for reading on screen: the export's
    data and charts in the guarded document the PDF is written from. Needs a
    QGuiApplication."""
    from handover.brief.charts import brief_charts
    from handover.brief.pdf import brief_document

    data = brief_data(ws, handover_id, today=today, template=template)
    return brief_document(data, charts=brief_charts(data))


def export_one(ws: Workspace, handover_id: int, fmt: str, out: str | Path, *,
               page_size: str = "A4", today: dt.date | None = None,
               template: Template | None = None) -> Path:
    """Write the brief of one handover to the file `out`, whole or not at all."""
    fmt = check_format(fmt)
    data = brief_data(ws, handover_id, today=today, template=template)
    if fmt != "md":
        ensure_gui_app()
    return export_brief(data, fmt, out, page_size=page_size)


def export_many(ws_path: str | Path, ids: Sequence[int], fmt: str, folder: str | Path, *,
                progress: Progress | None = None,
                is_cancelled: Callable[[], bool] | None = None, page_size: str = "A4",
                today: dt.date | None = None, template: Template | None = None,
                check: bool = True) -> BatchResult:
    """Export the briefs of the handovers `ids` into `folder` ("0001-northwind-logistics.pdf"
    and so on), reading the workspace at `ws_path` through a read-only connection of its
    own. Safe to run on a worker thread once the GUI's QGuiApplication exists; `progress`
    and `is_cancelled` are called on that thread. `check=False` skips SQLite's integrity
    check on opening (the GUI checked the file when it opened it). See
    brief.export.export_batch."""
    fmt = check_format(fmt)
    folder = Path(folder)
    if not folder.is_dir():
        raise NotADirectoryError(f"{folder} is not a folder")
    if fmt != "md":
        ensure_gui_app()
    template = template or load_default_template()
    today = today or dt.date.today()
    with Workspace.open(ws_path, read_only=True, check=check) as ws:
        loaders = [lambda i=i: brief_data(ws, i, today=today, template=template) for i in ids]
        return export_batch(loaders, fmt, folder, progress=progress,
                            is_cancelled=is_cancelled, page_size=page_size)
