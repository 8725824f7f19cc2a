"""The brief as a Markdown file: the same content as the HTML and PDF briefs, readable as plain
text and in any Markdown viewer (tables as GitHub-flavoured pipe tables).

What people wrote in Markdown (the answers, notes, summaries) goes through the one sanitising
renderer the screens and the HTML brief use, and is written back as Markdown from its
sanitised HTML (`note`): so the file holds only the constructs that renderer lets through,
never raw HTML, an image or a link other than a percent-encoded http, https or mailto one,
whatever viewer a reader opens it with. Its headings sit below the brief's own. Everything
else is escaped so that a name with a "|", a "*" or a "<" cannot break a table, the emphasis
around it, or out into HTML."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from handover.brief.data import PROMISE_SIDES, BriefData, days_until, percent, signed
from handover.brief.markdown import render_markdown
from handover.domain.checker import Severity, day
from handover.domain.template import Field, Section, list_items
from handover.domain.words import ATTITUDE_WORDS, INFLUENCE_WORDS, SENTIMENT_WORDS, STRENGTH_WORDS

NOTE_HEADING = 4  # a "#" in a note becomes "####": below the brief's own headings
_SPECIAL = re.compile(r"([\\`*_\[\]>|#])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
# What would start a list, a quote or a heading at the start of a line of plain text.
_LINE_START = re.compile(r"^([ ]*)(?:([-+])(?=\s|$)|(\d+)(?=[.)]))", re.MULTILINE)


def _line_starts(text: str) -> str:
    return _LINE_START.sub(lambda m: m.group(1) + (f"\\{m.group(2)}" if m.group(2)
                                                   else f"{m.group(3)}\\"), text)


def _escape(text: str) -> str:
    # "<" as an entity, not "\<": not every Markdown renderer honours the backslash there.
    text = _ENTITY.sub("&amp;", text).replace("<", "&lt;")
    return _SPECIAL.sub(r"\\\1", text)


def esc(text: object) -> str:
    """Plain text that reads the same in Markdown: its special characters escaped."""
    return _line_starts(_escape(" ".join(str(text).split())))


def cell(text: object) -> str:
    """Plain text for a table cell: on one line, nothing in it read as Markdown or HTML."""
    return esc(text)


def note(text: str) -> str:
    """A note as Markdown again, from the sanitised HTML the screens show for it."""
    return _Markdown.of(render_markdown(text, top_heading=NOTE_HEADING))


def note_cell(text: str) -> str:
    """A note on one line, for a table cell."""
    return " ".join(note(text).split())


class _Element:
    __slots__ = ("tag", "attrs", "children")

    def __init__(self, tag: str, attrs: dict[str, str | None]):
        self.tag, self.attrs = tag, attrs
        self.children: list[_Element | str] = []


_VOID = frozenset({"br", "hr"})
_BLOCK_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote",
                         "pre", "table", "hr"})
_INLINE_MARKS = {"strong": "**", "b": "**", "em": "*", "i": "*", "del": "~~"}
_ALIGN_RULES = {"left": ":---", "right": "---:", "center": ":---:"}


class _Markdown(HTMLParser):
    """Markdown written from the renderer's sanitised HTML: it knows only the tags that
    renderer allows, and anything else would be written as its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Element("", {})
        self._open = [self.root]

    @classmethod
    def of(cls, html: str) -> str:
        parser = cls()
        parser.feed(html)
        parser.close()
        return "\n\n".join(parser._blocks(parser.root.children)).strip("\n")

    def handle_starttag(self, tag, attrs):
        element = _Element(tag, dict(attrs))
        self._open[-1].children.append(element)
        if tag not in _VOID:
            self._open.append(element)

    def handle_endtag(self, tag):
        for depth in range(len(self._open) - 1, 0, -1):
            if self._open[depth].tag == tag:
                del self._open[depth:]
                return

    def handle_data(self, data):
        self._open[-1].children.append(data)

    # ---- blocks

    def _blocks(self, children) -> list[str]:
        out, inline = [], []
        for child in children:
            if isinstance(child, _Element) and child.tag in _BLOCK_TAGS:
                if inline:
                    out.append(self._inline(inline))
                    inline = []
                out.append(self._block(child))
            else:
                inline.append(child)
        if inline:
            out.append(self._inline(inline))
        return [block for block in out if block.strip()]

    def _block(self, e: _Element) -> str:
        if e.tag == "p":
            return self._inline(e.children)
        if e.tag[0] == "h" and e.tag[1:].isdigit():
            return "#" * int(e.tag[1:]) + " " + " ".join(self._inline(e.children).split())
        if e.tag == "hr":
            return "---"
        if e.tag == "pre":
            # Indented, not fenced: every Markdown reader takes four spaces as code, while a
            # reader without fenced code (python-markdown's default) would read the lines
            # between fences as raw HTML.
            code = _text_of(e).rstrip("\n")
            return "\n".join(f"    {line}" if line.strip() else "" for line in code.split("\n"))
        if e.tag == "blockquote":
            inner = "\n\n".join(self._blocks(e.children))
            return "\n".join(f"> {line}".rstrip() for line in inner.split("\n"))
        if e.tag in ("ul", "ol"):
            return self._list(e)
        if e.tag == "table":
            return self._table(e)
        return self._inline(e.children)

    def _list(self, e: _Element) -> str:
        items = [c for c in e.children if isinstance(c, _Element) and c.tag == "li"]
        start = int(e.attrs.get("start") or 1) if e.tag == "ol" else 0
        loose = any(isinstance(c, _Element) and c.tag == "p" for li in items
                    for c in li.children)
        out = []
        for number, li in enumerate(items, start=start):
            marker = f"{number}. " if e.tag == "ol" else "- "
            body = ("\n\n" if loose else "\n").join(self._blocks(li.children)) or ""
            lines = body.split("\n")
            out.append(marker + "\n".join(
                [lines[0]] + [(" " * len(marker) + line) if line else "" for line in lines[1:]]))
        return ("\n\n" if loose else "\n").join(out)

    def _table(self, e: _Element) -> str:
        rows = [r for r in _descendants(e) if r.tag == "tr"]
        if not rows:
            return ""
        grid = [[c for c in r.children if isinstance(c, _Element) and c.tag in ("th", "td")]
                for r in rows]
        width = max(len(r) for r in grid)
        lines = []
        for index, row in enumerate(grid):
            cells = [" ".join(self._inline(c.children).split()) for c in row]
            cells += [""] * (width - len(cells))
            lines.append("| " + " | ".join(cells) + " |")
            if index == 0:
                rules = [_ALIGN_RULES.get(c.attrs.get("align") or "", "---") for c in row]
                rules += ["---"] * (width - len(rules))
                lines.append("| " + " | ".join(rules) + " |")
        return "\n".join(lines)

    # ---- inline

    def _inline(self, children) -> str:
        parts = []
        for child in children:
            if isinstance(child, str):
                parts.append(_escape(re.sub(r"\s+", " ", child)))
            elif child.tag == "br":
                parts.append("  \n")
            elif child.tag in _INLINE_MARKS:
                mark = _INLINE_MARKS[child.tag]
                inner = self._inline(child.children).strip()
                parts.append(f"{mark}{inner}{mark}" if inner else "")
            elif child.tag == "code":
                code = _text_of(child).replace("\n", " ")
                ticks = "`" * (_longest_run(code, "`") + 1)
                pad = " " if code.startswith("`") or code.endswith("`") else ""
                parts.append(f"{ticks}{pad}{code}{pad}{ticks}")
            elif child.tag == "a":
                words = self._inline(child.children)
                href = child.attrs.get("href")
                parts.append(f"[{words}]({href})" if href else words)
            elif child.tag in _BLOCK_TAGS:
                parts.append(" ".join(self._block(child).split()))
            else:
                parts.append(self._inline(child.children))
        text = "".join(parts)
        lines = [line.lstrip(" ") for line in text.split("\n")]
        return _line_starts("\n".join(lines).strip(" "))


