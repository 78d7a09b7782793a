"""Statistical tests for randomly initialised tensors.

Thresholds scale with the sample size: a moment is compared with its expected value using the
standard error of its estimate, and the Kolmogorov-Smirnov statistic with its sampling
distribution. ``ALPHA`` is the false-alarm rate per test; with a handful of tests per grade a
correct submission fails by chance about once in a million grades.

A finding's ``test`` is a stable name (``bounds``, ``mean``, ...: figure keys use it); its
``message`` is in the language asked for (``grader.messages``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch

from grader.messages import DEFAULT_LANG, msg

ALPHA = 1e-7
Z = 5.33  # two-sided normal quantile for ALPHA


@dataclass
class Finding:
    """One statistical test's outcome."""

    test: str
    ok: bool
    message: str
    figures: dict


def kolmogorov_pvalue(d: float, n: int) -> float:
    """P(D_n >= d) for the one-sample KS statistic (asymptotic, with Stephens' correction)."""
    if d <= 0:
        return 1.0
    root = math.sqrt(n)
    x = (root + 0.12 + 0.11 / root) * d
    total = 0.0
    for k in range(1, 101):
        term = 2 * (-1) ** (k - 1) * math.exp(-2 * k * k * x * x)
        total += term
        if abs(term) < 1e-12:
            break
    return min(1.0, max(0.0, total))


def ks_statistic(sample: torch.Tensor, cdf) -> float:
    x, _ = sample.double().flatten().sort()
    n = x.numel()
    f = cdf(x)
    upper = torch.arange(1, n + 1, dtype=torch.float64) / n - f
    lower = f - torch.arange(0, n, dtype=torch.float64) / n
    return float(torch.maximum(upper, lower).max())


def uniform_cdf(bound: float):
    return lambda x: ((x + bound) / (2 * bound)).clamp(0, 1)


def normal_cdf(std: float):
    return lambda x: 0.5 * (1 + torch.erf(x / (std * math.sqrt(2))))


def test_distribution(sample: torch.Tensor, dist: str, *, bound: float | None = None,
                      std: float | None = None, mean: float = 0.0, lang: str = DEFAULT_LANG) -> list[Finding]:
    """Check a sample against U(-bound, bound) or N(mean, std): bounds, mean, variance, KS fit;
    the findings' messages are in ``lang``."""
    x = sample.detach().double().flatten()
    n = x.numel()
    findings = []
    if not bool(torch.isfinite(x).all()):
        return [Finding("finite", False, msg("stats.not_finite", lang), {})]
    if dist == "uniform":
        sigma2 = bound * bound / 3
        fourth = bound ** 4 / 5
        out_of_range = int((x.abs() > bound * (1 + 1e-6)).sum())
        findings.append(Finding("bounds", out_of_range == 0,
                                msg("stats.out_of_bounds", lang, count=out_of_range, total=n, bound=f"{bound:.5g}")
                                if out_of_range else msg("stats.within_bounds", lang, total=n, bound=f"{bound:.5g}"),
                                {"bound": bound, "observed_max_abs": float(x.abs().max()),
                                 "out_of_range": out_of_range}))
        cdf = uniform_cdf(bound)
    else:
        sigma2 = std * std
        fourth = 3 * std ** 4
        cdf = normal_cdf(std)
    if n < 2:
        return findings
    sample_mean = float(x.mean())
    mean_se = math.sqrt(sigma2 / n)
    z_mean = (sample_mean - mean) / mean_se
    findings.append(Finding("mean", abs(z_mean) <= Z,
                            msg("stats.mean", lang, mean=f"{sample_mean:.5g}", expected=f"{mean:g}",
                                margin=f"{Z * mean_se:.3g}"),
                            {"mean": sample_mean, "z": z_mean, "n": n}))
    sample_var = float(x.var(correction=0)) if mean == 0 else float(x.var())
    var_se = math.sqrt(max(fourth - sigma2 * sigma2, 1e-300) / n)
    z_var = (sample_var - sigma2) / var_se
    observed_std, expected_std = math.sqrt(sample_var), math.sqrt(sigma2)
    findings.append(Finding("variance", abs(z_var) <= Z,
                            msg("stats.std", lang, std=f"{observed_std:.5g}", expected=f"{expected_std:.5g}",
                                ratio=f"{observed_std / expected_std:.3f}", n=n),
                            {"std": observed_std, "expected_std": expected_std,
                             "ratio": observed_std / expected_std, "z": z_var}))
    if n >= 20:
        d = ks_statistic(x, cdf)
        p = kolmogorov_pvalue(d, n)
        findings.append(Finding("shape", p >= ALPHA,
                                msg("stats.ks", lang, d=f"{d:.4f}", p=f"{p:.2g}", dist=_dist_word(dist, lang)),
                                {"ks_d": d, "ks_p": p}))
    return findings


def _dist_word(dist: str, lang: str) -> str:
    """The distribution's name in ``lang`` (a name the catalogue lacks is shown as it is)."""
    return msg(f"stats.dist.{dist}", lang) if dist in ("uniform", "normal") else dist
