# expect: gradients match clip_grad_norm_
# Adds up the per-parameter norms instead of combining them as one vector (sqrt of the summed squares).
import torch


def clip_grad_norm(parameters, max_norm, norm_type=2.0):
    if isinstance(parameters, torch.Tensor):
        parameters = [parameters]
    grads = [p.grad for p in parameters if p.grad is not None]
    if not grads:
        return torch.tensor(0.0)
    total = sum(torch.linalg.vector_norm(g, norm_type) for g in grads)
    coef = max_norm / (total + 1e-6)
    if coef < 1:
        for g in grads:
            g.mul_(coef)
    return total
