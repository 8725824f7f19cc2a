"""The shape of the code as a maintainer reads it from the imports: no circle, and the
screens reached only from the program's entry points."""

from __future__ import annotations

import ast
from pathlib import Path

import handover

PACKAGE = Path(handover.__file__).parent
ENTRY_POINTS = {"handover.app", "handover.cli"}
# Nothing outside handover/ui reaches into it but the entry points.
ALLOWED_UI_IMPORTS: set[tuple[str, str]] = set()
DIALOGS = "handover.ui.shell.dialogs"
# The pieces every screen shares, below the screens and the dialogs.
SHARED = {f"handover.ui.shell.{name}" for name in ("text", "words", "parts", "tables",
                                                   "resources")}


def module_files() -> dict[str, Path]:
    files = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        files[".".join(parts)] = path
    return files


def _type_checking_only(tree: ast.Module) -> set[int]:
    # Imports under `if TYPE_CHECKING:` never run: they name types, not dependencies.
    hidden = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            hidden |= {id(inner) for stmt in node.body for inner in ast.walk(stmt)}
    return hidden


def imports() -> list[tuple[str, str, ast.ImportFrom | ast.Import, bool]]:
    """(importer, imported module, statement, whether inside a function) for every import
    of a handover module, lazy ones included."""
    files = module_files()

    def owner(name: str) -> str | None:
        while name and name not in files:
            name = name.rpartition(".")[0]
        return name or None

    found = []
    for module, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        hidden = _type_checking_only(tree)
        lazy = {id(inner) for node in ast.walk(tree)
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
                for inner in ast.walk(node)}
        for node in ast.walk(tree):
            if id(node) in hidden:
                continue
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                continue
            for name in names:
                target = owner(name) if name.startswith("handover.") else None
                if target and target != module:
                    found.append((module, target, node, id(node) in lazy))
    return found


def editor_launch(importer: str, statement: ast.AST, lazy: bool) -> bool:
    """dialogs.py opens each editor (a ...Dialog or ...Form class) from inside the function
    a test replaces; the editor uses the dialogs in turn. That one edge back up is how every
    modal stays answerable by one name, so it is the only one the circle check leaves out."""
    return (importer == DIALOGS and lazy and isinstance(statement, ast.ImportFrom)
            and all(a.name.endswith(("Dialog", "Form")) for a in statement.names))


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return groups


def test_no_module_imports_itself_back_round_a_circle():
    edges: dict[str, set[str]] = {m: set() for m in module_files()}
    for importer, target, statement, lazy in imports():
        if not editor_launch(importer, statement, lazy):
            edges[importer].add(target)
    assert cycles(edges) == []


def test_dialogs_reaches_up_only_for_the_editors_it_opens():
    up = [(target, [a.name for a in statement.names])
          for importer, target, statement, lazy in imports()
          if importer == DIALOGS and target.startswith("handover.ui.")
          and target not in SHARED and not editor_launch(importer, statement, lazy)]
    assert up == []


def test_only_the_entry_points_import_the_screens():
    outside = {(importer, target) for importer, target, _, _ in imports()
               if target.startswith("handover.ui") and not importer.startswith("handover.ui")
               and importer not in ENTRY_POINTS}
    assert outside <= ALLOWED_UI_IMPORTS


# The floors of handover/ui, lowest first: a module imports its own package or one below.
FLOORS = {"shell": 0, "records": 1, "editors": 2, "accounts": 3, "handovers": 3,
          "analytics": 3}
# Where the rule is reached through on purpose: the window's page list shows the screens;
# dialogs opens each editor (editor_launch); a handover's section shows the account's own
# record tabs, live, beside what is written about them.
PAGE_LIST = "handover.ui.shell.main_window"
SHOWS_ACCOUNT_TABS = "handover.ui.handovers.stepper_records"


def floor_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) > 3 and parts[:2] == ["handover", "ui"] else None


def test_a_screen_imports_editors_and_editors_import_the_shell():
    upward = []
    for importer, target, statement, lazy in imports():
        low, high = floor_of(importer), floor_of(target)
        if low is None or high is None or low == high:
            continue
        if importer == PAGE_LIST or editor_launch(importer, statement, lazy):
            continue
        if importer == SHOWS_ACCOUNT_TABS and high == "accounts" and lazy:
            continue
        if FLOORS[high] >= FLOORS[low]:
            upward.append(f"{importer} -> {target}")
    assert upward == []


def test_the_check_sees_a_circle_when_there_is_one():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(edges) == [["a", "b", "c"]]
