"""A standalone grader for PyTorch coding katas.

The submission runs in a sandboxed child process that only ever receives inputs; the reference
runs here, and the comparison and the verdict happen here. See ``grader.core.grade``.
This package imports nothing from ``quizapp``. Its names are imported on first use, so that
``import grader`` stays cheap and a grade can start the submission's process early.
"""

import importlib

_EXPORTS = {
    "grade": "grader.core", "UsageError": "grader.core",
    "Kata": "grader.kata", "KataError": "grader.kata", "load_kata": "grader.kata",
    "Report": "grader.report", "TestResult": "grader.report",
}
__all__ = list(_EXPORTS)


def __getattr__(name):
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'grader' has no attribute {name!r}")
