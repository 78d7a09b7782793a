# expect: StepDecay updates every param group like StepLR
# Remembers one starting lr and writes it to every group, flattening the per-group lrs.
def lr_at(epoch, base_lr, step_size, gamma=0.1):
    return base_lr * gamma ** (epoch // step_size)


class StepDecay:
    def __init__(self, optimizer, step_size, gamma=0.1):
        self.optimizer, self.step_size, self.gamma = optimizer, step_size, gamma
        self.base_lr = optimizer.param_groups[0]["lr"]
        self.epoch = 0

    def step(self):
        self.epoch += 1
        for g in self.optimizer.param_groups:
            g["lr"] = lr_at(self.epoch, self.base_lr, self.step_size, self.gamma)

    def get_last_lr(self):
        return [g["lr"] for g in self.optimizer.param_groups]
