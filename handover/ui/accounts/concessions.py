"""The Concessions tab of an account: every concession with what was got in return and how
it stands against the policy of its own day, the account's discount % over time, and the
editor that records a concession with all its fields and its promises received in return,
saved as one undoable edit."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCharts import QChart, QChartView, QScatterSeries
from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPointF,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from handover.domain.errors import HandoverError
from handover.domain.policy import (
    PolicyVerdict,
    above_limit,
    approval_problem,
    is_approved,
    judge,
    limit_on,
)
from handover.domain.records import (
    PRICE_KINDS,
    Account,
    AskedBy,
    Baseline,
    Commitment,
    CommitmentStatus,
    Concession,
    ConcessionKind,
    Direction,
    DiscountPolicy,
    Person,
    Recurrence,
    Tactic,
    Trigger,
)
from handover.domain.words import money
from handover.store.concession_queries import (
    ConcessionRow,
    approval_limits,
    concession_rows,
    discount_policies,
    received_for,
    team,
)
from handover.ui.analytics.charts import TrendPoint, concession_trend_chart, tactic_word
from handover.ui.editors.policy import IN_FORCE, percent_text
from handover.ui.shell import dialogs
from handover.ui.shell.markdown_editor import MarkdownEditor
from handover.ui.shell.parts import (
    DETAIL_STYLESHEET,
    FieldErrors,
    OptionalDate,
    button,
    collect_errors,
    date_edit,
    enable_edit_buttons,
    section_title,
)
from handover.ui.shell.session import Change, Session, _RecordCommand
from handover.ui.shell.tables import (
    RowsModel,
    follow_chosen_row,
    make_table,
    select_row,
    selected_row_id,
)
from handover.ui.shell.text import plain_label, tooltip
from handover.ui.shell.words import (
    DANGER,
    ID_ROLE,
    MAIN_ROLE,
    MISSING,
    MUTED,
    NOTE_COLOUR_ROLE,
    NOTE_ROLE,
    SORT_ROLE,
    STATUS_FILL,
    STATUS_TEXT,
    WARNING,
    amount_input,
    dot_icon,
    from_qdate,
    short_date,
    to_qdate,
)

# The edits that change what the tab shows: people for the names, the account for its
# segment and currency, the policy for the verdicts.
TABLES = ("concessions", "commitments", "accounts", "discount_policies", "people")
CHANGED_TABLES = frozenset({"concessions", "commitments"})
NOT_SAID = "\u2014 not said"
# A kind in a narrow column; the tooltip says it in full.
KIND_WORDS = {
    ConcessionKind.PRICE_DISCOUNT: "Discount", ConcessionKind.REBATE: "Rebate",
    ConcessionKind.VOLUME_BONUS: "Volume bonus",
    ConcessionKind.EARLY_PAYMENT_DISCOUNT: "Early payment",
    ConcessionKind.PAYMENT_TERMS: "Payment terms",
    ConcessionKind.FREE_GOODS_SERVICES: "Free goods",
    ConcessionKind.CONTRACT_EXTENSION: "Extension", ConcessionKind.PRICE_FREEZE: "Price freeze",
    ConcessionKind.SERVICE_LEVEL_UPGRADE: "Service level",
    ConcessionKind.CREDIT_WRITE_OFF: "Credit", ConcessionKind.MOST_FAVOURED_CUSTOMER: "MFC clause",
    ConcessionKind.OTHER: "Other",
}
RECURRENCE_WORDS = {Recurrence.ONE_OFF: "One-off",
                    Recurrence.RECURRING: "Recurs at every renewal",
                    Recurrence.PERMANENT: "Permanent"}
CHART_HEIGHT = 230

def amount_value(text: str) -> float | None:
    """The number in an amount field, or None when there is none (yet)."""
    cleaned = amount_input(text)
    try:
        return float(cleaned) if cleaned is not None else None
    except ValueError:
        return None


def terms_text(c: Concession) -> str:
    """Non-price terms as "net 30 → net 60"."""
    if c.terms_before or c.terms_after:
        return f"{c.terms_before or '?'} \u2192 {c.terms_after or '?'}"
    return ""


def received_words(c: Commitment) -> str:
    """A promise received in return, as the table shows it: "Volume +10% (kept)"."""
    return f"{c.description} ({c.status.label.lower()})"


# ---------------------------------------------------------------- the table


class ConcessionsModel(RowsModel[ConcessionRow]):
    """The account's concessions, one row each, judged by the policy of their day."""

    # The columns a reader scans first come first: what, how much, against policy, for what;
    # then why, for how long and under which tactics. Who asked shares the trigger's cell,
    # and the precedent the lifetime's, so that an account's width holds every column.
    (DATE, KIND, DISCOUNT, POLICY, VALUE, RETURN, WHY, LIFETIME, TACTICS) = range(9)
    HEADERS = ("Date", "Kind", "Discount", "Policy", "Per year", "In return", "Why",
               "Lifetime", "Tactics")
    HEADER_TIPS = {
        2: "The discount % of a price concession; the terms before and after of another",
        3: "Judged by the policy of the account's segment in force on the concession's date",
        4: "The conceded value per year (the baseline it is measured against is in the tip)",
        5: "What the customer promised in return, with its status",
        6: "The trigger, and whether the customer asked or we offered it unprompted",
        7: "One-off, recurring at every renewal, or permanent; and whether it sets a "
           "precedent other customers know of",
        8: "The buyer tactics seen before it was given",
    }

    def __init__(self, parent=None):
        super().__init__(parent)
        self.account: Account | None = None
        self.policies: list[DiscountPolicy] = []
        self._verdicts: dict[int, PolicyVerdict | None] = {}

    def set_concessions(self, rows: Sequence[ConcessionRow], account: Account,
                        policies: Sequence[DiscountPolicy]) -> None:
        self.account = account
        self.policies = list(policies)
        self._verdicts = {r.id: judge(r.concession.kind, r.concession.baseline_value,
                                      r.concession.conceded_value, r.concession.date,
                                      account.segment, self.policies) for r in rows}
        self.set_rows(rows)

    def verdict(self, concession_id: int) -> PolicyVerdict | None:
        return self._verdicts.get(concession_id)

    @property
    def currency(self) -> str:
        return self.account.currency if self.account else "EUR"

    def cell(self, row: ConcessionRow, column: int, role: int):
        c = row.concession
        display = role == Qt.ItemDataRole.DisplayRole
        verdict = self._verdicts.get(row.id)
        if column == self.DATE:
            if display:
                return short_date(c.date)
            if role == SORT_ROLE:
                return (c.date.toordinal(), c.id)
        elif column == self.KIND:
            if display:
                return KIND_WORDS[c.kind]
            if role == Qt.ItemDataRole.ToolTipRole:
                return c.kind.label
            if role == SORT_ROLE:
                return list(ConcessionKind).index(c.kind)
        elif column == self.DISCOUNT:
            text = f"{verdict.discount_pct:.1f}%" if verdict else (terms_text(c) or MISSING)
            if display:
                return text
            if role == SORT_ROLE:
                return verdict.discount_pct if verdict else -1.0
            if role == Qt.ItemDataRole.ToolTipRole and verdict is None and terms_text(c):
                return tooltip(f"Before: {c.terms_before or '?'}\nAfter: {c.terms_after or '?'}")
            if role == Qt.ItemDataRole.ForegroundRole and text == MISSING:
                return QColor(MUTED)
        elif column == self.VALUE:
            main = money(c.conceded_value, self.currency)
            if display:
                return main
            if role == SORT_ROLE:
                return c.conceded_value
            if role == Qt.ItemDataRole.ToolTipRole:
                return (f"{main} a year conceded against the {c.baseline.label.lower()} "
                        f"of {money(c.baseline_value, self.currency)}")
        elif column == self.WHY:
            # Only the telling answer is written: that we offered it unasked.
            note = "we offered" if c.asked_by is AskedBy.US_UNPROMPTED else ""
            if display:
                return f"{c.trigger.label}, {note}" if note else c.trigger.label
            if role == MAIN_ROLE:
                return c.trigger.label
            if role == NOTE_ROLE:
                return note or None
            if role == NOTE_COLOUR_ROLE:
                return WARNING
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"Trigger: {c.trigger.label}\nAsked by: {c.asked_by.label}"
            if role == SORT_ROLE:
                return (c.trigger.label, c.asked_by.value)
        elif column == self.TACTICS:
            tactics = [t for t in Tactic if t in c.tactics]
            if display:
                return ", ".join(tactic_word(t.label) for t in tactics) or MISSING
            if role == Qt.ItemDataRole.ToolTipRole and tactics:
                return "\n".join(t.label for t in tactics)
            if role == SORT_ROLE:
                return len(tactics)
            if role == Qt.ItemDataRole.ForegroundRole and not tactics:
                return QColor(MUTED)
        elif column == self.RETURN:
            return self._return_cell(row, role)
        elif column == self.LIFETIME:
            if c.sets_precedent:
                note = "known precedent" if c.known_to_others else "precedent"
            else:
                note = "others know" if c.known_to_others else ""
            if display:
                return f"{c.recurrence.label}, {note}" if note else c.recurrence.label
            if role == MAIN_ROLE:
                return c.recurrence.label
            if role == NOTE_ROLE:
                return note or None
            if role == NOTE_COLOUR_ROLE:
                return DANGER if c.known_to_others else WARNING
            if role == Qt.ItemDataRole.ToolTipRole:
                words = RECURRENCE_WORDS[c.recurrence]
                if c.expiry:
                    words += f", until {short_date(c.expiry)}"
                words += ("\nSets a precedent the customer will cite" if c.sets_precedent
                          else "\nNot a precedent")
                return words + ("; other customers know of it" if c.known_to_others else "")
            if role == SORT_ROLE:
                return (list(Recurrence).index(c.recurrence), c.sets_precedent,
                        c.known_to_others)
        elif column == self.POLICY:
            return self._policy_cell(row, verdict, role)
        return None

    def _return_cell(self, row: ConcessionRow, role: int):
        c = row.concession
        display = role == Qt.ItemDataRole.DisplayRole
        if row.received:
            first = row.received[0]
            more = f" +{len(row.received) - 1} more" if len(row.received) > 1 else ""
            note = f"({first.status.label.lower()}){more}"
            if display:
                return "; ".join(received_words(r) for r in row.received)
            if role == MAIN_ROLE:
                return first.description
            if role == NOTE_ROLE:
                return note
            if role == NOTE_COLOUR_ROLE:
                return STATUS_TEXT[first.status]
            if role == Qt.ItemDataRole.ToolTipRole:
                return tooltip("\n".join(
                    received_words(r)
                    + (f", worth {money(r.value, self.currency)} a year" if r.value else "")
                    + (f", due {short_date(r.due_date)}" if r.due_date else "")
                    for r in row.received))
            if role == SORT_ROLE:
                return 2
            return None
        nothing = c.nothing_in_return
        if display:
            return "Nothing" if nothing else NOT_SAID
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(DANGER if nothing else WARNING)
        if role == Qt.ItemDataRole.FontRole and nothing:
            font = QFont()
            font.setWeight(QFont.Weight.DemiBold)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return ("Given for nothing in return" if nothing else
                    "Nobody said what was received in return: edit it to say, or to record "
                    "\u201cnothing\u201d")
        if role == SORT_ROLE:
            return 0 if nothing else 1
        return None

    def _policy_cell(self, row: ConcessionRow, verdict: PolicyVerdict | None, role: int):
        display = role == Qt.ItemDataRole.DisplayRole
        segment = self.account.segment.label if self.account else ""
        if verdict is None or verdict.policy is None:
            text = MISSING if verdict is None else "No policy then"
            if display:
                return text
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(MUTED)
            if role == Qt.ItemDataRole.ToolTipRole:
                return ("A concession without a discount % is not judged by the discount "
                        "policy" if verdict is None else
                        f"No {segment} discount policy was in force on "
                        f"{short_date(row.concession.date)}")
            if role == SORT_ROLE:
                return -1.0
            return None
        policy = verdict.policy
        if verdict.above:
            main = f"\u25b2 {verdict.excess_points:.1f} pts"
            colour = DANGER
        elif verdict.above_target:
            main, colour = "Above target", WARNING
        else:
            main, colour = "Within target", IN_FORCE
        if display:
            return main
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(colour)
        if role == Qt.ItemDataRole.FontRole and verdict.above:
            font = QFont()
            font.setWeight(QFont.Weight.DemiBold)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            words = (f"{verdict.discount_pct:.1f}% against the {segment} policy in force on "
                     f"{short_date(row.concession.date)} (from "
                     f"{short_date(policy.effective_from)}): target "
                     f"{percent_text(policy.target_pct)}, maximum "
                     f"{percent_text(policy.max_pct)}")
            if verdict.above:
                excess = verdict.excess_money(row.concession.baseline_value)
                words += f"\n{money(excess, self.currency)} a year above the maximum"
            return words
        if role == SORT_ROLE:
            return verdict.excess_points if verdict.above else -0.5 + verdict.above_target
        return None


