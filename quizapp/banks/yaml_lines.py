"""YAML parsed with its node tree kept, so that any value can be traced back to its line.

:func:`_parse` composes the node tree and constructs the data from it (libyaml's
``CSafeLoader`` when PyYAML has it); :func:`line_of` walks a path of keys and indices
(``("questions", 3, "choices", 1)``) down that tree to a 1-based line, and :func:`format_loc`
writes such a path as ``questions[3].choices[1]``. Nothing here knows the bank schema.
"""

from __future__ import annotations

from typing import Any

import yaml

try:  # libyaml's parser is several times faster than the pure-Python one
    _YamlLoader: type = yaml.CSafeLoader  # type: ignore[attr-defined]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _YamlLoader = yaml.SafeLoader


def _parse(text: str) -> tuple[yaml.Node | None, Any]:
    """Compose the node tree (kept for line numbers) and construct the data from it."""
    loader = _YamlLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return node, data


def _child(node: yaml.Node | None, key: Any) -> tuple[yaml.Node | None, yaml.Node | None]:
    """(key node, value node) of ``key`` in a mapping node, or (None, item) in a sequence node."""
    if isinstance(node, yaml.MappingNode) and isinstance(key, str):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return k, v
    elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
        if 0 <= key < len(node.value):
            return None, node.value[key]
    return None, None


def line_of(root: yaml.Node | None, loc: tuple | list) -> int:
    """1-based line of the deepest node along ``loc`` (a path of keys and indices).

    Segments that are not in the tree (a missing field, pydantic's union tags) are skipped; a
    field's line is that of its key (``answer:``), an item's that of the item.
    """
    if root is None:
        return 1
    node, line = root, root.start_mark.line + 1
    for seg in loc:
        key_node, value = _child(node, seg)
        if value is None:
            continue
        node = value
        line = (key_node or value).start_mark.line + 1
    return line


def format_loc(loc: tuple | list) -> str:
    """``("questions", 3, "choices", 1, "en")`` -> ``"questions[3].choices[1].en"``."""
    out = ""
    for seg in loc:
        if isinstance(seg, int):
            out += f"[{seg}]"
        else:
            out += ("." if out else "") + str(seg)
    return out
