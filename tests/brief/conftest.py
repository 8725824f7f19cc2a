"""Fixtures of the brief's tests: the Brandt handover (see brandt.py) and its brief."""

from __future__ import annotations

from pathlib import Path

import pytest
from brandt import brief_of, build_workspace

from handover.brief.data import BriefData


@pytest.fixture
def brandt(tmp_path) -> tuple[Path, int]:
    path = tmp_path / "brandt.handover"
    return path, build_workspace(path)


@pytest.fixture
def brandt_brief(brandt) -> BriefData:
    return brief_of(*brandt)
