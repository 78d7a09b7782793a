"""bf16-autocast-step: bfloat16 autocast와 float32 마스터 가중치로 학습 스텝 한 번 하기.

순전파와 손실은 torch.autocast(device_type=x.device.type, dtype=torch.bfloat16) 안에서
계산하고, backward, 옵티마이저 스텝, zero_grad는 그 밖에서 하세요. 모델의 파라미터는
float32로 남습니다. 손실은 파이썬 float으로 돌려주세요.

채점하려면 `quizapp grade bf16-autocast-step <이 파일>`을 실행하세요.

bf16-autocast-step: one training step with bfloat16 autocast and float32 master weights.

Run the forward pass and the loss under torch.autocast(device_type=x.device.type,
dtype=torch.bfloat16), then backward, optimizer step and zero_grad outside it. The model's
parameters stay float32. Return the loss as a Python float.

Run `quizapp grade bf16-autocast-step <this file>`.
"""

import torch


def train_step(model: torch.nn.Module, optimizer: torch.optim.Optimizer, x: torch.Tensor, y: torch.Tensor,
               loss_fn) -> float:
    """배치 (x, y)로 혼합 정밀도(bfloat16) 학습 스텝을 한 번 하고 손실을 돌려줍니다.

    One mixed-precision (bfloat16) training step on the batch (x, y); returns the loss.
    """
    raise NotImplementedError
