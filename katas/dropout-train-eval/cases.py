"""Cases for dropout-train-eval.

Eval mode and the deterministic corners of train mode (p = 0, p = 1, empty input) are compared with
the reference value by value. Train mode with 0 < p < 1 is random, so its checks judge the samples
that probe.py sends back: every element is 0 or x / (1 - p); the number of zeros lies within an exact
binomial acceptance interval (false-alarm rate ALPHA per test, with the sample size taken into
account); zeros of neighbouring elements along every dim are independent (a mask shared across rows
or columns fails); consecutive calls draw new masks; and the input's gradient is grad_out · mask / (1 - p).
"""

import math

import torch

from grader.cases import Case, generator, noncontiguous, randn

ALPHA = 1e-7
# |actual - expected| <= atol + rtol * |expected|. float16/bfloat16 allow two roundings
# (x * keep, then / (1 - p), or x * (1 / (1 - p))).
TOL = {torch.float64: (1e-10, 1e-12), torch.float32: (1e-5, 1e-7),
       torch.float16: (2e-3, 1e-4), torch.bfloat16: (2e-2, 1e-3)}


def _nonzero(*shape, seed, dtype=torch.float32):
    """Values with |x| in [0.5, 2]: a zero in the output can only mean a dropped element."""
    g = generator(seed)
    magnitude = torch.rand(shape, generator=g, dtype=torch.float64) * 1.5 + 0.5
    sign = torch.where(torch.rand(shape, generator=g, dtype=torch.float64) < 0.5, -1.0, 1.0)
    return (magnitude * sign).to(dtype)


def _init(p):
    return {} if p is None else {"p": p}


def _p_text(p):
    return "default p (0.5)" if p is None else f"p={p}"


# ------------------------------------------------------------------ deterministic cases

def eval_cases():
    specs = [((4, 5), 0.5), ((7,), 0.2), ((), 0.9), ((2, 0, 3), 0.3), ((1, 4, 1), 1.0),
             ((3, 8), 0.0), ((6, 7), None)]
    cases = [Case(init_kwargs=_init(p), args=[randn(*shape, seed=300 + i)], seed=300 + i, eval=True,
                  label=f"eval mode, {_p_text(p)}")
             for i, (shape, p) in enumerate(specs)]
    cases.append(Case(init_kwargs=_init(0.7), args=[noncontiguous(randn(5, 6, seed=320))], seed=320, eval=True,
                      label="eval mode, p=0.7, non-contiguous input"))
    return cases


def corner_cases():
    specs = [((4, 5), 0.0, ""), ((), 0.0, " (0-dim)"), ((3, 4), 1.0, ""), ((2, 1, 5), 1.0, ""),
             ((0, 5), 0.4, " (empty input)"), ((3, 0), 1.0, " (empty input)")]
    cases = [Case(init_kwargs=_init(p), args=[randn(*shape, seed=400 + i)], seed=400 + i,
                  label=f"train mode, {_p_text(p)}{note}")
             for i, (shape, p, note) in enumerate(specs)]
    cases.append(Case(init_kwargs=_init(0.0), args=[noncontiguous(randn(4, 6, seed=420))], seed=420,
                      label="train mode, p=0, non-contiguous input"))
    cases.append(Case(init_kwargs=_init(1.0), args=[noncontiguous(randn(3, 5, seed=421))], seed=421,
                      label="train mode, p=1, non-contiguous input"))
    return cases


def dtype_cases():
    return [eval_cases()[0], corner_cases()[0], corner_cases()[2]]


def device_cases():
    return [eval_cases()[0], corner_cases()[0], corner_cases()[3], corner_cases()[4]]


def mutation_cases():
    return [Case(init_kwargs=_init(0.4), args=[randn(5, 6, seed=430)], seed=430, label="train mode, p=0.4"),
            Case(init_kwargs=_init(0.8), args=[noncontiguous(randn(4, 6, seed=431))], seed=431,
                 label="train mode, p=0.8, non-contiguous input"),
            Case(init_kwargs=_init(0.5), args=[randn(3, 3, seed=432)], seed=432, eval=True,
                 label="eval mode, p=0.5")]


