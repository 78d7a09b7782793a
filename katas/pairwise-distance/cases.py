"""Cases for pairwise-distance: identical points (distance exactly 0), N != M, D = 1, N = 1, strided."""

import torch

from grader.cases import Case, randn


def with_copies(n, m, d, seed, copies):
    """a (n, d) and b (m, d) where b's first `copies` rows are exact copies of rows of a."""
    a = randn(n, d, seed=seed)
    b = randn(m, d, seed=seed + 1)
    picks = torch.randperm(n, generator=torch.Generator().manual_seed(seed + 2))[:copies]
    b[:copies] = a[picks]
    return a, b


def distance_cases():
    cases = []
    for seed, (n, m, d) in enumerate([(4, 5, 3), (3, 4, 1), (1, 6, 4), (7, 1, 2), (64, 48, 3)]):
        cases.append(Case(args=[randn(n, d, seed=seed), randn(m, d, seed=seed + 10)], seed=seed,
                          label=f"a {n}x{d}, b {m}x{d}"))
    same = randn(12, 16, seed=20)
    cases.append(Case(args=[same, same.clone()], seed=20, label="b == a (12x16): a zero diagonal"))
    cases.append(Case(args=[randn(1, 5, seed=21), randn(1, 5, seed=21)], seed=21, label="one identical pair"))
    for seed, (n, m, d, k) in enumerate([(20, 30, 16, 10), (10, 8, 8, 8), (40, 40, 32, 25)], start=30):
        a, b = with_copies(n, m, d, seed, k)
        cases.append(Case(args=[a, b], seed=seed, label=f"a {n}x{d}, b {m}x{d}, {k} rows of b copied from a"))
    cases.append(Case(args=[randn(9, 16, seed=40).mT, randn(5, 9, seed=41)], seed=40,
                      label="a non-contiguous (16x9, a transposed 9x16)"))
    return cases


def dtype_cases():
    return [distance_cases()[i] for i in (0, 5, 8)]


def speed_cases():
    return [Case(kwargs={"n": 128, "m": 128, "d": 16, "loop_rows": 16, "repeats": 5, "budget_s": 2.0},
                 label="N = M = 128, D = 16")]


def mistakes(case):
    """Outputs of common slips, so a failure can name the one that fits."""
    a, b = (t.double() for t in case.args)
    squared = (a.unsqueeze(1) - b.unsqueeze(0)).pow(2).sum(-1)
    dtype = case.args[0].dtype
    return {
        "squared distances: the square root is missing": squared.to(dtype),
        "Manhattan (L1) distances: use the square root of the sum of squares":
            (a.unsqueeze(1) - b.unsqueeze(0)).abs().sum(-1).to(dtype),
    }


def check_speed(case, value, **_):
    mine, loop = value["submission_s"], value["loop_s"]
    ratio = loop / max(mine, 1e-9)
    n, m = case.kwargs["n"], case.kwargs["m"]
    figures = {"speedup_vs_python_loop": round(ratio, 1), "submission_ms": round(mine * 1e3, 3),
               "python_loop_ms": round(loop * 1e3, 1), "timed_runs": value["runs"]}
    if ratio < 20:
        return False, (f"{mine * 1e3:.1f} ms for {n}x{m} pairs, only {ratio:.1f}x faster than a Python double "
                       f"loop ({loop * 1e3:.0f} ms); at least 20x is required. Replace the loops over points "
                       "with one broadcast computation over all pairs"), figures
    return True, "", figures
