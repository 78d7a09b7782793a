"""gradient-accumulation: one optimizer step from several micro-batches, equal to one big-batch step.

Run `quizapp grade gradient-accumulation <this file>`.
"""

import torch


def accumulate_step(model: torch.nn.Module, optimizer: torch.optim.Optimizer, loss_fn, micro_batches: list) -> float:
    """micro_batches: a list of (x, y) pairs, possibly of different sizes n_i; loss_fn(model(x), y) is a mean.

    Forward and backward each micro-batch in turn, then take ONE optimizer step, so that the update equals one
    step on the concatenated batch with the mean loss; leave the gradients cleared. Return the big batch's
    mean loss as a Python float.
    """
    raise NotImplementedError
