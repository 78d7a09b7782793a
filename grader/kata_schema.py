"""The schema of ``kata.yaml``: the kata's metadata and one strict model per check kind.

A check is one item of ``checks:``; its ``kind`` picks the model (a pydantic discriminated
union), and every model forbids options it does not know, so a misspelt option is an error with
its line rather than a setting silently ignored. The check kinds in ``grader.checks`` read their
options from these models::

    - kind: outputs            # OutputsCheck: function|module, cases, mistakes, view_of_input, tolerance
      function: attention
      cases: output_cases

``custom`` is the kind of a kata's own check (a probe in ``probe.py``, an evaluator in
``cases.py``); ``behaviour`` is its older name and loads as the same kind. The report names the
kind as the file wrote it, so ``# expect: behaviour`` lines of older katas keep matching.

This module validates the *shape* of ids (topics, related questions, sources); which topics,
questions and sources exist is the question banks' business, checked by ``quizapp kata lint``.
It imports neither torch nor anything of ``quizapp``: the app reads every kata at start-up.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from grader.forbidden import REFLECTION, SYNTAX

# --------------------------------------------------------------------------------------------
# Shapes of names and ids

KATA_ID = r"^[a-z0-9][a-z0-9-]*$"
#: A topic id: a bank's ``topic`` (``nn-module``). Which topics exist is read from the banks.
TOPIC_ID = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
#: A question id or a topic id (the question banks' id shape).
RELATED_ID = r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$"
#: ``<document>#<anchor>`` of ``questions/sources.yaml``.
SOURCE_REF = r"^[a-z0-9][a-z0-9-]*#[A-Za-z0-9][A-Za-z0-9_.-]*$"
PY_NAME = r"^[A-Za-z_][A-Za-z0-9_]*$"
PY_PATH = r"^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$"

#: What each pattern means, for error messages (``grader.schema_errors``).
PATTERN_WORDS = {
    KATA_ID: "not a kata id (lowercase letters, digits and '-')",
    TOPIC_ID: "not a topic id (lowercase words joined by '-', like nn-module)",
    RELATED_ID: "not a question or topic id (lowercase letters, digits, '-', '_' or '.')",
    SOURCE_REF: "not '<document>#<anchor>' (an anchor listed in questions/sources.yaml)",
    PY_NAME: "not a Python name",
    PY_PATH: "not a Python name (dots allowed: Class.method)",
}

KataId = Annotated[str, Field(pattern=KATA_ID)]
TopicId = Annotated[str, Field(pattern=TOPIC_ID)]
RelatedId = Annotated[str, Field(pattern=RELATED_ID)]
SourceRef = Annotated[str, Field(pattern=SOURCE_REF)]
PyName = Annotated[str, Field(pattern=PY_NAME)]
PyPath = Annotated[str, Field(pattern=PY_PATH)]
FloatDtype = Literal["float16", "bfloat16", "float32", "float64"]
Reflection = Literal[tuple([*REFLECTION, "frames"])]  # type: ignore[valid-type]
Syntax = Literal[tuple(SYNTAX)]  # type: ignore[valid-type]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Text(_Strict):
    """A text in both languages; ``text.get(lang)``."""

    ko: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        """The Korean text for ``"ko"``, the English one otherwise."""
        return self.ko if lang == "ko" else self.en


# --------------------------------------------------------------------------------------------
# Tolerances

class DtypeTolerance(_Strict):
    """``{rtol, atol}`` for one dtype; what is left out keeps its default."""

    rtol: float | None = Field(default=None, ge=0)
    atol: float | None = Field(default=None, ge=0)


class DtypeTolerances(_Strict):
    """Per-dtype overrides of ``torch.testing.assert_close``'s defaults."""

    float16: DtypeTolerance | None = None
    bfloat16: DtypeTolerance | None = None
    float32: DtypeTolerance | None = None
    float64: DtypeTolerance | None = None
    complex32: DtypeTolerance | None = None
    complex64: DtypeTolerance | None = None
    complex128: DtypeTolerance | None = None


class Tolerance(DtypeTolerances):
    """Per-dtype overrides, and per device (``cuda: {float32: {...}}``) on top of them."""

    cpu: DtypeTolerances | None = None
    cuda: DtypeTolerances | None = None

    def overrides(self) -> dict[str, Any]:
        """The overrides given, as ``grader.compare.tolerance_for`` takes them."""
        return self.model_dump(exclude_none=True)


# --------------------------------------------------------------------------------------------
# Check kinds

