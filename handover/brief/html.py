"""The brief as one HTML document: a cover, every section of the template with the records it
covers, the findings still open and the sign-off, from BriefData.

The same HTML feeds the PDF (Qt's text engine, `for_print=True`: charts are named resources
that the PDF code supplies) and the HTML export (`for_print=False`: a standalone file with the
stylesheet inlined and the charts as data: URIs). Everything a person typed is either escaped
or, for Markdown notes, rendered by the one sanitising renderer the screens use; nothing in
the document can run or make a reader fetch anything."""

from __future__ import annotations

import base64
import html
import sys
from functools import cache
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage

from handover.brief.data import BriefData, days_until, percent, signed
from handover.brief.markdown import render_markdown
from handover.domain.checker import Severity, day
from handover.domain.records import CommitmentStatus, Direction
from handover.domain.template import Field, Section, list_items
from handover.domain.words import ATTITUDE_WORDS, INFLUENCE_WORDS, SENTIMENT_WORDS, STRENGTH_WORDS

# Charts the brief shows, by key, with their size in the document (px at 96 dpi: the full
# width of an A4 or Letter page's text) and what they show, for those who cannot see them.
CHARTS = {
    "sentiment": (640, 200, "How the customer felt, month by month"),
    "discounts": (640, 230, "Discounts given over time against the policy"),
}
# In a printed brief, the contents' page-number cell of a part holds an anchor named
# TOC_PREFIX + the part's heading; the PDF code writes the page of that heading there.
TOC_PREFIX = "toc:"
CHART_URL = "brief-chart:{}"  # the resource name a chart has in a printed document
NOTE_HEADING = 4  # a "#" in a note is an <h4>: below the brief's own headings
CHANGES_SHOWN = 25  # lines of "what changed since sign-off"
DOT = "\u25cf"
NONE = '<span class="muted">\u2014</span>'  # an empty cell

_SEVERITY_WORDS = {Severity.ERROR: "Error", Severity.WARNING: "Warning", Severity.INFO: "Info"}
_STATUS_CLASS = {CommitmentStatus.OPEN: "", CommitmentStatus.KEPT: "good",
                 CommitmentStatus.BROKEN: "bad", CommitmentStatus.WITHDRAWN: "muted"}
_PLURALS = {"loss": "losses", "other": "other", "email": "e-mails"}
_SENTIMENT_CLASS = {-2: "s-m2", -1: "s-m1", 0: "s-0", 1: "s-p1", 2: "s-p2"}


def e(text: object) -> str:
    """Text made safe to place in HTML, quotes included."""
    return html.escape(str(text), quote=True)


