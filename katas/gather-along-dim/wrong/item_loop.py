# expect: gradients reach scores and x
# Reads each score with .item() and rebuilds a tensor: right values, but the graph is cut.
import torch


def pick_scores(scores, labels):
    picked = [scores[i, int(labels[i])].item() for i in range(scores.shape[0])]
    return torch.tensor(picked, dtype=scores.dtype)


def take_along(x, index, dim):
    dim = dim % x.dim()
    return x.gather(dim, index.unsqueeze(dim)).squeeze(dim)
