"""The discount policy in the settings: per segment the target and maximum discount %, per
role the discount it may grant without approval, each row dated from the day it took
effect; and the judgement of a concession by the policy of its own day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from handover.domain.errors import HandoverError
from handover.domain.policy import limit_on, policy_on
from handover.domain.records import ApprovalLimit, DiscountPolicy, Role, Segment
from handover.store.concession_queries import approval_limits, discount_policies
from handover.ui.shell import dialogs
from handover.ui.shell.parts import (
    DETAIL_STYLESHEET,
    FieldErrors,
    button,
    collect_errors,
    date_edit,
    section_title,
)
from handover.ui.shell.session import Change, Session
from handover.ui.shell.tables import RowsModel, fit_columns, make_table
from handover.ui.shell.words import MUTED, SORT_ROLE, from_qdate, short_date

POLICY_TABLES = ("discount_policies", "approval_limits")
IN_FORCE = "#2f7d4a"
FUTURE = "#1b4aa5"

def rule_state(rule: DiscountPolicy | ApprovalLimit, rules: Sequence, key: str,
               today: dt.date) -> tuple[str, str]:
    """What a dated row is today, in words and a colour: "In force", "Until 31 Dec 2025"
    (a later row took over), "From 1 Jan 2027" (not yet in force)."""
    if rule.effective_from > today:
        return f"From {short_date(rule.effective_from)}", FUTURE
    mine = getattr(rule, key)
    later = sorted(r.effective_from for r in rules
                   if getattr(r, key) == mine and r.effective_from > rule.effective_from
                   and r.effective_from <= today)
    if later:
        return f"Until {short_date(later[0] - dt.timedelta(days=1))}", MUTED
    return "In force", IN_FORCE


def percent_text(value: float | None) -> str:
    if value is None:
        return "\u2014"
    return f"{value:.1f}%".replace(".0%", "%")


def _percent_input(text: str) -> str | None:
    """A percentage as typed ("12", "12.5 %", "12,5") made readable to the domain; text that
    is no number is passed on as typed, so the message quotes it."""
    cleaned = text.strip().rstrip("%").strip().replace(",", ".")
    return cleaned or None


# ---------------------------------------------------------------- the tables


def _ordered(rules: Sequence, key: str, order: Sequence) -> list:
    """By key in the given order, the newest row first within a key."""
    place = {k: i for i, k in enumerate(order)}
    return sorted(rules, key=lambda r: (place[getattr(r, key)], -r.effective_from.toordinal(),
                                        -(r.id or 0)))


class _DatedRulesModel(RowsModel):
    """Dated rules for each segment or role, the newest first: the key, the date from
    which it holds, its values (`value_cell`), and what it is today. The row in force
    today is in bold, the others muted."""

    KEY_COLUMN, FROM = 0, 1
    KEY = ""  # the rule's field the rows are grouped by
    CHOICES: tuple = ()  # the order of those groups

    def __init__(self, parent=None, today: dt.date | None = None):
        super().__init__(parent)
        self.today = today or dt.date.today()

    def set_rules(self, rules: Sequence, today: dt.date) -> None:
        self.today = today
        self.set_rows(_ordered(rules, self.KEY, self.CHOICES))

    def value_cell(self, row, column: int, role: int):
        raise NotImplementedError

    def cell(self, row, column: int, role: int):
        display = role == Qt.ItemDataRole.DisplayRole
        state, colour = rule_state(row, self._rows, self.KEY, self.today)
        current = state == "In force"
        if role == Qt.ItemDataRole.FontRole and current:
            font = QFont()
            font.setWeight(QFont.Weight.DemiBold)
            return font
        if column == self.KEY_COLUMN:
            key = getattr(row, self.KEY)
            if display:
                return key.label
            if role == SORT_ROLE:
                return self.CHOICES.index(key)
        elif column == self.FROM:
            if display:
                return short_date(row.effective_from)
            if role == SORT_ROLE:
                return row.effective_from.toordinal()
        elif column == len(self.HEADERS) - 1:  # what the rule is today
            if display:
                return state
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(colour)
        else:
            value = self.value_cell(row, column, role)
            if value is not None:
                return value
        if role == Qt.ItemDataRole.ForegroundRole and not current:
            return QColor(MUTED)
        return None


class PolicyModel(_DatedRulesModel):
    """Every dated discount policy row, per segment, the newest first."""

    SEGMENT, FROM, TARGET, MAXIMUM, STATE = range(5)
    HEADERS = ("Segment", "In force from", "Target", "Maximum", "Today")
    HEADER_TIPS = {2: "The discount a concession of this segment should stay around",
                   3: "The discount no concession of this segment should exceed"}
    RIGHT_ALIGNED = frozenset({2, 3})
    KEY, CHOICES = "segment", tuple(Segment)

    def set_policies(self, rules: Sequence[DiscountPolicy], today: dt.date) -> None:
        self.set_rules(rules, today)

    def value_cell(self, row: DiscountPolicy, column: int, role: int):
        value = row.target_pct if column == self.TARGET else row.max_pct
        if role == Qt.ItemDataRole.DisplayRole:
            return percent_text(value)
        if role == SORT_ROLE:
            return value
        return None


class LimitModel(_DatedRulesModel):
    """Every dated approval limit row, per role, the newest first."""

    ROLE, FROM, LIMIT, STATE = range(4)
    HEADERS = ("Role", "In force from", "Without approval", "Today")
    HEADER_TIPS = {2: "The discount this role may grant without someone else approving it"}
    RIGHT_ALIGNED = frozenset({2})
    KEY, CHOICES = "role", tuple(Role)

    def set_limits(self, rules: Sequence[ApprovalLimit], today: dt.date) -> None:
        self.set_rules(rules, today)

    def value_cell(self, row: ApprovalLimit, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return f"up to {percent_text(row.limit_pct)}"
        if role == SORT_ROLE:
            return row.limit_pct
        return None


# ---------------------------------------------------------------- the dialog


class _RuleForm(QWidget):
    """One line of fields that adds a dated row, each field's message under it."""

    def __init__(self, labels: dict[str, str], fields: dict[str, QWidget], add_text: str):
        super().__init__()
        self.errors = FieldErrors(labels)
        self.fields = fields
        self.add_button = button(add_text, primary=True)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        for column, (name, widget) in enumerate(fields.items()):
            caption = QLabel(labels[name])
            caption.setObjectName("fieldHint")
            grid.addWidget(caption, 0, column)
            grid.addWidget(self.errors.attach(name, widget), 1, column,
                           Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.add_button, 1, len(fields), Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(len(fields) + 1, 1)


def _percent_edit(placeholder: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.setFixedWidth(110)
    return edit


class PolicyDialog(QDialog):
    """The discount policy and the approval limits with their history. A change is a new
    row from the day it takes effect: the rows before it stay, so each concession is still
    judged by the rules of its own day. Every row added or removed is saved at once and
    can be undone."""

    POLICY_FIELDS = {"segment": "Segment", "effective_from": "In force from",
                     "target_pct": "Target %", "max_pct": "Maximum %"}
    LIMIT_FIELDS = {"role": "Role", "effective_from": "In force from",
                    "limit_pct": "Without approval, up to %"}

    def __init__(self, session: Session, parent: QWidget | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today):
        super().__init__(parent)
        self.session = session
        self._today = today
        self.setWindowTitle("Discount policy")
        self.setMinimumSize(820, 700)
        self.resize(860, 780)
        self.setStyleSheet(DETAIL_STYLESHEET)
        writable = not session.ws.read_only

        intro = QLabel("A concession is judged by the policy in force on its own date. To "
                       "change the policy, add a row from the day the change takes effect: "
                       "the rows before it stay, so older concessions keep the rules of "
                       "their day.")
        intro.setWordWrap(True)
        intro.setObjectName("sectionHint")

        self.policy_model = PolicyModel(self)
        self.policy_table = make_table(self.policy_model, object_name="policyTable")
        # The rows in force are bold: room for that.
        fit_columns(self.policy_table, {
            PolicyModel.SEGMENT: ["Strategic"], PolicyModel.FROM: ["30 Nov 2026"],
            PolicyModel.TARGET: ["12.5%"], PolicyModel.MAXIMUM: ["12.5%"],
        }, extra={PolicyModel.SEGMENT: 16, PolicyModel.FROM: 12}, stretch=PolicyModel.STATE)
        self.segment_box = QComboBox()
        for segment in Segment:
            self.segment_box.addItem(segment.label, segment)
        self.policy_from = date_edit(today())
        self.target_edit = _percent_edit("e.g. 8")
        self.max_edit = _percent_edit("e.g. 15")
        self.policy_form = _RuleForm(self.POLICY_FIELDS, {
            "segment": self.segment_box, "effective_from": self.policy_from,
            "target_pct": self.target_edit, "max_pct": self.max_edit}, "Add policy row")
        self.remove_policy_button = button("Remove row", tip="Remove the chosen row, e.g. one "
                                                              "entered by mistake")

        self.limit_model = LimitModel(self)
        self.limit_table = make_table(self.limit_model, object_name="limitTable")
        fit_columns(self.limit_table, {
            LimitModel.ROLE: ["Account manager"], LimitModel.FROM: ["30 Nov 2026"],
            LimitModel.LIMIT: ["up to 12.5%"],
        }, extra={LimitModel.ROLE: 20, LimitModel.FROM: 12, LimitModel.LIMIT: 12},
            stretch=LimitModel.STATE)
        self.role_box = QComboBox()
        for role in Role:
            self.role_box.addItem(role.label, role)
        self.limit_from = date_edit(today())
        self.limit_edit = _percent_edit("e.g. 10")
        self.limit_form = _RuleForm(self.LIMIT_FIELDS, {
            "role": self.role_box, "effective_from": self.limit_from,
            "limit_pct": self.limit_edit}, "Add limit row")
        self.remove_limit_button = button("Remove row", tip="Remove the chosen row")

        self.undo_action = session.undo_stack.createUndoAction(self, "Undo")
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = session.undo_stack.createRedoAction(self, "Redo")
        self.redo_action.setShortcuts(QKeySequence.StandardKey.Redo)
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.undo_button = self.buttons.addButton("Undo",
                                                  QDialogButtonBox.ButtonRole.ResetRole)
        self.undo_button.clicked.connect(self.undo_action.trigger)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 20, 22, 16)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addLayout(_title_row("Discount per segment", self.remove_policy_button))
        layout.addWidget(self.policy_table, 3)
        layout.addWidget(self.policy_form)
        layout.addSpacing(12)
        layout.addLayout(_title_row("Approval limit per role", self.remove_limit_button))
        layout.addWidget(self.limit_table, 2)
        layout.addWidget(self.limit_form)
        layout.addSpacing(6)
        layout.addWidget(self.buttons)

        self.policy_form.add_button.clicked.connect(self.add_policy)
        self.limit_form.add_button.clicked.connect(self.add_limit)
        self.remove_policy_button.clicked.connect(self.remove_policy)
        self.remove_limit_button.clicked.connect(self.remove_limit)
        self.segment_box.currentIndexChanged.connect(self._suggest_policy)
        self.role_box.currentIndexChanged.connect(self._suggest_limit)
        for table in (self.policy_table, self.limit_table):
            table.selectionModel().selectionChanged.connect(self._enable)
        session.changed.connect(self._changed)
        for widget in (self.policy_form, self.limit_form):
            widget.setEnabled(writable)
        self.refresh()
        self._suggest_policy()
        self._suggest_limit()
        self.segment_box.setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------ showing

    def refresh(self) -> None:
        today = self._today()
        self.policies = discount_policies(self.session.ws)
        self.limits = approval_limits(self.session.ws)
        self.policy_model.set_policies(self.policies, today)
        self.limit_model.set_limits(self.limits, today)
        self._enable()

    def _changed(self, change: Change) -> None:
        if change.touches(*POLICY_TABLES):
            self.refresh()

    def _enable(self) -> None:
        writable = not self.session.ws.read_only
        self.remove_policy_button.setEnabled(writable and self._chosen(self.policy_table)
                                             is not None)
        self.remove_limit_button.setEnabled(writable and self._chosen(self.limit_table)
                                            is not None)

    def _suggest_policy(self) -> None:
        """Start a new row from the one in force: a change is usually a step from it."""
        current = policy_on(self.policies, self.segment_box.currentData(), self._today())
        self.target_edit.setText(percent_text(current.target_pct).rstrip("%") if current
                                 else "")
        self.max_edit.setText(percent_text(current.max_pct).rstrip("%") if current else "")

    def _suggest_limit(self) -> None:
        current = limit_on(self.limits, self.role_box.currentData(), self._today())
        self.limit_edit.setText(percent_text(current.limit_pct).rstrip("%") if current
                                else "")

    @staticmethod
    def _chosen(table) -> int | None:
        rows = table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    # ------------------------------------------------------------ adding and removing

    def policy_values(self) -> dict[str, object]:
        return {"segment": self.segment_box.currentData(),
                "effective_from": from_qdate(self.policy_from.date()),
                "target_pct": _percent_input(self.target_edit.text()),
                "max_pct": _percent_input(self.max_edit.text())}

    def limit_values(self) -> dict[str, object]:
        return {"role": self.role_box.currentData(),
                "effective_from": from_qdate(self.limit_from.date()),
                "limit_pct": _percent_input(self.limit_edit.text())}

    def add_policy(self) -> DiscountPolicy | None:
        """Add the row the form describes; None (with the messages shown) when refused."""
        record, errors = collect_errors(
            lambda v: DiscountPolicy(**v), self.policy_values(),
            {"target_pct": 0.0, "max_pct": 100.0})
        if record is not None and any(p.segment is record.segment
                                      and p.effective_from == record.effective_from
                                      for p in self.policies):
            errors["effective_from"] = (
                f"{short_date(record.effective_from)} already has a {record.segment.label} "
                "row; remove that row first to replace it")
            record = None
        self.policy_form.errors.show(errors)
        if record is None:
            return None
        text = (f"Add {record.segment.label} discount policy from "
                f"{short_date(record.effective_from)}")
        return self._save(lambda: self.session.add(record, text))

    def add_limit(self) -> ApprovalLimit | None:
        record, errors = collect_errors(lambda v: ApprovalLimit(**v), self.limit_values(), {})
        if record is not None and any(r.role is record.role
                                      and r.effective_from == record.effective_from
                                      for r in self.limits):
            errors["effective_from"] = (
                f"{short_date(record.effective_from)} already has a {record.role.label} "
                "row; remove that row first to replace it")
            record = None
        self.limit_form.errors.show(errors)
        if record is None:
            return None
        text = f"Add {record.role.label} approval limit from {short_date(record.effective_from)}"
        return self._save(lambda: self.session.add(record, text))

    def remove_policy(self) -> None:
        row = self._chosen(self.policy_table)
        if row is None:
            return
        rule = self.policy_model.row_at(row)
        if dialogs.confirm(self, "Remove this policy row?",
                           f"The {rule.segment.label} policy from "
                           f"{short_date(rule.effective_from)} (target "
                           f"{percent_text(rule.target_pct)}, maximum "
                           f"{percent_text(rule.max_pct)}) will no longer judge the "
                           "concessions of its days; the row before it takes over.",
                           "Remove"):
            self._save(lambda: self.session.delete(
                rule, f"Remove {rule.segment.label} discount policy from "
                      f"{short_date(rule.effective_from)}"))

    def remove_limit(self) -> None:
        row = self._chosen(self.limit_table)
        if row is None:
            return
        rule = self.limit_model.row_at(row)
        if dialogs.confirm(self, "Remove this limit row?",
                           f"The {rule.role.label} limit from "
                           f"{short_date(rule.effective_from)} (up to "
                           f"{percent_text(rule.limit_pct)}) will no longer apply; the row "
                           "before it takes over.", "Remove"):
            self._save(lambda: self.session.delete(
                rule, f"Remove {rule.role.label} approval limit from "
                      f"{short_date(rule.effective_from)}"))

    def _save(self, operation):
        try:
            return operation()
        except HandoverError as e:
            dialogs.show_error(self, "The policy was not changed", str(e))
            return None

    def state_of(self, table: str, row: int) -> str:
        """What the "Today" column says on a row, for tests and screen readers."""
        model = self.policy_model if table == "policy" else self.limit_model
        column = PolicyModel.STATE if table == "policy" else LimitModel.STATE
        return model.data(model.index(row, column)) or ""


def _title_row(text: str, action: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(section_title(text))
    row.addStretch(1)
    row.addWidget(action)
    return row

