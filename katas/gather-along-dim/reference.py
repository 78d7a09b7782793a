"""Reference solution for gather-along-dim (read only by the grader)."""

import torch


def pick_scores(scores, labels):
    return scores.gather(1, labels.unsqueeze(1)).squeeze(1)


def take_along(x, index, dim):
    # unsqueeze counts a negative dim in its (x-sized) result, so dim needs no normalising.
    return torch.gather(x, dim, index.unsqueeze(dim)).squeeze(dim)
