"""Cases for batched-diagonal: batch shapes from none to several, square and rectangular, offsets."""

from grader.cases import Case, noncontiguous, randn

# (shape, offset): no batch dim, one and several batch dims, a size-1 batch, B == N (so diagonals
# over the wrong pair of dims keep the right shape), wide and tall matrices, offsets on both sides,
# and an offset outside the matrix (an empty diagonal).
SHAPES = [
    ((4, 4), 0), ((3, 5, 5), 0), ((1, 6, 6), 0), ((2, 3, 4, 4), 0), ((4, 4, 4), 0), ((3, 4, 6), 0),
    ((3, 6, 4), 0), ((1, 1, 1), 0), ((2, 5, 5), 1), ((2, 5, 5), -2), ((3, 4, 6), 2), ((3, 6, 4), -3),
    ((2, 2, 3, 5), -1), ((2, 3, 3), 5), ((5, 3), 1),
]


def diagonal_cases(grad=False):
    cases = []
    for seed, (shape, offset) in enumerate(SHAPES):
        label = f"x {'x'.join(map(str, shape))}, offset={offset}"
        args = [randn(*shape, seed=seed)] + ([offset] if offset else [])
        cases.append(Case(args=args, seed=seed, label=label if offset else label + " (default)",
                          grad=(0,) if grad else ()))
    cases.append(Case(args=[noncontiguous(randn(3, 4, 4, seed=50))], seed=50, label="x non-contiguous",
                      grad=(0,) if grad else ()))
    cases.append(Case(args=[randn(2, 6, 5, seed=51).mT, -1], seed=51, label="x transposed, offset=-1",
                      grad=(0,) if grad else ()))
    return cases


def view_cases():
    return [diagonal_cases()[i] for i in (0, 1, 3, 5, 8, 9, 15, 16)]


def grad_cases():
    return [c for i, c in enumerate(diagonal_cases(grad=True)) if i % 3 == 1]


def dtype_cases():
    return [diagonal_cases()[i] for i in (1, 3, 11)]


def mistakes(case):
    """Outputs of common slips, so a failure can name the one that fits."""
    x = case.args[0]
    offset = case.args[1] if len(case.args) > 1 else 0
    found = {}
    if x.dim() >= 3:
        try:
            found["took the diagonal over dims 0 and 1 (torch.diagonal's defaults) instead of the last two"] = \
                x.diagonal(offset)
        except RuntimeError:
            pass
    if offset:
        found["ignored the offset"] = x.diagonal(0, -2, -1)
        found["used the opposite offset (above and below the main diagonal swapped)"] = x.diagonal(-offset, -2, -1)
    return found
