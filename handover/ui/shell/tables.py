"""The tables of the screens: a table model over rows with ids, the table built around it and
its column widths, the cell painters, and following the row the user chose."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from handover.ui.shell.words import (
    ID_ROLE,
    INK,
    MAIN_ROLE,
    MUTED,
    NOTE_COLOUR_ROLE,
    NOTE_ROLE,
    PIPS_ROLE,
    ROOT,
    SORT_ROLE,
)

# ---------------------------------------------------------------- table models and views

NOT_ANSWERED = object()  # a role a shared cell leaves to its model


def date_cell(role: int, main: str, note: str, colour: str, day: dt.date | None):
    """What a two-part date cell ("4 Dec 2026 · overdue 3 days") holds for the roles every
    such cell answers alike: its text, its two parts, the note's colour and the sort key (a
    missing date last). NOT_ANSWERED for any other role, which the model answers itself."""
    if role == Qt.ItemDataRole.DisplayRole:
        return f"{main} \u00b7 {note}" if note else main
    if role == MAIN_ROLE:
        return main
    if role == NOTE_ROLE:
        return note or None
    if role == NOTE_COLOUR_ROLE:
        return colour
    if role == SORT_ROLE:
        return day.toordinal() if day else 10**7
    return NOT_ANSWERED


Row = TypeVar("Row")


class RowsModel(QAbstractTableModel, Generic[Row]):
    """A table over a list of light rows that each have an `id`. Subclasses name their
    columns and say what each cell holds for a role in `cell`."""

    HEADERS: ClassVar[tuple[str, ...]] = ()
    HEADER_TIPS: ClassVar[dict[int, str]] = {}
    RIGHT_ALIGNED: ClassVar[frozenset[int]] = frozenset()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[Row] = []
        self._where: dict[int, int] = {}

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._where = {row.id: i for i, row in enumerate(self._rows)}  # type: ignore[attr-defined]
        self.endResetModel()

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_at(self, number: int) -> Row:
        return self._rows[number]

    def row_of(self, record_id: int) -> int | None:
        """The line number of the record with `record_id`; None when it is not listed."""
        return self._where.get(record_id)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.HEADER_TIPS.get(section)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(section)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == ID_ROLE:
            return row.id  # type: ignore[attr-defined]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(index.column())
        return self.cell(row, index.column(), role)

    def cell(self, row: Row, column: int, role: int) -> Any:
        raise NotImplementedError

    def _alignment(self, column: int) -> Qt.AlignmentFlag:
        horizontal = (Qt.AlignmentFlag.AlignRight if column in self.RIGHT_ALIGNED
                      else Qt.AlignmentFlag.AlignLeft)
        return horizontal | Qt.AlignmentFlag.AlignVCenter


class RowsFilter(QSortFilterProxyModel):
    """A proxy whose rows a screen's filters narrow: `change_filter(apply)` runs the change
    of filter between the calls that tell the view, in the Qt version at hand."""

    def change_filter(self, apply: Callable[[], None]) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later
            self.beginFilterChange()
            apply()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            apply()
            self.invalidateRowsFilter()


def make_table(model, *, object_name: str, row_padding: int = 16, lines: int = 1,
               view: QTableView | None = None) -> QTableView:
    """A read-only, row-selecting table in the program's look, `lines` of text a row: a new
    QTableView, or `view` (of a subclass) set up the same way."""
    table = view if view is not None else QTableView()
    table.setObjectName(object_name)
    table.setModel(model)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setIconSize(QSize(12, 12))
    vertical = table.verticalHeader()
    vertical.hide()
    # A fixed row height: the view never measures a thousand rows one by one.
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(table.fontMetrics().height() * lines + row_padding)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setMinimumSectionSize(48)
    header.setStretchLastSection(False)
    return table


def fit_columns(table: QTableView, samples: dict[int, Sequence[str]], *,
                extra: dict[int, int] | None = None, stretch: int | None = None) -> None:
    """Size each column to fit its heading or its widest sample text; `stretch` takes the
    width that is left."""
    cells = table.fontMetrics()
    bold = QFont(table.font())
    bold.setWeight(QFont.Weight.DemiBold)
    headings = QFontMetrics(bold)
    header = table.horizontalHeader()
    model = table.model()
    sortable = table.isSortingEnabled()
    for column, texts in samples.items():
        heading = model.headerData(column, Qt.Orientation.Horizontal) or ""
        # a cell's padding (8 a side), text margins (3 a side) and a little air; a heading's
        # padding (8 a side) and, where the table sorts, room for the arrow
        cell = max(cells.horizontalAdvance(t) for t in texts) + 28 + (extra or {}).get(column, 0)
        head = headings.horizontalAdvance(heading) + 20 + (14 if sortable else 0)
        header.resizeSection(column, max(cell, head))
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def _paint_cell_background(option: QStyleOptionViewItem, painter: QPainter, index: QModelIndex,
                           delegate: QStyledItemDelegate) -> tuple[QStyleOptionViewItem, QRect]:
    """Paint a cell's background, selection and icon as the style does, and return the
    option and the rectangle its text goes in."""
    opt = QStyleOptionViewItem(option)
    delegate.initStyleOption(opt, index)
    widget = opt.widget
    style = widget.style() if widget is not None else QApplication.style()
    text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
    opt.text = ""
    style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
    return opt, text_rect


def _colour(value: object, default: str) -> QColor:
    if isinstance(value, QBrush):
        return value.color()
    if isinstance(value, (QColor, str)):
        return QColor(value)
    return QColor(default)


class NoteDelegate(QStyledItemDelegate):
    """Paints a cell as its main text and a quieter note: after it on the same line
    ("12 Oct 2026  overdue 21 days"), or, `stacked`, on a second line under it. Each part
    is elided on its own; a cell without a note is painted as usual."""

    GAP = 8
    TEXT_MARGIN = 3  # what the style leaves either side of an item's text

    def __init__(self, parent=None, *, stacked: bool = False):
        super().__init__(parent)
        self.stacked = stacked

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex):
        note = index.data(NOTE_ROLE)
        if not note:
            super().paint(painter, option, index)
            return
        opt, text_rect = _paint_cell_background(option, painter, index, self)
        rect = text_rect.adjusted(self.TEXT_MARGIN, 0, -self.TEXT_MARGIN, 0)
        main = index.data(MAIN_ROLE) or ""
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        main_colour = _colour(index.data(Qt.ItemDataRole.ForegroundRole),
                              "#14213d" if selected else INK)
        note_colour = _colour(index.data(NOTE_COLOUR_ROLE), MUTED)
        note_font = QFont(opt.font)
        note_font.setWeight(QFont.Weight.Normal)
        note_font.setPointSizeF(max(7.0, opt.font.pointSizeF() - 0.75))
        metrics, note_metrics = QFontMetrics(opt.font), QFontMetrics(note_font)
        left = Qt.AlignmentFlag.AlignLeft
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(main_colour)
        if self.stacked:
            gap = 2
            height = metrics.height() + gap + note_metrics.height()
            top = rect.top() + (rect.height() - height) // 2
            painter.drawText(QRect(rect.left(), top, rect.width(), metrics.height()),
                             left | Qt.AlignmentFlag.AlignTop,
                             metrics.elidedText(main, Qt.TextElideMode.ElideRight, rect.width()))
            painter.setFont(note_font)
            painter.setPen(note_colour)
            painter.drawText(QRect(rect.left(), top + metrics.height() + gap, rect.width(),
                                   note_metrics.height()), left | Qt.AlignmentFlag.AlignTop,
                             note_metrics.elidedText(note, Qt.TextElideMode.ElideRight,
                                                     rect.width()))
        else:
            middle = left | Qt.AlignmentFlag.AlignVCenter
            main_width = min(metrics.horizontalAdvance(main) + 2, rect.width())
            painter.drawText(QRect(rect.left(), rect.top(), main_width, rect.height()), middle,
                             metrics.elidedText(main, Qt.TextElideMode.ElideRight, main_width))
            rest = rect.adjusted(main_width + self.GAP, 0, 0, 0)
            if rest.width() > 12:
                painter.setFont(note_font)
                painter.setPen(note_colour)
                painter.drawText(rest, middle, note_metrics.elidedText(
                    note, Qt.TextElideMode.ElideRight, rest.width()))
        painter.restore()


class PipsDelegate(QStyledItemDelegate):
    """Paints a 1..5 rating as five pips, the first `n` filled."""

    PIP = 7
    STEP = 11

    def __init__(self, colour: str = "#3d5a80", parent=None):
        super().__init__(parent)
        self.colour = QColor(colour)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex):
        value = index.data(PIPS_ROLE)
        if value is None:
            super().paint(painter, option, index)
            return
        opt, text_rect = _paint_cell_background(option, painter, index, self)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        x = text_rect.left() + NoteDelegate.TEXT_MARGIN
        y = opt.rect.center().y() - self.PIP / 2 + 1
        for n in range(1, 6):
            filled = n <= value
            painter.setPen(Qt.PenStyle.NoPen if filled else QPen(QColor("#c9d1dc"), 1))
            painter.setBrush(self.colour if filled else QColor("#ffffff"))
            painter.drawEllipse(QRectF(x + (n - 1) * self.STEP, y, self.PIP, self.PIP))
        painter.restore()

    def sizeHint(self, option, index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(max(size.width(), 20 + 5 * self.STEP), size.height())


# ---------------------------------------------------------------- the chosen row


def follow_chosen_row(table: QTableView, current_changed: Callable[[QModelIndex, QModelIndex],
                                                                  None],
                      selection_changed: Callable[[], None]) -> None:
    """Wire a record tab's table to what follows its chosen row: `current_changed(current,
    previous)` (the notes shown) when the current row moves, `selection_changed()` (the
    buttons that need a selected row) when the selection changes. A mouse click moves the
    current row before it selects it, so buttons that asked only on the move found no row
    selected yet and stayed disabled until a key was pressed."""
    selection = table.selectionModel()
    selection.currentRowChanged.connect(current_changed)
    selection.selectionChanged.connect(lambda _selected, _deselected: selection_changed())


def chosen_record(tab, record_class):
    """The record selected in a record tab, or None when none is or the workspace is
    read-only."""
    record_id = tab.selected_id()
    if record_id is None or tab.session.ws.read_only:
        return None
    return tab.session.ws.get(record_class, record_id)


def selected_row_id(tab) -> int | None:
    """The id of the record on a record tab's current row, when that row is selected."""
    selection = tab.table.selectionModel()
    index = selection.currentIndex()
    if not index.isValid() or not selection.isRowSelected(index.row(), QModelIndex()):
        return None
    return index.data(ID_ROLE)


def select_row(tab, record_id: int) -> bool:
    """Make the record's row a record tab's current, selected row and scroll to it; False
    when the record is not in the tab or its filters hide it."""
    row = tab.model.row_of(record_id)
    if row is None:
        return False
    index = tab.proxy.mapFromSource(tab.model.index(row, 0))
    if not index.isValid():
        return False
    tab.table.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)
    tab.table.scrollTo(index)
    return True
