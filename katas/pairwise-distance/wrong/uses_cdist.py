# expect: forbidden
# Calls torch.cdist, which the kata forbids.
import torch


def pairwise_distance(a, b):
    return torch.cdist(a, b)