def _descendants(e: _Element):
    for child in e.children:
        if isinstance(child, _Element):
            yield child
            yield from _descendants(child)


def _text_of(e: _Element) -> str:
    return "".join(c if isinstance(c, str) else _text_of(c) for c in e.children)


def _longest_run(text: str, char: str) -> int:
    runs = re.findall(re.escape(char) + "+", text)
    return max((len(r) for r in runs), default=0)


def _table(headers: list[str], rows: list[list[str]], right: frozenset[int] = frozenset()
           ) -> str:
    rule = ["---:" if i in right else "---" for i in range(len(headers))]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def build_brief_markdown(data: BriefData) -> str:
    """The brief as Markdown text."""
    parts = [_cover(data)]
    for number, section in data.sections():
        parts.append(_section(data, number, section))
    parts += [_findings(data), _signoff(data), _appendix(data)]
    return "\n\n".join(p for p in parts if p).rstrip() + "\n"


# ---------------------------------------------------------------- the cover


def _cover(data: BriefData) -> str:
    a, h = data.account, data.handover
    sub = " \u00b7 ".join(x for x in (f"{a.segment.label} account", a.industry, a.region) if x)
    check = data.check
    counts = check.counts()
    signoff = ("Not signed off" if not h.signoff_hash else
               "Changed since sign-off" if data.signoff.changed else "Signed off")
    out = [f"# {esc(data.title)}", "",
           f"{esc(sub)}  ", f"Brief of {day(data.today)}", "",
           f"**Health: {esc(a.health.label)}** \u2014 "
           f"{esc(a.health_reason.strip() or 'no reason given')}  ",
           f"**Status: {esc(data.status_label)}** \u00b7 {signoff} \u00b7 "
           f"**Completeness {check.score}%** ({check.passed:,} of {check.total:,} checks "
           f"passed; {counts['error']} to fix, {counts['warning']} to consider)", ""]
    renewal = (f"{day(a.renewal_date)} ({days_until(data.today, a.renewal_date)})"
               if a.renewal_date else "Not set")
    rows = [
        ["Outgoing manager", cell(data.name(h.outgoing_id, "Not named"))],
        ["Incoming manager", cell(data.name(h.incoming_id, "Not named"))],
        ["Reviewing team lead", cell(data.name(h.reviewer_id, "Not named"))],
        ["Handover due", cell(day(h.due_date) if h.due_date else "No due date")],
        ["Revenue now", cell(f"{data.money(a.current_revenue)} a year")],
        ["Potential", cell(f"{data.money(a.potential_revenue)} a year")],
        ["Renewal", cell(renewal)],
        ["Concessions in force", cell(f"{data.money(data.concession_summary.live)} a year")],
    ]
    out.append(_table(["", ""], rows))
    if h.signoff_hash:
        out += ["", f"Signed off by {esc(data.signed_by or 'an unknown person')} on "
                    f"{esc(data.signed_at)}; SHA-256 `{h.signoff_hash}`."]
    return "\n".join(out)


