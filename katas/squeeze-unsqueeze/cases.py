"""Cases for squeeze-unsqueeze: B == N (where a broadcast slip runs silently), size-1 dims everywhere."""

from grader.cases import Case, noncontiguous, randn


def center_cases():
    cases = []
    for seed, (b, n) in enumerate([(4, 6), (5, 5), (1, 7), (6, 1), (3, 3), (8, 3), (2, 9)]):
        cases.append(Case(args=[randn(b, n, seed=seed, scale=2.0), randn(n, seed=seed + 50)], seed=seed,
                          label=f"x {b}x{n}" + (" (B == N)" if b == n else ""), target="center_rows"))
    cases.append(Case(args=[noncontiguous(randn(4, 4, seed=20)), randn(4, seed=21)], seed=20,
                      label="x non-contiguous 4x4", target="center_rows"))
    return cases


def outer_cases():
    cases = [Case(args=[randn(n, seed=30 + n)], seed=30 + n, label=f"a ({n},)", target="outer_difference")
             for n in (5, 1, 8, 2)]
    cases.append(Case(args=[noncontiguous(randn(6, seed=40))], seed=40, label="a strided (6,)",
                      target="outer_difference"))
    return cases


def channel_cases():
    shapes = [(2, 1, 3, 4), (1, 1, 3, 4), (3, 1, 1, 5), (2, 1, 4, 1), (1, 1, 1, 1), (5, 1, 2, 2)]
    return [Case(args=[randn(*shape, seed=60 + i)], seed=60 + i, label=f"x {shape}", target="drop_channel")
            for i, shape in enumerate(shapes)]


def dtype_cases():
    return [center_cases()[0], center_cases()[1]]


def mistakes(case):
    """Outputs of common slips, so a failure can name the one that fits."""
    found = {}
    if case.target == "center_rows":
        x, bias = case.args
        found["subtracted the column means (mean over dim 0) instead of each row's mean"] = \
            x - x.mean(dim=0) + bias
        if x.shape[0] == x.shape[1]:
            found["row means of shape (B,) broadcast along the last dim: they need .unsqueeze(1) to be (B, 1)"] = \
                x - x.mean(dim=1) + bias
        found["forgot the column bias"] = x - x.mean(dim=1, keepdim=True)
    return found
