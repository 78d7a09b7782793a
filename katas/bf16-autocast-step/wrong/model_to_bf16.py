# expect: master weights stay float32
# Casts the whole model to bfloat16 "for speed": the float32 master weights are gone.
import torch


def train_step(model, optimizer, x, y, loss_fn):
    model.to(torch.bfloat16)
    with torch.autocast(device_type=x.device.type, dtype=torch.bfloat16):
        loss = loss_fn(model(x.to(torch.bfloat16)), y)
    loss.backward()
    optimizer.step()
    optimizer.zero_grad()
    return loss.item()
