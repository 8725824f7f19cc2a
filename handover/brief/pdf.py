"""The brief as PDF: the brief's HTML laid out by Qt's text engine on A4 or Letter pages and
written with QPdfWriter, with a header (account, status) and a footer (page X of Y, the date,
the sign-off hash) painted on every page.

The document never fetches anything. Qt's text engine, asked for an image or stylesheet it
was not given, would read it from disk itself (QTextDocument::loadResource falls back to the
file system, and its image handler to QImage::load), so the brief's document refuses every
resource and draws images through a handler of its own that knows only the charts handed to
it. The sanitiser already keeps images out of notes; this holds whatever the HTML says.

Layout is done on the PDF writer itself (its resolution, fonts in points), so what is measured
is what is printed: the document is laid out once as one long page, pages.py cuts it where
nothing is split (a table row, a line, a heading from its text) and each page draws its band
of the layout, with a table's header rows repeated above a band that continues a table."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMarginsF,
    QPointF,
    QRectF,
    QSizeF,
    Qt,
    QUrl,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPdfWriter,
    QPen,
    QPyTextObject,
    QTextDocument,
    QTextFormat,
)

from handover.brief.data import BriefData
from handover.brief.html import build_brief_html
from handover.brief.markup import CHART_URL, TOC_PREFIX, stylesheet
from handover.brief.pages import paginate
from handover.domain.checker import day

log = logging.getLogger(__name__)

PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
RESOLUTION = 300  # of the layout, in dots per inch; the PDF itself is vector
# Page margins in millimetres; the header and footer sit in the top and bottom ones.
MARGIN_SIDE_MM = 18.0
MARGIN_TOP_MM = 22.0
MARGIN_BOTTOM_MM = 20.0
HEADER_GAP_MM = 7.0  # from the top of the text to the header's rule
FOOTER_GAP_MM = 7.0  # from the bottom of the text to the footer's rule
_HAIR = 0.5  # device pixels

INK = QColor("#1f2933")
MUTED = QColor("#6b7685")
RULE = QColor("#d5dbe3")
_FAMILIES = ["Segoe UI", "Helvetica Neue", "Arial", "DejaVu Sans"]
_MONO = ["DejaVu Sans Mono", "Menlo", "Consolas", "Courier New"]


class _ChartImages(QPyTextObject):
    """Draws the images a BriefDocument was given, and nothing else: an <img> naming
    anything but a given chart takes no space and reads nothing."""

    def __init__(self, document: BriefDocument):
        super().__init__(document)
        self._document = document

    def _image(self, fmt: QTextFormat) -> QImage | None:
        return self._document.images.get(fmt.toImageFormat().name())

    def _scale(self, doc: QTextDocument) -> float:
        # <img width=...> is in px at 96 dpi, as in a browser; the layout may be on a
        # printer's device with its own resolution.
        device = doc.documentLayout().paintDevice()
        return device.logicalDpiY() / 96.0 if device is not None else 1.0

    def intrinsicSize(self, doc, position, fmt) -> QSizeF:
        image = self._image(fmt)
        if image is None:
            return QSizeF(0, 0)
        f = fmt.toImageFormat()
        width = f.width() if f.width() > 0 else image.width()
        height = f.height() if f.height() > 0 else image.height() * width / image.width()
        scale = self._scale(doc)
        return QSizeF(width * scale, height * scale)

    def drawObject(self, painter, rect, doc, position, fmt) -> None:
        image = self._image(fmt)
        if image is not None:
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(rect, image)
            painter.restore()


class BriefDocument(QTextDocument):
    """A text document that loads nothing of its own accord: only the images it is given
    (by the names the HTML uses for them) are ever drawn. `refused` lists what it was asked
    for and did not load, for tests and the log."""

    def __init__(self, images: dict[str, QImage] | None = None, parent=None):
        super().__init__(parent)
        self.images: dict[str, QImage] = dict(images or {})
        self.refused: list[str] = []
        self._handler = _ChartImages(self)
        self._guard()
        for name, image in self.images.items():
            self.addResource(QTextDocument.ResourceType.ImageResource.value, QUrl(name),
                             image)

    def _guard(self) -> None:
        self.documentLayout().registerHandler(QTextFormat.ObjectTypes.ImageObject.value,
                                              self._handler)

    def loadResource(self, type: int, name: QUrl) -> QByteArray:
        # An empty QByteArray, not None: given a null value, QTextDocument reads file: and
        # data: URLs itself.
        self.refused.append(name.toString())
        log.debug("the brief refused to load %s", name.toString()[:200])
        return QByteArray()


def chart_images(charts: dict[str, QImage | bytes] | None) -> dict[str, QImage]:
    """The charts as the document's named images (PNG bytes are decoded)."""
    images = {}
    for key, image in (charts or {}).items():
        if isinstance(image, (bytes, bytearray)):
            image = QImage.fromData(bytes(image), "PNG")
        if not image.isNull():
            images[CHART_URL.format(key)] = image
    return images


