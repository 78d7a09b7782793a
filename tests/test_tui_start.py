"""The app opens with what it is given (``QuizApp(start=StartWith(...))``): a kata's workbench
or a mock plan, once the content is read; a bad request is refused before the app starts."""

from __future__ import annotations

import asyncio

import pytest
from tui_support import make_app, settle, wait_until

from quizapp.mock import Plan, PlanItem
from quizapp.tui.start import StartWith


def test_start_with_names_one_thing_to_open():
    plan = Plan(15, 1, (PlanItem("question", "q", 1.0),))
    assert StartWith(mock_plan=plan).section == "mock"
    assert StartWith(kata_id="double").section == "home"
    with pytest.raises(ValueError, match="not both"):
        StartWith(mock_plan=plan, kata_id="double")
    with pytest.raises(ValueError, match="nothing to open"):
        StartWith()
    with pytest.raises(ValueError, match="at least one item"):
        StartWith(mock_plan=Plan(15, 1, ()))
    with pytest.raises(ValueError, match="kata id"):
        StartWith(kata_id="  ")


def test_the_app_opens_on_a_kata_it_was_started_with(tui_env):
    async def run():
        app = make_app(lang="en", start=StartWith(kata_id="double"))
        async with app.run_test() as pilot:
            await wait_until(pilot, lambda: type(app.screen).__name__ == "KataScreen", 60)
            assert app.screen.info.id == "double"
            await pilot.press("escape")                  # the workbench sits on home
            await settle(pilot)
            assert type(app.screen).__name__ == "HomeScreen"

    asyncio.run(run())


def test_an_unknown_kata_to_start_with_leaves_the_app_on_home_with_a_message(tui_env):
    async def run():
        app = make_app(lang="en", start=StartWith(kata_id="no-such-kata"))
        notes: list[str] = []
        app.notify = lambda message, **kwargs: notes.append(str(message))
        async with app.run_test() as pilot:
            await wait_until(pilot, lambda: app.ready, 60)
            await settle(pilot)
            assert type(app.screen).__name__ == "HomeScreen"
            assert any("no-such-kata" in note for note in notes), notes

    asyncio.run(run())


def test_the_app_opens_a_mock_plan_once_and_the_set_up_stays_below_it(tui_env):
    plan = Plan(15, 3, (PlanItem("question", "tui-mcq-view", 1.0, ("tensors",), "mcq"),))

    async def run():
        app = make_app(lang="en", start=StartWith(mock_plan=plan))
        async with app.run_test() as pilot:
            await wait_until(pilot, lambda: type(app.screen).__name__ == "MockRunScreen", 60)
            assert app.current_mode == "mock" and app.screen.plan == plan
            assert [type(s).__name__ for s in app.screen_stack] == ["MockScreen",
                                                                    "MockRunScreen"]
            app.data_version += 1                         # more data later opens nothing more
            await settle(pilot)
            assert len(app.screen_stack) == 2

    asyncio.run(run())
