# expect: StepDecay updates every param group like StepLR
# Tracks the lr in its own attribute and never writes it into optimizer.param_groups.
def lr_at(epoch, base_lr, step_size, gamma=0.1):
    return base_lr * gamma ** (epoch // step_size)


class StepDecay:
    def __init__(self, optimizer, step_size, gamma=0.1):
        self.step_size, self.gamma = step_size, gamma
        self.base_lrs = [g["lr"] for g in optimizer.param_groups]
        self.lrs = list(self.base_lrs)
        self.epoch = 0

    def step(self):
        self.epoch += 1
        self.lrs = [lr_at(self.epoch, b, self.step_size, self.gamma) for b in self.base_lrs]

    def get_last_lr(self):
        return self.lrs
