# expect: parameters after training match the reference loop
# Trains whatever mode the model is in; after validation that is eval mode.
import torch
import torch.nn.functional as F


def train(model, data, targets, steps, lr):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        loss = F.mse_loss(model(data), targets)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
