"""Markdown notes on screen: a read-only view that can never fetch anything, and an editor with
a live preview."""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, QSignalBlocker, QSizeF, Qt, QUrl, Signal
from PySide6.QtGui import (
    QCursor,
    QDesktopServices,
    QFont,
    QFontDatabase,
    QPyTextObject,
    QTextFormat,
    QTextOption,
)
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTextBrowser,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from handover.brief.markdown import LINK_SCHEMES, render_markdown
from handover.ui.shell.tasks import after_pause

log = logging.getLogger(__name__)

PREVIEW_DELAY_MS = 150
NOTE_POINT_SIZE = 10.5

# Qt's rich text knows a subset of CSS 2; these are the rules it honours.
PREVIEW_STYLESHEET = """
body { color: #1f2933; }
p, ul, ol, pre, table, blockquote { margin-top: 0px; margin-bottom: 8px; }
h1, h2, h3, h4, h5, h6 { color: #1d2b3f; font-weight: 600; margin-top: 10px; margin-bottom: 6px; }
h1 { font-size: 14.5pt; }
h2 { font-size: 13pt; }
h3 { font-size: 11.5pt; }
h4, h5, h6 { font-size: 10.5pt; }
li { margin-bottom: 2px; }
a { color: #2f6fde; text-decoration: underline; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; background-color: #eef2f7;
       color: #243b53; }
pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; background-color: #f3f5f8;
      color: #243b53; padding: 8px; }
blockquote { color: #52606d; font-style: italic; margin-left: 14px; margin-right: 6px; }
table { margin-top: 4px; margin-bottom: 10px; border-collapse: collapse; }
th { background-color: #eef2f7; font-weight: 600; }
th, td { border-width: 1px; border-style: solid; border-color: #d5dbe3; padding: 4px 8px; }
hr { color: #d5dbe3; }
del { color: #7b8794; }
"""

PLACEHOLDER = "Write in Markdown: **bold**, *italic*, - lists, > quotes, [links](https://…)"


def open_external_link(url: QUrl) -> bool:
    """Hand `url` to the system's browser or mail program (tests replace this one name)."""
    return QDesktopServices.openUrl(url)


def is_openable_link(url: QUrl) -> bool:
    """True for the links a note may open: http(s) with a host, or mailto with an address."""
    if not url.isValid():
        return False
    scheme = url.scheme().lower()
    if scheme not in LINK_SCHEMES:
        return False
    if scheme == "mailto":
        return bool(url.path())
    return bool(url.host())


class _ImagesNeverLoaded(QPyTextObject):
    """Qt's image handler for documents, replaced by one that takes no space and reads nothing.

    Qt's own handler, given no data for an <img> by loadResource, reads the file named in
    src straight from disk (QImage::load), so refusing resources alone does not stop a
    local file from being read; this does. (QPyTextObject, not QObject + QTextObjectInterface:
    Qt cannot see the interface on the latter and silently ignores the registration.)
    """

    def intrinsicSize(self, doc, position, format) -> QSizeF:
        return QSizeF(0, 0)

    def drawObject(self, painter, rect, doc, position, format) -> None:
        pass


class MarkdownView(QTextBrowser):
    """Read-only rendered Markdown. It never loads a resource of any kind, local or remote,
    and a link opens only on a click, only if http(s) or mailto, and then outside the program.

    The sanitiser already removes images and unsafe links; this view does not rely on that:
    whatever HTML is set on it, the same guarantees hold.
    """

    link_opened = Signal(QUrl)
    """A link was clicked and handed to the system (its browser or mail program)."""
    link_refused = Signal(QUrl)
    """A link was clicked that a note may not open (javascript:, file:, a relative path...)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._markdown = ""
        self._top_heading = 1
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.setFrameShape(QFrame.Shape.NoFrame)
        font = self.font()
        font.setPointSizeF(NOTE_POINT_SIZE)
        self.setFont(font)
        self._images_never_loaded = _ImagesNeverLoaded(self)
        self.document().setDocumentMargin(12)
        self.document().setDefaultStyleSheet(PREVIEW_STYLESHEET)
        self._guard_document()
        self.anchorClicked.connect(self._follow_link)
        self.highlighted.connect(self._show_link_target)

    # ---- showing notes

    def setMarkdown(self, text: str, top_heading: int = 1) -> None:
        """Show `text` rendered by our sanitising renderer, never Qt's own Markdown reader."""
        self._markdown = text
        self._top_heading = top_heading
        html = render_markdown(text, top_heading=top_heading)
        # Qt, unlike a browser, shows the newline that ends every code block as an empty line.
        self.setHtml(html.replace("\n</code></pre>", "</code></pre>"))

    def markdown(self) -> str:
        """The Markdown last given to `setMarkdown`."""
        return self._markdown

    def refresh(self, text: str) -> None:
        """Show new Markdown without jumping away from the part the reader is looking at."""
        bar = self.verticalScrollBar()
        at_end = bar.value() >= bar.maximum() > 0
        position = bar.value()
        self.setMarkdown(text, self._top_heading)
        bar.setValue(bar.maximum() if at_end else position)

    def setHtml(self, html: str) -> None:
        self._guard_document()
        super().setHtml(html)

    # ---- the safety guarantees

    def _guard_document(self) -> None:
        self.document().documentLayout().registerHandler(
            QTextFormat.ObjectTypes.ImageObject.value, self._images_never_loaded)

    def loadResource(self, type: int, name: QUrl) -> QByteArray:
        # An empty QByteArray, not None: QTextDocument reads a file:// or data: URL itself when
        # the view answers with a null value, which is exactly what must never happen.
        log.debug("refused to load a resource for a note: %s", name.toString())
        return QByteArray()

    def doSetSource(self, name: QUrl, type=None) -> None:
        # QTextBrowser would read the file at `name` (setSource, home, backward all end here);
        # a note view only shows what it is given.
        log.debug("refused to navigate a note view to %s", name.toString())

    def _follow_link(self, url: QUrl) -> None:
        if is_openable_link(url):
            open_external_link(url)
            self.link_opened.emit(url)
        else:
            log.info("a note link was not opened: %r", url.toString()[:200])
            self.link_refused.emit(url)

    def _show_link_target(self, url: QUrl) -> None:
        # Where a link goes, before anyone clicks it.
        if url.isEmpty():
            QToolTip.hideText()
        else:
            shown = url.toDisplayString() if is_openable_link(url) else "This link cannot be opened"
            QToolTip.showText(QCursor.pos(), shown, self)


