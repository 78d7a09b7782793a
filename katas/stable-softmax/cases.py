"""Cases for stable-softmax: huge logits, every kind of dim, masked entries, non-contiguous input."""

import torch

from grader.cases import Case, noncontiguous, randn


def _case(x, dim, label, seed, grad=False):
    kwargs = {} if dim is None else {"dim": dim}
    return Case(args=[x], kwargs=kwargs, label=label, seed=seed, grad=(0,) if grad else ())


def _spread_rows(seed, dtype=torch.float32):
    """Rows living at very different offsets: a max over the whole tensor underflows some rows."""
    x = randn(4, 6, seed=seed, dtype=torch.float64, scale=3.0)
    x += torch.tensor([[9000.0], [-9000.0], [0.0], [4000.0]], dtype=torch.float64)
    return x.to(dtype)


def _masked(seed):
    x = randn(3, 5, seed=seed)
    x[0, 1] = x[1, 0] = x[1, 4] = x[2, 2] = float("-inf")
    return x


def output_cases(dtype=torch.float32, grad=False):
    def r(*shape, seed, scale=1.0):
        return randn(*shape, seed=seed, dtype=dtype, scale=scale)

    return [
        _case(r(4, 7, seed=1, scale=3.0), -1, "(4, 7) along dim -1", 1, grad),
        _case(r(3, 5, 4, seed=4, scale=50.0), 1, "(3, 5, 4) along the middle dim", 4, grad),
        _case(r(3, 5, 4, seed=5, scale=2.0), 0, "(3, 5, 4) along dim 0", 5, grad),
        _case(r(2, 3, 4, seed=6, scale=2.0), -2, "(2, 3, 4) along dim -2", 6, grad),
        _case(r(6, 6, seed=2, scale=1e4), -1, "(6, 6) logits around ±1e4, dim -1", 2, grad),
        _case(r(6, 6, seed=3, scale=1e4), 0, "(6, 6) logits around ±1e4, dim 0", 3, grad),
        _case(r(5, seed=7, scale=1e3), 0, "1-D (5,), logits around ±1e3", 7, grad),
        _case(r(1, 8, seed=8), 0, "(1, 8) along a size-1 dim", 8, grad),
        _case(_spread_rows(9, dtype), 1, "rows at offsets +9000, -9000, 0, +4000", 9, grad),
        _case(torch.full((2, 5), 3000.0, dtype=dtype), -1, "every logit equal to 3000", 10, grad),
        _case(r(3, 4, seed=11, scale=2.0), None, "(3, 4) with the default dim", 11, grad),
        _case(noncontiguous(r(5, 4, seed=12, scale=5.0)), -1, "non-contiguous (5, 4), dim -1", 12, grad),
        _case(r(4, 3, seed=13).mT, 0, "transposed (3, 4) view, dim 0", 13, grad),
    ]


def forward_cases():
    return output_cases() + [_case(_masked(14), -1, "(3, 5) with -inf (masked) entries", 14)]


def gradient_cases():
    return [c for i, c in enumerate(output_cases(torch.float64, grad=True)) if i in (0, 1, 3, 5, 8, 11)]


def dtype_cases():
    cases = output_cases()
    return [cases[4], cases[1], cases[8]]


def device_cases():
    cases = output_cases()
    return [cases[0], cases[2]]


def mistakes(case):
    """Softmax over each other dim, to name a normalisation over the wrong dim."""
    x = case.args[0]
    dim = case.kwargs.get("dim", -1) % max(x.dim(), 1)
    found = {}
    for other in range(x.dim()):
        if other != dim:
            x64 = x.double()
            found[f"normalised over dim {other} instead of dim {dim}"] = torch.softmax(x64, other).to(x.dtype)
            e = torch.exp(x - x.amax(dim=dim, keepdim=True))  # in x's dtype: underflow as the slip has it
            found[f"the max is taken along dim {dim} but the sum along dim {other}: both must use `dim`"] = (
                e / e.sum(dim=other, keepdim=True))
    return found
