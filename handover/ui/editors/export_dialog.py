"""Batches of briefs leaving the program from the screens: the choice of folder, format and
paper, then the batch itself on a worker thread with its progress and Cancel (the preview of
one brief is ui/brief_preview.py).

The work itself is briefs.export_many, the same as `handover export --all`: each file is
written under a temporary name and renamed into place when whole, so a cancelled or failed
export leaves only complete files, and each brief has the brief's own charts."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import (
    QObject,
    QStandardPaths,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QDesktopServices,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from handover.brief.export import FORMATS, PAGE_SIZES, BatchResult
from handover.domain.template import Template
from handover.settings import BRIEF_PAGE_SIZE, Settings
from handover.ui.shell import dialogs, tasks
from handover.ui.shell.parts import DETAIL_STYLESHEET
from handover.ui.shell.text import plain_label
from handover.ui.shell.words import DANGER

log = logging.getLogger(__name__)

FORMAT_NAMES = {"pdf": "PDF", "html": "HTML", "md": "Markdown"}
FORMAT_HINTS = {"pdf": "for reading and printing", "html": "for a web browser",
                "md": "plain text, for notes and wikis"}
DASH = "\u2014"

DIALOG_STYLE = DETAIL_STYLESHEET + """
QLabel#dialogHeading { font-size: 12.5pt; font-weight: 600; color: #1d2b3f; }
QLabel#dialogNote { color: #5b6675; }
QLabel#progressText { color: #1f2933; }
QLabel#errorText { color: #c0362c; }
QProgressBar#exportBar { border: none; background: #e8eef8; border-radius: 4px;
                         max-height: 8px; }
QProgressBar#exportBar::chunk { background: #2f6fde; border-radius: 4px; }
QProgressBar#busyBar { border: none; background: #e8eef8; border-radius: 2px; max-height: 4px; }
QProgressBar#busyBar::chunk { background: #2f6fde; border-radius: 2px; }
QFrame#previewBar { background: #f9fafc; border-bottom: 1px solid #e1e6ed; }
QPdfView { border: none; }
QToolButton#navButton { border: 1px solid #cfd6df; border-radius: 6px; background: #ffffff;
                        min-width: 26px; min-height: 24px; }
QToolButton#navButton:hover { background: #f3f6fa; }
QToolButton#navButton:disabled { color: #a3acb9; background: #f1f3f6; }
QLineEdit#pageBox { padding: 3px 2px; }
"""


# ---------------------------------------------------------------- the paper size setting


def brief_page_size(settings: Settings | None) -> str:
    """The paper size of PDF briefs from the settings: "A4" or "Letter" (A4 when unset or
    not one of those)."""
    size = settings.get(BRIEF_PAGE_SIZE) if settings is not None else BRIEF_PAGE_SIZE.default
    return size if size in PAGE_SIZES else BRIEF_PAGE_SIZE.default


def remember_page_size(settings: Settings | None, size: str) -> None:
    if settings is not None and size in PAGE_SIZES:
        settings.set(BRIEF_PAGE_SIZE, size)


def default_folder() -> Path:
    """Where a brief is saved when the user has not chosen a folder yet: their documents."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def page_size_box(size: str) -> QComboBox:
    box = QComboBox()
    box.setObjectName("pageSizeBox")
    for each in PAGE_SIZES:
        box.addItem(each, each)
    box.setCurrentIndex(max(0, box.findData(size)))
    box.setToolTip("The paper size of PDF briefs, kept for next time")
    return box


def _briefs(count: int, fmt: str) -> str:
    """"40 PDF briefs", "1 Markdown brief"."""
    return f"{count:,} {FORMAT_NAMES[fmt]} brief{'s' if count != 1 else ''}"


# ---------------------------------------------------------------- the batch: what and where


@dataclass(frozen=True)
class ExportChoice:
    """What a batch export writes: into which folder, in which format, on which paper."""

    folder: Path
    fmt: str = "pdf"
    page_size: str = "A4"


