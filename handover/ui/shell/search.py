"""The search popup (Ctrl+F, Ctrl+K): find any account, person, event, promise or concession
as you type, grouped by kind; choosing a result says which record to open."""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSize, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QAction,
    QKeyEvent,
    QKeySequence,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from handover.domain.errors import HandoverError
from handover.store.search import KIND_LABELS, KINDS, SearchHit, search
from handover.store.workspace import Workspace
from handover.ui.shell.tasks import after_pause
from handover.ui.shell.text import plain_label, tooltip

# Search as you type, but not at every keystroke of a word typed quickly.
DEBOUNCE_MS = 150
SHOWN_PER_KIND = 20
# Each result line holds its place in the dialog's list of hits; a heading holds NOT_A_HIT.
HIT_ROLE = Qt.ItemDataRole.UserRole
NOT_A_HIT = -1
MUTED = "#6b7685"
PADDING = 6
PROMPT = "Search accounts, people, history, promises and concessions"

# What the popup searches with: (what the user typed, at most how many of each kind) to the
# hits, grouped by kind. `search` with its workspace bound is one.
Searcher = Callable[[str, int], list[SearchHit]]


def workspace_searcher(current: Callable[[], Workspace | None]) -> Searcher:
    """A searcher over whichever workspace `current()` returns at the time; no workspace
    open finds nothing."""
    def searcher(text: str, limit_per_kind: int) -> list[SearchHit]:
        ws = current()
        return [] if ws is None else search(ws, text, limit_per_kind)
    return searcher


def find_action(dialog: SearchDialog, parent: QObject) -> QAction:
    """Edit > Find…, on Ctrl+F and Ctrl+K (Cmd on macOS): shows the search popup."""
    action = QAction("&Find\u2026", parent)
    action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Find), QKeySequence("Ctrl+K")])
    action.setStatusTip(PROMPT)
    action.triggered.connect(dialog.popup)
    return action


def _marked_html(hit: SearchHit, tag: str) -> str:
    return "".join(f"<{tag}>{html.escape(text)}</{tag}>" if match else html.escape(text)
                   for text, match in hit.snippet_parts()).replace("\n", " ")


def hit_html(hit: SearchHit, muted: str = MUTED) -> str:
    """A result as shown: its title, the account it belongs to, and the text around the
    match with the matched words in bold. Where the match is the title itself (an
    account's name), the title shows it underlined instead of repeating it below."""
    where = "" if hit.kind == "account" else (
        f' <span style="color:{muted}">\u00b7 {html.escape(hit.account_name)}</span>')
    if hit.marked_snippet("", "") == hit.title:
        return f"<div><b>{_marked_html(hit, 'u')}</b>{where}</div>"
    return (f"<div><b>{html.escape(hit.title)}</b>{where}</div>"
            f'<div style="color:{muted}">{_marked_html(hit, "b")}</div>')


class _HitDelegate(QStyledItemDelegate):
    """Draws a result line as rich text: the title line and the snippet below it."""

    def __init__(self, dialog: SearchDialog):
        super().__init__(dialog.results)
        self._dialog = dialog

    def _document(self, option: QStyleOptionViewItem, hit: SearchHit, width: int,
                  muted: str = MUTED):
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(option.font)
        doc.setHtml(hit_html(hit, muted))
        doc.setTextWidth(max(width - 2 * PADDING, 50))
        return doc

    def paint(self, painter, option, index):
        hit = self._dialog.hit_at(index)
        if hit is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text = opt.palette.color(role)
        # On the selection's colour, grey text would not read: all of it takes the text colour.
        doc = self._document(opt, hit, opt.rect.width(), text.name() if selected else MUTED)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, text)
        painter.save()
        painter.translate(opt.rect.left() + PADDING, opt.rect.top() + PADDING)
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option, index):
        hit = self._dialog.hit_at(index)
        if hit is None:
            return super().sizeHint(option, index)
        view = option.widget
        width = view.viewport().width() if isinstance(view, QAbstractItemView) else 600
        doc = self._document(option, hit, width)
        return QSize(width, int(doc.size().height()) + 2 * PADDING)


