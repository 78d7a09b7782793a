"""step-lr: StepLR's schedule written by hand.

torch.optim.lr_scheduler is not allowed. Run `quizapp grade step-lr <this file>`.
"""


def lr_at(epoch: int, base_lr: float, step_size: int, gamma: float = 0.1) -> float:
    """The learning rate StepLR gives after `epoch` calls to scheduler.step()."""
    raise NotImplementedError


class StepDecay:
    """Decays every param group's lr by `gamma` once every `step_size` epochs."""

    def __init__(self, optimizer, step_size: int, gamma: float = 0.1):
        raise NotImplementedError

    def step(self) -> None:
        """End of one epoch: update optimizer.param_groups[i]['lr']."""
        raise NotImplementedError

    def get_last_lr(self) -> list:
        """The current lr of every param group, as a list of floats."""
        raise NotImplementedError
