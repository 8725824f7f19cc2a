"""The outgoing manager's stepper: the template's sections in a list with a tick each and the
completeness score; for the section chosen, its guidance, its fields (Markdown with a
preview, saved as you type) and the account's live records, edited in place; the checker's
findings beside, each a click away from the field or record it is about; and Submit, which
is allowed with things missing and says what they are."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from handover.domain.checker import CheckResult, Finding, Severity, check_handover
from handover.domain.errors import HandoverError
from handover.domain.handover import Handover, Party, Status
from handover.domain.records import Question
from handover.domain.template import Field, Template, answer
from handover.store import handover_ops as ops
from handover.store.briefdata import handover_records
from handover.ui.editors.handover_edits import AnswerAutosave, AnswerQuestion, MoveHandover
from handover.ui.handovers.handover_parts import (
    HEADER_STYLESHEET,
    RECHECK_MS,
    RECORD_TABLES,
    Banner,
    HandoverHeader,
    LeavingScreen,
    ScoreBar,
    people_names,
)
from handover.ui.handovers.stepper_checklist import SectionChecklist
from handover.ui.handovers.stepper_fields import FieldInput
from handover.ui.handovers.stepper_findings import FINDING_ROLE, FindingsPanel
from handover.ui.handovers.stepper_records import RECORDS_OF_KIND
from handover.ui.handovers.stepper_section import SectionPage
from handover.ui.shell import dialogs
from handover.ui.shell.session import Change, Session
from handover.ui.shell.tasks import after_pause
from handover.ui.shell.text import esc, tooltip
from handover.ui.shell.words import MUTED

EDITABLE = (Status.DRAFT, Status.RETURNED)
MISSING_SHOWN = 8  # things missing listed when submitting


class StepperView(LeavingScreen, QWidget):
    """The outgoing manager writes the handover here, section by section. Every pause in
    typing saves (one undoable edit); the ticks, the score and the findings follow every
    change, made here or anywhere else in the program."""

    back_requested = Signal()
    moved = Signal(int)
    status_message = Signal(str)

    def __init__(self, session: Session, handover_id: int, template: Template,
                 person_id: int | None, parent: QWidget | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today, read_only_notice: str = "",
                 autosave_ms: int | None = None):
        super().__init__(parent)
        self.session = session
        self.handover_id = handover_id
        self.template = template
        self.person_id = person_id
        self.today = today
        self.read_only_notice = read_only_notice or (
            "The workspace is open read-only" if session.ws.read_only else "")
        self.setObjectName("handoverView")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(HEADER_STYLESHEET)

        self.handover, self.records, self.question_list = handover_records(session.ws,
                                                                           handover_id)
        self.names = people_names(session)
        self._roles()
        extra = {} if autosave_ms is None else {"delay_ms": autosave_ms}
        self.autosave = AnswerAutosave(session, handover_id, self.handover.account_id,
                                       parent=self, **extra)
        self.autosave.failed.connect(self.show_problem)
        self.check: CheckResult | None = None

        # the heading
        self.header = HandoverHeader()
        self.header.back_requested.connect(self._back)
        self.submit_button = QPushButton("Submit for review")
        self.submit_button.setObjectName("primaryButton")
        self.submit_button.clicked.connect(self.submit)
        self.saved_label = QLabel()
        self.saved_label.setStyleSheet(f"color: {MUTED};")
        self.header.actions.addWidget(self.saved_label)
        self.header.actions.addWidget(self.submit_button)
        self.banner = Banner()
        self.problem_banner = Banner()

        # the score, in the heading beside Submit
        self.score = ScoreBar(width=150)
        self.header.actions.insertWidget(0, self.score)
        self.header.actions.insertSpacing(1, 12)

        # the checklist column: the sections with their ticks, and what is left to fix
        self.checklist = SectionChecklist(template)
        self.to_fix = FindingsPanel(template)
        # The parts the rest of the view (and a test, as a user would) reaches for.
        self.sections_done, self.section_list = self.checklist.title, self.checklist.list
        self.findings, self.findings_list = self.to_fix.model, self.to_fix.list
        self.findings_list.clicked.connect(self.go_to_index)
        self.findings_list.activated.connect(self.go_to_index)

        left = QFrame()
        left.setObjectName("sidePanel")
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(14, 12, 8, 12)
        left_layout.setSpacing(6)
        left_layout.addWidget(self.checklist)
        left_layout.addSpacing(10)
        left_layout.addWidget(self.to_fix, 1)
        left.setMinimumWidth(270)

        # the section pages, built when first shown
        self.pages = QStackedWidget()
        self._pages: dict[str, SectionPage] = {}
        for _ in template.sections:
            self.pages.addWidget(QWidget())

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(1)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 980])

        banners = QVBoxLayout()
        banners.setContentsMargins(20, 0, 20, 0)
        banners.setSpacing(6)
        banners.addWidget(self.banner)
        banners.addWidget(self.problem_banner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.header)
        layout.addLayout(banners)
        separator = QFrame()
        separator.setFrameShape(QFrame.Shape.HLine)
        separator.setStyleSheet("color: #e1e6ed;")
        layout.addWidget(separator)
        layout.addWidget(self.splitter, 1)

        self._recheck_timer = after_pause(self, RECHECK_MS, self.recheck)
        self.section_list.currentRowChanged.connect(self._section_changed)
        session.changed.connect(self._changed)
        self._show_heading()
        self.recheck()
        self.section_list.setCurrentRow(self._first_open_section())

    # ------------------------------------------------------------ who may do what

    def _roles(self) -> None:
        h = self.handover
        writable = not self.read_only_notice
        mine = Party.OUTGOING in h.party_of(self.person_id)
        self.editable = writable and mine and h.status in EDITABLE
        self.editable_records = writable
        self.can_answer = writable and mine and h.status in ops.QUESTION_STATUSES

    def _show_heading(self) -> None:
        h = self.handover
        self.header.show_handover(h, self.records.account.name, self.names, self.today())
        self.submit_button.setVisible(Status.SUBMITTED in h.allowed_moves(self.person_id))
        self.submit_button.setEnabled(self.editable)
        incoming = self.names.get(h.incoming_id, "the incoming manager")
        self.submit_button.setToolTip(tooltip(f"Hand it to {incoming} for review. You can "
                                              "submit with things still missing; you will be "
                                              "told what."))
        if self.read_only_notice:
            self.banner.show_message("warning", f"{esc(self.read_only_notice)}: you can "
                                                "read, not change.")
        elif h.status is Status.RETURNED:
            self.banner.show_message(
                "warning", "<b>Returned for more work.</b> Reason: "
                           f"{esc(h.return_reason or 'none given')}. Fix what it asks, answer "
                           "any questions on their sections, and submit again.")
        elif not self.editable:
            self.banner.show_message("info", "You can read this handover; only its outgoing "
                                             "manager writes it.")
        else:
            self.banner.clear()

    # ------------------------------------------------------------ sections

    def _first_open_section(self) -> int:
        if self.check is None:
            return 0
        for number, section in enumerate(self.template.sections):
            if not self.check.section_done(section.key):
                return number
        return 0

    def current_section(self) -> str:
        item = self.section_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else ""

    def select_section(self, section_key: str) -> SectionPage | None:
        for number, section in enumerate(self.template.sections):
            if section.key == section_key:
                self.section_list.setCurrentRow(number)
                return self.page(section_key)
        return None

    def _section_changed(self, row: int) -> None:
        if 0 <= row < len(self.template.sections):
            page = self.page(self.template.sections[row].key)
            self.pages.setCurrentWidget(page)

    def page(self, section_key: str) -> SectionPage:
        """The page of a section, built the first time it is needed."""
        if section_key not in self._pages:
            number = next(i for i, s in enumerate(self.template.sections)
                          if s.key == section_key)
            page = SectionPage(self, number + 1, self.template.sections[number])
            old = self.pages.widget(number)
            self.pages.insertWidget(number, page)
            self.pages.removeWidget(old)
            old.deleteLater()
            self._pages[section_key] = page
            if self.check is not None:
                page.show_findings(self.check)
        return self._pages[section_key]

    def field_input(self, section_key: str, field_key: str) -> FieldInput | None:
        return self.page(section_key).field_input(field_key)

    # ------------------------------------------------------------ typing

    def field_edited(self, section_key: str, field: Field, text: str) -> None:
        if not self.editable:
            return
        self.autosave.edited(section_key, field, text)
        self.saved_label.setText("Saving\u2026")

    def _changed(self, change: Change) -> None:
        if change.account_id not in (None, self.handover.account_id):
            return
        if change.touches("handovers", "questions", *RECORD_TABLES):
            self._recheck_timer.start()
        if change.touches("handovers"):
            self.saved_label.setText("All changes saved")

    def _reload_answers(self) -> None:
        """Show the stored answers where they differ from the editors (an undo, a redo)
        unless the field is being typed into."""
        for section_key, page in self._pages.items():
            for field_key, box in page.fields.items():
                if self.autosave.is_pending(section_key, field_key):
                    continue
                stored = answer(self.handover, section_key, box.field)
                if box.editor.text() != stored:
                    box.editor.set_text(stored)

    # ------------------------------------------------------------ the checker

    def recheck(self) -> CheckResult | None:
        """Read the handover and its records again, run the checker, and show its ticks,
        score and findings."""
        self._recheck_timer.stop()
        try:
            self.handover, self.records, questions = handover_records(self.session.ws,
                                                                      self.handover_id)
        except HandoverError:
            self.back_requested.emit()  # taken back (an undo)
            return None
        questions_changed = questions != self.question_list
        self.question_list = questions
        self.names = people_names(self.session)
        self._roles()
        self._reload_answers()
        result = check_handover(self.template, self.handover, self.records, questions,
                                self.today())
        self.check = result
        self.score.set_score(result.score)
        self.checklist.show_ticks(result, questions, self.handover.read_back)
        self.to_fix.show_findings([f for f in result.findings
                                   if f.severity is not Severity.INFO])
        for page in self._pages.values():
            page.show_findings(result)
            if questions_changed:
                page.show_questions()
        self._show_heading()
        return result

    @property
    def score_value(self) -> int:
        return self.check.score if self.check else 0

    def is_ticked(self, section_key: str) -> bool:
        """Whether the section shows its tick: nothing left in it for the writer."""
        if self.check is None or not self.check.section_done(section_key):
            return False
        return not any(q.section == section_key and not q.answered
                       for q in self.question_list)

    # ------------------------------------------------------------ going to a finding

    def go_to_index(self, index: QModelIndex) -> None:
        finding = index.data(FINDING_ROLE)
        if finding is not None:
            self.go_to(finding)

    def go_to(self, finding: Finding) -> bool:
        """Take the writer to what a finding is about: its section, and there its field or
        the record it names."""
        if finding.section_key is None:
            return False
        page = self.select_section(finding.section_key)
        if page is None:
            return False
        if finding.field_key and page.go_to_field(finding.field_key):
            return True
        if finding.record is not None:
            kind = RECORDS_OF_KIND.get(finding.record.kind)
            if kind is not None and kind == page.section.records:
                return page.go_to_records(finding.record.id)
        if page.section.records:
            return page.go_to_records(None)
        return True

    # ------------------------------------------------------------ questions

    def answer(self, question_id: int, text: str) -> bool:
        try:
            before = self.session.ws.get(Question, question_id)
            self.session._run(AnswerQuestion(self.session, self.handover.account_id, before,
                                             self.person_id, answer=text))
        except HandoverError as e:
            self.show_problem(str(e))
            return False
        self.recheck()
        return True

    # ------------------------------------------------------------ submitting

    def missing(self) -> list[str]:
        """What the checker still finds, in the writer's words: "People: Name whom ..."."""
        result = self.recheck()
        if result is None:
            return []
        titles = {s.key: s.title for s in self.template.sections}
        lines = []
        for f in result.findings:
            if f.severity is Severity.INFO:
                continue
            lines.append(f"{titles.get(f.section_key, 'Records')}: {f.message}")
        return lines

    def submit(self) -> bool:
        """Hand the handover to the incoming manager. Things still missing are listed and
        the writer decides; the status machine has the last word."""
        self.autosave.flush()
        missing = self.missing()
        incoming = self.names.get(self.handover.incoming_id, "the incoming manager")
        if missing:
            shown = "\n".join(f"\u2022 {line}" for line in missing[:MISSING_SHOWN])
            more = (f"\n\u2026 and {len(missing) - MISSING_SHOWN} more."
                    if len(missing) > MISSING_SHOWN else "")
            n = len(missing)
            if not dialogs.confirm(
                    self, f"Submit with {n} thing{'s' if n != 1 else ''} still missing?",
                    f"The handover is {self.score_value}% complete. Still missing:\n\n"
                    f"{shown}{more}\n\nYou can submit now; {incoming} will see what is "
                    "missing and may ask about it or return it.", "Submit anyway"):
                return False
        try:
            current = self.session.ws.get(Handover, self.handover_id)
            current.check_move(Status.SUBMITTED, self.person_id)
            self.session._run(MoveHandover(self.session, current, Status.SUBMITTED,
                                           self.person_id, self.records.account.name))
        except HandoverError as e:
            self.show_problem(str(e))
            return False
        self.status_message.emit(f"Submitted to {incoming} for review: "
                                 f"{self.records.account.name}")
        self.moved.emit(self.handover_id)
        return True

    # ------------------------------------------------------------ messages and leaving

    def show_problem(self, text: str) -> None:
        self.problem_banner.show_message("error", esc(text))

    def _timers(self) -> tuple[QTimer, ...]:
        return (self._recheck_timer,)
