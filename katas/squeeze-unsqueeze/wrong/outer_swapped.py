# expect: outer_difference matches the reference
# Puts the column vector second: out[i, j] = a[j] - a[i], the transpose of what was asked.
def center_rows(x, col_bias):
    return x - x.mean(dim=1, keepdim=True) + col_bias


def outer_difference(a):
    return a.unsqueeze(0) - a.unsqueeze(1)


def drop_channel(x):
    return x.squeeze(1)
