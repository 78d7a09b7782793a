# expect: parameters after training match the reference loop
# Clears gradients only after each step, so stale .grad values from before the call reach the first update.
import torch
import torch.nn.functional as F


def train(model, data, targets, steps, lr):
    model.train()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        loss = F.mse_loss(model(data), targets)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        losses.append(loss.item())
    return losses
