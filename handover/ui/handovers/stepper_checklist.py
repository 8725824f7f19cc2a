"""The stepper's list of sections: one line for each section of the template with its tick
(done, things to fix or questions to answer, or the incoming manager's to write), and how
many of the writer's own sections are done."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from handover.domain.checker import CheckResult, Severity
from handover.domain.records import Question
from handover.domain.template import Template
from handover.ui.shell.words import tick_icon

SECTION_ROW = 34  # px, a line of the section list


class SectionChecklist(QWidget):
    """The sections with their ticks, above the findings in the stepper's side column."""

    def __init__(self, template: Template, parent: QWidget | None = None):
        super().__init__(parent)
        self.template = template
        self.title = QLabel()
        self.title.setObjectName("panelTitle")
        self.list = QListWidget()
        self.list.setObjectName("sectionList")
        self.list.setIconSize(QSize(18, 18))
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for number, section in enumerate(template.sections, start=1):
            item = QListWidgetItem(f"{number}. {section.title}")
            item.setData(Qt.ItemDataRole.UserRole, section.key)
            item.setSizeHint(QSize(0, SECTION_ROW))
            self.list.addItem(item)
        # Every section in sight at once: the list never scrolls.
        self.list.setFixedHeight(SECTION_ROW * len(template.sections) + 6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.list)

    def show_ticks(self, result: CheckResult, questions: list[Question],
                   read_back: str) -> None:
        """Tick each section as the checker and the open questions find it; a section the
        incoming manager writes (`read_back` still empty) is theirs, not counted."""
        done = theirs = 0
        for number, section in enumerate(self.template.sections):
            item = self.list.item(number)
            to_fix = [f for f in result.findings_for(section.key)
                      if f.severity is not Severity.INFO]
            later = any(f.read_back for f in section.fields) and not to_fix
            waiting = sum(1 for q in questions if q.section == section.key and not q.answered)
            if later and not read_back.strip():
                item.setIcon(tick_icon("later"))
                item.setToolTip("The incoming manager writes this during the review")
                theirs += 1
            elif to_fix or waiting:
                item.setIcon(tick_icon("todo", len(to_fix) + waiting))
                item.setToolTip(f"{len(to_fix)} thing{'s' if len(to_fix) != 1 else ''} to "
                                "fix" + (f", {waiting} question{'s' if waiting != 1 else ''}"
                                         " to answer" if waiting else ""))
            else:
                item.setIcon(tick_icon("done"))
                item.setToolTip("Done: the checker finds nothing missing here")
                done += 1
        total = len(self.template.sections) - theirs  # the writer's own sections
        self.title.setText(f"SECTIONS  \u00b7  {done} OF {total} DONE")
