"""The pieces the Analytics page is laid out with: a chart view, a titled section, two
widgets side by side, and the page's stylesheet."""

from __future__ import annotations

from PySide6.QtCharts import QChartView
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)


def chart_view(height: int) -> QChartView:
    view = QChartView()
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setFrameShape(QFrame.Shape.NoFrame)
    view.setBackgroundBrush(QColor("#ffffff"))
    view.setMinimumHeight(height)
    return view


def titled_section(title: str, hint: str) -> tuple[QWidget, QVBoxLayout, QLabel]:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    heading = QLabel(title)
    heading.setObjectName("analyticsHeading")
    words = QLabel(hint)
    words.setObjectName("sectionHint")
    words.setWordWrap(True)
    layout.addWidget(heading)
    layout.addWidget(words)
    layout.addSpacing(6)
    return box, layout, heading


def side_by_side(left: QWidget, right: QWidget, left_stretch: int = 3,
                  right_stretch: int = 2) -> QHBoxLayout:
    """The two share the width by their stretch alone, whatever their contents ask for."""
    for widget in (left, right):
        policy = widget.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        widget.setSizePolicy(policy)
        widget.setMinimumWidth(260)
    row = QHBoxLayout()
    row.setSpacing(16)
    row.addWidget(left, left_stretch)
    row.addWidget(right, right_stretch)
    return row


PAGE_STYLE = """
QWidget#analyticsPage, QWidget#analyticsContent { background: #ffffff; }
QLabel#analyticsHeading { font-size: 12.5pt; font-weight: 600; color: #1d2b3f; }
QLabel#statusLabel { color: #6b7685; }
QLabel#tableCaption { color: #5b6675; font-weight: 600; }
QProgressBar#busyBar { border: none; background: #e8eef8; border-radius: 2px; max-height: 4px; }
QProgressBar#busyBar::chunk { background: #2f6fde; border-radius: 2px; }
"""
