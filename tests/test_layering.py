"""The package's layering, read from the source with `ast` (docs/architecture.md):

- no import cycles between the package's modules, counting every import (module level,
  inside functions, in try blocks), except those under `if TYPE_CHECKING:`, which never
  run and so cannot make a cycle at run time;
- nothing outside ui/ imports Qt (PySide6/shiboken6), at any level and under
  TYPE_CHECKING too, except about.py (the version report) and selftest.py (the
  installation check starts a QApplication).  The command line, the engines and the
  checks stay usable and testable without Qt;
- the queue controller (ui/queue_controller.py) reaches no widget: neither it nor any
  package module it imports at run time imports QtWidgets or QtGui;
- no module is over 800 lines (the window was split to get there).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = "pictotext_desktop"
ROOT = Path(__file__).resolve().parent.parent / PACKAGE
QT_ROOTS = ("PySide6", "shiboken6")
QT_ALLOWED_OUTSIDE_UI = {f"{PACKAGE}.about", f"{PACKAGE}.selftest"}
# Cycles the window's split into a queue controller and views will end; each must still
# be a real cycle (the test fails when one disappears, so the list only shrinks).
KNOWN_CYCLES: list[frozenset[str]] = []


@dataclass(frozen=True)
class Import:
    target: str  # dotted module name
    line: int
    type_checking: bool


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def all_modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(ROOT.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _walk(node: ast.AST, guarded: bool = False) -> Iterator[tuple[ast.AST, bool]]:
    """Every node below `node`, with whether it sits under `if TYPE_CHECKING:`."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child.test):
            for stmt in child.body:
                yield stmt, True
                yield from _walk(stmt, True)
            for stmt in child.orelse:
                yield stmt, guarded
                yield from _walk(stmt, guarded)
            continue
        yield child, guarded
        yield from _walk(child, guarded)


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> list[Import]:
    """What `name` imports: package modules by dotted name, other roots as themselves."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    is_package = path.name == "__init__.py"
    found: list[Import] = []
    for node, guarded in _walk(tree):
        if isinstance(node, ast.Import):
            found += [Import(alias.name, node.lineno, guarded) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".")
                anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                # `from pkg import module` imports the module; `from mod import name` the module.
                found.append(Import(sub if sub in modules else base, node.lineno, guarded))
    return found


def graph(*, with_type_checking: bool = False) -> dict[str, set[str]]:
    modules = all_modules()
    edges: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        for imp in imports_of(name, path, modules):
            if imp.type_checking and not with_type_checking:
                continue
            target = imp.target
            while target and target not in modules:  # pictotext_desktop.x.y -> module x.y
                target = target.rpartition(".")[0]
            if target and target != name:
                edges[name].add(target)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """One cycle path (a -> b -> ... -> a) per strongly connected component (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component: set[str] = set()
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.add(top)
                if top == node:
                    break
            if len(component) > 1:
                components.append(component)

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return [_path_within(component, edges) for component in components]


def _path_within(component: set[str], edges: dict[str, set[str]]) -> list[str]:
    """A shortest cycle through the component's first module, as a path."""
    start = min(component)
    queue: list[list[str]] = [[start]]
    seen = {start}
    while queue:
        path = queue.pop(0)
        for nxt in sorted(edges[path[-1]] & component):
            if nxt == start:
                return [*path, start]
            if nxt not in seen:
                seen.add(nxt)
                queue.append([*path, nxt])
    return sorted(component)  # unreachable for a real component


def test_no_import_cycles_in_the_package() -> None:
    found = cycles(graph())
    unexpected = [c for c in found if frozenset(c) not in KNOWN_CYCLES]
    assert not unexpected, "import cycles:\n" + "\n".join(" -> ".join(c) for c in unexpected)
    gone = [k for k in KNOWN_CYCLES if k not in {frozenset(c) for c in found}]
    assert not gone, f"no longer cycles, remove from KNOWN_CYCLES: {gone}"


def test_nothing_outside_ui_imports_qt() -> None:
    modules = all_modules()
    offenders = sorted({
        f"{name}:{imp.line} imports {imp.target}"
        for name, path in modules.items()
        if not name.startswith(f"{PACKAGE}.ui.") and name != f"{PACKAGE}.ui"
        and name not in QT_ALLOWED_OUTSIDE_UI
        for imp in imports_of(name, path, modules)
        if imp.target.split(".")[0] in QT_ROOTS
    })
    assert not offenders, "Qt outside ui/:\n" + "\n".join(offenders)


WIDGET_MODULES = ("PySide6.QtWidgets", "PySide6.QtGui")
CONTROLLER = f"{PACKAGE}.ui.queue_controller"
MAX_LINES = 800


def test_the_queue_controller_reaches_no_widget() -> None:
    modules = all_modules()
    edges = graph()
    reached, todo = {CONTROLLER}, [CONTROLLER]
    while todo:
        for nxt in edges[todo.pop()] - reached:
            reached.add(nxt)
            todo.append(nxt)
    offenders = sorted(
        f"{name}:{imp.line} imports {imp.target}"
        for name in reached
        for imp in imports_of(name, modules[name], modules)
        if not imp.type_checking and imp.target.startswith(WIDGET_MODULES))
    assert not offenders, "the controller reaches widgets:\n" + "\n".join(offenders)


def test_no_module_is_over_800_lines() -> None:
    long = {name: n for name, path in all_modules().items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"split these modules (lines): {long}"


# -- the checker itself, on small made-up packages -----------------------------------------
@pytest.mark.parametrize(("edges", "expected"), [
    ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c", "a"]]),
    ({"a": {"b"}, "b": set()}, []),
    ({"a": {"b"}, "b": {"a"}, "c": {"d"}, "d": {"c"}}, [["a", "b", "a"], ["c", "d", "c"]]),
])
def test_cycle_finder(edges: dict[str, set[str]], expected: list[list[str]]) -> None:
    assert sorted(cycles(edges)) == expected


def test_imports_are_found_at_every_level(tmp_path: Path) -> None:
    source = tmp_path / "m.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "import PySide6.QtCore\n"
        "if TYPE_CHECKING:\n    from pictotext_desktop import cli\n"
        "def f():\n    try:\n        from pictotext_desktop.ui import app\n"
        "    except ImportError:\n        pass\n"
        "from . import jobs\n"
    )
    modules = all_modules()
    found = imports_of(f"{PACKAGE}.m", source, modules)
    assert [(i.target, i.type_checking) for i in found] == [
        ("typing", False), ("PySide6.QtCore", False), (f"{PACKAGE}.cli", True),
        (f"{PACKAGE}.ui.app", False), (f"{PACKAGE}.jobs", False)]
