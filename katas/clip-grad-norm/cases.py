"""Cases for clip-grad-norm: the expected gradients and norm come from torch.nn.utils.clip_grad_norm_,
run here, in the grader's process, on copies of the same gradients."""

import math

import torch

from grader.cases import compare as cmp
from grader.cases import Case, randn

INF = float("inf")
# Per-tensor norms summed in another order differ in the last bits; no mistake here is that small.
TOLERANCE = {torch.float32: cmp.Tolerance(2e-5, 1e-7), torch.float64: cmp.Tolerance(1e-10, 1e-14)}

SETTINGS = [
    # label, shapes (None: the parameter has no gradient), max_norm, norm_type, form, options
    ("three parameters, norm 2 above max_norm", [(4, 3), (3,), (2, 2, 2)], 1.0, 2.0, "list", {}),
    ("total norm below max_norm: nothing to clip", [(5, 2), (2,)], 100.0, 2.0, "list", {}),
    ("a generator (like model.parameters()) with one .grad None", [(3, 4), None, (4,), (1, 1)], 0.5, 2.0,
     "generator", {}),
    ("one tensor, not a list", [(6, 5)], 2.0, 2.0, "tensor", {}),
    ("norm_type inf", [(3, 3), (7,), (2, 1)], 0.5, INF, "tuple", {}),
    ("norm_type 1", [(4, 2), (5,)], 3.0, 1.0, "list", {}),
    ("norm_type 3, scalar and size-1 parameters", [(), (1,), (3, 1, 2)], 0.8, 3.0, "list", {}),
    ("float64, a non-contiguous .grad, tiny gradients (the 1e-6 matters)", [(4, 6), (3,)], 1e-6, 2.0, "list",
     {"dtype": torch.float64, "scale": 1e-6, "layouts": ["strided", "dense"]}),
    ("float64, mixed scales, one .grad None", [(2, 3), (8,), None], 0.25, 2.0, "list",
     {"dtype": torch.float64, "scale": 3.0}),
    ("every .grad is None", [None, None], 1.0, 2.0, "list", {}),
    ("max_norm 5% below the total norm: barely clipped", [(10,)], "near", 2.0, "list", {}),
]


def clip_cases():
    cases = []
    for i, (label, shapes, max_norm, norm_type, form, options) in enumerate(SETTINGS):
        seed = 101 + i
        dtype = options.get("dtype", torch.float32)
        scale = options.get("scale", 1.0)
        values, grads = [], []
        for j, shape in enumerate(shapes):
            real = shape if shape is not None else (2, 2)
            values.append(randn(*real, seed=seed * 10 + j, dtype=dtype))
            grads.append(None if shape is None else randn(*real, seed=seed * 100 + j, dtype=dtype, scale=scale))
        if max_norm == "near":  # 5% below the total norm
            max_norm = 0.95 * float(torch.cat([g.flatten() for g in grads if g is not None]).norm())
        layouts = options.get("layouts", ["dense"] * len(shapes))
        cases.append(Case(kwargs={"values": values, "grads": grads, "layouts": layouts, "max_norm": max_norm,
                                  "norm_type": norm_type, "form": form}, seed=seed, label=label))
    return cases


# ------------------------------------------------------------------ what torch does (and common slips)

def _params(case):
    params = []
    for value, grad in zip(case.kwargs["values"], case.kwargs["grads"]):
        p = value.clone().requires_grad_(True)
        if grad is not None:
            p.grad = grad.clone()
        params.append(p)
    return params


def expected(case):
    """Gradients after torch.nn.utils.clip_grad_norm_ and the norm it returns."""
    params = _params(case)
    total = torch.nn.utils.clip_grad_norm_(params, case.kwargs["max_norm"], norm_type=case.kwargs["norm_type"])
    return [None if p.grad is None else p.grad for p in params], total


def _norm(g, p):
    return g.abs().max() if math.isinf(p) else torch.linalg.vector_norm(g, p)


