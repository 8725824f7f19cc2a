"""The accounts list's filters: the proxy that narrows the accounts by name, segment,
health and owner, and the drop-downs that choose them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QComboBox

from handover.domain.records import Health, Segment
from handover.ui.accounts.accounts_model import AccountsTableModel
from handover.ui.shell.resources import resource_path
from handover.ui.shell.tables import RowsFilter
from handover.ui.shell.words import SORT_ROLE

NO_OWNER = -1  # the owner filter's "No owner": person ids start at 1
COMBO_MIN_WIDTH = 72  # a filter's drop-down in the narrowest window


class AccountsFilter(RowsFilter):
    """Narrows the accounts to those whose name holds the typed text and that are of the
    segment, health and owner chosen. Sorting is passed on to the accounts model, which
    sorts by each column's raw value (numbers as numbers, dates as dates) much faster than
    the proxy can; the proxy keeps the model's order."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)  # should anything sort the proxy itself
        self._model: AccountsTableModel | None = None
        self._needle = ""
        self._segment: Segment | None = None
        self._health: Health | None = None
        self._owner: int | None = None  # a person's id, NO_OWNER, or None for anyone
        # Every row's answer, worked out in one pass when a filter changes, for the model
        # generation it was worked out for.
        self._accepted: list[bool] = []
        self._accepted_for = -1

    def setSourceModel(self, model: AccountsTableModel) -> None:
        super().setSourceModel(model)
        self._model = model
        self._accepted_for = -1

    def set_name_filter(self, text: str) -> None:
        """Show only the accounts whose name contains `text`, in any case."""
        needle = text.strip().casefold()
        if needle != self._needle:
            self._refilter(lambda: setattr(self, "_needle", needle))

    def set_segment(self, segment: Segment | None) -> None:
        """Show only the accounts of `segment`; None: of any segment."""
        if segment is not self._segment:
            self._refilter(lambda: setattr(self, "_segment", segment))

    def set_health(self, health: Health | None) -> None:
        """Show only the accounts whose health is `health`; None: any health."""
        if health is not self._health:
            self._refilter(lambda: setattr(self, "_health", health))

    def set_owner(self, owner: int | None) -> None:
        """Show only the accounts owned by the person with id `owner` (NO_OWNER: those
        nobody owns); None: whoever owns them."""
        if owner != self._owner:
            self._refilter(lambda: setattr(self, "_owner", owner))

    def is_narrowed(self) -> bool:
        """True when any filter leaves some accounts out."""
        return bool(self._needle) or self.narrowed_by_choice()

    def narrowed_by_choice(self) -> bool:
        """True when a segment, a health or an owner is chosen."""
        return (self._segment, self._health, self._owner) != (None, None, None)

    def _refilter(self, change: Callable[[], None]) -> None:
        def apply() -> None:
            change()
            self._work_out_answers()  # the rows' answers to the new filters, before Qt asks
        self.change_filter(apply)

    def _work_out_answers(self) -> None:
        """Answer for every row at once, in plain Python over the model's lists: the proxy
        then only looks the answers up. Qt asks row by row, and each question costs a call
        from C++ into Python; so filtering 10,000 accounts stays within a keystroke."""
        model = self._model
        if model is None or not self.is_narrowed():
            self._accepted_for = -1
            return
        needle = self._needle
        names = model.folded_names()
        answers = [needle in name for name in names] if needle else [True] * len(names)
        if self.narrowed_by_choice():
            segment, health, owner = self._segment, self._health, self._owner
            for number, row in enumerate(model.rows_view()):
                if answers[number] and (
                        (segment is not None and row.segment is not segment)
                        or (health is not None and row.health is not health)
                        or (owner is not None and (row.owner_id or NO_OWNER) != owner)):
                    answers[number] = False
        self._accepted = answers
        self._accepted_for = model.generation

    def filterAcceptsRow(self, source_row: int,
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if self._accepted_for < 0 and not self.is_narrowed():
            return True
        model = self._model
        if self._accepted_for == model.generation:
            return self._accepted[source_row]
        # The rows changed since the answers were worked out (an edit, a sort): this one
        # is answered on its own.
        if self._needle and self._needle not in model.folded_name(source_row):
            return False
        row = model.row_at(source_row)
        return not ((self._segment is not None and row.segment is not self._segment)
                    or (self._health is not None and row.health is not self._health)
                    or (self._owner is not None
                        and (row.owner_id or NO_OWNER) != self._owner))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)


def choice_box(name: str, everything: str, choices: list[tuple[str, object]],
                icons: dict[object, QIcon] | None = None, *,
                letters: int | None = None) -> QComboBox:
    """A filter's drop-down: "All ..." and then each choice. As wide as its longest choice,
    or with `letters`, as that many characters (a list of names can hold a long one). In a
    narrow window it gives way and shortens its text rather than widen the window."""
    box = QComboBox()
    box.setObjectName(name)
    box.addItem(everything, None)
    for text, value in choices:
        box.addItem((icons or {}).get(value, QIcon()), text, value)
    if letters is None:
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    else:
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(letters)
    box.setMinimumWidth(COMBO_MIN_WIDTH)
    return box


# The filters' drop-downs as tall as the filter box beside them. Kept with the drop-downs,
# which are all that use it; the rest of the look is in resources/style.qss. The arrow is
# named by its path: the "icons:" prefix only works once the application's style is applied.
FILTER_BOX_STYLE = f"""
QComboBox {{ background: #ffffff; border: 1px solid #d5dbe3; border-radius: 6px;
             padding: 5px 8px; }}
QComboBox:focus, QComboBox:on {{ border: 1px solid #2f6fde; }}
QComboBox::drop-down {{ border: none; width: 22px; }}
QComboBox::down-arrow {{ image: url({resource_path("icons", "sort-down.svg").as_posix()});
                         width: 10px; height: 6px; }}
"""
