"""The pieces of a handover that its screens share (the list, the stepper, the review and
the team review): its words, the template in use, the status colours and score, the banner,
the score bar, the heading and a question card. The undoable edits are in handover_edits.py."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QRectF,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QPainter,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from handover.domain.handover import Handover, Status
from handover.domain.records import Question
from handover.domain.template import Template, load_template_or_default
from handover.settings import TEAM_TEMPLATE, Settings
from handover.store.queries import people_by_name
from handover.ui.shell.parts import (
    DETAIL_STYLESHEET,
    pill,
    set_pill,
)
from handover.ui.shell.text import esc, plain_label
from handover.ui.shell.words import (
    DANGER,
    INK,
    MUTED,
    SUBTLE,
    WARNING,
    days_text,
    short_date,
)

if TYPE_CHECKING:
    from handover.ui.shell.session import Session  # only named in annotations

RECHECK_MS = 250  # the checker runs again this long after the last change
# The tables whose rows a handover covers: a change to one can change its score.
RECORD_TABLES = ("accounts", "contacts", "interactions", "concessions", "commitments",
                 "people")

GOOD = "#1d6b47"
STATUS_COLOURS: dict[Status, tuple[str, str]] = {  # text, tint
    Status.DRAFT: ("#4d5866", "#eef2f7"),
    Status.SUBMITTED: ("#1b4aa5", "#e3ecfb"),
    Status.IN_REVIEW: ("#5b3a9e", "#eee8f8"),
    Status.RETURNED: ("#b54708", "#fdeadb"),
    Status.ACCEPTED: (GOOD, "#e3f3ea"),
}
CHANGED_COLOURS = ("#b42318", "#fde2e0")


# ---------------------------------------------------------------- words


def first_name(name: str | None) -> str:
    return (name or "").split(" ")[0] or "someone"


def when(at: dt.datetime | None) -> str:
    """"20 Nov 2026, 16:00" in the machine's time zone."""
    if at is None:
        return ""
    if at.tzinfo is not None:
        at = at.astimezone()
    return f"{short_date(at.date())}, {at:%H:%M}"


def due_words(due: dt.date | None, today: dt.date, status: Status) -> tuple[str, str]:
    """What a due date means today, and its colour: "overdue 3 days" in red."""
    if due is None:
        return "", MUTED
    if status is Status.ACCEPTED:
        return "", MUTED
    days = (due - today).days
    if days < 0:
        return f"overdue {days_text(-days)}", DANGER
    if days == 0:
        return "due today", WARNING
    return f"in {days_text(days)}", WARNING if days <= 3 else MUTED


def score_colour(score: int) -> str:
    return DANGER if score < 50 else WARNING if score < 80 else GOOD


# ---------------------------------------------------------------- the template in use


def load_team_template(settings: Settings | None) -> tuple[Template, str | None]:
    """The team's template named in the settings, or the default one with the message that
    says why the team's could not be used (the file, the line and the problem)."""
    path = settings.get(TEAM_TEMPLATE) if settings is not None else ""
    return load_template_or_default(path)


# ---------------------------------------------------------------- shared widgets


BANNER_COLOURS = {"info": ("#1b4aa5", "#eaf1fd", "#c9daf8"),
                  "good": (GOOD, "#e8f5ee", "#bfe3cd"),
                  "warning": ("#8a4b00", "#fff5e1", "#f4d9a6"),
                  "error": ("#a3261b", "#fdecea", "#f5c2bc")}


