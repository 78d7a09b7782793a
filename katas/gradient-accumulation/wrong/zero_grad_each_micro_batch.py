# expect: parameters equal one step on the concatenated batch
# Keeps the usual "zero_grad before backward" habit inside the loop: only the last micro-batch's gradient survives.
def accumulate_step(model, optimizer, loss_fn, micro_batches):
    total = sum(x.shape[0] for x, _ in micro_batches)
    mean_loss = 0.0
    for x, y in micro_batches:
        optimizer.zero_grad()
        loss = loss_fn(model(x), y) * (x.shape[0] / total)
        loss.backward()
        mean_loss += loss.item()
    optimizer.step()
    return mean_loss
