"""Compare a submission's tensor with the reference's: tolerances, figures and a diagnosis.

Pure functions over tensors in the grader's own process (the submission's process never runs
them). Tolerances start from ``torch.testing.assert_close``'s per-dtype defaults and may be
overridden per kata and per device. Messages and diagnoses are in ``lang`` (``grader.messages``);
a kata's own ``mistakes`` descriptions are shown as the kata wrote them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import torch

from grader.messages import DEFAULT_LANG, msg

# torch.testing.assert_close's defaults (torch/testing/_comparison.py), keyed by dtype name.
DEFAULT_TOLERANCES = {
    "float16": (1e-3, 1e-5),
    "bfloat16": (1.6e-2, 1e-5),
    "float32": (1.3e-6, 1e-5),
    "float64": (1e-7, 1e-7),
    "complex32": (1e-3, 1e-5),
    "complex64": (1.3e-6, 1e-5),
    "complex128": (1e-7, 1e-7),
}


@dataclass(frozen=True)
class Tolerance:
    rtol: float
    atol: float

    def __str__(self) -> str:
        return f"rtol={self.rtol:g}, atol={self.atol:g}"


def dtype_name(dtype: torch.dtype | str) -> str:
    return str(dtype).replace("torch.", "")


def tolerance_for(dtype: torch.dtype | str, device: str = "cpu", overrides: dict | None = None) -> Tolerance:
    """The tolerance for ``dtype`` on ``device``: defaults, then kata overrides, then device overrides.

    ``overrides`` looks like ``{"float32": {"rtol": 1e-5}, "cuda": {"float32": {"atol": 1e-4}}}``.
    """
    name = dtype_name(dtype)
    rtol, atol = DEFAULT_TOLERANCES.get(name, (0.0, 0.0))
    overrides = overrides or {}
    for layer in (overrides, overrides.get(device.split(":")[0], {}) if device else {}):
        entry = layer.get(name) or {}
        rtol = float(entry.get("rtol", rtol))
        atol = float(entry.get("atol", atol))
    return Tolerance(rtol, atol)


@dataclass
class Comparison:
    """The outcome of comparing one actual tensor with its expected value."""

    ok: bool
    reason: str = ""          # "", "type", "subclass", "shape", "dtype", "device", "values"
    message: str = ""
    diagnosis: str | None = None
    figures: dict = field(default_factory=dict)


def compare(actual: torch.Tensor | None, expected: torch.Tensor, tol: Tolerance, *,
            actual_meta: dict | None = None, expected_device: str | None = None,
            check_dtype: bool = True, equal_nan: bool = False,
            mistakes: dict[str, torch.Tensor] | None = None, lang: str = DEFAULT_LANG) -> Comparison:
    """Compare ``actual`` (from the submission) with ``expected`` (from the reference).

    ``actual_meta`` carries what the submission's process reported about the tensor (its device
    and whether it was a subclass); the tensor itself arrives on the CPU. ``mistakes`` maps a
    description of a known mistake to the output that mistake would produce. The message and
    diagnosis are in ``lang``.
    """
    meta = actual_meta or {}
    if actual is None and not meta:
        return Comparison(False, "type", msg("compare.no_tensor", lang))
    if meta.get("subclass"):
        return Comparison(False, "subclass", msg("compare.subclass", lang, name=meta["subclass"]))
    actual_device = meta.get("device", str(actual.device) if actual is not None else "?")
    if expected_device and actual_device.split(":")[0] != expected_device.split(":")[0]:
        return Comparison(False, "device", msg("compare.device", lang, actual=actual_device,
                                               expected=expected_device))
    actual_shape = tuple(meta.get("shape", actual.shape if actual is not None else ()))
    if actual_shape != tuple(expected.shape):
        comp = Comparison(False, "shape", msg("compare.shape", lang, actual=_shape(actual_shape),
                                              expected=_shape(expected.shape)))
        if actual is not None:
            comp.diagnosis = _known_mistake(actual, tol, mistakes) or diagnose_shape(actual, expected, tol, lang)
        return comp
    actual_dtype = meta.get("dtype", dtype_name(actual.dtype) if actual is not None else "?")
    if check_dtype and actual_dtype != dtype_name(expected.dtype):
        return Comparison(False, "dtype", msg("compare.dtype", lang, actual=actual_dtype,
                                              expected=dtype_name(expected.dtype)),
                          diagnosis=msg("diagnosis.dtype", lang))
    if actual is None:  # the meta device carries no values
        return Comparison(True)
    return compare_values(actual, expected, tol, equal_nan=equal_nan, mistakes=mistakes, lang=lang)


def compare_values(actual: torch.Tensor, expected: torch.Tensor, tol: Tolerance, *,
                   equal_nan: bool = False, mistakes: dict[str, torch.Tensor] | None = None,
                   lang: str = DEFAULT_LANG) -> Comparison:
    """Element-wise closeness with figures: count, greatest absolute and relative difference."""
    a = _as_float(actual)
    e = _as_float(expected)
    close = torch.isclose(a, e, rtol=tol.rtol, atol=tol.atol, equal_nan=equal_nan)
    total = close.numel()
    mismatched = int((~close).sum())
    if mismatched == 0:
        return Comparison(True, figures={"mismatched": 0, "total": total, **_diff_figures(a, e)})
    figures = {"mismatched": mismatched, "total": total, "rtol": tol.rtol, "atol": tol.atol,
               **_diff_figures(a, e, ~close)}
    message = msg("compare.values", lang, mismatched=mismatched, total=total,
                  percent=f"{100 * mismatched / max(total, 1):.1f}",
                  abs_diff=f"{figures['max_abs_diff']:.4g}", abs_index=figures["max_abs_index"],
                  expected_at=f"{figures['expected_at']:.6g}", actual_at=f"{figures['actual_at']:.6g}",
                  rel_diff=f"{figures['max_rel_diff']:.4g}", rel_index=figures["max_rel_index"], tol=tol)
    return Comparison(False, "values", message, diagnose_values(a, e, tol, mistakes, lang), figures)


def _as_float(t: torch.Tensor) -> torch.Tensor:
    t = t.detach().cpu()
    if t.is_complex():
        return t.to(torch.complex128)
    return t.to(torch.float64)


def _index(flat: int, shape) -> tuple:
    return tuple(int(i) for i in torch.unravel_index(torch.tensor(flat), tuple(shape))) if shape else ()


def _diff_figures(a: torch.Tensor, e: torch.Tensor, where: torch.Tensor | None = None) -> dict:
    """Greatest absolute / relative difference and where they occur (NaN-aware)."""
    if a.numel() == 0:
        return {"max_abs_diff": 0.0, "max_rel_diff": 0.0}
    diff = (a - e).abs()
    both_same_inf = torch.isinf(a) & torch.isinf(e) & (a == e)
    diff = torch.where(both_same_inf, torch.zeros_like(diff), diff)
    # A NaN on one side only counts as an infinite difference.
    diff = torch.where(torch.isnan(diff), torch.full_like(diff, float("inf")), diff)
    if where is not None:
        diff = torch.where(where, diff, torch.zeros_like(diff))
    # Relative to an expected 0 any difference is infinitely large: say so rather than 1e307.
    rel = torch.where(e == 0, torch.full_like(diff, float("inf")), diff / e.abs())
    rel = torch.where(diff == 0, torch.zeros_like(rel), rel)
    abs_at = int(diff.flatten().argmax())
    rel_at = int(rel.flatten().argmax())
    return {
        "max_abs_diff": float(diff.flatten()[abs_at].real if diff.is_complex() else diff.flatten()[abs_at]),
        "max_abs_index": _index(abs_at, a.shape),
        "max_rel_diff": float(rel.flatten()[rel_at]),
        "max_rel_index": _index(rel_at, a.shape),
        "expected_at": float(e.flatten()[abs_at].real if e.is_complex() else e.flatten()[abs_at]),
        "actual_at": float(a.flatten()[abs_at].real if a.is_complex() else a.flatten()[abs_at]),
    }


def _shape(shape) -> str:
    return "(" + ", ".join(str(int(s)) for s in shape) + ("," if len(shape) == 1 else "") + ")"


def _close(a: torch.Tensor, e: torch.Tensor, tol: Tolerance) -> bool:
    if a.shape != e.shape:
        return False
    return bool(torch.isclose(_as_float(a), _as_float(e), rtol=max(tol.rtol, 1e-5),
                              atol=max(tol.atol, 1e-6)).all())


def _known_mistake(actual: torch.Tensor, tol: Tolerance, mistakes: dict | None) -> str | None:
    """The description of a kata's known mistake whose output the actual one matches."""
    for description, output in (mistakes or {}).items():
        if isinstance(output, torch.Tensor) and tuple(output.shape) == tuple(actual.shape) \
                and _close(actual, output, tol):
            return description
    return None


