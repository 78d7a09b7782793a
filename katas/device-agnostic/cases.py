"""Cases for device-agnostic: sequence lengths and widths (odd too), batch dims, masks of several sizes."""

import math

import torch

from grader.cases import Case, noncontiguous, randn

F64 = torch.float64


def position_cases(dtype=torch.float32):
    cases = []
    for i, (shape, label) in enumerate([
            ((5, 8), "(T=5, D=8)"), ((1, 4), "a single position (T=1, D=4)"), ((7, 6), "(T=7, D=6)"),
            ((2, 3, 9), "batch 2, T=3, odd D=9"), ((4, 16, 32), "batch 4, T=16, D=32"),
            ((64, 10), "T=64, D=10"), ((2, 2, 6, 4), "two batch dims, T=6, D=4")]):
        cases.append(Case(args=[randn(*shape, seed=10 + i, dtype=dtype)], seed=10 + i, label=label,
                          target="add_positions"))
    cases.append(Case(args=[noncontiguous(randn(3, 6, 4, seed=20, dtype=dtype))], seed=20,
                      label="non-contiguous (3, 6, 4)", target="add_positions"))
    return cases


def position_cases_f64():
    return position_cases(F64)


def position_dtype_cases():
    return [c for c in position_cases() if c.args[0].shape[-2] <= 8][:4]


def position_device_cases():
    return position_cases()[:4]


def mask_cases():
    cases = []
    for i, (shape, label) in enumerate([((4, 4), "(4, 4)"), ((2, 3, 5, 5), "(2, 3, 5, 5)"),
                                        ((1, 1), "(1, 1)"), ((3, 7, 7), "(3, 7, 7)")]):
        cases.append(Case(args=[randn(*shape, seed=30 + i, scale=2.0)], seed=30 + i, label=label,
                          target="mask_future"))
    cases.append(Case(args=[randn(2, 6, 6, seed=40).mT], seed=40, label="transposed (2, 6, 6) view",
                      target="mask_future"))
    return cases


def mask_dtype_cases():
    return mask_cases()[:3]


def float32_table_mistake(case):
    """add_positions with the table built in float32 and only then added to float64 input."""
    x = case.args[0]
    t, d = x.shape[-2], x.shape[-1]
    pos = torch.arange(t, dtype=torch.float32).unsqueeze(-1)
    k = torch.div(torch.arange(d), 2, rounding_mode="floor").float()
    angles = pos * torch.exp(k * (-2.0 * math.log(10000.0) / d))
    table = torch.where(torch.arange(d) % 2 == 0, torch.sin(angles), torch.cos(angles))
    return {"the position table was computed in float32 (torch's default dtype) and only then added: "
            "create it with dtype=x.dtype": x + table}


def mask_mistakes(case):
    s = case.args[0]
    t = s.shape[-1]
    return {"the diagonal is masked too: a position may attend to itself (use triu(..., diagonal=1))":
            s.masked_fill(torch.ones(t, t, dtype=torch.bool).triu(0), float("-inf")),
            "the past was masked instead of the future (tril instead of triu)":
            s.masked_fill(torch.ones(t, t, dtype=torch.bool).tril(-1), float("-inf"))}
