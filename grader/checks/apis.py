"""The check kinds about which APIs the submission uses: ``forbidden`` (no forbidden API, syntax
or reflection in the source, by AST, and no forbidden call or operator at run time, by the
child's guard and trace) and ``operators`` (each function uses the operator the task asks for,
and no other of the same family, e.g. the matmul family).
"""

from __future__ import annotations

from grader import forbidden
from grader.checks.base import Check
from grader.checks.context import CaseFailure

MATMUL_FAMILY = ["mm", "matmul", "bmm", "dot", "vdot", "inner", "mv", "einsum", "tensordot", "linear",
                 "addmm", "baddbmm", "addbmm", "addmv", "chain_matmul", "multi_dot", "__matmul__",
                 "__rmatmul__"]


def op_base(name: str) -> str:
    """An operator's name without its namespace: ``torch.nn.functional.linear`` -> ``linear``."""
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
