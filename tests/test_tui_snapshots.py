"""Snapshots of the main screens in Korean and English (pytest-textual-snapshot).

The data is fixed (the small test banks, the ``double`` kata, seeded progress, a pinned clock
and UTC), so the pictures only change when the screens do. After a deliberate change, look at
the new pictures and accept them with ``pytest tests/test_tui_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

import pytest
from tui_support import SIZE, make_app, seed_progress, settle

LANGS = ["ko", "en"]


@pytest.fixture
def seeded(tui_env):
    seed_progress(tui_env.db)
    return tui_env


def _still(app) -> None:
    """No blinking cursor in a picture: nothing that blinks keeps the focus."""
    for widget in app.screen.query("TextArea, Input"):
        widget.cursor_blink = False
    app.screen.set_focus(None)


@pytest.mark.parametrize("lang", LANGS)
def test_home(snap_compare, seeded, lang):
    async def run_before(pilot):
        await settle(pilot)

    assert snap_compare(make_app(lang=lang), terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("lang", LANGS)
def test_quiz_question_with_code(snap_compare, seeded, lang):
    async def run_before(pilot):
        await settle(pilot)
        app = pilot.app
        app.start_quiz([app.data.banks.by_id["tui-mcq-view"], app.data.banks.by_id["tui-output-sum"]])
        await settle(pilot)

    assert snap_compare(make_app(lang=lang), terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("lang", LANGS)
def test_quiz_feedback(snap_compare, seeded, lang):
    async def run_before(pilot):
        await settle(pilot)
        app = pilot.app
        app.start_quiz([app.data.banks.by_id["tui-truefalse-contiguous"]])
        await settle(pilot)
        await pilot.press("f")                      # wrong on purpose
        await settle(pilot)

    assert snap_compare(make_app(lang=lang), terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("lang", LANGS)
def test_kata_workbench(snap_compare, seeded, lang):
    async def run_before(pilot):
        await settle(pilot)
        pilot.app.open_kata("double")
        await settle(pilot)
        _still(pilot.app)
        await pilot.press("f2")                     # one hint shown
        await settle(pilot)

    assert snap_compare(make_app(lang=lang), terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("lang", LANGS)
def test_stats(snap_compare, seeded, lang):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)

    assert snap_compare(make_app(lang=lang), terminal_size=SIZE, run_before=run_before)