def stylesheet_path() -> Path:
    """resources/brief.css: beside the package in a source tree, under sys._MEIPASS in a
    PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    root = Path(bundle) if bundle else Path(__file__).resolve().parents[2]
    return root / "resources" / "brief.css"


@cache
def stylesheet() -> str:
    return stylesheet_path().read_text(encoding="utf-8")


def note(text: str) -> str:
    """A Markdown note as sanitised HTML, as the screens render it."""
    # Qt, unlike a browser, shows the newline that ends every code block as an empty line.
    return render_markdown(text, top_heading=NOTE_HEADING).replace("\n</code></pre>",
                                                                   "</code></pre>")


def png_bytes(image: QImage | bytes) -> bytes:
    if isinstance(image, (bytes, bytearray)):
        return bytes(image)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


# ---------------------------------------------------------------- the document


def build_brief_html(data: BriefData, *, charts: dict[str, QImage | bytes] | None = None,
                     for_print: bool) -> str:
    """The brief as HTML.

    `charts` maps a key of CHARTS to its image (a QImage or PNG bytes); a chart not given
    is left out. With `for_print`, an image's src is CHART_URL (the PDF code adds the
    images as resources under that name) and no stylesheet is embedded (the document gets
    it as its default stylesheet); without, the stylesheet is inlined and the images are
    data: URIs, so the file stands alone."""
    charts = charts or {}
    out = [_cover(data, for_print)]
    for number, section in data.sections():
        out.append(_section(data, number, section, charts, for_print))
    out.append(_findings(data, for_print))
    out.append(_signoff(data, for_print))
    out.append(_appendix(data, for_print))
    body = "\n".join(out)
    head = [f"<meta charset=\"utf-8\"><title>{e(data.title)}</title>"]
    if not for_print:
        head.append('<meta name="generator" content="' + e(_creator(data)) + '">')
        head.append(f"<style>\n{stylesheet()}\n{_SCREEN_CSS}</style>")
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head>{''.join(head)}</head>\n"
            f"<body>\n{body}\n</body></html>\n")


def _creator(data: BriefData) -> str:
    return f"Handover {data.version}".strip()


# Only for a browser: a readable column and a page break the way Qt makes one.
_SCREEN_CSS = """
body { max-width: 820px; margin: 24px auto; padding: 0px 16px; line-height: 1.35; }
h1.first, h1.part { margin-top: 40px; border-top: 1px solid #d5dbe3; padding-top: 16px; }
table.grid, table.tiles, table.layout, table.bar { width: 100%; }
td.bar { height: 8px; }
@media print { body { max-width: none; margin: 0px; } h1.first, h1.part { border: none; } }
"""


# ---------------------------------------------------------------- the cover


def _badge(css: str, text: str) -> str:
    return f'<span class="badge {css}">&nbsp;{e(text)}&nbsp;</span>'


def _cover(data: BriefData, for_print: bool) -> str:
    a = data.account
    h = data.handover
    sub = " \u00b7 ".join(x for x in (f"{a.segment.label} account", a.industry, a.region) if x)
    badges = [_badge(f"health-{a.health.value}", a.health.label.upper()),
              _badge("status", data.status_label)]
    if h.signoff_hash:
        badges.append(_badge("changed", "Changed since sign-off") if data.signoff.changed
                      else _badge("signed", "Signed off"))
    else:
        badges.append(_badge("unsigned", "Not signed off"))
    out = [
        f'<p class="overline">ACCOUNT HANDOVER BRIEF \u00b7 {e(day(data.today).upper())}</p>',
        f'<p class="cover-title">{e(a.name)}</p>',
        f'<p class="cover-sub">{e(sub)}</p>',
        f'<p class="badges">{"&nbsp; ".join(badges)}</p>',
    ]
    if a.health_reason.strip():
        out.append(f'<p class="reason">\u201c{e(a.health_reason.strip())}\u201d</p>')
    else:
        out.append('<p class="reason muted">No reason is given for the account\'s health.</p>')

    renewal = day(a.renewal_date) if a.renewal_date else "Not set"
    renewal_note = days_until(data.today, a.renewal_date) if a.renewal_date else ""
    tiles = [
        (data.money(a.current_revenue, compact=True), "Revenue now, a year"),
        (data.money(a.potential_revenue, compact=True), "Potential, a year"),
        (renewal, f"Renewal {renewal_note}".strip()),
        (data.money(data.concession_summary.live, compact=True),
         "Concessions in force, a year"),
    ]
    cells = "".join(f'<td class="tile" width="25%"><p class="tile-value">{e(v)}</p>'
                    f'<p class="tile-label">{e(label)}</p></td>' for v, label in tiles)
    out.append('<table class="tiles" width="100%" cellspacing="6" cellpadding="8">'
               f"<tr>{cells}</tr></table>")

    parties = [
        ("Outgoing manager", data.name(h.outgoing_id, "Not named")),
        ("Incoming manager", data.name(h.incoming_id, "Not named")),
        ("Reviewing team lead", data.name(h.reviewer_id, "Not named")),
        ("Account owner", data.name(a.owner_id, "Not named")),
        ("Handover started", day(h.created_on) if h.created_on else "Not recorded"),
        ("Handover due", _due(data)),
    ]
    left = f'<p class="cover-h">THE HANDOVER</p>{_pairs(parties)}'
    check = data.check
    counts = check.counts()
    found = []
    if counts["error"]:
        found.append(f'<span class="bad">{counts["error"]:,} to fix</span>')
    if counts["warning"]:
        found.append(f'<span class="warn">{counts["warning"]:,} to consider</span>')
    if not found:
        found.append('<span class="good">nothing to fix</span>')
    right = (f'<p class="cover-h">COMPLETENESS</p>'
             f'<p class="score">{check.score}%</p>{_score_bar(check.score)}'
             f'<p class="small">{check.passed:,} of {check.total:,} checks passed; '
             f'{", ".join(found)}.</p>')
    out.append('<table class="layout" width="100%" cellspacing="0" cellpadding="0"><tr>'
               f'<td class="column" width="54%">{left}</td><td width="4%"></td>'
               f'<td class="column" width="42%">{right}</td></tr></table>')

    out.append('<p class="cover-h">TO WATCH</p>')
    out.append(_watch_list(data))
    out.append('<p class="cover-h">SIGN-OFF</p>')
    out.append(_signoff_summary(data))
    out.append('<p class="cover-h">IN THIS BRIEF</p>')
    rows = []
    for number, title, heading, target in parts(data):
        if for_print:
            anchor = e(TOC_PREFIX + heading)
            text = e(title)
            page = f'<a name="{anchor}" style="text-decoration: none">&nbsp;</a>'
        else:
            text, page = f'<a href="#{target}">{e(title)}</a>', ""
        rows.append(f'<tr><td width="5%"><span class="num">{number}</span></td>'
                    f'<td width="83%">{text}</td><td width="12%" align="right">{page}</td></tr>')
    out.append(f'<table class="contents" width="70%" cellspacing="0">{"".join(rows)}</table>')
    return "\n".join(out)


def parts(data: BriefData) -> list[tuple[str, str, str, str]]:
    """The brief's parts as the contents list them: (number, title, the heading's text,
    its id in the HTML export)."""
    out = [(str(n), s.title, f"{n}. {s.title}", f"sec-{n}") for n, s in data.sections()]
    appendix = f"Appendix A. Every concession ({len(data.records.concessions):,})"
    out += [("", "Findings still open", "Findings still open", "findings"),
            ("", "Sign-off", "Sign-off", "signoff"),
            ("", "Appendix A. Every concession", appendix, "appendix-a")]
    return out


def _h1(heading_html: str, target: str, css: str, for_print: bool) -> str:
    # Anchors would split a heading's text into pieces in the PDF, so only the HTML export
    # (where the contents link to them) gets ids.
    where = "" if for_print else f' id="{target}"'
    klass = f' class="{css}"' if css else ""
    return f"<h1{klass}{where}>{heading_html}</h1>"


def _watch_list(data: BriefData) -> str:
    """The few facts a team lead asks about first, each only when it applies."""
    items: list[tuple[str, str]] = []  # (css, html)
    against = [c for c in data.contacts_by_weight() if c.influence >= 4
               and c.attitude is not None and c.attitude < 0]
    if against:
        names = "; ".join(f"{e(c.name)} ({e(c.title or c.buying_role.label)}, "
                          f"{e(ATTITUDE_WORDS[c.attitude].lower())})" for c in against[:4])
        more = f" and {len(against) - 4} more" if len(against) > 4 else ""
        items.append(("bad", f"{_count(len(against), 'influential person', 'influential people')}"
                             f" against us: {names}{more}."))
    ours, theirs = data.promises(Direction.OURS), data.promises(Direction.THEIRS)
    late_ours, late_theirs = data.overdue(ours), data.overdue(theirs)
    if ours or theirs:
        css = "bad" if late_ours else "warn" if late_theirs else "good"
        items.append((css, f"Promises open: {len(ours):,} of ours ({late_ours:,} overdue), "
                           f"{len(theirs):,} of theirs ({late_theirs:,} overdue)."))
    s = data.concession_summary
    if s.nothing or s.above_policy:
        parts = []
        if s.nothing:
            parts.append(f"{_count(s.nothing, 'concession')} given for nothing in return "
                         f"({e(data.money(s.nothing_value, compact=True))} a year)")
        if s.above_policy:
            parts.append(f"{s.above_policy:,} above the policy maximum of their day")
        items.append(("bad" if s.above_policy else "warn", "; ".join(parts) + "."))
    waiting = sum(not q.answered for q in data.questions)
    if data.questions:
        items.append(("warn" if waiting else "good",
                      f"{_count(len(data.questions), 'question')} asked, {waiting:,} "
                      "waiting for an answer."))
    if data.signoff.changed:
        items.append(("bad", "The handover or its records changed after sign-off."))
    if not items:
        return '<p class="good">Nothing stands out.</p>'
    rows = "".join(f'<tr><td width="3%"><span class="{css}">{DOT}</span></td>'
                   f"<td>{text}</td></tr>" for css, text in items)
    return f'<table class="pairs" width="100%" cellspacing="0">{rows}</table>'


def _due(data: BriefData) -> str:
    due = data.handover.due_date
    if due is None:
        return "No due date"
    text = day(due)
    if data.handover.status.value != "accepted" and due < data.today:
        return f"{text} ({days_until(data.today, due).replace(' ago', '')} overdue)"
    return text


def _pairs(rows: list[tuple[str, str]]) -> str:
    cells = "".join(f'<tr><td class="key">{e(k)}</td><td>{e(v)}</td></tr>' for k, v in rows)
    return f'<table class="pairs" cellspacing="0">{cells}</table>'


def _score_bar(score: int) -> str:
    colour = "#3a9a62" if score >= 90 else "#2f6fde" if score >= 60 else "#e6772e"
    cells = []
    if score > 0:
        cells.append(f'<td class="bar" width="{score}%" bgcolor="{colour}">&nbsp;</td>')
    if score < 100:
        cells.append(f'<td class="bar" width="{100 - score}%" bgcolor="#e3e8ef">&nbsp;</td>')
    return (f'<table class="bar" width="100%" cellspacing="0" cellpadding="0">'
            f'<tr>{"".join(cells)}</tr></table>')


def _signoff_summary(data: BriefData) -> str:
    h = data.handover
    if not h.signoff_hash:
        return (f'<p>Not signed off yet: the handover is {e(data.status_label.lower())}. It is '
                "signed off when the incoming manager accepts it.</p>")
    state = ('<span class="bad strong">The handover or its records changed after sign-off'
             '</span>; see \u201cSign-off\u201d at the end.' if data.signoff.changed else
             '<span class="good strong">Unchanged since sign-off.</span>')
    return (f"<p>Accepted and signed off by {e(data.signed_by or 'an unknown person')} on "
            f"{e(data.signed_at)}. {state}</p>"
            f'<p class="mono">SHA-256 {e(h.signoff_hash)}</p>')


# ---------------------------------------------------------------- the sections


def _section(data: BriefData, number: int, section: Section, charts, for_print) -> str:
    out = [_h1(f'<span class="num">{number}.</span> {e(section.title)}', f"sec-{number}",
               "first" if number == 1 else "", for_print)]
    for label, text, f in data.answered(section):
        out.append(f"<h3>{e(label)}</h3>")
        out.append(_answer(text, f))
    missing = data.unanswered(section)
    if missing:
        names = "; ".join(f"\u201c{f.label}\u201d" for f in missing)
        out.append(f'<p class="missing">Not answered yet: {e(names)}</p>')
    records = section.records
    if records == "account":
        out.append(_account_facts(data))
    elif records == "contacts":
        out.append(_people(data))
    elif records == "interactions":
        out.append(_history(data, charts, for_print))
    elif records == "concessions":
        out.append(_concessions(data, charts, for_print))
    elif records == "commitments":
        out.append(_promises(data))
    out.append(_questions(data, section))
    return "\n".join(out)


def _answer(text: str, f: Field | None) -> str:
    if f is not None and f.kind == "list":
        items = list_items(text)
        return note("\n".join(f"- {item}" for item in items))
    if f is not None and f.kind in ("text", "date"):
        return f"<p>{e(text.strip())}</p>"
    return note(text)


def _table(headers: list[tuple[str, str]], rows: list[str], css: str = "grid") -> str:
    """A table of records whose header row repeats on every page it spans; `headers` are
    (label, width) and `rows` the <tr>s."""
    head = "".join(f'<th width="{w}"{" class=right" if label.endswith(" ") else ""}>'
                   f"{e(label.strip())}</th>" for label, w in headers)
    return (f'<table class="{css}" width="100%" cellspacing="0" cellpadding="4">'
            f'<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')


def _tr(index: int, cells: list[str]) -> str:
    alt = ' class="alt" bgcolor="#f7f9fc"' if index % 2 else ""
    return f"<tr{alt}>{''.join(cells)}</tr>"


def _chart(key: str, charts, for_print: bool) -> str:
    image = charts.get(key)
    if image is None or key not in CHARTS:
        return ""
    width, height, alt = CHARTS[key]
    if for_print:
        src = CHART_URL.format(key)
    else:
        src = "data:image/png;base64," + base64.b64encode(png_bytes(image)).decode("ascii")
    return (f'<p class="chart"><img src="{e(src)}" width="{width}" height="{height}" '
            f'alt="{e(alt)}"></p>')


# ---- 1. the account


def _account_facts(data: BriefData) -> str:
    a = data.account
    ratio = (f" ({a.potential_revenue / a.current_revenue:.1f}\u00d7 today)"
             if a.current_revenue and a.potential_revenue else "")
    renewal = (f"{day(a.renewal_date)} ({days_until(data.today, a.renewal_date)})"
               if a.renewal_date else "Not set")
    rows = [
        ("Health", f"{a.health.label}: {a.health_reason.strip() or 'no reason given'}"),
        ("Segment", a.segment.label),
        ("Industry", a.industry or "\u2014"),
        ("Region", a.region or "\u2014"),
        ("Revenue now", f"{data.money(a.current_revenue)} a year"),
        ("Potential", f"{data.money(a.potential_revenue)} a year{ratio}"),
        ("Renewal", renewal),
        ("Owner", data.name(a.owner_id, "Not named")),
    ]
    return "<h2>The account on record</h2>" + _pairs(rows)


# ---- 3. people


def _dots(n: int) -> str:
    return (f'<span class="dots">{DOT * n}</span>'
            f'<span class="dots-off">{DOT * (5 - n)}</span>')


def _people(data: BriefData) -> str:
    contacts = data.contacts_by_weight()
    if not contacts:
        return '<h2>Stakeholders</h2><p class="missing">No stakeholders on record.</p>'
    rows = []
    for i, c in enumerate(contacts):
        last = data.last_contacts.get(c.id)
        if last is None:
            when = '<span class="warn">Never</span>'
        else:
            ago = (data.today - last).days
            css = "warn" if ago > 90 and c.influence >= 4 else "muted"
            when = f'{e(day(last))}<br><span class="{css} small">{e(_ago(ago))}</span>'
        attitude_css = {None: "muted"}.get(c.attitude, _SENTIMENT_CLASS.get(c.attitude, ""))
        rows.append(_tr(i, [
            f'<td><span class="strong">{e(c.name)}</span><br>'
            f'<span class="muted small">{e(c.title)}</span></td>',
            f"<td>{e(c.buying_role.label)}</td>",
            f'<td><span class="{attitude_css}">{e(ATTITUDE_WORDS.get(c.attitude, "Unknown"))}'
            f'</span> <span class="muted small">{e(signed(c.attitude))}</span></td>',
            f'<td>{_dots(c.influence)}<br><span class="muted small">'
            f'{e(INFLUENCE_WORDS.get(c.influence, ""))}</span></td>',
            f"<td>{e(STRENGTH_WORDS.get(c.relationship_strength, ''))}</td>",
            f"<td>{when}</td>",
        ]))
    out = [f"<h2>Stakeholders ({len(contacts)})</h2>", _table(
        [("Name", "24%"), ("Buying role", "15%"), ("Attitude", "14%"), ("Influence", "13%"),
         ("Relationship", "15%"), ("Last contact", "19%")], rows)]
    advice = [c for c in contacts if c.advice.strip() or c.notes.strip()]
    if advice:
        out.append("<h2>What to know about each</h2>")
        for c in advice:
            out.append(f'<h3>{e(c.name)} <span class="muted">\u00b7 {e(c.title)}</span></h3>')
            if c.advice.strip():
                out.append(f'<p><span class="strong">Advice:</span> {e(c.advice.strip())}</p>')
            if c.notes.strip():
                out.append(note(c.notes))
    return "\n".join(out)


def _count(n: int, noun: str, plural: str = "") -> str:
    """"1 error", "3 errors"."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def _ago(days: int) -> str:
    if days <= 0:
        return "today" if days == 0 else "in the future"
    return "yesterday" if days == 1 else f"{days:,} days ago"


