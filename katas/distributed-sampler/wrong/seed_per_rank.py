# expect: the shards of all ranks together cover every index
# Adds the rank to the seed "so that ranks see different data": each rank slices its own permutation,
# so some indices are read twice and others never.
import math

import torch


def shard_indices(n, num_replicas, rank, shuffle=True, seed=0, epoch=0, drop_last=False):
    if not 0 <= rank < num_replicas:
        raise ValueError(f"rank {rank} not in [0, {num_replicas})")
    if shuffle:
        g = torch.Generator()
        g.manual_seed(seed + epoch + rank)
        indices = torch.randperm(n, generator=g).tolist()
    else:
        indices = list(range(n))
    per_rank = n // num_replicas if drop_last else math.ceil(n / num_replicas)
    total = per_rank * num_replicas
    while len(indices) < total:
        indices += indices[:total - len(indices)]
    indices = indices[:total]
    return indices[rank:total:num_replicas]