def invalid_cases():
    return [Case(init_kwargs={"p": p}, args=[randn(2, 3, seed=440 + i)], seed=440 + i,
                 label=f"Dropout(p={p})", expect={"raises": "ValueError"})
            for i, p in enumerate([-0.1, 1.5])]


# ------------------------------------------------------------------ random train mode: cases

SAMPLE_SPECS = [
    # shape, p, dtype, label
    ((50, 60), 0.3, torch.float32, "50x60"),
    ((40, 75), 0.1, torch.float32, "40x75"),
    ((4, 20, 30), 0.75, torch.float32, "4x20x30"),
    ((3000,), 0.6, torch.float32, "1-D of 3000"),
    ((40, 50), 0.02, torch.float32, "40x50, small p"),
    ((40, 50), 0.95, torch.float32, "40x50, large p"),
    ((45, 50), None, torch.float32, "45x50"),
    ((40, 60), 0.2, torch.float64, "40x60 float64"),
    ((48, 50), 0.6, torch.float16, "48x50 float16"),
    ((40, 60), 0.35, torch.bfloat16, "40x60 bfloat16"),
]
CALLS = 3


def sample_cases():
    cases = []
    for i, (shape, p, dtype, label) in enumerate(SAMPLE_SPECS):
        seed = 500 + i
        x = _nonzero(*shape, seed=seed, dtype=dtype)
        cases.append(Case(kwargs={"x": x, "p": p, "calls": CALLS}, seed=seed,
                          label=f"train mode, {_p_text(p)}, {label}, {CALLS} calls"))
    x = noncontiguous(_nonzero(50, 40, seed=520))
    cases.append(Case(kwargs={"x": x, "p": 0.4, "calls": CALLS}, seed=520,
                      label=f"train mode, p=0.4, non-contiguous 50x40, {CALLS} calls"))
    return cases


def gradient_cases():
    specs = [((30, 40), 0.3, torch.float32), ((5, 6, 7), 0.6, torch.float64), ((200,), 0.1, torch.float32),
             ((8, 9), 1.0, torch.float32), ((10, 12), None, torch.float64)]
    cases = []
    for i, (shape, p, dtype) in enumerate(specs):
        seed = 600 + i
        x = _nonzero(*shape, seed=seed, dtype=dtype)
        grad_out = randn(*shape, seed=seed + 50, dtype=dtype)
        cases.append(Case(kwargs={"x": x, "p": p, "grad_out": grad_out}, seed=seed,
                          label=f"train mode, {_p_text(p)}, {'x'.join(map(str, shape))} {str(dtype)[6:]}"))
    x = noncontiguous(_nonzero(6, 10, seed=620))
    cases.append(Case(kwargs={"x": x, "p": 0.5, "grad_out": randn(6, 10, seed=621)}, seed=620,
                      label="train mode, p=0.5, non-contiguous 6x10"))
    return cases


def meta_cases():
    return [Case(kwargs={"shape": [3, 4], "dtype": "float32", "p": 0.3}, seed=700,
                 label="train mode on meta, p=0.3, 3x4 float32"),
            Case(kwargs={"shape": [2, 5, 6], "dtype": "float16", "p": 0.5}, seed=701,
                 label="train mode on meta, p=0.5, 2x5x6 float16")]


# ------------------------------------------------------------------ random train mode: judging

def _p(case):
    p = case.kwargs["p"]
    return 0.5 if p is None else p


def _close(actual, expected, dtype):
    rtol, atol = TOL.get(dtype, TOL[torch.float32])
    return (actual.double() - expected).abs() <= atol + rtol * expected.abs()


def _outputs(case, value):
    """The returned tensors, or (None, message) when one is not a tensor of x's shape and dtype."""
    x = case.kwargs["x"]
    tensors = []
    for i, item in enumerate(value["outs"]):
        out = item.get("tensor")
        where = f"call {i + 1}"
        if out is None:
            return None, f"{where} returned {item.get('type')}, not a tensor"
        if tuple(out.shape) != tuple(x.shape):
            return None, f"{where}: output shape {tuple(out.shape)}, expected the input's {tuple(x.shape)}"
        if out.dtype != x.dtype:
            return None, (f"{where}: output dtype {str(out.dtype)[6:]} for {str(x.dtype)[6:]} input: the output "
                          "must keep the input's dtype (a float32 mask, e.g. from .float(), promotes "
                          "half-precision inputs; multiply by a bool mask or use x.dtype)")
        tensors.append(out)
    return tensors, ""


