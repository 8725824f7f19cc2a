"""The widgets several screens share: the pickers of a scale or an optional date, the
field-by-field validation messages of the editors, the look of the tabs and their buttons,
a summary card. The tables are in tables.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtCore import (
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from handover.domain.errors import ValidationError
from handover.domain.words import ATTITUDE_WORDS, SENTIMENT_WORDS
from handover.ui.shell.text import plain_label
from handover.ui.shell.words import (
    ACCENT,
    DANGER,
    MISSING,
    SCALE_TEXT,
    SCALE_TINT,
    from_qdate,
    signed,
    to_qdate,
)

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
