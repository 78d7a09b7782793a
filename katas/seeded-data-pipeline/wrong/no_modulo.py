# expect: seed_worker seeds random and numpy from torch.initial_seed()
# Passes torch.initial_seed() to numpy as it is: a worker's seed is a 64-bit number, numpy accepts < 2**32.
import random

import numpy as np
import torch
from torch.utils.data import DataLoader


def seed_worker(worker_id):
    worker_seed = torch.initial_seed()
    np.random.seed(worker_seed)
    random.seed(worker_seed)


def make_loader(dataset, batch_size, seed):
    torch.manual_seed(seed)
    g = torch.Generator()
    g.manual_seed(seed)
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, generator=g, worker_init_fn=seed_worker)
