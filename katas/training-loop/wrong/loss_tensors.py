# expect: returns one Python float loss per step
# Collects the loss tensors themselves, which keeps every step's graph in memory.
import torch
import torch.nn.functional as F


def train(model, data, targets, steps, lr):
    model.train()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = F.mse_loss(model(data), targets)
        loss.backward()
        optimizer.step()
        losses.append(loss)
    return losses
