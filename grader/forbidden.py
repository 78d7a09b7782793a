"""Find uses of forbidden APIs in a submission's source (the static half of the forbidden check).

Names are resolved through the file's imports, so ``import torch.nn.functional as F`` followed by
``F.linear`` is found as ``torch.nn.functional.linear``. The profiler hook in the submission's
process catches what static analysis cannot (``getattr`` with computed names, aliases, reloads).

Code under ``if __name__ == "__main__":`` never runs under the grader, so it is not scanned: a
candidate's self-check against the library function is not a use of it.

:func:`reflection` finds the ways to reach a library or the grader's own process around both
halves (``importlib``, ``reload``, ``__import__``, ``torch.ops``, ``torch._C``, profiler and
tracer hooks, frame walking, ``gc``, ``ctypes``); a kata's forbidden check reports them, except
those the kata allows.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

SYNTAX = {"@": (ast.MatMult, "the @ operator")}


@dataclass
class Hit:
    line: int
    name: str


def _aliases(tree: ast.AST) -> dict[str, str]:
    """Local name -> full dotted name, from the file's import statements."""
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    names[alias.asname] = alias.name
                else:
                    top = alias.name.split(".")[0]
                    names[top] = top
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return names


def _dotted(node: ast.AST, aliases: dict[str, str]) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        base = aliases.get(node.id)
        if base is None:
            return None
        return ".".join([base, *reversed(parts)])
    return None


def _matches(name: str, forbidden: str) -> bool:
    return name == forbidden or name.startswith(forbidden + ".")


def _canonical(name: str) -> str:
    """Spell well-known aliases one way (torch.nn.modules.linear.Linear is torch.nn.Linear)."""
    for alias, canonical in (("torch.nn.modules.linear.", "torch.nn."), ("torch.nn.modules.", "torch.nn."),
                             ("torch._C._nn.", "torch.nn.functional."), ("torch.functional.", "torch.")):
        if name.startswith(alias):
            return canonical + name[len(alias):].split(".")[-1]
    return name


#: Reflection that reaches around the forbidden-API rules: name -> what it is, in words.
REFLECTION = {
    "importlib": "importlib (importing or reloading modules by name)",
    "reload": "reload (re-executing a library module)",
    "__import__": "__import__ (importing by a computed name)",
    "torch.ops": "torch.ops (calling torch's operators directly)",
    "torch._C": "torch._C (torch's internal bindings)",
    "sys.setprofile": "sys.setprofile (the grader's profiler hook)",
    "sys.settrace": "sys.settrace (the grader's process hooks)",
    "sys.monitoring": "sys.monitoring (the grader's process hooks)",
    "threading.setprofile": "threading.setprofile (the grader's profiler hook)",
    "threading.settrace": "threading.settrace (the grader's process hooks)",
    "sys._getframe": "sys._getframe (walking the call stack)",
    "inspect": "inspect (walking the call stack and the grader's frames)",
    "gc": "gc (scanning the process's objects)",
    "ctypes": "ctypes (raw memory and C calls)",
}
#: Attributes that walk frames whatever object they are read from.
FRAME_ATTRIBUTES = ("f_back", "f_globals", "f_locals", "f_builtins", "tb_frame", "gi_frame",
                    "cr_frame", "ag_frame")


def _demo_block(node: ast.AST) -> bool:
    """``if __name__ == "__main__":`` (either way round)."""
    if not isinstance(node, ast.If) or not isinstance(node.test, ast.Compare):
        return False
    test = node.test
    if len(test.ops) != 1 or not isinstance(test.ops[0], ast.Eq):
        return False
    sides = [test.left, *test.comparators]
    names = [s for s in sides if isinstance(s, ast.Name) and s.id == "__name__"]
    mains = [s for s in sides if isinstance(s, ast.Constant) and s.value == "__main__"]
    return len(names) == 1 and len(mains) == 1


def _parse(source: str) -> ast.Module:
    """The module without its demo blocks (they never run under the grader)."""
    tree = ast.parse(source)
    tree.body = [node for node in tree.body if not _demo_block(node)]
    return tree


def reflection(source: str, allowed: list[str] = ()) -> list[Hit]:
    """Lines that use reflection (:data:`REFLECTION`, :data:`FRAME_ATTRIBUTES`) not in ``allowed``."""
    tree = _parse(source)
    aliases = _aliases(tree)
    hits: list[Hit] = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Name) and (node.id in aliases or node.id == "__import__"):
            names = [aliases.get(node.id, node.id)]
        elif isinstance(node, ast.Attribute):
            names = [_dotted(node, aliases) or ""]
            if node.attr in FRAME_ATTRIBUTES and "frames" not in allowed:
                hits.append(Hit(node.lineno, f".{node.attr} (walking the call stack)"))
        for name in names:
            for key, words in REFLECTION.items():
                if key in allowed:
                    continue
                if _matches(name, key) or name.endswith("." + key) and key in ("reload",):
                    hits.append(Hit(node.lineno, words))
    unique = {(h.line, h.name): h for h in hits}
    return sorted(unique.values(), key=lambda h: (h.line, h.name))


def scan(source: str, apis: list[str], syntax: list[str] = ()) -> list[Hit]:
    """Lines where the source names a forbidden API or uses a forbidden operator."""
    tree = _parse(source)
    aliases = _aliases(tree)
    hits: list[Hit] = []
    seen = set()
    for node in ast.walk(tree):
        name = None
        if isinstance(node, (ast.Attribute, ast.Name)):
            name = _dotted(node, aliases)
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                if any(_matches(_canonical(full), api) or _matches(full, api) for api in apis):
                    hits.append(Hit(node.lineno, full))
            continue
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if any(_matches(alias.name, api) for api in apis):
                    hits.append(Hit(node.lineno, alias.name))
            continue
        if name:
            canonical = _canonical(name)
            for api in apis:
                if (_matches(canonical, api) or _matches(name, api)) and (node.lineno, api) not in seen:
                    seen.add((node.lineno, api))
                    hits.append(Hit(node.lineno, api))
        for symbol in syntax:
            node_type, description = SYNTAX[symbol]
            if isinstance(node, ast.BinOp) and isinstance(node.op, node_type):
                hits.append(Hit(node.lineno, description))
            if isinstance(node, ast.AugAssign) and isinstance(node.op, node_type):
                hits.append(Hit(node.lineno, description))
    # Attribute chains are visited at every level; keep the first hit per line and name.
    unique = {(h.line, h.name): h for h in hits}
    return sorted(unique.values(), key=lambda h: (h.line, h.name))
