# expect: parameters equal one step on the concatenated batch
# Divides every micro-batch loss by the number of micro-batches k: right only when all sizes are equal.
def accumulate_step(model, optimizer, loss_fn, micro_batches):
    k = len(micro_batches)
    total = 0.0
    for x, y in micro_batches:
        loss = loss_fn(model(x), y) / k
        loss.backward()
        total += loss.item()
    optimizer.step()
    optimizer.zero_grad()
    return total
