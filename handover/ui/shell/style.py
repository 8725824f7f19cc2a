"""The program's look: Fusion, a light and calm palette, and resources/style.qss."""

from __future__ import annotations

import logging

from PySide6.QtCore import QDir
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from handover.ui.shell.resources import resource_path

log = logging.getLogger(__name__)

COLOURS = {
    QPalette.ColorRole.Window: "#f6f7f9",
    QPalette.ColorRole.WindowText: "#1f2933",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#f7f9fc",
    QPalette.ColorRole.Text: "#1f2933",
    QPalette.ColorRole.Button: "#f9fafb",
    QPalette.ColorRole.ButtonText: "#1f2933",
    QPalette.ColorRole.Highlight: "#2f6fde",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#ffffff",
    QPalette.ColorRole.ToolTipText: "#1f2933",
    QPalette.ColorRole.PlaceholderText: "#8a94a3",
    QPalette.ColorRole.Link: "#2f6fde",
    QPalette.ColorRole.Mid: "#d5dbe3",
    QPalette.ColorRole.Midlight: "#e8ebf0",
}
DISABLED_TEXT = "#a3acb9"


def apply_style(app: QApplication) -> None:
    """Give `app` the program's look; a missing style sheet leaves the plain palette."""
    app.setStyle("Fusion")
    palette = QPalette()
    for role, colour in COLOURS.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(DISABLED_TEXT))
    app.setPalette(palette)
    # The style sheet names its images as icons:NAME.svg.
    QDir.setSearchPaths("icons", [str(resource_path("icons"))])
    path = resource_path("style.qss")
    try:
        app.setStyleSheet(path.read_text(encoding="utf-8"))
    except OSError as e:
        log.warning("style sheet %s not loaded: %s", path, e)
