"""The Concessions table's rows: each concession's cells, judged by the policy of its day,
and the painter of a cell whose note shows in full."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from handover.domain.policy import PolicyVerdict, judge
from handover.domain.records import (
    Account,
    AskedBy,
    Commitment,
    Concession,
    ConcessionKind,
    DiscountPolicy,
    Recurrence,
    Tactic,
)
from handover.domain.words import money
from handover.store.concession_queries import ConcessionRow
from handover.ui.editors.concession_parts import RECURRENCE_WORDS
from handover.ui.editors.policy import IN_FORCE, percent_text
from handover.ui.shell.charts import tactic_word
from handover.ui.shell.tables import RowsModel
from handover.ui.shell.text import tooltip
from handover.ui.shell.words import (
    DANGER,
    MAIN_ROLE,
    MISSING,
    MUTED,
    NOTE_COLOUR_ROLE,
    NOTE_ROLE,
    SORT_ROLE,
    STATUS_TEXT,
    WARNING,
    short_date,
)

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


def terms_text(c: Concession) -> str:
    """Non-price terms as "net 30 → net 60"."""
    if c.terms_before or c.terms_after:
        return f"{c.terms_before or '?'} \u2192 {c.terms_after or '?'}"
    return ""


def received_words(c: Commitment) -> str:
    """A promise received in return, as the table shows it: "Volume +10% (kept)"."""
    return f"{c.description} ({c.status.label.lower()})"


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
