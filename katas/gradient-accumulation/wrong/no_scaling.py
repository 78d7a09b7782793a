# expect: parameters equal one step on the concatenated batch
# Backpropagates the raw micro-batch means: the accumulated gradient is about k times too large.
def accumulate_step(model, optimizer, loss_fn, micro_batches):
    total = sum(x.shape[0] for x, _ in micro_batches)
    mean_loss = 0.0
    for x, y in micro_batches:
        loss = loss_fn(model(x), y)
        loss.backward()
        mean_loss += loss.item() * x.shape[0] / total
    optimizer.step()
    optimizer.zero_grad()
    return mean_loss
