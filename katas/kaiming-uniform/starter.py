"""kaiming-uniform: He(Kaiming) 균등 초기화, 그리고 nn.Linear가 기본으로 쓰는 경계.

torch.nn.init은 쓸 수 없습니다. 채점하려면 `quizapp grade kaiming-uniform <이 파일>`을 실행하세요.

kaiming-uniform: He (Kaiming) uniform initialisation, and the bound nn.Linear uses by default.

torch.nn.init is not allowed. Run `quizapp grade kaiming-uniform <this file>`.
"""

import torch


def kaiming_uniform_(tensor: torch.Tensor, a: float = 0.0, mode: str = "fan_in") -> torch.Tensor:
    """`tensor`를 U(-bound, bound)에서 뽑은 값으로 제자리에서 채우고 그 텐서를 돌려줍니다.
    bound = gain * sqrt(3 / fan).

    Fill `tensor` in place from U(-bound, bound), bound = gain * sqrt(3 / fan), and return it.
    """
    raise NotImplementedError


def linear_default_bound(in_features: int) -> float:
    """nn.Linear의 기본 가중치 초기화(a = sqrt(5)인 kaiming_uniform_)가 쓰는 경계, float으로.

    The bound of nn.Linear's default weight init (kaiming_uniform_ with a = sqrt(5)), as a float.
    """
    raise NotImplementedError
