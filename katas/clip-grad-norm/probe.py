"""Runs in the submission's process: parameters with seeded gradients, one call, what came of it."""

import torch


def _grad(value, layout):
    if layout != "strided":
        return value.clone()
    big = torch.zeros(*value.shape[:-1], value.shape[-1] * 2, dtype=value.dtype)
    view = big[..., ::2]  # the same values, every other element of a larger buffer
    view.copy_(value)
    return view


def run_clip(submission, values, grads, layouts, max_norm, norm_type, form):
    params = []
    for value, grad, layout in zip(values, grads, layouts):
        p = value.clone().requires_grad_(True)
        if grad is not None:
            p.grad = _grad(grad, layout)
        params.append(p)
    originals = [p.grad for p in params]
    if form == "tensor":
        arg = params[0]
    elif form == "generator":
        arg = (p for p in params)
    elif form == "tuple":
        arg = tuple(params)
    else:
        arg = list(params)
    returned = submission.clip_grad_norm(arg, max_norm, norm_type=norm_type)
    return {
        "grads": [None if p.grad is None else p.grad.detach().clone() for p in params],
        "same_objects": [p.grad is g for p, g in zip(params, originals)],
        "params_unchanged": all(torch.equal(p.detach(), v) for p, v in zip(params, values)),
        "returned_tensor": isinstance(returned, torch.Tensor),
        "returned": returned.detach().clone() if isinstance(returned, torch.Tensor) else returned,
    }
