"""One section of the template on its page in the stepper: guidance, the account's records,
the fields, the questions asked on it in the review, and the way to the next section."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from handover.domain.checker import CheckResult
from handover.domain.template import Section, answer
from handover.ui.handovers.handover_parts import QuestionCard
from handover.ui.handovers.stepper_fields import FieldBox, FieldInput
from handover.ui.handovers.stepper_records import (
    RECORD_HEIGHTS,
    RECORD_TITLES,
    fit_records_tab,
    make_records_tab,
)
from handover.ui.shell.text import esc

if TYPE_CHECKING:
    from handover.ui.handovers.stepper import StepperView  # only named in annotations


class SectionPage(QScrollArea):
    """One section of the template: guidance, the account's records, the fields, and any
    questions asked on it in the review."""

    def __init__(self, view: StepperView, number: int, section: Section,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.view = view
        self.section = section
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget()
        content.setObjectName("sectionContent")
        content.setStyleSheet("QWidget#sectionContent { background: #ffffff; }")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(22, 14, 22, 24)
        layout.setSpacing(14)

        title = QLabel(f"{number}. {section.title}")
        title.setObjectName("detailTitle")
        layout.addWidget(title)
        if section.guidance:
            card = QFrame()
            card.setObjectName("guidanceCard")
            card_layout = QVBoxLayout(card)
            card_layout.setContentsMargins(14, 10, 14, 12)
            card_layout.setSpacing(4)
            caption = QLabel("THINK ABOUT")
            caption.setObjectName("panelTitle")
            card_layout.addWidget(caption)
            text = QLabel("".join(f"<div style='margin-bottom:3px'>\u2022&nbsp; {esc(g)}</div>"
                                  for g in section.guidance))
            text.setObjectName("guidance")
            text.setWordWrap(True)
            text.setTextFormat(Qt.TextFormat.RichText)
            card_layout.addWidget(text)
            layout.addWidget(card)

        self.records_tab: QWidget | None = None
        if section.records:
            self.records_tab = make_records_tab(section.records, view.session,
                                                view.handover.account_id, view.today,
                                                not view.editable_records)
            box = QFrame()
            box.setObjectName("recordsCard")
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(14, 10, 14, 10)
            box_layout.setSpacing(2)
            heading = QLabel(RECORD_TITLES.get(section.records, "Records").upper())
            heading.setObjectName("panelTitle")
            hint = QLabel("The account's own records, live: add or change them here and the "
                          "account shows the same. No need to retype them below."
                          if section.records != "account" else
                          "From the account itself; change it with Edit account.")
            hint.setObjectName("fieldHelp")
            hint.setWordWrap(True)
            box_layout.addWidget(heading)
            box_layout.addWidget(hint)
            height = RECORD_HEIGHTS.get(section.records, 0)
            if height:
                fit_records_tab(self.records_tab)
                # A narrow window scrolls the records sideways here, not the whole page.
                holder = QScrollArea()
                holder.setObjectName("recordsHolder")
                holder.viewport().setObjectName("recordsViewport")
                holder.setStyleSheet("QScrollArea#recordsHolder, QWidget#recordsViewport "
                                     "{ background: #ffffff; }")
                holder.setWidgetResizable(True)
                holder.setFrameShape(QFrame.Shape.NoFrame)
                holder.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
                holder.setWidget(self.records_tab)
                self.records_tab.setAutoFillBackground(False)  # setWidget turned it on
                holder.setMinimumHeight(height)
                box_layout.addWidget(holder, 1)
            else:
                box_layout.addWidget(self.records_tab, 1)
            self.records_box = box
            layout.addWidget(box)

        self.fields: dict[str, FieldBox] = {}
        for f in section.fields:
            read_only = not view.editable or f.read_back
            editor = FieldInput(f, read_only=read_only, parent=self)
            editor.set_text(answer(view.handover, section.key, f))
            editor.edited.connect(lambda text, f=f: view.field_edited(section.key, f, text))
            box = FieldBox(f, editor)
            self.fields[f.key] = box
            layout.addWidget(box)

        self.questions_title = QLabel("QUESTIONS FROM THE REVIEW")
        self.questions_title.setObjectName("panelTitle")
        self.questions_box = QVBoxLayout()
        self.questions_box.setSpacing(8)
        layout.addWidget(self.questions_title)
        layout.addLayout(self.questions_box)
        self.cards: list[QuestionCard] = []
        layout.addStretch(1)
        layout.addLayout(self._steps(number))
        self.setWidget(content)
        self.show_questions()

    def _steps(self, number: int) -> QHBoxLayout:
        """The way to the section before and the one after, at the foot of the page."""
        sections = self.view.template.sections
        row = QHBoxLayout()
        row.setContentsMargins(0, 10, 0, 0)
        self.previous_button = self.next_button = None
        if number > 1:
            before = sections[number - 2]
            self.previous_button = QPushButton(f"\u2190 {number - 1}. {before.title}")
            self.previous_button.clicked.connect(
                lambda: self.view.select_section(before.key))
            row.addWidget(self.previous_button)
        row.addStretch(1)
        if number < len(sections):
            after = sections[number]
            self.next_button = QPushButton(f"Next: {number + 1}. {after.title} \u2192")
            self.next_button.setObjectName("primaryButton")
            self.next_button.clicked.connect(lambda: self.view.select_section(after.key))
            row.addWidget(self.next_button)
        return row

    def field_input(self, field_key: str) -> FieldInput | None:
        box = self.fields.get(field_key)
        return box.editor if box else None

    def show_findings(self, result: CheckResult) -> None:
        mine = result.findings_for(self.section.key)
        for key, box in self.fields.items():
            box.show_findings([f for f in mine if f.field_key == key])

    def show_questions(self) -> None:
        for card in self.cards:
            self.questions_box.removeWidget(card)
            card.deleteLater()
        self.cards = []
        view = self.view
        mine = [q for q in view.question_list if q.section == self.section.key]
        for q in mine:
            card = QuestionCard(q, view.names, can_answer=view.can_answer,
                                can_resolve=False,
                                outgoing=view.names.get(view.handover.outgoing_id, ""))
            card.answer_sent.connect(view.answer)
            self.questions_box.addWidget(card)
            self.cards.append(card)
        self.questions_title.setVisible(bool(mine))

    def go_to_field(self, field_key: str) -> bool:
        box = self.fields.get(field_key)
        if box is None:
            return False
        self.ensureWidgetVisible(box, 0, 40)
        box.editor.focus()
        box.flash()
        return True

    def go_to_records(self, record_id: int | None) -> bool:
        tab = self.records_tab
        if tab is None:
            return False
        self.ensureWidgetVisible(self.records_box, 0, 20)
        if record_id is None:
            add = getattr(tab, "add_button", None) or getattr(tab, "edit_button", None)
            if add is not None:
                add.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        for name in ("show_record", "select_concession"):
            show = getattr(tab, name, None)
            if callable(show):
                found = bool(show(record_id))
                table = getattr(tab, "table", None)
                if table is not None:
                    table.setFocus(Qt.FocusReason.OtherFocusReason)
                return found
        return False
