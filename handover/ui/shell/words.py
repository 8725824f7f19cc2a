"""The screens' shared words and marks: how dates and missing values are written, the
colours of health, attitude, sentiment and promise status, the item roles of the tables, and
the small painted icons. Every screen takes them from here, none from another screen; money
and the words of the scales are the brief's too, in handover.domain.words."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, QModelIndex, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap

from handover.domain.amounts import AmountError, read_amount
from handover.domain.records import CommitmentStatus, Health
from handover.domain.words import ATTITUDE_WORDS, SENTIMENT_WORDS

if TYPE_CHECKING:
    from handover.store.account_queries import PromiseRow

# ---------------------------------------------------------------- words and colours

MISSING = "\u2014"  # an em dash where there is no value

INK = "#1f2933"
MUTED = "#8a94a3"
SUBTLE = "#5b6675"
ACCENT = "#2f6fde"
WARNING = "#b54708"  # text
WARNING_FILL = "#f59e0b"  # marks and rings
DANGER = "#c0362c"

# -2 .. +2 and None (not known), for marks and dots ...
SCALE_FILL = {-2: "#d64541", -1: "#ee8a3c", 0: "#9aa5b4", 1: "#5bb47a", 2: "#23875a",
              None: "#c3cad4"}
# ... and for text on white, darker so it stays readable.
SCALE_TEXT = {-2: "#b42318", -1: "#b54708", 0: "#5b6675", 1: "#2f7d4a", 2: "#1d6b47",
              None: "#8a94a3"}
SCALE_TINT = {-2: "#fdecea", -1: "#fef3e8", 0: "#f3f5f8", 1: "#ecf7ef", 2: "#e3f3ea",
              None: "#f1f3f6"}


STATUS_TEXT = {CommitmentStatus.OPEN: "#1b4aa5", CommitmentStatus.KEPT: "#2f7d4a",
               CommitmentStatus.BROKEN: "#b42318", CommitmentStatus.WITHDRAWN: "#6b7685"}
STATUS_FILL = {CommitmentStatus.OPEN: "#2f6fde", CommitmentStatus.KEPT: "#3a9a62",
               CommitmentStatus.BROKEN: "#d64541", CommitmentStatus.WITHDRAWN: "#a3acb9"}


def attitude_word(attitude: int | None) -> str:
    return ATTITUDE_WORDS.get(attitude, "Unknown")


def sentiment_word(sentiment: int) -> str:
    return SENTIMENT_WORDS.get(sentiment, str(sentiment))


def signed(value: int | None) -> str:
    """+2, 0, −1: a scale value as people write it."""
    if value is None:
        return "?"
    return f"+{value}" if value > 0 else ("\u2212" + str(-value) if value < 0 else "0")


def short_date(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def days_text(days: int) -> str:
    return "1 day" if abs(days) == 1 else f"{days:,} days"


def due_note(row: PromiseRow, today: dt.date) -> tuple[str, str]:
    """The quiet words after a due date, and their colour: "overdue 21 days" in red."""
    c = row
    if c.status is not CommitmentStatus.OPEN or c.due_date is None:
        return "", MUTED
    overdue = row.overdue_days(today)
    if overdue:
        return f"overdue {days_text(overdue)}", DANGER
    days = (c.due_date - today).days
    return ("due today", "#b54708") if days == 0 else (f"in {days_text(days)}", MUTED)


def _separators() -> tuple[str, str]:
    locale = QLocale()
    return locale.decimalPoint(), locale.groupSeparator()


def amount_input(text: str) -> float | str | None:
    """An amount as typed, read with the user's locale: "1.234,56" in Germany gives
    1234.56; text that is no amount for sure is passed on as typed, so the field is refused
    (amount_problem says why); an empty field is None."""
    try:
        return read_amount(text, *_separators())
    except AmountError:
        return text.strip()


def amount_problem(text: str) -> str | None:
    """Why the amount typed is refused, to show after the field's name; None if it is not."""
    try:
        read_amount(text, *_separators())
    except AmountError as e:
        return e.message
    return None


def amount_problems(texts: dict[str, str]) -> dict[str, str]:
    """For each amount field (by name) whose text is refused, the message; a form lays these
    over the domain's own, which can only say that the text is no number."""
    return {name: problem for name, text in texts.items()
            if (problem := amount_problem(text)) is not None}


def amount_shown(value: float) -> str:
    """An amount in a field, written the way amount_input reads it back to the same number:
    "1.250.000" or "1.250,50" in Germany."""
    decimal, group = _separators()
    places = 0 if value == int(value) else 2
    # Grouped in threes here: QLocale's own toString leaves the groups out in the C locale.
    return f"{value:,.{places}f}".translate({ord(","): group, ord("."): decimal})


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


# ---------------------------------------------------------------- small painted icons


@cache
def dot_icon(colour: str, size: int = 10) -> QIcon:
    """A small filled circle, drawn at twice the size so it stays crisp on high-DPI screens."""
    pixmap = QPixmap(size * 2, size * 2)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(2, 2, size * 2 - 4, size * 2 - 4)
    painter.end()
    pixmap.setDevicePixelRatio(2.0)
    icon = QIcon(pixmap)
    icon.addPixmap(pixmap, QIcon.Mode.Selected)  # a chosen row keeps the true colour
    return icon


