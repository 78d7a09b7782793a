"""Snapshots of the main screens in Korean and English, at 80x24 and at 120x40
(pytest-textual-snapshot).

The data is fixed (the small test banks, the ``double`` kata, seeded progress, a pinned clock
and UTC, a grade runner that answers at once), so the pictures only change when the screens do.
After a deliberate change, look at the new pictures and accept them with
``pytest tests/test_tui_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

import pytest
from mock_support import FakeClock
from test_tui_kata import fake_runner
from tui_support import make_app, seed_progress, settle

from quizapp.mock import Plan, PlanItem

LANGS = ["ko", "en"]
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}

#: A mock over the test banks: a choice, an output question, a cloze and the double kata.
MOCK_PLAN = Plan(15, 7, (
    PlanItem("question", "tui-mcq-view", 1.0, ("tensors",), "mcq"),
    PlanItem("question", "tui-output-sum", 1.5, ("tensors",), "output"),
    PlanItem("question", "tui-cloze-unsqueeze", 1.0, ("tensors",), "cloze"),
    PlanItem("kata", "double", 5.0, ("tensors",), "kata"),
))

screens = pytest.mark.parametrize("lang", LANGS)
sizes = pytest.mark.parametrize("size", list(SIZES), ids=list(SIZES))


@pytest.fixture
def seeded(tui_env):
    seed_progress(tui_env.db)
    return tui_env


def _still(app) -> None:
    """No blinking cursor in a picture: nothing that blinks keeps the focus."""
    for widget in app.screen.query("TextArea, Input"):
        widget.cursor_blink = False
    app.screen.set_focus(None)


def _mock_app(lang: str):
    from quizapp.tui.start import StartWith

    return make_app(lang=lang, clock=FakeClock(), start=StartWith(mock_plan=MOCK_PLAN),
                    grade_runner=fake_runner("fail", []))


@sizes
@screens
def test_home(snap_compare, seeded, lang, size):
    async def run_before(pilot):
        await settle(pilot)

    assert snap_compare(make_app(lang=lang), terminal_size=SIZES[size], run_before=run_before)


@sizes
@screens
def test_quiz_question_with_code(snap_compare, seeded, lang, size):
    async def run_before(pilot):
        await settle(pilot)
        app = pilot.app
        app.start_quiz([app.data.banks.by_id["tui-mcq-view"], app.data.banks.by_id["tui-output-sum"]])
        await settle(pilot)

    assert snap_compare(make_app(lang=lang), terminal_size=SIZES[size], run_before=run_before)


@sizes
@screens
def test_quiz_feedback(snap_compare, seeded, lang, size):
    async def run_before(pilot):
        await settle(pilot)
        app = pilot.app
        app.start_quiz([app.data.banks.by_id["tui-truefalse-contiguous"]])
        await settle(pilot)
        await pilot.press("f")                      # wrong on purpose
        await settle(pilot)

    assert snap_compare(make_app(lang=lang), terminal_size=SIZES[size], run_before=run_before)


@sizes
@screens
def test_kata_workbench(snap_compare, seeded, lang, size):
    async def run_before(pilot):
        await settle(pilot)
        pilot.app.open_kata("double")
        await settle(pilot)
        _still(pilot.app)
        await pilot.press("f2")                     # one hint shown
        await settle(pilot)

    assert snap_compare(make_app(lang=lang), terminal_size=SIZES[size], run_before=run_before)


@sizes
@screens
def test_stats(snap_compare, seeded, lang, size):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)

    assert snap_compare(make_app(lang=lang), terminal_size=SIZES[size], run_before=run_before)


@sizes
@screens
def test_mock_run(snap_compare, tui_env, lang, size):
    async def run_before(pilot):
        await settle(pilot, rounds=4)
        await pilot.press("2")                      # a pick on the first item
        await settle(pilot)
        _still(pilot.app)

    assert snap_compare(_mock_app(lang), terminal_size=SIZES[size], run_before=run_before)


@sizes
@screens
def test_mock_report(snap_compare, tui_env, lang, size):
    async def run_before(pilot):
        from quizapp.tui.screens.mock import MockReportScreen

        await settle(pilot, rounds=4)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("ctrl+f")
        await settle(pilot)
        await pilot.press("y")                      # submit everything as it stands
        for _ in range(200):
            if isinstance(pilot.app.screen, MockReportScreen):
                break
            await pilot.pause(0.05)
        await settle(pilot)
        _still(pilot.app)

    assert snap_compare(_mock_app(lang), terminal_size=SIZES[size], run_before=run_before)
