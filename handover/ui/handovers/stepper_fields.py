"""One field on a section's page of the stepper: its editor as the field's kind wants it
(Markdown with a preview, a list, a line) and the box with its label, help and findings."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from handover.domain.checker import Finding, Severity
from handover.domain.template import Field
from handover.ui.shell.markdown_editor import MarkdownEditor, MarkdownView
from handover.ui.shell.text import esc
from handover.ui.shell.words import DANGER, WARNING

# How tall each kind of field is on a section's page.
FIELD_HEIGHTS = {"markdown": 200, "list": 116}


class FieldInput(QObject):
    """The editor of one field, as its kind wants it: Markdown with a preview, a list (one
    item a line), or a line of text."""

    edited = Signal(str)  # the user changed the text (not set_text)

    def __init__(self, field: Field, *, read_only: bool = False,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.field = field
        self.read_only = read_only
        if field.read_back and read_only:
            self.widget: QWidget = MarkdownView()
            self.widget.setMinimumHeight(120)
        elif field.kind == "markdown":
            editor = MarkdownEditor(top_heading=3)
            editor.setPlaceholderText("Write here. Markdown works: **bold**, - lists, "
                                      "> quotes.")
            editor.source.setReadOnly(read_only)
            editor.edited.connect(self.edited)
            editor.setMinimumHeight(FIELD_HEIGHTS["markdown"])
            self.widget = editor
        elif field.kind == "list":
            editor = QPlainTextEdit()
            editor.setObjectName("answerList")
            editor.setPlaceholderText("One a line")
            editor.setReadOnly(read_only)
            editor.setFixedHeight(FIELD_HEIGHTS["list"])
            editor.textChanged.connect(lambda: self.edited.emit(editor.toPlainText()))
            self.widget = editor
        else:
            line = QLineEdit()
            line.setObjectName("answerLine")
            line.setPlaceholderText(field.help or ("A date, e.g. 2026-04-15"
                                                   if field.kind == "date" else ""))
            line.setReadOnly(read_only)
            line.textEdited.connect(self.edited)
            self.widget = line

    def text(self) -> str:
        w = self.widget
        if isinstance(w, MarkdownEditor):
            return w.text()
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        if isinstance(w, QLineEdit):
            return w.text()
        return w.markdown()  # type: ignore[attr-defined]

    def set_text(self, text: str) -> None:
        """Show `text` as loaded (not an edit: nothing is saved)."""
        w = self.widget
        if isinstance(w, MarkdownEditor):
            w.setText(text)
        elif isinstance(w, QPlainTextEdit):
            with QSignalBlocker(w):
                w.setPlainText(text)
        elif isinstance(w, QLineEdit):
            w.setText(text)
        else:
            note = "*Written by the incoming manager during the review.*"
            w.setMarkdown(text or note, 3)  # type: ignore[attr-defined]

    def focus(self) -> None:
        self.widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def has_focus(self) -> bool:
        w = self.widget
        inner = w.source if isinstance(w, MarkdownEditor) else w
        return inner.hasFocus()


class FieldBox(QWidget):
    """A field on its section's page: its label, its help, the editor, and what the checker
    says about it."""

    def __init__(self, field: Field, editor: FieldInput, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("fieldBox")
        self.field = field
        self.editor = editor
        label = QLabel(field.label + ("  *" if field.required else ""))
        label.setObjectName("fieldLabel")
        if field.required:
            label.setToolTip("Required: the checker counts this field as missing while it is "
                             "empty")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(label)
        if field.help:
            help_label = QLabel(field.help)
            help_label.setObjectName("fieldHelp")
            help_label.setWordWrap(True)
            layout.addWidget(help_label)
        layout.addWidget(editor.widget)
        self.finding = QLabel()
        self.finding.setObjectName("fieldFinding")
        self.finding.setWordWrap(True)
        self.finding.setTextFormat(Qt.TextFormat.RichText)
        self.finding.hide()
        layout.addWidget(self.finding)

    def show_findings(self, findings: list[Finding]) -> None:
        shown = [f for f in findings if f.severity is not Severity.INFO]
        if not shown:
            self.finding.hide()
            return
        lines = []
        for f in shown:
            colour = DANGER if f.severity is Severity.ERROR else WARNING
            lines.append(f"<span style='color:{colour}'>\u25b2 {esc(f.message)}</span>")
        self.finding.setText("<br>".join(lines))
        self.finding.show()

    def flash(self) -> None:
        """Draw the eye to this field for a moment."""
        self.setProperty("flash", True)
        self.style().unpolish(self)
        self.style().polish(self)

        def done() -> None:
            self.setProperty("flash", False)
            self.style().unpolish(self)
            self.style().polish(self)
        QTimer.singleShot(1200, self, done)  # not after the field is gone