class NoteFirstDelegate(QStyledItemDelegate):
    """A cell of a main text and a quieter note ("Volume +10%  (kept)"), where the note
    always shows in full and the main text gives way: in a narrow column the status of a
    promise, or "known precedent", matters more than the end of a description."""

    GAP = 6

    def __init__(self, parent=None, *, note_share: float = 0.45, note_first: bool = True):
        super().__init__(parent)
        self.note_share = note_share  # at most this share of the cell goes to the note ...
        self.note_first = note_first  # ... or, with False, what the main text leaves

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex):
        note = index.data(NOTE_ROLE)
        if not note:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        opt.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = text_rect.adjusted(3, 0, -3, 0)
        note_font = QFont(opt.font)
        note_font.setPointSizeF(max(7.0, opt.font.pointSizeF() - 0.5))
        note_metrics = QFontMetrics(note_font)
        main = index.data(MAIN_ROLE) or ""
        if self.note_first:
            note_width = min(note_metrics.horizontalAdvance(note),
                             int(rect.width() * self.note_share))
            main_width = max(0, rect.width() - note_width - self.GAP)
        else:
            main_width = min(opt.fontMetrics.horizontalAdvance(main) + 2, rect.width())
        shown = opt.fontMetrics.elidedText(main, Qt.TextElideMode.ElideRight, main_width)
        used = opt.fontMetrics.horizontalAdvance(shown)
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(QColor(foreground) if isinstance(foreground, (QColor, str))
                       else QColor("#1f2933"))
        painter.drawText(rect.adjusted(0, 0, -(rect.width() - used), 0), align, shown)
        painter.setFont(note_font)
        painter.setPen(QColor(index.data(NOTE_COLOUR_ROLE) or MUTED))
        rest = rect.adjusted(used + self.GAP, 0, 0, 0)
        # A note that gives way is shown whole or not at all ("we o…" says nothing).
        if self.note_first or note_metrics.horizontalAdvance(note) <= rest.width():
            painter.drawText(rest, align, note_metrics.elidedText(
                note, Qt.TextElideMode.ElideRight, rest.width()))
        painter.restore()


