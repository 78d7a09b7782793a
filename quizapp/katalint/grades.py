"""The grades one kata needs, and the problems their reports show.

:func:`_plan` reads a kata's files for static problems (missing entries, too few or unmarked
wrong submissions) and lists a :class:`GradeJob` for each submission to grade: the reference
(must pass), the starter (must fail), every ``wrong/*.py`` (must fail on its ``# expect:``) and
the trivial submissions (must fail). :func:`_grade` runs one job on a grading pool;
:func:`_judge` turns a kata's graded jobs into problem messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.kata import Kata
from quizapp.katalint.entries import defined_names, entry_points
from quizapp.katalint.expectations import (
    PASS, expectation_met, failed_checks, known_expectations, parse_expectation,
)
from quizapp.katalint.trivial import TRIVIAL_KINDS, trivial_submissions

MIN_WRONG = 3


@dataclass
class GradeJob:
    """One submission to grade and what should come of it."""

    kata_id: str
    folder: Path
    label: str            # as shown: "reference.py", "wrong/x.py", "trivial submission 'zeros'"
    path: Path
    want: str             # "pass" or "fail"
    expect: str | None = None
    report: Any = None    # grader.report.Report once graded
    crash: str | None = None
    retried: bool = False


def _one_line(text: str | None, limit: int = 240) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


def _why(report) -> str:
    """A short reason a report did not pass: its message and the first failed test's message."""
    parts = [report.message or report.status]
    for test in report.tests:
        if test.status != PASS and test.message:
            parts.append(f"{test.name}: {test.message}")
            break
    return _one_line(" | ".join(parts), 400)


def _plan(kata: Kata, workdir: Path) -> tuple[list[str], list[GradeJob]]:
    """The static problems of one kata and the grades it needs."""
    problems: list[str] = []
    jobs: list[GradeJob] = []
    folder, kid = kata.folder, kata.id

    def job(label, path, want, expect=None):
        jobs.append(GradeJob(kid, folder, label, path, want, expect))

    sources: dict[str, str] = {}
    for name in ("reference.py", "starter.py"):
        try:
            sources[name] = kata.path(name).read_text(encoding="utf-8")
            missing = [e for e in kata.spec.entry if e not in defined_names(sources[name])]
            if missing:
                problems.append(f"{name} does not define {', '.join(missing)} (kata.yaml entry)")
        except SyntaxError as exc:
            problems.append(f"{name}: syntax error at line {exc.lineno}: {exc.msg}")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{name}: cannot be read: {exc}")
    job("reference.py", kata.path("reference.py"), "pass")
    job("starter.py", kata.path("starter.py"), "fail")

    wrong = kata.wrong_submissions()
    if len(wrong) < MIN_WRONG:
        problems.append(f"{len(wrong)} wrong submission(s) in wrong/; write at least {MIN_WRONG} "
                        "realistic mistakes")
    for path in wrong:
        label = f"wrong/{path.name}"
        try:
            expect = parse_expectation(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{label}: cannot be read: {exc}")
            continue
        if expect is None:
            problems.append(f"{label}: no '# expect: <check>' first line (a check's name, a check "
                            "kind, or 'error')")
        job(label, path, "fail", expect)

    if "reference.py" in sources:
        try:
            entries = entry_points(sources["reference.py"], kata.spec.entry)
        except SyntaxError:
            entries = []
        for kind, code in (trivial_submissions(entries) if entries else {}).items():
            path = workdir / f"{kid}--trivial-{kind}.py"
            path.write_text(code, encoding="utf-8")
            job(f"trivial submission '{kind}' ({TRIVIAL_KINDS[kind][0]})", path, "fail")
    return problems, jobs


def _judge(kata: Kata, jobs: list[GradeJob]) -> list[str]:
    """Problems found by one kata's grades."""
    problems: list[str] = []
    reference = next((j.report for j in jobs if j.label == "reference.py"), None)
    names = [t.name for t in reference.tests] if reference is not None else []
    known = known_expectations(kata.spec, names)
    for j in jobs:
        if j.crash:
            problems.append(f"{j.label}: grading it raised {j.crash}")
            continue
        report = j.report
        if j.want == "pass":
            if report.status != PASS:
                problems.append(f"{j.label} does not pass ({report.status}): {_why(report)}")
            continue
        if report.status == PASS:
            if j.label == "starter.py":
                problems.append("starter.py passes without being solved")
            elif j.expect:
                problems.append(f"{j.label} passes; it should fail on '{j.expect}'")
            else:
                problems.append(f"{j.label} passes; it must fail")
            continue
        if j.expect is None:
            continue
        if j.expect not in known:
            names_text = sorted(c.name for c in kata.spec.checks if c.name)
            kinds_text = sorted({c.kind for c in kata.spec.checks})
            problems.append(f"{j.label}: '# expect: {j.expect}' names no check of this kata "
                            f"(names: {names_text}; kinds: {kinds_text}; or 'error')")
        elif not expectation_met(j.expect, report.status, report.tests):
            failed = [name for name, _ in failed_checks(report.tests)]
            what = f"failed: {'; '.join(failed)}" if failed else _why(report)
            problems.append(f"{j.label} fails ({report.status}), but not on '{j.expect}' "
                            f"({_one_line(what)})")
    return problems


def _timed_out(report) -> bool:
    return report is not None and report.status == "error" and "timed out" in (report.message or "")


def _grade(job: GradeJob, pool, timeout_s: float | None = None) -> GradeJob:
    try:
        job.report = pool.grade(job.folder, job.path, timeout_s=timeout_s)
    except Exception as exc:  # noqa: BLE001 - one bad grade must not stop the whole check
        job.crash = f"{type(exc).__name__}: {_one_line(str(exc))}"
    return job
