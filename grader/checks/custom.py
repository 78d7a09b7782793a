"""The ``custom`` check kind (``behaviour``, its older name), for what no other kind covers: a
kata's own probe runs in the submission's process (a training loop, a loss that must fall), and
the kata's own evaluation in ``cases.py`` judges the data it sends back, here in the grader's
process. Its messages are the kata's own.
"""

from __future__ import annotations

from grader.checks.base import Check, decode
from grader.checks.context import CaseFailure
from grader.protocol import plain


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
