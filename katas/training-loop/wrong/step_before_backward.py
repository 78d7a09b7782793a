# expect: parameters after training match the reference loop
# Steps before backward, so each update uses the gradient left over from the step before.
import torch
import torch.nn.functional as F


def train(model, data, targets, steps, lr):
    model.train()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        optimizer.zero_grad()
        optimizer.step()
        loss = F.mse_loss(model(data), targets)
        loss.backward()
        losses.append(loss.item())
    return losses
