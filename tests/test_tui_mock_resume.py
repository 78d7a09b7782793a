"""The mock interview keeps the learner's work: a kata file written from another terminal is
never overwritten by the editor's unchanged buffer (and is what gets graded), and every answer
is stored as it is given, so that a mock the app dropped can be resumed or closed."""

from __future__ import annotations

import asyncio
import os
import time
from types import SimpleNamespace

import pytest

from mock_support import copy_katas, question, write_bank
from quizapp.mock import Plan, PlanItem
from quizapp.store import Store

pytest.importorskip("textual")

from quizapp.tui.screens.mock import (  # noqa: E402
    MockReportScreen, MockRunScreen, MockSelfGradeScreen, make_mock_app,
)

SOLVED = "def double(x):\n    return x * 2\n"
EDITED = "def double(x):\n    return x + x  # typed in the editor\n"

PLAN = Plan(15, 123, (
    PlanItem("question", "t-mcq", 1.0, ("tensors",), "mcq"),
    PlanItem("question", "t-short", 3.0, ("tensors",), "short"),
    PlanItem("question", "t-cloze", 1.0, ("tensors",), "cloze"),
    PlanItem("kata", "double", 1.0, ("tensors",), "kata"),
))
KATA = 3


class FakeClock:
    def __init__(self) -> None:
        self.t = 5000.0

    def __call__(self) -> float:
        return self.t


class FakeGrader:
    """Records what it was asked to grade; passes code that doubles."""

    def __init__(self) -> None:
        self.graded: list[tuple[str, str]] = []

    def __call__(self, kata_id: str, code: str):
        self.graded.append((kata_id, code))
        passed = "x * 2" in code or "x + x" in code
        return SimpleNamespace(report={
            "version": 3, "kata": kata_id, "status": "pass" if passed else "fail",
            "device": "cpu", "duration_s": 0.01,
            "tests": [{"name": "doubles", "status": "pass" if passed else "fail"}]})


@pytest.fixture
def content(tmp_path, monkeypatch):
    banks = tmp_path / "questions"
    write_bank(banks, "tensors", [question("t-mcq", "mcq", ["tensors"]),
                                  question("t-short", "short", ["tensors"]),
                                  question("t-cloze", "cloze", ["tensors"])])
    katas = copy_katas(tmp_path / "katas", {"double": 1})
    monkeypatch.setenv("QUIZAPP_QUESTIONS", str(banks))
    monkeypatch.setenv("QUIZAPP_KATAS", str(katas))
    monkeypatch.setenv("QUIZAPP_CACHE", "off")
    return tmp_path


async def wait_for(pilot, condition, what: str, limit: float = 30.0) -> None:
    waited = 0.0
    while not condition():
        await pilot.pause(0.05)
        waited += 0.05
        if waited > limit:
            raise AssertionError(f"gave up waiting for {what}")


def write_outside(path, text: str) -> None:
    """Write the file as another program would (and make sure its signature changes)."""
    path.write_text(text, encoding="utf-8")
    later = time.time() + 2
    os.utime(path, (later, later))


async def open_kata(pilot, app) -> MockRunScreen:
    await wait_for(pilot, lambda: isinstance(app.screen, MockRunScreen), "the mock")
    run_screen = app.screen
    await pilot.pause()
    await run_screen.show_item(KATA)
    await pilot.pause()
    return run_screen


async def submit_and_finish(pilot, app) -> dict:
    await pilot.press("ctrl+f")
    await pilot.pause()
    await pilot.press("y")
    await wait_for(pilot, lambda: isinstance(app.screen, (MockSelfGradeScreen,
                                                          MockReportScreen)), "self-grading")
    if isinstance(app.screen, MockSelfGradeScreen):
        await pilot.pause()
        await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: isinstance(app.screen, MockReportScreen), "the report")
    return app.screen.report


# -- 1. the learner's file -----------------------------------------------------------------------

