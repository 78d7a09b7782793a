# expect: drop_channel keeps every dim but the channel
# Calls squeeze() with no dim: a batch of one (or H or W of 1) loses that dim as well.
def center_rows(x, col_bias):
    return x - x.mean(dim=1, keepdim=True) + col_bias


def outer_difference(a):
    return a[:, None] - a[None, :]


def drop_channel(x):
    return x.squeeze()
