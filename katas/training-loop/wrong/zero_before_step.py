# expect: parameters after training match the reference loop
# Clears the gradients between backward and step: every update is a zero update.
import torch
import torch.nn.functional as F


def train(model, data, targets, steps, lr):
    model.train()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        loss = F.mse_loss(model(data), targets)
        loss.backward()
        optimizer.zero_grad()
        optimizer.step()
        losses.append(loss.item())
    return losses
