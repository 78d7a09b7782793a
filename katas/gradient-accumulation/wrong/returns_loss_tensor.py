# expect: returns the big batch's mean loss as a float
# Accumulates and returns the loss tensors' sum, which also keeps every micro-batch's graph alive.
def accumulate_step(model, optimizer, loss_fn, micro_batches):
    total = sum(x.shape[0] for x, _ in micro_batches)
    mean_loss = 0.0
    for x, y in micro_batches:
        loss = loss_fn(model(x), y) * (x.shape[0] / total)
        loss.backward()
        mean_loss = mean_loss + loss
    optimizer.step()
    optimizer.zero_grad()
    return mean_loss
