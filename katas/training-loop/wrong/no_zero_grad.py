# expect: parameters after training match the reference loop
# Never clears the gradients, so every step applies the sum of all gradients so far.
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
        losses.append(loss.item())
    return losses
