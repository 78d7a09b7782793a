"""Find uses of forbidden APIs in a submission's source (the static half of the forbidden check).

Names are resolved through the file's imports, so ``import torch.nn.functional as F`` followed by
``F.linear`` is found as ``torch.nn.functional.linear``. The runtime guard in the submission's
process catches what static analysis cannot (``getattr`` with computed names, aliases).
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


def scan(source: str, apis: list[str], syntax: list[str] = ()) -> list[Hit]:
    """Lines where the source names a forbidden API or uses a forbidden operator."""
    tree = ast.parse(source)
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