# ---------------------------------------------------------------- one undoable operation


class _ConcessionCommand(_RecordCommand):
    """A change to a concession and the promises received for it, in one transaction."""

    def __init__(self, session: Session, account_id: int, text: str):
        super().__init__(session, text)
        self.account_id = account_id

    def _tell_screens(self) -> None:
        self.session.changed.emit(Change(CHANGED_TABLES, self.account_id))


class SaveConcession(_ConcessionCommand):
    """Adds a concession (`before` None) or changes one, with the promises of theirs
    received in return: new ones added, changed ones saved, dropped ones removed."""

    def __init__(self, session: Session, before: Concession | None, after: Concession,
                 received_before: Sequence[Commitment], received_after: Sequence[Commitment],
                 text: str):
        super().__init__(session, after.account_id, text)
        self.before = before
        self.after = after
        self.received_before = {c.id: c for c in received_before}
        self.received_after = list(received_after)
        self._new = {i for i, c in enumerate(received_after)
                     if c.id is None or c.id not in self.received_before}
        kept = {c.id for c in received_after if c.id is not None}
        self._dropped = [c for c in received_before if c.id not in kept]

    def apply(self) -> None:
        ws = self.session.ws
        with ws.action("saving a concession"):
            if self.before is None:
                self.after = ws.add(self.after)  # keeps its id when redone
            else:
                ws.update(self.after)
            for c in self._dropped:
                ws.delete(c)
            for i, c in enumerate(self.received_after):
                c = dataclasses.replace(c, concession_id=self.after.id)
                if i in self._new:
                    c = ws.add(c)
                elif c != self.received_before[c.id]:
                    ws.update(c)
                self.received_after[i] = c
        self._tell_screens()

    def revert(self) -> None:
        ws = self.session.ws
        with ws.action("undoing a concession"):
            # Promises first: removing a concession would unlink them.
            for i, c in enumerate(self.received_after):
                if i in self._new:
                    ws.delete(c)
                elif c != self.received_before[c.id]:
                    ws.update(self.received_before[c.id])
            for c in self._dropped:
                ws.add(c)
            if self.before is None:
                ws.delete(self.after)
            else:
                ws.update(self.before)
        self._tell_screens()


class RemoveConcession(_ConcessionCommand):
    """Removes a concession; the promises received for it stay (in Promises), unlinked,
    and undo links them again."""

    def __init__(self, session: Session, concession: Concession, text: str):
        super().__init__(session, concession.account_id, text)
        self.concession = concession
        self.linked = received_for(session.ws, concession.id)  # type: ignore[arg-type]

    def apply(self) -> None:
        self.session.ws.delete(self.concession)  # unlinks the promises in the same step
        self._tell_screens()

    def revert(self) -> None:
        ws = self.session.ws
        with ws.action("restoring a removed concession"):
            ws.add(self.concession)
            for c in self.linked:
                ws.update(c)
        self._tell_screens()


def concession_title(c: Concession) -> str:
    return f"{c.kind.label.lower()} of {short_date(c.date)}"


# ---------------------------------------------------------------- the editor