class _Check(_Strict):
    """What every check has: its ``kind`` and an optional ``name`` (shown in the report)."""

    #: Whether the check calls one entry point (``function:`` / ``module:``).
    targeted: ClassVar[bool] = False
    name: str | None = Field(default=None, min_length=1)

    @property
    def target(self) -> str | None:
        """The function or module the check calls (None for checks that call none)."""
        return None

    @property
    def target_is_module(self) -> bool:
        """Is ``target`` an nn.Module class (built from ``Case.init_args``, then called)?"""
        return False


class _TargetCheck(_Check):
    """A check that calls one function, or builds one module and runs ``forward``."""

    targeted: ClassVar[bool] = True
    function: PyPath | None = None
    module: PyPath | None = None
    cases: PyName

    @model_validator(mode="after")
    def _one_target(self):
        if bool(self.function) == bool(self.module):
            raise PydanticCustomError(
                "check_target", "a '{kind}' check needs `function:` or `module:` (one of them)",
                {"kind": self.kind})
        return self

    @property
    def target(self) -> str | None:
        return self.function or self.module

    @property
    def target_is_module(self) -> bool:
        return bool(self.module)


class _ComparedCheck(_TargetCheck):
    """A targeted check that compares values with the reference's (so tolerances apply)."""

    tolerance: Tolerance = Field(default_factory=Tolerance)


class OutputsCheck(_ComparedCheck):
    """Outputs match the reference on every case."""

    kind: Literal["outputs"]
    #: A function of cases.py: ``mistakes(case) -> {description: output}`` to name a slip.
    mistakes: PyName | None = None
    #: The index of an input the output must be a view of (shares its storage).
    view_of_input: int | None = Field(default=None, ge=0)


class GradientsCheck(_ComparedCheck):
    """Gradients (inputs' listed in ``Case.grad``, parameters') match reference autograd."""

    kind: Literal["gradients"]


class MutationCheck(_ComparedCheck):
    """Inputs left alone (``expect: none``), or changed in place and returned (``in_place``)."""

    kind: Literal["mutation"]
    expect: Literal["none", "in_place"] = "none"
    #: With ``in_place``: the input that must be updated and returned.
    arg: int = Field(default=0, ge=0)


class DtypeCheck(_ComparedCheck):
    """The output follows the input's floating dtype."""

    kind: Literal["dtype"]
    dtypes: list[FloatDtype] = Field(default_factory=lambda: ["float64", "float16", "bfloat16"],
                                     min_length=1)


class DeviceCheck(_ComparedCheck):
    """Device-agnostic code: runs on ``meta``, and on CUDA when there is one."""

    kind: Literal["device"]


class RaisesCheck(_TargetCheck):
    """Bad input raises the exception the case names (``Case.expect = {raises: ValueError}``)."""

    kind: Literal["raises"]


class StructureCheck(_Check):
    """The module registers the reference's parameters and buffers (names, shapes, state_dict)."""

    targeted: ClassVar[bool] = True
    kind: Literal["structure"]
    module: PyPath
    cases: PyName
    #: Attributes compared too: None where the reference's is None, a Parameter where it is one.
    attributes: list[PyName] = Field(default_factory=list)

    @property
    def target(self) -> str | None:
        return self.module

    @property
    def target_is_module(self) -> bool:
        return True


class StatisticsCheck(_Check):
    """Random initialisation in place: bounds, moments and a goodness-of-fit over several seeds."""

    targeted: ClassVar[bool] = True
    kind: Literal["statistics"]
    function: PyPath
    cases: PyName

    @property
    def target(self) -> str | None:
        return self.function


class OperatorsCheck(_Check):
    """Each function calls the operator asked for, and no other of the same family."""

    kind: Literal["operators"]
    cases: PyName
    #: function -> the operator it must use (``{project: mm}``); the cases name the function.
    expect: dict[PyName, PyName] = Field(min_length=1)
    #: The family of operators watched (default: the matrix products).
    family: list[PyName] | None = Field(default=None, min_length=1)
    #: function -> why that operator, shown when the function uses another.
    why: dict[PyName, Text] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _why_for_expected(self):
        stray = [name for name in self.why if name not in self.expect]
        if stray:
            raise PydanticCustomError("why_unknown", "`why` names {names}, which `expect` does not",
                                      {"names": ", ".join(stray)})
        return self


class ForbiddenCheck(_Check):
    """APIs not used: by the source (AST) and at run time (a profiler hook)."""

    kind: Literal["forbidden"]
    #: Dotted names (``torch.nn.functional.linear``), found through the file's imports.
    apis: list[PyPath] = Field(default_factory=list)
    #: Names the run-time tracer reports (``torch.mean``, ``Tensor.mean``).
    ops: list[PyPath] = Field(default_factory=list)
    #: Syntax not allowed (``"@"``).
    syntax: list[Syntax] = Field(default_factory=list)
    #: Reflection the kata allows (normally every use is flagged).
    allow: list[Reflection] = Field(default_factory=list)
    #: Why these are forbidden, shown in the report's language.
    why: Text | None = None


