"""Reference solution for distributed-sampler (read only by the grader).

Written out by hand, because the grader also grades this file as a submission (which may not use
DistributedSampler); cases.py judges every submission against DistributedSampler itself.
"""

import math

import torch


def shard_indices(n, num_replicas, rank, shuffle=True, seed=0, epoch=0, drop_last=False):
    if not 0 <= rank < num_replicas:
        raise ValueError(f"rank must be in [0, {num_replicas - 1}], got {rank}")
    if shuffle:
        g = torch.Generator()
        g.manual_seed(seed + epoch)
        indices = torch.randperm(n, generator=g).tolist()
    else:
        indices = list(range(n))
    if drop_last and n % num_replicas:
        per_rank = n // num_replicas
    else:
        per_rank = math.ceil(n / num_replicas)
    total = per_rank * num_replicas
    if total > len(indices):  # wrap around as many times as needed
        indices = (indices * math.ceil(total / len(indices)))[:total]
    else:
        indices = indices[:total]
    return indices[rank:total:num_replicas]