# ---------------------------------------------------------------- the sections


def _section(data: BriefData, number: int, section: Section) -> str:
    out = [f"## {number}. {esc(section.title)}"]
    for label, text, f in data.answered(section):
        out += [f"### {esc(label)}", _answer(text, f)]
    missing = data.unanswered(section)
    if missing:
        names = "; ".join(f"\u201c{f.label}\u201d" for f in missing)
        out.append(f"_Not answered yet: {esc(names)}_")
    records = {"account": _account, "contacts": _people, "interactions": _history,
               "concessions": _concessions, "commitments": _promises}.get(section.records)
    if records:
        out.append(records(data))
    questions = data.questions_on(section)
    if questions:
        out.append(f"### Questions on this section ({len(questions)})")
        for q in questions:
            asked = " \u00b7 ".join(x for x in (
                data.name(q.asked_by_id), day(q.asked_at.date()) if q.asked_at else "") if x)
            answer = (f"  \n  **A.** {esc(q.answer)}" if q.answered
                      else "  \n  **Waiting for an answer.**")
            out.append(f"- **Q.** {esc(q.text)} _({esc(asked)})_{answer}")
    return "\n\n".join(out)


def _answer(text: str, f: Field | None) -> str:
    if f is not None and f.kind == "list":
        return note("\n".join(f"- {item}" for item in list_items(text)))
    if f is not None and f.kind in ("text", "date"):
        return esc(text.strip())
    return note(text)


def _account(data: BriefData) -> str:
    a = data.account
    rows = [["Health", cell(f"{a.health.label}: {a.health_reason.strip() or 'no reason given'}")],
            ["Segment", cell(a.segment.label)], ["Industry", cell(a.industry or "\u2014")],
            ["Region", cell(a.region or "\u2014")],
            ["Revenue now", cell(f"{data.money(a.current_revenue)} a year")],
            ["Potential", cell(f"{data.money(a.potential_revenue)} a year")],
            ["Renewal", cell(day(a.renewal_date) if a.renewal_date else "Not set")],
            ["Owner", cell(data.name(a.owner_id, "Not named"))]]
    return "### The account on record\n\n" + _table(["", ""], rows)


