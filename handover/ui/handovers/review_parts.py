"""The review's parts: the brief as it will print, read on screen (with the plain stand-in
when it cannot be built), and the question cards and the panel of questions beside it,
section by section."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QByteArray, QSize, Qt, Signal
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from handover.brief.markdown import render_markdown
from handover.domain.checker import HandoverRecords
from handover.domain.handover import Handover
from handover.domain.records import Question
from handover.domain.template import Template, answer
from handover.ui.handovers.handover_parts import QuestionCard
from handover.ui.shell.text import esc
from handover.ui.shell.words import MUTED, blank_icon, tick_icon

log = logging.getLogger(__name__)

SECTION_ROW = 25  # px, a line of the list of sections beside the questions


# ---------------------------------------------------------------- the brief


def plain_brief(handover: Handover, records: HandoverRecords, template: Template) -> str:
    """The answers of each section as simple HTML: the stand-in when the printed brief
    cannot be built."""
    parts = [f"<h1>Handover of {esc(records.account.name)}</h1>"]
    for number, section in enumerate(template.sections, start=1):
        parts.append(f"<h1>{number}. {esc(section.title)}</h1>")
        for f in section.fields:
            text = answer(handover, section.key, f)
            parts.append(f"<h3>{esc(f.label)}</h3>")
            parts.append(render_markdown(text, top_heading=4) if text.strip() else
                         "<p><i>Not answered yet.</i></p>")
    return "\n".join(parts)


class BriefView(QTextBrowser):
    """The brief as it will print, read on screen. It loads nothing of its own accord: the
    document is the brief's own guarded one, and links open nowhere."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("briefView")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._document = None  # kept: the view does not own a document it did not make
        self.problem = ""
        self.horizontalScrollBar().rangeChanged.connect(self._sideways)

    def _sideways(self, _low: int, high: int) -> None:
        # The brief's full-width tables round up to a pixel or two past the view: no
        # scroll bar for that, only for a chart that truly does not fit.
        policy = (Qt.ScrollBarPolicy.ScrollBarAlwaysOff if high <= 4
                  else Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        if self.horizontalScrollBarPolicy() != policy:
            self.setHorizontalScrollBarPolicy(policy)

    def show_brief(self, build: Callable[[], object], fallback: Callable[[], str]) -> None:
        bar = self.verticalScrollBar()
        position = bar.value()
        try:
            document = build()
        except Exception as e:  # noqa: BLE001 - never lose the review to the brief's layout
            log.exception("the brief could not be built for the review")
            self.problem = (f"The printed brief could not be built ({e}); the answers alone "
                            "are shown.")
            # The answers are sanitised Markdown (no image, no remote resource); the
            # document is this view's, whose loadResource refuses everything.
            document = QTextDocument(self)
            document.setHtml(fallback())
        else:
            self.problem = ""
        old = self._document
        self._document = document
        document.setParent(self)
        self.setDocument(document)
        if old is not None and old is not document:
            old.deleteLater()
        bar.setValue(position)

    def loadResource(self, type: int, name) -> QByteArray:
        return QByteArray()

    def doSetSource(self, name, type=None) -> None:
        pass

    def scroll_to_heading(self, text: str) -> bool:
        """Scroll so the heading that starts with `text` ("3. People") is at the top."""
        block = self.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel() == 1 and \
                    block.text().strip().startswith(text):
                cursor = QTextCursor(block)
                bar = self.verticalScrollBar()
                bar.setValue(bar.maximum())  # so the heading can come to the top
                self.setTextCursor(cursor)
                self.ensureCursorVisible()
                return True
            block = block.next()
        return False

    def plain_text(self) -> str:
        return self.document().toPlainText()


# ---------------------------------------------------------------- questions


class QuestionsPanel(QWidget):
    """The question threads, one per section: the sections with their counts, the chosen
    section's questions, and the box to ask a new one."""

    section_chosen = Signal(str)
    ask_requested = Signal(str, str)  # section key, the question
    answer_sent = Signal(int, str)
    resolve_toggled = Signal(int, bool)

    def __init__(self, template: Template, parent: QWidget | None = None):
        super().__init__(parent)
        self.template = template
        self.questions: list[Question] = []
        self.names: dict[int | None, str] = {}
        self.can_ask = self.can_answer = self.can_resolve = False
        self.outgoing = ""
        self.cards: list[QuestionCard] = []

        self.sections = QListWidget()
        self.sections.setObjectName("sectionList")
        self.sections.setIconSize(QSize(16, 16))
        self.sections.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sections.setStyleSheet("QListWidget#sectionList::item { padding: 3px 6px; }")
        for number, section in enumerate(template.sections, start=1):
            item = QListWidgetItem(f"{number}. {section.title}")
            item.setData(Qt.ItemDataRole.UserRole, section.key)
            item.setSizeHint(QSize(0, SECTION_ROW))
            self.sections.addItem(item)
        # Every section in sight, up to a dozen; a longer team template scrolls.
        self.sections.setFixedHeight(SECTION_ROW * min(12, len(template.sections)) + 6)
        self.sections.currentRowChanged.connect(self._section_changed)

        self.thread_title = QLabel()
        self.thread_title.setObjectName("panelTitle")
        self.thread = QWidget()
        self.thread_layout = QVBoxLayout(self.thread)
        self.thread_layout.setContentsMargins(0, 0, 4, 0)
        self.thread_layout.setSpacing(8)
        self.thread_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("threadScroll")
        scroll.viewport().setObjectName("threadViewport")
        scroll.setStyleSheet("QScrollArea#threadScroll, QWidget#threadViewport "
                             "{ background: #ffffff; }")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.thread)
        self.thread.setAutoFillBackground(False)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet(f"color: {MUTED};")

        self.ask_edit = QPlainTextEdit()
        self.ask_edit.setObjectName("answerList")
        self.ask_edit.setFixedHeight(60)
        self.ask_button = QPushButton("Ask")
        self.ask_button.setObjectName("primaryButton")
        self.ask_button.setEnabled(False)
        self.ask_edit.textChanged.connect(
            lambda: self.ask_button.setEnabled(bool(self.ask_edit.toPlainText().strip())))
        self.ask_button.clicked.connect(self._ask)
        self.ask_box = QWidget()
        ask_layout = QHBoxLayout(self.ask_box)
        ask_layout.setContentsMargins(0, 0, 0, 0)
        ask_layout.addWidget(self.ask_edit, 1)
        ask_layout.addWidget(self.ask_button, 0, Qt.AlignmentFlag.AlignBottom)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        layout.addWidget(self.sections)
        layout.addWidget(self.thread_title)
        layout.addWidget(self.empty)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.ask_box)
        self.sections.setCurrentRow(0)

    def current_section(self) -> str:
        item = self.sections.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else ""

    def choose(self, section_key: str) -> bool:
        for number in range(self.sections.count()):
            if self.sections.item(number).data(Qt.ItemDataRole.UserRole) == section_key:
                self.sections.setCurrentRow(number)
                return True
        return False

    def set_questions(self, questions: list[Question], names: dict[int | None, str], *,
                      can_ask: bool, can_answer: bool, can_resolve: bool,
                      outgoing: str = "") -> None:
        self.questions, self.names, self.outgoing = list(questions), names, outgoing
        self.can_ask, self.can_answer, self.can_resolve = can_ask, can_answer, can_resolve
        for number, section in enumerate(self.template.sections, start=1):
            mine = [q for q in questions if q.section == section.key]
            waiting = sum(not q.answered for q in mine)
            item = self.sections.item(number - 1)
            text = f"{number}. {section.title}"
            if mine:
                text += f"   ({waiting} waiting)" if waiting else f"   ({len(mine)})"
                item.setIcon(tick_icon("todo" if waiting else "done", waiting))
                item.setToolTip(f"{waiting} of {len(mine)} question(s) wait for an answer"
                                if waiting else "Every question here is answered")
            else:
                item.setIcon(blank_icon(18))
                item.setToolTip("No question on this section")
            item.setText(text)
        self._show_thread()

    def _section_changed(self, _row: int) -> None:
        self._show_thread()
        self.section_chosen.emit(self.current_section())

    def _show_thread(self) -> None:
        for card in self.cards:
            self.thread_layout.removeWidget(card)
            card.deleteLater()
        self.cards = []
        key = self.current_section()
        section = self.template.section(key)
        mine = [q for q in self.questions if q.section == key]
        self.thread_title.setText(f"QUESTIONS ON \u201c{section.title.upper()}\u201d"
                                  if section else "QUESTIONS")
        for q in mine:
            card = QuestionCard(q, self.names, can_answer=self.can_answer,
                                can_resolve=self.can_resolve, outgoing=self.outgoing)
            card.answer_sent.connect(self.answer_sent)
            card.resolve_toggled.connect(self.resolve_toggled)
            self.thread_layout.insertWidget(self.thread_layout.count() - 1, card)
            self.cards.append(card)
        if mine:
            self.empty.hide()
        else:
            self.empty.setText("No question on this section." + (
                " Ask one below if anything is unclear." if self.can_ask else ""))
            self.empty.show()
        self.ask_box.setVisible(self.can_ask)
        self.ask_edit.setPlaceholderText(
            f"Ask about \u201c{section.title}\u201d\u2026" if section else "Ask a question")

    def _ask(self) -> None:
        text = self.ask_edit.toPlainText().strip()
        if text:
            self.ask_requested.emit(self.current_section(), text)

    def asked(self) -> None:
        """The question was sent: clear the box."""
        self.ask_edit.clear()
