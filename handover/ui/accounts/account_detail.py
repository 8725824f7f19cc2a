"""One account in detail: a heading, and tabs for its overview, people, history and
promises (and any tab plugged in, such as concessions); `show_record` opens a record."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from handover.domain.records import Account
from handover.domain.words import money
from handover.store.account_queries import (
    OUT_OF_TOUCH_DAYS,
    RECENT_DAYS,
    TREND_MONTHS,
    AccountFigures,
    account_figures,
    promise_rows,
)
from handover.store.errors import WorkspaceError
from handover.ui.accounts.history import HistoryTab
from handover.ui.accounts.people import PeopleTab
from handover.ui.accounts.promises import PromisesTab
from handover.ui.shell.parts import DETAIL_STYLESHEET, pill, section_title, set_pill
from handover.ui.shell.session import Change, Session
from handover.ui.shell.text import plain_label
from handover.ui.shell.words import (
    ACCENT,
    DANGER,
    HEALTH_TEXT,
    HEALTH_TINT,
    INK,
    MUTED,
    SCALE_FILL,
    SCALE_TEXT,
    SUBTLE,
    WARNING,
    attitude_word,
    days_text,
    due_note,
    short_date,
)

OVERVIEW_TABLES = ("accounts", "contacts", "interactions", "commitments", "concessions",
                   "people")
ATTENTION_SHOWN = 6
CONCESSIONS_TITLE = "Concessions"


# ---------------------------------------------------------------- painted figures


class SizeBars(QWidget):
    """The account's size now beside its potential: two bars to one scale, the figures,
    and the ratio in words ("potential 2.4× current")."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.current = 0.0
        self.potential = 0.0
        self.currency = "EUR"
        self.setMinimumHeight(118)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_figures(self, current: float, potential: float, currency: str) -> None:
        self.current, self.potential, self.currency = current, potential, currency
        self.update()

    def ratio_text(self) -> str:
        if self.current <= 0:
            return "no current revenue" if self.potential > 0 else "no figures yet"
        ratio = self.potential / self.current
        if ratio < 1:
            return f"potential {ratio:.1f}\u00d7 current: below today's size"
        return f"potential {ratio:.1f}\u00d7 current"

    def sizeHint(self) -> QSize:
        return QSize(420, 118)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        small = QFont(font)
        small.setPointSizeF(8.5)
        bold = QFont(font)
        bold.setWeight(QFont.Weight.DemiBold)
        label_width = 78
        figure_width = QFontMetricsF(bold).horizontalAdvance(money(9_999_999, self.currency)) + 16
        left, right = label_width, self.width() - figure_width
        scale = max(self.current, self.potential, 1.0)
        rows = [("Current", self.current, QColor("#3d5a80")),
                ("Potential", self.potential, QColor("#9bb7e0"))]
        for number, (label, amount, colour) in enumerate(rows):
            y = 6 + number * 34
            painter.setFont(small)
            painter.setPen(QColor(SUBTLE))
            painter.drawText(QRectF(0, y, label_width - 8, 22),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
            track = QRectF(left, y + 4, max(10.0, right - left), 14)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#eef2f7"))
            painter.drawRoundedRect(track, 4, 4)
            bar = QRectF(track.left(), track.top(), max(3.0, track.width() * amount / scale),
                         track.height())
            painter.setBrush(colour)
            painter.drawRoundedRect(bar, 4, 4)
            painter.setFont(bold)
            painter.setPen(QColor(INK))
            painter.drawText(QRectF(right + 10, y, figure_width - 10, 22),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             money(amount, self.currency))
        headroom = self.potential - self.current
        painter.setFont(bold)
        painter.setPen(QColor(ACCENT))
        text = self.ratio_text()
        y = 78
        painter.drawText(QRectF(0, y, self.width(), 20),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         text[:1].upper() + text[1:])
        if headroom > 0:
            painter.setFont(small)
            painter.setPen(QColor(SUBTLE))
            painter.drawText(QRectF(0, y + 20, self.width(), 18),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             f"{money(headroom, self.currency)} a year not yet won")
        painter.end()


class SentimentChart(QWidget):
    """Mean sentiment month by month: bars up (good) or down (bad) from neutral, a dot for
    a month without any contact."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.months: tuple = ()
        self.setMinimumHeight(118)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_months(self, months) -> None:
        self.months = tuple(months)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, 118)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        small = QFont(self.font())
        small.setPointSizeF(7.5)
        left, top, bottom = 26, 6, self.height() - 18
        plot = QRectF(left, top, self.width() - left - 4, bottom - top)
        middle = plot.center().y()
        painter.setFont(small)
        painter.setPen(QColor(MUTED))
        for value, text in ((2, "+2"), (0, "0"), (-2, "\u22122")):
            y = middle - value / 2 * plot.height() / 2
            painter.drawText(QRectF(0, y - 7, left - 6, 14),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
            pen = QPen(QColor("#c9d1dc" if value == 0 else "#edf0f4"), 1)
            painter.setPen(pen)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QColor(MUTED))
        if not self.months:
            painter.end()
            return
        step = plot.width() / len(self.months)
        bar = min(22.0, step * 0.6)
        for number, month in enumerate(self.months):
            x = plot.left() + number * step + (step - bar) / 2
            if month.mean is None:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor("#d5dbe3"))
                painter.drawEllipse(QPointF(x + bar / 2, middle), 2.2, 2.2)
            else:
                height = month.mean / 2 * plot.height() / 2
                level = max(-2, min(2, round(month.mean)))
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(SCALE_FILL[level if level else
                                                   (1 if month.mean > 0 else -1
                                                    if month.mean < 0 else 0)]))
                rect = QRectF(x, min(middle, middle - height), bar, max(2.0, abs(height)))
                painter.drawRoundedRect(rect, 2, 2)
            painter.setPen(QColor(MUTED))
            painter.drawText(QRectF(x - 6, bottom + 2, bar + 12, 14), Qt.AlignmentFlag.AlignCenter,
                             f"{month.month:%b}"[:3 if step > 30 else 1])
        painter.end()


# ---------------------------------------------------------------- the overview


class _Figure(QFrame):
    """A key figure: a caption, the figure, and a line saying what it means."""

    def __init__(self, caption: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("card")
        self.caption = QLabel(caption.upper())
        self.caption.setObjectName("cardCaption")
        self.figure = QLabel()
        self.figure.setObjectName("cardFigure")
        self.note = QLabel()
        self.note.setObjectName("cardNote")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 12)
        layout.setSpacing(2)
        layout.addWidget(self.caption)
        layout.addWidget(self.figure)
        layout.addWidget(self.note)
        layout.addStretch(1)

    def set(self, figure: str, note: str = "", colour: str = "#1d2b3f") -> None:
        self.figure.setText(figure)
        self.figure.setStyleSheet(f"color: {colour};")
        self.note.setText(note)


def _card(title: str, body: QWidget | None = None) -> tuple[QFrame, QVBoxLayout]:
    card = QFrame()
    card.setObjectName("card")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(16, 12, 16, 14)
    layout.setSpacing(8)
    layout.addWidget(section_title(title))
    if body is not None:
        layout.addWidget(body)
    return card, layout


def _span(text: str, colour: str, bold: bool = False) -> str:
    weight = "; font-weight:600" if bold else ""
    return f"<span style='color:{colour}{weight}'>{_escape(text)}</span>"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class OverviewTab(QWidget):
    """The account at a glance: health and why, size against potential, renewal, and the
    figures that say where it stands with people, history, promises and concessions."""

    record_requested = Signal(str, int)  # a kind of record and its id, from a link

    def __init__(self, session: Session, account_id: int,
                 today: Callable[[], dt.date] = dt.date.today, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.account_id = account_id
        self._today = today
        self.figures: AccountFigures | None = None

        # health and renewal
        self.health = _Figure("Health")
        self.health_reason = self.health.note
        self.health_reason.setObjectName("healthReason")
        self.health_reason.setTextFormat(Qt.TextFormat.PlainText)
        self.health_reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.renewal = _Figure("Renewal")

        # key figures
        self.people_figure = _Figure("People")
        self.history_figure = _Figure(f"Interactions, {RECENT_DAYS} days")
        self.sentiment_figure = _Figure("Sentiment")
        self.ours_figure = _Figure("Our promises")
        self.theirs_figure = _Figure("Their promises")
        self.concessions_figure = _Figure("Concessions")

        # size, sentiment by month
        self.size_bars = SizeBars()
        size_card, _ = _card("Size and potential", self.size_bars)
        self.chart = SentimentChart()
        chart_card, chart_layout = _card(f"Sentiment, last {TREND_MONTHS} months", self.chart)

        # what needs attention, and the account's fields
        self.attention = QLabel()
        self.attention.setObjectName("attentionList")
        self.attention.setWordWrap(True)
        self.attention.setTextFormat(Qt.TextFormat.RichText)
        self.attention.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.attention.linkActivated.connect(self._link)
        attention_card, attention_layout = _card("Needs attention", self.attention)
        attention_layout.addStretch(1)
        self.fields = QLabel()
        self.fields.setObjectName("accountFields")
        self.fields.setTextFormat(Qt.TextFormat.RichText)
        self.fields.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        fields_card, fields_layout = _card("Account", self.fields)
        fields_layout.addStretch(1)

        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(14)
        grid.addWidget(self.health, 0, 0, 1, 4)
        grid.addWidget(self.renewal, 0, 4, 1, 2)
        for column, figure in enumerate((self.people_figure, self.history_figure,
                                         self.sentiment_figure, self.ours_figure,
                                         self.theirs_figure, self.concessions_figure)):
            grid.addWidget(figure, 1, column)
        grid.addWidget(size_card, 2, 0, 1, 3)
        grid.addWidget(chart_card, 2, 3, 1, 3)
        grid.addWidget(attention_card, 3, 0, 1, 4)
        grid.addWidget(fields_card, 3, 4, 1, 2)
        for column in range(6):
            grid.setColumnStretch(column, 1)

        content = QWidget()
        content.setObjectName("overviewContent")
        outer = QVBoxLayout(content)
        outer.setContentsMargins(20, 16, 20, 16)
        outer.addLayout(grid)
        outer.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        scroll.setStyleSheet("QScrollArea, QWidget#overviewContent { background: #ffffff; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        session.changed.connect(self._changed)
        self.refresh()

    def _changed(self, change: Change) -> None:
        if change.account_id in (None, self.account_id) and change.touches(*OVERVIEW_TABLES):
            self.refresh()

    def _link(self, target: str) -> None:
        kind, _, record_id = target.partition(":")
        if record_id.isdigit():
            self.record_requested.emit(kind, int(record_id))

    def refresh(self) -> None:
        today = self._today()
        try:
            f = account_figures(self.session.ws, self.account_id, today)
        except WorkspaceError:
            self.figures = None
            self.health_reason.setText("This account is no longer in the workspace.")
            return
        self.figures = f
        a = f.account

        reason = a.health_reason.strip()
        self.health.set(a.health.label, reason or "No reason written: say why the account is "
                        f"{a.health.label.lower()}.", HEALTH_TEXT[a.health])
        self.health_reason.setStyleSheet("" if reason else f"color: {WARNING};")

        days = f.renewal_in_days
        if days is None:
            self.renewal.set("No date", "No renewal date is recorded.", MUTED)
        elif days < 0:
            self.renewal.set(f"{days_text(-days)} ago",
                             f"The renewal date {short_date(a.renewal_date)} has passed.",
                             DANGER)
        else:
            colour = DANGER if days <= 60 else (WARNING if days <= 120 else "#1d2b3f")
            self.renewal.set("today" if days == 0 else f"in {days_text(days)}",
                             f"Renews on {short_date(a.renewal_date)}", colour)

        out = len(f.out_of_touch)
        note = f"{f.key_people} key"
        if out:
            note += " \u00b7 " + _span(f"{out} not contacted for {OUT_OF_TOUCH_DAYS}+ days",
                                       WARNING, True)
        self.people_figure.set(str(f.contacts), note)

        last = (f"last on {short_date(f.last_interaction)}" if f.last_interaction
                else "none logged yet")
        self.history_figure.set(str(f.recent_interactions),
                                f"{f.interactions:,} in all \u00b7 {last}",
                                WARNING if f.recent_interactions == 0 else "#1d2b3f")

        self._sentiment(f)
        for widget, open_, overdue, whose in (
                (self.ours_figure, f.open_ours, f.overdue_ours, "we owe"),
                (self.theirs_figure, f.open_theirs, f.overdue_theirs, "they owe")):
            note = f"open, {whose}"
            if overdue:
                note += " \u00b7 " + _span(f"{overdue} overdue", DANGER, True)
            widget.set(str(open_), note, DANGER if overdue else "#1d2b3f")
        if f.live_concessions:
            self.concessions_figure.set(
                str(f.concessions), f"{f.live_concessions} live, worth "
                f"{money(f.live_value, a.currency)} a year")
        elif f.concessions:
            self.concessions_figure.set(str(f.concessions), "none live today")
        else:
            self.concessions_figure.set("0", "none given")

        self.size_bars.set_figures(a.current_revenue, a.potential_revenue, a.currency)
        self.chart.set_months(f.months)
        self._attention(f, today)
        self._fields(a, f)

    def _sentiment(self, f: AccountFigures) -> None:
        recent = f.sentiment_recent
        if recent is None:
            self.sentiment_figure.set("\u2014", f"no interaction in {RECENT_DAYS} days", MUTED)
            return
        level = max(-2, min(2, round(recent)))
        figure = f"{recent:+.1f}".replace("-", "\u2212")
        trend = f.sentiment_trend
        if trend is None:
            note = f"mean of the last {RECENT_DAYS} days"
        elif trend <= -0.3:
            note = _span(f"\u2198 declining ({trend:+.1f})".replace("-", "\u2212"), DANGER, True)
        elif trend >= 0.3:
            note = _span(f"\u2197 improving ({trend:+.1f})", SCALE_TEXT[2], True)
        else:
            note = "\u2192 steady against the 90 days before"
        self.sentiment_figure.set(figure, note, SCALE_TEXT[level])

    def _attention(self, f: AccountFigures, today: dt.date) -> None:
        items: list[str] = []
        for c in f.out_of_touch:
            days = c.days_since_contact(today)
            when = "never contacted" if days is None else f"no contact for {days_text(days)}"
            who = (attitude_word(c.attitude).lower() if c.attitude is not None
                   else "attitude unknown")
            items.append(
                f"<span style='color:{WARNING}'>\u25b2</span>&nbsp; "
                f"<a href='contact:{c.id}' style='color:{INK}; text-decoration:none'>"
                f"<b>{_escape(c.name)}</b></a> "
                f"<span style='color:{SUBTLE}'>({_escape(c.buying_role.label.lower())}, {who}, "
                f"influence {c.influence})</span> \u2014 {when}")
        overdue = [r for r in promise_rows(self.session.ws, self.account_id)
                   if r.overdue_days(today) > 0]
        overdue.sort(key=lambda r: -r.overdue_days(today))
        for r in overdue:
            c = r
            whose = "ours" if c.direction.value == "ours" else "theirs"
            items.append(
                f"<span style='color:{DANGER}'>\u25cf</span>&nbsp; "
                f"<a href='promise:{c.id}' style='color:{INK}; text-decoration:none'>"
                f"{_escape(_short(c.description, 70))}</a> "
                f"<span style='color:{SUBTLE}'>({whose})</span> \u2014 "
                f"{_span(due_note(r, today)[0], DANGER)}")
        if not items:
            self.attention.setText(f"<span style='color:{SCALE_TEXT[2]}'>\u2713</span> "
                                   "Nothing overdue, and every key person was contacted in "
                                   f"the last {OUT_OF_TOUCH_DAYS} days.")
            return
        shown = items[:ATTENTION_SHOWN]
        more = len(items) - len(shown)
        html = "<br>".join(shown)
        if more:
            html += f"<br><span style='color:{SUBTLE}'>and {more} more</span>"
        self.attention.setText(f"<div style='line-height:150%'>{html}</div>")

    def _fields(self, a: Account, f: AccountFigures) -> None:
        rows = [
            ("Segment", a.segment.label), ("Industry", a.industry or "\u2014"),
            ("Region", a.region or "\u2014"), ("Owner", f.owner or "nobody"),
            ("Currency", a.currency),
            ("Renewal", short_date(a.renewal_date) if a.renewal_date else "\u2014"),
        ]
        cells = "".join(
            f"<tr><td style='color:{SUBTLE}; padding:2px 14px 2px 0'>{k}</td>"
            f"<td style='color:{INK}; padding:2px 0'>{_escape(v)}</td></tr>" for k, v in rows)
        self.fields.setText(f"<table cellspacing='0'>{cells}</table>")


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


# ---------------------------------------------------------------- the whole


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
