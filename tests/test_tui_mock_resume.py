"""The mock interview keeps the learner's work: a kata file written from another terminal is
never overwritten by the editor's unchanged buffer (and is what gets graded), and every answer
is stored as it is given, so that a mock the app dropped can be resumed or closed."""

from __future__ import annotations

import asyncio
import os
import time
from types import SimpleNamespace

import pytest

from mock_support import FakeClock, copy_katas, mock_app, question, use_content, write_bank
from quizapp.mock import Plan, PlanItem
from quizapp.store import Store

pytest.importorskip("textual")

from quizapp.tui.screens.mock import (  # noqa: E402
    MockReportScreen, MockRunScreen, MockSelfGradeScreen,
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


class FakeGrader:
    """Records what it was asked to grade; passes code that doubles."""

    def __init__(self) -> None:
        self.graded: list[tuple[str, str]] = []

    def __call__(self, kata_id: str, code: str, **_):
        self.graded.append((kata_id, code))
        passed = "x * 2" in code or "x + x" in code
        return SimpleNamespace(report={
            "version": 3, "kata": kata_id, "status": "pass" if passed else "fail",
            "device": "cpu", "duration_s": 0.01,
            "tests": [{"name": "doubles", "status": "pass" if passed else "fail"}]})


@pytest.fixture
def content(tmp_path, content_env):
    banks = tmp_path / "questions"
    write_bank(banks, "tensors", [question("t-mcq", "mcq", ["tensors"]),
                                  question("t-short", "short", ["tensors"]),
                                  question("t-cloze", "cloze", ["tensors"])])
    use_content(content_env, banks, copy_katas(tmp_path / "katas", {"double": 1}))
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
    app = mock_app(PLAN, db_path=content / "progress.db", lang="en", clock=FakeClock(),
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
    app = mock_app(PLAN, db_path=content / "progress.db", lang="en", clock=FakeClock(),
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
    app = mock_app(PLAN, db_path=content / "progress.db", lang="en", clock=FakeClock(),
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
    app = mock_app(PLAN, db_path=content / "progress.db", lang="en", clock=FakeClock(),
                   grade_runner=grader, watch_interval=0.05)

    async def scenario():
        async with app.run_test(size=(130, 44)) as pilot:
            run_screen = await open_kata(pilot, app)
            assert run_screen.active_bindings["ctrl+s"].binding.description == "Save"
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
    assert path.read_text(encoding="utf-8") == EDITED          # what was chosen stays


# -- 2. answers stored as they are given: resume or close a dropped mock -----------------------

def test_a_dropped_mock_can_be_resumed_and_then_closed_with_a_report(content):
    db = content / "progress.db"
    grader = FakeGrader()
    clock = FakeClock()
    first = mock_app(PLAN, db_path=db, lang="en", clock=clock, grade_runner=grader,
                     watch_interval=30)

    async def answer_and_drop():
        async with first.run_test(size=(130, 44)) as pilot:
            await wait_for(pilot, lambda: isinstance(first.screen, MockRunScreen), "the mock")
            run_screen = first.screen
            await pilot.pause()
            clock.t += 30
            await pilot.press("2")                          # mcq: B
            await pilot.press("ctrl+n")
            await pilot.pause()
            await pilot.press(*"view never copies")        # short
            clock.t += 60
            await pilot.press("ctrl+n")
            await pilot.pause()
            await pilot.press(*"unsqueeze")                # cloze
            await pilot.press("ctrl+n")                    # the kata: solved from outside
            await pilot.pause()
            path = run_screen.kata_files["double"]
            write_outside(path, SOLVED)
            await pilot.press("ctrl+s")
            await pilot.pause()
            return run_screen.session_id, path
        # leaving the block drops the app: the finish path never runs

    sid, path = asyncio.run(answer_and_drop())
    with Store.open(db) as store:
        (session,) = store.unfinished_mock_sessions()
        assert session.id == sid and session.finished_at is None
        kept = {i.position: i for i in session.items}
        assert kept[0].answer == 1 and kept[0].time_used_s == pytest.approx(30)
        assert kept[1].answer == "view never copies" and kept[1].time_used_s == pytest.approx(60)
        assert kept[2].answer == "unsqueeze"
        assert kept[3].answer["code"] == SOLVED
    assert grader.graded == []

    from quizapp.tui.app import QuizApp
    from quizapp.tui.screens.home import HomeScreen

    # a new app offers to resume: r brings the answers back
    second = QuizApp(db_path=db, lang="en", grade_runner=grader, watch_interval=30, clock=clock)

    async def resume():
        async with second.run_test(size=(130, 44)) as pilot:
            await wait_for(pilot, lambda: second.ready and isinstance(second.screen, HomeScreen)
                           and second.screen.unfinished is not None, "the offer")
            home = second.screen
            notice = str(home.query_one("#home-notice").render())
            assert f"Mock interview #{sid}" in notice and "3 of 4 answered" not in notice
            assert "4 of 4 answered" in notice and "r resumes" in notice
            await pilot.press("r")
            await wait_for(pilot, lambda: isinstance(second.screen, MockRunScreen), "the mock")
            run_screen = second.screen
            await pilot.pause()
            assert run_screen.session_id == sid
            assert run_screen.run.answers[0] == 1
            assert run_screen.run.answers[1] == "view never copies"
            assert run_screen.run.answers[2] == "unsqueeze"
            assert 3 in run_screen.run.answers
            assert run_screen.run.used[0] == pytest.approx(30, abs=1)
            assert run_screen.run.remaining() == pytest.approx(15 * 60 - 90, abs=2)
            await run_screen.show_item(1)
            await pilot.pause()
            assert run_screen.query_one("#mock-answer").text == "view never copies"
            await run_screen.show_item(KATA)
            await pilot.pause()
            assert run_screen.query_one("#mock-answer").text == SOLVED
        # dropped again

    asyncio.run(resume())
    assert path.read_text(encoding="utf-8") == SOLVED

    # x closes it: self-grade, grade the answered kata, and the report counts the answers
    third = QuizApp(db_path=db, lang="ko", grade_runner=grader, watch_interval=30, clock=clock)

    async def close():
        async with third.run_test(size=(130, 44)) as pilot:
            await wait_for(pilot, lambda: third.ready and isinstance(third.screen, HomeScreen)
                           and third.screen.unfinished is not None, "the offer")
            notice = str(third.screen.query_one("#home-notice").render())
            assert "끝내지 않은 모의 면접" in notice
            await pilot.press("x")
            await wait_for(pilot, lambda: isinstance(third.screen, MockSelfGradeScreen),
                           "self-grading")
            await pilot.pause()
            assert third.screen.shorts == [1]
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: isinstance(third.screen, MockReportScreen), "the report")
            report = third.screen.report
            third.screen.action_back()
            await wait_for(pilot, lambda: isinstance(third.screen, HomeScreen) or
                           third.current_mode == "mock", "going back")
            return report

    report = asyncio.run(close())
    assert grader.graded == [("double", SOLVED)]
    assert report["id"] == sid
    assert report["scores"]["answered"] == 4
    items = {i["id"]: i for i in report["items"]}
    assert items["t-mcq"]["correct"] is True
    assert items["t-cloze"]["correct"] is True
    assert items["double"]["verdict"]["status"] == "pass"
    with Store.open(db) as store:
        assert store.unfinished_mock_sessions() == []
        session = store.mock_session(sid)
        assert session.finished_at is not None and session.report["id"] == sid
        assert sorted(i.position for i in session.items) == [0, 1, 2, 3]   # no leftovers


def test_closing_counts_unanswered_items_as_blank(content):
    db = content / "progress.db"
    grader = FakeGrader()
    with Store.open(db) as store:
        sid = store.start_mock_session(PLAN.minutes, PLAN.seed, PLAN.to_json())
        store.save_mock_answer(sid, 0, "question", "t-mcq", answer=0, time_used_s=12.0)
        store.save_mock_answer(sid, 2, "question", "t-cloze", answer=None, time_used_s=5.0)

    from quizapp.tui.app import QuizApp
    from quizapp.tui.screens.home import HomeScreen

    app = QuizApp(db_path=db, lang="en", grade_runner=grader)

    async def close():
        async with app.run_test(size=(130, 44)) as pilot:
            await wait_for(pilot, lambda: app.ready and isinstance(app.screen, HomeScreen)
                           and app.screen.unfinished is not None, "the offer")
            await pilot.press("x")
            await wait_for(pilot, lambda: isinstance(app.screen, MockReportScreen), "the report")
            return app.screen.report

    report = asyncio.run(close())
    assert grader.graded == []                      # the kata was never answered: not graded
    assert report["scores"]["answered"] == 1 and report["scores"]["items"] == 4
    items = {i["id"]: i for i in report["items"]}
    assert items["t-mcq"]["answered"] and items["t-mcq"]["correct"] is False
    assert not items["t-short"]["answered"] and not items["double"]["answered"]
    assert items["t-mcq"]["time_used_s"] == pytest.approx(12)
