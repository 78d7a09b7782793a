"""A kata's definition: ``kata.yaml`` validated, plus the Python files beside it.

A kata folder holds ``kata.yaml`` (metadata, prompt, hints, checks), ``starter.py`` (what the
candidate starts from), ``reference.py`` (the solution; only ever imported by the grader's own
process), optionally ``cases.py`` (input generators and evaluations, grader side), ``probe.py``
(ways to exercise a submission, run in the submission's process) and ``wrong/*.py`` (realistic
wrong submissions used by the authoring check).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

CHECK_KINDS = ("forbidden", "outputs", "gradients", "mutation", "dtype", "device", "structure",
               "statistics", "raises", "operators", "behaviour", "custom")


class KataError(Exception):
    """A kata folder that cannot be used (missing, or an invalid kata.yaml)."""


class Text(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ko: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.ko if lang == "ko" else self.en


class CheckSpec(BaseModel):
    """One check a kata selects; kind-specific options stay as extra fields."""

    model_config = ConfigDict(extra="allow")
    kind: Literal[CHECK_KINDS]  # type: ignore[valid-type]
    name: str | None = None
    function: str | None = None
    module: str | None = None
    cases: str | None = None
    tolerance: dict[str, Any] = Field(default_factory=dict)

    def option(self, key: str, default: Any = None) -> Any:
        return (self.model_extra or {}).get(key, default)

    @property
    def target(self) -> str | None:
        return self.function or self.module


class KataSpec(BaseModel):
    """The validated contents of ``kata.yaml``."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: Text
    difficulty: int = Field(ge=1, le=3)
    minutes: float = Field(gt=0)
    topics: list[str] = Field(min_length=1)
    source: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*#[A-Za-z0-9][\w.-]*$")  # checked against sources.yaml by the lint
    entry: list[str] = Field(min_length=1)
    prompt: Text
    hints: list[Text] = Field(min_length=1)
    timeout_s: float = Field(default=20.0, gt=0, le=300)
    memory_mb: int | None = Field(default=None, gt=0)
    tolerance: dict[str, Any] = Field(default_factory=dict)
    checks: list[CheckSpec] = Field(min_length=1)

    @field_validator("checks")
    @classmethod
    def _targets_named(cls, checks: list[CheckSpec]) -> list[CheckSpec]:
        for check in checks:
            if check.kind not in ("forbidden", "behaviour", "custom", "operators") and not check.target:
                raise ValueError(f"a '{check.kind}' check needs `function:` or `module:`")
        return checks


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
    """Read and validate ``folder/kata.yaml``; raise KataError with the file and field on problems."""
    folder = Path(folder)
    path = folder / "kata.yaml"
    if not path.is_file():
        raise KataError(f"{folder}: not a kata folder (no kata.yaml)")
    try:
        # libyaml's parser when PyYAML has it: about 15 times faster (the app lists every kata
        # at start-up); the same safe subset of YAML either way.
        data = yaml.load(path.read_text(encoding="utf-8"),
                         Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise KataError(f"{path}{line}: invalid YAML: {getattr(exc, 'problem', exc)}") from exc
    try:
        spec = KataSpec.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors())
        raise KataError(f"{path}: {problems}") from exc
    if spec.id != folder.name:
        raise KataError(f"{path}: id '{spec.id}' does not match the folder name '{folder.name}'")
    for required in ("starter.py", "reference.py"):
        if not (folder / required).is_file():
            raise KataError(f"{folder}: missing {required}")
    return Kata(folder, spec)
