"""Reference solution for training-loop (read only by the grader)."""

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
        losses.append(loss.item())
    return losses
