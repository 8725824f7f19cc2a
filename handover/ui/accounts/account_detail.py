"""One account in detail: a heading, and tabs for its overview, people, history and
promises (and any tab plugged in, such as concessions); `show_record` opens a record."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QHBoxLayout, QTabWidget, QVBoxLayout, QWidget

from handover.ui.accounts.account_overview import OverviewTab
from handover.ui.accounts.history import HistoryTab
from handover.ui.accounts.people import PeopleTab
from handover.ui.accounts.promises import PromisesTab
from handover.ui.shell.parts import DETAIL_STYLESHEET, pill, set_pill
from handover.ui.shell.session import Change, Session
from handover.ui.shell.text import plain_label
from handover.ui.shell.words import HEALTH_TEXT, HEALTH_TINT, INK

CONCESSIONS_TITLE = "Concessions"


class AccountDetail(QWidget):
    """An account's detail: its heading and its tabs. Every tab follows `session.changed`
    for its own tables and this account, so an edit, undo or redo anywhere shows here."""

    def __init__(self, session: Session, account_id: int, parent: QWidget | None = None, *,
                 today: dt.date | None = None):
        super().__init__(parent)
        self.session = session
        self.account_id = account_id
        self._fixed_today = today
        self.setObjectName("accountDetail")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(DETAIL_STYLESHEET)

        self.title = plain_label()
        self.title.setObjectName("detailTitle")
        self.health = pill("", INK, "#eef2f7")
        self.facts = plain_label()
        self.facts.setObjectName("detailFacts")
        heading = QHBoxLayout()
        heading.setContentsMargins(20, 16, 20, 6)
        heading.setSpacing(12)
        heading.addWidget(self.title, 0, Qt.AlignmentFlag.AlignVCenter)
        heading.addWidget(self.health, 0, Qt.AlignmentFlag.AlignVCenter)
        heading.addSpacing(4)
        heading.addWidget(self.facts, 1, Qt.AlignmentFlag.AlignVCenter)
        self.header = QWidget()
        self.header.setLayout(heading)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("accountTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.tabBar().setExpanding(False)
        self.tabs.tabBar().setDrawBase(False)
        self.overview = OverviewTab(session, account_id, self.today)
        self.overview.record_requested.connect(self.show_record)
        self.tabs.addTab(self.overview, "Overview")
        # The other tabs are built when first shown (or asked for): opening an account
        # costs only what its first page shows.
        self._lazy: dict[str, _LazyTab] = {}
        for key, title, make in (("people", "People", PeopleTab),
                                 ("history", "History", HistoryTab),
                                 ("promises", "Promises", PromisesTab)):
            holder = _LazyTab(lambda make=make: make(session, account_id, self.today))
            self._lazy[key] = holder
            self.tabs.addTab(holder, title)
        self._by_kind: dict[str, QWidget] = {
            "account": self.overview, "contact": self._lazy["people"],
            "interaction": self._lazy["history"], "promise": self._lazy["promises"]}
        self.tabs.currentChanged.connect(self._tab_shown)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)

        session.changed.connect(self._changed)
        self._refresh_heading()

    @property
    def people(self) -> PeopleTab:
        return self._lazy["people"].content()

    @property
    def history(self) -> HistoryTab:
        return self._lazy["history"].content()

    @property
    def promises(self) -> PromisesTab:
        return self._lazy["promises"].content()

    def _tab_shown(self, index: int) -> None:
        holder = self.tabs.widget(index)
        if isinstance(holder, _LazyTab):
            holder.content()

    def today(self) -> dt.date:
        """The day figures are judged on: the one given (in tests, demos), else today."""
        return self._fixed_today or dt.date.today()

    # ------------------------------------------------------------ tabs

    def add_tab(self, title: str, widget: QWidget) -> int:
        """Plug in a tab (e.g. the concessions tab); returns its index. A tab titled
        "Concessions" goes before Promises, where the design puts it; others at the end.
        A widget with a `show_record(record_id)` (or `select_concession(record_id)`)
        method has its records opened by `show_record`."""
        if title == CONCESSIONS_TITLE:
            index = self.tabs.insertTab(self.tabs.indexOf(self._lazy["promises"]), widget,
                                        title)
            self._by_kind["concession"] = widget
        else:
            index = self.tabs.addTab(widget, title)
        return index

    def tab_titles(self) -> list[str]:
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]

    def show_record(self, kind: str, record_id: int) -> bool:
        """Switch to the tab that holds a record of `kind` ("account", "contact",
        "interaction", "promise", "concession") and select it; False when there is no such
        tab or the record is not this account's."""
        tab = self._by_kind.get(kind)
        if tab is None:
            return False
        self.tabs.setCurrentWidget(tab)
        if kind == "account":
            return record_id == self.account_id
        if isinstance(tab, _LazyTab):
            tab = tab.content()
        # A plugged-in tab opens a record by `show_record`, or as the concessions tab
        # does, by `select_concession`.
        for name in ("show_record", "select_concession"):
            show = getattr(tab, name, None)
            if callable(show):
                return bool(show(record_id))
        return False

    # ------------------------------------------------------------ the heading

    def _changed(self, change: Change) -> None:
        if change.account_id in (None, self.account_id) and change.touches(
                "accounts", "people", "contacts", "interactions", "commitments"):
            self._refresh_heading()

    def _refresh_heading(self) -> None:
        figures = self.overview.figures
        if figures is None:
            self.title.setText("Account not found")
            self.health.hide()
            self.facts.setText("")
            return
        a = figures.account
        self.title.setText(a.name)
        self.health.show()
        set_pill(self.health, a.health.label, HEALTH_TEXT[a.health], HEALTH_TINT[a.health])
        facts = [f"{a.segment.label} account", a.industry, a.region,
                 f"owner {figures.owner}" if figures.owner else "no owner"]
        self.facts.setText("  \u00b7  ".join(x for x in facts if x))
        self.setWindowTitle(a.name)
        self._title("people", "People", figures.contacts)
        self._title("history", "History", figures.interactions)
        self._title("promises", "Promises", figures.open_ours + figures.open_theirs, " open")

    def _title(self, key: str, name: str, count: int, suffix: str = "") -> None:
        index = self.tabs.indexOf(self._lazy[key])
        self.tabs.setTabText(index, f"{name}  {count:,}{suffix}" if count else name)


class _LazyTab(QWidget):
    """A tab's place, holding the tab itself from the first time it is needed."""

    def __init__(self, make: Callable[[], QWidget], parent: QWidget | None = None):
        super().__init__(parent)
        self._make = make
        self._content: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def content(self) -> QWidget:
        if self._content is None:
            self._content = self._make()
            self._layout.addWidget(self._content)
        return self._content

    def is_built(self) -> bool:
        return self._content is not None


# ---------------------------------------------------------------- measuring


def open_account_detail_ms(session: Session, account_id: int, *, today: dt.date | None = None,
                           size: tuple[int, int] = (1280, 800)) -> float:
    """Milliseconds from asking for an account's detail to its first tab painted: what the
    benchmark reports as "an account opens". The widget is closed again afterwards."""
    app = QApplication.instance()
    start = time.perf_counter()
    detail = AccountDetail(session, account_id, today=today)
    detail.resize(*size)
    detail.show()
    detail.repaint()  # paint now, not at the next turn of the event loop
    app.processEvents()
    elapsed = (time.perf_counter() - start) * 1000
    detail.close()
    detail.deleteLater()
    app.processEvents()
    return elapsed
