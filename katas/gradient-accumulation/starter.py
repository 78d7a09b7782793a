"""gradient-accumulation: 여러 마이크로배치로 옵티마이저 스텝 한 번, 큰 배치 한 스텝과 같게.

채점하려면 `quizapp grade gradient-accumulation <이 파일>`을 실행하세요.

gradient-accumulation: one optimizer step from several micro-batches, equal to one big-batch step.

Run `quizapp grade gradient-accumulation <this file>`.
"""

import torch


def accumulate_step(model: torch.nn.Module, optimizer: torch.optim.Optimizer, loss_fn, micro_batches: list) -> float:
    """micro_batches: (x, y) 쌍의 리스트로, 크기 n_i가 서로 다를 수 있습니다.
    loss_fn(model(x), y)는 평균 손실입니다.

    마이크로배치마다 차례로 순전파와 역전파를 한 뒤 옵티마이저 스텝을 한 번만 하세요. 그 업데이트는
    이어 붙인 배치에서 평균 손실로 한 스텝 간 것과 같아야 하고, 끝나면 기울기를 비워 둡니다.
    큰 배치의 평균 손실을 파이썬 float으로 돌려주세요.

    micro_batches: a list of (x, y) pairs, possibly of different sizes n_i; loss_fn(model(x), y) is a mean.

    Forward and backward each micro-batch in turn, then take ONE optimizer step, so that the update equals one
    step on the concatenated batch with the mean loss; leave the gradients cleared. Return the big batch's
    mean loss as a Python float.
    """
    raise NotImplementedError
