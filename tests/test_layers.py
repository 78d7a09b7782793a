"""The layers of the design (DESIGN.md, "Layers"), read from the sources with ``ast``.

Every ``import`` and ``from ... import`` counts, at any depth (inside functions too), with
relative imports resolved against the module's package; ``from pkg import name`` counts as an
import of ``pkg.name`` when that is a module of ours, else of ``pkg``. The rules:

- ``grader/`` imports nothing of ``quizapp``.
- The domain (every module of ``quizapp`` outside ``quizapp/tui/``, ``quizapp/commands/``,
  ``quizapp/cli.py`` and ``quizapp/__main__.py``, which is ``python -m quizapp``) imports
  neither ``quizapp.tui``, ``quizapp.commands``, ``quizapp.cli`` nor ``textual``, and does not
  talk to a person: no ``print()`` or ``input()``, no ``sys.stdout``/``sys.stderr`` (but for
  rebinding one), no ``argparse``. ``quizapp/texts/`` is text data anyone may import; it is
  held to the domain's rules, since the domain imports it. A *child program* (a module with an
  ``if __name__ == "__main__":`` block that no module of ours imports: it is run, as
  ``python -m`` or by path, in a process of its own) speaks to its parent process over its
  standard streams, which is not talking to a person: only its imports are held to the rules.
- The command layer (``quizapp/commands/``) does not import ``textual``, and reaches the TUI
  only to start the app: ``quizapp.tui.app``, imported inside the function that starts it.
- No import cycles among the modules of ``quizapp`` or of ``grader``. This graph holds only the
  imports that run while a module is being imported (module level, class bodies, ``try``/``if``
  blocks). Imports inside functions run later, when the function is called, and those under
  ``if TYPE_CHECKING:`` never run: neither can make a cycle at import time, so both are left out
  of this one check (they still count for every other rule).
- The app's start-up modules (``quizapp.__main__``, ``quizapp.cli`` and every module of
  ``quizapp.tui``, since the app imports its screens by name) import ``torch`` neither
  themselves nor through any module they import at import time (parent packages included, as
  Python runs them first); and no module of ``quizapp.tui`` imports ``torch`` at all (grading
  runs in a process of its own).

A failure lists each offending import as ``path:line: what``; the fix is in the code, not here.
"""

from __future__ import annotations

import ast
import textwrap
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("quizapp", "grader")
TUI = "quizapp.tui"
COMMANDS = "quizapp.commands"
CLI = ("quizapp.cli", "quizapp.__main__")
APP_ENTRY = "quizapp.tui.app"
TALKING_CALLS = ("print", "input")
STANDARD_STREAMS = ("stdout", "stderr", "__stdout__", "__stderr__")


# --------------------------------------------------------------------------------------------
# Reading the sources


@dataclass(frozen=True)
class Import:
    """One module that one import statement imports."""

    target: str        # absolute dotted name
    line: int
    lazy: bool         # inside a function: runs when the function is called
    type_only: bool    # under ``if TYPE_CHECKING:``: never runs

    @property
    def at_import_time(self) -> bool:
        return not (self.lazy or self.type_only)


@dataclass(frozen=True)
class Module:
    name: str
    path: Path
    tree: ast.Module

    @property
    def package(self) -> str:
        """The package that relative imports start from."""
        if self.path.name == "__init__.py":
            return self.name
        return self.name.rpartition(".")[0]

    @property
    def where(self) -> str:
        return self.path.relative_to(ROOT).as_posix() if self.path.is_relative_to(ROOT) \
            else str(self.path)


