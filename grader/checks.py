"""The reusable check kinds a kata selects in ``kata.yaml``.

Every check plans tasks for the submission's process (inputs only), then evaluates the data that
comes back against the reference, which runs here, in the grader's process. A check becomes one
``TestResult``; its message names the trial, seed and shapes of the first failing case.

Each kind reads its options from its typed model in ``grader.kata_schema`` (``KINDS`` maps a
model to its check). Everything a check says (its default name, its failures, their diagnoses)
is in the grade's language (``Context.lang``, words from ``grader.messages``), and so is a text
the kata gives in both languages (a ``why``).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import torch

from grader import compare as cmp
from grader import forbidden, protocol, stats
from grader.cases import Case
from grader import kata_schema as schema
from grader.kata import CheckSpec, Kata
from grader.messages import DEFAULT_LANG, child_error, msg
from grader.protocol import TensorValue, plain
from grader.report import ERROR, FAIL, PASS, TestResult

MATMUL_FAMILY = ["mm", "matmul", "bmm", "dot", "vdot", "inner", "mv", "einsum", "tensordot", "linear",
                 "addmm", "baddbmm", "addbmm", "addmv", "chain_matmul", "multi_dot", "__matmul__",
                 "__rmatmul__"]


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
    if isinstance(value, torch.Tensor):
        return torch.empty_like(value, device="meta")
    if isinstance(value, (list, tuple)):
        return type(value)(to_meta(v) for v in value)
    if isinstance(value, dict):
        return {k: to_meta(v) for k, v in value.items()}
    return value


def cast_floats(value: Any, dtype: torch.dtype) -> Any:
    if isinstance(value, torch.Tensor) and value.is_floating_point():
        return value.to(dtype)
    if isinstance(value, (list, tuple)):
        return type(value)(cast_floats(v, dtype) for v in value)
    return value


# ---------------------------------------------------------------- context

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
                raise CaseFailure(self.ctx.say("task.raised_elsewhere", error=_short(error), where=where,
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
                                      count=len(expected), actual=_describe(actual, lang)))
            for i, (a, e) in enumerate(zip(actual, expected)):
                self.compare_tree(a, e, tol_device, f"{path}[{i}]", None, check_dtype)
            return
        if isinstance(expected, dict):
            if not isinstance(actual, dict) or set(actual) != set(expected):
                raise CaseFailure(say("tree.keys", path=path, keys=sorted(expected),
                                      actual=_describe(actual, lang)))
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
            raise CaseFailure(say("tree.value", path=path, actual=_describe(actual, lang),
                                  expected=_describe(expected, lang)))


def _short(text: str | None, limit: int = 120) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


def _describe(value: Any, lang: str = DEFAULT_LANG) -> str:
    if isinstance(value, TensorValue):
        return msg("value.tensor", lang, shape=tuple(value.meta["shape"]))
    return f"{type(value).__name__} {value!r:.80}"


def describe_case(case: Case, lang: str = DEFAULT_LANG) -> str:
    """Label, seed and input shapes, as a failure report shows them: ``Case.describe`` in
    ``lang`` (the kata's label as the kata wrote it)."""
    parts = [case.label or msg("case.label", lang), msg("case.seed", lang, seed=case.seed)]
    if case.init_args or case.init_kwargs:
        parts.append("init(" + ", ".join([*map(repr, case.init_args),
                                           *(f"{k}={v!r}" for k, v in case.init_kwargs.items())]) + ")")
    shapes = ", ".join(_shape_of(a, lang) for a in case.args)
    if shapes:
        parts.append(msg("case.inputs", lang, shapes=shapes))
    return "; ".join(parts)


def _shape_of(value: Any, lang: str) -> str:
    """``3x4 float32``, ``scalar float64 non-contiguous``: ``grader.cases.shape_of`` in ``lang``."""
    if isinstance(value, torch.Tensor):
        text = "x".join(str(s) for s in value.shape) or msg("case.scalar", lang)
        extra = "" if value.is_contiguous() else msg("case.non_contiguous", lang)
        return f"{text} {cmp.dtype_name(value.dtype)}{extra}"
    return type(value).__name__


def leaf_label(leaf: str, lang: str = DEFAULT_LANG) -> str:
    """``arg0`` -> ``input 0 gradient``; ``param:weight`` -> ``parameter weight gradient``:
    ``grader.protocol.leaf_label`` in ``lang``."""
    if leaf.startswith("param:"):
        return msg("leaf.param", lang, name=leaf[len("param:"):])
    if leaf.startswith("arg"):
        return msg("leaf.input", lang, index=leaf[3:])
    return msg("leaf.other", lang, name=leaf)


# ---------------------------------------------------------------- kinds

class Outputs(Check):
    """Outputs equal the reference's (within tolerance) on every case."""

    name_key = "check.outputs"

    def plan(self):
        for case in self.ctx.cases(self.spec.cases):
            self.tasks.append(self.ctx.add_task(self.call_payload(case, self.ctx.device), case))

    def judge(self):
        worst = 0.0
        view_of = self.spec.view_of_input
        for task in self.tasks:
            rec = self.record(task)
            child = decode(rec["value"])
            expected, _ = self.reference_run(task.case, child)
            try:
                self.compare_tree(child["out"], expected, self.ctx.device, mistakes=self.mistakes_for(task.case))
            except CaseFailure as failure:
                raise CaseFailure(self.ctx.say("trial.failed", trial=self.trial(task), message=failure),
                                  failure.figures) from None
            if view_of is not None:
                self._check_view(task, child, int(view_of))
            worst = max(worst, _max_abs(child["out"], expected))
        return {"cases": len(self.tasks), "max_abs_diff": worst}

    def mistakes_for(self, case: Case) -> dict | None:
        """The outputs of common slips for ``case`` (``mistakes:``), to name the one that fits."""
        if not self.spec.mistakes:
            return None
        try:
            return self.ctx.helper(self.spec.mistakes)(case)
        except Exception:  # a diagnosis must never break a verdict
            return None

    def _check_view(self, task: Task, child: dict, index: int) -> None:
        out, arg = child["out"], child["args_after"][index]
        if not isinstance(out, TensorValue) or arg is None:
            return
        if out.meta.get("storage_ptr") != arg.meta.get("storage_ptr"):
            raise CaseFailure(self.ctx.say("outputs.copy", trial=self.trial(task), index=index,
                                           strides=out.meta.get("stride")))


def _max_abs(actual: Any, expected: Any) -> float:
    if isinstance(actual, TensorValue) and isinstance(expected, torch.Tensor) and actual.tensor is not None:
        if actual.tensor.numel() == 0 or actual.tensor.shape != expected.shape:
            return 0.0
        diff = (actual.tensor.double() - expected.detach().cpu().double()).abs()
        finite = diff[torch.isfinite(diff)]
        return float(finite.max()) if finite.numel() else 0.0
    if isinstance(actual, (list, tuple)) and isinstance(expected, (list, tuple)):
        return max([_max_abs(a, e) for a, e in zip(actual, expected)] or [0.0])
    return 0.0


class Gradients(Check):
    """Gradients w.r.t. inputs (and parameters) equal reference autograd's."""

    name_key = "check.gradients"

    def plan(self):
        for case in self.ctx.cases(self.spec.cases):
            out, _ = self.reference_run(case)
            if not isinstance(out, torch.Tensor):
                raise LookupError("a gradients check needs a tensor output")
            generator = torch.Generator().manual_seed(case.seed + 7919)
            grad_out = torch.randn(out.shape, generator=generator, dtype=torch.float64).to(out.dtype)
            payload = self.call_payload(case, self.ctx.device, grad_out=grad_out)
            self.tasks.append(self.ctx.add_task(payload, case, grad_out=grad_out))

    def judge(self):
        worst = 0.0
        for task in self.tasks:
            rec = self.record(task)
            child = decode(rec["value"])
            grads = child.get("grads") or {}
            if grads.get("__no_graph__"):
                raise CaseFailure(self.ctx.say("gradients.no_graph", trial=self.trial(task)))
            _, expected = self.reference_run(task.case, child, grad_out=task.extra["grad_out"])
            for name, want in expected.items():
                label = leaf_label(name, self.ctx.lang)
                got = grads.get(name)
                if got is None:
                    hint = self.ctx.say("gradients.param_hint") if name.startswith("param:") else ""
                    raise CaseFailure(self.ctx.say("gradients.none", trial=self.trial(task), label=label,
                                                   hint=hint))
                try:
                    self.compare_tree(got, want, self.ctx.device, path=label)
                except CaseFailure as failure:
                    raise CaseFailure(self.ctx.say("trial.failed", trial=self.trial(task), message=failure),
                                      failure.figures) from None
                worst = max(worst, _max_abs(got, want))
        return {"cases": len(self.tasks), "max_abs_diff": worst}


class Mutation(Check):
    """Inputs are left untouched (``expect: none``) or updated in place and returned (``in_place``)."""

    @property
    def name_key(self):
        return "check.mutation.in_place" if self.spec.expect == "in_place" else "check.mutation.none"

    def plan(self):
        for case in self.ctx.cases(self.spec.cases):
            self.tasks.append(self.ctx.add_task(self.call_payload(case, self.ctx.device), case))

    def judge(self):
        in_place = self.spec.expect == "in_place"
        index = self.spec.arg
        for task in self.tasks:
            child = decode(self.record(task)["value"])
            after = child["args_after"]
            if in_place:
                if child.get("returned_arg") != index:
                    raise CaseFailure(self.ctx.say("mutation.not_returned", trial=self.trial(task), index=index))
                expected, _ = self.reference_run(task.case)
                self.compare_tree(after[index], expected, self.ctx.device,
                                  path=self.ctx.say("path.input_after", index=index))
                continue
            for i, original in enumerate(task.case.args):
                if not isinstance(original, torch.Tensor) or after[i] is None or after[i].tensor is None:
                    continue
                now = after[i].tensor
                same = now.shape == original.shape and bool(
                    torch.eq(now, original).logical_or(now.isnan() & original.isnan()).all())
                if not same:
                    changed = int((now != original).sum()) if now.shape == original.shape else now.numel()
                    raise CaseFailure(self.ctx.say("mutation.modified", trial=self.trial(task), index=i,
                                                   changed=changed), {"changed": changed})
        return {"cases": len(self.tasks)}


class DtypeFollows(Check):
    """The output's dtype follows the input's (float64, float16, bfloat16 ...)."""

    name_key = "check.dtype"

    def plan(self):
        for case in self.ctx.cases(self.spec.cases):
            for name in self.spec.dtypes:
                dtype = getattr(torch, name)
                cast = Case(**{**case.__dict__, "args": cast_floats(case.args, dtype),
                               "kwargs": cast_floats(case.kwargs, dtype)})
                payload = self.call_payload(cast, self.ctx.device)
                if self.spec.target_is_module:
                    payload["dtype"] = name
                self.tasks.append(self.ctx.add_task(payload, cast, dtype=dtype))

    def judge(self):
        for task in self.tasks:
            child = decode(self.record(task)["value"])
            expected, _ = self.reference_run(task.case, child, dtype=task.extra["dtype"])
            try:
                self.compare_tree(child["out"], expected, self.ctx.device)
            except CaseFailure as failure:
                raise CaseFailure(self.ctx.say("dtype.with_inputs", trial=self.trial(task),
                                               dtype=cmp.dtype_name(task.extra["dtype"]), failure=failure),
                                  failure.figures) from None
        return {"cases": len(self.tasks)}


class DeviceAgnostic(Check):
    """Runs on the ``meta`` device (no data: only shapes, dtypes, devices) and on CUDA when present."""


    @property
    def name(self):
        if self.spec.name:
            return self.spec.name
        devices = self.ctx.say("check.device.meta_cuda") if self.ctx.cuda_available else "meta"
        return self.ctx.say("check.device", devices=devices) + (f" ({self.spec.target})" if self.spec.target else "")

    def plan(self):
        devices = ["meta"] + (["cuda"] if self.ctx.cuda_available and self.ctx.device != "cuda" else [])
        for case in self.ctx.cases(self.spec.cases):
            for device in devices:
                self.tasks.append(self.ctx.add_task(self.call_payload(case, device), case, device=device))

    def judge(self):
        for task in self.tasks:
            device = task.extra["device"]
            try:
                rec = self.record(task)
            except CaseFailure as failure:
                if failure.status != FAIL or self._reported_elsewhere(task):
                    raise
                # Say on which device it raised, and how to fix a device mix-up when it is one.
                error = str((self.ctx.results.get(task.id) or {}).get("error") or "")
                hint = "\n" + self.ctx.say("device.hint") if "device" in error else ""
                raise CaseFailure(self.ctx.say("device.raised", failure=failure, device=device, hint=hint)) from None
            child = decode(rec["value"])
            expected, _ = self.reference_run(task.case, child if device != "meta" else None, device=device)
            try:
                self.compare_tree(child["out"], expected, device)
            except CaseFailure as failure:
                raise CaseFailure(self.ctx.say("device.mismatch", trial=self.trial(task), device=device,
                                               failure=failure, hint=self.ctx.say("device.hint")),
                                  failure.figures) from None
        return {"cases": len(self.tasks)}

    def _reported_elsewhere(self, task: Task) -> bool:
        """Did another check already report the error this task raised?"""
        rec = self.ctx.results.get(task.id) or {}
        return self.ctx.raised.get((rec.get("error"), rec.get("line")), self.name) != self.name


class Structure(Check):
    """The module registers the reference's parameters and buffers, with the same names and shapes."""

    name_key = "check.structure"

    def plan(self):
        attributes = list(self.spec.attributes)
        for case in self.ctx.cases(self.spec.cases):
            payload = {"probe": "module", "target": self.spec.module, "init_args": case.init_args,
                       "init_kwargs": case.init_kwargs, "attributes": attributes, "device": "cpu"}
            self.tasks.append(self.ctx.add_task(payload, case))

    def judge(self):
        for task in self.tasks:
            got = decode(self.record(task)["value"])["structure"]
            want = self._reference_structure(task.case)
            problems = compare_structure(got, want, self.ctx.lang)
            if problems:
                raise CaseFailure(self.ctx.say("trial.failed", trial=self.trial(task),
                                               message="; ".join(problems)))
        return {"cases": len(self.tasks)}

    def _reference_structure(self, case: Case) -> dict:
        key = ("structure", id(case))
        if key not in self.ctx.memo:
            module = self.reference_module(case)
            summary = protocol.structure_summary(torch, module, list(self.spec.attributes), values=False)
            summary["state_dict"] = list(summary["state_dict"])
            self.ctx.memo[key] = summary
        return self.ctx.memo[key]


def compare_structure(got: dict, want: dict, lang: str = DEFAULT_LANG) -> list[str]:
    """Differences between a submission's module structure and the reference's, in words (in
    ``lang``)."""
    if not got.get("is_module", True):
        return [msg("structure.not_module", lang, cls=got.get("class"))]
    problems = []
    got_params = got["parameters"]
    for name, info in want["parameters"].items():
        if name not in got_params:
            owner, _, leaf = name.rpartition(".")
            fix = (msg("structure.fix_submodule", lang, owner=owner, leaf=leaf) if owner
                   else msg("structure.fix_parameter", lang, name=name))
            problems.append(msg("structure.missing_param", lang, name=name, fix=fix))
        elif got_params[name]["shape"] != info["shape"]:
            problems.append(msg("structure.param_shape", lang, name=name, got=tuple(got_params[name]["shape"]),
                                want=tuple(info["shape"])))
        elif got_params[name]["requires_grad"] != info["requires_grad"]:
            problems.append(msg("structure.requires_grad", lang, name=name,
                                value=got_params[name]["requires_grad"]))
    extra = [n for n in got_params if n not in want["parameters"]]
    if extra:
        problems.append(msg("structure.unexpected", lang, names=", ".join(f"`{n}`" for n in extra)))
    for name, info in want["buffers"].items():
        if name not in got["buffers"]:
            problems.append(msg("structure.missing_buffer", lang, name=name))
        elif got["buffers"][name]["shape"] != info["shape"]:
            problems.append(msg("structure.buffer_shape", lang, name=name,
                                got=tuple(got["buffers"][name]["shape"]), want=tuple(info["shape"])))
    got_keys = list(got["state_dict"].keys())
    if not problems and got_keys != want["state_dict"]:
        problems.append(msg("structure.keys", lang, got=got_keys, want=want["state_dict"]))
    for name, info in want["attributes"].items():
        mine = got["attributes"].get(name, {})
        if info.get("none") and not mine.get("none"):
            problems.append(msg("structure.should_be_none", lang, name=name))
        elif info.get("parameter") and not mine.get("parameter"):
            problems.append(msg("structure.should_be_parameter", lang, name=name))
        elif mine.get("missing"):
            problems.append(msg("structure.missing_attribute", lang, name=name))
    return problems


class Statistics(Check):
    """Random initialisation: in place, right bounds and moments, right distribution, over several seeds."""

    name_key = "check.statistics"

    def plan(self):
        for case in self.ctx.cases(self.spec.cases):
            self.tasks.append(self.ctx.add_task(self.call_payload(case, self.ctx.device), case))

    def judge(self):
        say, lang = self.ctx.say, self.ctx.lang
        groups: dict[str, list] = {}
        for task in self.tasks:
            child = decode(self.record(task)["value"])
            if child.get("returned_arg") != 0:
                raise CaseFailure(say("statistics.not_in_place", trial=self.trial(task)))
            values = child["args_after"][0]
            if values is None or tuple(values.meta["shape"]) != tuple(task.case.args[0].shape):
                raise CaseFailure(say("statistics.shape_changed", trial=self.trial(task)))
            if values.meta["dtype"] != cmp.dtype_name(task.case.args[0].dtype):
                raise CaseFailure(say("statistics.dtype_changed", trial=self.trial(task),
                                      dtype=values.meta["dtype"]))
            groups.setdefault(task.case.label, []).append((task, values.tensor))
        figures = {}
        for label, items in groups.items():
            expect = items[0][0].case.expect
            samples = [v for _, v in items]
            if len(samples) > 1 and all(torch.equal(samples[0], s) for s in samples[1:]):
                raise CaseFailure(say("statistics.same_values", label=label))
            for task, sample in items:  # bounds hold for every single draw
                for finding in stats.test_distribution(sample, **_dist_args(expect), lang=lang)[:1]:
                    if finding.test in ("bounds", "finite") and not finding.ok:
                        raise CaseFailure(say("trial.failed", trial=self.trial(task), message=finding.message),
                                          finding.figures)
            pooled = torch.cat([s.flatten() for s in samples])
            for finding in stats.test_distribution(pooled, **_dist_args(expect), lang=lang):
                if not finding.ok:
                    seeds = ", ".join(str(t.case.seed) for t, _ in items)
                    hint = _in_lang(expect.get("hint"), lang)
                    raise CaseFailure(say("statistics.failed", label=label, seeds=seeds, count=pooled.numel(),
                                          test=say(f"stats.test.{finding.test}"), message=finding.message)
                                      + (say("hint", hint=hint) if hint else ""), finding.figures)
                figures[f"{label}: {finding.test}"] = finding.message
        return {"cases": len(self.tasks), "groups": len(groups)}


def _dist_args(expect: dict) -> dict:
    return {k: expect[k] for k in ("dist", "bound", "std", "mean") if k in expect} | {
        "dist": expect.get("dist", "uniform")}


def _in_lang(text: Any, lang: str) -> str | None:
    """A case's text in ``lang``: a plain string as it is, ``{"ko": ..., "en": ...}`` by language."""
    if isinstance(text, dict):
        return text.get(lang) or text.get("en")
    return text


class Raises(Check):
    """Invalid inputs raise the expected exception type."""

    name_key = "check.raises"

    def plan(self):
        for case in self.ctx.cases(self.spec.cases):
            self.tasks.append(self.ctx.add_task(self.call_payload(case, self.ctx.device), case))

    def judge(self):
        for task in self.tasks:
            rec = self.record(task, allow_raise=True)
            wanted = task.case.expect.get("raises", "ValueError")
            if rec.get("ok"):
                raise CaseFailure(self.ctx.say("raises.none", trial=self.trial(task), wanted=wanted))
            if wanted not in (rec.get("exception_mro") or []):
                raise CaseFailure(self.ctx.say("raises.other", trial=self.trial(task), exception=rec.get("exception"),
                                               error=child_error(rec, self.ctx.lang), wanted=wanted))
        return {"cases": len(self.tasks)}


def op_base(name: str) -> str:
    return name.rsplit(".", 1)[-1]


class Operators(Check):
    """Each function uses the operator the task asks for, and no other from the same family."""

    name_key = "check.operators"

    def plan(self):
        for case in self.ctx.cases(self.spec.cases):
            payload = {"probe": "call", "target": case.target, "args": case.args, "kwargs": case.kwargs,
                       "device": self.ctx.device, "trace": True}
            self.tasks.append(self.ctx.add_task(payload, case))

    def judge(self):
        family = set(self.spec.family or MATMUL_FAMILY)
        expect = self.spec.expect
        used_by = {}
        for task in self.tasks:
            rec = self.record(task)
            target = task.case.target
            used = [op for op in rec.get("ops") or [] if op_base(op) in family]
            bases = sorted({op_base(op) for op in used})
            required = expect[target]
            reason = self.ctx.text(self.spec.why.get(target)) or ""
            why = self.ctx.say("operators.why", required=required, reason=reason) if reason else ""
            if required not in bases:
                called = ", ".join(used) if used else self.ctx.say("operators.none")
                raise CaseFailure(self.ctx.say("operators.missing", target=target, required=required, used=called)
                                  + why)
            others = [b for b in bases if b != required]
            if others:
                raise CaseFailure(self.ctx.say("operators.others", target=target, others=", ".join(others),
                                               required=required) + why)
            used_by[target] = required
        return {"operators": used_by}


class Forbidden(Check):
    """The submission does not use the APIs the kata forbids (by source and at run time)."""

    name_key = "check.forbidden"

    @property
    def name(self):
        if self.spec.name:
            return self.spec.name
        items = [*self.spec.apis, *self.spec.syntax]
        if not items:
            return self.ctx.say("check.forbidden.reflection")
        return self.ctx.say("check.forbidden.items", items=", ".join(items))

    def judge(self):
        say = self.ctx.say
        apis, syntax, banned_ops = list(self.spec.apis), list(self.spec.syntax), set(self.spec.ops)
        problems = [say("forbidden.uses", line=hit.line, name=hit.name)
                    for hit in forbidden.scan(self.ctx.source, apis, syntax)]
        problems += [say("forbidden.reflection", line=hit.line, name=hit.name)
                     for hit in forbidden.reflection(self.ctx.source, list(self.spec.allow))]
        seen = set()
        for rec in [self.ctx.import_record, *self.ctx.results.values()]:
            for name in rec.get("violations") or []:
                if name not in seen:
                    seen.add(name)
                    problems.append(say("forbidden.called", name=name))
            for op in rec.get("ops") or []:
                if op in banned_ops and op not in seen:
                    seen.add(op)
                    problems.append(say("forbidden.called", name=op))
        if problems:
            why = self.ctx.text(self.spec.why)
            raise CaseFailure("; ".join(problems[:8]) + (say("forbidden.why", why=why) if why else ""))
        return {}


class Custom(Check):
    """A kata's own probe (run on the submission) judged by the kata's own evaluation (run here).

    Written ``kind: custom`` (or ``behaviour``, its older name). Its messages are the kata's own."""

    name_key = "check.custom"

    @property
    def device(self) -> str:
        """Kata probes build their own models and data on the CPU unless the check says
        ``on_device: true`` (then their tensors follow the grade's device)."""
        return self.ctx.device if self.spec.on_device else "cpu"

    def plan(self):
        for case in self.ctx.cases(self.spec.cases):
            payload = {"probe": "custom", "target": self.spec.probe, "kwargs": case.kwargs,
                       "device": self.device, "trace": self.spec.trace}
            self.tasks.append(self.ctx.add_task(payload, case))

    def judge(self):
        evaluate = self.ctx.helper(self.spec.evaluate)
        figures = {}
        for task in self.tasks:
            rec = self.record(task)
            value = plain(decode(rec["value"]))
            ok, message, found = evaluate(task.case, value, ops=rec.get("ops"), reference=self.ctx.reference,
                                          device=self.device)
            if not ok:
                raise CaseFailure(self.ctx.say("trial.failed", trial=self.trial(task), message=message),
                                  found or {})
            figures.update(found or {})
        return {"cases": len(self.tasks), **figures}


#: The check of each kind's model in ``grader.kata_schema``.
KINDS: dict[type, type[Check]] = {
    schema.OutputsCheck: Outputs, schema.GradientsCheck: Gradients, schema.MutationCheck: Mutation,
    schema.DtypeCheck: DtypeFollows, schema.DeviceCheck: DeviceAgnostic,
    schema.StructureCheck: Structure, schema.StatisticsCheck: Statistics, schema.RaisesCheck: Raises,
    schema.OperatorsCheck: Operators, schema.ForbiddenCheck: Forbidden, schema.CustomCheck: Custom,
}


def build_checks(ctx: Context) -> list[Check]:
    """One Check per entry of ``kata.yaml``'s ``checks``, each with its tasks planned."""
    checks = [KINDS[type(spec)](spec, ctx) for spec in ctx.spec.checks]
    for check in checks:
        check.plan()
    return checks
