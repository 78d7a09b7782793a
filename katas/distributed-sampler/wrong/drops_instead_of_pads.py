# expect: shards without shuffling (padding, strided split)
# Always cuts the tail to make the length divisible, as if drop_last were always True.
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
    total = (n // num_replicas) * num_replicas
    return indices[:total][rank::num_replicas]