# ---- 4. history


def _history(data: BriefData, charts, for_print) -> str:
    interactions = data.records.interactions
    out = [f"<h2>The relationship history ({len(interactions):,} events)</h2>"]
    span = data.history_span()
    if not span:
        out.append('<p class="missing">No events on record.</p>')
        return "\n".join(out)
    counts = ", ".join(_count(n, kind.lower(), _PLURALS.get(kind.lower(), ""))
                       for kind, n, _ in data.history_counts())
    out.append(f"<p>From {e(day(span[0]))} to {e(day(span[1]))}: {e(counts)}.</p>")
    out.append(_chart("sentiment", charts, for_print))
    shown, total = data.key_events
    if not shown:
        out.append('<p class="muted">No escalations, complaints, wins or losses, and no '
                   "event felt strongly either way.</p>")
        return "\n".join(out)
    more = (f"the newest {len(shown)} of {total:,}" if total > len(shown)
            else f"all {total:,}")
    out.append(f"<h2>Key events</h2><p class=\"note\">Escalations, complaints, wins, losses "
               f"and every event felt strongly either way: {more}, newest first.</p>")
    rows = []
    for i, event in enumerate(shown):
        who = data.contact_names(event.contact_ids)
        rows.append(_tr(i, [
            f"<td>{e(day(event.date))}</td>",
            f'<td>{e(event.kind.label)}<br><span class="{_SENTIMENT_CLASS[event.sentiment]} '
            f'small">{e(SENTIMENT_WORDS[event.sentiment])}</span></td>',
            f"<td>{e(who) or NONE}</td>",
            f"<td>{note(event.summary) or '<span class=muted>No summary</span>'}</td>",
        ]))
    out.append(_table([("Date", "13%"), ("Event", "16%"), ("Who", "17%"),
                       ("What happened", "54%")], rows))
    return "\n".join(out)


