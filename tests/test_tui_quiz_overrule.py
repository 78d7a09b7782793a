"""The quiz's "I was right": an automatic wrong overruled from the verdict, recorded as such."""

from __future__ import annotations

import asyncio

from tui_support import running_app, settle, text_of, type_text

from quizapp.store import Store


def test_i_was_right_turns_a_wrong_output_into_a_right_one(tui_env):
    async def run():
        async with running_app(lang="en") as pilot:
            app = pilot.app
            app.start_quiz([app.data.banks.by_id["tui-output-sum"]])
            await settle(pilot)
            screen = app.screen
            await type_text(pilot, "not what it prints")
            await pilot.press("ctrl+s")
            await settle(pilot)
            feedback = text_of(screen.query_one("#feedback-text"))
            assert "Wrong" in feedback and "I was right" in feedback
            await pilot.press("i")
            await settle(pilot)
            feedback = text_of(screen.query_one("#feedback-text"))
            assert "Counted as right (you overruled the check)" in feedback
            assert screen.session.summary().passed == 1
            await pilot.press("i")                          # once only
            await settle(pilot)

    asyncio.run(run())
    with Store.open(tui_env.db) as store:
        log = store.reviews("tui-output-sum")
        assert [(r.correct, r.overrules) for r in log] == [(False, None), (True, log[0].id)]
