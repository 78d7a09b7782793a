"""Trivial submissions: sources that define a kata's entry points and answer nothing useful.

One per kind of :data:`TRIVIAL_KINDS` (all zeros, the first input returned, random values,
the first input transposed), each entry point written in its own shape (a function, an
``nn.Module``, an autograd ``Function``, a class that accepts anything). A kata whose checks
pass one of them does not check what it asks for, so the lint grades each and expects a fail.
"""

from __future__ import annotations

from collections.abc import Iterable

from quizapp.katalint.entries import EntryPoint


#: kind -> (what it does, the body of ``_answer(args, kwargs)``)
TRIVIAL_KINDS: dict[str, tuple[str, str]] = {
    "zeros": ("returns zeros shaped like its first tensor argument",
              "    return torch.zeros_like(tensor) if tensor is not None else torch.zeros(())\n"),
    "identity": ("returns its first argument unchanged",
                 "    return _first_arg(args, kwargs)\n"),
    "random": ("returns random values shaped like its first tensor argument",
               "    if tensor is None:\n"
               "        return torch.rand(())\n"
               "    if tensor.is_floating_point() or tensor.is_complex():\n"
               "        return torch.rand_like(tensor)\n"
               "    return torch.randint_like(tensor, 0, 10)\n"),
    "transpose": ("returns its first tensor argument transposed (.mT)",
                  "    if tensor is None:\n"
                  "        return _first_arg(args, kwargs)\n"
                  "    return tensor.mT if tensor.dim() >= 2 else tensor\n"),
}

_PRELUDE = '''"""Trivial submission '{kind}' written by `quizapp kata lint`: every entry point {what}.

It must fail: a kata that accepts it does not check what it asks for.
"""
import torch
from torch import nn


def _first_tensor(args, kwargs):
    for value in (*args, *kwargs.values()):
        if isinstance(value, torch.Tensor):
            return value
    return None


def _first_arg(args, kwargs):
    if args:
        return args[0]
    return next(iter(kwargs.values()), None)


def _answer(args, kwargs):
    tensor = _first_tensor(args, kwargs)
{body}'''

_TEMPLATES = {
    "function": '''

def {name}(*args, **kwargs):
    return _answer(args, kwargs)
''',
    "module": '''

class {name}(nn.Module):
    def __init__(self, *args, **kwargs):
        super().__init__()

    def forward(self, *args, **kwargs):
        return _answer(args, kwargs)
''',
    "autograd": '''

class {name}(torch.autograd.Function):
    @staticmethod
    def forward(ctx, *args):
        ctx.like = [(a.shape, a.dtype, a.device) if isinstance(a, torch.Tensor) else None
                    for a in args]
        return _answer(args, {{}})

    @staticmethod
    def backward(ctx, *grads):
        return tuple(None if like is None else torch.zeros(like[0], dtype=like[1], device=like[2])
                     for like in ctx.like)
''',
    "object": '''

class {name}:
    """Accepts anything; every method returns the trivial answer."""

    def __init__(self, *args, **kwargs):
        pass

    def __getattr__(self, attribute):
        if attribute.startswith("__"):
            raise AttributeError(attribute)
        return lambda *args, **kwargs: _answer(args, kwargs)

    def __call__(self, *args, **kwargs):
        return _answer(args, kwargs)

    def __len__(self):
        return 0

    def __getitem__(self, index):
        return _answer((index,), {{}})

    def __iter__(self):
        return iter(())
''',
}


def trivial_submission(kind: str, entries: Iterable[EntryPoint]) -> str:
    """The source of one trivial submission (``kind`` from TRIVIAL_KINDS) defining ``entries``."""
    what, body = TRIVIAL_KINDS[kind]
    parts = [_PRELUDE.format(kind=kind, what=what, body=body)]
    parts += [_TEMPLATES[e.kind].format(name=e.name) for e in entries]
    return "".join(parts)


def trivial_submissions(entries: Iterable[EntryPoint]) -> dict[str, str]:
    """kind -> source, one trivial submission per kind in TRIVIAL_KINDS."""
    entries = list(entries)
    return {kind: trivial_submission(kind, entries) for kind in TRIVIAL_KINDS}
