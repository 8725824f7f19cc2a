"""Handover's performance figures, each beside its baseline, printed as a table and written
as JSON. Run from the repository root:

    python benchmarks/bench.py                 # 10,000-account demo workspace
    python benchmarks/bench.py --accounts 2000 --runs 3 --json out.json

Figures (DESIGN.md, "How well"):
- demo rate: accounts (and rows) written per second by `handover demo`;
- start-up: time from launching the process to the first painted main window on the
  demo workspace, beside the same for a bare PySide6 window (target: ratio <= 1.5);
- large brief: handover 1 of a demo of 1,000 accounts or more (1,000 interactions, 500
  concessions) exported to PDF, beside gathering its records alone (target: under 2 s);
- portfolio analytics: every figure of the Analytics page computed cold (a fresh process,
  from the file, no cached report), beside one raw SQLite scan of the concessions
  (`SELECT count(*), avg(conceded_value)`) in a fresh process (target: 200 ms).

Tests never assert times; this script is where speed is checked.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# A child process prints "painted" at its main window's first paint, then quits.
_PAINT_WATCH = """
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class _FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
            print("painted", flush=True)
            QApplication.instance().setProperty("painted", True)
            QTimer.singleShot(0, QApplication.instance().quit)
            QApplication.instance().removeEventFilter(self)
        return False

app = QApplication.instance() or QApplication([])
_watch = _FirstPaint()
app.installEventFilter(_watch)
"""

BARE_WINDOW = _PAINT_WATCH + """
window = QMainWindow()
window.resize(1280, 800)
window.show()
app.exec()
"""

HANDOVER_WINDOW = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(["handover"])
""" + _PAINT_WATCH.replace("QTimer.singleShot(0, QApplication.instance().quit)", "") + """
# Usable: the accounts table shows the workspace's accounts.
def _listed():
    from handover.ui.shell.main_window import MainWindow
    for widget in app.topLevelWidgets():
        if (isinstance(widget, MainWindow) and app.property("painted")
                and widget.accounts_page.table.model().rowCount()):
            print("listed", flush=True)
            app.quit()
            return
    QTimer.singleShot(2, _listed)
QTimer.singleShot(0, _listed)
from handover.app import run_gui
run_gui(Path(sys.argv[1]))
"""


def time_to(script: str, *args: str, env: dict[str, str],
            marks: tuple[str, ...] = ("painted",)) -> dict[str, float]:
    """Seconds from launching a Python process running `script` to each line it prints
    of `marks` ("painted": the first paint of its main window; "listed": accounts shown)."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", script, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    seen: dict[str, float] = {}
    for line in proc.stdout:
        if line.strip() in marks:
            seen[line.strip()] = time.perf_counter() - start
            if len(seen) == len(marks):
                break
    if len(seen) < len(marks):
        raise RuntimeError(f"the window never got to {marks}: {proc.stderr.read()[-2000:]}")
    proc.wait(timeout=60)
    return seen


def child_env(config_home: Path) -> dict[str, str]:
    """An environment whose Qt settings live in a scratch folder with a user already
    chosen, so no first-run dialog stands between start and paint."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["XDG_CONFIG_HOME"] = str(config_home)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    conf = config_home / "Handover" / "Handover.conf"
    conf.parent.mkdir(parents=True, exist_ok=True)
    conf.write_text("[user]\nname=Benchmark User\nrole=account_manager\n")
    return env


def bench_demo(path: Path, accounts: int) -> dict[str, float]:
    from handover.demo import write_demo

    start = time.perf_counter()
    counts = write_demo(path, accounts=accounts, seed=1)
    seconds = time.perf_counter() - start
    rows = sum(counts.values())
    return {"seconds": seconds, "accounts": accounts, "rows": rows,
            "accounts_per_s": accounts / seconds, "rows_per_s": rows / seconds,
            "file_mb": path.stat().st_size / 1e6}


def bench_startup(workspace: Path, runs: int, scratch: Path) -> dict[str, float]:
    env = child_env(scratch / "config")
    time_to(BARE_WINDOW, env=env)  # warm the file cache for both
    time_to(HANDOVER_WINDOW, str(workspace), env=env, marks=("painted", "listed"))
    bare = statistics.median(time_to(BARE_WINDOW, env=env)["painted"] for _ in range(runs))
    ours = [time_to(HANDOVER_WINDOW, str(workspace), env=env, marks=("painted", "listed"))
            for _ in range(runs)]
    painted = statistics.median(o["painted"] for o in ours)
    listed = statistics.median(o["listed"] for o in ours)
    return {"bare_s": bare, "handover_s": painted, "ratio": painted / bare,
            "listed_s": listed, "listed_ratio": listed / bare}


