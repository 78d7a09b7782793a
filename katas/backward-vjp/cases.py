"""Cases for backward-vjp: element-wise and mixing functions, shape-changing ones, stale .grad."""

import importlib.util
from pathlib import Path

import torch

from grader.cases import compare as cmp
from grader.cases import Case, noncontiguous, randn

_spec = importlib.util.spec_from_file_location("_kata_backward_vjp_probe_copy", Path(__file__).with_name("probe.py"))
functions = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(functions)

F64 = torch.float64
# (function, shape of x, dtype, label)
ONCE = [
    ("cubic", (5,), torch.float32, "element-wise cubic, 1-D"),
    ("cubic", (), F64, "element-wise cubic, 0-dim x"),
    ("wave", (2, 3, 4), F64, "x*sin(x), 3-D"),
    ("running-sum", (3, 6), F64, "cumsum along the last dim"),
    ("project", (5, 4), F64, "tanh(x W): (5, 4) -> (5, 3)"),
    ("project", (4,), torch.float32, "tanh(x W): (4,) -> (3,)"),
    ("unit", (3, 5), F64, "rows scaled to unit length"),
    ("pairs", (6,), F64, "(6,) -> (6, 6)"),
    ("row-energy", (2, 3, 4), F64, "sum of squares per row: (2, 3, 4) -> (2, 3)"),
    ("cubic", (1, 1), F64, "size-1 dims"),
]


def _randn(shape, seed, dtype=F64, scale=1.0):
    """Seeded normal values; also for shape () (grader.cases.randn needs at least one size)."""
    return randn(1, *shape, seed=seed, dtype=dtype, scale=scale).reshape(shape)


def output_shape(fn, x):
    return functions.make_function(fn, x.dtype)(x).shape


def once_cases():
    cases = []
    for i, (fn, shape, dtype, label) in enumerate(ONCE):
        seed = 10 + i
        x = _randn(shape, seed, dtype)
        v = _randn(tuple(output_shape(fn, x)), seed + 500, dtype)
        cases.append(Case(kwargs={"fn": fn, "x": x, "v": v}, seed=seed, label=label))
    x = noncontiguous(randn(4, 5, seed=40, dtype=F64))
    cases.append(Case(kwargs={"fn": "running-sum", "x": x, "v": randn(4, 5, seed=41, dtype=F64)}, seed=40,
                      label="cumsum, non-contiguous x"))
    return cases


def twice_cases():
    cases = []
    for i, (fn, shape, nonleaf, label) in enumerate([
            ("wave", (3, 4), False, "x*sin(x), x already holds a .grad"),
            ("project", (2, 4), False, "tanh(x W), x already holds a .grad"),
            ("cubic", (6,), False, "cubic, x already holds a .grad"),
            ("unit", (2, 3), True, "rows to unit length, x computed from an earlier leaf")]):
        seed = 60 + i
        x = randn(*shape, seed=seed, dtype=F64)
        out = output_shape(fn, x)
        cases.append(Case(kwargs={"fn": fn, "x": x, "v1": randn(*out, seed=seed + 1, dtype=F64),
                                  "v2": randn(*out, seed=seed + 2, dtype=F64),
                                  "stale": randn(*shape, seed=seed + 3, dtype=F64, scale=5.0),
                                  "nonleaf": nonleaf}, seed=seed, label=label))
    return cases


def expected_vjp(fn, x, v):
    leaf = x.detach().clone().requires_grad_(True)
    y = functions.make_function(fn, x.dtype)(leaf)
    (grad,) = torch.autograd.grad(y, leaf, v)
    return grad


def _compare(got, want, what, mistakes=None):
    """None when close, else a message naming what differs (and the likely mistake)."""
    if not isinstance(got, torch.Tensor):
        return f"{what}: expected a tensor, got {type(got).__name__}: {got!r:.60}"
    if tuple(got.shape) != tuple(want.shape):
        return f"{what}: shape {tuple(got.shape)}, expected {tuple(want.shape)} (the shape of x)"
    if got.dtype != want.dtype:
        return f"{what}: dtype {cmp.dtype_name(got.dtype)}, expected {cmp.dtype_name(want.dtype)}"
    tol = cmp.tolerance_for(want.dtype)
    result = cmp.compare_values(got, want, tol)
    if result.ok:
        return None
    for description, output in (mistakes or {}).items():
        if output is not None and output.shape == got.shape and cmp.compare_values(got, output, tol).ok:
            return f"{what}: {result.message}\nlikely cause: {description}"
    diagnosis = f"\nlikely cause: {result.diagnosis}" if result.diagnosis else ""
    return f"{what}: {result.message}{diagnosis}"


def _ignores_v(fn, x, v):
    return expected_vjp(fn, x, torch.ones_like(v))


def check_once(case, value, **_):
    fn, x, v = case.kwargs["fn"], case.kwargs["x"], case.kwargs["v"]
    want = expected_vjp(fn, x, v)
    problem = _compare(value["out"], want, "v^T J", {
        "v was ignored: .sum().backward() (or gradient=torch.ones_like(y)) weights every output by 1; "
        "pass gradient=v": _ignores_v(fn, x, v)})
    if problem:
        return False, problem, {}
    if value["out_requires_grad"]:
        return False, "the result requires grad: return a plain tensor (the .grad of a leaf is one)", {}
    if not torch.equal(value["x_after"], x):
        return False, "the caller's x was modified in place", {}
    if value["x_requires_grad"] or not value["x_grad_is_none"]:
        return False, ("the caller's x was changed: it now requires grad or holds a .grad; "
                       "work on your own leaf, e.g. x.detach().clone().requires_grad_(True)"), {}
    return True, "", {}


def check_twice(case, value, **_):
    kw = case.kwargs
    fn, x, v1, v2, stale = kw["fn"], kw["x"], kw["v1"], kw["v2"], kw["stale"]
    want1, want2 = expected_vjp(fn, x, v1), expected_vjp(fn, x, v2)
    leak = "x's stale .grad leaked into the result: backward ADDS to .grad; start from a fresh leaf"
    ignored = "v was ignored: .sum().backward() (or a gradient of ones) weights every output by 1; pass gradient=v"
    problem = _compare(value["first"], want1, "first call", {leak: want1 + stale, ignored: _ignores_v(fn, x, v1)})
    if problem:
        return False, problem, {}
    problem = _compare(value["second"], want2, "second call", {
        "the first call's gradient is still in there: .grad accumulates across backward calls": want1 + want2,
        leak: want1 + want2 + stale})
    if problem:
        return False, problem, {}
    problem = _compare(value["first_later"], want1, "first result, looked at again after the second call", {
        "the tensor returned by the first call was overwritten by the second: you returned a .grad that the "
        "next backward accumulated into in place": want1 + want2})
    if problem:
        return False, problem, {}
    if not torch.equal(value["x_after"], x):
        return False, "the caller's x was modified in place", {}
    if value["stale_after"] is None or not torch.equal(value["stale_after"], stale):
        return False, ("the .grad the caller already had was changed or cleared; a helper must not touch "
                       "the caller's gradients (detach x and differentiate your own leaf)"), {}
    return True, "", {}
