# expect: distances match the reference (no NaN at zero distance)
# Expands ||a||^2 + ||b||^2 - 2ab but takes sqrt without clamping: rounding below 0 gives NaN.
import torch


def pairwise_distance(a, b):
    sq = (a * a).sum(dim=1, keepdim=True) + (b * b).sum(dim=1) - 2 * torch.mm(a, b.t())
    return sq.sqrt()
