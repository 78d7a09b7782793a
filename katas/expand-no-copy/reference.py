"""Reference solution for expand-no-copy (read only by the grader)."""


def broadcast_rows(v, n):
    return v.reshape(1, -1).expand(n, -1)


def repeat_for_batch(x, batch):
    return x.unsqueeze(0).expand(batch, *x.shape)
