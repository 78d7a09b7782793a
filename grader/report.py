"""The verdict: one result per check, as Exercism's results v3 JSON or short terminal text."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

PASS, FAIL, ERROR = "pass", "fail", "error"


@dataclass
class TestResult:
    """The outcome of one check (all of its cases)."""

    name: str
    status: str
    message: str | None = None
    output: str | None = None
    kind: str = ""
    figures: dict = field(default_factory=dict)
    duration_s: float | None = None

    def to_json(self) -> dict:
        data = {"name": self.name, "status": self.status, "message": self.message,
                "output": self.output or None, "check": self.kind}
        if self.duration_s is not None:
            data["duration_s"] = round(self.duration_s, 4)
        data.update({k: _plain(v) for k, v in self.figures.items()})
        return data


@dataclass
class Report:
    """The whole grade."""

    kata: str
    status: str
    message: str | None
    tests: list[TestResult]
    device: str = "cpu"
    isolation: str = ""
    duration_s: float = 0.0
    output: str = ""
    timings: dict = field(default_factory=dict)  # startup_s (torch import), run_s (the submission's clock)

    def to_json(self) -> dict:
        """Exercism test-runner results v3, with extra keys for the figures."""
        return {"version": 3, "status": self.status, "message": self.message,
                "tests": [t.to_json() for t in self.tests], "kata": self.kata, "device": self.device,
                "isolation": self.isolation, "duration_s": round(self.duration_s, 3),
                "timings": self.timings, "output": self.output or None}

    def to_text(self, color: bool = False) -> str:
        """A short report for a terminal."""
        marks = {PASS: ("PASS", "32"), FAIL: ("FAIL", "31"), ERROR: ("ERROR", "33")}

        def paint(status: str) -> str:
            word, code = marks[status]
            return f"\x1b[{code}m{word}\x1b[0m" if color else word

        lines = [f"{self.kata}: {paint(self.status)}  ({self.duration_s:.1f} s, {self.device}, "
                 f"isolation: {self.isolation})"]
        if self.isolation == "rlimits":
            from grader.sandbox import UNSANDBOXED_WARNING

            lines.insert(0, UNSANDBOXED_WARNING)
        if self.message:
            lines.append(f"  {self.message}")
        for test in self.tests:
            lines.append(f"  {paint(test.status):>5}  {test.name}")
            if test.status != PASS and test.message:
                lines.extend("         " + line for line in test.message.splitlines())
            if test.status != PASS and test.output:
                lines.append("         output: " + test.output.strip().replace("\n", "\n                 ")[:600])
        if self.status == ERROR and self.output:
            tail = self.output.strip()[-1500:]
            lines.append("  output of the submission:")
            lines.extend("    " + line for line in tail.splitlines())
        passed = sum(t.status == PASS for t in self.tests)
        lines.append(f"  {passed} of {len(self.tests)} checks passed")
        return "\n".join(lines)


def _plain(value):
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return str(value)
    return value


def render(report: Report, as_json: bool = False, color: bool = False) -> str:
    """The report as results-v3 JSON or as terminal text."""
    if as_json:
        return json.dumps(report.to_json(), ensure_ascii=False, indent=2)
    return report.to_text(color=color)
