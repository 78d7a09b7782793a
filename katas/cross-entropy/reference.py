"""Reference solution for cross-entropy (read only by the grader)."""

import torch


def cross_entropy(logits, targets, reduction="mean"):
    if reduction not in ("mean", "sum", "none"):
        raise ValueError(f"reduction must be 'mean', 'sum' or 'none', not {reduction!r}")
    log_norm = torch.logsumexp(logits, dim=1)                         # (N, d1, ...)
    picked = logits.gather(1, targets.unsqueeze(1)).squeeze(1)        # the target class's logit
    losses = log_norm - picked
    if reduction == "none":
        return losses
    return losses.sum() if reduction == "sum" else losses.mean()
