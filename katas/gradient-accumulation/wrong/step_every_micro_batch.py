# expect: parameters equal one step on the concatenated batch
# Calls optimizer.step() inside the loop, so each micro-batch makes its own (scaled-down) update.
def accumulate_step(model, optimizer, loss_fn, micro_batches):
    total = sum(x.shape[0] for x, _ in micro_batches)
    mean_loss = 0.0
    for x, y in micro_batches:
        loss = loss_fn(model(x), y) * (x.shape[0] / total)
        loss.backward()
        optimizer.step()
        mean_loss += loss.item()
    optimizer.zero_grad()
    return mean_loss
