"""The ``structure`` check kind: the submission's module registers the reference's parameters and
buffers with the same names, shapes and ``requires_grad``, has the same ``state_dict`` keys, and
holds the attributes the kata names as the reference does (``None``, a parameter). The
comparison is in words a person can act on (which submodule to assign, which parameter to wrap).
"""

from __future__ import annotations

import torch

from grader import protocol
from grader.cases import Case
from grader.checks.base import Check, decode
from grader.checks.context import CaseFailure
from grader.messages import DEFAULT_LANG, msg


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
