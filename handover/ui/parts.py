"""The widgets several screens share: a table model over rows with ids and the table built
around it, the cell painters, the pickers, the field-by-field validation messages of the
editors, the look of the tabs, the helpers of a tab's edit buttons, a summary card."""

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
    Qt,
    Signal,
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
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from handover.domain.errors import ValidationError
from handover.domain.words import ATTITUDE_WORDS, SENTIMENT_WORDS
from handover.ui.text import plain_label
from handover.ui.words import (
    ACCENT,
    DANGER,
    ID_ROLE,
    INK,
    MAIN_ROLE,
    MISSING,
    MUTED,
    NOTE_COLOUR_ROLE,
    NOTE_ROLE,
    PIPS_ROLE,
    ROOT,
    SCALE_TEXT,
    SCALE_TINT,
    from_qdate,
    signed,
    to_qdate,
)

# ---------------------------------------------------------------- table models and views

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


# ---------------------------------------------------------------- pickers


class ScalePicker(QWidget):
    """A row of buttons of which one (or, for a rating not yet given, none) is chosen:
    attitude from hostile to advocate, sentiment, influence 1..5."""

    value_changed = Signal(object)

    def __init__(self, options: Sequence[tuple[object, str, str]], parent=None, *,
                 tips: dict[object, str] | None = None, min_button_width: int = 0):
        """`options` are (value, text, colour); the colour marks the chosen button."""
        super().__init__(parent)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._buttons: dict[object, QPushButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        last = len(options) - 1
        for number, (value, text, colour) in enumerate(options):
            button = QPushButton(text)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.setObjectName("scaleButton")
            # wide enough for the text in bold, as it is shown when chosen
            bold = QFont(button.font())
            bold.setWeight(QFont.Weight.DemiBold)
            button.setMinimumWidth(max(min_button_width,
                                       QFontMetrics(bold).horizontalAdvance(text) + 24))
            if tips and value in tips:
                button.setToolTip(tips[value])
            left = "6px" if number == 0 else "0px"
            right = "6px" if number == last else "0px"
            border_left = "1px solid #cfd6df" if number == 0 else "none"
            tint = SCALE_TINT.get(value, "#e8eefb") if isinstance(value, int) or value is None \
                else "#e8eefb"
            button.setStyleSheet(
                f"QPushButton {{ background: #ffffff; color: #334155; padding: 5px 10px;"
                f" border: 1px solid #cfd6df; border-left: {border_left};"
                f" border-top-left-radius: {left}; border-bottom-left-radius: {left};"
                f" border-top-right-radius: {right}; border-bottom-right-radius: {right}; }}"
                f" QPushButton:hover {{ background: #f3f6fa; }}"
                f" QPushButton:checked {{ background: {tint}; color: {colour};"
                f" font-weight: 600; border-bottom: 2px solid {colour}; }}")
            self._group.addButton(button, number)
            self._buttons[value] = button
            layout.addWidget(button)
        layout.addStretch(1)
        self._values = [value for value, _, _ in options]
        self._group.idToggled.connect(self._toggled)

    def _toggled(self, number: int, checked: bool) -> None:
        if checked:
            self.value_changed.emit(self._values[number])

    def value(self) -> object:
        """The chosen value; None when nothing is chosen."""
        checked = self._group.checkedId()
        return None if checked < 0 else self._values[checked]

    def set_value(self, value: object) -> None:
        """Choose `value`; a value that is not an option clears the choice."""
        button = self._buttons.get(value)
        if button is not None:
            button.setChecked(True)
            return
        self._group.setExclusive(False)
        for each in self._buttons.values():
            each.setChecked(False)
        self._group.setExclusive(True)

    def button(self, value: object) -> QPushButton:
        return self._buttons[value]


def attitude_picker(parent=None) -> ScalePicker:
    options = [(None, "Unknown", SCALE_TEXT[None])]
    options += [(v, ATTITUDE_WORDS[v], SCALE_TEXT[v]) for v in (-2, -1, 0, 1, 2)]
    return ScalePicker(options, parent, tips={v: f"{signed(v)}" for v in (-2, -1, 0, 1, 2)})


def sentiment_picker(parent=None) -> ScalePicker:
    options = [(v, SENTIMENT_WORDS[v], SCALE_TEXT[v]) for v in (-2, -1, 0, 1, 2)]
    return ScalePicker(options, parent, tips={v: signed(v) for v in (-2, -1, 0, 1, 2)})


def rating_picker(words: dict[int, str], parent=None) -> ScalePicker:
    options = [(v, str(v), ACCENT) for v in range(1, 6)]
    return ScalePicker(options, parent, tips={v: f"{v}: {w}" for v, w in words.items()},
                       min_button_width=34)


class OptionalDate(QWidget):
    """A date that may be left out: a tick to say there is one, and the date."""

    def __init__(self, parent=None, *, default: dt.date | None = None, none_text="No date"):
        super().__init__(parent)
        self.check = QCheckBox()
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("d MMM yyyy")
        self.edit.setDate(to_qdate(default or dt.date.today()))
        self.edit.setMinimumWidth(130)
        self.none_label = QLabel(none_text)
        self.none_label.setObjectName("fieldHint")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.check)
        layout.addWidget(self.edit)
        layout.addWidget(self.none_label)
        layout.addStretch(1)
        self.check.toggled.connect(self._toggled)
        self._toggled(False)

    def _toggled(self, on: bool) -> None:
        self.edit.setEnabled(on)
        self.none_label.setVisible(not on)

    def value(self) -> dt.date | None:
        return from_qdate(self.edit.date()) if self.check.isChecked() else None

    def set_value(self, day: dt.date | None) -> None:
        if day is not None:
            self.edit.setDate(to_qdate(day))
        self.check.setChecked(day is not None)


