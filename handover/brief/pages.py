"""Where the printed brief's pages break.

Qt's own pagination (QTextDocument.setPageSize) splits a table row across two pages whenever
its first line fits, and ends pages with a heading whose text is on the next. A brief with
hundreds of concessions should do neither, so the brief is laid out once as one long page and
cut here into pages at places that split nothing:

- never inside a line of text or an image;
- never inside a table row (unless the row alone is taller than a page, when it breaks
  between its lines);
- never between a heading and the first lines of what it heads;
- always before a block that asks for a page break (`page-break-before: always`).

A page that starts inside a table repeats the table's header rows above it. Each page is then
drawn by clipping the one long layout, so what is measured is exactly what is printed."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from PySide6.QtGui import QTextBlock, QTextDocument, QTextFormat, QTextFrame, QTextTable

_EPS = 0.5  # device pixels: positions closer than this are the same place
_SMALL_TABLE = 120  # cells; small tables are searched for anchors
_KEEP_UNITS = 2  # single-line blocks a heading reaches over to keep what it heads in view


@dataclass(frozen=True)
class Page:
    """The part of the long layout one page shows, top to bottom, and the table header
    rows (a y-range of the layout) to draw above it, if the page continues a table."""

    top: float
    bottom: float
    header: tuple[float, float] | None = None

    @property
    def height(self) -> float:
        header = self.header[1] - self.header[0] if self.header else 0.0
        return self.bottom - self.top + header


@dataclass
class _Table:
    bounds: list[float]  # row r spans bounds[r]..bounds[r + 1]
    header_rows: int

    @property
    def header(self) -> tuple[float, float] | None:
        if self.header_rows <= 0 or self.header_rows >= len(self.bounds) - 1:
            return None
        return self.bounds[0], self.bounds[self.header_rows]


class _Flow:
    """What the pagination needs to know of a laid-out document."""

    def __init__(self, document: QTextDocument, page_height: float):
        self.document = document
        self.layout = document.documentLayout()
        self.page_height = page_height
        self.keep: list[tuple[float, float]] = []  # may not break strictly inside
        self.lines: list[tuple[float, float]] = []  # every line seen: the fallback
        self.tops: list[float] = []  # where content begins: a page starts at one
        self.forced: list[float] = []  # a page must start here
        self.tables: list[_Table] = []
        # Named anchors (<a name>) at the start of a block in a small table: where the
        # block is (a contents' page-number cell, say).
        self.anchors: dict[str, tuple[float, float, float, float]] = {}
        self.headings: dict[str, float] = {}  # an <h1>'s text -> where it is (the first)
        self._heading_top: float | None = None
        self._heading_units = 0
        self._walk(document.rootFrame())
        self.end = self.layout.documentSize().height()

    # ---- collecting

    def _walk(self, frame: QTextFrame) -> None:
        it = frame.begin()
        while not it.atEnd():
            child = it.currentFrame()
            if isinstance(child, QTextTable):
                self._table(child)
            elif child is not None:
                self._walk(child)
            else:
                self._block(it.currentBlock())
            it += 1

    def _line_spans(self, block: QTextBlock) -> list[tuple[float, float]]:
        layout = block.layout()
        if layout is None or layout.lineCount() == 0:
            return []
        base = self.layout.blockBoundingRect(block).top() - layout.boundingRect().top()
        spans = []
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            spans.append((base + line.y(), base + line.y() + line.height()))
        return spans

    def _anchors(self, block: QTextBlock) -> None:
        it = block.begin()
        if it.atEnd():
            return
        names = it.fragment().charFormat().anchorNames()
        if names:
            rect = self.layout.blockBoundingRect(block)
            for name in names:
                self.anchors[name] = (rect.left(), rect.top(), rect.width(), rect.height())

    def _block(self, block: QTextBlock) -> None:
        spans = self._line_spans(block)
        fmt = block.blockFormat()
        if fmt.pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore:
            self.forced.append(self.layout.blockBoundingRect(block).top())
        for span in spans:
            self.keep.append(span)
            self.lines.append(span)
            self.tops.append(span[0])
        if not spans or block.length() <= 1:  # an empty block (as Qt puts after tables)
            return
        if fmt.headingLevel() > 0:
            if fmt.headingLevel() == 1:  # the brief's parts; a note's headings start at h4
                self.headings.setdefault(block.text(), spans[0][0])
            if self._heading_top is None:
                self._heading_top = spans[0][0]
            self._heading_units = 0
            return
        if self._heading_top is not None:
            # The heading stays with the first two lines of what follows it.
            end = spans[min(1, len(spans) - 1)][1]
            self.keep.append((self._heading_top, end))
            self._heading_units += 1
            if len(spans) > 1 or self._heading_units >= _KEEP_UNITS:
                self._heading_top = None

    def _table(self, table: QTextTable) -> None:
        rows, columns = table.rows(), table.columns()
        if rows == 0:
            return
        scale = self._device_scale()
        padding = table.format().cellPadding()
        tops = []
        for r in range(rows):
            top = None
            for c in range(columns):
                cell = table.cellAt(r, c)
                if cell.row() != r or cell.column() != c:
                    continue
                fmt = cell.format().toTableCellFormat()
                pad = fmt.topPadding() if fmt.hasProperty(
                    QTextFormat.Property.TableCellTopPadding) else padding
                y = self.layout.blockBoundingRect(
                    cell.firstCursorPosition().block()).top() - pad * scale
                top = y if top is None else min(top, y)
            tops.append(top if top is not None else (tops[-1] if tops else 0.0))
        frame = self.layout.frameBoundingRect(table)
        bounds = [*tops, max(frame.bottom(), tops[-1])]
        if rows * columns <= _SMALL_TABLE:  # a contents table, say: look for anchors
            for r in range(rows):
                for c in range(columns):
                    self._anchors(table.cellAt(r, c).firstCursorPosition().block())
        info = _Table(bounds, table.format().headerRowCount())
        self.tables.append(info)
        if table.frameFormat().pageBreakPolicy() & \
                QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore:
            self.forced.append(bounds[0])
        header = info.header
        room = self.page_height - (header[1] - header[0] if header else 0.0)
        for r in range(rows):
            span = (bounds[r], bounds[r + 1])
            self.tops.append(span[0])
            if span[1] - span[0] <= room:
                self.keep.append(span)
            else:  # taller than a page: it has to break, but between lines
                self._cell_lines(table, r)
        if self._heading_top is not None:
            first_body = min(info.header_rows + 1, rows)
            self.keep.append((self._heading_top, bounds[first_body]))
            self._heading_top = None

    def _cell_lines(self, table: QTextTable, row: int) -> None:
        for c in range(table.columns()):
            cell = table.cellAt(row, c)
            block = cell.firstCursorPosition().block()
            last = cell.lastCursorPosition().block()
            while block.isValid():
                for span in self._line_spans(block):
                    self.keep.append(span)
                    self.lines.append(span)
                if block == last:
                    break
                block = block.next()

    def _device_scale(self) -> float:
        device = self.layout.paintDevice()
        return device.logicalDpiY() / 96.0 if device is not None else 1.0

    # ---- cutting

    def pages(self) -> list[Page]:
        keep = _merge(self.keep)
        starts = [a for a, _ in keep]
        tops = sorted(set(self.tops))
        forced = sorted(set(self.forced))
        pages: list[Page] = []
        top = tops[0] if tops else 0.0
        while top < self.end - _EPS:
            header = self._header_at(top)
            room = self.page_height - (header[1] - header[0] if header else 0.0)
            limit = top + room
            bottom = None
            i = bisect.bisect_right(forced, top + _EPS)
            if i < len(forced) and forced[i] <= limit:
                bottom = forced[i]
            elif limit >= self.end:
                bottom = self.end
            else:
                bottom = _break_before(keep, starts, limit, top)
                if bottom is None:  # nothing fits whole: break between lines at least
                    lines = _merge(self.lines)
                    bottom = _break_before(lines, [a for a, _ in lines], limit, top) or limit
            pages.append(Page(top, bottom, header))
            j = bisect.bisect_left(tops, bottom - _EPS)
            top = max(tops[j], bottom) if j < len(tops) else self.end
        return pages or [Page(0.0, max(self.end, 1.0))]

    def _header_at(self, y: float) -> tuple[float, float] | None:
        for table in self.tables:
            header = table.header
            if header and header[1] - _EPS <= y < table.bounds[-1] - _EPS:
                return header
        return None


def _merge(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Overlapping spans joined; spans that merely touch stay apart (a break may go there)."""
    merged: list[list[float]] = []
    for a, b in sorted(spans):
        if b - a <= _EPS:
            continue
        if merged and a < merged[-1][1] - _EPS:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def _break_before(spans, starts, limit: float, top: float) -> float | None:
    """The lowest place at or above `limit` that is inside none of `spans`, below `top`;
    None when the span at `limit` began at `top` already."""
    i = bisect.bisect_right(starts, limit) - 1
    if i < 0:
        return limit
    a, b = spans[i]
    if b <= limit + _EPS:  # `limit` is past the last span that starts above it
        return limit
    return a if a > top + _EPS else None


@dataclass(frozen=True)
class Pagination:
    pages: list[Page]
    anchors: dict[str, tuple[float, float, float, float]]  # name -> x, y, width, height
    headings: dict[str, float]  # the text of an <h1> -> its y

    def page_of(self, y: float) -> int:
        """The index of the page that shows the layout's `y`."""
        tops = [p.top for p in self.pages]
        return max(0, bisect.bisect_right(tops, y + _EPS) - 1)


def paginate(document: QTextDocument, page_height: float) -> Pagination:
    """The pages of `document`, laid out as one long page (its text width set, no page
    height), each at most `page_height` high including a repeated table header, and where
    its named anchors are."""
    flow = _Flow(document, page_height)
    return Pagination(flow.pages(), flow.anchors, flow.headings)
