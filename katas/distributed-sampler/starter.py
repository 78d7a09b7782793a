"""distributed-sampler: 한 랭크가 보는 인덱스를 DistributedSampler가 고르는 그대로 구하기.

torch.utils.data.DistributedSampler는 쓸 수 없습니다.
채점하려면 `quizapp grade distributed-sampler <이 파일>`을 실행하세요.

distributed-sampler: the indices one rank sees, exactly as DistributedSampler picks them.

torch.utils.data.DistributedSampler is not allowed. Run `quizapp grade distributed-sampler <this file>`.
"""

import torch


def shard_indices(n: int, num_replicas: int, rank: int, shuffle: bool = True, seed: int = 0,
                  epoch: int = 0, drop_last: bool = False) -> list:
    """`num_replicas`개 중 랭크 `rank`가 에폭 `epoch`에 읽는 데이터셋 인덱스(파이썬 int의 리스트).

    1. 순서: shuffle이면 seed + epoch로 시드를 준 g로 torch.randperm(n, generator=g), 아니면 0..n-1;
    2. 길이를 num_replicas로 나누어떨어지게 만들기: 앞에서부터 다시 붙이거나(모자라면 몇 번이든
       되풀이), drop_last이면 꼬리를 잘라 냄;
    3. 위치 rank에서 시작해 num_replicas칸씩 건너뛰며 인덱스를 고름.
    0 <= rank < num_replicas가 아니면 ValueError를 발생시키세요.

    The dataset indices (a list of Python ints) that rank `rank` of `num_replicas` reads in epoch `epoch`.

    1. order: torch.randperm(n, generator=g) with g seeded by seed + epoch when shuffle, else 0..n-1;
    2. make the length divisible by num_replicas: repeat from the start (wrapping as often as needed),
       or, with drop_last, cut the tail;
    3. take every num_replicas-th index starting at position rank.
    Raise ValueError unless 0 <= rank < num_replicas.
    """
    raise NotImplementedError
