"""A kata's definition: ``kata.yaml`` validated, plus the Python files beside it.

A kata folder holds ``kata.yaml`` (metadata, prompt, hints, checks), ``starter.py`` (what the
candidate starts from), ``reference.py`` (the solution; only ever imported by the grader's own
process), optionally ``cases.py`` (input generators and evaluations, grader side), ``probe.py``
(ways to exercise a submission, run in the submission's process) and ``wrong/*.py`` (realistic
wrong submissions used by the authoring check).

The schema of ``kata.yaml`` (one model per check kind) is :mod:`grader.kata_schema`; its errors
name the file and line (:mod:`grader.schema_errors`).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from grader import schema_errors
from grader.kata_schema import (  # noqa: F401 - the schema's names, importable from here as before
    CHECK_KINDS,
    PATTERN_WORDS,
    CheckSpec,
    KataSpec,
    Text,
)
from grader.schema_errors import SchemaProblem


class KataError(Exception):
    """A kata folder that cannot be used (missing, or an invalid kata.yaml).

    ``problems`` holds one :class:`SchemaProblem` (``file:line: message``) per problem found
    in ``kata.yaml``; ``str()`` is one line per problem."""

    def __init__(self, message: str, problems: list[SchemaProblem] | None = None):
        super().__init__(message)
        self.problems = list(problems or [])

    def messages(self) -> list[str]:
        """One message per problem (the exception's text when it has no list)."""
        return [str(p) for p in self.problems] or [str(self)]


class Kata:
    """A kata folder: its spec and paths; the Python parts are imported on demand."""

    def __init__(self, folder: Path, spec: KataSpec):
        self.folder = folder
        self.spec = spec
        self._modules: dict[str, Any] = {}

    @property
    def id(self) -> str:
        return self.spec.id

    def path(self, name: str) -> Path:
        return self.folder / name

    def module(self, name: str):
        """Import ``reference``, ``cases`` or ``probe`` from the kata folder (grader side only)."""
        if name not in self._modules:
            path = self.folder / f"{name}.py"
            if not path.exists():
                self._modules[name] = None
            else:
                unique = f"_kata_{self.id.replace('-', '_')}_{name}"
                spec = importlib.util.spec_from_file_location(unique, path)
                module = importlib.util.module_from_spec(spec)
                sys.modules[unique] = module
                spec.loader.exec_module(module)
                self._modules[name] = module
        return self._modules[name]

    def wrong_submissions(self) -> list[Path]:
        return sorted((self.folder / "wrong").glob("*.py"))


def load_kata(folder: str | Path) -> Kata:
    """Read and validate ``folder/kata.yaml``; raise KataError with ``file:line`` on problems."""
    folder = Path(folder)
    path = folder / "kata.yaml"
    if not path.is_file():
        raise KataError(f"{folder}: not a kata folder (no kata.yaml)")
    spec = parse_kata_yaml(path.read_text(encoding="utf-8"), str(path))
    if spec.id != folder.name:
        raise KataError(f"{path}: id '{spec.id}' does not match the folder name '{folder.name}'")
    for required in ("starter.py", "reference.py"):
        if not (folder / required).is_file():
            raise KataError(f"{folder}: missing {required}")
    return Kata(folder, spec)


def parse_kata_yaml(text: str, file: str = "kata.yaml") -> KataSpec:
    """Validate the text of a ``kata.yaml``; raise KataError listing every problem with its line
    (``file`` is how messages name the file)."""
    try:
        root, data = schema_errors.parse_yaml(text)
    except yaml.YAMLError as exc:
        line = schema_errors.yaml_error_line(exc)
        problem = SchemaProblem(file, line or 1, f"invalid YAML: {getattr(exc, 'problem', None) or exc}")
        raise KataError(f"{file}{f':{line}' if line else ''}: {problem.message}", [problem]) from exc
    if not isinstance(data, dict):
        problem = SchemaProblem(file, 1, "expected a mapping of fields (id: ..., title: ..., checks: ...)")
        raise KataError(str(problem), [problem])
    try:
        spec = KataSpec.model_validate(data)
    except ValidationError as exc:
        problems = schema_errors.problems_from(exc, KataSpec, root, file, patterns=PATTERN_WORDS)
        raise KataError("\n".join(map(str, problems)), problems) from exc
    problems = schema_errors.problems_at(spec.consistency_problems(), root, file)
    if problems:
        raise KataError("\n".join(map(str, problems)), problems)
    return spec
