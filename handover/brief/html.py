"""The brief as one HTML document: a cover, every section of the template with the records it
covers, the findings still open and the sign-off, from BriefData.

The same HTML feeds the PDF (Qt's text engine, `for_print=True`: charts are named resources
that the PDF code supplies) and the HTML export (`for_print=False`: a standalone file with the
stylesheet inlined and the charts as data: URIs). Everything a person typed is either escaped
or, for Markdown notes, rendered by the one sanitising renderer the screens use; nothing in
the document can run or make a reader fetch anything."""

from __future__ import annotations

from PySide6.QtGui import QImage

from handover.brief.cover import cover_html
from handover.brief.data import BriefData
from handover.brief.markup import (
    count_of,
    e,
    note,
    pairs_table,
    part_heading,
    record_table,
    stylesheet,
    table_row,
)
from handover.brief.record_sections import (
    account_facts_html,
    appendix_html,
    concessions_html,
    history_html,
    people_html,
    promises_html,
    questions_html,
)
from handover.domain.checker import Severity, day
from handover.domain.template import Field, Section, list_items

CHANGES_SHOWN = 25  # lines of "what changed since sign-off"

_SEVERITY_WORDS = {Severity.ERROR: "Error", Severity.WARNING: "Warning", Severity.INFO: "Info"}


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
    out = [cover_html(data, for_print)]
    for number, section in data.sections():
        out.append(_section(data, number, section, charts, for_print))
    out.append(_findings(data, for_print))
    out.append(_signoff(data, for_print))
    out.append(appendix_html(data, for_print))
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


# ---------------------------------------------------------------- the sections


def _section(data: BriefData, number: int, section: Section, charts, for_print) -> str:
    out = [part_heading(f'<span class="num">{number}.</span> {e(section.title)}', f"sec-{number}",
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
        out.append(account_facts_html(data))
    elif records == "contacts":
        out.append(people_html(data))
    elif records == "interactions":
        out.append(history_html(data, charts, for_print))
    elif records == "concessions":
        out.append(concessions_html(data, charts, for_print))
    elif records == "commitments":
        out.append(promises_html(data))
    out.append(questions_html(data, section))
    return "\n".join(out)


def _answer(text: str, f: Field | None) -> str:
    if f is not None and f.kind == "list":
        items = list_items(text)
        return note("\n".join(f"- {item}" for item in items))
    if f is not None and f.kind in ("text", "date"):
        return f"<p>{e(text.strip())}</p>"
    return note(text)


# ---------------------------------------------------------------- findings and sign-off


def _findings(data: BriefData, for_print: bool) -> str:
    findings = data.open_findings()
    out = [part_heading("Findings still open", "findings", "part", for_print)]
    if not findings:
        out.append('<p class="good strong">The checker finds nothing to fix.</p>')
        return "\n".join(out)
    counts = data.check.counts()
    words = [count_of(counts[s.value], _SEVERITY_WORDS[s].lower()) for s in Severity
             if counts[s.value]]
    out.append(f"<p>The checker's findings as of {e(day(data.today))}: {e(', '.join(words))}. "
               f"Completeness {data.check.score}%.</p>")
    rows = [table_row(i, [
        f'<td class="sev-{f.severity.value}">{e(_SEVERITY_WORDS[f.severity])}</td>',
        f"<td>{e(data.section_title(f.section_key))}</td>",
        f"<td>{e(f.message)}</td>",
    ]) for i, f in enumerate(findings)]
    out.append(record_table([("Severity", "11%"), ("Section", "25%"), ("What to do", "64%")], rows))
    return "\n".join(out)


def _signoff(data: BriefData, for_print: bool) -> str:
    h = data.handover
    out = [part_heading("Sign-off", "signoff", "", for_print)]
    parties = [("Outgoing manager", data.name(h.outgoing_id, "Not named")),
               ("Incoming manager", data.name(h.incoming_id, "Not named")),
               ("Reviewing team lead", data.name(h.reviewer_id, "Not named")),
               ("Status", data.status_label)]
    out.append(pairs_table(parties))
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
