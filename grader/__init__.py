"""A standalone grader for PyTorch coding katas.

The submission runs in a sandboxed child process that only ever receives inputs; the reference
runs here, and the comparison and the verdict happen here. See ``grader.core.grade``.
This package imports nothing from ``quizapp``.
"""

from grader.core import UsageError, grade
from grader.kata import Kata, KataError, load_kata
from grader.report import Report, TestResult

__all__ = ["grade", "UsageError", "Kata", "KataError", "load_kata", "Report", "TestResult"]
