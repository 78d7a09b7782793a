"""Runs in the submission's process: drive the candidate's Dropout in train mode and report what came out.

The mask is random, so nothing here is compared value by value: the grader's cases.py judges the
outputs (zeros or x / (1 - p), share of zeros, a new mask per call, gradients) from this data.
"""

import torch


def _build(submission, p):
    return submission.Dropout() if p is None else submission.Dropout(p)


def _tensor(value):
    """A detached copy of a tensor result, or a description of what came back instead."""
    if isinstance(value, torch.Tensor):
        return {"tensor": value.detach().clone(), "requires_grad": bool(value.requires_grad)}
    return {"tensor": None, "type": type(value).__name__}


def train_samples(submission, x, p, calls):
    """Call the module `calls` times in train mode on the same input."""
    m = _build(submission, p)
    m.train()
    return {"outs": [_tensor(m(x)) for _ in range(calls)]}


def train_gradient(submission, x, p, grad_out):
    """One train-mode forward and backward: the output and the input's gradient."""
    m = _build(submission, p)
    m.train()
    leaf = x.detach().clone().requires_grad_(True)
    y = m(leaf)
    report = _tensor(y)
    report["grad"] = None
    if isinstance(y, torch.Tensor) and y.requires_grad:
        y.backward(grad_out)
        report["grad"] = None if leaf.grad is None else leaf.grad.detach().clone()
    return report


def train_on_meta(submission, shape, dtype, p):
    """Train mode on the meta device (shapes only, no data): the mask must follow x's device."""
    m = _build(submission, p)
    m.train()
    x = torch.empty(shape, dtype=getattr(torch, dtype), device="meta")
    try:
        y = m(x)
    except Exception as exc:  # reported as data: the grader explains it
        return {"error": f"{type(exc).__name__}: {exc}"[:300]}
    if not isinstance(y, torch.Tensor):
        return {"error": f"returned {type(y).__name__}, not a tensor"}
    return {"error": None, "device": str(y.device), "shape": list(y.shape), "dtype": str(y.dtype)}
