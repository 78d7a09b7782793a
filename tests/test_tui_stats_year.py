"""The stats screen's year at a glance: the last 365 days of practice, in the app's language."""

from __future__ import annotations

import asyncio

from test_tui_app import seed_progress
from tui_support import running_app, settle, text_of


def _year_text(tui_env, lang: str) -> str:
    seed_progress(tui_env.db)

    async def run():
        async with running_app(lang=lang) as pilot:
            await pilot.press("s")
            await settle(pilot)
            return text_of(pilot.app.screen.query_one("#stats-year"))

    return asyncio.run(run())


def test_the_year_counts_every_review_and_attempt(tui_env):
    text = _year_text(tui_env, "en")
    assert "Mon" in text and "Fri" in text
    assert "7 active days" in text and "8 reviews" in text and "2 kata attempts" in text


def test_the_year_in_korean(tui_env):
    text = _year_text(tui_env, "ko")
    assert "월" in text and "복습 8회" in text
