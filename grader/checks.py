"""The reusable check kinds a kata selects in ``kata.yaml``.

Every check plans tasks for the submission's process (inputs only), then evaluates the data that
comes back against the reference, which runs here, in the grader's process. A check becomes one
``TestResult``; its message names the trial, seed and shapes of the first failing case.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, Callable

import torch

from grader import compare as cmp
from grader import forbidden, protocol, stats
from grader.cases import Case
from grader.kata import CheckSpec, Kata
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

    def __init__(self, kata: Kata, device: str, source: str, cuda_available: bool = False):
        self.kata = kata
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

    def for_grade(self, source: str) -> "Context":
        """A context for judging one submission: the planned cases, tasks and reference results
        are shared; the submission's source and results are its own."""
        grade = copy.copy(self)
        grade.source = source
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
        merged = copy.deepcopy(self.spec.tolerance)
        for key, value in check.tolerance.items():
            if isinstance(value, dict) and isinstance(merged.get(key), dict):
                merged[key] = {**merged[key], **value}
            else:
                merged[key] = value
        return cmp.tolerance_for(dtype, device, merged)


class CaseFailure(Exception):
    """Raised inside an evaluation to end the check with a message."""

    def __init__(self, message: str, figures: dict | None = None, status: str = FAIL):
        super().__init__(message)
        self.figures = figures or {}
        self.status = status


# ---------------------------------------------------------------- base

