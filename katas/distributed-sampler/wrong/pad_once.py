# expect: shards without shuffling (padding, strided split)
# Pads with a single slice indices[:missing]; when n < num_replicas that is too short and the ranks
# get different counts.
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
    per_rank = n // num_replicas if drop_last else math.ceil(n / num_replicas)
    total = per_rank * num_replicas
    if drop_last:
        indices = indices[:total]
    else:
        indices += indices[:total - n]
    return indices[rank::num_replicas]
