# expect: batches equal the reference construction's for the same seed
# Seeds the global RNG but passes no generator: reproducible with num_workers=0, but the sampler and the
# augmentation now share one stream, so the batches differ from the construction the task asks for (and
# anything drawing from the global RNG between building and reading the loader changes the order).
import random

import numpy as np
import torch
from torch.utils.data import DataLoader


def seed_worker(worker_id):
    worker_seed = torch.initial_seed() % 2**32
    np.random.seed(worker_seed)
    random.seed(worker_seed)


def make_loader(dataset, batch_size, seed):
    torch.manual_seed(seed)
    return DataLoader(dataset, batch_size=batch_size, shuffle=True, worker_init_fn=seed_worker)
