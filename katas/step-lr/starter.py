"""step-lr: StepLR의 스케줄을 직접 작성하기.

torch.optim.lr_scheduler는 쓸 수 없습니다. 채점하려면 `quizapp grade step-lr <이 파일>`을 실행하세요.

step-lr: StepLR's schedule written by hand.

torch.optim.lr_scheduler is not allowed. Run `quizapp grade step-lr <this file>`.
"""


def lr_at(epoch: int, base_lr: float, step_size: int, gamma: float = 0.1) -> float:
    """scheduler.step()을 `epoch`번 부른 뒤 StepLR이 주는 학습률.

    The learning rate StepLR gives after `epoch` calls to scheduler.step().
    """
    raise NotImplementedError


class StepDecay:
    """`step_size` 에폭마다 한 번씩 모든 param group의 lr에 `gamma`를 곱합니다.

    Decays every param group's lr by `gamma` once every `step_size` epochs.
    """

    def __init__(self, optimizer, step_size: int, gamma: float = 0.1):
        raise NotImplementedError

    def step(self) -> None:
        """에폭 하나가 끝났습니다: optimizer.param_groups[i]['lr']을 갱신합니다.

        End of one epoch: update optimizer.param_groups[i]['lr'].
        """
        raise NotImplementedError

    def get_last_lr(self) -> list:
        """param group마다 현재 lr을 float 리스트로.

        The current lr of every param group, as a list of floats.
        """
        raise NotImplementedError
