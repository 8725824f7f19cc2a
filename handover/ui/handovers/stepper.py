"""The outgoing manager's stepper: the template's sections in a list with a tick each and the
completeness score; for the section chosen, its guidance, its fields (Markdown with a
preview, saved as you type) and the account's live records, edited in place; the checker's
findings beside, each a click away from the field or record it is about; and Submit, which
is allowed with things missing and says what they are."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSignalBlocker,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from handover.domain.checker import CheckResult, Finding, Severity, check_handover
from handover.domain.errors import HandoverError
from handover.domain.handover import Handover, Party, Status
from handover.domain.records import Account, Question
from handover.domain.template import Field, Section, Template, answer
from handover.domain.words import money
from handover.store import handover_ops as ops
from handover.store.briefdata import handover_records
from handover.ui.handovers.handover_edits import AnswerAutosave, AnswerQuestion, MoveHandover
from handover.ui.handovers.handover_parts import (
    GOOD,
    HEADER_STYLESHEET,
    RECHECK_MS,
    RECORD_TABLES,
    Banner,
    HandoverHeader,
    QuestionCard,
    ScoreBar,
    people_names,
)
from handover.ui.shell import dialogs
from handover.ui.shell.markdown_editor import MarkdownEditor, MarkdownView
from handover.ui.shell.session import Change, Session
from handover.ui.shell.text import esc, tooltip
from handover.ui.shell.words import (
    DANGER,
    HEALTH_TEXT,
    MUTED,
    ROOT,
    SUBTLE,
    WARNING,
    error_icon,
    short_date,
    tick_icon,
    warning_icon,
)

log = logging.getLogger(__name__)

EDITABLE = (Status.DRAFT, Status.RETURNED)
SECTION_ROW = 34  # px, a line of the section list
MISSING_SHOWN = 8  # things missing listed when submitting
# How tall each kind of field and each embedded record tab is on a section's page.
FIELD_HEIGHTS = {"markdown": 200, "list": 116}
RECORD_HEIGHTS = {"account": 0, "contacts": 500, "interactions": 400, "concessions": 520,
                  "commitments": 400}
RECORD_TITLES = {
    "account": "The account",
    "contacts": "The account's stakeholders",
    "interactions": "The relationship history",
    "concessions": "The account's concessions",
    "commitments": "Promises, ours and theirs",
}
# The kinds of record a finding names (RecordRef.kind) and the records a section shows.
RECORDS_OF_KIND = {"contacts": "contacts", "interactions": "interactions",
                   "concessions": "concessions", "commitments": "commitments",
                   "accounts": "account"}


# ---------------------------------------------------------------- one field


class FieldInput(QObject):
    """The editor of one field, as its kind wants it: Markdown with a preview, a list (one
    item a line), or a line of text."""

    edited = Signal(str)  # the user changed the text (not set_text)

    def __init__(self, field: Field, *, read_only: bool = False,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.field = field
        self.read_only = read_only
        if field.read_back and read_only:
            self.widget: QWidget = MarkdownView()
            self.widget.setMinimumHeight(120)
        elif field.kind == "markdown":
            editor = MarkdownEditor(top_heading=3)
            editor.setPlaceholderText("Write here. Markdown works: **bold**, - lists, "
                                      "> quotes.")
            editor.source.setReadOnly(read_only)
            editor.edited.connect(self.edited)
            editor.setMinimumHeight(FIELD_HEIGHTS["markdown"])
            self.widget = editor
        elif field.kind == "list":
            editor = QPlainTextEdit()
            editor.setObjectName("answerList")
            editor.setPlaceholderText("One a line")
            editor.setReadOnly(read_only)
            editor.setFixedHeight(FIELD_HEIGHTS["list"])
            editor.textChanged.connect(lambda: self.edited.emit(editor.toPlainText()))
            self.widget = editor
        else:
            line = QLineEdit()
            line.setObjectName("answerLine")
            line.setPlaceholderText(field.help or ("A date, e.g. 2026-04-15"
                                                   if field.kind == "date" else ""))
            line.setReadOnly(read_only)
            line.textEdited.connect(self.edited)
            self.widget = line

    def text(self) -> str:
        w = self.widget
        if isinstance(w, MarkdownEditor):
            return w.text()
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        if isinstance(w, QLineEdit):
            return w.text()
        return w.markdown()  # type: ignore[attr-defined]

    def set_text(self, text: str) -> None:
        """Show `text` as loaded (not an edit: nothing is saved)."""
        w = self.widget
        if isinstance(w, MarkdownEditor):
            w.setText(text)
        elif isinstance(w, QPlainTextEdit):
            with QSignalBlocker(w):
                w.setPlainText(text)
        elif isinstance(w, QLineEdit):
            w.setText(text)
        else:
            note = "*Written by the incoming manager during the review.*"
            w.setMarkdown(text or note, 3)  # type: ignore[attr-defined]

    def focus(self) -> None:
        self.widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def has_focus(self) -> bool:
        w = self.widget
        inner = w.source if isinstance(w, MarkdownEditor) else w
        return inner.hasFocus()


class FieldBox(QWidget):
    """A field on its section's page: its label, its help, the editor, and what the checker
    says about it."""

    def __init__(self, field: Field, editor: FieldInput, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("fieldBox")
        self.field = field
        self.editor = editor
        label = QLabel(field.label + ("  *" if field.required else ""))
        label.setObjectName("fieldLabel")
        if field.required:
            label.setToolTip("Required: the checker counts this field as missing while it is "
                             "empty")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(label)
        if field.help:
            help_label = QLabel(field.help)
            help_label.setObjectName("fieldHelp")
            help_label.setWordWrap(True)
            layout.addWidget(help_label)
        layout.addWidget(editor.widget)
        self.finding = QLabel()
        self.finding.setObjectName("fieldFinding")
        self.finding.setWordWrap(True)
        self.finding.setTextFormat(Qt.TextFormat.RichText)
        self.finding.hide()
        layout.addWidget(self.finding)

    def show_findings(self, findings: list[Finding]) -> None:
        shown = [f for f in findings if f.severity is not Severity.INFO]
        if not shown:
            self.finding.hide()
            return
        lines = []
        for f in shown:
            colour = DANGER if f.severity is Severity.ERROR else WARNING
            lines.append(f"<span style='color:{colour}'>\u25b2 {esc(f.message)}</span>")
        self.finding.setText("<br>".join(lines))
        self.finding.show()

    def flash(self) -> None:
        """Draw the eye to this field for a moment."""
        self.setProperty("flash", True)
        self.style().unpolish(self)
        self.style().polish(self)

        def done() -> None:
            self.setProperty("flash", False)
            self.style().unpolish(self)
            self.style().polish(self)
        QTimer.singleShot(1200, self, done)  # not after the field is gone


# ---------------------------------------------------------------- the account's own records


class AccountCard(QFrame):
    """The account's own facts a handover starts from (health and why, size, renewal), with
    the account form a click away."""

    def __init__(self, session: Session, account_id: int, read_only: bool,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.account_id = account_id
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.edit_button = QPushButton("Edit account\u2026")
        self.edit_button.setToolTip("Change the account's health and its reason, its size, "
                                    "renewal or owner")
        self.edit_button.setEnabled(not read_only)
        self.edit_button.clicked.connect(self.edit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.facts, 1)
        layout.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        session.changed.connect(self._changed)
        self.refresh()

    def _changed(self, change: Change) -> None:
        if change.account_id in (None, self.account_id) and change.touches("accounts"):
            self.refresh()

    def refresh(self) -> None:
        try:
            a = self.session.ws.get(Account, self.account_id)
        except HandoverError:
            return
        reason = (esc(a.health_reason) if a.health_reason.strip() else
                  f"<span style='color:{DANGER}'>No reason written: say why it is "
                  f"{esc(a.health.label.lower())} (Edit account).</span>")
        renewal = short_date(a.renewal_date) if a.renewal_date else "no date"
        ratio = (f" ({a.potential_revenue / a.current_revenue:.1f}\u00d7)"
                 if a.current_revenue > 0 else "")
        self.facts.setText(
            f"<span style='color:{HEALTH_TEXT[a.health]}; font-weight:600'>"
            f"{esc(a.health.label)}</span> &nbsp;\u2014&nbsp; {reason}<br>"
            f"<span style='color:{SUBTLE}'>{esc(a.segment.label)} account \u00b7 now "
            f"{money(a.current_revenue, a.currency)} a year, potential "
            f"{money(a.potential_revenue, a.currency)}{ratio} \u00b7 renewal {renewal}</span>")

    def edit(self) -> None:
        account = self.session.ws.get(Account, self.account_id)
        dialogs.edit_account(self, self.session, account)

    def show_record(self, _record_id: int) -> bool:
        self.edit_button.setFocus(Qt.FocusReason.OtherFocusReason)
        return True


def make_records_tab(records: str, session: Session, account_id: int,
                     today: Callable[[], dt.date], read_only: bool) -> QWidget:
    """The account's live records of a kind, as its own tab shows them: edited there, they
    change for the account too."""
    if records == "account":
        return AccountCard(session, account_id, read_only)
    if records == "contacts":
        from handover.ui.accounts.people import PeopleTab

        return PeopleTab(session, account_id, today)
    if records == "interactions":
        from handover.ui.accounts.history import HistoryTab

        return HistoryTab(session, account_id, today)
    if records == "commitments":
        from handover.ui.accounts.promises import PromisesTab

        return PromisesTab(session, account_id, today)
    if records == "concessions":
        try:
            from handover.ui.accounts.concessions import ConcessionsTab
        except ImportError:  # the concessions tab is plugged in by its own module
            log.exception("the concessions tab is not available")
            label = QLabel("The concessions are edited on the account's Concessions tab.")
            label.setWordWrap(True)
            return label
        return ConcessionsTab(session, account_id, today=today)
    raise ValueError(f"no records called {records!r}")


def fit_records_tab(tab: QWidget) -> None:
    """An account tab made to sit inside a section's card: the card gives the margins, and
    its filter box gives up some of its width."""
    layout = tab.layout()
    if layout is not None:
        layout.setContentsMargins(0, 8, 0, 0)
    search = getattr(tab, "search", None)
    if isinstance(search, QLineEdit):
        search.setMinimumWidth(140)


# ---------------------------------------------------------------- one section


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


# ---------------------------------------------------------------- the findings


FINDING_ROLE = Qt.ItemDataRole.UserRole + 30


class FindingsModel(QAbstractListModel):
    """What the checker asks of the writer, section by section: a heading line for each
    section, then its findings."""

    def __init__(self, template: Template, parent=None):
        super().__init__(parent)
        self.template = template
        self._lines: list[tuple[str, object]] = []

    def set_findings(self, findings: list[Finding]) -> None:
        self.beginResetModel()
        lines: list[tuple[str, object]] = []
        last = object()
        for f in findings:
            if f.section_key != last:
                last = f.section_key
                section = self.template.section(f.section_key) if f.section_key else None
                lines.append(("heading", section.title if section else "Elsewhere"))
            lines.append(("finding", f))
        self._lines = lines
        self.endResetModel()

    def findings(self) -> list[Finding]:
        return [f for kind, f in self._lines if kind == "finding"]  # type: ignore[misc]

    def row_of(self, finding: Finding) -> int | None:
        return next((i for i, (k, f) in enumerate(self._lines)
                     if k == "finding" and f == finding), None)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._lines[index.row()][0] == "heading":
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        kind, value = self._lines[index.row()]
        if kind == "heading":
            if role == Qt.ItemDataRole.DisplayRole:
                return str(value).upper()
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setPointSizeF(8.5)
                font.setWeight(QFont.Weight.DemiBold)
                return font
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(SUBTLE)
            return None
        f: Finding = value  # type: ignore[assignment]
        if role == Qt.ItemDataRole.DisplayRole:
            return f.message
        if role == Qt.ItemDataRole.ToolTipRole:
            where = "the field" if f.field_key else "the record" if f.record else "the section"
            return f"{f.severity.value.capitalize()}: click to go to {where}."
        if role == Qt.ItemDataRole.DecorationRole:
            return error_icon() if f.severity is Severity.ERROR else warning_icon()
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor("#1f2933")
        if role == FINDING_ROLE:
            return f
        return None


# ---------------------------------------------------------------- the stepper


class StepperView(QWidget):
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
        self.sections_done = QLabel()
        self.sections_done.setObjectName("panelTitle")
        self.section_list = QListWidget()
        self.section_list.setObjectName("sectionList")
        self.section_list.setIconSize(QSize(18, 18))
        self.section_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.section_list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for number, section in enumerate(template.sections, start=1):
            item = QListWidgetItem(f"{number}. {section.title}")
            item.setData(Qt.ItemDataRole.UserRole, section.key)
            item.setSizeHint(QSize(0, SECTION_ROW))
            self.section_list.addItem(item)
        # Every section in sight at once: the list never scrolls.
        self.section_list.setFixedHeight(SECTION_ROW * len(template.sections) + 6)

        self.findings = FindingsModel(template, self)
        self.findings_list = QListView()
        self.findings_list.setObjectName("findingsList")
        self.findings_list.setModel(self.findings)
        self.findings_list.setWordWrap(True)
        self.findings_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.findings_list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.findings_list.setSpacing(1)
        self.findings_list.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.findings_list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.findings_list.clicked.connect(self.go_to_index)
        self.findings_list.activated.connect(self.go_to_index)
        self.findings_title = QLabel("TO FIX")
        self.findings_title.setObjectName("panelTitle")
        self.findings_hint = QLabel("Click one to go to its field or record.")
        self.findings_hint.setObjectName("fieldHelp")
        self.findings_hint.setWordWrap(True)
        self.findings_done = QLabel()
        self.findings_done.setWordWrap(True)
        self.findings_done.setTextFormat(Qt.TextFormat.RichText)

        left = QFrame()
        left.setObjectName("sidePanel")
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(14, 12, 8, 12)
        left_layout.setSpacing(6)
        left_layout.addWidget(self.sections_done)
        left_layout.addWidget(self.section_list)
        left_layout.addSpacing(10)
        left_layout.addWidget(self.findings_title)
        left_layout.addWidget(self.findings_hint)
        left_layout.addWidget(self.findings_done)
        left_layout.addWidget(self.findings_list, 1)
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

        self._recheck_timer = QTimer(self)
        self._recheck_timer.setSingleShot(True)
        self._recheck_timer.setInterval(RECHECK_MS)
        self._recheck_timer.timeout.connect(self.recheck)
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
        done = theirs = 0
        for number, section in enumerate(self.template.sections):
            item = self.section_list.item(number)
            to_fix = [f for f in result.findings_for(section.key)
                      if f.severity is not Severity.INFO]
            later = any(f.read_back for f in section.fields) and not to_fix
            waiting = sum(1 for q in questions if q.section == section.key and not q.answered)
            if later and not self.handover.read_back.strip():
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
        self.sections_done.setText(f"SECTIONS  \u00b7  {done} OF {total} DONE")
        shown = [f for f in result.findings if f.severity is not Severity.INFO]
        self.findings.set_findings(shown)
        count = len(shown)
        self.findings_title.setText(f"TO FIX  \u00b7  {count}" if count else "TO FIX")
        self.findings_hint.setVisible(bool(count))
        self.findings_list.setVisible(bool(count))
        self.findings_done.setVisible(not count)
        self.findings_done.setText(f"<span style='color:{GOOD}; font-weight:600'>\u2713 "
                                   "Nothing left to fix.</span><br>Submit when you are ready.")
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

    def _back(self) -> None:
        self.autosave.flush()
        self.back_requested.emit()

    def close_view(self) -> None:
        """The screen is let go: save what was typed and stop following the workspace."""
        self.autosave.flush()
        self._recheck_timer.stop()
        try:
            self.session.changed.disconnect(self._changed)
        except (RuntimeError, TypeError):
            pass

