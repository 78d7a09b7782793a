"""Fitting the schedule from the app: the home screen offers it, the stats screen runs it."""

from __future__ import annotations

import asyncio

from tui_support import running_app, seed_progress, settle, text_of, wait_until

from quizapp import fsrs_fit
from quizapp.texts import tr


def test_home_offers_a_fit_when_enough_new_reviews_are_in(tui_env, monkeypatch):
    offer = fsrs_fit.FitOffer(True, "first", 600, None, 512)
    monkeypatch.setattr(fsrs_fit, "fit_offer_for", lambda store: offer)

    async def run():
        async with running_app(lang="en") as pilot:
            await pilot.app.workers.wait_for_complete()   # the offer is found by a worker
            await settle(pilot)
            return text_of(pilot.app.screen.query_one("#home-notice"))

    assert tr("home.fit_offer", "en") in asyncio.run(run())


def test_home_does_not_offer_a_fit_on_a_short_log(tui_env):
    seed_progress(tui_env.db)

    async def run():
        async with running_app(lang="en") as pilot:
            await pilot.app.workers.wait_for_complete()   # the offer is found by a worker
            await settle(pilot)
            return text_of(pilot.app.screen.query_one("#home-notice"))

    assert tr("home.fit_offer", "en") not in asyncio.run(run())


def test_o_on_the_stats_screen_fits_and_says_why_the_defaults_stay(tui_env):
    seed_progress(tui_env.db)

    async def run():
        async with running_app(lang="en") as pilot:
            await pilot.press("s")
            await settle(pilot)
            await pilot.press("o")
            await wait_until(pilot, lambda: any("512" in n.message
                                                for n in pilot.app._notifications), timeout=60)
            return text_of(pilot.app.screen.query_one("#stats-schedule"))

    schedule = asyncio.run(run())
    assert "The schedule (FSRS)" in schedule and "Desired retention 0.90" in schedule
