# expect: gradients are cleared after the step
# Never clears the gradients after stepping: the next call adds its gradients to the stale ones.
def accumulate_step(model, optimizer, loss_fn, micro_batches):
    total = sum(x.shape[0] for x, _ in micro_batches)
    mean_loss = 0.0
    for x, y in micro_batches:
        loss = loss_fn(model(x), y) * (x.shape[0] / total)
        loss.backward()
        mean_loss += loss.item()
    optimizer.step()
    return mean_loss
