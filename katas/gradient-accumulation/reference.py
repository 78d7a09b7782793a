"""Reference solution for gradient-accumulation (read only by the grader)."""

import torch


def accumulate_step(model, optimizer, loss_fn, micro_batches):
    total = sum(x.shape[0] for x, _ in micro_batches)
    loss_sum = 0.0
    for x, y in micro_batches:
        # loss_fn averages over this micro-batch; its share of the big batch's mean is n_i / N.
        loss = loss_fn(model(x), y) * (x.shape[0] / total)
        loss.backward()          # frees this micro-batch's graph; .grad accumulates
        loss_sum += loss.item()
    optimizer.step()
    optimizer.zero_grad()
    return loss_sum


def big_batch_step(model, optimizer, loss_fn, micro_batches):
    """What accumulation must equal: one step on the concatenated batch (used by cases.py)."""
    x = torch.cat([x for x, _ in micro_batches])
    y = torch.cat([y for _, y in micro_batches])
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    optimizer.zero_grad()
    return loss.item()
