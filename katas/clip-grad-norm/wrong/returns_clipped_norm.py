# expect: returns the total norm before clipping
# Measures the norm again after clipping and returns that (about max_norm) instead of the original.
import torch


def _total(grads, norm_type):
    return torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(g, norm_type) for g in grads]),
                                    norm_type)


def clip_grad_norm(parameters, max_norm, norm_type=2.0):
    if isinstance(parameters, torch.Tensor):
        parameters = [parameters]
    grads = [p.grad for p in parameters if p.grad is not None]
    if not grads:
        return torch.tensor(0.0)
    coef = (max_norm / (_total(grads, norm_type) + 1e-6)).clamp(max=1.0)
    for g in grads:
        g.mul_(coef)
    return _total(grads, norm_type)