class Banner(QFrame):
    """A message across the top of a screen that does not stop the user: what happened,
    what is wrong, what to do next. Hidden when it has nothing to say."""

    def __init__(self, parent: QWidget | None = None, *, closable: bool = True):
        super().__init__(parent)
        self.setObjectName("banner")
        self.kind = "info"
        self.label = QLabel()
        self.label.setObjectName("bannerText")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QPushButton("\u00d7")
        self.close_button.setObjectName("bannerClose")
        self.close_button.setFlat(True)
        self.close_button.setFixedSize(22, 22)
        self.close_button.setToolTip("Hide this message")
        self.close_button.clicked.connect(self.dismiss)
        self._dismissed = ""
        self.close_button.setVisible(closable)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 9, 8, 9)
        layout.setSpacing(10)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(self, kind: str, html: str) -> None:
        """Show `html` (already escaped) as "info", "good", "warning" or "error". A message
        the user hid stays hidden until there is another one to say."""
        if html == self._dismissed:
            return
        self._dismissed = ""
        self.kind = kind
        text, fill, border = BANNER_COLOURS[kind]
        self.setStyleSheet(
            f"QFrame#banner {{ background: {fill}; border: 1px solid {border}; "
            f"border-radius: 8px; }} QLabel#bannerText {{ color: {text}; }} "
            f"QPushButton#bannerClose {{ border: none; color: {text}; font-size: 13pt; "
            "padding: 0; background: transparent; }")
        self.label.setText(html)
        self.show()

    def text(self) -> str:
        """What the banner says ("" when hidden)."""
        return "" if self.isHidden() else self.label.text()

    def clear(self) -> None:
        self.label.setText("")
        self.hide()

    def dismiss(self) -> None:
        """The user hid the message: it is not shown again while it says the same."""
        self._dismissed = self.label.text()
        self.clear()


class ScoreBar(QWidget):
    """The completeness score as a figure and a bar."""

    def __init__(self, parent: QWidget | None = None, *, width: int = 160, caption=True):
        super().__init__(parent)
        self.score = 0
        self.caption = caption
        self.setFixedHeight(40 if caption else 16)
        self.setMinimumWidth(width)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_score(self, score: int) -> None:
        self.score = score
        self.setToolTip(f"{score}% complete: the weighted share of the checks passed")
        self.update()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = QColor(score_colour(self.score))
        top = 0
        if self.caption:
            big = QFont(self.font())
            big.setPointSizeF(13)
            big.setWeight(QFont.Weight.DemiBold)
            painter.setFont(big)
            painter.setPen(colour)
            painter.drawText(QRectF(0, 0, 70, 24), Qt.AlignmentFlag.AlignLeft
                             | Qt.AlignmentFlag.AlignVCenter, f"{self.score}%")
            small = QFont(self.font())
            painter.setFont(small)
            painter.setPen(QColor(SUBTLE))
            painter.drawText(QRectF(56, 0, self.width() - 56, 24), Qt.AlignmentFlag.AlignLeft
                             | Qt.AlignmentFlag.AlignVCenter, "complete")
            top = 28
        track = QRectF(0, top + 2, self.width(), 7)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#e6eaf0"))
        painter.drawRoundedRect(track, 3.5, 3.5)
        if self.score:
            painter.setBrush(colour)
            painter.drawRoundedRect(QRectF(track.left(), track.top(),
                                           max(7.0, track.width() * self.score / 100),
                                           track.height()), 3.5, 3.5)
        painter.end()