def bench_brief(workspace: Path, runs: int, scratch: Path) -> dict[str, float]:
    """Export handover 1's brief to PDF as `handover export` does (gather, check, charts,
    layout, write), after one warm-up; the median of `runs`."""
    from pypdf import PdfReader

    from handover.briefs import ensure_gui_app, export_one
    from handover.store import Workspace
    from handover.store.briefdata import handover_records

    ensure_gui_app()
    out = scratch / "brief.pdf"
    gather, export = [], []
    with Workspace.open(workspace, read_only=True) as ws:
        handover, records, _ = handover_records(ws, 1)
        export_one(ws, 1, "pdf", out)  # warm-up: fonts, caches
        for _ in range(runs):
            start = time.perf_counter()
            handover_records(ws, 1)
            gather.append(time.perf_counter() - start)
            start = time.perf_counter()
            export_one(ws, 1, "pdf", out)
            export.append(time.perf_counter() - start)
    return {"export_s": statistics.median(export), "gather_s": statistics.median(gather),
            "pages": len(PdfReader(out).pages), "interactions": len(records.interactions),
            "concessions": len(records.concessions),
            "ratio": statistics.median(export) / statistics.median(gather)}


# A fresh process computes the portfolio report from the workspace file, as `handover
# analytics` and the Analytics page do, and prints how long that took and each step.
ANALYTICS_RUN = """
import json, sys, time
from pathlib import Path
from handover.domain.analytics import portfolio_report
from handover.store import Workspace
from handover.store.portfolio import gather_facts
ws = Workspace.open(Path(sys.argv[1]), read_only=True, check=False)
steps = {}
start = time.perf_counter()
portfolio_report(gather_facts(ws, limit=100, timings=steps), limit=100)
print(json.dumps({"seconds": time.perf_counter() - start, "steps": steps}))
ws.close()
"""

# The baseline: one scan of every concession by SQLite itself, in a fresh process too.
SCAN_RUN = """
import json, sqlite3, sys, time
from pathlib import Path
conn = sqlite3.connect(Path(sys.argv[1]).resolve().as_uri() + "?mode=ro", uri=True)
conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
start = time.perf_counter()
conn.execute("SELECT count(*), avg(conceded_value) FROM concessions").fetchall()
print(json.dumps({"seconds": time.perf_counter() - start}))
"""


def run_json(script: str, *args: str) -> dict:
    """What a fresh Python process running `script` prints, as JSON."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    out = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True,
                         env=env, cwd=ROOT, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_analytics(workspace: Path, runs: int, scratch: Path) -> dict[str, object]:
    """The portfolio report computed cold, the median of `runs` fresh processes (after one
    that warms the file cache), beside the raw scan. A workspace of an older schema is
    measured on a copy brought up to date, as opening it in the program would."""
    import shutil

    from handover.store import Workspace, schema
    from handover.store.files import read_header

    migrated = read_header(workspace).user_version < schema.latest_version()
    if migrated:
        copy = scratch / "analytics.sqlite"
        shutil.copyfile(workspace, copy)
        Workspace.open(copy, check=False).close()
        workspace = copy
    run_json(ANALYTICS_RUN, str(workspace))
    ours = [run_json(ANALYTICS_RUN, str(workspace)) for _ in range(runs)]
    scan = statistics.median(run_json(SCAN_RUN, str(workspace))["seconds"]
                             for _ in range(runs))
    seconds = statistics.median(o["seconds"] for o in ours)
    steps = {name: statistics.median(o["steps"][name] for o in ours)
             for name in ours[0]["steps"]}
    return {"report_s": seconds, "scan_s": scan, "ratio": seconds / scan,
            "steps_ms": steps, "migrated_copy": migrated}


# The screens' figures, in a fresh process with its own QApplication: the account list's
# filter, an account with 1,000 interactions opened, and full-text search, each beside the
# raw SQLite query that fetches the same rows.
SCREENS_RUN = """
import json, os, statistics, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication
app = QApplication(["handover"])
from handover.store import Workspace
from handover.store.search import search
from handover.ui.accounts.account_detail import open_account_detail_ms
from handover.ui.accounts.accounts import AccountsPage, time_filter
from handover.ui.shell.session import Session
runs = int(sys.argv[2])

def median_ms(func):
    func()
    return statistics.median(func() for _ in range(runs)) * 1000

def timed(func):
    def run():
        start = time.perf_counter()
        func()
        return time.perf_counter() - start
    return run

ws = Workspace.open(sys.argv[1], user="Benchmark User", check=False)
session = Session(ws)
page = AccountsPage()
page.resize(1080, 740)
page.show()
page.set_session(session)
app.processEvents()
out = {}
for text in ("a", "nor", "zzz"):
    def typed(text=text):
        page.search.setText("")
        return time_filter(page, text)[1]
    out["filter_" + text] = median_ms(typed)
    out["filter_" + text + "_sql"] = median_ms(timed(lambda text=text: ws.db.execute(
        "SELECT id, name FROM accounts WHERE archived = 0 AND name LIKE ?",
        ["%" + text + "%"]).fetchall()))
