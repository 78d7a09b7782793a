"""backward-vjp: backward(gradient=...)로 벡터-야코비안 곱 구하기.

torch.autograd.grad, torch.autograd.functional, torch.func는 쓸 수 없습니다.
채점하려면 `quizapp grade backward-vjp <이 파일>`을 실행하세요.

backward-vjp: vector-Jacobian products with backward(gradient=...).

torch.autograd.grad, torch.autograd.functional and torch.func are not allowed.
Run `quizapp grade backward-vjp <this file>`.
"""

import torch


def vjp(f, x: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    """v^T J를 돌려줍니다. J는 x에서 구한 f의 야코비안이고, 결과는 x와 모양이 같습니다.

    v는 f(x)와 모양이 같습니다. 호출한 쪽의 x(값, requires_grad, .grad)는 그대로 두세요.

    Return v^T J, where J is the Jacobian of f at x; the result has x's shape.

    v has the shape of f(x). Leave the caller's x (values, requires_grad, .grad) as it was.
    """
    raise NotImplementedError
