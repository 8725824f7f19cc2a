"""The command line; the GUI is its default command."""

from __future__ import annotations

import argparse

from handover import __version__


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="handover")
    parser.add_argument("--version", action="version", version=f"handover {__version__}")
    parser.parse_args(argv)
    return 0
