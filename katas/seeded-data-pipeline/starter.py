"""seeded-data-pipeline: a shuffling DataLoader whose order and augmentation repeat for the same seed.

Run `quizapp grade seeded-data-pipeline <this file>`.
"""

import random

import numpy as np
import torch
from torch.utils.data import DataLoader


def seed_worker(worker_id: int) -> None:
    """worker_init_fn: seed `random` and `numpy` from torch.initial_seed() (modulo 2**32)."""
    raise NotImplementedError


def make_loader(dataset, batch_size: int, seed: int) -> DataLoader:
    """Seed torch's global RNG with `seed`, then return
    DataLoader(dataset, batch_size=batch_size, shuffle=True, generator=g, worker_init_fn=seed_worker)
    where g is a new torch.Generator seeded with `seed`."""
    raise NotImplementedError
