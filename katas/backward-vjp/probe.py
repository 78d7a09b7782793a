"""Runs in the submission's process: the functions to differentiate, and the calls to vjp.

The grader's cases.py loads this same file to rebuild each function, so both sides agree.
"""

import torch


def _matrix(rows, cols, salt, dtype):
    g = torch.Generator().manual_seed(900 + salt)
    return torch.randn(rows, cols, generator=g, dtype=torch.float64).to(dtype)


def make_function(name, dtype):
    """A named function of one tensor; some keep the shape, some change it."""
    if name == "cubic":            # element-wise
        return lambda t: t ** 3 - 2.0 * t
    if name == "wave":             # element-wise, not a polynomial
        return lambda t: t * torch.sin(t)
    if name == "running-sum":      # mixes elements along the last dim, same shape
        return lambda t: torch.cumsum(t, dim=-1)
    if name == "project":          # (..., 4) -> (..., 3): the output shape differs from the input's
        w = _matrix(4, 3, 1, dtype)
        return lambda t: torch.tanh(torch.matmul(t, w))
    if name == "unit":             # each row scaled to length 1
        return lambda t: t / t.norm(dim=-1, keepdim=True)
    if name == "pairs":            # (n,) -> (n, n)
        return lambda t: t.unsqueeze(-1) * t.unsqueeze(-2) + t.unsqueeze(-1)
    if name == "row-energy":       # (..., n) -> (...): one output per row
        return lambda t: (t * t).sum(dim=-1)
    raise KeyError(name)


def _copy(value):
    return value.detach().clone() if isinstance(value, torch.Tensor) else value


def vjp_once(submission, fn, x, v):
    """One call on a tensor that does not require grad."""
    f = make_function(fn, x.dtype)
    out = submission.vjp(f, x, v)
    return {"out": _copy(out), "out_requires_grad": bool(getattr(out, "requires_grad", False)),
            "x_after": x.detach().clone(), "x_requires_grad": bool(x.requires_grad),
            "x_grad_is_none": x.grad is None}


def vjp_twice(submission, fn, x, v1, v2, stale, nonleaf=False):
    """Two calls in a row on a tensor that requires grad and already holds a stale .grad."""
    f = make_function(fn, x.dtype)
    if nonleaf:
        base = x.detach().clone().requires_grad_(True)
        x = base * 1.0 + 0.0           # x is the result of earlier computation, not a leaf
        base.grad = stale.clone()
        owner = base
    else:
        x = x.detach().clone().requires_grad_(True)
        x.grad = stale.clone()
        owner = x
    first = submission.vjp(f, x, v1)
    first_copy = _copy(first)
    second = submission.vjp(f, x, v2)
    return {"first": first_copy, "first_later": _copy(first), "second": _copy(second),
            "x_after": x.detach().clone(), "x_requires_grad": bool(x.requires_grad),
            "stale_after": None if owner.grad is None else owner.grad.detach().clone()}
