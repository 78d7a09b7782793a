# expect: StepDecay updates every param group like StepLR
# Multiplies by gamma on every step() call: that is ExponentialLR, not StepLR.
def lr_at(epoch, base_lr, step_size, gamma=0.1):
    return base_lr * gamma ** (epoch // step_size)


class StepDecay:
    def __init__(self, optimizer, step_size, gamma=0.1):
        self.optimizer, self.step_size, self.gamma = optimizer, step_size, gamma

    def step(self):
        for g in self.optimizer.param_groups:
            g["lr"] = g["lr"] * self.gamma

    def get_last_lr(self):
        return [g["lr"] for g in self.optimizer.param_groups]
