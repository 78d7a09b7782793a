# expect: Linear layers compute in bfloat16
# Hard-codes device_type="cuda": on CPU tensors that autocast is disabled and the layers run in float32.
import torch


def train_step(model, optimizer, x, y, loss_fn):
    with torch.autocast(device_type="cuda", dtype=torch.bfloat16):
        loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    optimizer.zero_grad()
    return loss.item()
