"""custom-autograd-function: 역전파를 직접 작성한 swish.

torch.nn.functional.silu, torch.nn.SiLU, torch.autograd.grad, torch.func는 쓸 수 없습니다.
채점하려면 `quizapp grade custom-autograd-function <이 파일>`을 실행하세요.

custom-autograd-function: swish with a backward written by hand.

torch.nn.functional.silu, torch.nn.SiLU, torch.autograd.grad and torch.func are not allowed.
Run `quizapp grade custom-autograd-function <this file>`.
"""

import torch


class SwishFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x: torch.Tensor, beta: float) -> torch.Tensor:
        # TODO: x * sigmoid(beta * x)를 돌려주고, backward에 필요한 것을 저장해 두세요.
        # TODO: return x * sigmoid(beta * x); keep what backward needs.
        raise NotImplementedError

    @staticmethod
    def backward(ctx, grad_out: torch.Tensor):
        # TODO: forward의 입력(x와 beta)마다 기울기를 하나씩 돌려줍니다.
        # TODO: one gradient per input of forward (x and beta).
        raise NotImplementedError


def swish(x: torch.Tensor, beta: float = 1.0) -> torch.Tensor:
    """SwishFunction을 거쳐 계산한 x * sigmoid(beta * x).

    x * sigmoid(beta * x), computed through SwishFunction.
    """
    raise NotImplementedError
