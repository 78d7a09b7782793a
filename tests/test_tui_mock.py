"""The mock interview in the app (Pilot): a short mock whose time is forced to run out, with its
stored report, and the countdown's colours."""

from __future__ import annotations

import asyncio

import pytest

from mock_support import FakeClock, copy_katas, mock_app, question, use_content, write_bank
from quizapp.cli import main
from quizapp.mock import Plan, PlanItem
from quizapp.store import Store

pytest.importorskip("textual")

from quizapp.tui.screens.mock import (  # noqa: E402
    MockReportScreen, MockRunScreen, MockScreen, MockSelfGradeScreen,
)

SOLVED = "def double(x):\n    return x * 2\n"


@pytest.fixture
def content(tmp_path, content_env):
    banks = tmp_path / "questions"
    write_bank(banks, "tensors", [question("t-mcq", "mcq", ["tensors"]),
                                  question("t-short", "short", ["tensors"]),
                                  question("t-cloze", "cloze", ["tensors"]),
                                  question("t-output", "output", ["tensors"])])
    use_content(content_env, banks, copy_katas(tmp_path / "katas", {"double": 1}))
    return tmp_path


PLAN = Plan(15, 123, (
    PlanItem("question", "t-mcq", 1.0, ("tensors",), "mcq"),
    PlanItem("question", "t-short", 3.0, ("tensors",), "short"),
    PlanItem("question", "t-cloze", 1.0, ("tensors",), "cloze"),
    PlanItem("kata", "double", 1.0, ("tensors",), "kata"),
))


async def wait_for(pilot, condition, what: str, limit: float = 180.0) -> None:
    """Let the app run until ``condition()`` holds (grading starts a Python with torch)."""
    waited = 0.0
    while not condition():
        await pilot.pause(0.05)
        waited += 0.05
        if waited > limit:
            raise AssertionError(f"gave up waiting for {what}")


def test_short_mock_with_time_running_out(content, capsys):
    db = content / "progress.db"
    clock = FakeClock()
    app = mock_app(PLAN, db_path=db, lang="en", clock=clock)

    async def scenario():
        async with app.run_test(size=(130, 44)) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, MockRunScreen), "the mock")
            run_screen = app.screen
            await pilot.pause()
            assert run_screen.session_id is not None
            countdown = run_screen.query_one("#mock-countdown")
            assert "15:00 left" in str(countdown.render())
            assert countdown.has_class("-normal")

            # 1. mcq: press 2 (B, the right choice); no right/wrong is shown
            clock.t += 40
            await pilot.press("2")
            await pilot.pause()
            assert run_screen.run.answers[0] == 1
            assert "Your pick: 2." in str(run_screen.query_one("#mock-picked").render())
            shown = " ".join(str(w.render()) for w in run_screen.query("#mock-item Static"))
            assert "Why t-mcq" not in shown                       # no explanation
            assert run_screen.query_one("#mock-answer").result is None   # no right/wrong marks

            # 2. skip ahead to the cloze (item 3) and leave it blank, then come back to 2
            await pilot.press("ctrl+n", "ctrl+n")
            await pilot.pause()
            assert run_screen.run.current == 2
            clock.t += 10
            await pilot.press("ctrl+b")
            await pilot.pause()
            assert run_screen.run.current == 1
            await pilot.press(*"view never copies")
            clock.t += 120
            await pilot.pause()
            assert run_screen.run.answers[1] == "view never copies"

            # 3. the kata: edit it in place (solved), leave it to the clock
            await pilot.press("ctrl+n", "ctrl+n")
            await pilot.pause()
            editor = run_screen.query_one("#mock-answer")
            editor.text = SOLVED
            await pilot.pause()
            assert run_screen.run.status(2) == "skipped"

            # amber with 5 minutes left, red with 1
            clock.t = run_screen.run.deadline - 200
            run_screen.tick()
            assert countdown.has_class("-warning") and not countdown.has_class("-normal")
            clock.t = run_screen.run.deadline - 30
            run_screen.tick()
            assert countdown.has_class("-danger")
            assert "00:30 left" in str(countdown.render())

            # zero: everything is submitted as it stands
            clock.t = run_screen.run.deadline + 1
            run_screen.tick()
            await wait_for(pilot, lambda: isinstance(app.screen, MockSelfGradeScreen),
                           "self-grading")
            grade_screen = app.screen
            assert grade_screen.ran_out
            assert grade_screen.shorts == [1]          # only the answered short question
            # pre-ticked by keywords: "view" is there, "reshape" and "stride" are not
            await pilot.pause()
            kp = grade_screen.query_one("#mock-kp-0")
            assert kp.ticks == [True, False, False]
            await pilot.press("3")                     # tick "strides must fit" too
            await pilot.press("enter")                 # confirm (last list)
            await wait_for(pilot, lambda: isinstance(app.screen, MockReportScreen), "the report")
            report_screen = app.screen
            await pilot.pause()
            assert "Saved as mock interview #" in str(report_screen.query_one("#mock-saved")
                                                      .render())
            return report_screen.report

    report = asyncio.run(scenario())

    # the stored session and report
    with Store.open(db) as store:
        sessions = store.mock_sessions(items=True)
        assert len(sessions) == 1
        session = sessions[0]
        assert session.finished_at is not None and session.report["id"] == session.id
        assert session.report == report
        assert report["time_ran_out"] is True
        items = {i.item_id: i for i in session.items}
        assert items["t-mcq"].correct is True
        assert items["t-cloze"].answer is None and items["t-cloze"].score == 0
        assert items["t-short"].verdict["ticks"] == [True, False, True]
        assert items["t-short"].score == pytest.approx(2 / 3)
        assert items["double"].verdict["status"] == "pass", items["double"].verdict
        assert items["double"].answer["code"] == SOLVED
        # time per item, on the mock's clock: 40 s on the mcq, 120 s on the short answer
        assert items["t-mcq"].time_used_s == pytest.approx(40)
        assert items["t-short"].time_used_s == pytest.approx(120)
        assert sum(i.time_used_s for i in session.items) == pytest.approx(15 * 60)
        # nothing failed and nothing was due: the schedule is untouched
        assert store.reviews() == []
        attempts = store.kata_attempts()
        assert [(a.kata_id, a.status, a.source) for a in attempts] == [("double", "pass", "mock")]
        assert attempts[0].code == SOLVED
    # and the report prints from the command line
    assert main(["mock", "report", "--format", "md", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"# Mock interview #{session.id}")
    assert "The time ran out" in out
    assert "**PASS**" in out and "- [x] strides must fit" in out
    assert "| Concepts |" in out and "| Katas | 100% |" in out


def test_mock_screen_starts_a_plan_from_the_setup(content):
    db = content / "progress.db"
    from quizapp.tui.app import QuizApp

    app = QuizApp(db_path=db, lang="en")

    async def scenario():
        async with app.run_test(size=(130, 44)) as pilot:
            await wait_for(pilot, lambda: app.ready, "the content")
            app.open_section("mock")
            await wait_for(pilot, lambda: isinstance(app.screen, MockScreen), "the set-up")
            await pilot.pause()
            app.screen.query_one("#mock-seed").value = "7"
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: isinstance(app.screen, MockRunScreen), "the mock")
            run_screen = app.screen
            assert run_screen.plan.seed == 7 and run_screen.plan.minutes == 30
            assert any(i.kind == "kata" for i in run_screen.plan.items)
            # early submit asks first; n goes on
            await pilot.press("ctrl+f")
            await pilot.pause()
            assert run_screen.confirming
            await pilot.press("n")
            await pilot.pause()
            assert not run_screen.confirming and not run_screen.submitted

    asyncio.run(scenario())


