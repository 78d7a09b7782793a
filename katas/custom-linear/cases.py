"""Cases for custom-linear: batch shapes from none to several, bias on and off, odd sizes."""

import torch

from grader.cases import BATCH_SHAPES, Case, noncontiguous, randn

SIZES = [(3, 5, True), (4, 2, False), (1, 1, True), (7, 3, True)]


def structure_cases():
    return [Case(init_args=[i, o], init_kwargs={"bias": b}, label=f"CustomLinear({i}, {o}, bias={b})", seed=s)
            for s, (i, o, b) in enumerate(SIZES)]


def forward_cases(grad=False):
    cases = []
    seed = 100
    for in_f, out_f, bias in SIZES:
        for lead in BATCH_SHAPES:
            seed += 1
            cases.append(Case(init_args=[in_f, out_f], init_kwargs={"bias": bias},
                              args=[randn(*lead, in_f, seed=seed)], seed=seed,
                              grad=(0,) if grad else (), label=f"batch {lead}, bias={bias}"))
    x = noncontiguous(randn(4, 6, 3, seed=7))
    cases.append(Case(init_args=[3, 2], args=[x], seed=7, grad=(0,) if grad else (), label="non-contiguous input"))
    return cases


def gradient_cases():
    return [c for i, c in enumerate(forward_cases(grad=True)) if i % 3 == 0]


def dtype_cases():
    return forward_cases()[2:5]


def init_cases():
    return [Case(kwargs={"in_features": i, "out_features": o, "bias": b}, seed=s, label=f"({i}, {o}, bias={b})")
            for s, (i, o, b) in enumerate([(64, 32, True), (5, 7, False)])]


def check_initialised(case, params, **_):
    """Parameters must start finite and different from each other (no symmetric start)."""
    for name, value in params.items():
        if not torch.isfinite(value).all():
            return False, f"`{name}` holds NaN/inf right after construction (torch.empty is uninitialised memory)", {}
        # A constant bias is fine (zeros are common); constant weights make every unit identical.
        if value.dim() >= 2 and value.numel() > 1 and torch.all(value == value.flatten()[0]):
            return False, (f"every element of `{name}` starts with the same value {float(value.flatten()[0]):g}: "
                           "identical units get identical gradients and never become different; "
                           "initialise randomly (nn.Linear uses U(-1/sqrt(in), 1/sqrt(in)))"), {}
    return True, "", {}

