"""The base of every check kind: ``Check`` plans tasks for the submission's process and judges
their results into one ``TestResult``, with the helpers the kinds share (the task payload that
calls the submission, the reference run on copies of the inputs, memoised per plan where it does
not depend on the submission, and the comparison of nested outputs that fails at the first
difference). The tree helpers here copy, cast or move the nested inputs of a case.
"""

from __future__ import annotations

import copy
from typing import Any

import torch

from grader import compare as cmp
from grader import protocol
from grader.cases import Case
from grader.checks.context import CaseFailure, Context, Task
from grader.checks.describe import describe_case, describe_value, shorten
from grader.kata import CheckSpec
from grader.messages import child_error
from grader.protocol import TensorValue
from grader.report import ERROR, FAIL, PASS, TestResult

# ---------------------------------------------------------------- decoded results

def decode(value: Any) -> Any:
    """Rebuild what the submission's process encoded (tensors become TensorValue)."""
    return protocol.decode(value, torch)


def clone_tree(value: Any) -> Any:
    """Fresh copies of every tensor (leaves keep requires_grad) for a reference run."""
    if isinstance(value, torch.Tensor):
        return value.detach().clone().requires_grad_(value.requires_grad)
    if isinstance(value, (list, tuple)):
        return type(value)(clone_tree(v) for v in value)
    if isinstance(value, dict):
        return {k: clone_tree(v) for k, v in value.items()}
    return copy.deepcopy(value)


def to_meta(value: Any) -> Any:
    """The same tree with every tensor replaced by an empty one of its shape on ``meta``."""
    if isinstance(value, torch.Tensor):
        return torch.empty_like(value, device="meta")
    if isinstance(value, (list, tuple)):
        return type(value)(to_meta(v) for v in value)
    if isinstance(value, dict):
        return {k: to_meta(v) for k, v in value.items()}
    return value


def cast_floats(value: Any, dtype: torch.dtype) -> Any:
    """A tensor, or nested lists/tuples of them, with the floating-point tensors cast to
    ``dtype``; anything else (a mapping included) as it is."""
    if isinstance(value, torch.Tensor) and value.is_floating_point():
        return value.to(dtype)
    if isinstance(value, (list, tuple)):
        return type(value)(cast_floats(v, dtype) for v in value)
    return value


# ---------------------------------------------------------------- base

