"""Briefs leaving the program from the screens: the choice of folder, format and paper for a
batch, the batch itself on a worker thread with its progress and Cancel, and the preview of
one brief as it will print (QtPdf's view) with its Save buttons.

The work itself is export_jobs.export_many and brief.export.export_brief: each file is
written under a temporary name and renamed into place when whole, so a cancelled or failed
export leaves only complete files."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMargins,
    QObject,
    QPointF,
    QStandardPaths,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QIntValidator,
    QKeySequence,
    QPalette,
    QShortcut,
)
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from handover.brief.data import BriefData
from handover.brief.export import FORMATS, PAGE_SIZES, BatchResult, export_brief, file_name
from handover.domain.template import Template
from handover.settings import BRIEF_PAGE_SIZE, Settings
from handover.ui import dialogs, tasks
from handover.ui.parts import DETAIL_STYLESHEET
from handover.ui.text import plain_label, tooltip
from handover.ui.words import DANGER

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


def _page_size_box(size: str) -> QComboBox:
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
        self.page_size_box = _page_size_box(page_size)
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
            from handover.export_jobs import export_many

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


# ---------------------------------------------------------------- the preview

ZOOMS = [("Fit width", QPdfView.ZoomMode.FitToWidth), ("Whole page", QPdfView.ZoomMode.FitInView),
         ("50%", 0.5), ("75%", 0.75), ("100%", 1.0), ("125%", 1.25), ("150%", 1.5),
         ("200%", 2.0)]
ZOOM_STEPS = [0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0]


class PreviewDialog(QDialog):
    """One brief as it will print, in QtPdf's view: page by page, zoomed to the width or
    the page or a percentage, on A4 or Letter (the setting, changed here too); and the
    buttons that save it as PDF, HTML or Markdown. The PDF is laid out on a worker
    thread, as a long brief takes a second or more; the dialog says so meanwhile."""

    rendered = Signal(int)  # the preview now shows a PDF of this many pages
    saved = Signal(object)  # the Path of a brief just saved

    last_folder: Path | None = None  # where the previous brief was saved, this session

    def __init__(self, data: BriefData, *, charts: dict | None = None,
                 settings: Settings | None = None, page_size: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.data = data
        self.charts = charts
        self.settings = settings
        self.page_size = page_size if page_size in PAGE_SIZES else brief_page_size(settings)
        self._generation = 0
        self._buffer: QBuffer | None = None  # the document reads from it: kept alive
        self.setWindowTitle(f"Preview {DASH} {data.title}")
        self.setStyleSheet(DIALOG_STYLE)
        self.setSizeGripEnabled(True)

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setDocumentMargins(QMargins(16, 16, 16, 16))
        backdrop = self.view.palette()  # QPdfView paints around the pages in Dark
        backdrop.setColor(QPalette.ColorRole.Dark, QColor("#e3e8ef"))
        self.view.setPalette(backdrop)
        self.navigator = self.view.pageNavigator()
        self.navigator.currentPageChanged.connect(self._page_changed)

        self.view_stack_message = plain_label("Preparing the preview\u2026")
        self.view_stack_message.setObjectName("dialogNote")
        self.busy = QProgressBar()
        self.busy.setObjectName("busyBar")
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setFixedWidth(100)

        self.previous_button = self._nav_button("\u2039", "Previous page (Page Up)",
                                                lambda: self.go_to_page(self.current_page() - 1))
        self.next_button = self._nav_button("\u203a", "Next page (Page Down)",
                                            lambda: self.go_to_page(self.current_page() + 1))
        self.page_box = QLineEdit("1")
        self.page_box.setObjectName("pageBox")
        self.page_box.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_box.setFixedWidth(48)
        self.page_box.setToolTip("The page shown: type a number to go there")
        self.page_box.setValidator(QIntValidator(1, 9999, self.page_box))
        self.page_box.editingFinished.connect(self._page_typed)
        self.pages_label = QLabel("of \u2014")
        self.pages_label.setObjectName("dialogNote")
        self.zoom_out_button = self._nav_button("\u2212", "Smaller (Ctrl+\u2212)",
                                                lambda: self.zoom_by(-1))
        self.zoom_in_button = self._nav_button("+", "Larger (Ctrl++)", lambda: self.zoom_by(1))
        self.zoom_box = QComboBox()
        self.zoom_box.setObjectName("zoomBox")
        for text, zoom in ZOOMS:
            self.zoom_box.addItem(text, zoom)
        self.zoom_box.currentIndexChanged.connect(self._zoom_chosen)
        self.page_size_box = _page_size_box(self.page_size)
        self.page_size_box.currentIndexChanged.connect(self._page_size_chosen)
        paper = QLabel("Paper")
        paper.setObjectName("dialogNote")

        bar = QFrame()
        bar.setObjectName("previewBar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(16, 8, 16, 8)
        row.setSpacing(6)
        row.addWidget(self.previous_button)
        row.addWidget(self.page_box)
        row.addWidget(self.pages_label)
        row.addWidget(self.next_button)
        row.addSpacing(18)
        row.addWidget(self.zoom_out_button)
        row.addWidget(self.zoom_box)
        row.addWidget(self.zoom_in_button)
        row.addSpacing(18)
        row.addWidget(self.busy)
        row.addWidget(self.view_stack_message)
        row.addStretch(1)
        row.addWidget(paper)
        row.addWidget(self.page_size_box)

        self.save_buttons: dict[str, QPushButton] = {}
        buttons = QHBoxLayout()
        buttons.setContentsMargins(16, 10, 16, 12)
        buttons.setSpacing(8)
        for fmt in FORMATS:
            button = QPushButton(f"Save {FORMAT_NAMES[fmt]}\u2026")
            button.setToolTip(f"Save this brief as {FORMAT_NAMES[fmt]} ({FORMAT_HINTS[fmt]})")
            button.clicked.connect(lambda _=False, f=fmt: self.save_as(f))
            if fmt == "pdf":
                button.setObjectName("primaryButton")
            self.save_buttons[fmt] = button
            buttons.addWidget(button)
        self.saved_label = plain_label()
        self.saved_label.setObjectName("dialogNote")
        self.saved_label.setMinimumWidth(1)
        buttons.addSpacing(8)
        buttons.addWidget(self.saved_label, 1)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(bar)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

        for keys, step in ((QKeySequence.StandardKey.ZoomIn, 1),
                           (QKeySequence.StandardKey.ZoomOut, -1)):
            QShortcut(keys, self, activated=lambda s=step: self.zoom_by(s))
        self._fit_to_screen()
        self._enable()
        self.render()

    def _nav_button(self, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton()
        button.setObjectName("navButton")
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(False)
        button.clicked.connect(slot)
        return button

    def _fit_to_screen(self) -> None:
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 900, 1000
        if screen is not None:
            width = min(width, screen.width() * 9 // 10)
            height = min(height, screen.height() * 9 // 10)
        self.resize(width, height)

    # ------------------------------------------------------------ the PDF

    def render(self) -> None:
        """Lay the brief out again (on the paper chosen) on a worker thread and show it
        when done; the pages shown before stay until then."""
        from handover.brief.pdf import brief_pdf_bytes

        self._generation += 1
        generation = self._generation
        data, charts, size = self.data, self.charts, self.page_size
        self.busy.show()
        self.view_stack_message.setText("Preparing the preview\u2026")
        self.view_stack_message.setStyleSheet("")
        tasks.run_task(lambda: brief_pdf_bytes(data, charts=charts, page_size=size),
                       lambda pdf: self._show_pdf(generation, pdf),
                       lambda error: self._render_failed(generation, error))

    def _show_pdf(self, generation: int, pdf: bytes) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        page = self.current_page()
        buffer = QBuffer()
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.close()
        self._buffer = buffer  # the old one goes only after the document let go of it
        self.document.load(buffer)
        self.pdf_bytes = pdf
        self.busy.hide()
        pages = self.document.pageCount()
        self.view_stack_message.setText(f"{self.page_size}, {pages} page"
                                         f"{'s' if pages != 1 else ''}")
        self.pages_label.setText(f"of {pages}")
        self.go_to_page(min(page, max(0, pages - 1)))
        self._enable()
        self.rendered.emit(pages)

    def _render_failed(self, generation: int, error: BaseException) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        log.error("the preview could not be made", exc_info=error)
        self.busy.hide()
        self.view_stack_message.setText(f"No preview: {error}")
        self.view_stack_message.setStyleSheet(f"color: {DANGER};")

    def page_count(self) -> int:
        return self.document.pageCount()

    def current_page(self) -> int:
        """The page shown, from 0."""
        return self.navigator.currentPage()

    def go_to_page(self, page: int) -> None:
        pages = self.document.pageCount()
        if not pages:
            return
        page = max(0, min(page, pages - 1))
        self.navigator.jump(page, QPointF(), self.navigator.currentZoom())
        self._page_changed(page)

    def _page_typed(self) -> None:
        text = self.page_box.text().strip()
        if text.isdigit():
            self.go_to_page(int(text) - 1)
        else:
            self._page_changed(self.current_page())

    def _page_changed(self, page: int) -> None:
        self.page_box.setText(str(page + 1))
        self._enable()

    def _enable(self) -> None:
        pages = self.document.pageCount()
        page = self.current_page()
        self.previous_button.setEnabled(pages > 0 and page > 0)
        self.next_button.setEnabled(pages > 0 and page < pages - 1)
        self.page_box.setEnabled(pages > 1)

    # ------------------------------------------------------------ zoom and paper

    def _zoom_chosen(self, index: int) -> None:
        zoom = self.zoom_box.itemData(index)
        if isinstance(zoom, QPdfView.ZoomMode):
            self.view.setZoomMode(zoom)
        else:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(float(zoom))

    def zoom_by(self, steps: int) -> None:
        """One step larger (1) or smaller (-1) than the zoom now."""
        now = self.view.zoomFactor() if self.view.zoomMode() == QPdfView.ZoomMode.Custom \
            else 1.0
        if steps > 0:
            bigger = [z for z in ZOOM_STEPS if z > now + 1e-6]
            factor = bigger[0] if bigger else ZOOM_STEPS[-1]
        else:
            smaller = [z for z in ZOOM_STEPS if z < now - 1e-6]
            factor = smaller[-1] if smaller else ZOOM_STEPS[0]
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)
        self.zoom_box.blockSignals(True)
        found = self.zoom_box.findText(f"{factor * 100:.0f}%")
        if found < 0:
            self.zoom_box.addItem(f"{factor * 100:.0f}%", factor)
            found = self.zoom_box.count() - 1
        self.zoom_box.setCurrentIndex(found)
        self.zoom_box.blockSignals(False)

    def _page_size_chosen(self, _index: int) -> None:
        size = self.page_size_box.currentData()
        if size == self.page_size:
            return
        self.page_size = size
        remember_page_size(self.settings, size)
        self.render()

    def set_page_size(self, size: str) -> None:
        """Lay the brief out on `size` paper ("A4", "Letter"), and keep it for next time."""
        self.page_size_box.setCurrentIndex(max(0, self.page_size_box.findData(size)))

    # ------------------------------------------------------------ saving

    def save_as(self, fmt: str) -> None:
        """Ask where, then write the brief in `fmt` there (whole or not at all), on a
        worker thread."""
        folder = PreviewDialog.last_folder or default_folder()
        path = dialogs.ask_brief_save_path(self, folder / file_name(self.data, fmt), fmt)
        if path is None:
            return
        path = Path(path)
        if not path.suffix:
            path = path.with_suffix(FORMATS[fmt])
        PreviewDialog.last_folder = path.parent
        data, charts, size = self.data, self.charts, self.page_size
        button = self.save_buttons[fmt]
        button.setEnabled(False)
        self.saved_label.setStyleSheet("")
        self.saved_label.setText(f"Saving {path.name}\u2026")

        def done(written: Path) -> None:
            if not shiboken6.isValid(self):
                return
            button.setEnabled(True)
            self.saved_label.setText(f"Saved {written.name} in {written.parent}")
            self.saved_label.setToolTip(tooltip(str(written)))
            self.saved.emit(written)

        def failed(error: BaseException) -> None:
            if not shiboken6.isValid(self):
                return
            button.setEnabled(True)
            self.saved_label.setText("")
            dialogs.show_error(self, "Could not save the brief",
                               f"{path} was not written: {error}")

        tasks.run_task(lambda: export_brief(data, fmt, path, charts=charts, page_size=size),
                       done, failed)

