"""The brief's cover: the account at a glance, the handover's people and completeness, what
to watch, the sign-off in a sentence and the contents."""

from __future__ import annotations

from handover.brief.data import BriefData, days_until
from handover.brief.markup import DOT, TOC_PREFIX, badge, count_of, e, pairs_table
from handover.domain.checker import day
from handover.domain.records import Direction
from handover.domain.words import ATTITUDE_WORDS


def cover_html(data: BriefData, for_print: bool) -> str:
    a = data.account
    h = data.handover
    sub = " \u00b7 ".join(x for x in (f"{a.segment.label} account", a.industry, a.region) if x)
    badges = [badge(f"health-{a.health.value}", a.health.label.upper()),
              badge("status", data.status_label)]
    if h.signoff_hash:
        badges.append(badge("changed", "Changed since sign-off") if data.signoff.changed
                      else badge("signed", "Signed off"))
    else:
        badges.append(badge("unsigned", "Not signed off"))
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
    left = f'<p class="cover-h">THE HANDOVER</p>{pairs_table(parties)}'
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


def _watch_list(data: BriefData) -> str:
    """The few facts a team lead asks about first, each only when it applies."""
    items: list[tuple[str, str]] = []  # (css, html)
    against = [c for c in data.contacts_by_weight() if c.influence >= 4
               and c.attitude is not None and c.attitude < 0]
    if against:
        names = "; ".join(f"{e(c.name)} ({e(c.title or c.buying_role.label)}, "
                          f"{e(ATTITUDE_WORDS[c.attitude].lower())})" for c in against[:4])
        more = f" and {len(against) - 4} more" if len(against) > 4 else ""
        items.append(("bad", f"{count_of(len(against), 'influential person', 'influential people')}"
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
            parts.append(f"{count_of(s.nothing, 'concession')} given for nothing in return "
                         f"({e(data.money(s.nothing_value, compact=True))} a year)")
        if s.above_policy:
            parts.append(f"{s.above_policy:,} above the policy maximum of their day")
        items.append(("bad" if s.above_policy else "warn", "; ".join(parts) + "."))
    waiting = sum(not q.answered for q in data.questions)
    if data.questions:
        items.append(("warn" if waiting else "good",
                      f"{count_of(len(data.questions), 'question')} asked, {waiting:,} "
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
