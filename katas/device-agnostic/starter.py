"""device-agnostic: 새 텐서를 입력이 있는 곳(장치)에, 입력과 같은 dtype으로 만들기.

채점하려면 `quizapp grade device-agnostic <이 파일>`을 실행하세요.

device-agnostic: create new tensors where (and as what) the input lives.

Run `quizapp grade device-agnostic <this file>`.
"""

import math

import torch


def add_positions(x: torch.Tensor) -> torch.Tensor:
    """모양 (..., T, D)인 x에 사인파 위치 표 PE (T, D)를 더한 값. 장치와 dtype은 x와 같습니다.

    x of shape (..., T, D) plus the sinusoidal position table PE (T, D); same device and dtype as x.
    """
    raise NotImplementedError


def mask_future(scores: torch.Tensor) -> torch.Tensor:
    """scores (..., T, T)에서 대각선 위의 모든 항목(키가 쿼리보다 뒤)을 -inf로 바꾼 새 텐서.

    scores (..., T, T) with every entry above the diagonal (key after query) set to -inf; a new tensor.
    """
    raise NotImplementedError
