"""Runs in the submission's process: build loaders, read their epochs, call seed_worker; report the data.

The grader's cases.py loads this file too, to run the reference the same way.
"""

import random

import torch
from torch.utils.data import DataLoader, Dataset


class NoisyPoints(Dataset):
    """Point i is i's fixed features plus random augmentation drawn from torch's global RNG."""

    def __init__(self, n, features=3):
        self.base = torch.arange(n * features, dtype=torch.float32).reshape(n, features)

    def __len__(self):
        return self.base.shape[0]

    def __getitem__(self, i):
        x = self.base[i] + 0.1 * torch.randn(self.base.shape[1])
        if torch.rand(()) < 0.5:
            x = x.flip(0)
        return x, i


def _epochs(loader, epochs):
    out = []
    for _ in range(epochs):
        out.append([(x.clone(), y.clone()) for x, y in loader])
    return out


def run_loaders(submission, n, batch_size, seed, other_seed, epochs=2):
    """Build a loader, read it, let other code use the global RNGs, build it again with the same seed,
    read it, then build one with another seed. Each loader is read right after it is built."""
    dataset = NoisyPoints(n)
    torch.manual_seed(1234)
    first_loader = submission.make_loader(dataset, batch_size, seed)
    first = _epochs(first_loader, epochs)
    torch.randn(17)           # other code between the two runs moves the global RNGs
    random.random()
    second = _epochs(submission.make_loader(dataset, batch_size, seed), epochs)
    torch.manual_seed(99)
    other = _epochs(submission.make_loader(dataset, batch_size, other_seed), epochs)
    return {"is_loader": isinstance(first_loader, DataLoader), "type": type(first_loader).__name__,
            "first": first, "second": second, "other": other}


def draws(seed_worker, initial_seed, worker_id):
    """Seed torch as a worker's would be (torch.initial_seed() is initial_seed), call seed_worker, and
    draw from random and numpy."""
    import numpy as np

    torch.manual_seed(initial_seed)
    random.seed(2024)            # the state a worker process inherits: the same for every worker
    np.random.seed(2024)
    seed_worker(worker_id)
    return {"random": [random.random() for _ in range(3)], "numpy": [float(v) for v in np.random.rand(3)]}


def run_seed_worker(submission, initial_seeds, worker_ids):
    return [draws(submission.seed_worker, s, w) for s, w in zip(initial_seeds, worker_ids)]


def isolated(fn, *args, **kwargs):
    """Run fn without leaving a trace on torch's, random's and numpy's global generators (used by the
    grader's cases.py to run the reference in its own process)."""
    import numpy as np

    state, np_state = random.getstate(), np.random.get_state()
    try:
        with torch.random.fork_rng(devices=[]):
            return fn(*args, **kwargs)
    finally:
        random.setstate(state)
        np.random.set_state(np_state)
