"""max-pool: 라이브러리의 풀링 연산 없이 하는 2차원 최대 풀링.

F.max_pool2d, nn.MaxPool2d를 비롯한 최대 풀링 연산은 쓸 수 없습니다.
채점하려면 `quizapp grade max-pool <이 파일>`을 실행하세요.

max-pool: 2-D max pooling without the library's pooling ops.

F.max_pool2d, nn.MaxPool2d and the other max-pooling ops are not allowed.
Run `quizapp grade max-pool <this file>`.
"""

import torch
import torch.nn.functional as F


def max_pool2d(x: torch.Tensor, kernel_size, stride=None, padding=0) -> torch.Tensor:
    """x: (N, C, H, W). F.max_pool2d(x, kernel_size, stride, padding)처럼 (N, C, H_out, W_out)을 돌려줍니다.

    `kernel_size`, `stride`, `padding`은 정수 하나 또는 (높이, 너비) 쌍입니다. `stride=None`은
    "kernel_size와 같음"이라는 뜻입니다. 패딩한 자리는 절대 최댓값이 되지 않습니다.

    x: (N, C, H, W). Return (N, C, H_out, W_out), as F.max_pool2d(x, kernel_size, stride, padding).

    `kernel_size`, `stride` and `padding` are an int or a (height, width) pair; `stride=None`
    means "the same as kernel_size". Padded positions never win the max.
    """
    raise NotImplementedError