def two_line_output_question() -> dict:
    q = question("t-two-lines", "output", ["tensors"])
    q["code"] = "print(1)\nprint(2)\n"
    q["answer"] = "1\n2\n"
    return q


def test_an_output_answer_of_two_lines_is_kept_with_the_submit_key(tmp_path, content_env):
    """In the mock as in the quiz: enter starts a new line in the answer box, the submit key
    (named under the box) hands the answer in, stored at once; it is scored at the end."""
    from quizapp.tui.widgets.answers import SUBMIT_KEY

    banks = tmp_path / "questions"
    write_bank(banks, "tensors", [two_line_output_question(), question("t-mcq", "mcq",
                                                                       ["tensors"])])
    use_content(content_env, banks, copy_katas(tmp_path / "katas", {"double": 1}))
    plan = Plan(15, 1, (PlanItem("question", "t-two-lines", 1.5, ("tensors",), "output"),
                        PlanItem("question", "t-mcq", 1.0, ("tensors",), "mcq")))
    app = mock_app(plan, db_path=tmp_path / "progress.db", clock=FakeClock())

    async def scenario():
        async with app.run_test(size=(130, 44)) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, MockRunScreen), "the mock")
            run_screen = app.screen
            await pilot.pause()
            box = run_screen.query_one("#mock-answer")
            assert box.has_focus
            assert run_screen.active_bindings[SUBMIT_KEY].binding.description == "Submit"
            assert f"{SUBMIT_KEY} submits" in str(run_screen.query_one("#mock-box-hint")
                                                  .render())
            await pilot.press("1", "enter")
            await pilot.pause()
            assert box.text == "1\n" and run_screen.run.current == 0   # a new line, no more
            assert not run_screen.submitted
            await pilot.press("2", SUBMIT_KEY)
            await pilot.pause()
            assert run_screen.run.answers[0] == "1\n2"
            stored = {i.position: i.answer for i in
                      app.store.mock_session(run_screen.session_id).items}
            assert stored[0] == "1\n2"                   # stored when it was handed in
            await pilot.press("ctrl+f", "y")
            await wait_for(pilot, lambda: isinstance(app.screen, MockReportScreen), "the report")
            return app.screen.report

    report = asyncio.run(scenario())
    item = next(i for i in report["items"] if i["id"] == "t-two-lines")
    assert item["answer"] == "1\n2" and item["correct"] is True


def test_the_mock_keys_have_distinct_korean_names():
    """Every key of the running mock has its own Korean name: Finish (ctrl+f, asks to hand
    everything in), Submit all (y, confirms) and Submit (ctrl+s, one answer) read differently."""
    from quizapp.texts import KEY_TEXTS, tr_key

    descriptions = [b.description for b in MockRunScreen.BINDINGS]
    assert all(d in KEY_TEXTS for d in descriptions), descriptions   # each has its Korean
    names = [tr_key(d, "ko") for d in descriptions]
    assert len(set(names)) == len(names), names
    assert tr_key("Finish", "ko") != tr_key("Submit", "ko")
