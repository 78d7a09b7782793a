"""Reference solution for bf16-autocast-step (read only by the grader)."""

import torch


def train_step(model, optimizer, x, y, loss_fn):
    with torch.autocast(device_type=x.device.type, dtype=torch.bfloat16):
        out = model(x)
        loss = loss_fn(out, y)
    loss.backward()
    optimizer.step()
    optimizer.zero_grad()
    return loss.item()
