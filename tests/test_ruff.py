"""The code passes the linter with the rules of ``ruff.toml`` (see there for what is checked and
what is left out, and why)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ("quizapp", "grader", "tests", "benchmarks")


def ruff_command() -> list[str]:
    """ruff from this environment (``pip install ruff``), else from the PATH."""
    beside_python = Path(sys.executable).with_name("ruff")
    if beside_python.is_file():
        return [str(beside_python)]
    found = shutil.which("ruff")
    if found is None:
        pytest.skip("ruff is not installed: pip install ruff (it is in the test extra)")
    return [found]


def test_the_code_passes_ruff():
    done = subprocess.run(
        [*ruff_command(), "check", "--config", str(ROOT / "ruff.toml"), "--no-cache",
         "--output-format", "concise", *CHECKED],
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode != 2, f"ruff could not run:\n{done.stderr}"
    findings = [line for line in done.stdout.splitlines() if line.strip()]
    assert done.returncode == 0, "ruff check found:\n" + "\n".join(findings)