# ---- 5. concessions


def _concessions(data: BriefData, charts, for_print) -> str:
    s = data.concession_summary
    cs = data.records.concessions
    out = [f"<h2>Concessions on record ({s.count:,})</h2>"]
    if not cs:
        out.append('<p class="missing">No concessions on record.</p>')
        return "\n".join(out)
    median = percent(s.median_pct) or "\u2014"
    tiles = [
        (data.money(s.given, compact=True), "Given, a year, all concessions"),
        (data.money(s.live, compact=True), "Still in force today, a year"),
        (f"{s.nothing:,}", f"For nothing in return ({data.money(s.nothing_value, compact=True)}"
                           " a year)"),
        (median, "Median discount of price concessions"),
    ]
    cells = "".join(f'<td class="tile" width="25%"><p class="tile-value">{e(v)}</p>'
                    f'<p class="tile-label">{e(label)}</p></td>' for v, label in tiles)
    out.append('<table class="tiles" width="100%" cellspacing="6" cellpadding="8">'
               f"<tr>{cells}</tr></table>")
    out.append(f"<p>{_policy_position(data)}</p>")
    out.append(_chart("discounts", charts, for_print))

    tactics = data.tactics_seen()
    if tactics:
        rows = [_tr(i, [f"<td>{e(t.label)}</td>", f'<td class="right">{n:,}</td>',
                        f'<td class="right">{e(data.money(v))}</td>',
                        f'<td class="right">{100 * z / n:.0f}%</td>'])
                for i, (t, n, v, z) in enumerate(tactics)]
        out.append("<h2>Buyer tactics seen before concessions</h2>")
        out.append(_table([("Tactic", "46%"), ("Concessions ", "16%"),
                           ("Value a year ", "20%"), ("For nothing ", "18%")], rows))

    asks = data.next_asks()
    if asks:
        rows = [_tr(i, [f"<td>{e(text)}</td>", f'<td class="right">{n:,}</td>',
                        f"<td>{e(day(last))}</td>"]) for i, (text, n, last) in enumerate(asks)]
        out.append("<h2>What they will probably ask for next</h2>")
        out.append(_table([("As recorded with the concessions", "64%"), ("Times ", "14%"),
                           ("Last noted", "22%")], rows))
    largest = data.largest_live()
    if largest:
        out.append(f"<h2>The largest concessions in force today ({len(largest)} of "
                   f"{data.live_count():,})</h2>")
        out.append(_concession_table(data, largest))
    out.append(f'<p class="note">Every concession, with what was got in return, is listed in '
               f"Appendix A ({s.count:,}).</p>")
    return "\n".join(out)


