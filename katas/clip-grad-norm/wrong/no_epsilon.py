# expect: gradients match clip_grad_norm_
# Divides by total_norm alone; the 1e-6 of the definition is left out.
import torch


def clip_grad_norm(parameters, max_norm, norm_type=2.0):
    if isinstance(parameters, torch.Tensor):
        parameters = [parameters]
    grads = [p.grad for p in parameters if p.grad is not None]
    if not grads:
        return torch.tensor(0.0)
    total = torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(g, norm_type) for g in grads]),
                                     norm_type)
    if total > max_norm:
        for g in grads:
            g.mul_(max_norm / total)
    return total
