# expect: different seeds give different orders
# Hard-codes the seed 42 from a tutorial instead of using the `seed` argument.
import random

import numpy as np
import torch
from torch.utils.data import DataLoader

SEED = 42


def seed_worker(worker_id):
    worker_seed = torch.initial_seed() % 2**32
    np.random.seed(worker_seed)
    random.seed(worker_seed)


def make_loader(dataset, batch_size, seed):
    torch.manual_seed(SEED)
    g = torch.Generator()
    g.manual_seed(SEED)
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, generator=g, worker_init_fn=seed_worker)
