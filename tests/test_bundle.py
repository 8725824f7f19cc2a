"""The desktop bundle: build.spec makes a one-folder program that starts and holds what it needs."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import handover

pytestmark = pytest.mark.bundle

REPO = Path(__file__).resolve().parents[1]
EXECUTABLE = "handover.exe" if sys.platform == "win32" else "handover"
# Qt modules the bundle must never carry: they are large and Handover does not use them.
UNWANTED_QT = ("WebEngine", "Qt6Quick", "Qt6Qml", "Qt63D", "Qt6Multimedia", "Qt6Designer")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the bundle once, as the README says, and return its folder."""
    pytest.importorskip(
        "PyInstaller", reason="PyInstaller is not installed: pip install -e '.[bundle]'"
    )
    root = tmp_path_factory.mktemp("bundle")
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(REPO / "build.spec"),
        "--noconfirm",
        "--distpath",
        str(root / "dist"),
        "--workpath",
        str(root / "work"),
    ]
    result = subprocess.run(
        command, cwd=REPO, capture_output=True, text=True, timeout=1200, check=False
    )
    assert result.returncode == 0, f"PyInstaller failed:\n{result.stderr[-6000:]}"
    return root / "dist" / "handover"


def contents_of(bundle: Path) -> Path:
    """The folder that holds the bundled libraries and data (sys._MEIPASS when it runs)."""
    return next(path.parent for path in bundle.rglob("base_library.zip"))


def run_bundled(bundle: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [str(bundle / EXECUTABLE), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )


def test_the_bundled_program_tells_its_version(bundle: Path) -> None:
    result = run_bundled(bundle, "--version")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"handover {handover.__version__}"


def test_the_bundled_program_reads_a_workspace(bundle: Path, tmp_path: Path) -> None:
    from handover.store import Workspace

    path = tmp_path / "team.sqlite"
    with Workspace.create(path):
        pass

    result = run_bundled(bundle, "info", str(path), "--json")

    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    assert info["schema_version"] == info["program_schema_version"]
    assert info["lock_holder"] is None
    assert set(info["counts"].values()) == {0}


def test_the_bundled_program_refuses_a_file_that_is_not_a_workspace(
    bundle: Path, tmp_path: Path
) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("shopping list", encoding="utf-8")

    result = run_bundled(bundle, "info", str(path))

    assert result.returncode == 2
    assert result.stderr.startswith("handover: ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert path.read_text(encoding="utf-8") == "shopping list"


def test_the_bundle_carries_every_resource(bundle: Path) -> None:
    resources = REPO / "resources"
    expected = (
        sorted(path.relative_to(REPO) for path in resources.rglob("*") if path.is_file())
        if resources.is_dir()
        else []
    )

    missing = [str(path) for path in expected if not (contents_of(bundle) / path).is_file()]

    assert missing == []


def test_the_bundle_has_the_qt_modules_handover_imports_and_no_web_engine(bundle: Path) -> None:
    used = set()
    for source in (REPO / "handover").rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        used |= set(re.findall(r"\bPySide6\.(Qt\w+)", text))
        # "from PySide6 import QtGui" on one line, or a parenthesised list over several.
        for names in re.findall(r"from\s+PySide6\s+import\s+(\([^)]*\)|[^\n]+)", text):
            used |= set(re.findall(r"\bQt\w+", names))
    bundled = {path.name.split(".")[0] for path in (contents_of(bundle) / "PySide6").glob("Qt*")}
    unwanted = sorted(
        path.name for path in bundle.rglob("*") if any(name in path.name for name in UNWANTED_QT)
    )

    assert sorted(used - bundled) == []
    assert {"QtCore", "QtGui", "QtWidgets", "QtCharts", "QtSvg"} <= bundled
    assert unwanted == []
