"""Cases for custom-autograd-function: shapes, betas, saturated inputs, float64 gradcheck."""

import torch

from grader.cases import compare as cmp
from grader.cases import Case, noncontiguous, randn

F64 = torch.float64


def _randn(shape, seed, dtype=torch.float32, scale=1.0):
    return randn(1, *shape, seed=seed, dtype=dtype, scale=scale).reshape(shape)


# (shape, beta or None for the default, scale of the values, label)
SETTINGS = [
    ((6,), 1.0, 2.0, "1-D, beta 1"),
    ((3, 4), 0.5, 3.0, "2-D, beta 0.5"),
    ((2, 3, 5), 2.0, 2.0, "3-D, beta 2"),
    ((), 1.5, 2.0, "0-dim, beta 1.5"),
    ((1, 4, 1), None, 2.0, "size-1 dims, default beta"),
    ((5, 5), 1.0, 40.0, "large |x| (sigmoid saturates), beta 1"),
    ((4,), -1.0, 2.0, "negative beta"),
]


def _case(i, shape, beta, scale, label, dtype, grad):
    seed = 10 + i
    x = _randn(shape, seed, dtype, scale)
    kwargs = {} if beta is None else {"beta": beta}
    return Case(args=[x], kwargs=kwargs, seed=seed, label=label, grad=(0,) if grad else ())


def output_cases():
    cases = [_case(i, *s, torch.float32, False) for i, s in enumerate(SETTINGS)]
    cases.append(Case(args=[noncontiguous(randn(3, 4, seed=30))], kwargs={"beta": 1.25}, seed=30,
                      label="non-contiguous input, beta 1.25"))
    return cases


def gradient_cases():
    cases = [_case(i, *s, F64, True) for i, s in enumerate(SETTINGS)]
    cases.append(Case(args=[noncontiguous(randn(3, 4, seed=31, dtype=F64))], kwargs={"beta": 0.75}, seed=31,
                      label="non-contiguous float64 input, beta 0.75", grad=(0,)))
    return cases


def dtype_cases():
    return output_cases()[:3]


def graph_cases():
    return [Case(kwargs={"x": _randn((4,), 40), "beta": 1.0}, seed=40, label="swish(x) with x requiring grad")]


def gradcheck_cases():
    return [Case(kwargs={"x": _randn(shape, 50 + i, F64, 2.0), "beta": beta}, seed=50 + i,
                 label=f"gradcheck, x {tuple(shape)} float64, beta {beta}")
            for i, (shape, beta) in enumerate([((5,), 1.0), ((2, 3), 0.7), ((4,), 2.5)])]


def inplace_cases():
    return [Case(kwargs={"x": _randn((6,), 60 + i, F64), "beta": beta}, seed=60 + i,
                 label=f"x changed in place after forward, beta {beta}")
            for i, beta in enumerate([1.0, 0.6])]


def check_graph(case, value, **_):
    if not value["subclass"]:
        return False, "SwishFunction must be a subclass of torch.autograd.Function", {}
    if not value["custom"] or not value["is_swish_function"]:
        node = value["node"] or "no grad_fn at all"
        return False, (f"the output of swish was produced by {node}, not by SwishFunction: swish must "
                       "return SwishFunction.apply(x, beta) so that your backward is the one autograd runs"), {}
    return True, "", {}


def check_gradcheck(case, value, **_):
    if not value["passed"] and not value["mismatch"]:
        return False, "raised during torch.autograd.gradcheck: " + value["message"], {}
    if not value["passed"]:
        return False, ("torch.autograd.gradcheck failed: the Jacobian from your backward differs from the "
                       "numerical one (finite differences)\n" + value["message"]), {}
    return True, "", {"gradcheck": "passed"}


def _swish_grad(x, beta):
    leaf = x.detach().clone().requires_grad_(True)
    (leaf * torch.sigmoid(beta * leaf)).sum().backward()
    return leaf.grad


def check_inplace(case, value, **_):
    if value["raised"]:
        return True, "", {}
    x, beta = case.kwargs["x"], case.kwargs["beta"]
    got, tol = value["grad"], cmp.tolerance_for(F64)

    def matches(want):
        return got is not None and got.shape == want.shape and cmp.compare_values(got, want, tol).ok

    if matches(_swish_grad(x, beta)):
        return True, "", {}  # a saved copy: still the gradient at the original x
    if matches(_swish_grad(x * 3.0, beta)):
        return False, ("the input was changed in place after forward, and backward silently used the new values "
                       "(a wrong gradient, no error). Keep the tensors backward needs with "
                       "ctx.save_for_backward: autograd then notices the change and raises instead"), {}
    return False, ("after an in-place change of the input, backward neither raised nor gave the gradient at "
                   "the original x (see the gradients check; keep x with ctx.save_for_backward)"), {}
