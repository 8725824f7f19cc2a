"""The card beside a record tab's table that reads the chosen record in full."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget


class RecordReader(QFrame):
    """The chosen record's heading and text in `body` (a subclass fills `body_layout`);
    with none chosen, the hint in `empty` says what to do instead (the tab words it)."""

    def __init__(self, hint: str, margins: tuple[int, int, int, int], spacing: int,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("card")
        self.empty = QLabel(hint)
        self.empty.setObjectName("sectionHint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        self.body_layout.setSpacing(spacing)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*margins)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.empty, 1)

    def show_body(self, shown: bool) -> None:
        self.body.setVisible(shown)
        self.empty.setVisible(not shown)