def check_values(case, value, **_):
    outs, message = _outputs(case, value)
    if outs is None:
        return False, message, {}
    x, p = case.kwargs["x"], _p(case)
    xd = x.double()
    for i, out in enumerate(outs):
        o = out.double()
        if not bool(torch.isfinite(o).all()):
            return False, f"call {i + 1}: the output holds NaN or inf", {}
        kept = o != 0
        good = ~kept | _close(out, xd / (1 - p), x.dtype)
        if bool(good.all()):
            continue
        bad = (~good).nonzero()[0].tolist()
        at = tuple(bad)
        got, xv = float(o[at]), float(xd[at])
        diagnosis = ""
        ratio = o[kept] / xd[kept]
        for factor, why in ((1.0, "the kept elements are not scaled: divide them by (1 - p) in train mode "
                                   "(inverted dropout), so that eval mode needs no change"),
                            (1.0 / p, "the kept elements are divided by p; the scale is 1 / (1 - p), the "
                                      "reciprocal of the keep probability"),
                            (1.0 - p, "the kept elements are multiplied by (1 - p): that is old-style dropout's "
                                      "eval-time scaling; inverted dropout divides by (1 - p) in train mode")):
            if bool(torch.allclose(ratio, torch.full_like(ratio, factor), rtol=2e-2)):
                diagnosis = f"\nlikely cause: {why}"
                break
        return False, (f"call {i + 1}: element {list(at)} is {got:.6g} for x = {xv:.6g}; in train mode every "
                       f"element must be 0 (dropped) or x / (1 - p) = {xv / (1 - p):.6g} (kept){diagnosis}"), {
            "index": list(at), "actual": got, "expected": xv / (1 - p)}
    return True, "", {}


def _binomial_tails(k, n, q):
    """(P[X <= k], P[X >= k]) for X ~ Binomial(n, q), exactly (log-space pmf)."""
    j = torch.arange(n + 1, dtype=torch.float64)
    logpmf = (torch.lgamma(torch.tensor(n + 1.0, dtype=torch.float64)) - torch.lgamma(j + 1)
              - torch.lgamma(n - j + 1) + j * math.log(q) + (n - j) * math.log1p(-q))
    pmf = logpmf.exp()
    return float(pmf[:k + 1].sum()), float(pmf[k:].sum()), pmf


def _binomial_test(k, n, q):
    """(ok, low, high): k is accepted when neither tail is below ALPHA / 2; [low, high] is the
    acceptance interval."""
    lower, upper, pmf = _binomial_tails(k, n, q)
    cdf = pmf.cumsum(0)
    sf = pmf.flip(0).cumsum(0).flip(0)
    accepted = ((cdf >= ALPHA / 2) & (sf >= ALPHA / 2)).nonzero().flatten()
    low, high = int(accepted.min()), int(accepted.max())
    return lower >= ALPHA / 2 and upper >= ALPHA / 2, low, high


def _pairs(mask, dim):
    """Both elements dropped, for neighbouring pairs (2i, 2i + 1) along ``dim`` (disjoint pairs)."""
    size = mask.shape[dim] // 2
    if size == 0:
        return None
    cut = mask.narrow(dim, 0, 2 * size).unflatten(dim, (size, 2))
    return cut.select(dim + 1, 0) & cut.select(dim + 1, 1)


def _shared_along(dropped, rate):
    """The first dim along which neighbours drop together far more often than rate² (a diagnosis only:
    halfway between independent drops, rate², and one shared draw, rate)."""
    for dim in range(dropped[0].dim()):
        both = [_pairs(d, dim) for d in dropped]
        if both[0] is None:
            continue
        share = sum(int(b.sum()) for b in both) / sum(b.numel() for b in both)
        if share - rate * rate > 0.5 * (rate - rate * rate):
            return dim
    return None


