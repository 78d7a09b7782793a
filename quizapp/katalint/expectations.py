"""What a wrong submission should fail on: its ``# expect: X`` line, and whether a grade met it.

X is a check's ``name`` exactly, a check kind, or ``error`` (the submission could not run).
:func:`parse_expectation` reads it, :func:`known_expectations` lists what a kata's X may name,
and :func:`expectation_met` compares it with a grade's failed tests (``TestResult`` objects or
results-v3 dicts alike).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from grader.kata import KataSpec

EXPECT_LINE = re.compile(r"^#\s*expect\s*:\s*(.*?)\s*$")
PASS = "pass"


def parse_expectation(source: str) -> str | None:
    """X from a ``# expect: X`` line in the leading comment block (normally line 1), else None."""
    for line in source.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        match = EXPECT_LINE.match(stripped)
        if match:
            return match.group(1) or None
    return None


def _get(test: Any, key: str) -> Any:
    if isinstance(test, dict):
        return test.get("check" if key == "kind" else key)
    return getattr(test, key, None)


def failed_checks(tests: Iterable[Any]) -> list[tuple[str, str]]:
    """(name, kind) of every test that did not pass; tests are TestResults or results-v3 dicts."""
    return [(_get(t, "name") or "", _get(t, "kind") or "") for t in tests if _get(t, "status") != PASS]


def expectation_met(expect: str, status: str, tests: Iterable[Any]) -> bool:
    """Did a grade fail the way ``# expect: X`` says?

    ``error``: the submission could not run (the report's status is ``error``). Otherwise X is
    a failed test's name (exactly) or a failed test's check kind. A pass never meets it.
    """
    if status == PASS:
        return False
    if expect == "error":
        return status == "error"
    return any(expect in (name, kind) for name, kind in failed_checks(tests))


def known_expectations(spec: KataSpec, test_names: Iterable[str] = ()) -> set[str]:
    """What ``# expect:`` may name for this kata: check names, kinds, ``entry``, ``error``,
    and the names the grader gave the checks (``test_names``, e.g. from the reference's report)."""
    known = {"error", "entry"} | {c.kind for c in spec.checks}
    known |= {c.name for c in spec.checks if c.name}
    return known | set(test_names)