def _people(data: BriefData) -> str:
    contacts = data.contacts_by_weight()
    if not contacts:
        return "### Stakeholders\n\n_No stakeholders on record._"
    rows = []
    for c in contacts:
        last = data.last_contacts.get(c.id)
        rows.append([cell(c.name), cell(c.title), cell(c.buying_role.label),
                     cell(f"{ATTITUDE_WORDS.get(c.attitude, 'Unknown')} ({signed(c.attitude)})"),
                     cell(f"{c.influence}/5 {INFLUENCE_WORDS.get(c.influence, '')}"),
                     cell(STRENGTH_WORDS.get(c.relationship_strength, "")),
                     cell(day(last) if last else "Never")])
    out = [f"### Stakeholders ({len(contacts)})",
           _table(["Name", "Title", "Buying role", "Attitude", "Influence", "Relationship",
                   "Last contact"], rows)]
    advice = [c for c in contacts if c.advice.strip() or c.notes.strip()]
    if advice:
        out.append("### What to know about each")
        for c in advice:
            out.append(f"#### {esc(c.name)}" + (f" \u00b7 {esc(c.title)}" if c.title else ""))
            if c.advice.strip():
                out.append(f"**Advice:** {esc(c.advice)}")
            if c.notes.strip():
                out.append(note(c.notes))
    return "\n\n".join(out)


def _history(data: BriefData) -> str:
    interactions = data.records.interactions
    out = [f"### The relationship history ({len(interactions):,} events)"]
    span = data.history_span()
    if not span:
        return out[0] + "\n\n_No events on record._"
    counts = ", ".join(f"{n:,} \u00d7 {kind.lower()}" for kind, n, _ in data.history_counts())
    out.append(f"From {day(span[0])} to {day(span[1])}: {esc(counts)}.")
    shown, total = data.key_events
    if shown:
        more = f"the newest {len(shown)} of {total:,}" if total > len(shown) else f"all {total:,}"
        out.append(f"### Key events\n\nEscalations, complaints, wins, losses and every event "
                   f"felt strongly either way: {more}, newest first.")
        rows = [[cell(day(i.date)), cell(f"{i.kind.label} ({SENTIMENT_WORDS[i.sentiment]})"),
                 cell(data.contact_names(i.contact_ids) or "\u2014"), note_cell(i.summary)]
                for i in shown]
        out.append(_table(["Date", "Event", "Who", "What happened"], rows))
    return "\n\n".join(out)


def _concessions(data: BriefData) -> str:
    s = data.concession_summary
    out = [f"### Concessions on record ({s.count:,})"]
    if not s.count:
        return out[0] + "\n\n_No concessions on record._"
    facts = [f"Given: {data.money(s.given)} a year in all; {data.money(s.live)} a year still "
             "in force today.",
             f"For nothing in return: {s.nothing:,} ({data.money(s.nothing_value)} a year); "
             f"{s.unsaid:,} do not say what was got.",
             f"Set a precedent: {s.precedents:,}; come back or stay: {s.recurring:,}."]
    if data.reciprocity_words():
        facts.append(data.reciprocity_words())
    if s.median_pct is not None:
        facts.append(f"Median discount of price concessions {percent(s.median_pct)}, largest "
                     f"{percent(s.max_pct)}.")
    if s.policy is not None:
        facts.append(f"Policy for {data.account.segment.label.lower()} accounts today: target "
                     f"{percent(s.policy.target_pct)}, maximum {percent(s.policy.max_pct)}; "
                     f"{s.above_policy:,} concessions were above the maximum of their day.")
    out.append("\n".join(f"- {esc(f)}" for f in facts))
    tactics = data.tactics_seen()
    if tactics:
        out.append("### Buyer tactics seen before concessions")
        out.append(_table(["Tactic", "Concessions", "Value a year", "For nothing"],
                          [[cell(t.label), f"{n:,}", cell(data.money(v)), f"{100 * z / n:.0f}%"]
                           for t, n, v, z in tactics], right=frozenset({1, 2, 3})))
    asks = data.next_asks()
    if asks:
        out.append("### What they will probably ask for next")
        out.append(_table(["As recorded with the concessions", "Times", "Last noted"],
                          [[cell(text), f"{n:,}", cell(day(last))] for text, n, last in asks],
                          right=frozenset({1})))
    largest = data.largest_live()
    if largest:
        out.append(f"### The largest concessions in force today ({len(largest)} of "
                   f"{data.live_count():,})")
        out.append(_concession_table(data, largest))
    out.append(f"Every concession is listed in Appendix A ({s.count:,}).")
    return "\n\n".join(out)