class MarkdownEditor(QWidget):
    """A Markdown text beside its live, sanitised preview."""

    edited = Signal(str)
    """The user changed the text (not emitted by `setText`); carries the new Markdown."""

    def __init__(self, parent: QWidget | None = None, *, top_heading: int = 1) -> None:
        super().__init__(parent)
        self.setObjectName("markdownEditor")
        self._top_heading = top_heading

        self._source = QPlainTextEdit()
        self._source.setObjectName("markdownSource")
        self._source.setPlaceholderText(PLACEHOLDER)
        self._source.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self._source.setFrameShape(QFrame.Shape.NoFrame)
        source_font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        source_font.setPointSizeF(NOTE_POINT_SIZE)
        source_font.setStyleHint(QFont.StyleHint.Monospace)
        self._source.setFont(source_font)
        self._source.document().setDocumentMargin(10)
        self._source.setTabStopDistance(4 * self._source.fontMetrics().horizontalAdvance(" "))

        self._preview = MarkdownView()
        self._preview.setObjectName("markdownPreview")
        self._preview.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self._preview.setMarkdown("", top_heading)

        self._splitter = QSplitter(Qt.Orientation.Horizontal)
        self._splitter.setChildrenCollapsible(False)
        self._splitter.setHandleWidth(1)
        self._splitter.addWidget(_titled("Markdown", self._source))
        self._splitter.addWidget(_titled("Preview", self._preview))
        self._splitter.setSizes([1, 1])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._splitter)
        self.setStyleSheet(EDITOR_STYLESHEET)

        self._timer = after_pause(self, PREVIEW_DELAY_MS, self.flush_preview)
        self._source.textChanged.connect(self._on_source_changed)
        self.setFocusProxy(self._source)

    # ---- the text

    def text(self) -> str:
        return self._source.toPlainText()

    def setPlaceholderText(self, text: str) -> None:
        """What an empty note says, e.g. the section's guidance question."""
        self._source.setPlaceholderText(text)

    def setText(self, text: str) -> None:
        """Show `text` and its preview at once; this is loading, not editing: no `edited`."""
        with QSignalBlocker(self._source):
            self._source.setPlainText(text)
        self._timer.stop()
        self._preview.setMarkdown(text, self._top_heading)

    # ---- the parts, for layouts and tests

    @property
    def source(self) -> QPlainTextEdit:
        return self._source

    @property
    def preview(self) -> MarkdownView:
        return self._preview

    def flush_preview(self) -> None:
        """Bring the preview up to date now rather than after the typing pause."""
        self._timer.stop()
        self._preview.refresh(self.text())

    def _on_source_changed(self) -> None:
        self._timer.start()  # restarts: the preview waits for a pause in typing
        self.edited.emit(self.text())


EDITOR_STYLESHEET = """
QWidget#markdownEditor QSplitter::handle { background: #dfe4eb; }
QWidget#markdownPane { background: #ffffff; }
QLabel#markdownPaneTitle {
    color: #627d98; font-size: 8.5pt; font-weight: 600;
    padding: 6px 12px 4px 12px; background: #f7f9fc; border-bottom: 1px solid #e8ebf0;
}
QPlainTextEdit#markdownSource { background: #fbfcfd; color: #1f2933; }
QTextBrowser#markdownPreview { background: #ffffff; }
"""


def _titled(title: str, body: QWidget) -> QWidget:
    pane = QWidget()
    pane.setObjectName("markdownPane")
    pane.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    label = QLabel(title.upper())
    label.setObjectName("markdownPaneTitle")
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(label)
    layout.addWidget(body, 1)
    return pane
