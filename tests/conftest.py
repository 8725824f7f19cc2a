"""Shared test setup: every Qt test runs without a screen."""

import os

# Must be set before anything imports Qt, so that a bare CI machine needs no display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
