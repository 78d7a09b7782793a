# expect: the same seed gives the same batches twice
# Seeds Python's and numpy's RNGs and trusts shuffle=True: the order (and the augmentation) still come
# from torch's global RNG, in whatever state other code left it.
import random

import numpy as np
import torch
from torch.utils.data import DataLoader


def seed_worker(worker_id):
    worker_seed = torch.initial_seed() % 2**32
    np.random.seed(worker_seed)
    random.seed(worker_seed)


def make_loader(dataset, batch_size, seed):
    random.seed(seed)
    np.random.seed(seed)
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, worker_init_fn=seed_worker)
