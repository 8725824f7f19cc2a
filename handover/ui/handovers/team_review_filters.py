"""The Team review's filters above its table: by account name, by person, by a leaver's
group, by status, and only the overdue handovers."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QWidget

from handover.domain.handover import Status
from handover.store.leaver import LeaverGroup
from handover.store.review_queries import ReviewRow
from handover.ui.handovers.handover_parts import STATUS_COLOURS
from handover.ui.handovers.team_review_table import IN_FLIGHT, TeamReviewFilter
from handover.ui.shell.words import dot_icon, short_date


class FilterBar(QWidget):
    """The filters in a row; each narrows `proxy` as it changes, then says so."""

    changed = Signal()  # a filter changed, and the table is narrowed already

    def __init__(self, proxy: TeamReviewFilter, parent: QWidget | None = None):
        super().__init__(parent)
        self.proxy = proxy
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Filter by account")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(120)
        self.search.setMaximumWidth(280)
        self.search.textChanged.connect(lambda text: self._apply(proxy.set_text, text))
        self.person_box = QComboBox()
        self.person_box.setObjectName("personFilter")
        self.person_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.person_box.setMinimumContentsLength(16)
        self.person_box.setToolTip("Only the handovers this person hands over, receives or "
                                   "reviews")
        self.person_box.currentIndexChanged.connect(
            lambda _n: self._apply(proxy.set_person, self.person_box.currentData()))
        self.group_box = QComboBox()
        self.group_box.setObjectName("groupFilter")
        self.group_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.group_box.setToolTip("Only the handovers started together for a leaver's book")
        self.group_box.currentIndexChanged.connect(
            lambda _n: self._apply(proxy.set_batch, self.group_box.currentData()))
        self.status_box = QComboBox()
        self.status_box.setObjectName("statusFilter")
        self.status_box.addItem("All statuses", None)
        self.status_box.addItem("In flight", IN_FLIGHT)
        for status in Status:
            self.status_box.addItem(dot_icon(STATUS_COLOURS[status][0]), status.label, status)
        self.status_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.status_box.currentIndexChanged.connect(
            lambda _n: self._apply(proxy.set_status, self.status_box.currentData()))
        self.overdue_check = QCheckBox("Only overdue")
        self.overdue_check.toggled.connect(lambda on: self._apply(proxy.set_overdue_only, on))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        row.addWidget(self.search, 1)
        row.addWidget(self.person_box)
        row.addWidget(self.group_box)
        row.addWidget(self.status_box)
        row.addSpacing(8)
        row.addWidget(self.overdue_check)
        row.addStretch(0)

    def _apply(self, change: Callable[[object], None], value: object) -> None:
        change(value)
        self.changed.emit()

    def fill_people(self, rows: Sequence[ReviewRow]) -> None:
        """Everyone who hands over, receives or reviews one of `rows`, by name; the person
        chosen stays chosen while they are still there."""
        box = self.person_box
        chosen = box.currentData()
        people: dict[int, str] = {}
        for row in rows:
            people[row.outgoing_id] = row.outgoing
            people[row.incoming_id] = row.incoming
            if row.reviewer_id is not None:
                people[row.reviewer_id] = row.reviewer or ""
        box.blockSignals(True)
        try:
            box.clear()
            box.addItem("Everyone", None)
            for person_id, name in sorted(people.items(), key=lambda p: p[1].casefold()):
                box.addItem(name, person_id)
            box.setCurrentIndex(max(0, box.findData(chosen)) if chosen is not None else 0)
        finally:
            box.blockSignals(False)
        if box.currentData() != self.proxy.person:
            self.proxy.set_person(box.currentData())

    def fill_groups(self, groups: Sequence[LeaverGroup]) -> None:
        """The leavers' groups (the box hides when there is none); the group chosen stays
        chosen while it is still there."""
        box = self.group_box
        chosen = box.currentData()
        box.blockSignals(True)
        try:
            box.clear()
            box.addItem("All handovers", None)
            for group in groups:
                box.addItem(group.label, group.batch_id)
                box.setItemData(box.count() - 1,
                                f"The handovers of {group.leaver}'s accounts, started on "
                                f"{short_date(group.started_on)}; {group.accepted} of "
                                f"{group.handovers} accepted",
                                Qt.ItemDataRole.ToolTipRole)
            box.setCurrentIndex(max(0, box.findData(chosen)) if chosen is not None else 0)
        finally:
            box.blockSignals(False)
        box.setVisible(bool(groups))
        if box.currentData() != self.proxy.batch:
            self.proxy.set_batch(box.currentData())

    def clear(self) -> None:
        self.search.clear()
        self.person_box.setCurrentIndex(0)
        self.group_box.setCurrentIndex(0)
        self.status_box.setCurrentIndex(0)
        self.overdue_check.setChecked(False)