HEADER_STYLESHEET = DETAIL_STYLESHEET + """
QWidget#handoverView { background: #ffffff; }
QLabel#handoverTitle { font-size: 16pt; font-weight: 600; color: #1d2b3f; }
QLabel#handoverFacts { color: #5b6675; }
QPushButton#backButton { border: none; background: transparent; color: #2f6fde;
                         padding: 4px 0; text-align: left; }
QPushButton#backButton:hover { color: #1b4aa5; text-decoration: underline; }
QLabel#panelTitle { color: #6b7685; font-size: 8.5pt; font-weight: 600; }
QLabel#guidance { color: #3e4c59; }
QFrame#guidanceCard { background: #f7f9fc; border: 1px solid #e6eaf0; border-radius: 8px; }
QLabel#fieldLabel { font-weight: 600; color: #1d2b3f; font-size: 10.5pt; }
QLabel#fieldHelp { color: #6b7685; }
QLabel#fieldFinding { font-size: 9pt; }
QLineEdit#answerLine, QPlainTextEdit#answerList {
    background: #fbfcfd; border: 1px solid #d5dbe3; border-radius: 6px; padding: 4px 6px; }
QLineEdit#answerLine:focus, QPlainTextEdit#answerList:focus { border: 1px solid #2f6fde; }
QWidget#fieldBox[flash="true"] QLabel#fieldLabel { color: #2f6fde; }
QListWidget#sectionList, QListView#findingsList {
    background: transparent; border: none; outline: none; }
QListWidget#sectionList::item { padding: 0px 6px; border-radius: 6px; color: #1f2933; }
QListWidget#sectionList::item:selected { background: #dce7fb; color: #14213d; }
QListWidget#sectionList::item:hover:!selected { background: #eef2f7; }
QListView#findingsList::item { padding: 6px 4px; border-radius: 6px; }
QListView#findingsList::item:selected { background: #dce7fb; color: #14213d; }
QListView#findingsList::item:hover:!selected { background: #f3f6fa; }
QFrame#sidePanel { background: #f9fafc; border: none; }
QFrame#recordsCard { background: #ffffff; border: 1px solid #e1e6ed; border-radius: 8px; }
QPushButton#primaryButton:disabled { background: #f1f3f6; border-color: #dde2e8;
                                     color: #a3acb9; }
"""


class HandoverHeader(QWidget):
    """The top of an open handover: the way back, the account, who hands it to whom, its
    status, and the actions the current user may take."""

    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.back_button = QPushButton("\u2190 All handovers")
        self.back_button.setObjectName("backButton")
        self.back_button.setFlat(True)
        self.back_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.back_button.setToolTip("Back to the list of handovers (Alt+Left)")
        self.back_button.clicked.connect(self.back_requested)
        self.title = plain_label()
        self.title.setObjectName("handoverTitle")
        self.status = pill("", INK, "#eef2f7")
        self.facts = QLabel()
        self.facts.setObjectName("handoverFacts")
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.facts.setWordWrap(True)
        self.actions = QHBoxLayout()
        self.actions.setSpacing(8)

        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(self.title, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.status, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addStretch(1)
        top.addLayout(self.actions)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 10, 20, 8)
        layout.setSpacing(4)
        layout.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(top)
        layout.addWidget(self.facts)

    def show_handover(self, handover: Handover, account_name: str,
                      names: dict[int | None, str], today: dt.date,
                      changed: bool = False) -> None:
        self.title.setText(account_name)
        if handover.status is Status.ACCEPTED and changed:
            set_pill(self.status, "Accepted \u00b7 changed since sign-off", *CHANGED_COLOURS)
        else:
            set_pill(self.status, handover.status.label, *STATUS_COLOURS[handover.status])
        parts = [f"<b>{esc(names.get(handover.outgoing_id, '?'))}</b> \u2192 "
                 f"<b>{esc(names.get(handover.incoming_id, '?'))}</b>"]
        if handover.reviewer_id is not None:
            parts.append(f"reviewer {esc(names.get(handover.reviewer_id, '?'))}")
        if handover.due_date is not None:
            note, colour = due_words(handover.due_date, today, handover.status)
            due = f"due {short_date(handover.due_date)}"
            if note:
                due += f" <span style='color:{colour}'>({note})</span>"
            parts.append(due)
        self.facts.setText(" &nbsp;\u00b7&nbsp; ".join(parts))


def people_names(session: Session) -> dict[int | None, str]:
    return {p.id: p.name for p in people_by_name(session.ws)}


# ---------------------------------------------------------------- a question and its answer