def diagnose_shape(actual: torch.Tensor, expected: torch.Tensor, tol: Tolerance,
                   lang: str = DEFAULT_LANG) -> str | None:
    """Name the common mistake behind a wrong shape, when one fits (in ``lang``)."""
    a_shape, e_shape = tuple(actual.shape), tuple(expected.shape)
    if expected.dim() >= 2 and a_shape == tuple(expected.mT.shape):
        if _close(actual, expected.mT, tol):
            return msg("diagnosis.transposed", lang)
    if tuple(s for s in a_shape if s != 1) == tuple(s for s in e_shape if s != 1):
        if len(a_shape) > len(e_shape):
            return msg("diagnosis.extra_dim", lang)
        return msg("diagnosis.missing_dim", lang)
    if actual.numel() == expected.numel() and actual.numel() > 0:
        if _close(actual.reshape(e_shape), expected, tol):
            return msg("diagnosis.reshaped", lang)
        if sorted(a_shape) == sorted(e_shape):
            return msg("diagnosis.permuted", lang)
    try:
        joint = tuple(torch.broadcast_shapes(a_shape, e_shape))
    except RuntimeError:
        joint = None
    if joint == a_shape and actual.numel() > expected.numel():
        return msg("diagnosis.broadcast", lang)
    if len(a_shape) == len(e_shape) - 1 or len(a_shape) == len(e_shape) + 1:
        return msg("diagnosis.dim_count", lang)
    if len(a_shape) == len(e_shape):
        return msg("diagnosis.dim_size", lang)
    return None


