# expect: forbidden
# Wraps the real StepLR, which the kata rules out.
from torch.optim import lr_scheduler


def lr_at(epoch, base_lr, step_size, gamma=0.1):
    return base_lr * gamma ** (epoch // step_size)


class StepDecay:
    def __init__(self, optimizer, step_size, gamma=0.1):
        self.inner = lr_scheduler.StepLR(optimizer, step_size, gamma)

    def step(self):
        self.inner.step()

    def get_last_lr(self):
        return self.inner.get_last_lr()
