"""xavier-uniform: Xavier(Glorot) 균등 초기화를 직접 구현하기.

torch.nn.init은 쓸 수 없습니다. 채점하려면 `quizapp grade xavier-uniform <이 파일>`을 실행하세요.

xavier-uniform: implement Xavier (Glorot) uniform initialisation yourself.

torch.nn.init is not allowed. Run `quizapp grade xavier-uniform <this file>`.
"""

import torch


def xavier_uniform_(tensor: torch.Tensor, gain: float = 1.0) -> torch.Tensor:
    """`tensor`를 Xavier의 경계를 쓰는 U(-a, a)에서 뽑은 값으로 제자리에서 채우고 그 텐서를 돌려줍니다.

    Fill `tensor` in place from U(-a, a) with Xavier's bound, and return it.
    """
    raise NotImplementedError