class SearchDialog(QDialog):
    """The search popup. Typing searches after a short pause; Up and Down move through the
    results, Enter or a click opens one; Escape closes it."""

    record_chosen = Signal(str, int, int)  # kind, record id, account id
    results_shown = Signal(int)  # how many results are listed, after each search

    def __init__(self, searcher: Searcher | Workspace, parent: QWidget | None = None, *,
                 debounce_ms: int = DEBOUNCE_MS):
        super().__init__(parent)
        self._search = partial(search, searcher) if isinstance(searcher, Workspace) else searcher
        self.setWindowTitle("Search")
        self.setObjectName("searchDialog")
        self.setMinimumSize(640, 460)

        self.query_edit = QLineEdit()
        self.query_edit.setObjectName("searchField")
        self.query_edit.setPlaceholderText(PROMPT)
        self.query_edit.setClearButtonEnabled(True)
        self.query_edit.installEventFilter(self)
        self.results = QTreeWidget()
        self.results.setObjectName("searchResults")
        self.results.setHeaderHidden(True)
        self.results.setRootIsDecorated(False)
        self.results.setItemsExpandable(False)
        self.results.setIndentation(0)
        self.results.setUniformRowHeights(False)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing stays in the field
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setItemDelegate(_HitDelegate(self))
        self.results.itemClicked.connect(self._choose)
        self.results.itemActivated.connect(self._choose)
        # In the list's place while there is nothing to list: a hint, "no results", or why
        # the workspace cannot be searched.
        self.status = plain_label(PROMPT)
        self.status.setObjectName("emptyState")
        self.status.setWordWrap(True)
        self.status.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.status.setContentsMargins(24, 32, 24, 0)

        layout = QVBoxLayout(self)
        layout.addWidget(self.query_edit)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status, 1)
        self.results.hide()

        self._timer = after_pause(self, debounce_ms, self.run_search)
        self.query_edit.textChanged.connect(self._text_changed)
        self._hits: list[SearchHit] = []  # as listed, top to bottom

    # ------------------------------------------------------------ showing

    def popup(self) -> None:
        """Show the popup with the last search selected, its results brought up to date:
        records may have changed since it was last open."""
        self.show()
        self.raise_()
        self.activateWindow()
        self.query_edit.setFocus()
        self.query_edit.selectAll()
        if self.query_edit.text().strip():
            self.run_search()

    def run_search(self) -> None:
        """Search for the text in the field now and list the results, grouped by kind."""
        self._timer.stop()
        text = self.query_edit.text()
        self.results.clear()
        self._hits = []
        hits: list[SearchHit] = []
        if text.strip():
            try:
                hits = self._search(text, SHOWN_PER_KIND + 1)
            except HandoverError as e:
                self._show_status(str(e))
                self.results_shown.emit(0)
                return
        shown = self._fill(hits)
        if shown:
            self.status.hide()
            self.results.show()
            self._select(0)  # so that Enter opens the best match at once
        else:
            self._show_status(f"No results for \u201c{text.strip()}\u201d" if text.strip()
                              else PROMPT)
        self.results_shown.emit(shown)

    def _text_changed(self, _text: str) -> None:
        self._timer.start()  # again: the search waits for a pause in the typing

    def _show_status(self, text: str) -> None:
        self.status.setText(text)
        self.results.hide()
        self.status.show()

    def _fill(self, hits: list[SearchHit]) -> int:
        by_kind: dict[str, list[SearchHit]] = {}
        for hit in hits:
            by_kind.setdefault(hit.kind, []).append(hit)
        shown = 0
        for kind in KINDS:
            group = by_kind.get(kind, [])
            if not group:
                continue
            more = "+" if len(group) > SHOWN_PER_KIND else ""
            group = group[:SHOWN_PER_KIND]
            heading = QTreeWidgetItem(self.results, [f"{KIND_LABELS[kind]} ({len(group)}{more})"])
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            heading.setData(0, HIT_ROLE, NOT_A_HIT)
            font = heading.font(0)
            font.setBold(True)
            heading.setFont(0, font)
            for hit in group:
                label = hit.title if kind == "account" else f"{hit.title} \u00b7 {hit.account_name}"
                item = QTreeWidgetItem(heading, [label])
                item.setData(0, HIT_ROLE, len(self._hits))
                self._hits.append(hit)
                item.setToolTip(0, tooltip(hit.marked_snippet("", "")))
            heading.setExpanded(True)
            shown += len(group)
        return shown

    # ------------------------------------------------------------ reading the results

    def headings(self) -> list[str]:
        """The group headings as listed, e.g. "People (5)"."""
        return [self.results.topLevelItem(i).text(0)
                for i in range(self.results.topLevelItemCount())]

    def hit_items(self) -> list[QTreeWidgetItem]:
        """Every result line, top to bottom, without the headings."""
        items = []
        for i in range(self.results.topLevelItemCount()):
            heading = self.results.topLevelItem(i)
            items += [heading.child(j) for j in range(heading.childCount())]
        return items

    def hit_at(self, index: QModelIndex) -> SearchHit | None:
        """The hit listed at `index`; None for a heading."""
        at = index.data(HIT_ROLE) if index.isValid() else NOT_A_HIT
        return self._hits[at] if 0 <= at < len(self._hits) else None

    def current_hit(self) -> SearchHit | None:
        """The hit Enter would open; None when there is none."""
        return self.hit_at(self.results.currentIndex())

    def _select(self, at: int) -> None:
        item = self.hit_items()[at]
        self.results.setCurrentItem(item)
        self.results.scrollToItem(item)

    # ------------------------------------------------------------ keys and choosing

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.query_edit and event.type() == QEvent.Type.KeyPress:
            return self._key(event)
        return super().eventFilter(watched, event)

    def _key(self, event: QKeyEvent) -> bool:
        key = event.key()
        steps = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 8,
                 Qt.Key.Key_PageUp: -8}
        if key in steps:
            self._move(steps[key])
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._timer.isActive():  # typed and pressed Enter before the pause ended
                self.run_search()
            hit = self.current_hit()
            if hit is not None:
                self._open(hit)
            return True
        return False

    def _move(self, step: int) -> None:
        if not self._hits:
            return
        index = self.results.currentIndex()
        at = index.data(HIT_ROLE) if index.isValid() else NOT_A_HIT
        if at == NOT_A_HIT:
            at = -1 if step > 0 else len(self._hits)
        self._select(max(0, min(len(self._hits) - 1, at + step)))

    def _choose(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        at = item.data(0, HIT_ROLE)
        if at != NOT_A_HIT:  # not a heading
            self._open(self._hits[at])

    def _open(self, hit: SearchHit) -> None:
        self.accept()
        self.record_chosen.emit(hit.kind, hit.record_id, hit.account_id)

    def sizeHint(self) -> QSize:
        return QSize(720, 520)

