"""What the checks of one kata share: the ``Context`` (the kata, the device, the reference and
case modules, the planned tasks and the submission's results), the ``Task`` each check plans for
the submission's process, and ``CaseFailure``, which ends a check's evaluation with a message. A
planned context is reused for every submission (``Context.for_grade``); the tolerances of a
comparison come from here (the kata's, with the check's own on top).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from grader import compare as cmp
from grader import kata_schema as schema
from grader.cases import Case
from grader.kata import CheckSpec, Kata
from grader.messages import DEFAULT_LANG, msg
from grader.report import FAIL


@dataclass
class Task:
    id: int
    payload: dict
    case: Case
    extra: dict = field(default_factory=dict)


class Context:
    """What every check needs: the kata, the device, the reference and case modules, the results."""

    def __init__(self, kata: Kata, device: str, source: str, cuda_available: bool = False,
                 lang: str = DEFAULT_LANG):
        self.kata = kata
        self.lang = lang  # the language of the report: the checks' words and a kata's `why`
        self.spec = kata.spec
        self.device = device
        self.source = source
        self.cuda_available = cuda_available
        self.reference = kata.module("reference")
        self.case_module = kata.module("cases")
        self.tasks: list[Task] = []
        self.results: dict[int, dict] = {}
        self.import_record: dict = {}
        self.failure_note: str | None = None  # why tasks have no result (timeout, crash)
        self.missing: list[str] = []  # entry names the submission does not define
        self.raised: dict[tuple, str] = {}  # (error, line) -> the check that reported it first
        self._cases: dict[str, list[Case]] = {}
        self.memo: dict[tuple, Any] = {}  # reference results that do not depend on the submission

    def for_grade(self, source: str, lang: str = DEFAULT_LANG) -> Context:
        """A context for judging one submission: the planned cases, tasks and reference results
        are shared; the submission's source, results and report language are its own."""
        grade = copy.copy(self)
        grade.source, grade.lang = source, lang
        grade.results, grade.import_record, grade.failure_note = {}, {}, None
        grade.missing, grade.raised = [], {}
        return grade

    def cases(self, name: str | None) -> list[Case]:
        if not name:
            return [Case()]
        if name not in self._cases:
            fn = getattr(self.case_module, name, None) if self.case_module else None
            if fn is None:
                raise LookupError(f"cases.py has no function '{name}'")
            self._cases[name] = list(fn())
        return self._cases[name]

    def helper(self, name: str) -> Callable:
        fn = getattr(self.case_module, name, None) if self.case_module else None
        if fn is None:
            raise LookupError(f"cases.py has no function '{name}'")
        return fn

    def add_task(self, payload: dict, case: Case, **extra) -> Task:
        task = Task(len(self.tasks) + 1, dict(payload, id=len(self.tasks) + 1, seed=case.seed), case, extra)
        self.tasks.append(task)
        return task

    def tolerance(self, dtype, device: str, check: CheckSpec) -> cmp.Tolerance:
        """The kata's tolerance for ``dtype`` on ``device``, with the check's own on top."""
        own = check.tolerance.overrides() if isinstance(check, schema._ComparedCheck) else {}
        return cmp.tolerance_for(dtype, device, _merged(self.spec.tolerance.overrides(), own))

    def text(self, text: schema.Text | None) -> str | None:
        """A text of the kata in this grade's language."""
        return text.get(self.lang) if text is not None else None

    def say(self, key: str, **values) -> str:
        """The grader's text ``key`` (``grader.messages``) in this grade's language."""
        return msg(key, self.lang, **values)


def _merged(base: dict, over: dict) -> dict:
    """``over`` on top of ``base``, mapping by mapping (a check's ``float32: {atol}`` keeps the
    kata's ``rtol``)."""
    merged = dict(base)
    for key, value in over.items():
        merged[key] = _merged(merged[key], value) if isinstance(value, dict) and isinstance(
            merged.get(key), dict) else value
    return merged


class CaseFailure(Exception):
    """Raised inside an evaluation to end the check with a message."""

    def __init__(self, message: str, figures: dict | None = None, status: str = FAIL):
        super().__init__(message)
        self.figures = figures or {}
        self.status = status