class Check:
    """A check kind. Subclasses plan tasks and evaluate their results.

    ``name_key`` is the message of the kind's default name (a kata's ``name:`` replaces it)."""

    name_key = "check.custom"

    def __init__(self, spec: CheckSpec, ctx: Context):
        self.spec = spec
        self.ctx = ctx
        self.tasks: list[Task] = []

    @property
    def kind(self) -> str:
        """The kind as kata.yaml writes it (``behaviour`` stays ``behaviour``): the report's
        ``check`` and what a wrong submission's ``# expect:`` line names."""
        return self.spec.kind

    @property
    def default_name(self) -> str:
        """The kind's name in the grade's language, when the kata gives the check none."""
        return self.ctx.say(self.name_key)

    @property
    def name(self) -> str:
        if self.spec.name:
            return self.spec.name
        target = f" ({self.spec.target})" if self.spec.target else ""
        return self.default_name + target

    def plan(self) -> None:
        """Add this check's tasks to the context."""

    def bound(self, ctx: Context) -> Check:
        """This planned check, judging the submission of ``ctx`` (see Context.for_grade)."""
        check = copy.copy(self)
        check.ctx = ctx
        return check

    def evaluate(self) -> TestResult:
        """Judge this check from the results in the context."""
        target = (self.spec.target or "").split(".")[0]
        if self.ctx.missing and (target in self.ctx.missing
                                 or len(self.ctx.missing) == len(self.ctx.spec.entry)):
            return TestResult(self.name, FAIL, self.ctx.say("check.not_run", names=", ".join(self.ctx.missing)),
                              None, self.kind)
        try:
            figures = self.judge() or {}
        except CaseFailure as failure:
            return TestResult(self.name, failure.status, str(failure), self._output(), self.kind, failure.figures)
        return TestResult(self.name, PASS, None, None, self.kind, figures, self._duration())

    def judge(self) -> dict | None:
        raise NotImplementedError

    # -- helpers shared by the kinds

    def _duration(self) -> float | None:
        times = [self.ctx.results[t.id].get("duration_s", 0) for t in self.tasks if t.id in self.ctx.results]
        return sum(times) if times else None

    def _output(self) -> str | None:
        texts = [self.ctx.results[t.id].get("output") for t in self.tasks if t.id in self.ctx.results]
        texts = [t for t in texts if t]
        return "\n".join(texts)[:2000] if texts else None

    def trial(self, task: Task) -> str:
        """``trial 2 of 3 (label; seed 1; inputs 3x4 float32)``, in the grade's language."""
        index = self.tasks.index(task) + 1
        return self.ctx.say("trial", index=index, total=len(self.tasks),
                            case=describe_case(task.case, self.ctx.lang))

    def record(self, task: Task, allow_raise: bool = False) -> dict:
        """The task's result, or a CaseFailure saying why there is none."""
        rec = self.ctx.results.get(task.id)
        if rec is None:
            note = self.ctx.failure_note or self.ctx.say("task.ended_early")
            raise CaseFailure(self.ctx.say("task.no_result", trial=self.trial(task), note=note), status=ERROR)
        if not rec.get("ok") and not allow_raise:
            where = self.ctx.say("where.line", line=rec["line"]) if rec.get("line") else ""
            key = (rec.get("error"), rec.get("line"))
            first = self.ctx.raised.setdefault(key, self.name)
            error = child_error(rec, self.ctx.lang)
            if first != self.name:
                raise CaseFailure(self.ctx.say("task.raised_elsewhere", error=shorten(error), where=where,
                                               first=first))
            raise CaseFailure(self.ctx.say("task.raised", trial=self.trial(task), error=error, where=where))
        return rec

    def call_payload(self, case: Case, device: str, **options) -> dict:
        """A task that calls the function, or builds the module and runs forward."""
        if self.spec.target_is_module:
            payload = {"probe": "module", "target": self.spec.target, "init_args": case.init_args,
                       "init_kwargs": case.init_kwargs, "forward_args": case.args, "eval": case.eval}
        else:
            payload = {"probe": "call", "target": case.target or self.spec.target,
                       "args": case.args, "kwargs": case.kwargs}
        payload.update(device=device, grad=list(case.grad), **options)
        return payload

    def reference_module(self, case: Case, state: dict | None = None, dtype=None, device: str = "cpu"):
        """Build the reference module; load the submission's parameters when given."""
        # torch.manual_seed would also walk CUDA/XPU/MTIA's lazy-init queues (a stack trace each):
        # the reference is built on the CPU, whose generator is all it needs.
        torch.random.default_generator.manual_seed(case.seed)
        module = getattr(self.ctx.reference, self.spec.target)(*clone_tree(case.init_args),
                                                               **clone_tree(case.init_kwargs))
        if dtype is not None:
            module = module.to(dtype)
        if state is not None:
            tensors = {k: v.tensor if isinstance(v, TensorValue) else v for k, v in state.items()}
            expected_keys = list(module.state_dict().keys())
            missing = [k for k in expected_keys if k not in tensors]
            unexpected = [k for k in tensors if k not in expected_keys]
            if missing or unexpected:
                nothing = self.ctx.say("word.nothing")
                raise CaseFailure(self.ctx.say("module.state_mismatch", missing=missing or nothing,
                                               unexpected=unexpected or nothing))
            try:
                module.load_state_dict(tensors, strict=True)
            except RuntimeError as exc:
                lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
                raise CaseFailure(self.ctx.say("module.state_unloadable",
                                               detail=" ".join(lines[1:3] or lines[:1]))) from exc
        if device == "meta":
            module = module.to("meta")
        if case.eval:
            module.eval()
        return module

    def reference_run(self, case: Case, child: dict | None = None, *, dtype=None, device: str = "cpu",
                      grad_out: torch.Tensor | None = None) -> tuple[Any, dict]:
        """Run the reference on copies of the case's inputs; return its output and gradients.

        A function's reference result depends only on the case, so it is computed once per plan
        and reused for every submission; a module's depends on the submission's parameters."""
        if self.spec.target_is_module:
            return self._reference_run(case, child, dtype=dtype, device=device, grad_out=grad_out)
        key = ("reference", id(case), case.target or self.spec.target, str(dtype), device,
               id(grad_out) if grad_out is not None else None)
        if key not in self.ctx.memo:
            self.ctx.memo[key] = self._reference_run(case, None, dtype=dtype, device=device, grad_out=grad_out)
        return self.ctx.memo[key]

    def _reference_run(self, case: Case, child: dict | None, *, dtype, device: str,
                       grad_out: torch.Tensor | None) -> tuple[Any, dict]:
        args, kwargs = clone_tree(case.args), clone_tree(case.kwargs)
        if dtype is not None:
            args, kwargs = cast_floats(args, dtype), cast_floats(kwargs, dtype)
        for i in case.grad:
            args[i].requires_grad_(True)
        if device == "meta":
            args, kwargs = to_meta(args), to_meta(kwargs)
        if self.spec.target_is_module:
            state = child["structure"]["state_dict"] if child else None
            module = self.reference_module(case, state, dtype, device)
            out = module(*args)
            leaves = protocol.leaves(args, module)
        else:
            fn = getattr(self.ctx.reference, case.target or self.spec.target)
            out = fn(*args, **kwargs)
            leaves = protocol.leaves(args)
        grads = {}
        if grad_out is not None and isinstance(out, torch.Tensor) and out.requires_grad:
            out.backward(grad_out)
            grads = {n: leaf.grad for n, leaf in leaves.items()
                     if isinstance(leaf, torch.Tensor) and leaf.requires_grad}
        return out, grads

    def compare_tree(self, actual: Any, expected: Any, tol_device: str, path: str | None = None,
                     mistakes: dict | None = None, check_dtype: bool = True) -> None:
        """Compare nested outputs; raise CaseFailure at the first difference. ``path`` names
        what is compared (default: the output, in the grade's language)."""
        say, lang = self.ctx.say, self.ctx.lang
        path = path if path is not None else say("path.output")
        if isinstance(expected, torch.Tensor):
            if not isinstance(actual, TensorValue):
                raise CaseFailure(say("tree.not_tensor", path=path, type=type(actual).__name__,
                                      value=f"{actual!r:.80}"))
            tol = self.ctx.tolerance(expected.dtype, tol_device, self.spec)
            expected_device = tol_device if tol_device != "cpu" or expected.device.type != "meta" else None
            result = cmp.compare(actual.tensor, expected.detach().cpu() if expected.device.type != "meta"
                                 else expected, tol, actual_meta=actual.meta,
                                 expected_device=expected_device, check_dtype=check_dtype, mistakes=mistakes,
                                 lang=lang)
            if not result.ok:
                diagnosis = say("tree.likely_cause", diagnosis=result.diagnosis) if result.diagnosis else ""
                raise CaseFailure(say("tree.failed", path=path, message=result.message) + diagnosis,
                                  result.figures)
            return
        if isinstance(expected, (list, tuple)):
            if type(actual) is not type(expected) or len(actual) != len(expected):
                raise CaseFailure(say("tree.sequence", path=path, type=type(expected).__name__,
                                      count=len(expected), actual=describe_value(actual, lang)))
            for i, (a, e) in enumerate(zip(actual, expected)):
                self.compare_tree(a, e, tol_device, f"{path}[{i}]", None, check_dtype)
            return
        if isinstance(expected, dict):
            if not isinstance(actual, dict) or set(actual) != set(expected):
                raise CaseFailure(say("tree.keys", path=path, keys=sorted(expected),
                                      actual=describe_value(actual, lang)))
            for key in expected:
                self.compare_tree(actual[key], expected[key], tol_device, f"{path}[{key!r}]", None, check_dtype)
            return
        if isinstance(expected, float) and isinstance(actual, (int, float)) and not isinstance(actual, bool):
            tol = self.ctx.tolerance(torch.float64, tol_device, self.spec)
            if not abs(actual - expected) <= tol.atol + tol.rtol * abs(expected):
                raise CaseFailure(say("tree.number", path=path, actual=repr(actual), expected=repr(expected),
                                      tol=tol))
            return
        if actual != expected or type(actual) is not type(expected):
            raise CaseFailure(say("tree.value", path=path, actual=describe_value(actual, lang),
                                  expected=describe_value(expected, lang)))
