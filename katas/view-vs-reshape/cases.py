"""Cases for view-vs-reshape: layouts where a view is possible, and layouts where only a copy works."""

from grader.cases import Case, noncontiguous, randn


def viewable_cases():
    """Inputs whose last two dims can be merged without copying (some are not contiguous)."""
    cases = []
    for seed, shape in enumerate([(3, 4), (2, 3, 5), (2, 3, 4, 5), (1, 1, 6), (4, 1, 1), (5, 1)]):
        cases.append(Case(args=[randn(*shape, seed=seed)], seed=seed, label=f"contiguous {shape}"))
    cases.append(Case(args=[randn(3, 2, 4, 5, seed=10).transpose(0, 1)], seed=10,
                      label="batch dims swapped (non-contiguous, last two dims intact)"))
    cases.append(Case(args=[randn(6, 3, 4, seed=11)[::2]], seed=11,
                      label="every other batch entry (non-contiguous, last two dims intact)"))
    cases.append(Case(args=[randn(3, 4, seed=12).expand(5, 3, 4)], seed=12,
                      label="a batch expanded from one matrix (stride 0)"))
    cases.append(Case(args=[randn(2, 5, 4, seed=13)[:, 1:4, :]], seed=13,
                      label="a band of rows [:, 1:4, :] (non-contiguous, rows intact)"))
    # A dim of size 1 is never stepped over, so its stride is arbitrary and never blocks a view,
    # even where stride[-2] != stride[-1] * B (a stride rule that forgets this copies these).
    cases.append(Case(args=[randn(3, 4, seed=14)[:, :1]], seed=14,
                      label="one column [:, :1] (B = 1, non-contiguous)"))
    cases.append(Case(args=[randn(2, 3, 5, seed=15)[..., 2:3]], seed=15,
                      label="one column of each matrix [..., 2:3] (B = 1, non-contiguous)"))
    cases.append(Case(args=[randn(2, 3, 5, seed=16).transpose(-1, -2)[:, :1, :]], seed=16,
                      label="first row of transposed matrices (A = 1, non-contiguous)"))
    cases.append(Case(args=[randn(4, 6, seed=17).mT[:1]], seed=17,
                      label="first row of a transposed matrix (A = 1, 2-D, non-contiguous)"))
    cases.append(Case(args=[randn(3, 4, 5, seed=18)[:, 1:2, 3:4]], seed=18,
                      label="one element per matrix [:, 1:2, 3:4] (A = B = 1)"))
    return cases


def copy_cases():
    """Inputs whose last two dims cannot be merged in place: only a copy gives the right order."""
    return [
        Case(args=[randn(4, 3, seed=20).mT], seed=20, label="transposed matrix"),
        Case(args=[randn(2, 5, 3, seed=21).transpose(-1, -2)], seed=21, label="batch of transposed matrices"),
        Case(args=[noncontiguous(randn(2, 3, 4, seed=22))], seed=22, label="every other column"),
        Case(args=[randn(2, 3, 8, seed=23)[:, :, 2:6]], seed=23, label="a column window [:, :, 2:6]"),
        Case(args=[randn(2, 3, 4, 5, seed=24).permute(0, 2, 3, 1)], seed=24, label="permuted 4-D input"),
        Case(args=[randn(5, seed=25).expand(3, 4, 5)], seed=25, label="one row expanded over both dims"),
        # Size-1 dims elsewhere do not help: the (A, B) matrix itself still has to fit.
        Case(args=[randn(1, 4, 3, seed=26).transpose(-1, -2)], seed=26,
             label="a batch of one transposed matrix (1, 3, 4)"),
        Case(args=[randn(2, 1, 3, 6, seed=27)[..., 1:5]], seed=27,
             label="a column window with a size-1 batch dim (2, 1, 3, 4)"),
    ]


def all_cases():
    return viewable_cases() + copy_cases()


def mistakes(case):
    x = case.args[0]
    found = {"merged the dims column by column (transposed before flattening)":
             x.transpose(-1, -2).reshape(*x.shape[:-2], -1)}
    return found
