"""The incoming manager's review: the brief as it will print, a question thread on each
section (asked by the incoming manager or the reviewer, answered by the outgoing manager,
resolved by the asker), the read-back, and the moves the status machine allows the current
user: start the review, return it with a reason, accept and sign it off. Opened by anyone
else, the same screen reads the handover and its sign-off."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from handover.briefs import printed_brief
from handover.domain.checker import CheckResult, Severity, check_handover
from handover.domain.errors import HandoverError
from handover.domain.handover import Handover, Party, Status, promises_to_keep
from handover.domain.records import Question
from handover.domain.signoff import SignoffState, signoff_state
from handover.domain.template import Field, Section, Template, word_count
from handover.store import handover_ops as ops
from handover.store.briefdata import handover_records
from handover.store.signoffs import snapshot_of
from handover.ui.editors.handover_edits import (
    AnswerAutosave,
    AnswerQuestion,
    AskQuestion,
    MoveHandover,
    accept_handover,
)
from handover.ui.handovers.handover_parts import (
    HEADER_STYLESHEET,
    RECHECK_MS,
    RECORD_TABLES,
    Banner,
    HandoverHeader,
    LeavingScreen,
    ScoreBar,
    first_name,
    people_names,
    when,
)
from handover.ui.handovers.review_parts import BriefView, QuestionsPanel, plain_brief
from handover.ui.shell import dialogs
from handover.ui.shell.markdown_editor import MarkdownEditor, MarkdownView
from handover.ui.shell.session import Change, Session
from handover.ui.shell.tasks import after_pause
from handover.ui.shell.text import esc, plain_label
from handover.ui.shell.words import SUBTLE, WARNING, short_date

log = logging.getLogger(__name__)

CHANGES_SHOWN = 12  # lines of "what changed since sign-off" in the banner
PROMISES_SHOWN = 6  # promises handed on, listed in their banner
BRIEF_DELAY_MS = 1200  # the brief is laid out again this long after the last change
READ_BACK_STAND_IN = Field(key="read_back", label="Read-back", read_back=True)


# ---------------------------------------------------------------- the screen


class ReviewView(LeavingScreen, QWidget):
    """One handover under review (or read after it), for the current user's part in it."""

    back_requested = Signal()
    moved = Signal(int)  # the handover's status changed
    status_message = Signal(str)

    def __init__(self, session: Session, handover_id: int, template: Template,
                 person_id: int | None, parent: QWidget | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today, read_only_notice: str = ""):
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

        handover = session.ws.get(Handover, handover_id)
        self.handover = handover
        place = template.read_back_field()
        self.read_back_section: Section | None = place[0] if place else None
        self.read_back_field: Field = place[1] if place else READ_BACK_STAND_IN
        self.autosave = AnswerAutosave(session, handover_id, handover.account_id, parent=self)
        self.autosave.failed.connect(lambda text: self.show_problem(text))

        self.header = HandoverHeader()
        self.header.back_requested.connect(self._back)
        self.score = ScoreBar(width=130)
        self.start_button = QPushButton("Start review")
        self.start_button.setObjectName("primaryButton")
        self.start_button.setToolTip("Take the handover into review: you read it, ask, and "
                                     "write your read-back")
        self.start_button.clicked.connect(lambda: self.move_to(Status.IN_REVIEW))
        self.return_button = QPushButton("Return\u2026")
        self.return_button.setToolTip("Send it back to the outgoing manager, saying what is "
                                      "missing")
        self.return_button.clicked.connect(self.return_handover)
        self.accept_button = QPushButton("Accept and sign off")
        self.accept_button.setObjectName("primaryButton")
        self.accept_button.clicked.connect(self.accept_handover)
        self.accept_hint = plain_label()  # names the outgoing manager: plain text
        self.accept_hint.setWordWrap(True)
        self.accept_hint.setMinimumWidth(150)  # a few lines, not a column of single words
        self.accept_hint.setStyleSheet(f"color: {SUBTLE}; font-size: 9pt;")
        self.accept_hint.setMaximumWidth(300)
        for widget in (self.score, self.accept_hint, self.start_button, self.return_button,
                       self.accept_button):
            self.header.actions.addWidget(widget)

        self.signoff_banner = Banner(closable=False)
        self.promises_banner = Banner()
        self.banner = Banner()
        self.problem_banner = Banner()

        self.brief = BriefView()
        brief_title = QLabel("THE BRIEF AS IT WILL PRINT")
        brief_title.setObjectName("panelTitle")
        brief_box = QWidget()
        brief_layout = QVBoxLayout(brief_box)
        brief_layout.setContentsMargins(20, 6, 8, 0)
        brief_layout.setSpacing(6)
        brief_layout.addWidget(brief_title)
        brief_layout.addWidget(self.brief, 1)

        self.questions = QuestionsPanel(template)
        self.questions.section_chosen.connect(self._section_chosen)
        self.questions.ask_requested.connect(self.ask)
        self.questions.answer_sent.connect(self.answer)
        self.questions.resolve_toggled.connect(self.resolve)
        self.read_back_editor = MarkdownEditor(top_heading=3)
        self.read_back_editor.setPlaceholderText(self.read_back_field.help or
                                                 "The account in your own words")
        self.read_back_editor.edited.connect(self._read_back_typed)
        self.read_back_view = MarkdownView()
        self.read_back_stack = QStackedWidget()
        self.read_back_stack.addWidget(self.read_back_editor)
        self.read_back_stack.addWidget(self.read_back_view)
        guidance = (self.read_back_section.guidance if self.read_back_section else ())
        self.read_back_guidance = QLabel("".join(f"\u2022 {esc(g)}<br>" for g in guidance))
        self.read_back_guidance.setObjectName("guidance")
        self.read_back_guidance.setWordWrap(True)
        self.read_back_note = QLabel()
        self.read_back_note.setWordWrap(True)
        self.read_back_note.setTextFormat(Qt.TextFormat.RichText)
        read_back = QWidget()
        read_back_layout = QVBoxLayout(read_back)
        read_back_layout.setContentsMargins(12, 12, 12, 12)
        read_back_layout.setSpacing(8)
        read_back_layout.addWidget(self.read_back_guidance)
        read_back_layout.addWidget(self.read_back_stack, 1)
        read_back_layout.addWidget(self.read_back_note)

        self.side = QTabWidget()
        self.side.setObjectName("accountTabs")
        self.side.setDocumentMode(True)
        self.side.addTab(self.questions, "Questions")
        self.side.addTab(read_back, "Read-back")

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(12)
        self.splitter.addWidget(brief_box)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([760, 520])

        banners = QVBoxLayout()
        banners.setContentsMargins(20, 0, 20, 0)
        banners.setSpacing(6)
        for banner in (self.signoff_banner, self.promises_banner, self.banner,
                       self.problem_banner):
            banners.addWidget(banner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 12)
        layout.setSpacing(8)
        layout.addWidget(self.header)
        layout.addLayout(banners)
        layout.addWidget(self.splitter, 1)

        self.check: CheckResult | None = None
        self.signoff = SignoffState(False, False)
        self._led_to_questions = False
        self._refresh_timer = after_pause(self, RECHECK_MS, lambda: self.refresh(brief_now=False))
        # Laying out the brief of a large account takes a good part of a second: it waits
        # for a longer pause, so typing the read-back is never held up by it.
        self._brief_timer = after_pause(self, BRIEF_DELAY_MS, self.rebuild_brief)
        session.changed.connect(self._changed)
        self.refresh()

    # ------------------------------------------------------------ reading the handover

    def _changed(self, change: Change) -> None:
        if change.account_id not in (None, self.handover.account_id):
            return
        if change.touches("handovers", "questions", *RECORD_TABLES):
            self._refresh_timer.start()

    def refresh(self, brief_now: bool = True) -> None:
        """Read the handover again and show it as it is now; the brief now, or (with
        `brief_now` False) after a pause."""
        self._refresh_timer.stop()
        ws = self.session.ws
        try:
            handover, records, questions = handover_records(ws, self.handover_id)
        except HandoverError:
            self.back_requested.emit()  # taken back (an undo): nothing left to show
            return
        self.handover, self.records, self.question_list = handover, records, questions
        today = self.today()
        self.names = people_names(self.session)
        self.check = check_handover(self.template, handover, records, questions, today)
        self.signoff = signoff_state(handover, records, questions,
                                     snapshot_of(ws, self.handover_id) if
                                     handover.signoff_hash else None, self.template)
        self.header.show_handover(handover, records.account.name, self.names, today,
                                  self.signoff.changed)
        self.score.set_score(self.check.score)
        self._roles()
        self._show_read_back()
        self.questions.set_questions(questions, self.names, can_ask=self.can_ask,
                                     can_answer=self.can_answer, can_resolve=self.can_resolve,
                                     outgoing=self.names.get(handover.outgoing_id, ""))
        waiting = sum(not q.answered for q in questions)
        self.side.setTabText(0, f"Questions  {waiting} waiting" if waiting
                             else f"Questions  {len(questions)}" if questions else "Questions")
        self._show_moves()
        self._show_banners()
        if brief_now:
            self.rebuild_brief()
        else:
            self._brief_timer.start()

    def rebuild_brief(self) -> None:
        """Lay out the brief again from what was last read."""
        self._brief_timer.stop()
        handover, records = self.handover, self.records
        self.brief.show_brief(
            lambda: printed_brief(self.session.ws, self.handover_id, today=self.today(),
                                  template=self.template),
            lambda: plain_brief(handover, records, self.template))
        if self.brief.problem:
            self.show_problem(self.brief.problem)

    def _roles(self) -> None:
        h = self.handover
        parties = h.party_of(self.person_id)
        writable = not self.read_only_notice
        open_ = h.status in ops.QUESTION_STATUSES and writable
        self.parties = parties
        self.can_ask = open_ and bool(parties & {Party.INCOMING, Party.REVIEWER})
        self.can_resolve = self.can_ask
        self.can_answer = open_ and Party.OUTGOING in parties
        self.can_write_read_back = (writable and Party.INCOMING in parties
                                    and h.status in (Status.SUBMITTED, Status.IN_REVIEW))
        self.moves = h.allowed_moves(self.person_id) if writable else []

    def _show_read_back(self) -> None:
        text = self.handover.read_back
        if self.can_write_read_back:
            self.read_back_stack.setCurrentWidget(self.read_back_editor)
            if not self.autosave.is_pending(self._read_back_key(), self.read_back_field.key) \
                    and self.read_back_editor.text() != text:
                self.read_back_editor.setText(text)
        else:
            self.read_back_stack.setCurrentWidget(self.read_back_view)
            self.read_back_view.setMarkdown(text or "*Not written yet: the incoming manager "
                                                    "writes it during the review.*", 3)
        self._read_back_words(self.read_back_editor.text() if self.can_write_read_back
                              else text)

    def _read_back_words(self, text: str) -> None:
        words = word_count(text)
        notes = [f"<span style='color:{SUBTLE}'>{words} word{'s' if words != 1 else ''}"
                 "</span>"]
        if self.check is not None and self.read_back_section is not None:
            for f in self.check.findings_for(self.read_back_section.key):
                if f.severity is not Severity.INFO or self.can_write_read_back:
                    notes.append(f"<span style='color:{WARNING}'>{esc(f.message)}</span>")
        self.read_back_note.setText(" &nbsp;\u00b7&nbsp; ".join(notes))
        self.side.setTabText(1, "Read-back" if text.strip() else "Read-back  (to write)")

    def _read_back_key(self) -> str:
        return self.read_back_section.key if self.read_back_section else "read_back"

    def _read_back_typed(self, text: str) -> None:
        self.autosave.edited(self._read_back_key(), self.read_back_field, text)
        self._read_back_words(text)
        self._show_moves()

    def read_back_text(self) -> str:
        """The read-back as typed, saved or not."""
        if self.can_write_read_back:
            return self.read_back_editor.text()
        return self.handover.read_back

    # ------------------------------------------------------------ the moves

    def _show_moves(self) -> None:
        moves = self.moves
        self.start_button.setVisible(Status.IN_REVIEW in moves)
        self.return_button.setVisible(Status.RETURNED in moves)
        accept = Status.ACCEPTED in moves
        self.accept_button.setVisible(accept)
        missing = self.missing_for_acceptance() if accept else []
        self.accept_button.setEnabled(accept and not missing)
        self.accept_hint.setVisible(accept and bool(missing))
        if missing:
            self.accept_hint.setText("To accept: " + "; ".join(missing) + ".")
            self.accept_button.setToolTip("Accept needs " + " and ".join(missing))
        else:
            self.accept_button.setToolTip("Accept the handover: it is sealed with a SHA-256 "
                                          "hash, and any later change shows")

    def missing_for_acceptance(self) -> list[str]:
        """What stands between the incoming manager and Accept, in words."""
        missing = []
        if not self.read_back_text().strip():
            missing.append("write the read-back")
        waiting = [q for q in self.question_list if not q.answered]
        if waiting:
            who = first_name(self.names.get(self.handover.outgoing_id))
            missing.append(f"{len(waiting)} question{'s' if len(waiting) != 1 else ''} "
                           f"to be answered by {who}")
        return missing

    def move_to(self, to: Status, reason: str = "") -> bool:
        """Move the handover as the current user, after the status machine's own check; a
        refusal is said in the banner. A start of review or a return is one undoable
        step; an acceptance is not undoable and ends the undo history."""
        self.autosave.flush()
        try:
            current = self.session.ws.get(Handover, self.handover_id)
            current.check_move(to, self.person_id, ops.questions_of(self.session.ws,
                                                                    self.handover_id))
            if to is Status.ACCEPTED:
                moved = accept_handover(self.session, self.handover_id, self.person_id)
            else:
                command = MoveHandover(self.session, current, to, self.person_id,
                                       self.records.account.name, reason)
                self.session._run(command)
                moved = command.after
        except HandoverError as e:
            self.show_problem(str(e))
            return False
        words = {Status.IN_REVIEW: "Review started",
                 Status.RETURNED: "Returned to the outgoing manager",
                 Status.ACCEPTED: "Accepted and signed off"}
        message = f"{words.get(to, 'Moved')}: {self.records.account.name}"
        if to is Status.ACCEPTED:
            owner = self.names.get(moved.incoming_id, "the incoming manager")
            message += (f", now {owner}\u2019s account (SHA-256 "
                        f"{moved.signoff_hash[:12]}\u2026)")
        self.status_message.emit(message)
        self.moved.emit(self.handover_id)
        return True

    def return_handover(self) -> bool:
        reason = dialogs.ask_return_reason(self, self.records.account.name)
        if reason is None:
            return False
        return self.move_to(Status.RETURNED, reason)

    def accept_handover(self) -> bool:
        return self.move_to(Status.ACCEPTED)

    # ------------------------------------------------------------ questions

    def ask(self, section_key: str, text: str) -> bool:
        if not self._run(AskQuestion(self.session, self.handover, section_key, text,
                                     self.person_id)):
            return False
        self.questions.asked()
        self.status_message.emit("Question sent to "
                                 f"{self.names.get(self.handover.outgoing_id, 'the outgoing')}")
        return True

    def answer(self, question_id: int, text: str) -> bool:
        return self._run_on_question(question_id, answer=text)

    def resolve(self, question_id: int, resolved: bool) -> bool:
        return self._run_on_question(question_id, resolved=resolved)

    def _run_on_question(self, question_id: int, **change) -> bool:
        try:
            before = self.session.ws.get(Question, question_id)
        except HandoverError as e:
            self.show_problem(str(e))
            return False
        return self._run(AnswerQuestion(self.session, self.handover.account_id, before,
                                        self.person_id, **change))

    def _run(self, command) -> bool:
        """Make one undoable step on the handover's questions; a refusal is said in the
        banner."""
        try:
            self.session._run(command)
        except HandoverError as e:
            self.show_problem(str(e))
            return False
        self.refresh(brief_now=False)
        return True

    def _section_chosen(self, section_key: str) -> None:
        number = next((i for i, s in enumerate(self.template.sections, start=1)
                       if s.key == section_key), None)
        section = self.template.section(section_key)
        if number is not None and section is not None:
            self.brief.scroll_to_heading(f"{number}. {section.title}")

    # ------------------------------------------------------------ banners

    def show_problem(self, text: str) -> None:
        self.problem_banner.show_message("error", esc(text))

    def _show_banners(self) -> None:
        h = self.handover
        names = self.names
        outgoing = names.get(h.outgoing_id, "the outgoing manager")
        incoming = names.get(h.incoming_id, "the incoming manager")
        if h.signoff_hash:
            self._show_signoff()
        else:
            self.signoff_banner.clear()
        self._show_promises_handed_on()
        waiting = sum(not q.answered for q in self.question_list)
        p = self.parties
        text, kind = "", "info"
        if self.read_only_notice:
            text, kind = f"{esc(self.read_only_notice)}: you can read, not change.", "warning"
        elif h.status is Status.RETURNED:
            text = (f"<b>Returned to {esc(outgoing)}.</b> Reason: {esc(h.return_reason)}"
                    if h.return_reason else f"<b>Returned to {esc(outgoing)}.</b>")
            kind = "warning"
        elif h.status is Status.DRAFT:
            text = (f"{esc(outgoing)} is still writing this handover "
                    f"({self.check.score if self.check else 0}% complete).")
        elif h.status in (Status.SUBMITTED, Status.IN_REVIEW) and Party.INCOMING in p:
            if h.status is Status.SUBMITTED:
                text = (f"<b>{esc(outgoing)} has handed this account to you.</b> Read the brief"
                        ", then <b>Start review</b>. Ask about anything unclear on its section;"
                        " write your read-back in your own words.")
            else:
                text = ("<b>Your part:</b> read the brief, ask about anything unclear, write "
                        "your read-back, then <b>Accept and sign off</b>. Accept needs every "
                        "question answered and the read-back written.")
        elif h.status in (Status.SUBMITTED, Status.IN_REVIEW) and Party.REVIEWER in p:
            text = ("<b>You review as team lead:</b> ask about anything unclear, or return the "
                    "handover with a reason. The incoming manager accepts it.")
        elif h.status in (Status.SUBMITTED, Status.IN_REVIEW) and Party.OUTGOING in p:
            if waiting:
                text = (f"<b>{waiting} question{'s' if waiting != 1 else ''} from "
                        f"{esc(incoming)} wait{'' if waiting != 1 else 's'} for your answer.</b>"
                        " Sections with questions are marked on the right.")
                kind = "warning"
            else:
                text = (f"{esc(incoming)} is reviewing your handover. Questions they ask "
                        "appear on the right, on their section.")
        if text:
            self.banner.show_message(kind, text)
        else:
            self.banner.clear()
        if self.question_list and not self._led_to_questions:
            # On opening, the questions shown are the first still waiting for an answer.
            self._led_to_questions = True
            first = next((q for q in self.question_list if not q.answered),
                         self.question_list[0])
            self.questions.choose(first.section)

    def _show_promises_handed_on(self) -> None:
        """The open promises of ours the outgoing manager made: the incoming manager's to
        keep once the handover is accepted, and said so before and after."""
        h = self.handover
        outgoing = self.names.get(h.outgoing_id, "")
        promises = promises_to_keep(self.records.commitments, outgoing)
        if not promises or h.status in (Status.DRAFT, Status.RETURNED):
            self.promises_banner.clear()
            return
        mine = Party.INCOMING in self.parties
        whose = "yours" if mine else f"{self.names.get(h.incoming_id, 'the incoming')}\u2019s"
        n = len(promises)
        made = (f"{n} open promise{'s' if n != 1 else ''} {first_name(outgoing)} made to the "
                "customer")
        if h.status is Status.ACCEPTED:
            head = f"<b>Now {esc(whose)} to keep:</b> {esc(made)}."
        else:
            head = f"<b>On acceptance, {esc(whose)} to keep:</b> {esc(made)}."
        today = self.today()
        items = []
        for c in promises[:PROMISES_SHOWN]:
            parts = [esc(c.description)]
            if c.made_to:
                parts.append(f"to {esc(c.made_to)}")
            if c.due_date is not None:
                due = f"due {esc(short_date(c.due_date))}"
                parts.append(f"<b>{due}, overdue</b>" if c.is_overdue(today) else due)
            else:
                parts.append("no due date")
            items.append("<li>" + " \u00b7 ".join(parts) + "</li>")
        if n > PROMISES_SHOWN:
            items.append(f"<li>and {n - PROMISES_SHOWN} more, in the account\u2019s Promises"
                         "</li>")
        kind = "warning" if any(c.is_overdue(today) for c in promises) else "info"
        self.promises_banner.show_message(
            kind, f"{head}<ul style='margin:4px 0 0 -20px'>{''.join(items)}</ul>")

    def _show_signoff(self) -> None:
        h = self.handover
        signer = self.names.get(h.signed_off_by_id, "an unknown person")
        head = (f"<b>Accepted by {esc(signer)}</b> on {esc(when(h.signed_off_at))} "
                f"&nbsp;\u00b7&nbsp; SHA-256 <code>{esc(h.signoff_hash[:12])}\u2026</code>")
        if not self.signoff.changed:
            self.signoff_banner.show_message("good", f"{head} &nbsp;\u00b7&nbsp; unchanged "
                                                     "since sign-off")
            return
        changes = self.signoff.changes
        items = "".join(f"<li>{esc(line)}</li>" for line in changes[:CHANGES_SHOWN])
        more = (f"<li>and {len(changes) - CHANGES_SHOWN} more</li>"
                if len(changes) > CHANGES_SHOWN else "")
        self.signoff_banner.show_message(
            "error", f"{head} &nbsp;\u00b7&nbsp; <b>changed since sign-off:</b>"
                     f"<ul style='margin:4px 0 0 -20px'>{items}{more}</ul>")

    # ------------------------------------------------------------ leaving

    def _timers(self) -> tuple[QTimer, ...]:
        return (self._refresh_timer, self._brief_timer)
