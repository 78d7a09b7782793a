# expect: one forward and backward per micro-batch, one graph alive at a time
# Adds up the scaled losses and calls backward once at the end: the update is right, but every micro-batch's
# graph (and activations) stays in memory until then, which is what accumulation was meant to avoid.
def accumulate_step(model, optimizer, loss_fn, micro_batches):
    total = sum(x.shape[0] for x, _ in micro_batches)
    loss = 0.0
    for x, y in micro_batches:
        loss = loss + loss_fn(model(x), y) * (x.shape[0] / total)
    loss.backward()
    optimizer.step()
    optimizer.zero_grad()
    return loss.item()
