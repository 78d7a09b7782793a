"""Cases for argmax-2d: non-square matrices (H != W), thin ones, ties, integer and strided inputs."""

import torch

from grader.cases import Case, randn


def tied(h, w, spots):
    """Integer-valued matrix whose maximum appears at every (row, col) in `spots`."""
    m = torch.arange(h * w, dtype=torch.float32).reshape(h, w).remainder(7)
    for r, c in spots:
        m[r, c] = 50.0
    return m


def single_cases():
    cases = []
    for seed, (h, w) in enumerate([(3, 5), (5, 3), (4, 4), (1, 6), (6, 1), (1, 1), (2, 9), (7, 4)]):
        cases.append(Case(args=[randn(h, w, seed=seed)], seed=seed, label=f"m {h}x{w}", target="argmax_2d"))
    cases.append(Case(args=[tied(4, 6, [(2, 1), (1, 4), (3, 0)])], label="tie: the max at (2, 1), (1, 4), (3, 0)",
                      target="argmax_2d"))
    cases.append(Case(args=[randn(6, 3, seed=20).mT], seed=20, label="m transposed 3x6 (non-contiguous)",
                      target="argmax_2d"))
    ints = torch.randint(-100, 100, (5, 8), generator=torch.Generator().manual_seed(21))
    cases.append(Case(args=[ints], seed=21, label="m int64 5x8", target="argmax_2d"))
    return cases


def batch_cases():
    cases = []
    for seed, (b, h, w) in enumerate([(2, 3, 5), (4, 5, 3), (1, 4, 4), (3, 1, 6), (3, 6, 1), (5, 2, 7)], start=30):
        cases.append(Case(args=[randn(b, h, w, seed=seed)], seed=seed, label=f"x {b}x{h}x{w}",
                          target="batch_argmax_2d"))
    ties = torch.stack([tied(3, 5, [(2, 0), (0, 3)]), tied(3, 5, [(1, 4), (2, 2)])])
    cases.append(Case(args=[ties], label="ties in every matrix", target="batch_argmax_2d"))
    cases.append(Case(args=[randn(3, 7, 4, seed=40).transpose(1, 2)], seed=40,
                      label="x transposed matrices 3x4x7 (non-contiguous)", target="batch_argmax_2d"))
    return cases


def mistakes(case):
    """Outputs of common slips, so a failure can name the one that fits."""
    m = case.args[0]
    found = {}
    h, w = m.shape[-2], m.shape[-1]
    flat = m.reshape(*m.shape[:-2], -1).argmax(dim=-1)
    if h != w:
        found["split the flat index with the height: row = i // W and col = i % W use the number of columns"] = \
            torch.stack([flat // h, flat % h], dim=-1)
    found["(col, row) instead of (row, col)"] = torch.stack([flat % w, flat // w], dim=-1)
    return found