class ExportOptionsDialog(QDialog):
    """Asks where the briefs of `count` handovers go, in which format and on which paper.
    The folder is made when it does not exist yet."""

    def __init__(self, count: int, *, folder: Path | None = None, fmt: str = "pdf",
                 page_size: str = "A4", parent: QWidget | None = None):
        super().__init__(parent)
        self.count = count
        self.setWindowTitle("Export briefs")
        self.setStyleSheet(DIALOG_STYLE)
        self.setMinimumWidth(520)
        heading = QLabel(f"Export the briefs of {count:,} handover{'s' if count != 1 else ''}")
        heading.setObjectName("dialogHeading")
        self.folder_edit = QLineEdit(str(folder or default_folder()))
        self.folder_edit.setObjectName("folderEdit")
        self.folder_edit.textChanged.connect(lambda _t: self.error_label.hide())
        choose = QPushButton("Choose\u2026")
        choose.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.setSpacing(8)
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(choose)
        self.format_box = QComboBox()
        self.format_box.setObjectName("formatBox")
        for key in FORMATS:
            self.format_box.addItem(f"{FORMAT_NAMES[key]} {DASH} {FORMAT_HINTS[key]}", key)
        self.format_box.setCurrentIndex(max(0, self.format_box.findData(fmt)))
        self.format_box.currentIndexChanged.connect(self._format_changed)
        self.page_size_box = page_size_box(page_size)
        note = QLabel("Each brief is named by its handover and account, e.g. "
                      "\u201c0012-northwind-logistics.pdf\u201d; a file of the same name "
                      "is replaced. Every file is written whole or not at all.")
        note.setObjectName("dialogNote")
        note.setWordWrap(True)
        self.error_label = plain_label()
        self.error_label.setObjectName("errorText")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        form = QFormLayout()
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(10)
        form.addRow("Folder", folder_row)
        form.addRow("Format", self.format_box)
        form.addRow("Paper", self.page_size_box)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(14)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self._format_changed()

    def _format_changed(self, *_args) -> None:
        self.page_size_box.setEnabled(self.format_box.currentData() == "pdf")

    def _choose_folder(self) -> None:
        current = Path(self.folder_edit.text().strip() or default_folder())
        chosen = dialogs.ask_export_folder(self, current)
        if chosen is not None:
            self.folder_edit.setText(str(chosen))

    def choice(self) -> ExportChoice:
        return ExportChoice(Path(self.folder_edit.text().strip()).expanduser(),
                            self.format_box.currentData(), self.page_size_box.currentData())

    def accept(self) -> None:
        text = self.folder_edit.text().strip()
        if not text:
            self._refuse("Choose the folder the briefs go into.")
            return
        folder = Path(text).expanduser()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            self._refuse(f"{folder} cannot be used: {e.strerror or e}.")
            return
        if not folder.is_dir():
            self._refuse(f"{folder} is a file, not a folder.")
            return
        super().accept()

    def _refuse(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        self.folder_edit.setFocus()


# ---------------------------------------------------------------- the batch, under way


class _ProgressRelay(QObject):
    """Carries the worker's progress to the main thread. It has no parent, and the work
    holds it, so it outlives a dialog closed while the work runs."""

    progressed = Signal(int, int, str)


class BatchExportDialog(QDialog):
    """A batch export on a worker thread: a progress bar ("3 of 40 — Northwind
    Logistics") and Cancel, then what was written and where. Cancel (or closing the
    dialog) stops the batch before its next file is put in place; the files already
    written stay, each whole. Not modal: the window stays usable meanwhile."""

    progressed = Signal(int, int, str)  # done, total, the account being written
    export_finished = Signal(object)  # the BatchResult, complete or cancelled
    export_failed = Signal(str)  # why the batch stopped

    def __init__(self, ws_path: str | Path, ids: Sequence[int], choice: ExportChoice, *,
                 template: Template | None = None, today: dt.date | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ws_path = Path(ws_path)
        self.ids = list(ids)
        self.choice = choice
        self.template = template
        self.today = today
        self.result: BatchResult | None = None
        self.error = ""
        self._cancel = threading.Event()
        self._running = False
        self._done = 0
        self.setWindowTitle("Exporting briefs")
        self.setStyleSheet(DIALOG_STYLE)
        self.setMinimumWidth(480)
        self.setWindowModality(Qt.WindowModality.NonModal)

        total = len(self.ids)
        self.heading = QLabel(f"Exporting {_briefs(total, choice.fmt)}")
        self.heading.setObjectName("dialogHeading")
        self.where = plain_label(f"to {choice.folder}")
        self.where.setObjectName("dialogNote")
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bar = QProgressBar()
        self.bar.setObjectName("exportBar")
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(0)
        self.bar.setTextVisible(False)
        self.progress_label = plain_label("Starting\u2026")
        self.progress_label.setObjectName("progressText")
        self.progress_label.setMinimumWidth(1)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop after the brief being written now; the briefs "
                                      "already written stay, each one complete")
        self.cancel_button.clicked.connect(self.cancel)
        self.show_folder_button = QPushButton("Show folder")
        self.show_folder_button.clicked.connect(self.show_folder)
        self.show_folder_button.hide()
        self.close_button = QPushButton("Close")
        self.close_button.setObjectName("primaryButton")
        self.close_button.clicked.connect(self.accept)
        self.close_button.hide()

        for button in (self.cancel_button, self.show_folder_button, self.close_button):
            button.setAutoDefault(False)  # Enter must not cancel the batch
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.show_folder_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.where)
        layout.addSpacing(8)
        layout.addWidget(self.bar)
        layout.addWidget(self.progress_label)
        layout.addSpacing(10)
        layout.addLayout(buttons)

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> None:
        """Start the batch on a worker thread (at once, in tests that make background work
        synchronous); its progress and outcome come back on the main thread."""
        if self._running or self.result is not None:
            return
        self._running = True
        relay = _ProgressRelay()
        relay.progressed.connect(self._progress)
        path, ids, choice = self.ws_path, list(self.ids), self.choice
        template, today, cancelled = self.template, self.today, self._cancel.is_set

        def work() -> BatchResult:
            from handover.briefs import export_many

            return export_many(path, ids, choice.fmt, choice.folder,
                               progress=relay.progressed.emit, is_cancelled=cancelled,
                               page_size=choice.page_size, today=today, template=template,
                               check=False)

        self._relay = relay  # until the outcome is in
        tasks.run_task(work, self._finished, self._failed)

    def cancel(self) -> None:
        """Stop the batch before its next file is put in place."""
        if not self._running or self._cancel.is_set():
            return
        self._cancel.set()
        self.cancel_button.setEnabled(False)
        self.progress_label.setText("Cancelling\u2026 the brief being written is discarded")

    def _progress(self, done: int, total: int, account: str) -> None:
        if not shiboken6.isValid(self):
            return
        self._done = done
        self.bar.setMaximum(max(1, total))
        self.bar.setValue(done)
        if not self._cancel.is_set():
            if account:
                self.progress_label.setText(f"{done + 1:,} of {total:,} {DASH} {account}")
            else:
                self.progress_label.setText(f"{done:,} of {total:,} written")
        self.progressed.emit(done, total, account)

    def _finished(self, result: BatchResult) -> None:
        self._running = False
        self._relay = None
        if not shiboken6.isValid(self):
            return
        self.result = result
        written = len(result.written)
        folder = self.choice.folder
        self.bar.setValue(written)
        if result.cancelled:
            self.heading.setText("Export cancelled")
            self.progress_label.setText(
                f"{written:,} of {_briefs(result.total, self.choice.fmt)} written to "
                f"{folder}, each one complete; the rest were not written.")
        else:
            self.heading.setText("Export finished")
            self.progress_label.setText(f"{_briefs(written, self.choice.fmt)} written to "
                                        f"{folder}.")
        self.progress_label.setWordWrap(True)
        self.where.hide()
        self._show_outcome(bool(written))
        self.export_finished.emit(result)

    def _failed(self, error: BaseException) -> None:
        self._running = False
        self._relay = None
        log.error("the batch export stopped", exc_info=error)
        if not shiboken6.isValid(self):
            return
        self.error = str(error) or type(error).__name__
        self.heading.setText("Export stopped")
        self.progress_label.setText(
            f"{self.error}\n{self._done:,} of {len(self.ids):,} briefs were written to "
            f"{self.choice.folder} before it stopped, each one complete.")
        self.progress_label.setWordWrap(True)
        self.progress_label.setStyleSheet(f"color: {DANGER};")
        self.where.hide()
        self._show_outcome(bool(self._done))
        self.export_failed.emit(self.error)

    def _show_outcome(self, anything_written: bool) -> None:
        self.cancel_button.hide()
        self.show_folder_button.setVisible(anything_written)
        self.close_button.show()
        self.close_button.setDefault(True)
        self.close_button.setFocus()

    def outcome_text(self) -> str:
        """What the dialog says now, heading first."""
        return " ".join(w.text() for w in (self.heading, self.where, self.progress_label)
                        if not w.isHidden())

    def show_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.choice.folder)))

    def reject(self) -> None:
        # Escape or the window's close button: while the batch runs, that means Cancel.
        if self._running:
            self.cancel()
            return
        super().reject()

    def closeEvent(self, event) -> None:
        if self._running:
            self.cancel()
            event.ignore()
            return
        super().closeEvent(event)


