"""The verdict: one result per check, as Exercism's results v3 JSON or short terminal text.

A report is in one language (``Report.lang``): its check names and messages were written in it
when it was judged, and :meth:`Report.to_text` words the rest in it too. The JSON's keys and
statuses are the same in every language.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field

from grader.messages import DEFAULT_LANG, LANGS, msg

__all__ = ["PASS", "FAIL", "ERROR", "LANGS", "DEFAULT_LANG", "TestResult", "Report", "render"]

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
    lang: str = DEFAULT_LANG  # the language its texts are in (not part of the JSON)

    def to_json(self) -> dict:
        """Exercism test-runner results v3, with extra keys for the figures."""
        return {"version": 3, "status": self.status, "message": self.message,
                "tests": [t.to_json() for t in self.tests], "kata": self.kata, "device": self.device,
                "isolation": self.isolation, "duration_s": round(self.duration_s, 3),
                "timings": self.timings, "output": self.output or None}

    def to_text(self, color: bool = False) -> str:
        """A short report for a terminal, in the report's language."""
        lang = self.lang
        colors = {PASS: "32", FAIL: "31", ERROR: "33"}

        def paint(status: str, width: int = 0) -> str:
            word = msg(f"status.{status}", lang)
            padded = " " * max(0, width - display_width(word)) + word
            return padded.replace(word, f"\x1b[{colors[status]}m{word}\x1b[0m") if color else padded

        lines = [msg("report.header", lang, kata=self.kata, status=paint(self.status),
                     seconds=f"{self.duration_s:.1f}", device=self.device, isolation=self.isolation)]
        if self.isolation == "rlimits":
            lines.insert(0, msg("sandbox.none", lang))
        if self.message:
            lines.append(f"  {self.message}")
        output_label = msg("report.output", lang)
        for test in self.tests:
            lines.append(f"  {paint(test.status, 5)}  {test.name}")
            if test.status != PASS and test.message:
                lines.extend("         " + line for line in test.message.splitlines())
            if test.status != PASS and test.output:
                follow = "\n" + " " * (9 + display_width(output_label))
                lines.append("         " + output_label + test.output.strip().replace("\n", follow)[:600])
        if self.status == ERROR and self.output:
            tail = self.output.strip()[-1500:]
            lines.append("  " + msg("report.submission_output", lang))
            lines.extend("    " + line for line in tail.splitlines())
        passed = sum(t.status == PASS for t in self.tests)
        lines.append("  " + msg("report.passed", lang, passed=passed, total=len(self.tests)))
        return "\n".join(lines)


def display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal (a Hangul syllable takes two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


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
