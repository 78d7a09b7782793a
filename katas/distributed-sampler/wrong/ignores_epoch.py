# expect: shuffled shards (seeded by seed + epoch)
# Seeds the generator with seed alone, so every epoch repeats the first epoch's order.
import math

import torch


def shard_indices(n, num_replicas, rank, shuffle=True, seed=0, epoch=0, drop_last=False):
    if not 0 <= rank < num_replicas:
        raise ValueError(f"rank {rank} not in [0, {num_replicas})")
    if shuffle:
        g = torch.Generator()
        g.manual_seed(seed)
        indices = torch.randperm(n, generator=g).tolist()
    else:
        indices = list(range(n))
    per_rank = n // num_replicas if drop_last else math.ceil(n / num_replicas)
    total = per_rank * num_replicas
    while len(indices) < total:
        indices += indices[:total - len(indices)]
    indices = indices[:total]
    return indices[rank:total:num_replicas]