class _ReceivedRow(QWidget):
    """One promise of theirs received in return: what, its worth, due date and status."""

    FIELDS = {"description": "Promise", "value": "Worth", "due_date": "Due date",
              "status": "Status"}

    removed = Signal(object)

    def __init__(self, commitment: Commitment | None, currency: str, default_due: dt.date):
        super().__init__()
        self.commitment = commitment
        self.errors = FieldErrors(self.FIELDS)
        self.description = QLineEdit()
        self.description.setPlaceholderText("What they promised, e.g. volume +10% in 2027")
        self.value = QLineEdit()
        self.value.setPlaceholderText(f"per year, {currency}")
        self.value.setFixedWidth(120)
        self.due = OptionalDate(default=default_due, none_text="No due date")
        self.status = QComboBox()
        for status in CommitmentStatus:
            self.status.addItem(dot_icon(STATUS_FILL[status]), status.label, status)
        self.remove_button = QToolButton()
        self.remove_button.setText("\u2715")
        self.remove_button.setToolTip("Remove this promise")
        self.remove_button.setAutoRaise(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        attach = self.errors.attach
        layout.addWidget(attach("description", self.description), 3)
        layout.addWidget(attach("value", self.value))
        layout.addWidget(attach("due_date", self.due), 2)
        layout.addWidget(attach("status", self.status))
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        self.remove_button.clicked.connect(lambda: self.removed.emit(self))
        if commitment is not None:
            self.description.setText(commitment.description)
            self.value.setText("" if commitment.value is None else f"{commitment.value:g}")
            self.due.set_value(commitment.due_date)
            self.status.setCurrentIndex(list(CommitmentStatus).index(commitment.status))

    def values(self) -> dict[str, object]:
        return {"description": self.description.text(),
                "value": amount_input(self.value.text()), "due_date": self.due.value(),
                "status": self.status.currentData()}

    def build(self, account_id: int, made_on: dt.date) -> Commitment | None:
        """The promise as a record, or None with the messages shown beside its fields."""
        base = self.commitment

        def make(v: dict[str, object]) -> Commitment:
            if base is not None:
                return dataclasses.replace(base, **v)
            return Commitment(account_id=account_id, direction=Direction.THEIRS, date=made_on,
                              **v)

        record, errors = collect_errors(make, self.values(), {
            "description": "?", "value": None, "due_date": None,
            "status": CommitmentStatus.OPEN})
        self.errors.show(errors)
        return record


class ConcessionDialog(QDialog):
    """Records or edits one concession with every field of it, in the order a negotiation
    is told: what was given, why and under which pressure, with whose authority, for how
    long, what was got in return, and what comes next. A refused value is named beside its
    field; saving is one undoable edit."""

    FIELDS = {
        "date": "Date", "kind": "Kind", "baseline": "Baseline",
        "baseline_value": "Baseline value", "conceded_value": "Conceded value",
        "terms_before": "Terms before", "terms_after": "Terms after",
        "negotiation": "Negotiation", "asked_by": "Asked by", "trigger": "Trigger",
        "tactics": "Tactics", "granted_by_id": "Granted by", "approved_by_id": "Approved by",
        "recurrence": "Recurrence", "sets_precedent": "Precedent",
        "known_to_others": "Known to others", "expiry": "Expiry",
        "nothing_in_return": "In return", "likely_next_ask": "Likely next ask",
        "notes": "Notes",
    }

    def __init__(self, session: Session, account_id: int,
                 concession: Concession | None = None, parent: QWidget | None = None, *,
                 today: dt.date | None = None):
        super().__init__(parent)
        self.session = session
        self.account_id = account_id
        self.concession = concession
        self.saved: Concession | None = None
        self.today = today or dt.date.today()
        ws = session.ws
        self.account = ws.get(Account, account_id)
        self.currency = self.account.currency
        self.policies = discount_policies(ws)
        self.limits = approval_limits(ws)
        self.people = team(ws)
        self.setWindowTitle(f"Edit concession \u2014 {self.account.name}" if concession
                            else f"Add a concession \u2014 {self.account.name}")
        self.setMinimumSize(960, 640)
        self.resize(1100, 800)
        self.setStyleSheet(DETAIL_STYLESHEET + _DIALOG_STYLE)
        self.errors = FieldErrors(self.FIELDS)
        self.stand_ins: dict[str, object] = {
            "date": self.today, "kind": ConcessionKind.PRICE_DISCOUNT,
            "baseline": Baseline.LIST_PRICE, "baseline_value": 0.0, "conceded_value": 0.0,
            "terms_before": "", "terms_after": "", "negotiation": "",
            "asked_by": AskedBy.CUSTOMER, "trigger": Trigger.OTHER, "tactics": frozenset(),
            "granted_by_id": None, "approved_by_id": None, "recurrence": Recurrence.ONE_OFF,
            "sets_precedent": False, "known_to_others": False, "expiry": None,
            "nothing_in_return": False, "likely_next_ask": "", "notes": ""}
        self.received_rows: list[_ReceivedRow] = []
        self.received_before: list[Commitment] = []
        self._build()
        self._load(concession)
        self._connect()
        self._update_live()
        self._sync_return()

    # ------------------------------------------------------------ the fields

    def _build(self) -> None:
        attach = self.errors.attach
        # What was given
        self.date = date_edit(self.today)
        self.kind = QComboBox()
        for kind in ConcessionKind:
            self.kind.addItem(kind.label, kind)
        self.baseline = QComboBox()
        for each in Baseline:
            self.baseline.addItem(each.label, each)
        self.baseline_value = QLineEdit()
        self.baseline_value.setPlaceholderText(f"per year, {self.currency}")
        self.conceded_value = QLineEdit()
        self.conceded_value.setPlaceholderText(f"per year, {self.currency}")
        for edit in (self.baseline_value, self.conceded_value):
            edit.setFixedWidth(160)
        self.discount_label = QLabel()
        self.discount_label.setObjectName("liveFigure")
        self.terms_before = QLineEdit()
        self.terms_before.setPlaceholderText("e.g. net 30")
        self.terms_after = QLineEdit()
        self.terms_after.setPlaceholderText("e.g. net 60")
        self.negotiation = QLineEdit()
        self.negotiation.setPlaceholderText("e.g. 2026 renewal \u2014 groups one negotiation")
        given = QFormLayout()
        _form_look(given)
        given.addRow("Date", attach("date", _left(self.date)))
        given.addRow("Kind", attach("kind", self.kind))
        given.addRow("Measured against", attach("baseline", _left(self.baseline)))
        given.addRow("Baseline value", attach("baseline_value", _left(self.baseline_value)))
        given.addRow("Conceded value", attach("conceded_value",
                                              _left(self.conceded_value, self.discount_label)))
        terms = QWidget()
        terms_row = QHBoxLayout(terms)
        terms_row.setContentsMargins(0, 0, 0, 0)
        terms_row.setSpacing(8)
        terms_row.addWidget(attach("terms_before", self.terms_before), 1)
        arrow = QLabel("\u2192")
        arrow.setFixedHeight(self.terms_before.sizeHint().height())
        terms_row.addWidget(arrow, 0, Qt.AlignmentFlag.AlignTop)
        terms_row.addWidget(attach("terms_after", self.terms_after), 1)
        given.addRow("Terms before \u2192 after", terms)
        given.addRow("Negotiation", attach("negotiation", self.negotiation))

        # Why and under which pressure
        self.asked_customer = QRadioButton("The customer asked")
        self.asked_us = QRadioButton("We offered it unprompted")
        self.asked_customer.setChecked(True)
        asked_group = QButtonGroup(self)
        asked_group.addButton(self.asked_customer)
        asked_group.addButton(self.asked_us)
        asked = _row(self.asked_customer, self.asked_us)
        self.trigger = QComboBox()
        for each in Trigger:
            self.trigger.addItem(each.label, each)
        self.tactic_boxes: dict[Tactic, QCheckBox] = {}
        tactics = QWidget()
        grid = QGridLayout(tactics)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        half = (len(Tactic) + 1) // 2
        for n, tactic in enumerate(Tactic):
            box = QCheckBox(tactic_word(tactic.label))
            box.setToolTip(tactic.label)
            self.tactic_boxes[tactic] = box
            grid.addWidget(box, n % half, n // half)
        why = QFormLayout()
        _form_look(why)
        why.addRow("Who asked", attach("asked_by", asked))
        why.addRow("Trigger", attach("trigger", _left(self.trigger)))
        why.addRow("Buyer tactics seen", attach("tactics", tactics))

        # Authority
        self.granted_by = self._person_box("Not recorded")
        self.approved_by = self._person_box("Nobody approved it")
        self.policy_label = QLabel()
        self.policy_label.setWordWrap(True)
        self.policy_label.setObjectName("policyVerdict")
        self.policy_label.setTextFormat(Qt.TextFormat.RichText)
        self.policy_label.setSizePolicy(QSizePolicy.Policy.Expanding,
                                        QSizePolicy.Policy.Preferred)
        self.policy_label.setMinimumWidth(300)
        authority = QFormLayout()
        _form_look(authority)
        authority.addRow("Granted by", attach("granted_by_id", self.granted_by))
        authority.addRow("Approved by", attach("approved_by_id", self.approved_by))
        authority.addRow("Against policy", self.policy_label)

        # Terms and lifetime
        self.recurrence_buttons: dict[Recurrence, QRadioButton] = {}
        recurrence_group = QButtonGroup(self)
        for each in Recurrence:
            radio = QRadioButton(RECURRENCE_WORDS[each])
            recurrence_group.addButton(radio)
            self.recurrence_buttons[each] = radio
        self.recurrence_buttons[Recurrence.ONE_OFF].setChecked(True)
        self.sets_precedent = QCheckBox("It sets a precedent the customer will cite")
        self.known_to_others = QCheckBox("Other customers know of it")
        self.expiry = OptionalDate(default=self.today + dt.timedelta(days=365),
                                   none_text="No expiry")
        lifetime = QFormLayout()
        _form_look(lifetime)
        lifetime.addRow("Lasts", attach("recurrence", _row(*self.recurrence_buttons.values())))
        lifetime.addRow("Precedent", attach("sets_precedent", self.sets_precedent))
        lifetime.addRow("", attach("known_to_others", self.known_to_others))
        lifetime.addRow("Expires", attach("expiry", self.expiry))

        # What we got in return
        self.received_box = QVBoxLayout()
        self.received_box.setContentsMargins(0, 0, 0, 0)
        self.received_box.setSpacing(6)
        self.add_received_button = button("+ Add what they promised")
        self.nothing_in_return = QCheckBox("Nothing in return")
        self.nothing_in_return.setObjectName("nothingBox")
        self.return_hint = QLabel()
        self.return_hint.setWordWrap(True)
        self.return_hint.setObjectName("fieldHint")
        got = QVBoxLayout()
        got.setSpacing(8)
        got.addLayout(self.received_box)
        got.addLayout(_hrow(self.add_received_button, self.nothing_in_return))
        got.addWidget(attach("nothing_in_return", self.return_hint))

        # Next
        self.likely_next_ask = QPlainTextEdit()
        self.likely_next_ask.setPlaceholderText("What the customer will probably ask for next, "
                                                "citing this one")
        self.likely_next_ask.setFixedHeight(58)
        self.notes = MarkdownEditor(top_heading=3)
        self.notes.setPlaceholderText("The story of this concession, in Markdown")
        self.notes.setMinimumHeight(150)
        nxt = QFormLayout()
        _form_look(nxt)
        nxt.addRow("Likely next ask", attach("likely_next_ask", self.likely_next_ask))
        nxt.addRow("Notes", attach("notes", self.notes))

        left = QVBoxLayout()
        left.setSpacing(14)
        left.addWidget(_card("What was given", given))
        left.addWidget(_card("Why, and under which pressure", why))
        left.addStretch(1)
        right = QVBoxLayout()
        right.setSpacing(14)
        right.addWidget(_card("Authority", authority))
        right.addWidget(_card("Terms and lifetime", lifetime))
        right.addWidget(_card("What we got in return", got))
        right.addWidget(_card("Next", nxt))
        right.addStretch(1)
        body = QWidget()
        body.setObjectName("dialogBody")
        columns = QHBoxLayout(body)
        columns.setContentsMargins(0, 0, 8, 0)
        columns.setSpacing(16)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)

        heading = plain_label(("Edit the " + concession_title(self.concession))
                              if self.concession else "What was conceded to " + self.account.name)
        heading.setObjectName("readerTitle")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 14)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)

    def _person_box(self, none_text: str) -> QComboBox:
        box = QComboBox()
        box.addItem(none_text, None)
        for person in self.people:
            box.addItem(f"{person.name} \u2014 {person.role.label.lower()}", person.id)
        return box

    def _connect(self) -> None:
        for edit in (self.baseline_value, self.conceded_value):
            edit.textChanged.connect(self._update_live)
        self.kind.currentIndexChanged.connect(self._update_live)
        self.date.dateChanged.connect(self._update_live)
        self.granted_by.currentIndexChanged.connect(self._update_live)
        self.approved_by.currentIndexChanged.connect(self._update_live)
        self.add_received_button.clicked.connect(lambda: self.add_received_row())
        self.nothing_in_return.toggled.connect(self._sync_return)

    def _load(self, c: Concession | None) -> None:
        if c is None:
            me = next((p for p in self.people if p.name == self.session.ws.user), None)
            if me is not None:
                self.granted_by.setCurrentIndex(max(0, self.granted_by.findData(me.id)))
            return
        self.date.setDate(to_qdate(c.date))
        self.kind.setCurrentIndex(list(ConcessionKind).index(c.kind))
        self.baseline.setCurrentIndex(list(Baseline).index(c.baseline))
        self.baseline_value.setText(f"{c.baseline_value:,.2f}".removesuffix(".00"))
        self.conceded_value.setText(f"{c.conceded_value:,.2f}".removesuffix(".00"))
        self.terms_before.setText(c.terms_before)
        self.terms_after.setText(c.terms_after)
        self.negotiation.setText(c.negotiation)
        (self.asked_us if c.asked_by is AskedBy.US_UNPROMPTED
         else self.asked_customer).setChecked(True)
        self.trigger.setCurrentIndex(list(Trigger).index(c.trigger))
        for tactic, box in self.tactic_boxes.items():
            box.setChecked(tactic in c.tactics)
        self.granted_by.setCurrentIndex(max(0, self.granted_by.findData(c.granted_by_id)))
        self.approved_by.setCurrentIndex(max(0, self.approved_by.findData(c.approved_by_id)))
        self.recurrence_buttons[c.recurrence].setChecked(True)
        self.sets_precedent.setChecked(c.sets_precedent)
        self.known_to_others.setChecked(c.known_to_others)
        self.expiry.set_value(c.expiry)
        self.nothing_in_return.setChecked(c.nothing_in_return)
        self.likely_next_ask.setPlainText(c.likely_next_ask)
        self.notes.setText(c.notes)
        self.received_before = received_for(self.session.ws, c.id)  # type: ignore[arg-type]
        for commitment in self.received_before:
            self.add_received_row(commitment)

    # ------------------------------------------------------------ what we got in return

    def add_received_row(self, commitment: Commitment | None = None) -> _ReceivedRow:
        row = _ReceivedRow(commitment, self.currency,
                           self.concession_date() + dt.timedelta(days=90))
        row.removed.connect(self._remove_received_row)
        self.received_rows.append(row)
        self.received_box.addWidget(row)
        if commitment is None:
            row.description.setFocus(Qt.FocusReason.OtherFocusReason)
        self._sync_return()
        return row

    def _remove_received_row(self, row: _ReceivedRow) -> None:
        self.received_rows.remove(row)
        self.received_box.removeWidget(row)
        row.hide()
        row.deleteLater()
        self._sync_return()

    def _sync_return(self, *_args) -> None:
        """"Nothing in return" and promises received exclude each other: while one is
        there, the other cannot be chosen."""
        has_rows = bool(self.received_rows)
        nothing = self.nothing_in_return.isChecked()
        self.nothing_in_return.setEnabled(not has_rows)
        self.add_received_button.setEnabled(not nothing)
        self.nothing_in_return.setToolTip(
            "Remove the promises above to record that nothing was received" if has_rows
            else "The explicit answer: nothing was received in return")
        if nothing:
            text, colour = ("Recorded as given for nothing: it counts in \u201cgive without "
                            "get\u201d."), DANGER
        elif has_rows:
            text, colour = "", MUTED
        else:
            text, colour = ("Say what the customer promised in return, or tick \u201cNothing "
                            "in return\u201d: a blank counts as not said."), WARNING
        self.return_hint.setText(text)
        self.return_hint.setVisible(bool(text))
        self.return_hint.setStyleSheet(f"color: {colour};")

    # ------------------------------------------------------------ live figures

    def concession_date(self) -> dt.date:
        return from_qdate(self.date.date())

    def live_discount(self) -> float | None:
        """The discount % of what is typed now; None without one."""
        kind = self.kind.currentData()
        baseline = amount_value(self.baseline_value.text())
        conceded = amount_value(self.conceded_value.text())
        if kind not in PRICE_KINDS or not baseline or baseline <= 0 or conceded is None:
            return None
        return 100.0 * conceded / baseline

    def _update_live(self, *_args) -> None:
        kind = self.kind.currentData()
        pct = self.live_discount()
        if kind not in PRICE_KINDS:
            self.discount_label.setText("no discount % for this kind: say the terms")
            self.discount_label.setStyleSheet(f"color: {MUTED};")
        elif pct is None:
            self.discount_label.setText("the discount % shows here")
            self.discount_label.setStyleSheet(f"color: {MUTED};")
        else:
            self.discount_label.setText(f"= {pct:.1f}% discount")
            self.discount_label.setStyleSheet(
                f"color: {DANGER if pct > 100 else '#1d2b3f'}; font-weight: 600;")
        self.policy_label.setText(self._verdict_text(pct))

    def _verdict_text(self, pct: float | None) -> str:
        day = self.concession_date()
        segment = self.account.segment
        baseline = amount_value(self.baseline_value.text()) or 0.0
        verdict = judge(self.kind.currentData(), baseline,
                        amount_value(self.conceded_value.text()) or 0.0, day, segment,
                        self.policies)
        parts = []
        if verdict is None:
            parts.append(f"<span style='color:{MUTED}'>Only a price concession with a "
                         "baseline is judged by the discount policy.</span>")
        elif verdict.policy is None:
            parts.append(f"<span style='color:{MUTED}'>No {segment.label} discount policy "
                         f"was in force on {short_date(day)}.</span>")
        else:
            p = verdict.policy
            head = (f"{segment.label} policy on {short_date(day)}: target "
                    f"{percent_text(p.target_pct)}, maximum {percent_text(p.max_pct)}.")
            if verdict.above:
                excess = money(verdict.excess_money(baseline), self.currency)
                parts.append(f"{head} <b style='color:{DANGER}'>{verdict.discount_pct:.1f}% is "
                             f"{verdict.excess_points:.1f} points above the maximum</b> "
                             f"({excess} a year over).")
            elif verdict.above_target:
                parts.append(f"{head} <span style='color:{WARNING}'>{verdict.discount_pct:.1f}%"
                             " is above the target, within the maximum.</span>")
            else:
                parts.append(f"{head} <span style='color:{IN_FORCE}'>"
                             f"{verdict.discount_pct:.1f}% is within the target.</span>")
        granter = self._person(self.granted_by.currentData())
        if granter is not None and pct is not None:
            limit = limit_on(self.limits, granter.role, day)
            if limit is not None:
                approved = is_approved(granter.id, self.approved_by.currentData())
                role = granter.role.label.lower()
                article = "An" if role[0] in "aeiou" else "A"
                words = (f"{article} {role} may grant up to "
                         f"{percent_text(limit.limit_pct)} without approval")
                if above_limit(pct, limit):
                    words += ("; this was approved." if approved else
                              f"; <b style='color:{DANGER}'>this needs approval</b>.")
                else:
                    words += "."
                parts.append(words)
        return "<br>".join(parts)

    def _person(self, person_id: int | None) -> Person | None:
        return next((p for p in self.people if p.id == person_id), None)

    # ------------------------------------------------------------ saving

    def values(self) -> dict[str, object]:
        recurrence = next(r for r, b in self.recurrence_buttons.items() if b.isChecked())
        return {
            "date": self.concession_date(), "kind": self.kind.currentData(),
            "baseline": self.baseline.currentData(),
            "baseline_value": amount_input(self.baseline_value.text()) or 0.0,
            "conceded_value": amount_input(self.conceded_value.text()) or 0.0,
            "terms_before": self.terms_before.text(), "terms_after": self.terms_after.text(),
            "negotiation": self.negotiation.text(),
            "asked_by": (AskedBy.US_UNPROMPTED if self.asked_us.isChecked()
                         else AskedBy.CUSTOMER),
            "trigger": self.trigger.currentData(),
            "tactics": frozenset(t for t, b in self.tactic_boxes.items() if b.isChecked()),
            "granted_by_id": self.granted_by.currentData(),
            "approved_by_id": self.approved_by.currentData(),
            "recurrence": recurrence, "sets_precedent": self.sets_precedent.isChecked(),
            "known_to_others": self.known_to_others.isChecked(),
            "expiry": self.expiry.value(),
            "nothing_in_return": self.nothing_in_return.isChecked() and not self.received_rows,
            "likely_next_ask": self.likely_next_ask.toPlainText(), "notes": self.notes.text(),
        }

    def save(self) -> bool:
        """Check every field (and every promise received) and save all of it as one
        undoable edit; False, with the messages beside the fields, when refused."""
        values = self.values()
        record, errors = collect_errors(
            lambda v: Concession(account_id=self.account_id,
                                 id=self.concession.id if self.concession else None, **v),
            values, self.stand_ins)
        problem = approval_problem(values["granted_by_id"], values["approved_by_id"])
        if problem:
            errors.setdefault("approved_by_id", problem)
            record = None
        self.errors.show(errors)
        received = [row.build(self.account_id, self.concession_date())
                    for row in self.received_rows]
        if record is None or any(r is None for r in received):
            return False
        before = self.concession
        received_before = self.received_before
        if before is not None and record == before and received == received_before:
            self.saved = before  # nothing changed: nothing to save, nothing to undo
            return True
        text = ("Edit concession " if before else "Add concession ") + concession_title(record)
        command = SaveConcession(self.session, before, record, received_before,
                                 received, text)  # type: ignore[arg-type]
        try:
            self.session._run(command)
        except HandoverError as e:
            dialogs.show_error(self, "The concession was not saved", str(e))
            return False
        self.saved = command.after
        return True

    def accept(self) -> None:
        if self.save():
            super().accept()


