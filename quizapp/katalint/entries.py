"""The entry points a kata asks for, read from a solution's source with ``ast``.

:func:`entry_points` tells each name of a kata's ``entry`` apart as a function, an
``nn.Module``, a ``torch.autograd.Function`` or another class (from the class's bases, following
classes of the same file), so that :mod:`quizapp.katalint.trivial` can write a submission of
the same shape; :func:`defined_names` lists what a module defines, to check that the reference
and the starter define every entry. Nothing is imported or run.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class EntryPoint:
    """A name the submission must define: ``function``, ``module`` (an nn.Module subclass),
    ``autograd`` (a torch.autograd.Function subclass) or ``object`` (another kind of class)."""

    name: str
    kind: str


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    if isinstance(node, ast.Call):
        return _dotted(node.func)
    if isinstance(node, ast.Subscript):
        return _dotted(node.value)
    return ""


def _class_kind(node: ast.ClassDef, classes: dict[str, ast.ClassDef], seen: set[str]) -> str:
    """What a class is, from its bases (following classes defined in the same file)."""
    for base in node.bases:
        name = _dotted(base)
        last = name.rsplit(".", 1)[-1]
        if last in classes and last not in seen:
            return _class_kind(classes[last], classes, seen | {last})
        if last == "Function" or last.endswith("Function") and "autograd" in name:
            return "autograd"
        if last in ("Optimizer", "LRScheduler", "_LRScheduler", "Dataset", "IterableDataset",
                    "Sampler", "object"):
            return "object"
    return "module"


def entry_points(source: str, names: Iterable[str] | None = None) -> list[EntryPoint]:
    """The entry points of a reference solution, read with ``ast`` (nothing is imported).

    With ``names`` (the kata's ``entry``), one EntryPoint per name, in that order; a name the
    source does not define as a function or class counts as a function. Without, every public
    top-level function and class. Raises SyntaxError for a source that does not parse.
    """
    tree = ast.parse(source)
    classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
    found: dict[str, EntryPoint] = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found[node.name] = EntryPoint(node.name, "function")
        elif isinstance(node, ast.ClassDef):
            found[node.name] = EntryPoint(node.name, _class_kind(node, classes, {node.name}))
    if names is None:
        return [e for name, e in found.items() if not name.startswith("_")]
    return [found.get(name, EntryPoint(name, "function")) for name in names]


def defined_names(source: str) -> set[str]:
    """Top-level names a module defines (functions, classes, assignments, imports)."""
    names: set[str] = set()
    for node in ast.parse(source).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                names.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
    return names
