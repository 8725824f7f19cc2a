"""The page shown with no workspace open: the two ways to get one."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from handover.ui.shell.resources import icon


def _centred_message(icon_name: str, heading: str, text: str) -> tuple[QWidget, QVBoxLayout]:
    """A quiet block in the middle of a page: an icon, a heading and a sentence or two."""
    block = QWidget()
    block.setObjectName("messageBlock")
    # A fixed width: word-wrapped labels in a centred block otherwise shrink to a sliver.
    block.setFixedWidth(460)
    picture = QLabel()
    picture.setPixmap(icon(icon_name).pixmap(QSize(44, 44), QIcon.Mode.Disabled))
    picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
    title = QLabel(heading)
    title.setObjectName("messageHeading")
    title.setAlignment(Qt.AlignmentFlag.AlignCenter)
    title.setWordWrap(True)
    body = QLabel(text)
    body.setObjectName("messageText")
    body.setAlignment(Qt.AlignmentFlag.AlignCenter)
    body.setWordWrap(True)
    layout = QVBoxLayout(block)
    layout.setSpacing(10)
    layout.addWidget(picture)
    layout.addSpacing(4)
    layout.addWidget(title)
    layout.addWidget(body)
    return block, layout


class NoWorkspacePage(QWidget):
    """Shown when no workspace could be opened: the two ways to get one."""

    open_requested = Signal()
    new_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        block, block_layout = _centred_message(
            "workspace", "No workspace is open",
            "A workspace is one file that holds your accounts and handovers. "
            "Open one you have, or start a new one.")
        open_button = QPushButton("Open workspace\u2026")
        open_button.setObjectName("primaryButton")
        open_button.clicked.connect(self.open_requested)
        new_button = QPushButton("New workspace\u2026")
        new_button.clicked.connect(self.new_requested)
        buttons = QHBoxLayout()
        buttons.setSpacing(10)
        buttons.addStretch(1)
        buttons.addWidget(open_button)
        buttons.addWidget(new_button)
        buttons.addStretch(1)
        block_layout.addSpacing(12)
        block_layout.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(block, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