def _concession_table(data: BriefData, concessions) -> str:
    rows = []
    for i, c in enumerate(concessions):
        what = f'<span class="strong">{e(c.kind.label)}</span>'
        terms = data.concession_terms(c)
        if terms:
            what += f"<br>{e(terms)}"
        if c.negotiation:
            what += f'<br><span class="muted">{e(c.negotiation)}</span>'
        why = e(c.trigger.label)
        if c.tactics:
            why += ('<br><span class="muted">'
                    + e(", ".join(sorted(t.label for t in c.tactics))) + "</span>")
        kind, got = data.in_return(c)
        if kind == "got":
            back = "<br>".join(
                f'{e(p.description)} <span class="{_STATUS_CLASS[p.status]}">'
                f"({e(p.status.label.lower())})</span>" for p in got)
        elif kind == "nothing":
            back = '<span class="bad strong">Nothing</span>'
        else:
            back = '<span class="warn">Not said</span>'
        more = data.concession_flags(c)
        granted = data.name(c.granted_by_id)
        if granted:
            approved = data.name(c.approved_by_id)
            more.append(f"By {granted}" + (f", approved by {approved}" if approved else ""))
        notes = note(c.notes) if c.notes.strip() else ""
        rows.append(_tr(i, [
            f"<td>{e(day(c.date))}</td>",
            f"<td>{what}</td>",
            f'<td class="right">{e(data.money(c.conceded_value))}</td>',
            f"<td>{why}</td>",
            f"<td>{back}</td>",
            f'<td><span class="muted">{e("; ".join(more))}</span>{notes}</td>',
        ]))
    return _table([("Date", "12%"), ("What", "17%"), ("Value a year ", "10%"), ("Why", "18%"),
                   ("In return", "19%"), ("Terms and notes", "24%")], rows, css="dense")