big = ws.db.execute("SELECT account_id FROM interactions GROUP BY account_id "
                    "ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
out["big_interactions"] = ws.db.execute(
    "SELECT count(*) FROM interactions WHERE account_id = ?", [big]).fetchone()[0]
out["open_account"] = statistics.median(open_account_detail_ms(session, big)
                                        for _ in range(runs))
out["open_account_sql"] = median_ms(timed(lambda: ws.db.execute(
    "SELECT * FROM interactions WHERE account_id = ?", [big]).fetchall()))
for query in ("northwind", "angry", "renewal", "discount"):
    out["search_" + query] = median_ms(timed(lambda query=query: search(ws, query)))
out["search_sql"] = median_ms(timed(lambda: ws.db.execute(
    "SELECT rowid FROM interactions_fts WHERE interactions_fts MATCH 'angry' LIMIT 21"
    ).fetchall()))
print(json.dumps(out))
"""


def bench_screens(workspace: Path, runs: int) -> dict[str, float]:
    return run_json(SCREENS_RUN, str(workspace), str(runs))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5, help="start-ups to take the median of")
    parser.add_argument("--workspace", type=Path,
                        help="reuse this demo workspace instead of writing one "
                             "(the demo rate is then not measured)")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" /
                        "latest.json")
    args = parser.parse_args()

    results: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory(prefix="handover-bench-") as tmp:
        scratch = Path(tmp)
        workspace = scratch / "demo.sqlite"
        if args.workspace is None:
            results["demo"] = bench_demo(workspace, args.accounts)
        else:
            # A copy: opening it in the GUI may bring it to this version's schema.
            shutil.copyfile(args.workspace, workspace)
        results["startup"] = bench_startup(workspace, args.runs, scratch)
        results["screens"] = bench_screens(workspace, args.runs)
        results["brief"] = bench_brief(workspace, args.runs, scratch)
        results["analytics"] = bench_analytics(workspace, args.runs, scratch)

    rows = []
    if "demo" in results:
        d = results["demo"]
        rows.append(("demo workspace written", f"{d['seconds']:.1f} s",
                     f"{d['accounts_per_s']:,.0f} accounts/s, {d['rows_per_s']:,.0f} rows/s",
                     f"{d['rows']:,} rows, {d['file_mb']:.0f} MB"))
    s = results["startup"]
    rows.append(("first painted main window", f"{s['handover_s'] * 1000:.0f} ms",
                 f"bare PySide6 window {s['bare_s'] * 1000:.0f} ms",
                 f"ratio {s['ratio']:.2f} (target <= 1.5)"))
    rows.append(("accounts listed (usable)", f"{s['listed_s'] * 1000:.0f} ms",
                 f"bare PySide6 window {s['bare_s'] * 1000:.0f} ms",
                 f"ratio {s['listed_ratio']:.2f}"))
    sc = results["screens"]
    for text in ("a", "nor", "zzz"):
        rows.append((f"filter the accounts by \u201c{text}\u201d",
                     f"{sc['filter_' + text]:.0f} ms",
                     f"SQL LIKE on the names {sc['filter_' + text + '_sql']:.1f} ms",
                     "target <= 50 ms"))
    rows.append((f"open an account ({sc['big_interactions']:,} interactions)",
                 f"{sc['open_account']:.0f} ms",
                 f"SQL for its interactions {sc['open_account_sql']:.1f} ms",
                 "target <= 150 ms"))
    slowest = max(sc[k] for k in sc if k.startswith("search_") and k != "search_sql")
    rows.append(("search everywhere (slowest of 4 queries)", f"{slowest:.0f} ms",
                 f"one FTS5 MATCH {sc['search_sql']:.1f} ms", "target <= 50 ms"))
    b = results["brief"]
    rows.append((f"brief to PDF ({b['interactions']:,} interactions, "
                 f"{b['concessions']:,} concessions)", f"{b['export_s'] * 1000:.0f} ms",
                 f"gathering its records {b['gather_s'] * 1000:.0f} ms",
                 f"ratio {b['ratio']:.1f}; {b['pages']} pages (target < 2 s)"))
    a = results["analytics"]
    rows.append(("portfolio analytics (cold)", f"{a['report_s'] * 1000:.0f} ms",
                 f"raw SQLite scan of the concessions {a['scan_s'] * 1000:.0f} ms",
                 f"ratio {a['ratio']:.1f} (target <= 200 ms)"))
    header = ("figure", "ours", "baseline", "ratio / note")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(4)]
    for row in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))

    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2))
    print(f"\nJSON: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