def brief_document(data: BriefData, *, charts: dict[str, QImage | bytes] | None = None,
                   device: QPaintDevice | None = None) -> BriefDocument:
    """The brief as a guarded text document, laid out for `device` (a PDF writer or
    printer; None for the screen). The caller sets its text width and, to print it, cuts
    it into pages with `pages.paginate`."""
    document = BriefDocument(chart_images(charts))
    if device is not None:
        document.documentLayout().setPaintDevice(device)
    document.setDefaultFont(_font(9.5))
    document.setDocumentMargin(0)
    document.setDefaultStyleSheet(stylesheet())
    document.setHtml(build_brief_html(data, charts=charts, for_print=True))
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, data.title)
    return document


# ---------------------------------------------------------------- the PDF


def page_layout(page_size: str) -> QPageLayout:
    try:
        size = QPageSize(PAGE_SIZES[page_size])
    except KeyError:
        raise ValueError(f"page size {page_size!r} is not one of: "
                         f"{', '.join(PAGE_SIZES)}") from None
    return QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0),
                       QPageLayout.Unit.Millimeter)


def write_brief_pdf(data: BriefData, target: str | Path | QIODevice, *,
                    charts: dict[str, QImage | bytes] | None = None,
                    page_size: str = "A4") -> int:
    """Write the brief as a PDF to `target` (a file name or an open QIODevice) and return
    its number of pages. Needs a QGuiApplication; safe in a worker thread."""
    writer = QPdfWriter(str(target) if isinstance(target, (str, Path)) else target)
    writer.setPageLayout(page_layout(page_size))
    writer.setResolution(RESOLUTION)
    writer.setTitle(data.title)
    writer.setCreator(f"Handover {data.version}".strip())
    writer.setAuthor(data.name(data.handover.outgoing_id))

    dots = RESOLUTION / 25.4
    body = QRectF(MARGIN_SIDE_MM * dots, MARGIN_TOP_MM * dots,
                  writer.width() - 2 * MARGIN_SIDE_MM * dots,
                  writer.height() - (MARGIN_TOP_MM + MARGIN_BOTTOM_MM) * dots)

    document = brief_document(data, charts=charts, device=writer)
    document.setTextWidth(body.width())  # one long page, cut into pages below
    pagination = paginate(document, body.height())
    pages = pagination.pages

    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write the PDF {target}")
    try:
        for number, page in enumerate(pages, start=1):
            if number > 1:
                writer.newPage()
            y = body.top()
            if page.header:
                _draw_part(painter, document, body.left(), y, body.width(), *page.header)
                y += page.header[1] - page.header[0]
            _draw_part(painter, document, body.left(), y, body.width(), page.top, page.bottom)
            _contents_page_numbers(painter, pagination, number - 1, body.left(), y)
            _header_and_footer(painter, data, number, len(pages), body, dots)
    finally:
        painter.end()
    if document.refused:
        log.info("the brief refused %d resource(s)", len(document.refused))
    return len(pages)