def _appendix(data: BriefData, for_print: bool) -> str:
    cs = data.records.concessions
    out = [_h1(f"Appendix A. Every concession ({len(cs):,})", "appendix-a", "part",
               for_print),
           f'<p class="note">Oldest first, in {e(data.account.currency)} a year. '
           "\u201cNothing\u201d is the explicit answer that nothing was got in return; "
           "\u201cNot said\u201d means the record does not say.</p>"]
    if not cs:
        out.append('<p class="missing">No concessions on record.</p>')
    else:
        out.append(_concession_table(data, cs))
    return "\n".join(out)


def _policy_position(data: BriefData) -> str:
    """Where the account stands against the discount policy, in a sentence or three."""
    s = data.concession_summary
    segment = data.account.segment.label.lower()
    if s.policy is None:
        return e(f"No discount policy is on record for {segment} accounts.") + _give_and_get(data)
    text = e(f"The policy for {segment} accounts today: a target of "
             f"{percent(s.policy.target_pct)} and at most {percent(s.policy.max_pct)}.")
    if s.median_pct is not None:
        css = ("bad" if s.median_pct > s.policy.max_pct else
               "warn" if s.median_pct > s.policy.target_pct else "good")
        text += (f' This account\'s median is <span class="{css} strong">'
                 f"{e(percent(s.median_pct))}</span>, its largest {e(percent(s.max_pct))}.")
    if s.above_policy:
        were = "s were" if s.above_policy != 1 else " was"
        text += (f' <span class="bad">{s.above_policy:,} concession{were} above the maximum '
                 "of their day.</span>")
    return text + _give_and_get(data)