def date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(to_qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    edit.setMinimumWidth(130)
    return edit


# ---------------------------------------------------------------- validation messages


class FieldErrors:
    """The message beside each field of a form: the domain's ValidationError names the
    field, and its message appears right under that field until the next try."""

    def __init__(self, labels: dict[str, str]):
        self._names = labels  # field -> its name in the form, e.g. "Due date"
        self._labels: dict[str, QLabel] = {}
        self._widgets: dict[str, QWidget] = {}

    def attach(self, field: str, widget: QWidget, *, grow: bool = False) -> QWidget:
        """`widget` with room for its message under it; put this in the form. Only a
        field that `grow`s (a long text) takes the height the dialog has to spare."""
        label = plain_label()
        label.setObjectName("fieldError")
        label.setWordWrap(True)
        label.setStyleSheet(f"color: {DANGER}; font-size: 8.5pt;")
        label.hide()
        self._labels[field] = label
        self._widgets[field] = widget
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(widget, 1 if grow else 0)
        layout.addWidget(label)
        box.setSizePolicy(QSizePolicy.Policy.Preferred,
                          QSizePolicy.Policy.Expanding if grow else QSizePolicy.Policy.Maximum)
        return box

    def label(self, field: str) -> QLabel:
        return self._labels[field]

    def message(self, field: str) -> str:
        """What the form says beside `field` ("" when it says nothing)."""
        label = self._labels.get(field)
        return label.text() if label is not None and not label.isHidden() else ""

    def show(self, errors: dict[str, str]) -> None:
        for field, label in self._labels.items():
            text = errors.get(field, "")
            label.setText(f"{self._names.get(field, field)} {text}" if text else "")
            label.setVisible(bool(text))
            widget = self._widgets[field]
            if bool(widget.property("invalid")) != bool(text):
                widget.setProperty("invalid", bool(text))  # the style sheet outlines it red
                widget.style().unpolish(widget)
                widget.style().polish(widget)

    def unplaced(self, errors: dict[str, str]) -> dict[str, str]:
        """The errors that have no field in this form."""
        return {f: m for f, m in errors.items() if f not in self._labels}


R = TypeVar("R")


def collect_errors(build: Callable[[dict[str, object]], R], values: dict[str, object],
                   stand_ins: dict[str, object]) -> tuple[R | None, dict[str, str]]:
    """Build a record from `values`, gathering every field the domain refuses, not only the
    first: each refused field is replaced by a valid stand-in and the record built again.
    Returns the record (None if any field was refused) and the messages by field."""
    values = dict(values)
    errors: dict[str, str] = {}
    for _ in range(len(values) + 1):
        try:
            record = build(values)
        except ValidationError as e:
            errors.setdefault(e.field, e.message)
            if e.field not in stand_ins or values.get(e.field) == stand_ins[e.field]:
                return None, errors
            values[e.field] = stand_ins[e.field]
            continue
        return (None if errors else record), errors
    return None, errors


# ---------------------------------------------------------------- the look of the tabs

DETAIL_STYLESHEET = """
QWidget#accountDetail { background: #ffffff; }
QLabel#detailTitle { font-size: 17pt; font-weight: 600; color: #1d2b3f; }
QLabel#detailFacts { color: #5b6675; }
QTabWidget#accountTabs::pane { border: none; border-top: 1px solid #e1e6ed; top: -1px; }
QTabWidget#accountTabs::tab-bar { left: 4px; }
QTabWidget#accountTabs > QTabBar::tab {
    background: transparent; color: #5b6675; padding: 8px 16px 9px 16px; margin-right: 2px;
    border: none; border-bottom: 2px solid transparent; font-weight: 600;
}
QTabWidget#accountTabs > QTabBar::tab:selected { color: #1b4aa5; border-bottom: 2px solid #2f6fde; }
QTabWidget#accountTabs > QTabBar::tab:hover:!selected { color: #1f2933; }
QLabel#sectionTitle { font-size: 10.5pt; font-weight: 600; color: #1d2b3f; }
QLabel#sectionHint, QLabel#fieldHint { color: #8a94a3; }
QLabel#countLabel { color: #6b7685; }
QFrame#card { background: #ffffff; border: 1px solid #e1e6ed; border-radius: 8px; }
QLabel#cardCaption { color: #6b7685; font-size: 8.5pt; font-weight: 600; }
QLabel#cardFigure { font-size: 19pt; font-weight: 600; color: #1d2b3f; }
QLabel#cardNote { color: #6b7685; }
QLabel#readerTitle { font-size: 11.5pt; font-weight: 600; color: #1d2b3f; }
QLabel#readerMeta { color: #5b6675; }
QLabel#pill { border-radius: 9px; padding: 2px 9px; font-weight: 600; font-size: 8.5pt; }
QPushButton#filterButton { padding: 5px 12px; }
QSplitter::handle { background: transparent; }
QComboBox {
    background: #ffffff; border: 1px solid #d5dbe3; border-radius: 6px; padding: 4px 8px;
    min-height: 18px; color: #1f2933;
}
QComboBox:focus { border: 1px solid #2f6fde; }
QComboBox:disabled { background: #f1f3f6; color: #a3acb9; }
QComboBox::drop-down { border: none; width: 22px; }
QComboBox::down-arrow { image: url(icons:sort-down.svg); width: 10px; height: 6px; }
QDateEdit {
    background: #ffffff; border: 1px solid #d5dbe3; border-radius: 6px; padding: 4px 6px;
    min-height: 18px; color: #1f2933;
}
QDateEdit:focus { border: 1px solid #2f6fde; }
QDateEdit:disabled { background: #f1f3f6; color: #a3acb9; }
QDateEdit::drop-down { border: none; width: 22px; }
QDateEdit::down-arrow { image: url(icons:sort-down.svg); width: 10px; height: 6px; }
QPlainTextEdit#formText {
    background: #ffffff; border: 1px solid #d5dbe3; border-radius: 6px; padding: 4px;
}
QPlainTextEdit#formText:focus { border: 1px solid #2f6fde; }
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QComboBox[invalid="true"],
QDateEdit[invalid="true"] { border: 1px solid #c0362c; }
QComboBox QAbstractItemView {
    background: #ffffff; border: 1px solid #d5dbe3; selection-background-color: #dce7fb;
    selection-color: #14213d; outline: none;
}
"""


def section_title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    return label


def pill(text: str, colour: str, tint: str) -> QLabel:
    """A small rounded badge: "At risk", "Overdue"."""
    label = QLabel(text)
    label.setObjectName("pill")
    label.setStyleSheet(f"QLabel#pill {{ color: {colour}; background: {tint}; }}")
    return label


def set_pill(label: QLabel, text: str, colour: str, tint: str) -> None:
    label.setText(text)
    label.setStyleSheet(f"QLabel#pill {{ color: {colour}; background: {tint}; }}")


def button(text: str, *, primary: bool = False, tip: str = "") -> QPushButton:
    widget = QPushButton(text)
    if primary:
        widget.setObjectName("primaryButton")
    if tip:
        widget.setToolTip(tip)
    return widget


def enable_edit_buttons(tab, writable: bool, chosen: bool) -> None:
    """A record tab's Add, Edit and Remove buttons: Add when the workspace can be written,
    Edit and Remove when a record is chosen too."""
    tab.add_button.setEnabled(writable)
    tab.edit_button.setEnabled(writable and chosen)
    tab.remove_button.setEnabled(writable and chosen)


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


class SummaryCard(QFrame):
    """One figure of the summary strip: a caption, the figure, a note under it."""

    def __init__(self, caption: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("card")
        self.caption = QLabel(caption.upper())
        self.caption.setObjectName("cardCaption")
        self.figure = QLabel(MISSING)
        self.figure.setObjectName("cardFigure")
        self.note = QLabel()
        self.note.setObjectName("cardNote")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 12)
        layout.setSpacing(2)
        layout.addWidget(self.caption)
        layout.addWidget(self.figure)
        layout.addWidget(self.note)
        layout.addStretch(1)

    def show_figure(self, figure: str, note: str, colour: str | None = None) -> None:
        self.figure.setText(figure)
        self.figure.setStyleSheet(f"color: {colour};" if colour else "")
        self.note.setText(note)
