# expect: custom
# Clones "to be safe" before expanding: the result is a view of the clone, not of the input.
def broadcast_rows(v, n):
    return v.clone().reshape(1, -1).expand(n, -1)


def repeat_for_batch(x, batch):
    return x.clone().unsqueeze(0).expand(batch, *x.shape)
