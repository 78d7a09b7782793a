"""Cases for max-pool: default and explicit strides, overlapping windows, padding on inputs that
are all negative (zero padding would win the max there), non-square everything, size-1 dims."""

import importlib.util
from pathlib import Path

import torch
import torch.nn.functional as F

from grader.cases import Case, noncontiguous, randn

# (N, C, H, W), kernel_size, stride ("-" leaves it out), padding ("-" leaves it out), values
SETTINGS = [
    ((2, 3, 8, 8), 2, "-", "-", "normal"),
    ((1, 1, 7, 7), 2, "-", "-", "normal"),              # odd size: the last row and column are dropped
    ((3, 2, 9, 9), 3, "-", "-", "normal"),
    ((2, 1, 6, 6), 3, 1, "-", "normal"),                # overlapping windows
    ((1, 2, 7, 9), 3, 2, 1, "normal"),
    ((2, 3, 6, 7), 3, 2, 1, "negative"),                # every value < 0, with padding
    ((1, 2, 5, 5), 2, 1, 1, "negative"),
    ((1, 3, 5, 8), (2, 3), (1, 2), (1, 1), "normal"),
    ((2, 2, 10, 6), (4, 2), None, (2, 0), "negative"),  # stride=None given explicitly
    ((2, 2, 4, 4), 4, "-", "-", "normal"),              # one window: 1x1 output
    ((3, 1, 1, 5), (1, 2), "-", "-", "normal"),         # height 1
    ((1, 4, 6, 11), (3, 4), (3, 1), (1, 2), "normal"),
    ((2, 3, 6, 8), 2, "-", "-", "relu"),                # ReLU zeros: windows whose max is tied
    ((2, 2, 7, 7), 3, 2, 1, "relu"),                    # ties in overlapping, padded windows
]


def _values(shape, seed, kind):
    x = randn(*shape, seed=seed)
    if kind == "relu":  # mostly zeros, as after a ReLU: the maximum of many windows is a tie at 0
        return torch.relu(x - 0.7)
    return -(x.abs() + 0.1) if kind == "negative" else x


def _label(kernel, stride, padding, kind):
    parts = [f"kernel_size={kernel}"]
    if stride != "-":
        parts.append(f"stride={stride}")
    if padding != "-":
        parts.append(f"padding={padding}")
    if kind == "negative":
        parts.append("all inputs negative")
    if kind == "relu":
        parts.append("ReLU output, tied maxima")
    return ", ".join(parts)


def _case(i, grad=False):
    shape, kernel, stride, padding, kind = SETTINGS[i]
    seed = 31 * i + 5
    kwargs = {k: v for k, v in (("stride", stride), ("padding", padding)) if v != "-"}
    return Case(args=[_values(shape, seed, kind), kernel], kwargs=kwargs, label=_label(kernel, stride, padding, kind),
                seed=seed, grad=(0,) if grad else ())


def _reference():
    spec = importlib.util.spec_from_file_location("_max_pool_ref", Path(__file__).with_name("reference.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _checked(cases):
    """The checks compare with reference.py; make sure it agrees with F.max_pool2d, gradients included."""
    reference = _reference()
    for case in cases:
        x, kernel = case.args
        kwargs = dict(case.kwargs)
        a = x.double().requires_grad_(True)
        b = x.double().requires_grad_(True)
        want = F.max_pool2d(a, kernel, **kwargs)
        got = reference.max_pool2d(b, kernel, **kwargs)
        assert got.shape == want.shape and torch.equal(got, want), case.label
        g = torch.randn(want.shape, generator=torch.Generator().manual_seed(case.seed), dtype=torch.float64)
        want.backward(g)
        got.backward(g)
        assert torch.allclose(a.grad, b.grad), case.label
    return cases


def forward_cases():
    cases = [_case(i) for i in range(len(SETTINGS))]
    x = noncontiguous(randn(2, 3, 6, 9, seed=400))
    cases.append(Case(args=[x, 3], kwargs={"stride": 2, "padding": 1}, label="non-contiguous input", seed=400))
    return _checked(cases)


def gradient_cases():
    return _checked([_case(i, grad=True) for i in (0, 3, 4, 5, 7, 8, 12, 13)])


def dtype_cases():
    return [_case(i) for i in (5, 7)]


def mistakes(case):
    """Outputs of common slips, so a failure can name the one that fits."""
    x, kernel = case.args
    stride = case.kwargs.get("stride")
    padding = case.kwargs.get("padding", 0)
    ph, pw = padding if isinstance(padding, (tuple, list)) else (padding, padding)
    found = {"average pooling: the mean of each window instead of its max":
             F.avg_pool2d(x, kernel, stride, padding, count_include_pad=True),
             "average pooling (padding excluded from the count) instead of max":
             F.avg_pool2d(x, kernel, stride, padding, count_include_pad=False)}
    if ph or pw:
        found["the padding is zeros, so it wins the max next to negative values; pad with -inf"] = F.max_pool2d(
            F.pad(x, (pw, pw, ph, ph)), kernel, stride)
    return found
