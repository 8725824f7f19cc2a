"""The Overview tab of an account: health and why, size against potential, renewal, the
key figures and what needs attention, each linking to the record it is about."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

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
from handover.ui.accounts.account_charts import SentimentChart, SizeBars
from handover.ui.shell.parts import section_title
from handover.ui.shell.session import Change, Session
from handover.ui.shell.words import (
    DANGER,
    HEALTH_TEXT,
    INK,
    MUTED,
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
