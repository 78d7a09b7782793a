# expect: scales each .grad in place
# Flattens everything with torch.cat and writes new tensors back into .grad instead of scaling the old ones.
import torch


def clip_grad_norm(parameters, max_norm, norm_type=2.0):
    if isinstance(parameters, torch.Tensor):
        parameters = [parameters]
    params = [p for p in parameters if p.grad is not None]
    if not params:
        return torch.tensor(0.0)
    flat = torch.cat([p.grad.reshape(-1) for p in params])
    total = torch.linalg.vector_norm(flat, norm_type)
    coef = (max_norm / (total + 1e-6)).clamp(max=1.0)
    for p in params:
        p.grad = p.grad * coef
    return total
