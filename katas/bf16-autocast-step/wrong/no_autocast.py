# expect: Linear layers compute in bfloat16
# Forgets the autocast block: everything runs in float32.
import torch


def train_step(model, optimizer, x, y, loss_fn):
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    optimizer.zero_grad()
    return loss.item()
