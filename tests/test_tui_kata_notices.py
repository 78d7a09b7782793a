"""The workbench's notices: F3 before a pass says when the solution opens; after a pass the
solution is not covered by the pass toast."""

from __future__ import annotations

import asyncio

from test_tui_kata import CORRECT, fake_runner, open_double, replace_editor_text
from tui_support import running_app, wait_until

from quizapp.texts import tr


def test_f3_before_a_pass_says_the_solution_opens_after_one(tui_env):
    async def run():
        async with running_app(grade_runner=fake_runner("fail", [])) as pilot:
            screen = await open_double(pilot)
            await pilot.press("f3")
            await pilot.pause()
            messages = [n.message for n in pilot.app._notifications]
            assert tr("kata.solution_locked", "en") in messages
            assert type(pilot.app.screen).__name__ == "KataScreen"
            assert screen.info.id == "double"

    asyncio.run(run())


def test_the_solution_opens_after_a_pass_without_the_toast_over_it(tui_env):
    async def run():
        async with running_app(grade_runner=fake_runner("pass", [])) as pilot:
            screen = await open_double(pilot)
            await replace_editor_text(pilot, screen, CORRECT)
            await pilot.press("ctrl+r")
            await wait_until(pilot, lambda: not screen.grading and screen.bench.grades == 1)
            assert any(n.message == tr("kata.passed_note", "en")
                       for n in pilot.app._notifications)
            await pilot.press("f3")
            await pilot.pause()
            assert type(pilot.app.screen).__name__ == "SolutionScreen"
            assert not list(pilot.app._notifications)

    asyncio.run(run())
