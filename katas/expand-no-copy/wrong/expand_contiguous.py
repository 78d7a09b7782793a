# expect: custom
# Expands correctly, then calls .contiguous(), which materialises every repeat.
def broadcast_rows(v, n):
    return v.reshape(1, -1).expand(n, -1).contiguous()


def repeat_for_batch(x, batch):
    return x.unsqueeze(0).expand(batch, *x.shape).contiguous()