_DIALOG_STYLE = """
QWidget#dialogBody { background: transparent; }
QLabel#cardTitle { font-size: 10.5pt; font-weight: 600; color: #1d2b3f; }
QCheckBox#nothingBox { font-weight: 600; }
QCheckBox#nothingBox:checked { color: #b42318; }
QLabel#liveFigure { padding-left: 6px; }
"""


def _form_look(form: QFormLayout) -> None:
    form.setHorizontalSpacing(14)
    form.setVerticalSpacing(8)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)


def _card(title: str, content) -> QFrame:
    card = QFrame()
    card.setObjectName("card")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(16, 12, 16, 14)
    layout.setSpacing(10)
    label = QLabel(title)
    label.setObjectName("cardTitle")
    layout.addWidget(label)
    if isinstance(content, QWidget):
        layout.addWidget(content)
    else:
        layout.addLayout(content)
    return card


def _left(*widgets: QWidget) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(8)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    return box


def _row(*widgets: QWidget) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(16)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    return box


def _hrow(*widgets: QWidget) -> QHBoxLayout:
    layout = QHBoxLayout()
    layout.setSpacing(16)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    return layout


# ---------------------------------------------------------------- the tab


def _widths(table, samples: dict[int, str]) -> dict[int, int]:
    """Each column as wide as its heading or sample text, and the cell's padding."""
    cells = table.fontMetrics()
    bold = QFont(table.font())
    bold.setWeight(QFont.Weight.DemiBold)
    headings = QFontMetrics(bold)
    widths = {}
    for column, sample in samples.items():
        heading = table.model().headerData(column, Qt.Orientation.Horizontal) or ""
        widths[column] = max(cells.horizontalAdvance(sample),
                             headings.horizontalAdvance(heading) + 8) + 26
    return widths


