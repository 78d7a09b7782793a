# expect: parameters after training match the reference loop
# Runs a second forward pass after each update to report the loss: BatchNorm statistics drift too.
import torch
import torch.nn.functional as F


def train(model, data, targets, steps, lr):
    model.train()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        F.mse_loss(model(data), targets).backward()
        optimizer.step()
        losses.append(F.mse_loss(model(data), targets).item())
    return losses
