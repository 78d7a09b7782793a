"""distributed-sampler: the indices one rank sees, exactly as DistributedSampler picks them.

torch.utils.data.DistributedSampler is not allowed. Run `quizapp grade distributed-sampler <this file>`.
"""

import torch


def shard_indices(n: int, num_replicas: int, rank: int, shuffle: bool = True, seed: int = 0,
                  epoch: int = 0, drop_last: bool = False) -> list:
    """The dataset indices (a list of Python ints) that rank `rank` of `num_replicas` reads in epoch `epoch`.

    1. order: torch.randperm(n, generator=g) with g seeded by seed + epoch when shuffle, else 0..n-1;
    2. make the length divisible by num_replicas: repeat from the start (wrapping as often as needed),
       or, with drop_last, cut the tail;
    3. take every num_replicas-th index starting at position rank.
    Raise ValueError unless 0 <= rank < num_replicas.
    """
    raise NotImplementedError