def diagnose_values(a: torch.Tensor, e: torch.Tensor, tol: Tolerance,
                    mistakes: dict[str, torch.Tensor] | None = None, lang: str = DEFAULT_LANG) -> str | None:
    """Name the common mistake behind wrong values, when one fits (in ``lang``; a kata's own
    ``mistakes`` descriptions as the kata wrote them)."""
    if a.is_complex() or e.is_complex():
        return None
    known = _known_mistake(a, tol, mistakes)
    if known:
        return known
    nan_new = torch.isnan(a) & ~torch.isnan(e)
    if bool(nan_new.any()):
        return msg("diagnosis.nan", lang, count=int(nan_new.sum()))
    inf_new = torch.isinf(a) & ~torch.isinf(e)
    if bool(inf_new.any()):
        return msg("diagnosis.inf", lang, count=int(inf_new.sum()))
    if bool((a == 0).all()) and not bool((e == 0).all()):
        return msg("diagnosis.zeros", lang)
    if a.dim() >= 2 and a.shape[-1] == a.shape[-2] and _close(a, e.mT, tol):
        return msg("diagnosis.transposed", lang)
    denom = float((e * e).sum())
    if denom > 0 and e.numel() > 1:  # any wrong scalar is "a scaled" scalar: say nothing
        scale = float((a * e).sum()) / denom
        if abs(scale - 1) > 1e-3 and scale != 0 and _close(a, e * scale, tol):
            return msg("diagnosis.scaled", lang, scale=f"{scale:.4g}")
    offset = e - a
    if a.dim() >= 1 and a.numel() > a.shape[-1]:
        row = offset.reshape(-1, a.shape[-1])
        if bool(torch.isclose(row, row[:1].expand_as(row), atol=max(tol.atol, 1e-6) * 10,
                              rtol=max(tol.rtol, 1e-5) * 10).all()):
            if bool(torch.isclose(row[0], row[0].mean().expand_as(row[0]), atol=1e-6).all()):
                return msg("diagnosis.offset", lang, offset=f"{float(row[0].mean()):.4g}")
            return msg("diagnosis.bias", lang)
    return None
