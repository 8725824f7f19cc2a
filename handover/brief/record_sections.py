"""The records a section of the brief covers, as HTML: the account, its people, history,
concessions (and the appendix that lists them all), promises and the questions asked."""

from __future__ import annotations

from handover.brief.data import PROMISE_SIDES, BriefData, days_until, percent, signed
from handover.brief.markup import (
    NONE,
    chart_image,
    count_of,
    days_ago,
    dots,
    e,
    note,
    pairs_table,
    part_heading,
    record_table,
    table_row,
)
from handover.domain.checker import day
from handover.domain.records import CommitmentStatus
from handover.domain.template import Section
from handover.domain.words import ATTITUDE_WORDS, INFLUENCE_WORDS, SENTIMENT_WORDS, STRENGTH_WORDS

_STATUS_CLASS = {CommitmentStatus.OPEN: "", CommitmentStatus.KEPT: "good",
                 CommitmentStatus.BROKEN: "bad", CommitmentStatus.WITHDRAWN: "muted"}
_PLURALS = {"loss": "losses", "other": "other", "email": "e-mails"}
_SENTIMENT_CLASS = {-2: "s-m2", -1: "s-m1", 0: "s-0", 1: "s-p1", 2: "s-p2"}


def account_facts_html(data: BriefData) -> str:
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
    return "<h2>The account on record</h2>" + pairs_table(rows)


def people_html(data: BriefData) -> str:
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
            when = f'{e(day(last))}<br><span class="{css} small">{e(days_ago(ago))}</span>'
        attitude_css = {None: "muted"}.get(c.attitude, _SENTIMENT_CLASS.get(c.attitude, ""))
        rows.append(table_row(i, [
            f'<td><span class="strong">{e(c.name)}</span><br>'
            f'<span class="muted small">{e(c.title)}</span></td>',
            f"<td>{e(c.buying_role.label)}</td>",
            f'<td><span class="{attitude_css}">{e(ATTITUDE_WORDS.get(c.attitude, "Unknown"))}'
            f'</span> <span class="muted small">{e(signed(c.attitude))}</span></td>',
            f'<td>{dots(c.influence)}<br><span class="muted small">'
            f'{e(INFLUENCE_WORDS.get(c.influence, ""))}</span></td>',
            f"<td>{e(STRENGTH_WORDS.get(c.relationship_strength, ''))}</td>",
            f"<td>{when}</td>",
        ]))
    out = [f"<h2>Stakeholders ({len(contacts)})</h2>", record_table(
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


def history_html(data: BriefData, charts, for_print) -> str:
    interactions = data.records.interactions
    out = [f"<h2>The relationship history ({len(interactions):,} events)</h2>"]
    span = data.history_span()
    if not span:
        out.append('<p class="missing">No events on record.</p>')
        return "\n".join(out)
    counts = ", ".join(count_of(n, kind.lower(), _PLURALS.get(kind.lower(), ""))
                       for kind, n, _ in data.history_counts())
    out.append(f"<p>From {e(day(span[0]))} to {e(day(span[1]))}: {e(counts)}.</p>")
    out.append(chart_image("sentiment", charts, for_print))
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
        rows.append(table_row(i, [
            f"<td>{e(day(event.date))}</td>",
            f'<td>{e(event.kind.label)}<br><span class="{_SENTIMENT_CLASS[event.sentiment]} '
            f'small">{e(SENTIMENT_WORDS[event.sentiment])}</span></td>',
            f"<td>{e(who) or NONE}</td>",
            f"<td>{note(event.summary) or '<span class=muted>No summary</span>'}</td>",
        ]))
    out.append(record_table([("Date", "13%"), ("Event", "16%"), ("Who", "17%"),
                       ("What happened", "54%")], rows))
    return "\n".join(out)


def concessions_html(data: BriefData, charts, for_print) -> str:
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
    out.append(chart_image("discounts", charts, for_print))

    tactics = data.tactics_seen()
    if tactics:
        rows = [table_row(i, [f"<td>{e(t.label)}</td>", f'<td class="right">{n:,}</td>',
                        f'<td class="right">{e(data.money(v))}</td>',
                        f'<td class="right">{100 * z / n:.0f}%</td>'])
                for i, (t, n, v, z) in enumerate(tactics)]
        out.append("<h2>Buyer tactics seen before concessions</h2>")
        out.append(record_table([("Tactic", "46%"), ("Concessions ", "16%"),
                           ("Value a year ", "20%"), ("For nothing ", "18%")], rows))

    asks = data.next_asks()
    if asks:
        rows = [table_row(i, [f"<td>{e(text)}</td>", f'<td class="right">{n:,}</td>',
                        f"<td>{e(day(last))}</td>"]) for i, (text, n, last) in enumerate(asks)]
        out.append("<h2>What they will probably ask for next</h2>")
        out.append(record_table([("As recorded with the concessions", "64%"), ("Times ", "14%"),
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
        rows.append(table_row(i, [
            f"<td>{e(day(c.date))}</td>",
            f"<td>{what}</td>",
            f'<td class="right">{e(data.money(c.conceded_value))}</td>',
            f"<td>{why}</td>",
            f"<td>{back}</td>",
            f'<td><span class="muted">{e("; ".join(more))}</span>{notes}</td>',
        ]))
    return record_table([("Date", "12%"), ("What", "17%"), ("Value a year ", "10%"), ("Why", "18%"),
                   ("In return", "19%"), ("Terms and notes", "24%")], rows, css="dense")


def appendix_html(data: BriefData, for_print: bool) -> str:
    cs = data.records.concessions
    out = [part_heading(f"Appendix A. Every concession ({len(cs):,})", "appendix-a", "part",
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
    text = (" Of all concessions, " + ", ".join(parts) + ".") if parts else ""
    words = data.reciprocity_words()
    if words:
        low = s.reciprocity.reciprocity < 1
        text += f' <span class="bad">{e(words)}</span>' if low else f" {e(words)}"
    return text


def promises_html(data: BriefData) -> str:
    out = []
    for direction, title in PROMISE_SIDES:
        open_ = data.promises(direction)
        tally = data.promise_tally(direction)
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
            rows.append(table_row(i, [
                f"<td>{e(p.description)}{value}</td>",
                f"<td>{e(who) or NONE}</td>",
                f"<td>{e(day(p.date)) if p.date else ''}</td>",
                f"<td>{due}</td>",
            ]))
        out.append(record_table([("Promise", "46%"), ("Made by \u2192 to", "24%"), ("Made", "14%"),
                           ("Due", "16%")], rows))
    return "\n".join(out)


def questions_html(data: BriefData, section: Section) -> str:
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
