"""Cases for gather-along-dim: several seeds, every dim (negative too), size-1 dims, strided inputs."""

import torch

from grader.cases import Case, generator, noncontiguous, randn


def labels_for(shape, high, seed):
    return torch.randint(0, high, shape, generator=generator(seed + 500), dtype=torch.int64)


def pick_cases(grad=False):
    cases = []
    for seed, (n, c) in enumerate([(6, 4), (3, 9), (5, 5), (1, 7), (8, 1), (16, 10)]):
        cases.append(Case(args=[randn(n, c, seed=seed), labels_for((n,), c, seed)], seed=seed,
                          label=f"scores {n}x{c}", grad=(0,) if grad else ()))
    scores = randn(7, 5, seed=40).mT.contiguous().mT  # column-major layout
    cases.append(Case(args=[scores, labels_for((7,), 5, 40)], seed=40, label="scores non-contiguous",
                      grad=(0,) if grad else ()))
    return cases


def pick_grad_cases():
    return [c for i, c in enumerate(pick_cases(grad=True)) if i in (0, 3, 4, 6)]


# (shape of x, dim) pairs: no batch dim, every dim of 3-D and 4-D inputs, negative dims,
# and size-1 dims away from `dim` (a bare .squeeze() removes those as well).
TAKE_SHAPES = [
    ((6,), 0), ((5, 3), 0), ((5, 3), 1), ((4, 6), -1), ((3, 4, 5), 0), ((3, 4, 5), 1), ((3, 4, 5), 2),
    ((3, 4, 5), -2), ((2, 3, 4, 5), 2), ((2, 3, 4, 5), -4), ((1, 4, 1), 1), ((3, 1, 6), 2), ((2, 1), 0),
    ((4, 1, 3), 1),
]


def take_cases(grad=False):
    cases = []
    for seed, (shape, dim) in enumerate(TAKE_SHAPES, start=100):
        index_shape = shape[:dim % len(shape)] + shape[dim % len(shape) + 1:]
        cases.append(Case(args=[randn(*shape, seed=seed), labels_for(index_shape, shape[dim], seed), dim],
                          seed=seed, label=f"x {'x'.join(map(str, shape))}, dim={dim}",
                          grad=(0,) if grad else ()))
    x = noncontiguous(randn(4, 3, 5, seed=130))
    cases.append(Case(args=[x, labels_for((4, 5), 3, 130), 1], seed=130, label="x non-contiguous, dim=1",
                      grad=(0,) if grad else ()))
    index = labels_for((6, 4), 5, 131).mT  # a transposed (non-contiguous) index
    cases.append(Case(args=[randn(4, 5, 6, seed=131), index, 1], seed=131,
                      label="index non-contiguous, dim=1", grad=(0,) if grad else ()))
    return cases


def take_grad_cases():
    return [c for i, c in enumerate(take_cases(grad=True)) if i % 3 == 0]


def take_dtype_cases():
    return [take_cases()[i] for i in (2, 6, 9)]


def mistakes(case):
    """Outputs of common slips, so a failure can name the one that fits."""
    found = {}
    if len(case.args) == 2:
        scores, labels = case.args
        if scores.shape[0] == scores.shape[1]:
            found["picked scores[labels[i], i]: gathered along dim 0 instead of dim 1"] = \
                scores.gather(0, labels.unsqueeze(0)).squeeze(0)
        return found
    x, index, dim = case.args
    dim = dim % x.dim()
    for other in range(x.dim()):
        if other == dim:
            continue
        try:
            out = torch.gather(x, other, index.unsqueeze(other)).squeeze(other)
        except RuntimeError:
            continue
        found[f"gathered along dim {other} instead of dim {dim}"] = out
    return found
