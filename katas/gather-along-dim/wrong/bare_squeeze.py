# expect: take_along matches the reference
# Squeezes every size-1 dim after gathering, not just the one it inserted.
import torch


def pick_scores(scores, labels):
    return scores.gather(1, labels.unsqueeze(1)).squeeze()


def take_along(x, index, dim):
    dim = dim % x.dim()
    return x.gather(dim, index.unsqueeze(dim)).squeeze()
