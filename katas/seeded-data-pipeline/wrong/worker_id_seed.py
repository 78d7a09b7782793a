# expect: seed_worker seeds random and numpy from torch.initial_seed()
# Seeds the workers with their worker_id: different workers differ, but every run (and every epoch)
# repeats the same augmentation streams whatever the loader's seed was.
import random

import numpy as np
import torch
from torch.utils.data import DataLoader


def seed_worker(worker_id):
    np.random.seed(worker_id)
    random.seed(worker_id)


def make_loader(dataset, batch_size, seed):
    torch.manual_seed(seed)
    g = torch.Generator()
    g.manual_seed(seed)
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, generator=g, worker_init_fn=seed_worker)
