"""Building blocks for a kata's ``cases.py``: test cases, seeded inputs and edge shapes, and the
grader's comparison (``compare``) for a kata's own evaluators.

A kata imports only this module of the grader (the layering test holds it), so that the rest of
``grader/`` can change without touching every kata: ``from grader.cases import Case, compare``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import torch

# Re-exported (the alias says so): evaluators use compare.compare_values, tolerance_for.
from grader import compare as compare


@dataclass
class Case:
    """One trial: the inputs for the submission and the reference, and what to expect.

    ``args``/``kwargs`` go to the function (or to ``forward`` for a module, built from
    ``init_args``/``init_kwargs``). ``grad`` lists the indices of args that require grad.
    ``expect`` carries kind-specific expectations (a distribution, an exception name, ...).
    """

    args: list = field(default_factory=list)
    kwargs: dict = field(default_factory=dict)
    label: str = ""
    seed: int = 0
    init_args: list = field(default_factory=list)
    init_kwargs: dict = field(default_factory=dict)
    grad: tuple = ()
    target: str | None = None
    expect: dict = field(default_factory=dict)
    eval: bool = False

    def describe(self) -> str:
        """Label, seed and input shapes, as a failure report shows them."""
        shapes = ", ".join(shape_of(a) for a in self.args)
        parts = [self.label or "case", f"seed {self.seed}"]
        if self.init_args or self.init_kwargs:
            parts.append("init(" + ", ".join([*map(repr, self.init_args),
                                               *(f"{k}={v!r}" for k, v in self.init_kwargs.items())]) + ")")
        if shapes:
            parts.append(f"inputs {shapes}")
        return "; ".join(parts)


def shape_of(value: Any) -> str:
    if isinstance(value, torch.Tensor):
        text = "x".join(str(s) for s in value.shape) or "scalar"
        extra = "" if value.is_contiguous() else " non-contiguous"
        return f"{text} {str(value.dtype).replace('torch.', '')}{extra}"
    return type(value).__name__


def generator(seed: int) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


def randn(*shape: int, seed: int, dtype: torch.dtype = torch.float32, scale: float = 1.0) -> torch.Tensor:
    """Seeded normal values (independent of the global RNG)."""
    return torch.randn(shape, generator=generator(seed), dtype=torch.float64).mul(scale).to(dtype)


def uniform(*shape: int, seed: int, low: float = -1.0, high: float = 1.0,
            dtype: torch.dtype = torch.float32) -> torch.Tensor:
    return (torch.rand(shape, generator=generator(seed), dtype=torch.float64) * (high - low) + low).to(dtype)


def noncontiguous(t: torch.Tensor) -> torch.Tensor:
    """The same values in a non-contiguous layout (a strided view into a larger buffer)."""
    if t.dim() == 0:
        return t
    big = torch.zeros(*t.shape[:-1], t.shape[-1] * 2, dtype=t.dtype)
    view = big[..., ::2]
    view.copy_(t)
    assert not view.is_contiguous() or t.shape[-1] <= 1
    if view.is_contiguous() and t.dim() >= 2:
        view = t.mT.contiguous().mT
    return view


BATCH_SHAPES = [(), (1,), (5,), (2, 3), (1, 4, 1)]
"""Leading shapes that cover: no batch dim, a size-1 dim, one and several batch dims."""
