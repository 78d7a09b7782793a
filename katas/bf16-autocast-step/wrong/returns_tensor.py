# expect: returns the loss as a Python float
# Returns the loss tensor itself, graph and all, instead of a float.
import torch


def train_step(model, optimizer, x, y, loss_fn):
    with torch.autocast(device_type=x.device.type, dtype=torch.bfloat16):
        loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    optimizer.zero_grad()
    return loss