def check_share(case, value, **_):
    outs, message = _outputs(case, value)
    if outs is None:
        return False, message, {}
    p = _p(case)
    dropped = [out == 0 for out in outs]
    n = sum(d.numel() for d in dropped)
    k = int(sum(int(d.sum()) for d in dropped))
    figures = {"zeros": k, "elements": n, "share": k / n}
    shared = _shared_along(dropped, k / n)
    shared_why = (f"\nlikely cause: the mask is shared along dim {shared} (drawn with a smaller shape and "
                  "broadcast?); draw one random number per element, shaped like x")
    ok, low, high = _binomial_test(k, n, p)
    if not ok:
        diagnosis = ""
        if shared is not None:
            diagnosis = shared_why
        elif _binomial_test(k, n, 1 - p)[0]:
            diagnosis = ("\nlikely cause: elements are kept with probability p instead of dropped with it "
                         "(`keep = rand < p`); keep where rand >= p, i.e. with probability 1 - p")
        return False, (f"{k} of {n} elements are zero (share {k / n:.4f}); with p={p} a correct dropout gives "
                       f"between {low} and {high} zeros ({low / n:.4f} to {high / n:.4f}; exact binomial "
                       f"interval, false-alarm rate {ALPHA:g}){diagnosis}"), figures
    for dim in range(dropped[0].dim()):
        both = [_pairs(d, dim) for d in dropped]
        if both[0] is None:
            continue
        m = sum(b.numel() for b in both)
        j = int(sum(int(b.sum()) for b in both))
        ok, low, high = _binomial_test(j, m, p * p)
        if not ok:
            return False, (f"along dim {dim}, {j} of {m} neighbouring pairs are both zero (share {j / m:.4f}); "
                           f"independent drops with p={p} give p² = {p * p:.4f} ({low / m:.4f} to "
                           f"{high / m:.4f}): elements are not dropped independently"
                           + (shared_why if shared is not None else "")), figures
    return True, "", figures


def check_fresh(case, value, **_):
    outs, message = _outputs(case, value)
    if outs is None:
        return False, message, {}
    masks = [out == 0 for out in outs]
    for i in range(1, len(masks)):
        if torch.equal(masks[i], masks[i - 1]):
            return False, (f"calls {i} and {i + 1} dropped exactly the same elements: every forward pass must "
                           "draw a new mask (do not reseed torch's generator or reuse a mask kept on the "
                           "module)"), {}
    return True, "", {}


def check_gradient(case, value, **_):
    x, p, grad_out = case.kwargs["x"], _p(case), case.kwargs["grad_out"]
    y, grad = value.get("tensor"), value.get("grad")
    if y is None:
        return False, f"returned {value.get('type')}, not a tensor", {}
    if tuple(y.shape) != tuple(x.shape) or y.dtype != x.dtype:
        return False, f"output of shape {tuple(y.shape)} and dtype {y.dtype}, expected the input's", {}
    if p == 1.0 and grad is None:
        return True, "", {}  # everything dropped: a zero output without a graph is acceptable
    if not value.get("requires_grad"):
        return False, ("the output is not connected to the autograd graph (computed under no_grad, detached, "
                       "or via .data?): no gradient can reach the input"), {}
    if grad is None:
        return False, "backward gave the input no gradient", {}
    mask = (y != 0).double()
    expected = grad_out.double() * mask / (1 - p) if p < 1 else torch.zeros_like(mask)
    if not bool(torch.isfinite(grad.double()).all()):
        return False, "the input's gradient holds NaN or inf (a division by 1 - p = 0 at p = 1?)", {}
    good = _close(grad, expected, x.dtype)
    if not bool(good.all()):
        at = tuple((~good).nonzero()[0].tolist())
        return False, (f"input gradient at {list(at)} is {float(grad[at]):.6g}, expected grad_out · mask / (1 - p) "
                       f"= {float(expected[at]):.6g} (the element was {'kept' if mask[at] else 'dropped'} in "
                       "this forward pass; backward must use the same mask and scale)"), {}
    return True, "", {}


def check_meta(case, value, **_):
    if value.get("error"):
        return False, (f"train mode on the meta device raised {value['error']}\nhint: draw the mask on x's device, "
                       "e.g. torch.rand_like(x) or torch.rand(x.shape, device=x.device)"), {}
    want = {"device": "meta", "shape": list(case.kwargs["shape"]), "dtype": f"torch.{case.kwargs['dtype']}"}
    got = {k: value.get(k) for k in want}
    if got != want:
        return False, f"the output on the meta device has {got}, expected {want}", {}
    return True, "", {}
