"""How people's words reach a widget: as the characters they typed, never as markup Qt acts on.

A QLabel in its default mode, and every tooltip, reads a string as rich text as soon as it
looks like HTML: an account named '<img src="file:///home/ana/secret.png">' would make Qt read
that file (and on Windows a file://host/share path opens a network connection). So a label
that shows user data is plain (`plain_label`, `make_plain`); where a label must be rich (a
colour, bold around a name) each piece of user data goes in through `esc`; and a tooltip
built from user data goes through `tooltip`."""

from __future__ import annotations

import html

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

__all__ = ["esc", "make_plain", "plain_label", "tooltip"]


def esc(text: object) -> str:
    """`text` escaped for a rich-text label or tooltip: shown as its characters."""
    return html.escape(str(text), quote=True)


def make_plain(label: QLabel) -> QLabel:
    """`label`, told to show its text as plain text whatever it looks like."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label for user data: its text is never read as markup."""
    return make_plain(QLabel(text, parent))


def tooltip(text: str) -> str:
    """`text` as a tooltip that shows its characters. Qt reads a tooltip as rich text when
    its first line looks like HTML; such a text is escaped (and marked as rich, so the
    escapes are read back as the characters), any other is left as it is."""
    if not text or not QtGui.Qt.mightBeRichText(text):
        return text
    return "<qt>" + esc(text).replace("\n", "<br>") + "</qt>"
