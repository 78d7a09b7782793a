"""Reference solution for stable-softmax (read only by the grader)."""

import torch


def softmax(x, dim=-1):
    work = x.float() if x.dtype in (torch.float16, torch.bfloat16) else x  # like torch: half math in float32
    shifted = work - work.amax(dim=dim, keepdim=True)
    e = torch.exp(shifted)
    return (e / e.sum(dim=dim, keepdim=True)).to(x.dtype)
