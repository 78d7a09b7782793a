"""The grader's pure parts: tolerances, comparison figures, diagnoses, statistics, AST scan."""

from __future__ import annotations

import math

import pytest
import torch

from grader import compare as cmp
from grader import forbidden, stats


@pytest.fixture
def f32():
    return cmp.tolerance_for(torch.float32)


def test_default_tolerances_follow_torch_testing():
    assert cmp.tolerance_for(torch.float32) == cmp.Tolerance(1.3e-6, 1e-5)
    assert cmp.tolerance_for(torch.float64) == cmp.Tolerance(1e-7, 1e-7)
    assert cmp.tolerance_for(torch.float16) == cmp.Tolerance(1e-3, 1e-5)
    assert cmp.tolerance_for(torch.bfloat16) == cmp.Tolerance(1.6e-2, 1e-5)
    assert cmp.tolerance_for(torch.int64) == cmp.Tolerance(0.0, 0.0)


def test_kata_and_device_overrides_layer_on_the_defaults():
    overrides = {"float32": {"atol": 1e-4}, "cuda": {"float32": {"rtol": 1e-3}}}
    assert cmp.tolerance_for(torch.float32, "cpu", overrides) == cmp.Tolerance(1.3e-6, 1e-4)
    assert cmp.tolerance_for(torch.float32, "cuda", overrides) == cmp.Tolerance(1e-3, 1e-4)
    assert cmp.tolerance_for(torch.float32, "cuda:0", overrides) == cmp.Tolerance(1e-3, 1e-4)


def test_close_values_pass_within_tolerance(f32):
    e = torch.tensor([1.0, 2.0, 3.0])
    assert cmp.compare(e + 5e-6, e, f32).ok
    assert not cmp.compare(e + 1e-3, e, f32).ok


def test_failure_reports_count_and_greatest_differences_with_positions(f32):
    e = torch.zeros(2, 3)
    a = e.clone()
    a[1, 2] = 0.5
    a[0, 0] = 0.1
    result = cmp.compare(a, e, f32)
    assert not result.ok and result.reason == "values"
    assert result.figures["mismatched"] == 2 and result.figures["total"] == 6
    assert result.figures["max_abs_diff"] == pytest.approx(0.5)
    assert result.figures["max_abs_index"] == (1, 2)
    assert result.figures["expected_at"] == 0.0 and result.figures["actual_at"] == pytest.approx(0.5)
    assert "2 of 6 elements differ" in result.message and "(1, 2)" in result.message


def test_shape_dtype_and_device_are_checked_before_values(f32):
    e = torch.zeros(2, 3)
    assert cmp.compare(torch.zeros(3, 2), e, f32).reason == "shape"
    assert cmp.compare(torch.zeros(2, 3, dtype=torch.float64), e, f32).reason == "dtype"
    meta = {"device": "cpu", "shape": [2, 3], "dtype": "float32"}
    assert cmp.compare(torch.zeros(2, 3), e, f32, actual_meta=meta, expected_device="cuda").reason == "device"


def test_tensor_subclass_is_refused(f32):
    meta = {"device": "cpu", "shape": [1], "dtype": "float32", "subclass": "Agreeable"}
    result = cmp.compare(torch.zeros(1), torch.zeros(1), f32, actual_meta=meta)
    assert not result.ok and "subclass" in result.message


def test_nan_never_equals_a_finite_value_and_same_infinities_agree(f32):
    e = torch.tensor([1.0, float("inf"), -float("inf")])
    assert cmp.compare(e.clone(), e, f32).ok
    a = torch.tensor([float("nan"), float("inf"), -float("inf")])
    result = cmp.compare(a, e, f32)
    assert not result.ok and "NaN" in result.diagnosis
    assert result.figures["max_abs_diff"] == math.inf


def test_nan_in_both_passes_only_when_asked(f32):
    e = torch.tensor([float("nan"), 1.0])
    assert not cmp.compare(e.clone(), e, f32).ok
    assert cmp.compare(e.clone(), e, f32, equal_nan=True).ok


def test_diagnoses_a_transposed_result(f32):
    e = torch.randn(3, 5, generator=torch.Generator().manual_seed(0))
    result = cmp.compare(e.mT.contiguous(), e, f32)
    assert result.reason == "shape" and "transpose" in result.diagnosis
    square = torch.randn(4, 4, generator=torch.Generator().manual_seed(1))
    assert "transpose" in cmp.compare(square.mT.contiguous(), square, f32).diagnosis


def test_diagnoses_a_scaled_result(f32):
    e = torch.randn(4, 4, generator=torch.Generator().manual_seed(2))
    assert "scaled by 0.125" in cmp.compare(e / 8, e, f32).diagnosis


def test_diagnoses_a_missing_bias(f32):
    g = torch.Generator().manual_seed(3)
    no_bias = torch.randn(6, 4, generator=g)
    bias = torch.randn(4, generator=g)
    assert "bias" in cmp.compare(no_bias, no_bias + bias, f32).diagnosis


