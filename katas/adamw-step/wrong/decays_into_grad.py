# expect: updates the given tensors in place and leaves the gradients alone
# Folds the decay into the gradient in place (g.add_(p, alpha=wd)): the L2 mistake, and the caller's .grad is overwritten.
import torch


@torch.no_grad()
def adamw_step(params, grads, exp_avgs, exp_avg_sqs, step, lr, betas, eps, weight_decay):
    beta1, beta2 = betas
    for p, g, m, v in zip(params, grads, exp_avgs, exp_avg_sqs):
        g.add_(p, alpha=weight_decay)
        m.mul_(beta1).add_(g, alpha=1 - beta1)
        v.mul_(beta2).addcmul_(g, g, value=1 - beta2)
        denom = (v / (1 - beta2 ** step)).sqrt().add_(eps)
        p.addcdiv_(m, denom, value=-lr / (1 - beta1 ** step))
