"""The command line; the GUI is its default command.

Exit status: 0 when all is well, 1 when a check fails, 2 when the input is unusable
(the message names the problem on one line of stderr, and the file is left as it was)."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from itertools import groupby
from pathlib import Path

from handover import __version__
from handover.domain.errors import HandoverError

EXIT_OK, EXIT_CHECK_FAILED, EXIT_UNUSABLE = 0, 1, 2

COMMANDS = ("demo", "info", "search", "analytics")
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
               "handover analytics PATH [--json]. "
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
                    "analytics": cmd_analytics}[argv[0]](args)
        args = _gui_parser().parse_args(argv)
        return cmd_gui(args)
    except HandoverError as error:
        print(f"handover: {_one_line(error)}", file=sys.stderr)
        return EXIT_UNUSABLE


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())


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
    print(f"Lock       {'held by ' + info['lock_holder'] if info['lock_holder'] else 'free'}")
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

    query = " ".join(args.query)
    with Workspace.open(args.path, read_only=True) as ws:
        hits = search(ws, query, args.limit)
    if args.json:
        print(json.dumps([hit.as_json() for hit in hits], indent=2, ensure_ascii=False))
        return EXIT_OK
    if not hits:
        print(f"No results for \u201c{query.strip()}\u201d.")
        return EXIT_OK
    for n, (kind, group) in enumerate(groupby(hits, key=lambda hit: hit.kind)):
        group = list(group)
        if n:
            print()
        print(f"{KIND_LABELS[kind]} ({len(group)})")
        for hit in group:
            where = "" if kind == "account" else f" \u00b7 {hit.account_name}"
            print(f"  {hit.title}{where}  [{kind} {hit.record_id}]")
            print(f"    {' '.join(hit.marked_snippet().split())}")
    return EXIT_OK


def cmd_analytics(args: argparse.Namespace) -> int:
    """The portfolio figures, read without taking the lock or writing."""
    from handover.store import Workspace
    from handover.store.portfolio import analytics_report

    with Workspace.open(args.path, read_only=True) as ws:
        report = analytics_report(ws, limit=args.limit)
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(analytics_text(report))
    return EXIT_OK


def analytics_text(r: dict) -> str:
    """The report as a person reads it in a terminal: the figures a team lead asks first."""
    pct = "{:.0%}".format
    lines = [f"Portfolio on {r['today']}: {r['accounts']:,} accounts, "
             f"{r['concessions']:,} concessions", "", "Discount bands (% of baseline)",
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
                     f"{'' if share is None else f' ({pct(share)})'}, reciprocity {recip}")
    d = r["delivery"]
    delivered = d["delivered_share_by_count"]
    lines.append(f"  Promised in return: {d['promised']:,}; kept {d['kept']:,}, broken "
                 f"{d['broken']:,}, open {d['open']:,} ({d['overdue']:,} overdue)"
                 f"{'' if delivered is None else f'; delivered {pct(delivered)}'}")
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
