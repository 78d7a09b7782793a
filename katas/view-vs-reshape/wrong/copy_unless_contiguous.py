# expect: returns a view when the strides allow one
# Decides by is_contiguous(): right for the last two dims only when the batch dims are in order.
import torch


def merge_last_two(x):
    new_shape = (*x.shape[:-2], x.shape[-2] * x.shape[-1])
    if x.is_contiguous():
        return x.view(new_shape)
    return x.clone(memory_format=torch.contiguous_format).view(new_shape)
