"""The preview of one brief as it will print (QtPdf's view), page by page and zoomed, on the
paper chosen, with the buttons that save it as PDF, HTML or Markdown."""

from __future__ import annotations

import logging
from pathlib import Path

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMargins, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QIntValidator, QKeySequence, QPalette, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
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

from handover.brief.charts import brief_charts
from handover.brief.data import BriefData
from handover.brief.export import FORMATS, PAGE_SIZES, export_brief, file_name
from handover.settings import Settings
from handover.ui.editors.export_dialog import (
    DASH,
    DIALOG_STYLE,
    FORMAT_HINTS,
    FORMAT_NAMES,
    brief_page_size,
    default_folder,
    page_size_box,
    remember_page_size,
)
from handover.ui.shell import dialogs, tasks
from handover.ui.shell.text import plain_label, tooltip
from handover.ui.shell.words import DANGER

log = logging.getLogger(__name__)

ZOOMS = [("Fit width", QPdfView.ZoomMode.FitToWidth), ("Whole page", QPdfView.ZoomMode.FitInView),
         ("50%", 0.5), ("75%", 0.75), ("100%", 1.0), ("125%", 1.25), ("150%", 1.5),
         ("200%", 2.0)]
ZOOM_STEPS = [0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0]


class PreviewDialog(QDialog):
    """One brief as it will print, in QtPdf's view: page by page, zoomed to the width or
    the page or a percentage, on A4 or Letter (the setting, changed here too); and the
    buttons that save it as PDF, HTML or Markdown. The PDF is laid out on a worker
    thread, as a long brief takes a second or more; the dialog says so meanwhile. Its
    charts are the brief's own, drawn once here, so what is saved is what was shown and
    what `handover export` writes."""

    rendered = Signal(int)  # the preview now shows a PDF of this many pages
    saved = Signal(object)  # the Path of a brief just saved

    last_folder: Path | None = None  # where the previous brief was saved, this session

    def __init__(self, data: BriefData, *, settings: Settings | None = None,
                 page_size: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.data = data
        self.charts = brief_charts(data)
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
        self.page_size_box = page_size_box(self.page_size)
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