def module_name(path: Path, root: Path) -> str:
    """``root/quizapp/tui/app.py`` -> ``quizapp.tui.app``; a package's ``__init__.py`` is the
    package."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def project_modules() -> dict[str, Module]:
    """Every module of ``quizapp`` and ``grader``, by dotted name."""
    modules = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            name = module_name(path, ROOT)
            modules[name] = Module(name, path, tree)
    return modules


def resolve_from(module: Module, node: ast.ImportFrom) -> str:
    """The absolute name of the module a ``from ... import`` reads from."""
    if node.level == 0:
        return node.module or ""
    base = module.package.split(".")
    if node.level - 1 > len(base) - 1:
        raise ValueError(f"{module.where}:{node.lineno}: relative import beyond the top package")
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def is_type_checking_test(node: ast.expr) -> bool:
    return (isinstance(node, ast.Name) and node.id == "TYPE_CHECKING") or (
        isinstance(node, ast.Attribute) and node.attr == "TYPE_CHECKING")


def imports_of(module: Module, known: Iterable[str] = ()) -> list[Import]:
    """Every import of ``module``, with where it runs. ``known`` are the modules of ours, so
    that ``from pkg import name`` can tell a submodule from a name."""
    known = set(known)
    found: list[Import] = []

    def visit(node: ast.AST, lazy: bool, type_only: bool) -> None:
        if isinstance(node, ast.Import):
            found.extend(Import(alias.name, node.lineno, lazy, type_only) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = resolve_from(module, node)
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.append(Import(sub if sub in known else base, node.lineno, lazy, type_only))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            lazy = True
        if isinstance(node, ast.If) and is_type_checking_test(node.test):
            for child in node.body:
                visit(child, lazy, True)
            for child in node.orelse:
                visit(child, lazy, type_only)
            return
        for child in ast.iter_child_nodes(node):
            visit(child, lazy, type_only)

    visit(module.tree, False, False)
    return found


@cache
def all_imports() -> dict[str, list[Import]]:
    modules = project_modules()
    return {name: imports_of(module, modules) for name, module in modules.items()}


def within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def layer_of(name: str) -> str:
    if within(name, "grader"):
        return "grader"
    if within(name, TUI):
        return "tui"
    if within(name, COMMANDS):
        return "commands"
    if name in CLI:
        return "cli"
    return "domain"


def modules_in(layer: str) -> Iterator[Module]:
    return (m for name, m in project_modules().items() if layer_of(name) == layer)


def describe(module: Module, imp: Import) -> str:
    when = " (inside a function)" if imp.lazy else (
        " (under TYPE_CHECKING)" if imp.type_only else "")
    return f"{module.where}:{imp.line}: imports {imp.target}{when}"


def forbidden_imports(layer: str, forbidden: tuple[str, ...]) -> list[str]:
    imports = all_imports()
    return [describe(module, imp) for module in modules_in(layer)
            for imp in imports[module.name]
            if any(within(imp.target, f) for f in forbidden)]


def is_main_guard(node: ast.stmt) -> bool:
    """``if __name__ == "__main__":``"""
    return isinstance(node, ast.If) and isinstance(node.test, ast.Compare) \
        and isinstance(node.test.left, ast.Name) and node.test.left.id == "__name__" \
        and any(isinstance(c, ast.Constant) and c.value == "__main__"
                for c in node.test.comparators)


def is_child_program(module: Module, imports: dict[str, list[Import]]) -> bool:
    """A program of its own: it has a main block and no module of ours imports it."""
    runnable = any(is_main_guard(node) for node in module.tree.body)
    return runnable and not any(imp.target == module.name
                                for found in imports.values() for imp in found)


def talking_to_a_person(module: Module) -> list[str]:
    """Calls of ``print``/``input`` and uses of ``sys.stdout``/``sys.stderr`` in ``module``."""
    found = []
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id in TALKING_CALLS:
            found.append((node.lineno, f"calls {node.func.id}()"))
        elif isinstance(node, ast.Attribute) and node.attr in STANDARD_STREAMS \
                and isinstance(node.value, ast.Name) and node.value.id == "sys" \
                and not isinstance(node.ctx, ast.Store):
            found.append((node.lineno, f"uses sys.{node.attr}"))
    return [f"{module.where}:{line}: {what}" for line, what in sorted(set(found))]


# --------------------------------------------------------------------------------------------
# The import graph


def import_time_graph() -> dict[str, set[str]]:
    """Module -> the modules of ours it imports while it is being imported."""
    modules = project_modules()
    return {name: {i.target for i in imports if i.at_import_time and i.target in modules}
            for name, imports in all_imports().items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module, or a module importing
    itself (Tarjan's algorithm, iterative), each sorted, the list sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        top = stack.pop()
                        on_stack.discard(top)
                        component.append(top)
                        if top == node:
                            break
                    if len(component) > 1 or node in graph[node]:
                        found.append(sorted(component))
            elif child not in index:
                index[child] = low[child] = counter
                counter += 1
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph.get(child, ())))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return sorted(found)


def one_cycle_through(component: list[str], graph: dict[str, set[str]]) -> list[str]:
    """A concrete loop ``a -> b -> ... -> a`` inside a strongly connected component."""
    members = set(component)
    start = component[0]
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for child in sorted(graph[node] & members):
            if child == start:
                return [*paths[node], start]
            if child not in paths:
                paths[child] = [*paths[node], child]
                queue.append(child)
    return component  # pragma: no cover - a component always loops back to its start


def with_parents(name: str) -> list[str]:
    """``a.b.c`` -> ``a``, ``a.b``, ``a.b.c``: what Python runs to import it."""
    parts = name.split(".")
    return [".".join(parts[:n]) for n in range(1, len(parts) + 1)]


def torch_at_start_up(roots: Iterable[str]) -> list[str]:
    """Each module reached from ``roots`` at import time that imports torch at import time,
    with the chain of imports that reaches it."""
    modules = project_modules()
    imports = all_imports()
    came_from: dict[str, str | None] = {}
    queue = []
    for root in sorted(roots):
        for name in with_parents(root):
            if name in modules and name not in came_from:
                came_from[name] = None
                queue.append(name)
    found = []
    while queue:
        name = queue.pop(0)
        for imp in imports[name]:
            if not imp.at_import_time:
                continue
            if within(imp.target, "torch"):
                chain, step = [], name
                while step is not None:
                    chain.append(step)
                    step = came_from[step]
                found.append(f"{describe(modules[name], imp)}, reached by "
                             f"{' -> '.join(reversed(chain))}")
            for reached in with_parents(imp.target):
                if reached in modules and reached not in came_from:
                    came_from[reached] = name
                    queue.append(reached)
    return found


def report(problems: list[str]) -> str:
    return "\n" + "\n".join(problems)


# --------------------------------------------------------------------------------------------
# The reader itself, on small sources


def parse_as(name: str, source: str, package: bool = False) -> Module:
    parts = name.split(".")
    path = ROOT.joinpath(*parts, "__init__.py") if package else \
        ROOT.joinpath(*parts[:-1], parts[-1] + ".py")
    return Module(name, path, ast.parse(textwrap.dedent(source)))


def test_the_reader_resolves_relative_imports_and_tells_lazy_ones():
    module = parse_as("quizapp.tui.screens.home", """
        from typing import TYPE_CHECKING
        import textual.app, os.path as osp
        from . import base
        from .. import data
        from ..widgets.bars import Bar
        from ...store import Store
        if TYPE_CHECKING:
            from quizapp.tui.app import QuizApp
        class Home:
            from quizapp import texts
            def grade(self):
                import torch
                return lambda: __import__("x")
    """)
    known = {"quizapp.tui.screens.base", "quizapp.tui.data", "quizapp.texts"}
    assert [(i.target, i.lazy, i.type_only) for i in imports_of(module, known)] == [
        ("typing", False, False), ("textual.app", False, False), ("os.path", False, False),
        ("quizapp.tui.screens.base", False, False), ("quizapp.tui.data", False, False),
        ("quizapp.tui.widgets.bars", False, False), ("quizapp.store", False, False),
        ("quizapp.tui.app", False, True), ("quizapp.texts", False, False),
        ("torch", True, False)]


def test_a_package_init_resolves_relative_imports_from_itself():
    module = parse_as("quizapp.mock", "from .plan import Plan\nfrom . import clock\n",
                      package=True)
    assert [i.target for i in imports_of(module, {"quizapp.mock.clock"})] == [
        "quizapp.mock.plan", "quizapp.mock.clock"]
    with pytest.raises(ValueError, match="beyond the top package"):
        imports_of(parse_as("quizapp.x", "from ... import y\n"))


def test_the_cycle_finder_finds_loops_and_only_loops():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"e"}, "f": {"d"}}
    assert cycles(graph) == [["a", "b", "c"], ["e"]]
    assert one_cycle_through(["a", "b", "c"], graph) == ["a", "b", "c", "a"]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_a_child_program_is_run_not_imported():
    program = parse_as("quizapp._child", "import sys\nif __name__ == '__main__':\n    main()\n")
    library = parse_as("quizapp.lib", "x = 1\n")
    assert is_child_program(program, {"quizapp.lib": []})
    assert not is_child_program(library, {})
    imported = {"quizapp.user": [Import("quizapp._child", 1, lazy=True, type_only=False)]}
    assert not is_child_program(program, imported)


def test_talking_to_a_person_is_print_input_and_the_standard_streams():
    module = parse_as("quizapp.x", """
        import sys
        def report(x):
            print(x)
            sys.stderr.write("no")
            sys.stdout = None          # rebinding the stream is not writing to it
            return x.print()           # a method named print is not the builtin
    """)
    assert talking_to_a_person(module) == ["quizapp/x.py:4: calls print()",
                                           "quizapp/x.py:5: uses sys.stderr"]


# --------------------------------------------------------------------------------------------
# The rules, on the project


def test_the_grader_imports_nothing_of_quizapp():
    assert not (problems := forbidden_imports("grader", ("quizapp",))), report(problems)


def test_the_domain_imports_neither_the_tui_the_commands_the_cli_nor_textual():
    problems = forbidden_imports("domain", (TUI, COMMANDS, *CLI, "textual"))
    assert not problems, report(problems)


def test_the_domain_returns_values_and_does_not_talk_to_a_person():
    imports = all_imports()
    problems = [p for module in modules_in("domain") if not is_child_program(module, imports)
                for p in talking_to_a_person(module)]
    problems += forbidden_imports("domain", ("argparse",))
    assert not problems, report(problems)


def test_commands_reach_the_tui_only_to_start_the_app_and_never_import_textual():
    imports = all_imports()
    problems = []
    for module in modules_in("commands"):
        for imp in imports[module.name]:
            if within(imp.target, "textual"):
                problems.append(describe(module, imp))
            elif within(imp.target, TUI) and not (imp.target == APP_ENTRY and imp.lazy):
                problems.append(describe(module, imp) + f"; only {APP_ENTRY}, inside the "
                                "function that starts the app")
    assert not problems, report(problems)


def test_there_are_no_import_cycles():
    graph = import_time_graph()
    problems = [" -> ".join(one_cycle_through(c, graph)) for c in cycles(graph)]
    assert not problems, report(problems)


def test_the_app_starts_without_importing_torch():
    roots = [*CLI, *(m.name for m in modules_in("tui"))]
    assert APP_ENTRY in roots
    problems = torch_at_start_up(roots)
    problems += forbidden_imports("tui", ("torch",))
    assert not problems, report(problems)


def test_katas_import_only_grader_cases_of_the_grader():
    """A kata's files (cases, probes, references, wrong submissions) use ``grader.cases`` and
    nothing else of the grader, and nothing of quizapp: the grader can change under them."""
    problems = []
    for path in sorted((ROOT / "katas").rglob("*.py")):
        module = Module(path.stem, path, ast.parse(path.read_text(encoding="utf-8")))
        for imp in imports_of(module):
            top = imp.target.split(".")[0]
            if top == "quizapp" or (top == "grader" and not within(imp.target, "grader.cases")):
                problems.append(f"{module.where}:{imp.line}: imports {imp.target}")
    assert not problems, report(problems)
