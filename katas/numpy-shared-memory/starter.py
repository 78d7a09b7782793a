"""numpy-shared-memory: NumPy와 PyTorch 사이에서 데이터를 복사하지 않고 주고받기.

채점하려면 `quizapp grade numpy-shared-memory <이 파일>`을 실행하세요.

numpy-shared-memory: move data between NumPy and PyTorch without copying it.

Run `quizapp grade numpy-shared-memory <this file>`.
"""

import numpy as np
import torch


def to_tensor(arr: np.ndarray) -> torch.Tensor:
    """arr와 메모리를 공유하고 dtype이 대응하는 텐서(float64는 float64 그대로).

    A tensor that shares arr's memory and has the matching dtype (float64 stays float64).
    """
    raise NotImplementedError


def to_numpy(t: torch.Tensor) -> np.ndarray:
    """(CPU) 텐서와 메모리를 공유하는 NumPy 배열. t가 requires_grad여도 그렇게 해야 합니다.

    A NumPy array that shares the (CPU) tensor's memory, also when t requires grad.
    """
    raise NotImplementedError
