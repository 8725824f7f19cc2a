"""How long one note takes to render as Markdown (brief/markdown.py), for notes built to
be slow and for ordinary ones up to the longest a record allows. Target: every note within
the limit renders in 100 ms. Run from the repository root:

    python benchmarks/markdown_bench.py            # best of 3 runs per note
    python benchmarks/markdown_bench.py --runs 1 --json out.json

Tests never assert times; this script is where speed is checked.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from handover.brief.markdown import _render, render_markdown, too_costly  # noqa: E402
from handover.domain.records import TEXT_LIMIT  # noqa: E402

TARGET_MS = 100.0
_PROSE = ("Some **bold** text with a [link](https://x.example/z) and `code`, about the "
          "renewal and what Weber said.\n\n")
NOTES = {
    "16,000 [": "[" * 16_000,
    "8,000 ![": "![" * 8_000,
    "5,000 [a](": "[a](" * 5_000,
    "4,000 [x](<": "[x](<" * 4_000,
    "6,666 []( ": "[](" * 6_666,
    "10,000 > ": "> " * 10_000,
    "10,000 lines": "a\n" * 10_000,
    "540 [ (the most that renders)": "[" * 540,
    "4,999 line breaks": ("ab\n" * 4_999).ljust(TEXT_LIMIT, "x"),
    "800 links": "[a](http://b.example/c)\n" * 800,
    "prose, 20,000 chars": (_PROSE * 200)[:TEXT_LIMIT],
    "table, 900 rows": "| a | b |\n|---|---|\n" + "| x | y |\n" * 900,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    results = {}
    print(f"{'note':34} {'chars':>7} {'ms':>8}  shown as")
    for name, text in NOTES.items():
        best = float("inf")
        for _ in range(args.runs):
            _render.cache_clear()
            start = time.perf_counter()
            render_markdown(text)
            best = min(best, (time.perf_counter() - start) * 1000)
        shown = "escaped text" if too_costly(text) else "Markdown"
        flag = "" if best <= TARGET_MS else "  over target"
        print(f"{name:34} {len(text):7,} {best:8.1f}  {shown}{flag}")
        results[name] = {"chars": len(text), "ms": round(best, 2), "shown_as": shown}
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
