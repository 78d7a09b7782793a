"""Reference solution for seeded-data-pipeline (read only by the grader)."""

import random

import numpy as np
import torch
from torch.utils.data import DataLoader


def seed_worker(worker_id):
    # In a worker, torch.initial_seed() is already base_seed + worker_id (the base drawn from the
    # loader's generator); numpy only accepts seeds below 2**32.
    worker_seed = torch.initial_seed() % 2**32
    np.random.seed(worker_seed)
    random.seed(worker_seed)


def make_loader(dataset, batch_size, seed):
    torch.manual_seed(seed)  # augmentation in the main process (num_workers=0) draws from here
    g = torch.Generator()
    g.manual_seed(seed)      # the shuffling order and the workers' base seed
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, generator=g, worker_init_fn=seed_worker)