class QuestionCard(QFrame):
    """One question and its answer, with what the current user may do with it."""

    answer_sent = Signal(int, str)  # question id, the answer
    resolve_toggled = Signal(int, bool)  # question id, resolved or not

    def __init__(self, question: Question, names: dict[int | None, str], *,
                 can_answer: bool, can_resolve: bool, outgoing: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.question = question
        self.setObjectName("questionCard")
        q = question
        state = ("resolved" if q.resolved else "answered" if q.answered else "waiting")
        border = {"resolved": "#cfe8da", "answered": "#d5dbe3", "waiting": "#f4d9a6"}[state]
        self.setStyleSheet(f"QFrame#questionCard {{ background: #ffffff; border: 1px solid "
                           f"{border}; border-radius: 8px; }}")
        asked = QLabel(f"<b>Q.</b> {esc(q.text)}")
        asked.setWordWrap(True)
        asked.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        meta = plain_label(" \u00b7 ".join(x for x in (names.get(q.asked_by_id, ""),
                                                        when(q.asked_at)) if x))
        meta.setStyleSheet(f"color: {MUTED}; font-size: 8.5pt;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(5)
        layout.addWidget(asked)
        layout.addWidget(meta)
        self.answer_label = QLabel()
        self.answer_label.setWordWrap(True)
        self.answer_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if q.answered:
            by = " \u00b7 ".join(x for x in (names.get(q.answered_by_id, ""),
                                              when(q.answered_at)) if x)
            badge = (" <span style='color:#1d6b47; font-weight:600'>\u2713 resolved</span>"
                     if q.resolved else "")
            self.answer_label.setText(f"<b>A.</b> {esc(q.answer)}<br><span style='color:"
                                      f"{MUTED}; font-size:8.5pt'>{esc(by)}</span>{badge}")
        else:
            self.answer_label.setText(f"<span style='color:{WARNING}; font-weight:600'>"
                                      f"Waiting for {esc(first_name(outgoing))}'s answer."
                                      "</span>")
        layout.addWidget(self.answer_label)

        self.answer_edit: QPlainTextEdit | None = None
        self.send_button: QPushButton | None = None
        if can_answer and not q.resolved:
            self.answer_edit = QPlainTextEdit(q.answer)
            self.answer_edit.setPlaceholderText("Your answer")
            self.answer_edit.setFixedHeight(64)
            self.answer_edit.setObjectName("answerList")
            self.send_button = QPushButton("Change answer" if q.answered else "Send answer")
            self.send_button.setObjectName("" if q.answered else "primaryButton")
            self.send_button.clicked.connect(self._send)
            self.send_button.setEnabled(False)
            self.answer_edit.textChanged.connect(self._typed)
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(self.send_button)
            layout.addWidget(self.answer_edit)
            layout.addLayout(row)
        self.resolve_button: QPushButton | None = None
        if can_resolve and q.answered:
            self.resolve_button = QPushButton("Reopen" if q.resolved else "Resolve")
            self.resolve_button.setToolTip(
                "Ask again: the answer was not enough" if q.resolved
                else "The answer is enough: close this question")
            self.resolve_button.clicked.connect(
                lambda: self.resolve_toggled.emit(q.id, not q.resolved))
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(self.resolve_button)
            layout.addLayout(row)

    def _typed(self) -> None:
        text = self.answer_edit.toPlainText().strip()  # type: ignore[union-attr]
        self.send_button.setEnabled(bool(text) and text != self.question.answer)  # type: ignore

    def _send(self) -> None:
        self.answer_sent.emit(self.question.id, self.answer_edit.toPlainText())  # type: ignore


class LeavingScreen:
    """How the stepper and the review are let go: what was typed is saved first, then the
    screen stops its timers and stops following the workspace. Each names its timers."""

    def _timers(self) -> tuple[QTimer, ...]:
        raise NotImplementedError

    def _back(self) -> None:
        self.autosave.flush()
        self.back_requested.emit()

    def close_view(self) -> None:
        """The screen is let go: save what was typed and stop following the workspace."""
        self.autosave.flush()
        for timer in self._timers():
            timer.stop()
        try:
            self.session.changed.disconnect(self._changed)
        except (RuntimeError, TypeError):
            pass