# ---------------------------------------------------------------- a page's batches


class BatchExports(QObject):
    """The batch exports a page starts, one at a time: asks where, in which format and on
    which paper (the folder and format kept for the session, the paper in the settings),
    runs the batch in its dialog, and says in a line what was written."""

    started = Signal(object)  # the BatchExportDialog of a batch just begun
    ended = Signal()  # the batch finished, was cancelled or stopped
    written = Signal(str)  # what a finished or cancelled batch wrote, for the status bar

    def __init__(self, settings: Settings | None, parent: QWidget):
        super().__init__(parent)
        self.settings = settings
        self.dialog: BatchExportDialog | None = None
        self.folder: Path | None = None
        self.fmt = "pdf"

    @property
    def running(self) -> bool:
        return self.dialog is not None and self.dialog.running

    def cancel(self) -> None:
        if self.running:
            self.dialog.cancel()

    def start(self, ws_path: str | Path, ids: Sequence[int], *,
              template: Template | None = None,
              today: dt.date | None = None) -> BatchExportDialog | None:
        """Ask where and how, then write the briefs of `ids` on a worker thread, with the
        progress dialog. The dialog, or None when the user cancelled (or a batch is
        running already: its dialog comes to the front)."""
        if self.running:
            self.dialog.raise_()
            return None
        page = self.parent()
        choice = dialogs.ask_export_options(page, len(ids), folder=self.folder, fmt=self.fmt,
                                            page_size=brief_page_size(self.settings))
        if choice is None:
            return None
        self.folder, self.fmt = choice.folder, choice.fmt
        if choice.fmt == "pdf":
            remember_page_size(self.settings, choice.page_size)
        if self.dialog is not None:
            self.dialog.deleteLater()
        dialog = BatchExportDialog(ws_path, ids, choice, template=template, today=today,
                                   parent=page)
        dialog.export_finished.connect(self._finished)
        dialog.export_failed.connect(lambda _message: self.ended.emit())
        self.dialog = dialog
        self.started.emit(dialog)
        dialog.show()
        dialog.start()
        return dialog

    def _finished(self, result: BatchResult) -> None:
        self.ended.emit()
        if self.dialog is None:
            return
        choice = self.dialog.choice
        briefs = _briefs(len(result.written), choice.fmt)
        if result.cancelled:
            self.written.emit(f"Export cancelled: {briefs} written to {choice.folder}")
        else:
            self.written.emit(f"{briefs} written to {choice.folder}")
