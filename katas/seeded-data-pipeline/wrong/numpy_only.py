# expect: seed_worker seeds random and numpy from torch.initial_seed()
# Seeds numpy in the workers but forgets Python's random module, which augmentation libraries also use.
import random

import numpy as np
import torch
from torch.utils.data import DataLoader


def seed_worker(worker_id):
    np.random.seed(torch.initial_seed() % 2**32)


def make_loader(dataset, batch_size, seed):
    torch.manual_seed(seed)
    g = torch.Generator()
    g.manual_seed(seed)
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, generator=g, worker_init_fn=seed_worker)
