# expect: shards without shuffling (padding, strided split)
# Gives each rank a contiguous block of the padded list instead of every num_replicas-th index.
import math

import torch


def shard_indices(n, num_replicas, rank, shuffle=True, seed=0, epoch=0, drop_last=False):
    if not 0 <= rank < num_replicas:
        raise ValueError(f"rank {rank} not in [0, {num_replicas})")
    if shuffle:
        g = torch.Generator()
        g.manual_seed(seed + epoch)
        indices = torch.randperm(n, generator=g).tolist()
    else:
        indices = list(range(n))
    if drop_last:
        per_rank = n // num_replicas
    else:
        per_rank = math.ceil(n / num_replicas)
    total = per_rank * num_replicas
    while len(indices) < total:
        indices += indices[:total - len(indices)]
    indices = indices[:total]
    return indices[rank * per_rank:(rank + 1) * per_rank]
