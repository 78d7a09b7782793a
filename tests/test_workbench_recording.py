"""What the workbench records: explicit grades always; watch-mode saves only when the verdict moves."""

from __future__ import annotations

from quizapp.workbench import CheckResult, GradeResult, worth_recording


def _result(status: str, passed: int = 0, total: int = 3) -> GradeResult:
    checks = tuple(CheckResult(f"c{i}", "pass" if i < passed else "fail") for i in range(total))
    return GradeResult("k", status, checks=checks, report={"status": status})


def test_an_explicit_grade_is_always_recorded():
    failing = _result("fail", 1)
    assert worth_recording(failing, explicit=True, previous=failing)
    assert worth_recording(_result("error", 0, 0), explicit=True, previous=None)


def test_a_burst_of_watch_saves_keeps_only_changes_of_verdict():
    saves = [_result("fail", 0), _result("fail", 0), _result("error", 0, 0), _result("fail", 2),
             _result("fail", 2), _result("pass", 3), _result("pass", 3)]
    recorded, last = [], None
    for result in saves:
        if worth_recording(result, explicit=False, previous=last):
            recorded.append(result)
            last = result
    assert [(r.status, r.counts[0]) for r in recorded] == [("fail", 0), ("fail", 2), ("pass", 3)]


def test_a_grade_without_a_verdict_is_never_recorded():
    unavailable = GradeResult("k", "unavailable", "the grader failed")
    assert not worth_recording(unavailable, explicit=True, previous=None)
