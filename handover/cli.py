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

COMMANDS = ("demo", "info", "search")
DEMO_ACCOUNTS = 60
SEARCH_LIMIT = 20


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
               "handover info PATH [--json]; handover search PATH QUERY [--json]. "
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
            return {"demo": cmd_demo, "info": cmd_info,
                    "search": cmd_search}[argv[0]](args)
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


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:,} {unit}" if unit == "bytes" else f"{n:,.1f} {unit}"
        n /= 1024
    return str(n)
