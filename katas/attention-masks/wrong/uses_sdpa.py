# expect: forbidden
# Hands the work to torch's fused kernel (converting the padding mask correctly).
import torch.nn.functional as F


def attention(q, k, v, causal=False, key_padding_mask=None):
    if key_padding_mask is None:
        return F.scaled_dot_product_attention(q, k, v, is_causal=causal)
    keep = ~key_padding_mask.unsqueeze(-2)
    if causal:
        keep = keep & keep.new_ones(q.size(-2), k.size(-2)).tril()
    return F.scaled_dot_product_attention(q, k, v, attn_mask=keep)
