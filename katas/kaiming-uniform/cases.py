"""Cases for kaiming-uniform: linear and convolution weights, both modes, several slopes and seeds."""

import math

import torch

from grader.cases import Case

# shape, a, mode (None = leave the default), label
SETTINGS = [
    ((256, 128), 0.0, "fan_in", "linear 256x128, a=0, fan_in"),
    ((30, 600), 0.0, "fan_out", "linear 30x600, a=0, fan_out"),
    ((64, 32, 3, 3), 0.0, "fan_out", "conv2d 64x32x3x3, a=0, fan_out"),
    ((40, 20, 5), math.sqrt(5.0), "fan_in", "conv1d 40x20x5, a=sqrt(5), fan_in"),
    ((90, 300), 0.2, "fan_in", "linear 90x300, a=0.2, fan_in"),
    ((16, 8, 2, 2, 2), 0.01, "fan_in", "conv3d 16x8x2x2x2, a=0.01, fan_in"),
]


def expected_bound(shape, a, mode):
    receptive = math.prod(shape[2:])
    fan = shape[1] * receptive if mode == "fan_in" else shape[0] * receptive
    return math.sqrt(2.0 / (1.0 + a * a)) * math.sqrt(3.0 / fan)


HINT = ("bound = gain * sqrt(3 / fan) with gain = sqrt(2 / (1 + a^2)); fan_in = shape[1] * receptive field, "
        "fan_out = shape[0] * receptive field")


def stat_cases():
    cases = []
    for shape, a, mode, label in SETTINGS:
        for seed in (41, 42, 43):
            cases.append(Case(args=[torch.full(shape, float("nan"))], kwargs={"a": a, "mode": mode}, seed=seed,
                              label=label, expect={"dist": "uniform", "bound": expected_bound(shape, a, mode),
                                                   "hint": HINT}))
    cases.append(Case(args=[torch.full((70, 50), float("nan"), dtype=torch.float64)], kwargs={"a": 0.0},
                      seed=44, label="float64 70x50, a=0",
                      expect={"dist": "uniform", "bound": expected_bound((70, 50), 0.0, "fan_in"), "hint": HINT}))
    return cases


def default_cases():
    return [Case(args=[torch.full((150, 100), float("nan"))], seed=s, label="defaults (a=0, fan_in) 150x100",
                 expect={"dist": "uniform", "bound": expected_bound((150, 100), 0.0, "fan_in"),
                         "hint": "the defaults are a=0 (plain ReLU) and mode='fan_in'"}) for s in (51, 52)]


def invalid_cases():
    return [Case(args=[torch.empty(7)], label="1-D tensor", expect={"raises": "ValueError"}),
            Case(args=[torch.empty(())], label="0-dim tensor", expect={"raises": "ValueError"}),
            Case(args=[torch.empty(4, 3)], kwargs={"mode": "fan_avg"}, label="mode='fan_avg'",
                 expect={"raises": "ValueError"})]


def bound_cases():
    return [Case(args=[n], label=f"linear_default_bound({n})", seed=n) for n in (1, 3, 64, 1000)]


def linear_cases():
    return [Case(kwargs={"in_features": i, "out_features": o}, seed=60 + i, label=f"nn.Linear({i}, {o})")
            for i, o in ((20, 500), (400, 50))]


def check_linear(case, value, **_):
    bound, max_abs = value["bound"], value["max_abs"]
    if not isinstance(bound, float):
        return False, f"linear_default_bound returned {type(bound).__name__} {bound!r:.60}, expected a Python float", {}
    figures = {f"{case.label}: largest |weight|": max_abs, f"{case.label}: your bound": bound}
    if max_abs > bound * (1 + 1e-6):
        return False, (f"a real {case.label} drew a weight of magnitude {max_abs:.5g}, above your bound "
                       f"{bound:.5g}"), figures
    # 10,000 uniform draws: the largest magnitude is within 0.1% of the bound with near certainty.
    if max_abs < bound * 0.99:
        return False, (f"every weight of a real {case.label} lies within ±{max_abs:.5g}, well inside your "
                       f"bound {bound:.5g}: the bound is too large"), figures
    return True, "", figures
