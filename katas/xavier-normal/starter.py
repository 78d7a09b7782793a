"""xavier-normal: Xavier(Glorot) 정규 초기화를 직접 구현하기.

torch.nn.init은 쓸 수 없습니다. 채점하려면 `quizapp grade xavier-normal <이 파일>`을 실행하세요.

xavier-normal: Xavier (Glorot) normal initialisation, implemented yourself.

torch.nn.init is not allowed. Run `quizapp grade xavier-normal <this file>`.
"""

import torch


def xavier_normal_(tensor: torch.Tensor, gain: float = 1.0) -> torch.Tensor:
    """`tensor`를 Xavier의 표준편차를 쓰는 N(0, std^2)에서 뽑은 값으로 제자리에서 채우고 그 텐서를 돌려줍니다.

    Fill `tensor` in place from N(0, std^2) with Xavier's standard deviation, and return it.
    """
    raise NotImplementedError
