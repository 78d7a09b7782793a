"""The reusable check kinds a kata selects in ``kata.yaml``.

Every check plans tasks for the submission's process (inputs only), then evaluates the data that
comes back against the reference, which runs here, in the grader's process. A check becomes one
``TestResult``; its message names the trial, seed and shapes of the first failing case.

Each kind reads its options from its typed model in ``grader.kata_schema`` (``KINDS`` maps a
model to its check). Everything a check says (its default name, its failures, their diagnoses)
is in the grade's language (``Context.lang``, words from ``grader.messages``), and so is a text
the kata gives in both languages (a ``why``).

The modules, one concern each:

* ``context``: ``Context``, ``Task``, ``CaseFailure``, what every check of a kata shares;
* ``base``: ``Check``, the base of every kind, and the helpers for nested inputs;
* ``describe``: how a report names a case, a gradient's leaf, a returned value;
* ``values``: ``outputs``, ``gradients``, ``mutation``, ``dtype``, ``device``, ``raises``;
* ``structure``: ``structure`` (a module's parameters, buffers, attributes);
* ``statistics``: ``statistics`` (random initialisation);
* ``apis``: ``forbidden`` and ``operators`` (which APIs the submission uses);
* ``custom``: ``custom`` (``behaviour``), a kata's own probe and evaluation;
* ``registry``: ``KINDS`` and ``build_checks``.

The names below are this package's interface (``from grader.checks import Context``); the
modules behind them may move.
"""

from __future__ import annotations

from grader.checks.apis import MATMUL_FAMILY, Forbidden, Operators, op_base
from grader.checks.base import Check, cast_floats, clone_tree, decode, to_meta
from grader.checks.context import CaseFailure, Context, Task
from grader.checks.custom import Custom
from grader.checks.describe import describe_case, describe_value, leaf_label, shorten
from grader.checks.registry import KINDS, build_checks
from grader.checks.statistics import Statistics
from grader.checks.structure import Structure, compare_structure
from grader.checks.values import DeviceAgnostic, DtypeFollows, Gradients, Mutation, Outputs, Raises

__all__ = [
    "KINDS", "MATMUL_FAMILY", "CaseFailure", "Check", "Context", "Custom", "DeviceAgnostic",
    "DtypeFollows", "Forbidden", "Gradients", "Mutation", "Operators", "Outputs", "Raises",
    "Statistics", "Structure", "Task", "build_checks", "cast_floats", "clone_tree",
    "compare_structure", "decode", "describe_case", "describe_value", "leaf_label", "op_base",
    "shorten", "to_meta",
]
