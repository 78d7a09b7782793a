"""Cases for xavier-normal: linear and convolution weights, several gains, several seeds."""

import math

import torch

from grader.cases import Case

SHAPES = [
    ((256, 128), 1.0, "linear 256x128, gain 1"),
    ((64, 32, 3, 3), math.sqrt(2.0), "conv2d 64x32x3x3, gain sqrt(2)"),
    ((40, 20, 5), 5.0 / 3.0, "conv1d 40x20x5, gain 5/3"),
    ((30, 600), 0.5, "linear 30x600, gain 0.5"),
    ((8, 4, 2, 2, 2), 1.0, "conv3d 8x4x2x2x2, gain 1"),
    ((10, 6), 2.0, "linear 10x6, gain 2"),
]

HINT = ("std = gain * sqrt(2 / (fan_in + fan_out)); the square root covers the whole fraction. For "
        "convolutions both fans include the receptive field (kernel elements)")


def expected_std(shape, gain):
    receptive = math.prod(shape[2:])
    fan_in, fan_out = shape[1] * receptive, shape[0] * receptive
    return gain * math.sqrt(2.0 / (fan_in + fan_out))


def stat_cases():
    cases = []
    for shape, gain, label in SHAPES:
        for seed in (31, 32, 33, 34, 35) if math.prod(shape) < 100 else (31, 32, 33):
            cases.append(Case(args=[torch.full(shape, float("nan"))], kwargs={"gain": gain}, seed=seed, label=label,
                              expect={"dist": "normal", "std": expected_std(shape, gain), "hint": HINT}))
    cases.append(Case(args=[torch.full((50, 70), float("nan"), dtype=torch.float64)], seed=36,
                      label="float64 50x70", expect={"dist": "normal", "std": expected_std((50, 70), 1.0),
                                                     "hint": HINT}))
    return cases


def default_gain_cases():
    return [Case(args=[torch.full((120, 80), float("nan"))], seed=s, label="default gain 120x80",
                 expect={"dist": "normal", "std": expected_std((120, 80), 1.0),
                         "hint": "gain defaults to 1"}) for s in (21, 22)]


def invalid_cases():
    return [Case(args=[torch.empty(5)], label="1-D tensor", expect={"raises": "ValueError"}),
            Case(args=[torch.empty(())], label="0-dim tensor", expect={"raises": "ValueError"})]