def _give_and_get(data: BriefData) -> str:
    s = data.concession_summary
    parts = []
    if s.precedents:
        parts.append(f"{s.precedents:,} set a precedent")
    if s.recurring:
        parts.append(f"{s.recurring:,} come back or stay")
    if s.unsaid:
        parts.append(f'<span class="warn">{s.unsaid:,} do not say what was got in return</span>')
    return (" Of all concessions, " + ", ".join(parts) + ".") if parts else ""


# ---- 6. promises


def _promises(data: BriefData) -> str:
    out = []
    for direction, title in ((Direction.OURS, "What we owe the customer"),
                             (Direction.THEIRS, "What the customer owes us")):
        open_ = data.promises(direction)
        counts = data.promise_counts(direction)
        tally = ", ".join(f"{counts[s]:,} {s.label.lower()}" for s in CommitmentStatus
                          if counts[s])
        out.append(f"<h2>{e(title)} ({len(open_):,} open)</h2>")
        if tally:
            out.append(f'<p class="note">On record: {e(tally)}; '
                       f"{data.overdue(open_):,} of the open ones overdue.</p>")
        if not open_:
            out.append('<p class="muted">Nothing open.</p>')
            continue
        rows = []
        for i, p in enumerate(open_):
            if p.due_date is None:
                due = '<span class="bad">No due date</span>'
            elif p.is_overdue(data.today):
                due = (f'<span class="bad strong">{e(day(p.due_date))}</span><br>'
                       f'<span class="bad small">{(data.today - p.due_date).days:,} days '
                       "overdue</span>")
            else:
                due = (f"{e(day(p.due_date))}<br><span class=\"muted small\">"
                       f"{e(days_until(data.today, p.due_date))}</span>")
            who = " \u2192 ".join(x for x in (p.made_by, p.made_to) if x)
            value = f'<br><span class="muted small">{e(data.money(p.value))} a year</span>' \
                if p.value else ""
            rows.append(_tr(i, [
                f"<td>{e(p.description)}{value}</td>",
                f"<td>{e(who) or NONE}</td>",
                f"<td>{e(day(p.date)) if p.date else ''}</td>",
                f"<td>{due}</td>",
            ]))
        out.append(_table([("Promise", "46%"), ("Made by \u2192 to", "24%"), ("Made", "14%"),
                           ("Due", "16%")], rows))
    return "\n".join(out)


