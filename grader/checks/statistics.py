"""The ``statistics`` check kind, for random initialisation: the function fills its argument in
place (same shape and dtype), different seeds give different values, every single draw keeps
within the bounds, and the draws of a case pooled over its seeds pass the distribution's tests
(``grader.stats``: moments and a goodness-of-fit test with thresholds for the sample size).
"""

from __future__ import annotations

from typing import Any

import torch

from grader import compare as cmp
from grader import stats
from grader.checks.base import Check, decode
from grader.checks.context import CaseFailure


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
