"""Cases for cross-entropy: batches, a class dim that is not last, huge logits, every reduction."""

import torch
import torch.nn.functional as F

from grader.cases import Case, generator, noncontiguous, randn

F64 = torch.float64


def _targets(shape, classes, seed):
    return torch.randint(0, classes, shape, generator=generator(seed + 300))


# (logits shape, scale, dtype, label); the class dim is dim 1
SETTINGS = [
    ((4, 5), 2.0, torch.float32, "(4, 5) logits"),
    ((1, 3), 2.0, torch.float32, "a batch of one"),
    ((6, 1), 2.0, torch.float32, "a single class (every loss is 0)"),
    ((8, 10), 1e4, F64, "(8, 10) logits around ±1e4"),
    ((3, 4, 4), 3.0, torch.float32, "(3, 4, 4): 4 classes, 4 positions"),
    ((3, 4, 5), 2.0, torch.float32, "(3, 4, 5): 4 classes, targets (3, 5)"),
    ((2, 3, 2, 2), 2.0, torch.float32, "(2, 3, 2, 2): targets (2, 2, 2)"),
    ((5, 7), 800.0, F64, "(5, 7) logits around ±800"),
]


def _cases(reduction, grad=False, dtype=None):
    cases = []
    for i, (shape, scale, dt, label) in enumerate(SETTINGS):
        seed = 10 + i
        logits = randn(*shape, seed=seed, dtype=dtype or dt, scale=scale)
        targets = _targets((shape[0], *shape[2:]), shape[1], seed)
        kwargs = {} if reduction is None else {"reduction": reduction}
        cases.append(Case(args=[logits, targets], kwargs=kwargs, seed=seed, grad=(0,) if grad else (),
                          label=f"{label}, reduction {reduction or 'default (mean)'}"))
    return cases


def mean_cases():
    cases = _cases(None)
    logits = noncontiguous(randn(5, 4, seed=40))
    cases.append(Case(args=[logits, _targets((5,), 4, 40)], seed=40, label="non-contiguous (5, 4) logits"))
    cases.append(Case(args=[randn(7, 3, seed=41), torch.full((7,), 2)], seed=41,
                      label="(7, 3), every target is class 2"))
    return cases


def none_cases():
    return _cases("none")


def sum_cases():
    return [c for i, c in enumerate(_cases("sum")) if i in (0, 3, 6)]


def gradient_cases():
    return [c for i, c in enumerate(_cases(None, grad=True, dtype=F64)) if i in (0, 3, 4, 6, 7)] + \
        [c for i, c in enumerate(_cases("none", grad=True, dtype=F64)) if i in (4,)]


def dtype_cases():
    return [c for i, c in enumerate(_cases(None)) if i in (0, 4)]


def invalid_cases():
    return [Case(args=[randn(3, 4, seed=50), _targets((3,), 4, 50)], kwargs={"reduction": "average"}, seed=50,
                 label="reduction='average'", expect={"raises": "ValueError"})]


def mistakes(case):
    """What common slips produce, so a failure can name the one that fits."""
    logits, targets = case.args
    reduction = case.kwargs.get("reduction", "mean")
    losses = F.cross_entropy(logits.double(), targets, reduction="none")
    n = logits.shape[0]
    found = {}
    if reduction == "mean":
        found["summed instead of averaged (reduction 'mean' divides by the number of targets)"] = losses.sum()
        if logits.dim() > 2:
            found["divided by the batch size N only; the mean runs over every target, N x d1 x ..."] = \
                losses.sum() / n
        if logits.dim() == 2:
            log_p = logits.double() - torch.logsumexp(logits.double(), dim=1, keepdim=True)
            found["logits[:, targets] picks an N x N block; pick one entry per row with gather or "
                  "logits[torch.arange(N), targets]"] = -log_p[:, targets].mean()
    if logits.dim() > 2:
        log_p = logits.double() - torch.logsumexp(logits.double(), dim=1, keepdim=True)
        try:
            slip = -(log_p * F.one_hot(targets, logits.shape[1]).double()).sum(dim=1)
            reduce = {"none": lambda t: t, "sum": torch.sum, "mean": torch.mean}[reduction]
            found["the one-hot mask has its class dim last, (N, ..., C): move it to dim 1 "
                  "(one_hot(...).movedim(-1, 1)) before multiplying, or use gather"] = reduce(slip)
        except RuntimeError:  # the shapes do not broadcast: that slip raises instead
            pass
    if reduction == "sum":
        found["averaged instead of summed"] = losses.mean()
    found["the sign is flipped: the loss is the NEGATIVE log-probability of the target class"] = \
        -losses if reduction == "none" else (-losses.mean() if reduction == "mean" else -losses.sum())
    return {k: v.to(logits.dtype) for k, v in found.items()}
