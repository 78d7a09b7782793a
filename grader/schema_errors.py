"""A YAML file's validation errors as ``file:line: field: message``, with hints.

The grader's own small equivalent of what the question banks do (``grader`` imports nothing of
``quizapp``): the YAML node tree is kept while the data is validated, each pydantic error's
location is walked through that tree to the line of its key, and the message says what to
write instead: an unknown option names the closest allowed one and lists them all::

    root, data = parse_yaml(text)
    try:
        Model.model_validate(data)
    except ValidationError as exc:
        for problem in problems_from(exc, Model, root, "katas/x/kata.yaml"):
            print(problem)   # katas/x/kata.yaml:21: checks[2].mistaks: unknown option 'mistaks' ...
"""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError

try:  # libyaml's parser when PyYAML has it: the same safe subset of YAML, much faster
    _Loader: type = yaml.CSafeLoader  # type: ignore[attr-defined]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


@dataclass(frozen=True, order=True)
class SchemaProblem:
    """One problem in a file: ``str(problem)`` is ``"file:line: message"``."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


# --------------------------------------------------------------------------------------------
# YAML with lines

def parse_yaml(text: str) -> tuple[yaml.Node | None, Any]:
    """(node tree, data) of one YAML document; raises ``yaml.YAMLError``."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return node, data


def yaml_error_line(exc: yaml.YAMLError) -> int | None:
    """The 1-based line a YAML syntax error points at, when it says."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return mark.line + 1 if mark is not None else None


def _child(node: yaml.Node | None, key: Any) -> tuple[yaml.Node | None, yaml.Node | None]:
    """(key node, value node) of ``key`` in a mapping node, or (None, item) of a sequence."""
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == str(key):
                return k, v
    elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
        return None, node.value[key]
    return None, None


def line_of(root: yaml.Node | None, loc: tuple) -> int:
    """1-based line of the deepest node along ``loc``: a field's key, a list item's start.
    Segments not in the file (a missing field) stop the walk at their parent."""
    if root is None:
        return 1
    node, line = root, root.start_mark.line + 1
    for seg in loc:
        key_node, value = _child(node, seg)
        if value is None:
            break
        node = value
        line = (key_node or value).start_mark.line + 1
    return line


def format_loc(loc: tuple) -> str:
    """``("checks", 2, "cases")`` -> ``"checks[2].cases"``."""
    out = ""
    for seg in loc:
        out += f"[{seg}]" if isinstance(seg, int) else ("." if out else "") + str(seg)
    return out


# --------------------------------------------------------------------------------------------
# Locations through the models

def _unwrap(annotation: Any) -> Any:
    """Annotated[X, ...] -> X; X | None -> X."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            if len(members) != 1:
                return annotation
            annotation = members[0]
        else:
            return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _tags(model: type[BaseModel]) -> tuple:
    """The values of a model's ``kind`` (its tags in a union keyed on ``kind``)."""
    field = model.model_fields.get("kind")
    if field is None or get_origin(field.annotation) is not Literal:
        return ()
    return get_args(field.annotation)


@dataclass
class _Place:
    """Where an error is: the location as the file spells it, and the model that owns its last
    segment (for the names allowed there)."""

    loc: tuple
    owner: type[BaseModel] | None
    union: tuple = ()  # the members of the union at the end of ``loc``, if it ends at one


def _place(model: type[BaseModel], loc: tuple) -> _Place:
    """Walk pydantic's ``loc`` through the model's annotations, dropping union tags."""
    shown: list = []
    owner: type[BaseModel] | None = None
    current: Any = model
    for seg in loc:
        if isinstance(seg, str) and "[" in seg:  # pydantic's own tags ('function-after[...]')
            continue
        current = _unwrap(current)
        origin = get_origin(current)
        if origin in (Union, types.UnionType):
            member = next((m for m in get_args(current) if _is_model(m) and seg in _tags(m)), None)
            if member is not None:  # the union's tag: not a key of the file
                current = member
                continue
        if _is_model(current):
            owner = current
            field = current.model_fields.get(seg) if isinstance(seg, str) else None
            current = field.annotation if field is not None else None
        elif origin in (list, tuple) and isinstance(seg, int):
            current = get_args(current)[0]
        elif origin is dict:
            current = get_args(current)[1]
        else:
            current = None
        shown.append(seg)
    current = _unwrap(current)
    union = get_args(current) if get_origin(current) in (Union, types.UnionType) else ()
    return _Place(tuple(shown), owner, union)


# --------------------------------------------------------------------------------------------
# Messages

def _names(model: type[BaseModel]) -> list[str]:
    return [name for name in model.model_fields if name != "kind"]


def _what(model: type[BaseModel] | None) -> tuple[str, str]:
    """('option', "of a 'outputs' check") for a check kind's model, ('field', '') otherwise."""
    tags = _tags(model) if model is not None else ()
    return ("option", f" of a '{tags[0]}' check") if tags else ("field", "")