# Where the width beyond the columns' own goes: to the texts that are cut short first.
SPREAD = {ConcessionsModel.RETURN: 0.4, ConcessionsModel.TACTICS: 0.4,
          ConcessionsModel.WHY: 0.2}


class ConcessionsTab(QWidget):
    """What was conceded to the customer and what was got for it. Above the table, the
    account's discount % over time against the policy of each day."""

    concession_selected = Signal(object)  # the chosen concession's id, or None

    def __init__(self, session: Session, account_id: int, parent: QWidget | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today):
        super().__init__(parent)
        self.session = session
        self.account_id = account_id
        self._today = today
        self.account: Account | None = None

        self.add_button = button("Add concession\u2026", primary=True)
        self.edit_button = button("Edit\u2026")
        self.remove_button = button("Remove", tip="Remove the chosen concession; the "
                                                  "promises received for it stay")
        self.summary = QLabel()
        self.summary.setObjectName("countLabel")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(self.add_button)
        top.addWidget(self.edit_button)
        top.addWidget(self.remove_button)
        top.addSpacing(12)
        top.addWidget(self.summary, 1)

        self.chart_title = section_title("Discount over time")
        self.chart_hint = QLabel()
        self.chart_hint.setObjectName("sectionHint")
        self.chart_view = QChartView()
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(170)
        self.chart_view.setFrameShape(QFrame.Shape.NoFrame)
        self.chart_view.setBackgroundBrush(QColor("#ffffff"))
        self.chart_empty = QLabel("No price concession with a baseline yet: the discount % "
                                  "over time appears with the first one.")
        self.chart_empty.setObjectName("sectionHint")
        self.chart_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        chart_box = QWidget()
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.setSpacing(2)
        heading = QHBoxLayout()
        heading.addWidget(self.chart_title)
        heading.addSpacing(10)
        heading.addWidget(self.chart_hint, 1)
        chart_layout.addLayout(heading)
        chart_layout.addWidget(self.chart_view, 1)
        chart_layout.addWidget(self.chart_empty, 1)

        self.model = ConcessionsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(self.proxy, object_name="concessionsTable", row_padding=18)
        notes = NoteFirstDelegate(self)
        self.table.setItemDelegateForColumn(ConcessionsModel.RETURN, notes)
        self.table.setItemDelegateForColumn(ConcessionsModel.WHY,
                                            NoteFirstDelegate(self, note_first=False))
        self.table.setItemDelegateForColumn(ConcessionsModel.LIFETIME,
                                            NoteFirstDelegate(self, note_share=0.7))
        m = ConcessionsModel
        self._widths = _widths(self.table, {
            m.DATE: "30 Nov 2026", m.KIND: "Price freeze", m.DISCOUNT: "net 30 \u2192 60",
            m.POLICY: "Within target", m.VALUE: "\u20ac125,000",
            m.RETURN: "Volume +10% (kep", m.WHY: "Competitor quote",
            m.LIFETIME: "Recurring precedent", m.TACTICS: "Flinch",
        })
        self.table.horizontalHeader().setMinimumSectionSize(40)
        self.table.viewport().installEventFilter(self)  # its width is the room there is
        self._spread()
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # by no column at first: the newest on top

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(chart_box)
        self.splitter.addWidget(self.table)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([CHART_HEIGHT, 400])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

        self.add_button.clicked.connect(self.add_concession)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        follow_chosen_row(self.table, self._current_changed, self._enable)
        session.changed.connect(self._changed)
        # Read when first shown (or asked for a record): an account opens at the cost of
        # the tab it shows, and an edit redraws this tab only if it is on screen.
        self._stale = True
        self._enable()

    # ------------------------------------------------------------ data

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.ensure_loaded()

    def ensure_loaded(self) -> None:
        """Read the concessions now if they have not been read since the last change."""
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        chosen = self.selected_id()
        ws = self.session.ws
        try:
            self.account = ws.get(Account, self.account_id)
        except HandoverError:
            self.account = None  # removed, e.g. by an undo: the detail closes soon
            self.model.set_rows([])
            self._enable()
            return
        rows = concession_rows(ws, self.account_id)
        policies = discount_policies(ws)
        self.model.set_concessions(rows, self.account, policies)
        self._fit_money(rows)
        self._summarise(rows)
        self._draw_chart(rows, policies)
        if chosen is not None:
            self.select_concession(chosen)
        self._enable()

    def _fit_money(self, rows: Sequence[ConcessionRow]) -> None:
        """The value column as wide as this account's amounts in its currency need."""
        largest = max([r.concession.conceded_value for r in rows] + [10_000.0])
        text = money(largest, self.model.currency)
        self._widths[ConcessionsModel.VALUE] = max(
            self.table.fontMetrics().horizontalAdvance(text) + 26,
            self._widths[ConcessionsModel.VALUE])
        self._spread()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._spread()
        return super().eventFilter(watched, event)

    def _spread(self) -> None:
        """Every column at its own width; what the table has beyond that goes to the
        columns whose texts are cut short first. Narrower, the tactics give way."""
        header = self.table.horizontalHeader()
        room = self.table.viewport().width()
        extra = room - sum(self._widths.values())
        for column, width in self._widths.items():
            if extra >= 0:
                width += int(extra * SPREAD.get(column, 0))
            elif column == ConcessionsModel.TACTICS:
                width = max(60, width + extra)
            header.resizeSection(column, width)

    def _summarise(self, rows: Sequence[ConcessionRow]) -> None:
        if not rows:
            self.summary.setText("No concessions recorded for this account.")
            return
        currency = self.model.currency
        given = sum(r.concession.conceded_value for r in rows)
        nothing = sum(1 for r in rows if not r.received and r.concession.nothing_in_return)
        unsaid = sum(1 for r in rows if not r.received and not r.concession.nothing_in_return)
        above = [(r, v) for r in rows if (v := self.model.verdict(r.id)) is not None and v.above]
        excess = sum(v.excess_money(r.concession.baseline_value) for r, v in above)
        parts = [f"<b>{len(rows)}</b> concession{'s' if len(rows) != 1 else ''}",
                 f"<b>{money(given, currency)}</b> a year conceded"]
        if nothing:
            parts.append(f"<span style='color:{DANGER}'><b>{nothing}</b> for nothing</span>")
        if unsaid:
            parts.append(f"<span style='color:{WARNING}'><b>{unsaid}</b> not said</span>")
        if above:
            parts.append(f"<span style='color:{DANGER}'><b>{len(above)}</b> above policy "
                         f"({money(excess, currency)} a year over)</span>")
        self.summary.setText("&nbsp;&nbsp;\u00b7&nbsp;&nbsp;".join(parts))

    def _draw_chart(self, rows: Sequence[ConcessionRow],
                    policies: Sequence[DiscountPolicy]) -> None:
        points = [TrendPoint(r.concession.date, v.discount_pct, v.above, r.id) for r in rows
                  if (v := self.model.verdict(r.id)) is not None]
        segment = self.account.segment  # type: ignore[union-attr]
        self.chart_hint.setText(f"of each price concession, against the {segment.label} "
                                "policy target and maximum of its day")
        chart = concession_trend_chart(points, policies, segment, today=self._today())
        old = self.chart_view.chart()
        self.chart_view.setChart(chart)
        if old is not None:
            old.deleteLater()
        for series in chart.series():
            if isinstance(series, QScatterSeries):
                series.clicked.connect(lambda point, s=series: self._point_clicked(s, point))
        self.chart_view.setVisible(bool(points))
        self.chart_empty.setVisible(not points)

    def _point_clicked(self, series: QScatterSeries, point: QPointF) -> None:
        ids = list(series.property("concession_ids") or [])
        for i in range(series.count()):
            p = series.at(i)
            if abs(p.x() - point.x()) < 1 and abs(p.y() - point.y()) < 1e-6 and i < len(ids):
                self.select_concession(ids[i])
                return

    @property
    def chart(self) -> QChart:
        return self.chart_view.chart()

    def _changed(self, change: Change) -> None:
        if change.account_id in (None, self.account_id) and change.touches(*TABLES):
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True

    # ------------------------------------------------------------ choosing

    def selected_id(self) -> int | None:
        return selected_row_id(self)

    def selected(self) -> Concession | None:
        chosen = self.selected_id()
        row = None if chosen is None else self.model.row_of(chosen)
        return None if row is None else self.model.row_at(row).concession

    def select_concession(self, concession_id: int) -> bool:
        """Choose the concession (e.g. a search hit) and scroll to it."""
        self.ensure_loaded()
        return select_row(self, concession_id)

    show_record = select_concession

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._enable()
        self.concession_selected.emit(current.data(ID_ROLE) if current.isValid() else None)

    def _enable(self) -> None:
        enable_edit_buttons(self, not self.session.ws.read_only and self.account is not None,
                            self.selected_id() is not None)

    # ------------------------------------------------------------ editing

    def add_concession(self) -> None:
        saved = dialogs.edit_concession(self, self.session, self.account_id)
        if saved is not None:
            self.select_concession(saved.id)

    def edit_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or self.session.ws.read_only:
            return
        saved = dialogs.edit_concession(self, self.session, self.account_id, chosen)
        if saved is not None:
            self.select_concession(saved.id)

    def remove_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or self.session.ws.read_only:
            return
        row = self.model.row_at(self.model.row_of(chosen.id))  # type: ignore[arg-type]
        kept = (f" The {len(row.received)} promise{'s' if len(row.received) != 1 else ''} "
                "received in return stay in Promises." if row.received else "")
        if not dialogs.confirm(self, "Remove this concession?",
                               f"The {concession_title(chosen)} will be removed.{kept} "
                               "Edit \u203a Undo brings it back.", "Remove"):
            return
        try:
            self.session._run(RemoveConcession(
                self.session, chosen, "Remove concession " + concession_title(chosen)))
        except HandoverError as e:
            dialogs.show_error(self, "The concession was not removed", str(e))
