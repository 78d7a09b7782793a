# expect: gradients match clip_grad_norm_
# Rescales to max_norm every time, so small gradients get blown up instead of left alone.
import torch


def clip_grad_norm(parameters, max_norm, norm_type=2.0):
    if isinstance(parameters, torch.Tensor):
        parameters = [parameters]
    grads = [p.grad for p in parameters if p.grad is not None]
    if not grads:
        return torch.tensor(0.0)
    total = torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(g, norm_type) for g in grads]),
                                     norm_type)
    coef = max_norm / (total + 1e-6)
    for g in grads:
        g.mul_(coef)
    return total
