"""Cases for attention-masks: batch and head dims, L != S, E != Ev, causal both ways, padding."""

import importlib.util
import math
from pathlib import Path

import torch
import torch.nn.functional as F

from grader.cases import Case, noncontiguous, randn

_spec = importlib.util.spec_from_file_location("_kata_attention_masks_reference_copy",
                                               Path(__file__).with_name("reference.py"))
_reference = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_reference)


def _padding(lead, S, seed, broadcast_heads=False):
    """A key padding mask (True = padding) that pads the tail of each row, never key 0. With
    ``broadcast_heads`` the last lead dim (the heads) is 1: one mask per batch element for all heads."""
    g = torch.Generator().manual_seed(seed)
    if broadcast_heads:
        lead = (*lead[:-1], 1)
    rows = math.prod(lead)
    lengths = torch.randint(1, S + 1, (rows,), generator=g)
    lengths[0] = max(1, S - 2)  # at least one row really padded
    mask = torch.arange(S).expand(rows, S) >= lengths[:, None]
    return mask.reshape(*lead, S)


# (lead dims, L, S, E, Ev, causal, padding: None / "rows" / "heads", scale, label)
SETTINGS = [
    ((), 4, 4, 8, 8, False, None, 1.0, "no batch dims, L = S = 4, E = 8"),
    ((2,), 5, 7, 3, 6, False, None, 1.0, "batch 2, L 5, S 7, E 3, Ev 6"),
    ((2, 3), 6, 6, 4, 5, True, None, 1.0, "batch 2 x 3 heads, causal, L = S = 6"),
    ((2,), 3, 7, 5, 4, True, None, 1.0, "causal with L 3 < S 7 (top-left aligned)"),
    ((3,), 7, 3, 4, 2, True, None, 1.0, "causal with L 7 > S 3 (top-left aligned)"),
    ((3,), 5, 6, 4, 3, False, "rows", 1.0, "key padding mask (3, 6)"),
    ((2, 2), 6, 6, 3, 4, True, "heads", 1.0, "causal + padding mask (2, 1, 6) broadcast over 2 heads"),
    ((4,), 4, 8, 6, 5, False, "rows", 3.0, "padding mask (4, 8), large scores"),
    ((1,), 1, 5, 1, 1, False, None, 1.0, "size-1 dims: L 1, E 1, Ev 1"),
    ((2,), 1, 4, 3, 2, True, None, 1.0, "causal with a single query (sees key 0 only)"),
    ((1, 4, 1), 3, 3, 2, 3, False, "rows", 1.0, "batch (1, 4, 1), padding"),
]


def _case(i, lead, L, S, E, Ev, causal, padding, scale, label, dtype=torch.float32, grad=False):
    seed = 100 + 7 * i
    q = randn(*lead, L, E, seed=seed, dtype=dtype, scale=scale)
    k = randn(*lead, S, E, seed=seed + 1, dtype=dtype, scale=scale)
    v = randn(*lead, S, Ev, seed=seed + 2, dtype=dtype)
    kwargs = {"causal": causal} if causal else {}
    if padding:
        kwargs["key_padding_mask"] = _padding(lead, S, seed + 3, broadcast_heads=padding == "heads")
    return Case(args=[q, k, v], kwargs=kwargs, seed=seed, label=label, grad=(0, 1, 2) if grad else ())


def _all(dtype=torch.float32, grad=False):
    return [_case(i, *s, dtype=dtype, grad=grad) for i, s in enumerate(SETTINGS)]


def sdpa(q, k, v, causal=False, key_padding_mask=None):
    """The same attention through F.scaled_dot_product_attention (its boolean mask: True = attend)."""
    allowed = None
    if causal:
        allowed = torch.ones(q.size(-2), k.size(-2), dtype=torch.bool, device=q.device).tril()
    if key_padding_mask is not None:
        keep = ~key_padding_mask.unsqueeze(-2)
        allowed = keep if allowed is None else allowed & keep
    return F.scaled_dot_product_attention(q, k, v, attn_mask=allowed)


def _against_sdpa(cases):
    """The hand-written reference must agree with torch's own attention on every case."""
    for case in cases:
        args = [a.double() for a in case.args]
        got = _reference.attention(*args, **case.kwargs)
        torch.testing.assert_close(got, sdpa(*args, **case.kwargs), msg=lambda m: f"{case.label}: {m}")
    return cases


def output_cases():
    cases = _all()
    q, k, v = randn(3, 4, 5, seed=300), randn(3, 5, 6, seed=301).mT, randn(3, 6, 2, seed=302)
    cases.append(Case(args=[noncontiguous(q), k, noncontiguous(v)], kwargs={"causal": True}, seed=300,
                      label="non-contiguous q, v and a transposed-view k, causal"))
    cases.append(Case(args=[randn(2, 6, 4, seed=310), noncontiguous(randn(2, 6, 4, seed=311)),
                            randn(2, 6, 3, seed=312)],
                      kwargs={"key_padding_mask": _padding((2,), 6, 313)}, seed=310,
                      label="non-contiguous k, padding"))
    cases.append(Case(args=[randn(0, 3, 4, seed=320), randn(0, 5, 4, seed=321), randn(0, 5, 2, seed=322)],
                      seed=320, label="empty batch (0, ...)"))
    return _against_sdpa(cases)


def gradient_cases():
    cases = _all(torch.float64, grad=True)
    return [cases[i] for i in (1, 2, 4, 6, 7, 8)]


def dtype_cases():
    cases = _all()
    return [cases[1], cases[4], cases[6]]


def device_cases():
    cases = _all()
    return [cases[2], cases[6]]


def mistakes(case):
    """What the usual slips would give, to name them in a failure report."""
    q, k, v = (a.double() for a in case.args)
    causal = case.kwargs.get("causal", False)
    pad = case.kwargs.get("key_padding_mask")
    L, S, E = q.size(-2), k.size(-2), q.size(-1)
    scores = q @ k.mT

    def run(scores, scale, causal_mask="tril", pad_mask=pad, fill=float("-inf"), dim=-1):
        s = scores * scale
        if causal:
            keep = torch.ones(L, S, dtype=torch.bool)
            keep = keep.tril() if causal_mask == "tril" else keep.tril(-1)
            s = s.masked_fill(~keep, fill)
        if pad_mask is not None:
            s = s.masked_fill(pad_mask.unsqueeze(-2), fill)
        return (torch.softmax(s, dim=dim) @ v).to(case.args[0].dtype)

    found = {"no 1/sqrt(E) scaling of the scores": run(scores, 1.0)}
    if L != E:
        found["scaled by 1/sqrt(L) (the number of queries) instead of 1/sqrt(E)"] = run(scores, L ** -0.5)
    if v.size(-1) != E:
        found["scaled by 1/sqrt(Ev) instead of 1/sqrt(E)"] = run(scores, v.size(-1) ** -0.5)
    if L == S and L > 1:
        found["softmax over the queries (dim -2) instead of the keys (dim -1)"] = run(scores, E ** -0.5, dim=-2)
    if causal:
        found["the causal mask hides the diagonal too: query i must see key i"] = run(
            scores, E ** -0.5, causal_mask="strict")
    if pad is not None:
        found["the padding mask is inverted: True means padding, a key to ignore"] = run(
            scores, E ** -0.5, pad_mask=~pad)
    if causal or pad is not None:
        found["masked scores set to 0 instead of -inf: exp(0) still gives them weight"] = run(
            scores, E ** -0.5, fill=0.0)
    return found
