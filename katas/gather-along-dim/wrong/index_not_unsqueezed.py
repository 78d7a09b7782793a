# expect: take_along matches the reference
# Passes the index straight to gather: it has one dim fewer than x, which gather rejects.
import torch


def pick_scores(scores, labels):
    return scores.gather(1, labels.unsqueeze(1)).squeeze(1)


def take_along(x, index, dim):
    return torch.gather(x, dim, index)
