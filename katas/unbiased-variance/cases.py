"""Cases for unbiased-variance: every dim (negative too), keepdim on and off, tiny n, large offsets."""

from grader.cases import Case, noncontiguous, randn

# (shape, dim, keepdim): square shapes where a broadcast slip runs silently, n = 2 (the smallest
# size with a defined unbiased variance), size-1 dims away from `dim`, several batch dims.
SHAPES = [
    ((7,), 0, False), ((4, 5), 0, False), ((4, 5), 1, False), ((4, 5), -1, True), ((5, 5), 1, False),
    ((5, 5), 0, True), ((3, 4, 5), 1, True), ((3, 4, 5), 2, False), ((2, 3, 4, 5), -2, True),
    ((2, 3, 4, 5), 0, False), ((5, 2), 1, False), ((1, 6), 1, True), ((6, 1), 0, False), ((3, 1, 4), 2, True),
]


def variance_cases(grad=False):
    cases = []
    for seed, (shape, dim, keepdim) in enumerate(SHAPES):
        kwargs = {"keepdim": True} if keepdim else {}
        cases.append(Case(args=[randn(*shape, seed=seed, scale=1.5), dim], kwargs=kwargs, seed=seed,
                          label=f"x {'x'.join(map(str, shape))}, dim={dim}" + (", keepdim=True" if keepdim else ""),
                          grad=(0,) if grad else ()))
    offset = randn(3, 40, seed=30) + 300.0
    cases.append(Case(args=[offset, 1], seed=30, label="values around 300 (spread 1), dim=1",
                      grad=(0,) if grad else ()))
    cases.append(Case(args=[noncontiguous(randn(4, 6, seed=31)), 0], kwargs={"keepdim": True}, seed=31,
                      label="x non-contiguous 4x6, dim=0, keepdim=True", grad=(0,) if grad else ()))
    cases.append(Case(args=[randn(6, 3, seed=32).mT, 1], seed=32, label="x transposed 3x6, dim=1",
                      grad=(0,) if grad else ()))
    return cases


def grad_cases():
    return [c for i, c in enumerate(variance_cases(grad=True)) if i % 3 == 0]


def dtype_cases():
    return [variance_cases()[i] for i in (2, 6, 8)]


def mistakes(case):
    """Outputs of common slips, so a failure can name the one that fits."""
    x, dim = case.args
    keepdim = case.kwargs.get("keepdim", False)
    n = x.shape[dim]
    centred = x - x.mean(dim=dim, keepdim=True)
    return {
        f"divided by n = {n} instead of n - 1 = {n - 1} (the biased, population variance)":
            centred.pow(2).sum(dim=dim, keepdim=keepdim) / n,
        "the standard deviation (square root) instead of the variance":
            (centred.pow(2).sum(dim=dim, keepdim=keepdim) / (n - 1)).sqrt(),
    }