def test_diagnoses_a_broadcast_slip(f32):
    e = torch.arange(4.0)
    slip = e[:, None] + torch.zeros(4)
    assert "broadcast" in cmp.compare(slip, e, f32).diagnosis


def test_diagnoses_a_reduction_over_the_wrong_dim_or_keepdim(f32):
    x = torch.randn(3, 5, generator=torch.Generator().manual_seed(4))
    assert "keepdim" in cmp.compare(x.sum(1, keepdim=True), x.sum(1), f32).diagnosis
    assert "dim" in cmp.compare(x.sum(0), x.sum(1), f32).diagnosis


def test_kata_specific_mistakes_are_named(f32):
    x = torch.randn(3, 4, generator=torch.Generator().manual_seed(5))
    right, wrong = x.softmax(1), x.softmax(0)
    result = cmp.compare(wrong, right, f32, mistakes={"softmax over dim 0 instead of the last dim": wrong})
    assert result.diagnosis == "softmax over dim 0 instead of the last dim"


def test_meta_outputs_compare_shape_and_dtype_only(f32):
    meta = {"device": "meta", "shape": [2, 3], "dtype": "float32"}
    assert cmp.compare(None, torch.empty(2, 3, device="meta"), f32, actual_meta=meta,
                       expected_device="meta").ok


# ---------------------------------------------------------------- statistics

def draws(kind: str, n: int, seed: int, **params) -> torch.Tensor:
    g = torch.Generator().manual_seed(seed)
    if kind == "uniform":
        return torch.rand(n, generator=g, dtype=torch.float64) * 2 * params["bound"] - params["bound"]
    return torch.randn(n, generator=g, dtype=torch.float64) * params["std"]


@pytest.mark.parametrize("seed", range(5))
def test_right_uniform_sample_passes_every_test(seed):
    findings = stats.test_distribution(draws("uniform", 20000, seed, bound=0.3), "uniform", bound=0.3)
    assert all(f.ok for f in findings), [f.message for f in findings]


@pytest.mark.parametrize("seed", range(5))
def test_right_normal_sample_passes_every_test(seed):
    findings = stats.test_distribution(draws("normal", 20000, seed, std=0.05), "normal", std=0.05)
    assert all(f.ok for f in findings), [f.message for f in findings]


def test_wrong_spread_fails_the_variance_test():
    # The peer-sessions formula 2/sqrt(n+m) instead of sqrt(2/(n+m)) for n+m = 384.
    wrong = draws("normal", 30000, 0, std=2 / math.sqrt(384))
    findings = {f.test: f for f in stats.test_distribution(wrong, "normal", std=math.sqrt(2 / 384))}
    assert not findings["variance"].ok and "ratio" in findings["variance"].message


def test_normal_values_fail_a_uniform_expectation_by_bounds_or_shape():
    sample = draws("normal", 20000, 1, std=0.1 / math.sqrt(3))  # same variance as U(-0.1, 0.1)
    findings = {f.test: f for f in stats.test_distribution(sample, "uniform", bound=0.1)}
    assert not findings["bounds"].ok
    assert not findings["shape"].ok


def test_thresholds_scale_with_sample_size():
    # 5% too wide is invisible in 50 values but obvious in 200,000.
    small = stats.test_distribution(draws("uniform", 50, 2, bound=1.05), "uniform", bound=1.05)
    big = stats.test_distribution(draws("normal", 200000, 2, std=1.05), "normal", std=1.0)
    assert all(f.ok for f in small)
    assert not {f.test: f for f in big}["variance"].ok


def test_kolmogorov_pvalue_is_a_probability_that_falls_with_distance():
    values = [stats.kolmogorov_pvalue(d, 1000) for d in (0.0, 0.01, 0.03, 0.06, 0.2)]
    assert values[0] == 1.0 and values == sorted(values, reverse=True) and values[-1] < 1e-12


# ---------------------------------------------------------------- forbidden APIs in source

def test_scan_resolves_imports_and_aliases():
    source = (
        "import torch\n"
        "import torch.nn.functional as F\n"
        "from torch import nn\n"
        "from torch.nn import init as winit\n"
        "a = F.linear\n"
        "b = nn.Linear(2, 3)\n"
        "c = winit.xavier_uniform_\n"
        "d = torch.nn.functional.relu\n"
    )
    hits = forbidden.scan(source, ["torch.nn.functional.linear", "torch.nn.Linear", "torch.nn.init"])
    found = {(h.line, h.name) for h in hits}
    assert {(4, "torch.nn.init"), (5, "torch.nn.functional.linear"), (6, "torch.nn.Linear"),
            (7, "torch.nn.init")} <= found
    assert 8 not in {h.line for h in hits}


def test_scan_finds_the_matmul_operator_and_ignores_unrelated_names():
    source = "def f(a, b):\n    linear = 3\n    return a @ b\n"
    hits = forbidden.scan(source, ["torch.nn.functional.linear"], ["@"])
    assert [(h.line, h.name) for h in hits] == [(3, "the @ operator")]
