# expect: drop_channel keeps every dim but the channel
# Squeezes dim 0 (the batch) instead of dim 1 (the channel): a no-op unless B == 1.
def center_rows(x, col_bias):
    return x - x.mean(dim=1, keepdim=True) + col_bias


def outer_difference(a):
    return a[:, None] - a[None, :]


def drop_channel(x):
    return x.squeeze(0)
