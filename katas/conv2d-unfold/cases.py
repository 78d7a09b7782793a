"""Cases for conv2d-unfold: non-square inputs, kernels and outputs (so a reshape in the wrong
order cannot pass), int and pair strides/paddings, bias on and off, size-1 dims."""

import importlib.util
from pathlib import Path

import torch
import torch.nn.functional as F

from grader.cases import Case, noncontiguous, randn


def _reference():
    spec = importlib.util.spec_from_file_location("_conv2d_unfold_ref", Path(__file__).with_name("reference.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _checked(cases):
    """The outputs check compares with reference.py; make sure it agrees with F.conv2d (in float64)."""
    reference = _reference()
    for case in cases:
        args = [a.double() if isinstance(a, torch.Tensor) else a for a in case.args]
        want = F.conv2d(*args, **case.kwargs)
        got = reference.conv2d_unfold(*args, **case.kwargs)
        assert got.shape == want.shape and torch.allclose(got, want, rtol=1e-10, atol=1e-10), case.label
    return cases

# (N, C, H, W), (O, kh, kw), stride, padding, bias
SETTINGS = [
    ((2, 3, 8, 8), (4, 3, 3), 1, 0, True),
    ((2, 3, 8, 8), (4, 3, 3), 1, 1, False),
    ((3, 2, 7, 9), (5, 3, 2), (2, 1), (1, 0), True),
    ((1, 1, 5, 5), (1, 5, 5), 1, 0, True),            # kernel as large as the input: 1x1 output
    ((2, 4, 6, 10), (3, 1, 1), 1, 0, True),           # 1x1 convolution
    ((1, 3, 9, 7), (2, 2, 4), 3, 2, False),
    ((4, 2, 11, 6), (6, 5, 3), (2, 3), (2, 1), True),
    ((1, 1, 4, 12), (1, 3, 3), (1, 2), 1, True),      # N = C = O = 1
    ((2, 5, 10, 10), (7, 4, 2), 2, (0, 1), True),
    ((3, 1, 1, 6), (2, 1, 3), 1, 0, True),            # height 1
]


def _case(i, grad=False):
    (n, c, h, w), (o, kh, kw), stride, padding, bias = SETTINGS[i]
    seed = 10 * i + 1
    args = [randn(n, c, h, w, seed=seed), randn(o, c, kh, kw, seed=seed + 1, scale=0.5)]
    if bias:
        args.append(randn(o, seed=seed + 2))
    else:
        args.append(None)
    label = f"stride={stride}, padding={padding}, bias={'yes' if bias else 'None'}"
    g = tuple(range(3 if bias else 2)) if grad else ()
    return Case(args=args, kwargs={"stride": stride, "padding": padding}, label=label, seed=seed, grad=g)


def forward_cases():
    cases = [_case(i) for i in range(len(SETTINGS))]
    x = noncontiguous(randn(2, 3, 6, 7, seed=200))
    cases.append(Case(args=[x, randn(4, 3, 2, 3, seed=201), randn(4, seed=202)],
                      kwargs={"stride": 1, "padding": (1, 2)}, label="non-contiguous input", seed=200))
    x = randn(2, 7, 5, 3, seed=210).permute(0, 3, 1, 2)   # channels-last layout, shape (2, 3, 7, 5)
    cases.append(Case(args=[x, randn(2, 3, 3, 2, seed=211), None], kwargs={"stride": 2, "padding": 0},
                      label="channels-last (permuted) input", seed=210))
    cases.append(Case(args=[randn(2, 3, 9, 8, seed=220), randn(4, 3, 3, 3, seed=221), randn(4, seed=222)],
                      label="stride and padding left at their defaults", seed=220))
    return _checked(cases)


def gradient_cases():
    return _checked([_case(i, grad=True) for i in (0, 2, 5, 6, 7)])


def dtype_cases():
    return [_case(i) for i in (2, 6)]


def mistakes(case):
    """Outputs of common slips, so a failure can name the one that fits."""
    x, weight, bias = case.args
    kw = dict(case.kwargs)
    found = {}
    if bias is not None:
        found["the bias was never added"] = F.conv2d(x, weight, None, **kw)
    found["the kernel was flipped (true convolution); torch's conv2d is a cross-correlation"] = F.conv2d(
        x, weight.flip(-1, -2), bias, **kw)
    return found