def test_a_file_written_from_outside_is_kept_and_graded_on_submit(content):
    grader = FakeGrader()
    app = make_mock_app(PLAN, db_path=content / "progress.db", lang="en", clock=FakeClock(),
                        grade_runner=grader, watch_interval=30)  # no poll: submit must check

    async def scenario():
        async with app.run_test(size=(130, 44)) as pilot:
            run_screen = await open_kata(pilot, app)
            path = run_screen.kata_files["double"]
            assert "return x * 2" not in path.read_text(encoding="utf-8")   # the starter
            write_outside(path, SOLVED)
            report = await submit_and_finish(pilot, app)
            return path, report

    path, report = asyncio.run(scenario())
    assert path.read_text(encoding="utf-8") == SOLVED          # not overwritten by the starter
    assert grader.graded == [("double", SOLVED)]                # what was graded is the file
    kata = next(i for i in report["items"] if i["kind"] == "kata")
    assert kata["verdict"]["status"] == "pass" and kata["code"] == SOLVED


def test_a_file_changed_on_disk_reloads_an_unedited_editor(content):
    grader = FakeGrader()
    app = make_mock_app(PLAN, db_path=content / "progress.db", lang="en", clock=FakeClock(),
                        grade_runner=grader, watch_interval=0.05)

    async def scenario():
        async with app.run_test(size=(130, 44)) as pilot:
            run_screen = await open_kata(pilot, app)
            path = run_screen.kata_files["double"]
            write_outside(path, SOLVED)
            editor = run_screen.query_one("#mock-answer")
            await wait_for(pilot, lambda: editor.text == SOLVED, "the reload")
            # moving on and back keeps the file as it is
            await pilot.press("ctrl+b")
            await pilot.pause()
            await run_screen.show_item(KATA)
            await pilot.pause()
            assert run_screen.query_one("#mock-answer").text == SOLVED
            await submit_and_finish(pilot, app)
            return path

    path = asyncio.run(scenario())
    assert path.read_text(encoding="utf-8") == SOLVED
    assert grader.graded == [("double", SOLVED)]


def test_edits_on_both_sides_keep_both_and_say_so(content):
    grader = FakeGrader()
    app = make_mock_app(PLAN, db_path=content / "progress.db", lang="en", clock=FakeClock(),
                        grade_runner=grader, watch_interval=0.05)
    notes: list[str] = []

    async def scenario():
        async with app.run_test(size=(130, 44)) as pilot:
            run_screen = await open_kata(pilot, app)
            original = run_screen.notify
            run_screen.notify = lambda message, **kw: (notes.append(str(message)),
                                                       original(message, **kw))
            path = run_screen.kata_files["double"]
            editor = run_screen.query_one("#mock-answer")
            editor.text = EDITED
            await pilot.pause()
            write_outside(path, SOLVED)
            await wait_for(pilot, lambda: run_screen.kata_conflicts, "the conflict")
            assert editor.text == EDITED                       # the edits are kept
            assert path.read_text(encoding="utf-8") == SOLVED  # and so is the file
            assert any("changed on disk" in n for n in notes)
            await submit_and_finish(pilot, app)
            return path

    path = asyncio.run(scenario())
    assert path.read_text(encoding="utf-8") == SOLVED          # never silently overwritten
    assert grader.graded == [("double", SOLVED)]
    copies = list(path.parent.glob("double.editor*.py"))
    assert [c.read_text(encoding="utf-8") for c in copies] == [EDITED]


def test_ctrl_s_in_a_conflict_keeps_the_editors_text(content):
    grader = FakeGrader()
    app = make_mock_app(PLAN, db_path=content / "progress.db", lang="en", clock=FakeClock(),
                        grade_runner=grader, watch_interval=0.05)

    async def scenario():
        async with app.run_test(size=(130, 44)) as pilot:
            run_screen = await open_kata(pilot, app)
            path = run_screen.kata_files["double"]
            run_screen.query_one("#mock-answer").text = EDITED
            await pilot.pause()
            write_outside(path, SOLVED)
            await wait_for(pilot, lambda: run_screen.kata_conflicts, "the conflict")
            await pilot.press("ctrl+s")                        # the learner's choice
            await pilot.pause()
            assert path.read_text(encoding="utf-8") == EDITED
            await submit_and_finish(pilot, app)
            return path

    path = asyncio.run(scenario())
    assert grader.graded == [("double", EDITED)]
