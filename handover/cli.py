"""The command line; the GUI is its default command.

Exit status: 0 when all is well, 1 when a check fails, 2 when the input is unusable
(the message names the problem on one line of stderr, and the file is left as it was)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import tempfile
from itertools import groupby
from pathlib import Path

from handover import __version__
from handover.domain.errors import HandoverError

EXIT_OK, EXIT_CHECK_FAILED, EXIT_UNUSABLE = 0, 1, 2

COMMANDS = ("demo", "info", "search", "analytics", "check", "export")
EXPORT_FORMATS = ("pdf", "html", "md")
PAGE_SIZES = ("A4", "Letter")
DEMO_ACCOUNTS = 60
SEARCH_LIMIT = 20
ANALYTICS_LIMIT = 10


class UsageError(HandoverError):
    """Arguments that cannot be acted on."""


class _Parser(argparse.ArgumentParser):
    """argparse that reports bad arguments as our one-line error with exit status 2."""

    def error(self, message: str):
        raise UsageError(f"{self.prog}: {message}")


def _gui_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="handover",
        description="Hand a customer account safely from one account manager to the next.",
        epilog="commands: handover demo PATH [--accounts N] [--seed S]; "
               "handover info PATH [--json]; handover search PATH QUERY [--json]; "
               "handover analytics PATH [--json]; "
               "handover check PATH [--handover ID] [--json]; "
               "handover export PATH (--handover ID | --all) [--format pdf|html|md] -o OUT. "
               "See 'handover COMMAND --help'.",
    )
    parser.add_argument("workspace", nargs="?", type=Path,
                        help="the workspace file to open (default: the one in your data "
                             "folder)")
    parser.add_argument("--demo", action="store_true",
                        help="open the GUI on a fresh demo workspace")
    parser.add_argument("--version", action="version", version=f"handover {__version__}")
    return parser


def _command_parser(command: str) -> argparse.ArgumentParser:
    if command == "demo":
        parser = _Parser(prog="handover demo",
                         description="Write a realistic demo workspace of any size.")
        parser.add_argument("path", type=Path, help="the new workspace file")
        parser.add_argument("--accounts", type=_positive, default=DEMO_ACCOUNTS,
                            metavar="N", help=f"how many accounts (default {DEMO_ACCOUNTS})")
        parser.add_argument("--seed", type=int, default=1, metavar="S",
                            help="the same seed writes the same contents (default 1)")
        return parser
    if command == "search":
        parser = _Parser(prog="handover search",
                         description="Find accounts, people, history, promises and "
                                     "concessions by the words in them, as the search "
                                     "popup does. Each word matches the start of a word.")
        parser.add_argument("path", type=Path, help="the workspace file")
        parser.add_argument("query", nargs="+", help="the words to find")
        parser.add_argument("--limit", type=_positive, default=SEARCH_LIMIT, metavar="N",
                            help=f"at most N results of each kind (default {SEARCH_LIMIT})")
        parser.add_argument("--json", action="store_true", help="print JSON")
        return parser
    if command == "analytics":
        parser = _Parser(prog="handover analytics",
                         description="The portfolio figures of the Analytics page: discount "
                                     "bands and outliers, give without get, tactics, "
                                     "authority, relationships, attention against potential.")
        parser.add_argument("path", type=Path, help="the workspace file")
        parser.add_argument("--limit", type=_positive, default=ANALYTICS_LIMIT, metavar="N",
                            help=f"at most N items in each list (default {ANALYTICS_LIMIT})")
        parser.add_argument("--json", action="store_true", help="print JSON")
        return parser
    if command == "check":
        parser = _Parser(prog="handover check",
                         description="The checker's findings and completeness score of one "
                                     "handover, or of every handover. Exit status 1 when a "
                                     "finding is an error.")
        parser.add_argument("path", type=Path, help="the workspace file")
        parser.add_argument("--handover", type=_positive, metavar="ID",
                            help="the handover to check (default: every handover)")
        parser.add_argument("--json", action="store_true", help="print JSON")
        return parser
    if command == "export":
        parser = _Parser(prog="handover export",
                         description="Write the brief of a handover, or of every handover, "
                                     "as PDF, HTML or Markdown. A file is written whole or "
                                     "not at all.")
        parser.add_argument("path", type=Path, help="the workspace file")
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--handover", type=_positive, metavar="ID",
                           help="the handover whose brief to write")
        which.add_argument("--all", action="store_true",
                           help="write the brief of every handover into the folder OUT")
        parser.add_argument("--format", choices=EXPORT_FORMATS,
                            help="pdf, html or md (default: from OUT's extension, else pdf)")
        parser.add_argument("-o", "--output", type=Path, required=True, metavar="OUT",
                            help="the file to write (with --all: the folder, made if need "
                                 "be; files are named like 0001-northwind-logistics.pdf)")
        parser.add_argument("--page-size", choices=PAGE_SIZES, default="A4",
                            help="the PDF's paper (default A4)")
        return parser
    parser = _Parser(prog="handover info",
                     description="Schema version, record counts, file size and who holds "
                                 "the lock.")
    parser.add_argument("path", type=Path, help="the workspace file")
    parser.add_argument("--json", action="store_true", help="print JSON")
    return parser


def _positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{number} is not at least 1")
    return number


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in COMMANDS:
            args = _command_parser(argv[0]).parse_args(argv[1:])
            return {"demo": cmd_demo, "info": cmd_info, "search": cmd_search,
                    "analytics": cmd_analytics, "check": cmd_check,
                    "export": cmd_export}[argv[0]](args)
        args = _gui_parser().parse_args(argv)
        return cmd_gui(args)
    except HandoverError as error:
        print(f"handover: {_one_line(error)}", file=sys.stderr)
        return EXIT_UNUSABLE
    except BrokenPipeError:
        # The reader went away (`handover check ... | head`): stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _one_line(error: Exception) -> str:
    return terminal_text(" ".join(str(error).split()))


# C0 and C1 controls (ESC, CSI, BEL ...) and the bidirectional overrides that reorder what a
# terminal shows after them.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


_NOT_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape_control(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_text(value):
    """`value` (text, or a report of texts) with every control character written as an
    escape such as \\x1b: a stored name must not move the cursor, recolour or retitle the
    terminal, or hide what follows it. JSON output needs none of this: json.dumps escapes."""
    if isinstance(value, str):
        return _CONTROL.sub(_escape_control, value)
    if isinstance(value, dict):
        return {k: terminal_text(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [terminal_text(v) for v in value]
    return value


def _json(value) -> str:
    """`value` as JSON that keeps non-ASCII text readable; json.dumps escapes the C0
    controls, and the C1 ones and the bidirectional overrides are escaped here."""
    return _NOT_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}",
                            json.dumps(value, indent=2, ensure_ascii=False))


def _whole_text(text: str, what: str) -> str:
    """`text` from the command line, refused if it holds bytes that were not UTF-8 (Python
    keeps them as lone surrogates, which nothing can search, store or print)."""
    for position, char in enumerate(text, start=1):
        if "\ud800" <= char <= "\udfff":
            raise UsageError(f"{what} hold a byte that is not UTF-8 text "
                             f"(U+{ord(char):04X} at character {position}); type them again")
    return text


def cmd_gui(args: argparse.Namespace) -> int:
    path = args.workspace
    if args.demo:
        if path is not None:
            raise UsageError("handover: give either --demo or a workspace, not both")
        path = Path(tempfile.mkdtemp(prefix="handover-demo-")) / "demo.sqlite"
        from handover.demo import write_demo

        write_demo(path, accounts=DEMO_ACCOUNTS, seed=1)
        print(f"Demo workspace: {path}", file=sys.stderr)
    from handover.app import run_gui  # Qt is loaded only for the GUI

    return run_gui(path, demo=args.demo)


def cmd_demo(args: argparse.Namespace) -> int:
    from handover.demo import write_demo

    counts = write_demo(args.path, accounts=args.accounts, seed=args.seed)
    summary = ", ".join(f"{n:,} {table.replace('_', ' ')}" for table, n in counts.items())
    print(f"Wrote {args.path}: {summary}")
    return EXIT_OK


def workspace_info(path: Path) -> dict[str, object]:
    """The facts `handover info` prints, read without taking the lock or writing."""
    from handover.store import Workspace
    from handover.store.schema import latest_version

    with Workspace.open(path, read_only=True) as ws:
        return {
            "path": str(path.resolve()),
            "schema_version": ws.schema_version,
            "program_schema_version": latest_version(),
            "file_size": path.stat().st_size,
            "lock_holder": ws.lock_holder() or None,
            "counts": ws.counts(),
        }


def cmd_info(args: argparse.Namespace) -> int:
    info = workspace_info(args.path)
    if args.json:
        print(json.dumps(info, indent=2))
        return EXIT_OK
    counts = info["counts"]
    width = max(len(k) for k in counts)
    print(f"Workspace  {info['path']}")
    print(f"Schema     version {info['schema_version']} "
          f"(this program writes version {info['program_schema_version']})")
    print(f"File size  {_size(info['file_size'])}")
    holder = terminal_text(info["lock_holder"] or "")
    print(f"Lock       {'held by ' + holder if holder else 'free'}")
    print("Records")
    for table, n in counts.items():
        print(f"  {table.replace('_', ' '):<{width}}  {n:>10,}")
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    """Print the hits grouped by kind, or as JSON. Read-only: it takes no lock, so it works
    beside a running Handover, and it never upgrades the file (which would shut out older
    versions of Handover still using it); a file without a search index exits 2."""
    from handover.store import Workspace
    from handover.store.search import KIND_LABELS, search

    query = _whole_text(" ".join(args.query), "the search words")
    with Workspace.open(args.path, read_only=True) as ws:
        hits = search(ws, query, args.limit)
    if args.json:
        print(_json([hit.as_json() for hit in hits]))
        return EXIT_OK
    if not hits:
        print(f"No results for \u201c{terminal_text(query.strip())}\u201d.")
        return EXIT_OK
    for n, (kind, group) in enumerate(groupby(hits, key=lambda hit: hit.kind)):
        group = list(group)
        if n:
            print()
        print(f"{KIND_LABELS[kind]} ({len(group)})")
        for hit in group:
            where = "" if kind == "account" else f" \u00b7 {hit.account_name}"
            print(terminal_text(f"  {hit.title}{where}  [{kind} {hit.record_id}]"))
            print(terminal_text(f"    {' '.join(hit.marked_snippet().split())}"))
    return EXIT_OK


def cmd_analytics(args: argparse.Namespace) -> int:
    """The portfolio figures, read without taking the lock or writing."""
    from handover.store import Workspace
    from handover.store.portfolio import analytics_report

    with Workspace.open(args.path, read_only=True) as ws:
        report = analytics_report(ws, limit=args.limit)
    if args.json:
        print(_json(report))
    else:
        print(analytics_text(terminal_text(report)))
    return EXIT_OK


def check_report(path: Path, handover_id: int | None = None) -> list[dict[str, object]]:
    """For each handover (or the one asked for), its checker's result as `handover check
    --json` prints it, read without taking the lock or writing."""
    from handover.domain.checker import check_handover
    from handover.domain.handover import Handover
    from handover.domain.template import load_default_template
    from handover.store import Workspace
    from handover.store.briefdata import handover_records

    template = load_default_template()
    today = dt.date.today()
    report = []
    with Workspace.open(path, read_only=True) as ws:
        ids = [handover_id] if handover_id else [h.id for h in ws.all(Handover)]
        for hid in ids:
            handover, records, questions = handover_records(ws, hid)
            result = check_handover(template, handover, records, questions, today)
            report.append({"handover": hid, "account": records.account.name,
                           "status": handover.status.value, **result.as_dict(),
                           "counts": result.counts()})
    return report


def cmd_check(args: argparse.Namespace) -> int:
    """Findings and score; exit status 1 when any handover has an error."""
    report = check_report(args.path, args.handover)
    failed = any(r["required_failed"] for r in report)
    if args.json:
        print(_json(report[0] if args.handover else report))
    elif args.handover:
        print(check_text(terminal_text(report[0])))
    else:
        print(check_summary(terminal_text(report)))
    return EXIT_CHECK_FAILED if failed else EXIT_OK


def _findings_count(r: dict) -> str:
    counts = r["counts"]
    parts = [f"{counts[k]} {k}{'s' if counts[k] != 1 else ''}"
             for k in ("error", "warning") if counts[k]]
    return ", ".join(parts) or "nothing to fix"


def check_text(r: dict) -> str:
    """One handover's findings, grouped by section, as a person reads them."""
    from handover.domain.template import load_default_template

    titles = {s.key: f"{n}. {s.title}"
              for n, s in enumerate(load_default_template().sections, start=1)}
    status = r["status"].replace("_", " ")
    lines = [f"Handover {r['handover']} \u00b7 {r['account']} \u00b7 {status}",
             f"Completeness {r['score']}% ({r['passed']:,} of {r['total']:,} checks passed): "
             f"{_findings_count(r)}"]
    for section, group in groupby(r["findings"], key=lambda f: f["section"]):
        lines += ["", titles.get(section, "General")]
        lines += [f"  {f['severity']:<8} {f['message']}" for f in group]
    return "\n".join(lines)


def check_summary(report: list[dict]) -> str:
    """A line for each handover: id, score, status, findings, account."""
    if not report:
        return "No handovers."
    lines = [f"{'id':>5}  {'score':>5}  {'status':<10}  {'findings':<22}  account"]
    for r in report:
        lines.append(f"{r['handover']:>5}  {r['score']:>4}%  "
                     f"{r['status'].replace('_', ' '):<10}  {_findings_count(r):<22}  "
                     f"{r['account']}")
    failed = sum(bool(r["required_failed"]) for r in report)
    lines += ["", f"{len(report):,} handovers; {failed:,} with errors to fix."]
    return "\n".join(lines)


def cmd_export(args: argparse.Namespace) -> int:
    """Write one brief to a file, or every brief into a folder. Read-only on the
    workspace; an unusable workspace or output place exits 2 and writes nothing."""
    from handover.store import Workspace

    fmt = args.format or _format_of(args.output, default="pdf")
    out: Path = args.output
    with Workspace.open(args.path, read_only=True) as ws:
        from handover.briefs import brief_file_name, export_one, handover_ids

        if not args.all:
            if out.is_dir():
                out = out / brief_file_name(ws, args.handover, fmt)
            elif not out.parent.is_dir():
                raise UsageError(f"handover export: the folder {out.parent} does not exist")
            try:
                written = export_one(ws, args.handover, fmt, out, page_size=args.page_size)
            except OSError as e:
                raise UsageError(f"handover export: cannot write {out}: "
                                 f"{e.strerror or e}") from None
            print(f"Wrote {written}")
            return EXIT_OK
        ids = handover_ids(ws)
    if out.exists() and not out.is_dir():
        raise UsageError(f"handover export: {out} is a file; with --all, -o names a folder")
    if not out.parent.is_dir():
        raise UsageError(f"handover export: the folder {out.parent} does not exist")
    from handover.briefs import export_many

    try:
        out.mkdir(exist_ok=True)
        result = export_many(args.path, ids, fmt, out, page_size=args.page_size,
                             progress=_export_progress)
    except OSError as e:
        raise UsageError(f"handover export: cannot write into {out}: "
                         f"{e.strerror or e}") from None
    for path in result.written:
        print(f"Wrote {path}")
    print(f"{len(result.written):,} brief{'s' if len(result.written) != 1 else ''} "
          f"in {out}")
    return EXIT_OK


def _export_progress(done: int, total: int, account: str) -> None:
    if account and sys.stderr.isatty():
        print(f"\r[{done + 1}/{total}] {account[:60]:<60}", end="", file=sys.stderr,
              flush=True)
    elif not account and sys.stderr.isatty():
        print("\r" + " " * 72 + "\r", end="", file=sys.stderr, flush=True)


def _format_of(path: Path, default: str) -> str:
    return {".pdf": "pdf", ".html": "html", ".htm": "html", ".md": "md",
            ".markdown": "md"}.get(path.suffix.lower(), default)


def analytics_text(r: dict) -> str:
    """The report as a person reads it in a terminal: the figures a team lead asks first."""
    def pct(share: float | None) -> str:
        return "n/a" if share is None else f"{share:.0%}"  # a share of nothing counted

    lines = [f"Portfolio on {r['today']}: {r['accounts']:,} accounts, "
             f"{r['concessions']:,} concessions",
             f"Concessions without a discount %: {r['concessions_without_discount']:,}", "",
             "Discount bands (% of baseline)",
             f"  {'segment':<10} {'n':>7} {'P10':>6} {'Q1':>6} {'median':>7} {'Q3':>6} "
             f"{'P90':>6} {'max':>6}   policy target / max"]
    for b in r["discount_bands"]:
        policy = (f"{b['target_pct']:g}% / {b['max_pct']:g}%" if b["max_pct"] is not None
                  else "no policy")
        lines.append(f"  {b['segment']:<10} {b['concessions']:>7,} {b['p10']:>6.1f} "
                     f"{b['q1']:>6.1f} {b['median']:>7.1f} {b['q3']:>6.1f} {b['p90']:>6.1f} "
                     f"{b['maximum']:>6.1f}   {policy}")
    o = r["outliers"]
    excess = ", ".join(f"{c} {v:,.0f}" for c, v in sorted(o["excess_by_currency"].items()))
    lines += ["", f"Outliers: {o['above_policy']:,} concessions above the policy maximum "
                  f"(excess {excess or 'none'}); {o['peer']:,} accounts with a peer "
                  "z-score of 2 or more"]
    lines += [f"  {i['account_name']}: {i['discount_pct']:.1f}% on {i['date']}, "
              f"{i['reason']}, excess {i['currency']} {i['excess']:,.0f}"
              for i in o["above_policy_items"]]
    g = r["give_and_get"]
    lines += ["", f"Give without get: {g['nothing']:,} of {g['concessions']:,} concessions "
                  f"({pct(g['share_for_nothing_by_count'])}) got nothing in return; "
                  f"{g['unanswered']:,} do not say"]
    for c in g["by_currency"]:
        recip = "n/a" if c["reciprocity"] is None else f"{c['reciprocity']:.2f}"
        share = c["share_for_nothing_by_value"]
        lines.append(f"  {c['currency']}: given {c['given']:,.0f}, for nothing "
                     f"{c['given_for_nothing']:,.0f}"
                     f"{'' if share is None else f' ({pct(share)})'}, received (kept) "
                     f"{c['received']:,.0f}, promised and still open "
                     f"{c['promised_open']:,.0f}, reciprocity {recip}")
    d = r["delivery"]
    delivered = d["delivered_share_by_count"]
    lines.append(f"  Promised in return: {d['promised']:,}; kept {d['kept']:,}, broken "
                 f"{d['broken']:,}, open {d['open']:,} ({d['overdue']:,} overdue)"
                 f"{'' if delivered is None else f'; delivered {pct(delivered)}'}")
    e = r["escalation"]
    lines += ["", f"Escalation: {e['escalating']:,} of {e['accounts_with_renewals']:,} "
                  f"accounts with renewals ({pct(e['share_escalating'])}) get a larger "
                  "discount from renewal to renewal"]
    lines += [f"  {i['account_name']}: +{i['slope']:.1f} points per renewal over "
              f"{len(i['negotiations']):,} negotiations" for i in e["accounts"]]
    c = r["comebacks"]
    lines += ["", f"Comebacks: {c['came_back']:,} of {c['one_offs']:,} one-off concessions "
                  f"({pct(c['share'])}) came back"]
    lines += [f"  {i['account_name']}: {i['kind'].replace('_', ' ')} on {i['date']}, "
              f"again on {i['came_back_date']}" for i in c["items"]]
    k = r["creep"]
    lines += ["", f"Creep: {k['growing']:,} of {k['negotiations']:,} negotiations "
                  f"({pct(k['share'])}) conceded more at a later step"]
    lines += [f"  {i['account_name']} ({i['negotiation'] or 'no negotiation named'}): "
              f"{i['growing_steps']:,} of {len(i['sizes']):,} concessions larger than the "
              f"one before, up to {i['currency']} {max(i['sizes']):,.0f}"
              for i in k["items"]]
    x = r["precedent_exposure"]
    value = ", ".join(f"{cur} {v:,.0f}" for cur, v in sorted(x["value_by_currency"].items()))
    lines += ["", f"Precedent exposure: {x['accounts']:,} accounts with precedents or "
                  f"recurring concessions live at renewal (per year {value or 'none'})"]
    lines += [f"  {i['account_name']}: {i['concessions']:,} concessions, {i['currency']} "
              f"{i['value']:,.0f} per year on {i['judged_on']}; known to other "
              f"customers: {i['known_to_others']:,}"
              + (f"; next ask: {i['likely_next_ask']}" if i["likely_next_ask"] else "")
              for i in x["items"]]
    lines += ["", "Tactics before concessions (count, share for nothing)"]
    lines += [f"  {t['tactic'].replace('_', ' '):<26} {t['concessions']:>7,}  "
              f"{pct(t['share_for_nothing'])}" for t in r["tactics"]["tactics"]]
    a = r["authority"]
    lines += ["", f"Authority: {a['breaches']:,} concessions above the granter's limit "
                  f"without approval; {a['max_outs']:,} within one point of a limit"]
    rel = r["relationships"]
    lines += [f"Relationships: {rel['declining']:,} accounts with sentiment declining; "
              f"{rel['with_key_out_of_touch']:,} with a key stakeholder out of touch"]
    att = r["attention"]
    lines += ["", f"Attention against potential: {att['neglected']:,} accounts with large "
                  "potential and little contact"]
    lines += [f"  {i['account_name']} ({i['segment'].replace('_', '-')}): "
              f"{i['currency']} {i['current_revenue']:,.0f} now, "
              f"{i['potential_revenue']:,.0f} potential; {i['interactions_recent']} "
              f"interactions in 180 days" for i in att["items"]]
    return "\n".join(lines)


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:,} {unit}" if unit == "bytes" else f"{n:,.1f} {unit}"
        n /= 1024
    return str(n)
