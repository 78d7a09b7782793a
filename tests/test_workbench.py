"""The kata workbench without a UI: report parsing, staged hints, the file watch, and grading
in a child process (the real grader on the fast ``double`` kata)."""

from __future__ import annotations

import shutil

import pytest
from tui_support import DOUBLE_KATA

from quizapp.workbench import (
    FileWatch, GradeResult, Workbench, figure_lines, grade_command, on_disk_change, parse_report,
    run_grade,
)

REPORT = {
    "version": 3, "status": "fail", "message": "1 of 2 checks failed", "kata": "double",
    "device": "cpu", "duration_s": 1.5, "output": None,
    "tests": [
        {"name": "outputs", "status": "fail", "message": "3 of 12 elements differ",
         "output": None, "check": "outputs", "duration_s": 0.02, "max_abs_diff": 0.5,
         "mismatched": 3, "seed": 1, "index": (0, 2)},
        {"name": "gradients", "status": "pass", "message": None, "output": None,
         "check": "gradients", "max_abs_diff": 0.0},
    ],
}


def test_parse_report_keeps_each_check_and_its_figures():
    result = parse_report(REPORT)
    assert result.status == "fail" and result.counts == (1, 2) and result.recordable
    first = result.checks[0]
    assert first.figures == {"max_abs_diff": 0.5, "mismatched": 3, "seed": 1, "index": (0, 2)}
    assert figure_lines(first) == ["max_abs_diff: 0.5", "mismatched: 3", "seed: 1",
                                   "index: (0, 2)", "duration_s: 0.02"]
    assert [c.name for c in result.failing] == ["outputs"]
    assert parse_report({"status": "weird"}).status == "error"
    assert not GradeResult("double", "unavailable", "no grader").recordable


def test_hints_are_revealed_one_at_a_time_and_the_solution_after_a_pass():
    bench = Workbench("double", hints=["one", "two"])
    assert bench.reveal_hint() == "one" and bench.visible_hints == ["one"]
    assert bench.reveal_hint() == "two" and bench.reveal_hint() is None
    assert not bench.solution_available
    bench.graded(parse_report(REPORT))
    assert bench.grades == 1 and not bench.solution_available
    bench.graded(parse_report({**REPORT, "status": "pass"}))
    assert bench.solution_available


def test_file_watch_sees_outside_changes_but_not_its_own(tmp_path):
    path = tmp_path / "mine.py"
    path.write_text("a")
    watch = FileWatch(path)
    assert not watch.changed()
    path.write_text("bb")
    assert watch.changed() and not watch.changed()       # once per change
    path.write_text("ccc")
    watch.mark()                                         # our own save
    assert not watch.changed()
    path.unlink()
    assert not watch.changed()                           # gone: nothing to grade
    path.write_text("d")
    assert watch.changed()
    assert on_disk_change(editor_dirty=True) == "conflict"
    assert on_disk_change(editor_dirty=False) == "reload"


def test_grade_command_asks_for_json_without_recording():
    cmd = grade_command("double", "/x/double.py", "cpu", python="py")
    assert cmd == ["py", "-m", "quizapp", "grade", "double", "/x/double.py", "--json",
                   "--no-record", "--device", "cpu"]


@pytest.fixture
def katas(tmp_path, content_env):
    folder = tmp_path / "katas"
    shutil.copytree(DOUBLE_KATA, folder / "double")
    return content_env.use_katas(folder)


def test_run_grade_without_a_usable_grader_says_why(katas, tmp_path):
    unknown = run_grade("no-such-kata", "x = 1\n", device="cpu")
    assert unknown.status == "unavailable" and "unknown kata" in unknown.message
    cancelled = run_grade("double", "x = 1\n", cancelled=lambda: True)
    assert cancelled.status == "unavailable" and "cancelled" in cancelled.message


def test_warm_grader_grades_in_a_process_of_its_own_and_stays_warm(katas):
    from quizapp.workbench import WarmGrader

    grader = WarmGrader(device="cpu")
    grader.start()
    try:
        first = grader("double", "def double(x):\n    return x * 2\n")
        assert first.status == "pass", first.message
        server = grader.proc.pid
        second = grader("double", "def double(x):\n    return x * 3\n")
        assert second.status == "fail" and grader.proc.pid == server   # the same warm process
        assert grader("no-such-kata", "x = 1\n").status == "unavailable"
        cancelled = grader("double", "import time\ntime.sleep(30)\n", cancelled=lambda: True)
        assert cancelled.status == "unavailable" and grader.proc is None
        assert grader("double", "def double(x):\n    return x + x\n").status == "pass"  # restarted
    finally:
        grader.stop()
