# expect: forbidden
# Hands the work to F.log_softmax and F.nll_loss.
import torch.nn.functional as F


def cross_entropy(logits, targets, reduction="mean"):
    return F.nll_loss(F.log_softmax(logits, dim=1), targets, reduction=reduction)