@cache
def warning_icon(size: int = 14) -> QIcon:
    """An amber warning triangle with an exclamation mark."""
    scale = 2
    s = size * scale
    pixmap = QPixmap(s, s)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    path = QPainterPath()
    path.moveTo(s / 2, 1.5)
    path.lineTo(s - 1.5, s - 2)
    path.lineTo(1.5, s - 2)
    path.closeSubpath()
    painter.setPen(QPen(QColor("#d97706"), 1.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                        Qt.PenJoinStyle.RoundJoin))
    painter.setBrush(QColor(WARNING_FILL))
    painter.drawPath(path)
    painter.setPen(QPen(QColor("#ffffff"), 2.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(int(s / 2), int(s * 0.36), int(s / 2), int(s * 0.62))
    painter.drawPoint(int(s / 2), int(s * 0.78))
    painter.end()
    pixmap.setDevicePixelRatio(scale)
    icon = QIcon(pixmap)
    icon.addPixmap(pixmap, QIcon.Mode.Selected)
    return icon


@cache
def blank_icon(size: int = 14) -> QIcon:
    """An empty icon: keeps a cell's text in line with its neighbours that have one."""
    pixmap = QPixmap(size * 2, size * 2)
    pixmap.fill(Qt.GlobalColor.transparent)
    pixmap.setDevicePixelRatio(2.0)
    icon = QIcon(pixmap)
    icon.addPixmap(pixmap, QIcon.Mode.Selected)
    return icon


# ---------------------------------------------------------------- item roles of the tables

ROOT = QModelIndex()  # the invisible parent of a table's rows
SORT_ROLE = Qt.ItemDataRole.UserRole  # the raw value a column sorts by
ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the record id of a line
MAIN_ROLE = Qt.ItemDataRole.UserRole + 2  # a two-part cell: its main text ...
NOTE_ROLE = Qt.ItemDataRole.UserRole + 3  # ... and the quieter note after it
NOTE_COLOUR_ROLE = Qt.ItemDataRole.UserRole + 4  # the note's colour (default: MUTED)
PIPS_ROLE = Qt.ItemDataRole.UserRole + 5  # a 1..5 rating painted as five pips


# ---------------------------------------------------------------- health

HEALTH_COLOURS = {
    Health.CRITICAL: "#d1433f",
    Health.AT_RISK: "#e6772e",
    Health.WATCH: "#e0a91b",
    Health.STABLE: "#3a9a62",
}
# Worst first, so that sorting by health ascending puts the accounts in trouble on top.
HEALTH_ORDER = {Health.CRITICAL: 0, Health.AT_RISK: 1, Health.WATCH: 2, Health.STABLE: 3}
HEALTH_TEXT = {Health.STABLE: "#1d6b47", Health.WATCH: "#8a5a00", Health.AT_RISK: "#b54708",
               Health.CRITICAL: "#b42318"}
HEALTH_TINT = {Health.STABLE: "#e3f3ea", Health.WATCH: "#fdf3d7", Health.AT_RISK: "#fdeadb",
               Health.CRITICAL: "#fde2e0"}


# ---------------------------------------------------------------- a handover's marks


def error_icon(size: int = 14) -> QIcon:
    """A red disc with an exclamation mark: a finding of severity "error"."""
    scale = 2
    s = size * scale
    pixmap = QPixmap(s, s)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#d64541"))
    painter.drawEllipse(1, 1, s - 2, s - 2)
    painter.setPen(QPen(QColor("#ffffff"), 2.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawLine(QPointF(s / 2, s * 0.26), QPointF(s / 2, s * 0.56))
    painter.drawPoint(QPointF(s / 2, s * 0.75))
    painter.end()
    pixmap.setDevicePixelRatio(scale)
    icon = QIcon(pixmap)
    icon.addPixmap(pixmap, QIcon.Mode.Selected)
    return icon


def tick_icon(state: str, count: int = 0, size: int = 18) -> QIcon:
    """A section's mark: "done" (a green tick), "todo" (an amber ring with how many things
    are left), "later" (a grey ring: someone else's part)."""
    scale = 2
    s = size * scale
    pixmap = QPixmap(s, s)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if state == "done":
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#2f9e62"))
        painter.drawEllipse(2, 2, s - 4, s - 4)
        pen = QPen(QColor("#ffffff"), 3.2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                   Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.drawPolyline([QPointF(s * 0.28, s * 0.52), QPointF(s * 0.44, s * 0.68),
                              QPointF(s * 0.72, s * 0.36)])
    else:
        colour = QColor("#d97706" if state == "todo" else "#b8c1cc")
        painter.setPen(QPen(colour, 2.6))
        painter.setBrush(QColor("#ffffff"))
        painter.drawEllipse(QRectF(2.5, 2.5, s - 5, s - 5))
        if count:
            font = QFont()
            font.setPixelSize(int(s * 0.5))
            font.setWeight(QFont.Weight.Bold)
            painter.setFont(font)
            painter.setPen(colour)
            painter.drawText(QRectF(0, 0, s, s), Qt.AlignmentFlag.AlignCenter,
                             str(count) if count < 10 else "9+")
    painter.end()
    pixmap.setDevicePixelRatio(scale)
    icon = QIcon(pixmap)
    icon.addPixmap(pixmap, QIcon.Mode.Selected)
    return icon