def _concession_table(data: BriefData, concessions) -> str:
    rows = []
    for c in concessions:
        kind, got = data.in_return(c)
        back = ("; ".join(f"{p.description} ({p.status.label.lower()})" for p in got)
                if kind == "got" else "**Nothing**" if kind == "nothing" else "Not said")
        why = c.trigger.label + (f" ({', '.join(sorted(t.label for t in c.tactics))})"
                                 if c.tactics else "")
        more = cell("; ".join(data.concession_flags(c)))
        if c.notes.strip():
            more = f"{more} {note_cell(c.notes)}".strip()
        rows.append([cell(day(c.date)), cell(" \u00b7 ".join(x for x in (
            c.kind.label, data.concession_terms(c), c.negotiation) if x)),
            cell(data.money(c.conceded_value)), cell(why), cell(back) if kind != "nothing"
            else back, more])
    return _table(["Date", "What", "Value a year", "Why", "In return", "Terms and notes"],
                  rows, right=frozenset({2}))


def _promises(data: BriefData) -> str:
    out = []
    for direction, title in PROMISE_SIDES:
        open_ = data.promises(direction)
        tally = data.promise_tally(direction)
        out.append(f"### {title} ({len(open_):,} open)")
        if tally:
            out.append(f"On record: {tally}; {data.overdue(open_):,} of the open ones overdue.")
        if not open_:
            out.append("_Nothing open._")
            continue
        rows = []
        for p in open_:
            if p.due_date is None:
                due = "**No due date**"
            elif p.is_overdue(data.today):
                due = f"**{day(p.due_date)}, {(data.today - p.due_date).days:,} days overdue**"
            else:
                due = f"{day(p.due_date)} ({days_until(data.today, p.due_date)})"
            rows.append([cell(p.description), cell(" \u2192 ".join(
                x for x in (p.made_by, p.made_to) if x) or "\u2014"),
                cell(day(p.date) if p.date else ""), due])
        out.append(_table(["Promise", "Made by \u2192 to", "Made", "Due"], rows))
    return "\n\n".join(out)


# ---------------------------------------------------------------- findings, sign-off, appendix


_SEVERITY_WORDS = {Severity.ERROR: "Error", Severity.WARNING: "Warning", Severity.INFO: "Info"}


def _findings(data: BriefData) -> str:
    findings = data.open_findings()
    out = ["## Findings still open"]
    if not findings:
        return out[0] + "\n\nThe checker finds nothing to fix."
    out.append(f"As of {day(data.today)}; completeness {data.check.score}%.")
    out.append(_table(["Severity", "Section", "What to do"], [
        [_SEVERITY_WORDS[f.severity], cell(data.section_title(f.section_key)), cell(f.message)]
        for f in findings]))
    return "\n\n".join(out)


def _signoff(data: BriefData) -> str:
    h = data.handover
    out = ["## Sign-off"]
    if not h.signoff_hash:
        out.append(f"Not signed off yet: the handover is {data.status_label.lower()}.")
        return "\n\n".join(out)
    out.append(f"Accepted and signed off by {esc(data.signed_by or 'an unknown person')} on "
               f"{esc(data.signed_at)}. SHA-256 of the handover and every record it covers:")
    out.append(f"`{h.signoff_hash}`")
    if not data.signoff.changed:
        out.append("Unchanged since sign-off.")
    else:
        out.append("**Changed since sign-off:**")
        out.append("\n".join(f"- {esc(line)}" for line in data.signoff.changes))
    return "\n\n".join(out)


def _appendix(data: BriefData) -> str:
    cs = data.records.concessions
    out = [f"## Appendix A. Every concession ({len(cs):,})"]
    if not cs:
        return out[0] + "\n\n_No concessions on record._"
    out.append(f"Oldest first, in {data.account.currency} a year.")
    out.append(_concession_table(data, cs))
    return "\n\n".join(out)
