"""How long a team lead waits when a leaver's whole book is handed on: listing the leavers,
their book, the even split by revenue, starting every handover in one transaction and
taking them all back (the undo). Works on a copy of the workspace given, so the file is
left as it was. Run from the repository root on a large demo:

    handover demo /tmp/demo10k.sqlite --accounts 10000
    python benchmarks/leaver_bench.py /tmp/demo10k.sqlite

Tests never assert times; this script is where speed is checked.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from handover.domain.leaver import LeaverPlan, split_by_revenue  # noqa: E402
from handover.store import Workspace  # noqa: E402
from handover.store.leaver import (  # noqa: E402
    book_of,
    leavers,
    start_leaver_handovers,
    take_back_leaver_handovers,
)


def timed(work):
    start = time.perf_counter()
    result = work()
    return result, (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workspace", type=Path)
    parser.add_argument("--managers", type=int, default=3, help="incoming managers to split among")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "copy.sqlite"
        shutil.copyfile(args.workspace, copy)
        with Workspace.open(copy, user="Benchmark") as ws:
            everyone, t_leavers = timed(lambda: leavers(ws))
            leaver = max(everyone, key=lambda p: p.accounts)
            book, t_book = timed(lambda: book_of(ws, leaver.id))
            free = [entry.account for entry in book if not entry.under_way]
            incoming = [p.id for p in everyone if p.id != leaver.id][:args.managers]
            split, t_split = timed(lambda: split_by_revenue(free, incoming))
            plan = LeaverPlan(leaver_id=leaver.id, split=split,
                              due_date=dt.date.today() + dt.timedelta(days=28))
            outcome, t_start = timed(lambda: start_leaver_handovers(
                ws, plan, today=dt.date.today(), started_by_id=None))
            _, t_back = timed(lambda: take_back_leaver_handovers(ws, outcome))
    print(f"{leaver.name}'s book: {len(book)} accounts, {len(outcome.created)} handovers "
          f"started among {len(incoming)} managers, {len(book) - len(free)} under way already")
    for name, ms in (("list the leavers", t_leavers), ("read the book", t_book),
                     ("split by revenue", t_split), ("start every handover", t_start),
                     ("take them all back", t_back)):
        print(f"  {name:<22} {ms:8.1f} ms")


if __name__ == "__main__":
    main()
