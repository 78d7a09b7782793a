# expect: updates the given tensors in place and leaves the gradients alone
# Right values, but stored as new tensors in the lists: the model and the optimizer state keep the old ones.
import torch


@torch.no_grad()
def adamw_step(params, grads, exp_avgs, exp_avg_sqs, step, lr, betas, eps, weight_decay):
    beta1, beta2 = betas
    for i, g in enumerate(grads):
        p = params[i] * (1 - lr * weight_decay)
        exp_avgs[i] = beta1 * exp_avgs[i] + (1 - beta1) * g
        exp_avg_sqs[i] = beta2 * exp_avg_sqs[i] + (1 - beta2) * g * g
        m_hat = exp_avgs[i] / (1 - beta1 ** step)
        v_hat = exp_avg_sqs[i] / (1 - beta2 ** step)
        params[i] = p - lr * m_hat / (v_hat.sqrt() + eps)
