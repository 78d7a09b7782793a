# expect: gradients match clip_grad_norm_
# Clips each parameter by its own norm: every tensor ends up at most max_norm long, the whole much longer.
import torch


def clip_grad_norm(parameters, max_norm, norm_type=2.0):
    if isinstance(parameters, torch.Tensor):
        parameters = [parameters]
    grads = [p.grad for p in parameters if p.grad is not None]
    if not grads:
        return torch.tensor(0.0)
    norms = []
    for g in grads:
        norm = torch.linalg.vector_norm(g, norm_type)
        norms.append(norm)
        coef = max_norm / (norm + 1e-6)
        if coef < 1:
            g.mul_(coef)
    return torch.linalg.vector_norm(torch.stack(norms), norm_type)
