"""Runs in the submission's process: time the submission against a Python double loop."""

import statistics
import time

import torch


def _python_loop(a, b):
    """What the vectorised version replaces: one small tensor computation per pair of points."""
    out = torch.empty(a.shape[0], b.shape[0], dtype=a.dtype)
    for i in range(a.shape[0]):
        for j in range(b.shape[0]):
            out[i, j] = ((a[i] - b[j]) ** 2).sum().sqrt()
    return out


def speed_vs_loop(submission, n, m, d, loop_rows, repeats, budget_s):
    """Median time of the submission and of the loop over all n x m pairs (the loop is timed on
    `loop_rows` rows and scaled up to n rows; its cost is linear in the rows)."""
    gen = torch.Generator().manual_seed(1234)
    a = torch.randn(n, d, generator=gen)
    b = torch.randn(m, d, generator=gen)
    fn = submission.pairwise_distance
    start = time.perf_counter()
    fn(a, b)  # warm-up (first-call allocations)
    spent = time.perf_counter() - start
    mine, loop = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        fn(a, b)
        mine.append(time.perf_counter() - start)
        start = time.perf_counter()
        _python_loop(a[:loop_rows], b)
        loop.append((time.perf_counter() - start) * n / loop_rows)
        spent += mine[-1]
        if spent > budget_s:  # far too slow already: no need for more repetitions
            break
    return {"submission_s": statistics.median(mine), "loop_s": statistics.median(loop), "runs": len(mine)}
