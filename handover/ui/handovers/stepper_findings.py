"""What the checker still finds in the stepper: the findings, section by section, as a list
model, and the panel that shows them, each a click away from what it is about."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QLabel, QListView, QVBoxLayout, QWidget

from handover.domain.checker import Finding, Severity
from handover.domain.template import Template
from handover.ui.handovers.handover_parts import GOOD
from handover.ui.shell.words import ROOT, SUBTLE, error_icon, warning_icon

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


class FindingsPanel(QWidget):
    """The "To fix" panel of the stepper's side column: the findings the writer still has,
    or a word that nothing is left."""

    def __init__(self, template: Template, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = FindingsModel(template, self)
        self.list = QListView()
        self.list.setObjectName("findingsList")
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list.setSpacing(1)
        self.list.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.title = QLabel("TO FIX")
        self.title.setObjectName("panelTitle")
        self.hint = QLabel("Click one to go to its field or record.")
        self.hint.setObjectName("fieldHelp")
        self.hint.setWordWrap(True)
        self.done = QLabel()
        self.done.setWordWrap(True)
        self.done.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.done)
        layout.addWidget(self.list, 1)

    def show_findings(self, shown: list[Finding]) -> None:
        self.model.set_findings(shown)
        count = len(shown)
        self.title.setText(f"TO FIX  \u00b7  {count}" if count else "TO FIX")
        self.hint.setVisible(bool(count))
        self.list.setVisible(bool(count))
        self.done.setVisible(not count)
        self.done.setText(f"<span style='color:{GOOD}; font-weight:600'>\u2713 "
                          "Nothing left to fix.</span><br>Submit when you are ready.")
