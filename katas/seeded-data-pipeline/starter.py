"""seeded-data-pipeline: 시드가 같으면 순서와 증강이 똑같이 되풀이되는, 섞어 읽는 DataLoader.

채점하려면 `quizapp grade seeded-data-pipeline <이 파일>`을 실행하세요.

seeded-data-pipeline: a shuffling DataLoader whose order and augmentation repeat for the same seed.

Run `quizapp grade seeded-data-pipeline <this file>`.
"""

import random

import numpy as np
import torch
from torch.utils.data import DataLoader


def seed_worker(worker_id: int) -> None:
    """worker_init_fn: torch.initial_seed()(2**32로 나눈 나머지)로 `random`과 `numpy`를 시드합니다.

    worker_init_fn: seed `random` and `numpy` from torch.initial_seed() (modulo 2**32).
    """
    raise NotImplementedError


def make_loader(dataset, batch_size: int, seed: int) -> DataLoader:
    """torch의 전역 RNG를 `seed`로 시드한 다음
    DataLoader(dataset, batch_size=batch_size, shuffle=True, generator=g, worker_init_fn=seed_worker)
    를 돌려줍니다. 여기서 g는 `seed`로 시드한 새 torch.Generator입니다.

    Seed torch's global RNG with `seed`, then return
    DataLoader(dataset, batch_size=batch_size, shuffle=True, generator=g, worker_init_fn=seed_worker)
    where g is a new torch.Generator seeded with `seed`."""
    raise NotImplementedError
