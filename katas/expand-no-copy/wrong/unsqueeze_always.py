# expect: broadcast_rows values
# Always unsqueezes v: a (1, D) input becomes (1, 1, D) and expand(n, -1) no longer fits.
def broadcast_rows(v, n):
    return v.unsqueeze(0).expand(n, -1)


def repeat_for_batch(x, batch):
    return x.unsqueeze(0).expand(batch, *x.shape)