def _unknown(name: Any, place: _Place, models: tuple[type[BaseModel], ...]) -> str:
    """An unknown key: the closest allowed name, the allowed names, the kinds that have it."""
    owner = place.owner
    word, of = _what(owner)
    allowed = _names(owner) if owner is not None else []
    if not isinstance(name, str) or any(c.isspace() for c in name):
        return (f"unknown {word} {name!r}{of}: a comma or colon inside {{...}} may have cut a text "
                "in two; quote the text")
    hint = ""
    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    if close:
        hint = f" (did you mean {close[0]!r}?)"
    elif _tags(owner or BaseModel):
        others = [_tags(m)[0] for m in models if m is not owner and name in m.model_fields]
        if others:
            hint = f" ({name!r} is an option of: {', '.join(others)})"
    return f"unknown {word} {name!r}{of}{hint}; allowed: {', '.join(allowed)}"


def _kinds(models: tuple[type[BaseModel], ...]) -> list[str]:
    return [tag for model in models for tag in _tags(model)]


def _message(err: dict, place: _Place, models: tuple[type[BaseModel], ...],
             patterns: dict[str, str]) -> str:
    kind, ctx, got = err["type"], err.get("ctx") or {}, err.get("input")
    last = place.loc[-1] if place.loc else None
    if kind == "extra_forbidden":
        return _unknown(last, place, models)
    if kind == "union_tag_invalid":
        kinds = _kinds(place.union or models)
        close = difflib.get_close_matches(str(ctx.get("tag")), kinds, n=1, cutoff=0.5)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return f"unknown check kind {ctx.get('tag')!r}{hint}; kinds: {', '.join(kinds)}"
    if kind == "union_tag_not_found":
        return f"a check needs `kind:` (one of: {', '.join(_kinds(place.union or models))})"
    if kind == "missing":
        if last in ("ko", "en"):
            return f"missing {last} translation"
        word, of = _what(place.owner)
        return f"required {word} {last!r}{of} is missing"
    if kind == "string_pattern_mismatch":
        words = patterns.get(ctx.get("pattern"), f"does not match {ctx.get('pattern')}")
        return f"{got!r} is {words}"
    if kind == "string_type":
        quote = " (quote it in the YAML)" if isinstance(got, (bool, int, float)) else ""
        return f"expected text, got {got!r}{quote}"
    if kind == "literal_error":
        return f"{got!r} is not allowed here; expected {ctx.get('expected')}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected a mapping (key: value), got {got!r}"
    if kind in ("list_type", "tuple_type"):
        return f"expected a list ([a, b] or '- ' items), got {got!r}"
    if kind == "too_short" and isinstance(got, (list, dict)):
        return f"needs at least {ctx.get('min_length', 1)} item(s)"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    if kind.startswith(("greater", "less", "int_", "float_", "bool_")):
        return f"{err['msg']}, got {got!r}"
    return err["msg"]


def problems_from(exc: ValidationError, model: type[BaseModel], root: yaml.Node | None, file: str,
                  *, patterns: dict[str, str] | None = None) -> list[SchemaProblem]:
    """One ``SchemaProblem`` per pydantic error of validating ``model``, sorted by line.

    ``patterns``: regex -> words for ``string_pattern_mismatch`` errors."""
    models = tuple(m for m in _all_models(model) if _tags(m))
    found: dict[tuple, SchemaProblem] = {}
    for err in exc.errors(include_url=False):
        place = _place(model, tuple(err["loc"]))
        loc = place.loc
        if err["type"] in ("union_tag_invalid", "union_tag_not_found"):
            loc += ("kind",)
        message = _message(err, place, models, patterns or {})
        text = f"{format_loc(loc)}: {message}" if loc else message
        problem = SchemaProblem(file, line_of(root, loc), text)
        found.setdefault((problem.line, text), problem)
    return sorted(found.values())


def problems_at(items: list[tuple[tuple, str]], root: yaml.Node | None, file: str) -> list[SchemaProblem]:
    """``SchemaProblem``s for (location, message) pairs found after validation."""
    return sorted(SchemaProblem(file, line_of(root, loc), f"{format_loc(loc)}: {message}")
                  for loc, message in items)


def _all_models(model: type[BaseModel], seen: set | None = None) -> list[type[BaseModel]]:
    """``model`` and every model its fields can hold (through lists, dicts, unions)."""
    seen = set() if seen is None else seen
    if model in seen:
        return []
    seen.add(model)
    found = [model]
    queue = [f.annotation for f in model.model_fields.values()]  # in order: a union's members too
    while queue:
        annotation = queue.pop(0)
        if _is_model(annotation):
            found += _all_models(annotation, seen)
        else:
            queue.extend(a for a in get_args(annotation) if not isinstance(a, (str, int, float))
                         and a is not type(None) and not isinstance(a, typing.ForwardRef))
    return found