class CustomCheck(_Check):
    """A kata's own check: a probe of ``probe.py`` runs on the submission, an evaluator of
    ``cases.py`` judges what it returned. ``behaviour`` is this kind's older name."""

    kind: Literal["custom", "behaviour"]
    name: str = Field(min_length=1)
    #: ``probe.py``'s function: ``probe(submission, **case.kwargs) -> data``.
    probe: PyName
    #: ``cases.py``'s function giving the cases (default: one case without arguments).
    cases: PyName | None = None
    #: ``cases.py``'s ``evaluate(case, value, *, ops, reference, device) -> (ok, message, figures)``.
    evaluate: PyName
    #: Run the probe on the grade's device (default: the CPU).
    on_device: bool = False
    #: Record the operators the probe's calls into the submission use (``ops`` of the evaluator).
    trace: bool = False


CHECK_MODELS: tuple[type[_Check], ...] = (
    ForbiddenCheck, OutputsCheck, GradientsCheck, MutationCheck, DtypeCheck, DeviceCheck,
    StructureCheck, StatisticsCheck, RaisesCheck, OperatorsCheck, CustomCheck)
#: Older names of a kind -> the kind's name.
KIND_ALIASES = {"behaviour": "custom"}
#: Every kind's name (aliases included), in the order of CHECK_MODELS.
CHECK_KINDS: tuple[str, ...] = tuple(
    kind for model in CHECK_MODELS for kind in model.model_fields["kind"].annotation.__args__)

# A union of the models in CHECK_MODELS, built from the tuple: `X | Y` cannot spell that (and
# UP007's fix would drop the Union).
CheckSpec = Annotated[Union[tuple(CHECK_MODELS)],  # type: ignore[valid-type]  # noqa: UP007
                      Field(discriminator="kind")]


def canonical_kind(kind: str) -> str:
    """``behaviour`` -> ``custom``; every other kind is its own name."""
    return KIND_ALIASES.get(kind, kind)


# --------------------------------------------------------------------------------------------
# The kata

class KataSpec(_Strict):
    """The validated contents of ``kata.yaml``."""

    id: KataId
    title: Text
    difficulty: int = Field(ge=1, le=3)
    minutes: float = Field(gt=0)
    topics: list[TopicId] = Field(min_length=1)
    source: SourceRef
    entry: list[PyName] = Field(min_length=1)
    prompt: Text
    hints: list[Text] = Field(min_length=1)
    timeout_s: float = Field(default=20.0, gt=0, le=300)
    memory_mb: int | None = Field(default=None, gt=0)
    tolerance: Tolerance = Field(default_factory=Tolerance)
    #: Question ids and topic ids this kata practises (the lint checks them against the banks).
    related: list[RelatedId] = Field(default_factory=list)
    checks: list[CheckSpec] = Field(min_length=1)

    def consistency_problems(self) -> list[tuple[tuple, str]]:
        """Problems between fields, as (location, message): names given twice, checks that
        call a name ``entry`` does not list."""
        problems: list[tuple[tuple, str]] = []
        for field in ("topics", "entry", "related"):
            problems += [((field, i), f"{value!r} is listed twice")
                         for i, value in _repeats(getattr(self, field))]
        problems += [(("checks", i, "name"), f"two checks are named {name!r}; a report (and a "
                                             "gradebook column) needs each name once")
                     for i, name in _repeats([c.name for c in self.checks], skip_none=True)]
        entry = set(self.entry)
        for i, check in enumerate(self.checks):
            target = check.target
            if target and target.split(".")[0] not in entry:
                field = "module" if getattr(check, "module", None) else "function"
                problems.append((("checks", i, field), f"{target!r} is not in `entry` "
                                                       f"({', '.join(self.entry)})"))
            if isinstance(check, OperatorsCheck):
                problems += [(("checks", i, "expect", name), f"{name!r} is not in `entry` "
                                                             f"({', '.join(self.entry)})")
                             for name in check.expect if name not in entry]
        return problems


def _repeats(values: list, skip_none: bool = False) -> list[tuple[int, Any]]:
    """(index, value) of every value that appeared earlier in the list."""
    seen: set = set()
    found = []
    for i, value in enumerate(values):
        if value is None and skip_none:
            continue
        if value in seen:
            found.append((i, value))
        seen.add(value)
    return found