def _contents_page_numbers(painter: QPainter, pagination, index: int, x: float,
                           y: float) -> None:
    """Write, in the contents on page `index`, the page each part starts on."""
    page = pagination.pages[index]
    painter.save()
    painter.setFont(_font(9.5))
    painter.setPen(MUTED)
    for name, (left, top, width, height) in pagination.anchors.items():
        if not name.startswith(TOC_PREFIX) or not page.top <= top < page.bottom:
            continue
        target = pagination.headings.get(name.removeprefix(TOC_PREFIX))
        if target is None:
            continue
        number = str(pagination.page_of(target) + 1)
        rect = QRectF(x + left, y + top - page.top, width, height)
        painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         number)
    painter.restore()


def _draw_part(painter: QPainter, document: QTextDocument, x: float, y: float, width: float,
               top: float, bottom: float) -> None:
    """Draw the band `top`..`bottom` of the long layout with its top at (x, y)."""
    painter.save()
    painter.translate(x, y - top)
    # A hair inside the band: Qt draws every line that touches the clip, and a line that
    # only touches it belongs to the next page (clipped out of sight, its text would still
    # be in the PDF, found by search and copy).
    document.drawContents(painter, QRectF(0, top + _HAIR, width, bottom - top - 2 * _HAIR))
    painter.restore()


def brief_pdf_bytes(data: BriefData, *, charts: dict[str, QImage | bytes] | None = None,
                    page_size: str = "A4") -> bytes:
    """The brief as PDF bytes (for a preview in QPdfDocument, say)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    write_brief_pdf(data, buffer, charts=charts, page_size=page_size)
    buffer.close()
    return bytes(buffer.data())


def _font(points: float, *, bold: bool = False, mono: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(_MONO if mono else _FAMILIES)
    font.setPointSizeF(points)
    font.setBold(bold)
    # No ligatures: with them, "flight" is stored as "ﬂight" and a reader's search for the
    # word, or a copy of it, fails.
    font.setFeature(QFont.Tag("liga"), 0)
    return font


def _header_and_footer(painter: QPainter, data: BriefData, page: int, pages: int,
                       body: QRectF, dots: float) -> None:
    line = 0.25 * dots  # a hairline: a quarter of a millimetre
    left, right, width = body.left(), body.right(), body.width()
    painter.save()
    painter.setPen(QPen(RULE, line))
    header_y = body.top() - HEADER_GAP_MM * dots
    footer_y = body.bottom() + FOOTER_GAP_MM * dots
    painter.drawLine(QPointF(left, header_y), QPointF(right, header_y))
    painter.drawLine(QPointF(left, footer_y), QPointF(right, footer_y))

    text_h = 5 * dots
    top = QRectF(left, header_y - text_h - 1 * dots, width, text_h)
    painter.setPen(INK)
    painter.setFont(_font(8, bold=True))
    account = painter.fontMetrics().elidedText(data.account.name, Qt.TextElideMode.ElideRight,
                                               int(width * 0.6))
    painter.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, account)
    painter.setFont(_font(8))
    painter.setPen(MUTED)
    painter.drawText(top, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                     f"Handover brief \u00b7 {data.status_label}")

    bottom = QRectF(left, footer_y + 1 * dots, width, text_h)
    painter.setFont(_font(8))
    where = f"{day(data.today)}   \u00b7   Page {page} of {pages}"
    painter.drawText(bottom, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, where)
    room = int(width - painter.fontMetrics().horizontalAdvance(where) - 4 * dots)
    painter.setFont(_font(6.5, mono=True))
    seal = painter.fontMetrics().elidedText(data.footer_hash, Qt.TextElideMode.ElideMiddle,
                                            room)
    painter.drawText(bottom, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, seal)
    painter.restore()
