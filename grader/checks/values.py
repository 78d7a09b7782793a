"""The check kinds that judge what the submission computes, case by case, against the reference
run here: ``outputs`` (equal within tolerance, a view when the task asks for one), ``gradients``
(reference autograd's, for inputs and parameters), ``mutation`` (inputs untouched, or updated in
place and returned), ``dtype`` (the output follows the input's dtype), ``device`` (runs on
``meta``, and on CUDA when present) and ``raises`` (invalid inputs raise the expected exception).
"""

from __future__ import annotations

from typing import Any

import torch

from grader import compare as cmp
from grader.cases import Case
from grader.checks.base import Check, cast_floats, decode
from grader.checks.context import CaseFailure, Task
from grader.checks.describe import leaf_label
from grader.messages import child_error
from grader.protocol import TensorValue
from grader.report import FAIL


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
