"""Cases for conv-output-size. Every expected size is cross-checked against a real nn.Conv2d
(run on the meta device: shapes only, no arithmetic) when the cases are built."""

import importlib.util
from pathlib import Path

import torch

from grader.cases import Case


def _reference():
    spec = importlib.util.spec_from_file_location("_conv_output_size_ref", Path(__file__).with_name("reference.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module

# (h, w, kernel_size, stride, padding, dilation); None means "leave the default out".
SETTINGS = [
    (28, 28, 5, None, None, None),          # LeNet-style, defaults only
    (32, 32, 3, 1, 1, None),                # "same" padding for a 3x3
    (224, 224, 7, 2, 3, None),              # ResNet stem
    (7, 7, 3, 2, None, None),               # (7-3)/2 is exact
    (8, 8, 3, 2, None, None),               # (8-3)/2 = 2.5: floor, not round or ceil
    (10, 10, 4, 3, None, None),             # (10-4)/3 = 2 exactly
    (11, 11, 4, 3, None, None),             # (11-4)/3 = 2.33
    (9, 9, 3, 1, None, 2),                  # dilation 2: the kernel spans 5
    (15, 15, 3, 2, 2, 3),                   # dilation 3 with stride and padding
    (6, 6, 2, 1, None, 5),                  # dilation 5: span 6 equals the input
    (17, 12, 3, 1, 0, None),                # non-square input
    (20, 13, (5, 3), 1, 0, None),           # non-square kernel
    (20, 13, (5, 3), (2, 3), (1, 0), None),  # everything a pair
    (31, 19, (3, 5), (3, 2), (2, 1), (2, 3)),
    (12, 40, (1, 7), (1, 4), (0, 3), (1, 2)),
    (5, 9, 1, None, None, None),            # 1x1 kernel keeps the size
    (5, 9, 1, 2, None, None),               # 1x1 kernel with stride
    (1, 1, 1, 1, 0, 1),                     # smallest input
    (1, 1, 3, 1, 1, None),                  # padding makes a 1x1 input usable
    (4, 4, 5, 1, 1, None),                  # padding just large enough
    (9, 9, 3, 4, 1, None),                  # stride larger than the kernel
    (64, 48, 4, 2, 1, None),                # DCGAN-style halving
    (13, 27, (2, 4), (5, 1), (1, 2), (4, 3)),
    (100, 3, (10, 3), (9, 1), (0, 1), (1, 1)),
]


def _conv_shape(h, w, kernel_size, stride, padding, dilation):
    """What nn.Conv2d itself produces for these settings (meta device: no data is computed)."""
    conv = torch.nn.Conv2d(1, 1, kernel_size, stride=stride, padding=padding, dilation=dilation, device="meta")
    return tuple(int(s) for s in conv(torch.empty(1, 1, h, w, device="meta")).shape[-2:])


def _label(h, w, k, s, p, d):
    parts = [f"h={h}, w={w}, kernel_size={k}"]
    for name, value in (("stride", s), ("padding", p), ("dilation", d)):
        if value is not None:
            parts.append(f"{name}={value}")
    return "conv2d_output_size(" + ", ".join(parts) + ")"


def size_cases():
    reference = _reference()
    cases = []
    for i, (h, w, k, s, p, d) in enumerate(SETTINGS):
        kwargs = {name: value for name, value in (("stride", s), ("padding", p), ("dilation", d))
                  if value is not None}
        expected = _conv_shape(h, w, k, s or 1, p or 0, d or 1)
        case = Case(args=[h, w, k], kwargs=kwargs, label=_label(h, w, k, s, p, d), seed=i)
        # The outputs check compares with the reference's formula; make sure it is what nn.Conv2d does.
        formula = reference.conv2d_output_size(h, w, k, **kwargs)
        assert formula == expected, f"reference {formula} != nn.Conv2d {expected} for {case.label}"
        cases.append(case)
    return cases


def invalid_cases():
    return [Case(args=[h, w, k], kwargs=kw, label=_label(h, w, k, kw.get("stride"), kw.get("padding"),
                                                          kw.get("dilation")) + " has no output position",
                 expect={"raises": "ValueError"})
            for h, w, k, kw in [(3, 3, 5, {}), (4, 10, 3, {"dilation": 2}), (2, 8, (4, 1), {"padding": (0, 1)})]]
