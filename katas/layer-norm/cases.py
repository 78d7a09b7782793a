"""Cases for layer-norm: int and tuple shapes, with and without affine, eps, offsets, tiny variances."""

import importlib.util
from pathlib import Path

import torch
import torch.nn.functional as F

from grader.cases import compare as cmp
from grader.cases import BATCH_SHAPES, Case, noncontiguous, randn

_spec = importlib.util.spec_from_file_location("_kata_layer_norm_reference_copy",
                                               Path(__file__).with_name("reference.py"))
_reference = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_reference)

# (normalized_shape, init kwargs)
CONFIGS = [
    (5, {}),
    ((3, 4), {}),
    ([2, 3], {"elementwise_affine": False}),
    (6, {"eps": 1e-2}),
    (1, {}),
    ((2, 1, 3), {"eps": 1e-3}),
]


def _shape(normalized_shape):
    return (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)


def _label(normalized_shape, kwargs):
    extra = "".join(f", {k}={v}" for k, v in kwargs.items())
    return f"LayerNorm({normalized_shape!r}{extra})"


def structure_cases():
    return [Case(init_args=[shape], init_kwargs=kw, seed=i, label=_label(shape, kw))
            for i, (shape, kw) in enumerate(CONFIGS)]


def _forward(grad=False, dtype=torch.float32):
    cases, seed = [], 200
    for shape, kw in CONFIGS:
        for lead in BATCH_SHAPES:
            seed += 1
            x = randn(*lead, *_shape(shape), seed=seed, dtype=dtype, scale=2.0) + 0.5
            cases.append(Case(init_args=[shape], init_kwargs=kw, args=[x], seed=seed, grad=(0,) if grad else (),
                              label=f"{_label(shape, kw)}, batch {lead}"))
    return cases


def _extra(grad=False, dtype=torch.float32):
    g = (0,) if grad else ()
    tiny = randn(3, 6, seed=302, dtype=torch.float64) * 1e-3  # variance near eps: where eps goes matters
    const = torch.full((2, 5), 3.0, dtype=torch.float64)
    const[1] = -1.5
    return [
        Case(init_args=[6], args=[tiny.to(dtype)], seed=302, grad=g, label="LayerNorm(6), std 1e-3 (variance ~ eps)"),
        Case(init_args=[5], args=[const.to(dtype)], seed=303, grad=g, label="LayerNorm(5), constant rows"),
        Case(init_args=[(3, 4)], args=[noncontiguous(randn(2, 3, 4, seed=304, dtype=dtype))], seed=304, grad=g,
             label="LayerNorm((3, 4)), non-contiguous input"),
        Case(init_args=[4], args=[randn(0, 4, seed=305, dtype=dtype)], seed=305, grad=g, label="LayerNorm(4), empty batch"),
    ]


def _against_torch(cases):
    """The hand-written reference must agree with torch.nn.LayerNorm on every case."""
    for case in cases:
        mine = _reference.LayerNorm(*case.init_args, **case.init_kwargs).double()
        theirs = torch.nn.LayerNorm(*case.init_args, **case.init_kwargs).double()
        x = case.args[0].double()
        torch.testing.assert_close(mine(x), theirs(x), msg=lambda m: f"{case.label}: {m}")
    return cases


def forward_cases():
    return _against_torch(_forward() + _extra())


def far_cases(dtype=torch.float32, grad=False):
    """Values far from zero (std 1 around ±1000): E[x²] - E[x]² loses every digit in float32."""
    far = randn(4, 8, seed=301, dtype=torch.float64) + 1000.0
    far2 = randn(2, 3, 4, seed=306, dtype=torch.float64) * 2.0 - 800.0
    g = (0,) if grad else ()
    return _against_torch([
        Case(init_args=[8], args=[far.to(dtype)], seed=301, grad=g, label="LayerNorm(8), values around 1000"),
        Case(init_args=[(3, 4)], args=[far2.to(dtype)], seed=306, grad=g,
             label="LayerNorm((3, 4)), values around -800"),
    ])


def gradient_cases():
    # float32, like the module's parameters (nn.LayerNorm itself refuses mixed dtypes).
    cases = _forward(grad=True)
    extra = _extra(grad=True)[:-1] + far_cases(grad=True)[:1]
    return [c for i, c in enumerate(cases) if i % 4 == 1] + extra


def dtype_cases():
    cases = _forward()
    return [cases[3], cases[8], cases[13], cases[-2]]


def device_cases():
    cases = _forward()
    return [cases[2], cases[9], cases[14]]


def init_cases():
    return [Case(kwargs={"normalized_shape": shape, **kw}, seed=400 + i, label=_label(shape, kw))
            for i, (shape, kw) in enumerate(CONFIGS[:2] + CONFIGS[5:])]


def check_initialised(case, params, **_):
    """weight starts as ones and bias as zeros, like torch.nn.LayerNorm."""
    for name, want in (("weight", 1.0), ("bias", 0.0)):
        value = params.get(name)
        if value is None:
            return False, f"no parameter `{name}` (see the structure check)", {}
        if not torch.equal(value, torch.full_like(value, want)):
            return False, (f"`{name}` must start as all {'ones' if want else 'zeros'} (like nn.LayerNorm), so "
                           f"that a fresh layer only normalises; it starts with values like "
                           f"{value.flatten()[:3].tolist()}"), {}
    return True, "", {}


def state_cases():
    cases = []
    for i, (shape, kw, lead) in enumerate([(5, {}, (3,)), ((3, 4), {}, (2,)), ((2, 1, 3), {"eps": 1e-3}, (2, 2))]):
        seed = 500 + i
        dims = _shape(shape)
        state = {"weight": randn(*dims, seed=seed) + 1.0, "bias": randn(*dims, seed=seed + 1)}
        x = randn(*lead, *dims, seed=seed + 2, scale=2.0)
        cases.append(Case(kwargs={"normalized_shape": shape, "state": state, "x": x, **kw}, seed=seed,
                          label=f"{_label(shape, kw)} with random weight and bias loaded, input {(*lead, *dims)}"))
    return cases


def check_state(case, value, **_):
    """After load_state_dict, the output is normalised x times weight plus bias."""
    kw = case.kwargs
    state = kw["state"]
    want = F.layer_norm(kw["x"], _shape(kw["normalized_shape"]), state["weight"], state["bias"], kw.get("eps", 1e-5))
    got = value.get("out")
    if not isinstance(got, torch.Tensor):
        return False, f"forward returned {type(got).__name__}, not a tensor", {}
    result = cmp.compare(got, want, cmp.tolerance_for(want.dtype),
                         mistakes={"weight and bias swapped": F.layer_norm(
                                       kw["x"], _shape(kw["normalized_shape"]), state["bias"], state["weight"],
                                       kw.get("eps", 1e-5)),
                                   "weight and bias not applied": F.layer_norm(
                                       kw["x"], _shape(kw["normalized_shape"]), None, None, kw.get("eps", 1e-5))})
    if not result.ok:
        diagnosis = f"\nlikely cause: {result.diagnosis}" if result.diagnosis else ""
        return False, f"output: {result.message}{diagnosis}", result.figures
    return True, "", {}