# ---- questions


def _questions(data: BriefData, section: Section) -> str:
    questions = data.questions_on(section)
    if not questions:
        return ""
    out = [f"<h2>Questions on this section ({len(questions)})</h2>"]
    for q in questions:
        asked = " \u00b7 ".join(x for x in (data.name(q.asked_by_id),
                                             day(q.asked_at.date()) if q.asked_at else "") if x)
        out.append(f'<p class="question"><span class="strong">Q.</span> {e(q.text)} '
                   f'<span class="muted small">{e(asked)}</span></p>')
        if q.answered:
            by = " \u00b7 ".join(x for x in (data.name(q.answered_by_id), day(
                q.answered_at.date()) if q.answered_at else "") if x)
            out.append(f'<p class="answer"><span class="strong">A.</span> {e(q.answer)} '
                       f'<span class="muted small">{e(by)}</span></p>')
        else:
            out.append('<p class="answer"><span class="warn strong">Waiting for an answer.'
                       "</span></p>")
    return "\n".join(out)


# ---------------------------------------------------------------- findings and sign-off


def _findings(data: BriefData, for_print: bool) -> str:
    findings = data.open_findings()
    out = [_h1("Findings still open", "findings", "part", for_print)]
    if not findings:
        out.append('<p class="good strong">The checker finds nothing to fix.</p>')
        return "\n".join(out)
    counts = data.check.counts()
    words = [_count(counts[s.value], _SEVERITY_WORDS[s].lower()) for s in Severity
             if counts[s.value]]
    out.append(f"<p>The checker's findings as of {e(day(data.today))}: {e(', '.join(words))}. "
               f"Completeness {data.check.score}%.</p>")
    rows = [_tr(i, [
        f'<td class="sev-{f.severity.value}">{e(_SEVERITY_WORDS[f.severity])}</td>',
        f"<td>{e(data.section_title(f.section_key))}</td>",
        f"<td>{e(f.message)}</td>",
    ]) for i, f in enumerate(findings)]
    out.append(_table([("Severity", "11%"), ("Section", "25%"), ("What to do", "64%")], rows))
    return "\n".join(out)


def _signoff(data: BriefData, for_print: bool) -> str:
    h = data.handover
    out = [_h1("Sign-off", "signoff", "", for_print)]
    parties = [("Outgoing manager", data.name(h.outgoing_id, "Not named")),
               ("Incoming manager", data.name(h.incoming_id, "Not named")),
               ("Reviewing team lead", data.name(h.reviewer_id, "Not named")),
               ("Status", data.status_label)]
    out.append(_pairs(parties))
    if not h.signoff_hash:
        out.append(f"<p>Not signed off yet: the handover is {e(data.status_label.lower())}. "
                   "When the incoming manager accepts it, the handover and every record it "
                   "covers are sealed with a SHA-256 hash, and any later change shows.</p>")
        return "\n".join(out)
    out.append(f"<p>Accepted and signed off by <span class=\"strong\">"
               f"{e(data.signed_by or 'an unknown person')}</span> on {e(data.signed_at)}. "
               "The SHA-256 hash below seals the handover and every record it covers "
               "(the account, its stakeholders, history, concessions, promises and the "
               "questions asked):</p>")
    out.append(f'<p class="hash">{e(h.signoff_hash)}</p>')
    if not data.signoff.changed:
        out.append('<p class="good strong">Unchanged since sign-off: what this brief shows '
                   "still hashes to the value above.</p>")
        return "\n".join(out)
    out.append('<p class="bad strong">Changed since sign-off: what this brief shows no longer '
               "hashes to the value above.</p>")
    changes = data.signoff.changes
    items = "".join(f"<li>{e(line)}</li>" for line in changes[:CHANGES_SHOWN])
    out.append(f"<ul>{items}</ul>")
    if len(changes) > CHANGES_SHOWN:
        out.append(f'<p class="muted">\u2026 and {len(changes) - CHANGES_SHOWN:,} more '
                   "changes.</p>")
    return "\n".join(out)
