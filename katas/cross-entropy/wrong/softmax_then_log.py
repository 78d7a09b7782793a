# expect: mean loss matches F.cross_entropy
# Takes softmax and then log: the target's probability underflows to 0 for large logits and log(0) = -inf.
import torch


def cross_entropy(logits, targets, reduction="mean"):
    if reduction not in ("mean", "sum", "none"):
        raise ValueError(reduction)
    probs = torch.softmax(logits, dim=1)
    losses = -torch.log(probs.gather(1, targets.unsqueeze(1)).squeeze(1))
    if reduction == "none":
        return losses
    return losses.sum() if reduction == "sum" else losses.mean()