def _mistakes(case):
    """name -> (gradients, returned norm) that a known slip produces."""
    grads = [g for g in case.kwargs["grads"] if g is not None]
    if not grads:
        return {}
    max_norm, p = case.kwargs["max_norm"], case.kwargs["norm_type"]
    norms = torch.stack([_norm(g, p) for g in grads])
    total = norms.max() if math.isinf(p) else torch.linalg.vector_norm(norms, p)
    coef = max_norm / (total + 1e-6)
    out = {
        "each parameter clipped by its own norm instead of the norm of all gradients together":
            [g * min(1.0, float(max_norm / (n + 1e-6))) for g, n in zip(grads, norms)],
        "the per-parameter norms were added up instead of combined as one vector "
        "(for norm 2: the square root of the summed squares)":
            [g * min(1.0, float(max_norm / (norms.sum() + 1e-6))) for g in grads],
        "the gradients were scaled although the total norm was below max_norm "
        "(scale only when max_norm / (total_norm + 1e-6) < 1)": [g * coef for g in grads],
        "the 1e-6 in max_norm / (total_norm + 1e-6) is missing": [g * min(1.0, float(max_norm / total)) for g in grads],
    }
    return out


def _grad_problem(got, want, dtype):
    tol = TOLERANCE[dtype]
    if not isinstance(got, list) or len(got) != len(want):
        return "cannot read the gradients back"
    for i, (g, w) in enumerate(zip(got, want)):
        if w is None:
            if g is not None:
                return f"parameter {i} had no .grad, and now has one: leave parameters whose .grad is None alone"
            continue
        if g is None:
            return f"parameter {i}'s .grad became None"
        if g.shape != w.shape or g.dtype != w.dtype:
            return f"parameter {i}'s .grad changed shape or dtype ({tuple(g.shape)}, {g.dtype})"
        result = cmp.compare_values(g, w, tol)
        if not result.ok:
            return f"parameter {i}'s .grad: {result.message}"
    return None


def check_grads(case, value, **_):
    want, _ = expected(case)
    dtype = case.kwargs["values"][0].dtype
    problem = _grad_problem(value["grads"], want, dtype)
    if problem is None:
        if not value["params_unchanged"]:
            return False, "the parameters' values changed: only their .grad may be scaled", {}
        return True, "", {}
    have = [g for g in value["grads"] if g is not None]
    for description, grads in _mistakes(case).items():
        if len(have) == len(grads) and all(
                g.shape == m.shape and cmp.compare_values(g, m, TOLERANCE[dtype]).ok for g, m in zip(have, grads)):
            return False, f"the gradients differ from clip_grad_norm_'s\nlikely cause: {description}", {}
    untouched = all(g is not None and torch.equal(g, w) for g, w in zip(value["grads"], case.kwargs["grads"])
                    if w is not None)
    if case.kwargs["form"] == "generator" and untouched:
        return False, ("the gradients differ from clip_grad_norm_'s: none was scaled. The parameters came as a "
                       "generator, which runs out after one pass: make a list of it first"), {}
    return False, f"the gradients differ from clip_grad_norm_'s: {problem}", {}


def check_norm(case, value, **_):
    _, total = expected(case)
    got = value["returned"]
    if not value["returned_tensor"] or not isinstance(got, torch.Tensor):
        return False, f"must return the total norm as a tensor, got {type(got).__name__} {got!r:.60}", {}
    if got.dim() != 0:
        return False, f"must return a 0-dim tensor, got shape {tuple(got.shape)}", {}
    tol = TOLERANCE[case.kwargs["values"][0].dtype]
    result = cmp.compare_values(got.to(total.dtype), total, tol)
    if result.ok:
        return True, "", {}
    want, _ = expected(case)
    grads = [g for g in want if g is not None]
    if grads:
        p = case.kwargs["norm_type"]
        norms = torch.stack([_norm(g, p) for g in grads])
        after = norms.max() if math.isinf(p) else torch.linalg.vector_norm(norms, p)
        if cmp.compare_values(got.to(after.dtype), after, tol).ok:
            return False, (f"returned {float(got):.6g}, the norm after clipping; return the total norm measured "
                           f"before clipping ({float(total):.6g})"), {}
    return False, f"returned norm {float(got):.6g}, expected {float(total):.6g}", {}


def check_in_place(case, value, **_):
    for i, (same, grad) in enumerate(zip(value["same_objects"], case.kwargs["grads"])):
        if grad is not None and not same:
            return False, (f"parameter {i}'s .grad is a new tensor: scale the existing one in place (g.mul_(...)); "
                           "whoever holds the old gradient tensor would not see the clipping"), {}
    return True, "", {}
