"""Runs in the submission's process: a few AdamW steps through the submission, on seeded tensors."""

import torch


def _layout(value, layout):
    if layout != "strided" or value.dim() == 0:
        return value.clone()
    big = torch.zeros(*value.shape[:-1], value.shape[-1] * 2, dtype=value.dtype)
    view = big[..., ::2]  # the same values, every other element of a larger buffer
    view.copy_(value)
    return view


def run_steps(submission, params, grads, exp_avgs, exp_avg_sqs, first_step, lr, betas, eps, weight_decay,
              layouts):
    ps = [_layout(p, layout) for p, layout in zip(params, layouts)]
    ms = [m.clone() for m in exp_avgs]
    vs = [v.clone() for v in exp_avg_sqs]
    history = []
    for k, step_grads in enumerate(grads):
        gs = [g.clone() for g in step_grads]
        lists = (list(ps), list(gs), list(ms), list(vs))
        submission.adamw_step(*lists, first_step + k, lr, betas, eps, weight_decay)
        history.append({
            # what the tensors the caller holds (the model's parameters, the optimizer's state) now contain
            "params": [p.detach().clone() for p in ps],
            "exp_avgs": [m.detach().clone() for m in ms],
            "exp_avg_sqs": [v.detach().clone() for v in vs],
            "grads_unchanged": all(torch.equal(g, want) for g, want in zip(gs, step_grads)),
            "rebound": [name for name, given, mine in zip(("params", "grads", "exp_avgs", "exp_avg_sqs"), lists,
                                                           (ps, gs, ms, vs))
                        if any(a is not b for a, b in zip(given, mine))],
        })
    return history
