"""How a failure report names what it talks about, in the grade's language: a case (label, seed,
input shapes), a gradient's leaf (``input 0``, ``parameter weight``), a value the submission
returned, and a long error cut to one short line.
"""

from __future__ import annotations

from typing import Any

import torch

from grader import compare as cmp
from grader.cases import Case
from grader.messages import DEFAULT_LANG, msg
from grader.protocol import TensorValue


def shorten(text: str | None, limit: int = 120) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


def describe_value(value: Any, lang: str = DEFAULT_LANG) -> str:
    """A value the submission returned, in a few words: a tensor by its shape, anything else by
    its type and (the start of) its repr."""
    if isinstance(value, TensorValue):
        return msg("value.tensor", lang, shape=tuple(value.meta["shape"]))
    return f"{type(value).__name__} {value!r:.80}"


def describe_case(case: Case, lang: str = DEFAULT_LANG) -> str:
    """Label, seed and input shapes, as a failure report shows them: ``Case.describe`` in
    ``lang`` (the kata's label as the kata wrote it)."""
    parts = [case.label or msg("case.label", lang), msg("case.seed", lang, seed=case.seed)]
    if case.init_args or case.init_kwargs:
        parts.append("init(" + ", ".join([*map(repr, case.init_args),
                                           *(f"{k}={v!r}" for k, v in case.init_kwargs.items())]) + ")")
    shapes = ", ".join(_shape_of(a, lang) for a in case.args)
    if shapes:
        parts.append(msg("case.inputs", lang, shapes=shapes))
    return "; ".join(parts)


def _shape_of(value: Any, lang: str) -> str:
    """``3x4 float32``, ``scalar float64 non-contiguous``: ``grader.cases.shape_of`` in ``lang``."""
    if isinstance(value, torch.Tensor):
        text = "x".join(str(s) for s in value.shape) or msg("case.scalar", lang)
        extra = "" if value.is_contiguous() else msg("case.non_contiguous", lang)
        return f"{text} {cmp.dtype_name(value.dtype)}{extra}"
    return type(value).__name__


def leaf_label(leaf: str, lang: str = DEFAULT_LANG) -> str:
    """``arg0`` -> ``input 0 gradient``; ``param:weight`` -> ``parameter weight gradient``:
    ``grader.protocol.leaf_label`` in ``lang``."""
    if leaf.startswith("param:"):
        return msg("leaf.param", lang, name=leaf[len("param:"):])
    if leaf.startswith("arg"):
        return msg("leaf.input", lang, index=leaf[3:])
    return msg("leaf.other", lang, name=leaf)
