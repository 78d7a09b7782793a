# expect: Linear layers compute in bfloat16
# Copies the float16 recipe: autocast to float16 instead of bfloat16.
import torch


def train_step(model, optimizer, x, y, loss_fn):
    with torch.autocast(device_type=x.device.type, dtype=torch.float16):
        loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    optimizer.zero_grad()
    return loss.item()
