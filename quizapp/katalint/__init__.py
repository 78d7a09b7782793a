"""``quizapp kata lint [KATA_ID...]``: the authoring check for katas (like rustlings' own).

For every kata (or the ids given) it checks that:

- ``kata.yaml`` is valid and its metadata complete in both languages: title, prompt, at least
  two hints (Korean text really in Korean), known topics, a ``source`` anchor listed in
  ``questions/sources.yaml``;
- ``reference.py`` and ``starter.py`` define every ``entry`` name;
- the reference PASSES and the starter does NOT;
- there are at least three ``wrong/*.py``, each starting with ``# expect: X`` (X: a check's
  ``name`` exactly, a check kind, or ``error``), each FAILS, and X is among the failed checks;
- trivial submissions generated from the reference's entry points (all zeros, the first input
  returned, random values, the first input transposed) fail;
- no passage is copied from the source documents (``../shared/tools/seed_overlap.py`` beside the
  project, when it exists).

Grades run in parallel threads (each grade already runs the submission in its own child process).
One line per problem, ``katas/<id>: ...``, then a summary. Exit 0 clean, 1 problems, 2 unknown ids.

One module per concern, the pure ones usable and tested on their own:

- :mod:`~quizapp.katalint.entries`: the entry points of a solution, by AST
  (:func:`entry_points`, :func:`defined_names`);
- :mod:`~quizapp.katalint.trivial`: the trivial submissions (:func:`trivial_submissions`);
- :mod:`~quizapp.katalint.expectations`: ``# expect: X`` and whether a grade met it
  (:func:`parse_expectation`, :func:`expectation_met`, :func:`known_expectations`);
- :mod:`~quizapp.katalint.metadata`: the metadata against the banks and the sources index
  (:func:`metadata_problems`, :func:`bank_index`, :func:`known_topics`);
- :mod:`~quizapp.katalint.grades`: the grades one kata needs and the problems their reports show;
- :mod:`~quizapp.katalint.seeds`: the seed-overlap check (:func:`seed_overlap`);
- :mod:`~quizapp.katalint.runner`: :func:`lint_katas`, the library form of the command, and
  its :class:`LintReport`.

The package returns values: it never prints, and imports neither the TUI nor the command layer
(``quizapp kata lint`` is :mod:`quizapp.commands.lint`). Importing it does not import torch; the
grades run on ``grader.pool``, imported when :func:`lint_katas` starts one.
"""

from __future__ import annotations

from quizapp.katalint.entries import EntryPoint, defined_names, entry_points
from quizapp.katalint.expectations import (
    EXPECT_LINE, PASS, expectation_met, failed_checks, known_expectations, parse_expectation,
)
from quizapp.katalint.grades import MIN_WRONG, GradeJob
from quizapp.katalint.metadata import (
    HANGUL, MIN_HINTS, BankIndex, bank_index, known_topics, metadata_problems, related_problems,
)
from quizapp.katalint.runner import LintReport, Problem, lint_katas
from quizapp.katalint.seeds import SEED_TOOL, seed_overlap
from quizapp.katalint.trivial import TRIVIAL_KINDS, trivial_submission, trivial_submissions

__all__ = [
    "EXPECT_LINE", "HANGUL", "MIN_HINTS", "MIN_WRONG", "PASS", "SEED_TOOL", "TRIVIAL_KINDS",
    "BankIndex", "EntryPoint", "GradeJob", "LintReport", "Problem", "bank_index", "defined_names",
    "entry_points", "expectation_met", "failed_checks", "known_expectations", "known_topics",
    "lint_katas", "metadata_problems", "parse_expectation", "related_problems", "seed_overlap",
    "trivial_submission", "trivial_submissions",
]