class Check:
    """A check kind. Subclasses plan tasks and evaluate their results."""

    kind = ""
    default_name = ""

    def __init__(self, spec: CheckSpec, ctx: Context):
        self.spec = spec
        self.ctx = ctx
        self.tasks: list[Task] = []

    @property
    def name(self) -> str:
        if self.spec.name:
            return self.spec.name
        target = f" ({self.spec.target})" if self.spec.target else ""
        return self.default_name + target

    def plan(self) -> None:
        """Add this check's tasks to the context."""

    def bound(self, ctx: Context) -> "Check":
        """This planned check, judging the submission of ``ctx`` (see Context.for_grade)."""
        check = copy.copy(self)
        check.ctx = ctx
        return check

    def evaluate(self) -> TestResult:
        """Judge this check from the results in the context."""
        target = (self.spec.target or "").split(".")[0]
        if self.ctx.missing and (target in self.ctx.missing
                                 or len(self.ctx.missing) == len(self.ctx.spec.entry)):
            return TestResult(self.name, FAIL, f"not run: {', '.join(self.ctx.missing)} is not defined",
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
        index = self.tasks.index(task) + 1
        return f"trial {index} of {len(self.tasks)} ({task.case.describe()})"

    def record(self, task: Task, allow_raise: bool = False) -> dict:
        """The task's result, or a CaseFailure saying why there is none."""
        rec = self.ctx.results.get(task.id)
        if rec is None:
            note = self.ctx.failure_note or "the submission's process ended before this task ran"
            raise CaseFailure(f"{self.trial(task)}: no result: {note}", status=ERROR)
        if not rec.get("ok") and not allow_raise:
            where = f" (line {rec['line']})" if rec.get("line") else ""
            key = (rec.get("error"), rec.get("line"))
            first = self.ctx.raised.setdefault(key, self.name)
            if first != self.name:
                raise CaseFailure(f"could not run: the submission raised {_short(rec.get('error'))}{where} "
                                  f"(see '{first}')")
            raise CaseFailure(f"{self.trial(task)}: raised {rec.get('error')}{where}")
        return rec

    def call_payload(self, case: Case, device: str, **options) -> dict:
        """A task that calls the function, or builds the module and runs forward."""
        if self.spec.module:
            payload = {"probe": "module", "target": self.spec.module, "init_args": case.init_args,
                       "init_kwargs": case.init_kwargs, "forward_args": case.args, "eval": case.eval}
        else:
            payload = {"probe": "call", "target": case.target or self.spec.function,
                       "args": case.args, "kwargs": case.kwargs}
        payload.update(device=device, grad=list(case.grad), **options)
        return payload

    def reference_module(self, case: Case, state: dict | None = None, dtype=None, device: str = "cpu"):
        """Build the reference module; load the submission's parameters when given."""
        # torch.manual_seed would also walk CUDA/XPU/MTIA's lazy-init queues (a stack trace each):
        # the reference is built on the CPU, whose generator is all it needs.
        torch.random.default_generator.manual_seed(case.seed)
        module = getattr(self.ctx.reference, self.spec.module)(*clone_tree(case.init_args),
                                                               **clone_tree(case.init_kwargs))
        if dtype is not None:
            module = module.to(dtype)
        if state is not None:
            tensors = {k: v.tensor if isinstance(v, TensorValue) else v for k, v in state.items()}
            expected_keys = list(module.state_dict().keys())
            missing = [k for k in expected_keys if k not in tensors]
            unexpected = [k for k in tensors if k not in expected_keys]
            if missing or unexpected:
                raise CaseFailure("the module's parameters cannot be compared with the reference's: "
                                  f"state_dict is missing {missing or 'nothing'}, has unexpected "
                                  f"{unexpected or 'nothing'} (see the structure check)")
            try:
                module.load_state_dict(tensors, strict=True)
            except RuntimeError as exc:
                lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
                raise CaseFailure("the module's parameters cannot be compared with the reference's: "
                                  + " ".join(lines[1:3] or lines[:1]) + " (see the structure check)") from exc
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
        if self.spec.module:
            return self._reference_run(case, child, dtype=dtype, device=device, grad_out=grad_out)
        key = ("reference", id(case), case.target or self.spec.function, str(dtype), device,
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
        if self.spec.module:
            state = child["structure"]["state_dict"] if child else None
            module = self.reference_module(case, state, dtype, device)
            out = module(*args)
            leaves = protocol.leaves(args, module)
        else:
            fn = getattr(self.ctx.reference, case.target or self.spec.function)
            out = fn(*args, **kwargs)
            leaves = protocol.leaves(args)
        grads = {}
        if grad_out is not None and isinstance(out, torch.Tensor) and out.requires_grad:
            out.backward(grad_out)
            grads = {n: leaf.grad for n, leaf in leaves.items()
                     if isinstance(leaf, torch.Tensor) and leaf.requires_grad}
        return out, grads

    def compare_tree(self, actual: Any, expected: Any, tol_device: str, path: str = "output",
                     mistakes: dict | None = None, check_dtype: bool = True) -> None:
        """Compare nested outputs; raise CaseFailure at the first difference."""
        if isinstance(expected, torch.Tensor):
            if not isinstance(actual, TensorValue):
                raise CaseFailure(f"{path}: expected a tensor, got {type(actual).__name__}: {actual!r:.80}")
            tol = self.ctx.tolerance(expected.dtype, tol_device, self.spec)
            expected_device = tol_device if tol_device != "cpu" or expected.device.type != "meta" else None
            result = cmp.compare(actual.tensor, expected.detach().cpu() if expected.device.type != "meta"
                                 else expected, tol, actual_meta=actual.meta,
                                 expected_device=expected_device, check_dtype=check_dtype, mistakes=mistakes)
            if not result.ok:
                diagnosis = f"\nlikely cause: {result.diagnosis}" if result.diagnosis else ""
                raise CaseFailure(f"{path}: {result.message}{diagnosis}", result.figures)
            return
        if isinstance(expected, (list, tuple)):
            if type(actual) is not type(expected) or len(actual) != len(expected):
                raise CaseFailure(f"{path}: expected a {type(expected).__name__} of {len(expected)} items, "
                                  f"got {_describe(actual)}")
            for i, (a, e) in enumerate(zip(actual, expected)):
                self.compare_tree(a, e, tol_device, f"{path}[{i}]", None, check_dtype)
            return
        if isinstance(expected, dict):
            if not isinstance(actual, dict) or set(actual) != set(expected):
                raise CaseFailure(f"{path}: expected keys {sorted(expected)}, got {_describe(actual)}")
            for key in expected:
                self.compare_tree(actual[key], expected[key], tol_device, f"{path}[{key!r}]", None, check_dtype)
            return
        if isinstance(expected, float) and isinstance(actual, (int, float)) and not isinstance(actual, bool):
            tol = self.ctx.tolerance(torch.float64, tol_device, self.spec)
            if not abs(actual - expected) <= tol.atol + tol.rtol * abs(expected):
                raise CaseFailure(f"{path}: {actual!r}, expected {expected!r} [{tol}]")
            return
        if actual != expected or type(actual) is not type(expected):
            raise CaseFailure(f"{path}: {_describe(actual)}, expected {_describe(expected)}")

    def mistakes_for(self, case: Case) -> dict | None:
        name = self.spec.option("mistakes")
        if not name:
            return None
        try:
            return self.ctx.helper(name)(case)
        except Exception:  # a diagnosis must never break a verdict
            return None


def _short(text: str | None, limit: int = 120) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


def _describe(value: Any) -> str:
    if isinstance(value, TensorValue):
        return f"a tensor of shape {tuple(value.meta['shape'])}"
    return f"{type(value).__name__} {value!r:.80}"


# ---------------------------------------------------------------- kinds

class Outputs(Check):
    """Outputs equal the reference's (within tolerance) on every case."""

    kind = "outputs"
    default_name = "outputs match the reference"

    def plan(self):
        for case in self.ctx.cases(self.spec.cases):
            self.tasks.append(self.ctx.add_task(self.call_payload(case, self.ctx.device), case))

    def judge(self):
        worst = 0.0
        view_of = self.spec.option("view_of_input")
        for task in self.tasks:
            rec = self.record(task)
            child = decode(rec["value"])
            expected, _ = self.reference_run(task.case, child)
            try:
                self.compare_tree(child["out"], expected, self.ctx.device, mistakes=self.mistakes_for(task.case))
            except CaseFailure as failure:
                raise CaseFailure(f"{self.trial(task)}: {failure}", failure.figures) from None
            if view_of is not None:
                self._check_view(task, child, int(view_of))
            worst = max(worst, _max_abs(child["out"], expected))
        return {"cases": len(self.tasks), "max_abs_diff": worst}

    def _check_view(self, task: Task, child: dict, index: int) -> None:
        out, arg = child["out"], child["args_after"][index]
        if not isinstance(out, TensorValue) or arg is None:
            return
        if out.meta.get("storage_ptr") != arg.meta.get("storage_ptr"):
            raise CaseFailure(f"{self.trial(task)}: the result is a copy; it must be a view that shares "
                              f"memory with input {index} (strides {out.meta.get('stride')})")


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

    kind = "gradients"
    default_name = "gradients match reference autograd"

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
                raise CaseFailure(f"{self.trial(task)}: the output is not connected to the autograd graph "
                                  "(computed under no_grad, detached, rebuilt with torch.tensor(), or via .data?)")
            _, expected = self.reference_run(task.case, child, grad_out=task.extra["grad_out"])
            for name, want in expected.items():
                label = protocol.leaf_label(name)
                got = grads.get(name)
                if got is None:
                    hint = (" (the parameter is not registered, not used, or used through .data/.detach())"
                            if name.startswith("param:") else "")
                    raise CaseFailure(f"{self.trial(task)}: no gradient reached {label}{hint}")
                try:
                    self.compare_tree(got, want, self.ctx.device, path=label)
                except CaseFailure as failure:
                    raise CaseFailure(f"{self.trial(task)}: {failure}", failure.figures) from None
                worst = max(worst, _max_abs(got, want))
        return {"cases": len(self.tasks), "max_abs_diff": worst}


class Mutation(Check):
    """Inputs are left untouched (``expect: none``) or updated in place and returned (``in_place``)."""

    kind = "mutation"

    @property
    def default_name(self):
        return ("works in place and returns its input" if self.spec.option("expect") == "in_place"
                else "does not modify its inputs")

    def plan(self):
        for case in self.ctx.cases(self.spec.cases):
            self.tasks.append(self.ctx.add_task(self.call_payload(case, self.ctx.device), case))

    def judge(self):
        in_place = self.spec.option("expect") == "in_place"
        index = int(self.spec.option("arg", 0))
        for task in self.tasks:
            child = decode(self.record(task)["value"])
            after = child["args_after"]
            if in_place:
                if child.get("returned_arg") != index:
                    raise CaseFailure(f"{self.trial(task)}: must return the same tensor object it was given "
                                      f"(input {index}), modified in place; it returned another tensor")
                expected, _ = self.reference_run(task.case)
                self.compare_tree(after[index], expected, self.ctx.device, path=f"input {index} after the call")
                continue
            for i, original in enumerate(task.case.args):
                if not isinstance(original, torch.Tensor) or after[i] is None or after[i].tensor is None:
                    continue
                now = after[i].tensor
                same = now.shape == original.shape and bool(
                    torch.eq(now, original).logical_or(now.isnan() & original.isnan()).all())
                if not same:
                    changed = int((now != original).sum()) if now.shape == original.shape else now.numel()
                    raise CaseFailure(f"{self.trial(task)}: input {i} was modified in place ({changed} elements "
                                      "changed); work on a copy or use out-of-place operations",
                                      {"changed": changed})
        return {"cases": len(self.tasks)}


class DtypeFollows(Check):
    """The output's dtype follows the input's (float64, float16, bfloat16 ...)."""

    kind = "dtype"
    default_name = "output dtype follows the input dtype"

    def plan(self):
        names = self.spec.option("dtypes", ["float64", "float16", "bfloat16"])
        for case in self.ctx.cases(self.spec.cases):
            for name in names:
                dtype = getattr(torch, name)
                cast = Case(**{**case.__dict__, "args": cast_floats(case.args, dtype),
                               "kwargs": cast_floats(case.kwargs, dtype)})
                payload = self.call_payload(cast, self.ctx.device)
                if self.spec.module:
                    payload["dtype"] = name
                self.tasks.append(self.ctx.add_task(payload, cast, dtype=dtype))

    def judge(self):
        for task in self.tasks:
            child = decode(self.record(task)["value"])
            expected, _ = self.reference_run(task.case, child, dtype=task.extra["dtype"])
            try:
                self.compare_tree(child["out"], expected, self.ctx.device)
            except CaseFailure as failure:
                raise CaseFailure(f"{self.trial(task)} with {cmp.dtype_name(task.extra['dtype'])} inputs: "
                                  f"{failure}", failure.figures) from None
        return {"cases": len(self.tasks)}


class DeviceAgnostic(Check):
    """Runs on the ``meta`` device (no data: only shapes, dtypes, devices) and on CUDA when present."""

    kind = "device"

    @property
    def name(self):
        if self.spec.name:
            return self.spec.name
        devices = "meta and CUDA" if self.ctx.cuda_available else "meta"
        return f"works on any device ({devices})" + (f" ({self.spec.target})" if self.spec.target else "")

    def plan(self):
        devices = ["meta"] + (["cuda"] if self.ctx.cuda_available and self.ctx.device != "cuda" else [])
        for case in self.ctx.cases(self.spec.cases):
            for device in devices:
                self.tasks.append(self.ctx.add_task(self.call_payload(case, device), case, device=device))

    def judge(self):
        for task in self.tasks:
            device = task.extra["device"]
            child = decode(self.record(task)["value"])
            expected, _ = self.reference_run(task.case, child if device != "meta" else None, device=device)
            try:
                self.compare_tree(child["out"], expected, device)
            except CaseFailure as failure:
                raise CaseFailure(f"{self.trial(task)} on the {device} device: {failure}\nhint: create new "
                                  "tensors with device=x.device (and dtype=x.dtype), or with *_like / x.new_*",
                                  failure.figures) from None
        return {"cases": len(self.tasks)}


class Structure(Check):
    """The module registers the reference's parameters and buffers, with the same names and shapes."""

    kind = "structure"
    default_name = "module structure (parameters, buffers, state_dict)"

    def plan(self):
        attributes = self.spec.option("attributes", [])
        for case in self.ctx.cases(self.spec.cases):
            payload = {"probe": "module", "target": self.spec.module, "init_args": case.init_args,
                       "init_kwargs": case.init_kwargs, "attributes": attributes, "device": "cpu"}
            self.tasks.append(self.ctx.add_task(payload, case))

    def judge(self):
        for task in self.tasks:
            got = decode(self.record(task)["value"])["structure"]
            want = self._reference_structure(task.case)
            problems = compare_structure(got, want)
            if problems:
                raise CaseFailure(f"{self.trial(task)}: " + "; ".join(problems))
        return {"cases": len(self.tasks)}

    def _reference_structure(self, case: Case) -> dict:
        key = ("structure", id(case))
        if key not in self.ctx.memo:
            module = self.reference_module(case)
            summary = protocol.structure_summary(torch, module, self.spec.option("attributes", []), values=False)
            summary["state_dict"] = list(summary["state_dict"])
            self.ctx.memo[key] = summary
        return self.ctx.memo[key]


def compare_structure(got: dict, want: dict) -> list[str]:
    """Differences between a submission's module structure and the reference's, in words."""
    if not got.get("is_module", True):
        return [f"{got.get('class')} is not an nn.Module subclass"]
    problems = []
    got_params = got["parameters"]
    for name, info in want["parameters"].items():
        if name not in got_params:
            owner, _, leaf = name.rpartition(".")
            fix = (f"register the submodule `{owner}` that owns `{leaf}`" if owner
                   else f"assign an nn.Parameter to self.{name}")
            problems.append(f"missing parameter `{name}` ({fix})")
        elif got_params[name]["shape"] != info["shape"]:
            problems.append(f"parameter `{name}` has shape {tuple(got_params[name]['shape'])}, "
                            f"expected {tuple(info['shape'])}")
        elif got_params[name]["requires_grad"] != info["requires_grad"]:
            problems.append(f"parameter `{name}` requires_grad={got_params[name]['requires_grad']}")
    extra = [n for n in got_params if n not in want["parameters"]]
    if extra:
        problems.append("unexpected parameters " + ", ".join(f"`{n}`" for n in extra))
    for name, info in want["buffers"].items():
        if name not in got["buffers"]:
            problems.append(f"missing buffer `{name}` (use self.register_buffer)")
        elif got["buffers"][name]["shape"] != info["shape"]:
            problems.append(f"buffer `{name}` has shape {tuple(got['buffers'][name]['shape'])}, "
                            f"expected {tuple(info['shape'])}")
    got_keys = list(got["state_dict"].keys())
    if not problems and got_keys != want["state_dict"]:
        problems.append(f"state_dict keys {got_keys}, expected {want['state_dict']}")
    for name, info in want["attributes"].items():
        mine = got["attributes"].get(name, {})
        if info.get("none") and not mine.get("none"):
            problems.append(f"`{name}` should be None here, like in torch.nn")
        elif info.get("parameter") and not mine.get("parameter"):
            problems.append(f"`{name}` should be a registered nn.Parameter")
        elif mine.get("missing"):
            problems.append(f"attribute `{name}` is missing")
    return problems


class Statistics(Check):
    """Random initialisation: in place, right bounds and moments, right distribution, over several seeds."""

    kind = "statistics"
    default_name = "random values follow the expected distribution"

    def plan(self):
        for case in self.ctx.cases(self.spec.cases):
            self.tasks.append(self.ctx.add_task(self.call_payload(case, self.ctx.device), case))

    def judge(self):
        groups: dict[str, list] = {}
        for task in self.tasks:
            child = decode(self.record(task)["value"])
            if child.get("returned_arg") != 0:
                raise CaseFailure(f"{self.trial(task)}: must fill the given tensor in place and return it "
                                  "(return the same object)")
            values = child["args_after"][0]
            if values is None or tuple(values.meta["shape"]) != tuple(task.case.args[0].shape):
                raise CaseFailure(f"{self.trial(task)}: the tensor's shape changed")
            if values.meta["dtype"] != cmp.dtype_name(task.case.args[0].dtype):
                raise CaseFailure(f"{self.trial(task)}: the tensor's dtype changed to {values.meta['dtype']}")
            groups.setdefault(task.case.label, []).append((task, values.tensor))
        figures = {}
        for label, items in groups.items():
            expect = items[0][0].case.expect
            samples = [v for _, v in items]
            if len(samples) > 1 and all(torch.equal(samples[0], s) for s in samples[1:]):
                raise CaseFailure(f"{label}: every seed gave the same values; draw them from torch's "
                                  "random generator")
            for task, sample in items:  # bounds hold for every single draw
                for finding in stats.test_distribution(sample, **_dist_args(expect))[:1]:
                    if finding.test in ("bounds", "finite") and not finding.ok:
                        raise CaseFailure(f"{self.trial(task)}: {finding.message}", finding.figures)
            pooled = torch.cat([s.flatten() for s in samples])
            for finding in stats.test_distribution(pooled, **_dist_args(expect)):
                if not finding.ok:
                    seeds = ", ".join(str(t.case.seed) for t, _ in items)
                    hint = expect.get("hint")
                    raise CaseFailure(f"{label} (seeds {seeds}, {pooled.numel()} values): {finding.test} test "
                                      f"failed: {finding.message}" + (f"\nhint: {hint}" if hint else ""),
                                      finding.figures)
                figures[f"{label}: {finding.test}"] = finding.message
        return {"cases": len(self.tasks), "groups": len(groups)}


def _dist_args(expect: dict) -> dict:
    return {k: expect[k] for k in ("dist", "bound", "std", "mean") if k in expect} | {
        "dist": expect.get("dist", "uniform")}


class Raises(Check):
    """Invalid inputs raise the expected exception type."""

    kind = "raises"
    default_name = "rejects invalid input with the right exception"

    def plan(self):
        for case in self.ctx.cases(self.spec.cases):
            self.tasks.append(self.ctx.add_task(self.call_payload(case, self.ctx.device), case))

    def judge(self):
        for task in self.tasks:
            rec = self.record(task, allow_raise=True)
            wanted = task.case.expect.get("raises", "ValueError")
            if rec.get("ok"):
                raise CaseFailure(f"{self.trial(task)}: did not raise {wanted}")
            if wanted not in (rec.get("exception_mro") or []):
                raise CaseFailure(f"{self.trial(task)}: raised {rec.get('exception')} ({rec.get('error')}), "
                                  f"expected {wanted}")
        return {"cases": len(self.tasks)}


def op_base(name: str) -> str:
    return name.rsplit(".", 1)[-1]


class Operators(Check):
    """Each function uses the operator the task asks for, and no other from the same family."""

    kind = "operators"
    default_name = "uses the right operator for each shape"

    def plan(self):
        for case in self.ctx.cases(self.spec.cases):
            payload = {"probe": "call", "target": case.target, "args": case.args, "kwargs": case.kwargs,
                       "device": self.ctx.device, "trace": True}
            self.tasks.append(self.ctx.add_task(payload, case))

    def judge(self):
        family = set(self.spec.option("family", MATMUL_FAMILY))
        expect = self.spec.option("expect", {})
        why = self.spec.option("why", {})
        used_by = {}
        for task in self.tasks:
            rec = self.record(task)
            target = task.case.target
            used = [op for op in rec.get("ops") or [] if op_base(op) in family]
            bases = sorted({op_base(op) for op in used})
            required = expect[target]
            reason = why.get(target, {}).get("en", "")
            if required not in bases:
                raise CaseFailure(f"{target}: must use torch.{required}; it called "
                                  f"{', '.join(used) if used else 'no matrix-product operator'}"
                                  + (f"\nwhy {required}: {reason}" if reason else ""))
            others = [b for b in bases if b != required]
            if others:
                raise CaseFailure(f"{target}: uses {', '.join(others)} besides {required}; use only "
                                  f"torch.{required}" + (f"\nwhy {required}: {reason}" if reason else ""))
            used_by[target] = required
        return {"operators": used_by}


class Forbidden(Check):
    """The submission does not use the APIs the kata forbids (by source and at run time)."""

    kind = "forbidden"
    default_name = "does not use forbidden APIs"

    @property
    def name(self):
        if self.spec.name:
            return self.spec.name
        items = list(self.spec.option("apis", [])) + list(self.spec.option("syntax", []))
        return "does not use " + ", ".join(items)

    def judge(self):
        apis = list(self.spec.option("apis", []))
        syntax = list(self.spec.option("syntax", []))
        banned_ops = set(self.spec.option("ops", []))
        problems = [f"line {hit.line}: uses {hit.name}"
                    for hit in forbidden.scan(self.ctx.source, apis, syntax)]
        problems += [f"line {hit.line}: uses {hit.name}: reflection is not allowed in this kata"
                     for hit in forbidden.reflection(self.ctx.source, self.spec.option("allow", []))]
        seen = set()
        for rec in [self.ctx.import_record, *self.ctx.results.values()]:
            for name in rec.get("violations") or []:
                if name not in seen:
                    seen.add(name)
                    problems.append(f"called {name} at run time")
            for op in rec.get("ops") or []:
                if op in banned_ops and op not in seen:
                    seen.add(op)
                    problems.append(f"called {op} at run time")
        if problems:
            why = self.spec.option("why", {}).get("en")
            raise CaseFailure("; ".join(problems[:8]) + (f"\nwhy: {why}" if why else ""))
        return {}


class Behaviour(Check):
    """A kata's own probe (run on the submission) judged by the kata's own evaluation (run here)."""

    kind = "behaviour"
    default_name = "behaves as required"

    @property
    def device(self) -> str:
        """Kata probes build their own models and data on the CPU unless the check says
        ``on_device: true`` (then their tensors follow the grade's device)."""
        return self.ctx.device if self.spec.option("on_device", False) else "cpu"

    def plan(self):
        for case in self.ctx.cases(self.spec.cases):
            payload = {"probe": "custom", "target": self.spec.option("probe"), "kwargs": case.kwargs,
                       "device": self.device, "trace": bool(self.spec.option("trace", False))}
            self.tasks.append(self.ctx.add_task(payload, case))

    def judge(self):
        evaluate = self.ctx.helper(self.spec.option("evaluate"))
        figures = {}
        for task in self.tasks:
            rec = self.record(task)
            value = plain(decode(rec["value"]))
            ok, message, found = evaluate(task.case, value, ops=rec.get("ops"), reference=self.ctx.reference,
                                          device=self.device)
            if not ok:
                raise CaseFailure(f"{self.trial(task)}: {message}", found or {})
            figures.update(found or {})
        return {"cases": len(self.tasks), **figures}


class Custom(Behaviour):
    kind = "custom"
    default_name = "custom check"


KINDS: dict[str, type[Check]] = {cls.kind: cls for cls in (
    Outputs, Gradients, Mutation, DtypeFollows, DeviceAgnostic, Structure, Statistics, Raises, Operators,
    Forbidden, Behaviour, Custom)}


def build_checks(ctx: Context) -> list[Check]:
    """One Check per entry of ``kata.yaml``'s ``checks``, each with its tasks planned."""
    checks = [KINDS[spec.kind](spec, ctx) for spec in ctx.spec.checks]
    for check in checks:
        check.plan()
    return checks
