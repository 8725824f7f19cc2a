"""The concession editor: one concession with all its fields and the promises received in
return, judged live against the policy of its day, saved as one undoable edit."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
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
    QVBoxLayout,
    QWidget,
)

from handover.domain.errors import HandoverError
from handover.domain.policy import above_limit, approval_problem, is_approved, judge, limit_on
from handover.domain.records import (
    PRICE_KINDS,
    Account,
    AskedBy,
    Baseline,
    Commitment,
    Concession,
    ConcessionKind,
    Person,
    Recurrence,
    Tactic,
    Trigger,
)
from handover.domain.words import money
from handover.store.concession_queries import approval_limits, discount_policies, received_for, team
from handover.ui.editors.concession_edits import SaveConcession, concession_title
from handover.ui.editors.concession_parts import (
    DIALOG_STYLE,
    RECURRENCE_WORDS,
    ReceivedRow,
    amount_value,
    at_left,
    form_look,
    radio_row,
    spaced_layout,
    titled_card,
)
from handover.ui.editors.policy import IN_FORCE, percent_text
from handover.ui.shell import dialogs
from handover.ui.shell.charts import tactic_word
from handover.ui.shell.markdown_editor import MarkdownEditor
from handover.ui.shell.parts import (
    DETAIL_STYLESHEET,
    FieldErrors,
    OptionalDate,
    button,
    collect_errors,
    date_edit,
)
from handover.ui.shell.session import Session
from handover.ui.shell.text import plain_label
from handover.ui.shell.words import (
    DANGER,
    MUTED,
    WARNING,
    amount_input,
    amount_problems,
    amount_shown,
    from_qdate,
    short_date,
    to_qdate,
)


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
        self.setStyleSheet(DETAIL_STYLESHEET + DIALOG_STYLE)
        self.errors = FieldErrors(self.FIELDS)
        self.stand_ins: dict[str, object] = {
            "date": self.today, "kind": ConcessionKind.PRICE_DISCOUNT,
            "baseline": Baseline.LIST_PRICE, "baseline_value": 0.0, "conceded_value": 0.0,
            "terms_before": "", "terms_after": "", "negotiation": "",
            "asked_by": AskedBy.CUSTOMER, "trigger": Trigger.OTHER, "tactics": frozenset(),
            "granted_by_id": None, "approved_by_id": None, "recurrence": Recurrence.ONE_OFF,
            "sets_precedent": False, "known_to_others": False, "expiry": None,
            "nothing_in_return": False, "likely_next_ask": "", "notes": ""}
        self.received_rows: list[ReceivedRow] = []
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
        form_look(given)
        given.addRow("Date", attach("date", at_left(self.date)))
        given.addRow("Kind", attach("kind", self.kind))
        given.addRow("Measured against", attach("baseline", at_left(self.baseline)))
        given.addRow("Baseline value", attach("baseline_value", at_left(self.baseline_value)))
        given.addRow("Conceded value", attach("conceded_value",
                                              at_left(self.conceded_value, self.discount_label)))
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
        asked = radio_row(self.asked_customer, self.asked_us)
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
        form_look(why)
        why.addRow("Who asked", attach("asked_by", asked))
        why.addRow("Trigger", attach("trigger", at_left(self.trigger)))
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
        form_look(authority)
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
        form_look(lifetime)
        lifetime.addRow("Lasts", attach("recurrence", radio_row(*self.recurrence_buttons.values())))
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
        got.addLayout(spaced_layout(self.add_received_button, self.nothing_in_return))
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
        form_look(nxt)
        nxt.addRow("Likely next ask", attach("likely_next_ask", self.likely_next_ask))
        nxt.addRow("Notes", attach("notes", self.notes))

        left = QVBoxLayout()
        left.setSpacing(14)
        left.addWidget(titled_card("What was given", given))
        left.addWidget(titled_card("Why, and under which pressure", why))
        left.addStretch(1)
        right = QVBoxLayout()
        right.setSpacing(14)
        right.addWidget(titled_card("Authority", authority))
        right.addWidget(titled_card("Terms and lifetime", lifetime))
        right.addWidget(titled_card("What we got in return", got))
        right.addWidget(titled_card("Next", nxt))
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
        self.baseline_value.setText(amount_shown(c.baseline_value))
        self.conceded_value.setText(amount_shown(c.conceded_value))
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

    def add_received_row(self, commitment: Commitment | None = None) -> ReceivedRow:
        row = ReceivedRow(commitment, self.currency,
                           self.concession_date() + dt.timedelta(days=90))
        row.removed.connect(self._remove_received_row)
        self.received_rows.append(row)
        self.received_box.addWidget(row)
        if commitment is None:
            row.description.setFocus(Qt.FocusReason.OtherFocusReason)
        self._sync_return()
        return row

    def _remove_received_row(self, row: ReceivedRow) -> None:
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
        amounts = amount_problems({"baseline_value": self.baseline_value.text(),
                                   "conceded_value": self.conceded_value.text()})
        if amounts:
            errors.update(amounts)
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

