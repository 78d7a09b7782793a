"""The Pilot harness: start the app on the test content in a language, wait for its workers,
type, read what a widget shows; and fixed progress for stats and snapshots.

The content itself is the ``tui_env`` fixture of ``conftest.py`` (the small banks of
``fixtures/tui/questions`` and the fast ``double`` kata in a temp folder, UTC). A Pilot test::

    def test_help(tui_env):
        async def run():
            async with running_app(lang="en") as pilot:
                await pilot.press("question_mark")
                ...

        asyncio.run(run())
"""

from __future__ import annotations

import asyncio
import io
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
TUI_QUESTIONS = FIXTURES / "tui" / "questions"
DOUBLE_KATA = FIXTURES / "katas" / "double"
#: The app's clock in the tests (a Monday, noon UTC).
FIXED_NOW = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)
SIZE = (110, 36)


def make_app(**kwargs):
    """A QuizApp on the test database with the pinned clock (keyword arguments pass on:
    ``lang``, ``grade_runner``, ``watch_interval``, ...)."""
    from quizapp.tui.app import QuizApp

    kwargs.setdefault("db_path", os.environ["QUIZAPP_DB"])
    kwargs.setdefault("now", lambda: FIXED_NOW)
    return QuizApp(**kwargs)


@asynccontextmanager
async def running_app(app=None, *, size: tuple[int, int] = SIZE, settle_first: bool = True,
                      **app_kwargs) -> AsyncIterator:
    """Run ``app`` headless at ``size`` and give its Pilot once it has settled (the first
    screen is up and the banks are read). Without ``app``, :func:`make_app` builds one from
    ``app_kwargs`` (``lang="ko"``, ``grade_runner=...``); the app is ``pilot.app``."""
    app = app if app is not None else make_app(**app_kwargs)
    async with app.run_test(size=size) as pilot:
        if settle_first:
            await settle(pilot)
        yield pilot


async def settle(pilot, rounds: int = 2) -> None:
    """Let workers finish and the screen refresh."""
    for _ in range(rounds):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def wait_until(pilot, condition, timeout: float = 180.0, step: float = 0.1) -> None:
    """Pause until ``condition()`` holds (grades run in a child process: seconds, not a fixed
    number of frames). Fails the test after ``timeout`` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {condition}")
        await pilot.pause(step)


async def type_text(pilot, text: str) -> None:
    """Press the keys that type ``text`` (newlines as enter)."""
    keys = ["enter" if ch == "\n" else ("space" if ch == " " else ch) for ch in text]
    await pilot.press(*keys)


def text_of(widget) -> str:
    """The plain text a Static shows (rich renderables rendered 200 columns wide)."""
    from rich.console import Console

    content = widget.content
    if isinstance(content, str):
        return content
    plain = getattr(content, "plain", None)
    if plain is not None:
        return plain
    console = Console(width=200, record=True, file=io.StringIO(), color_system=None)
    console.print(content)
    return console.export_text()


def seed_progress(db: Path, questions_dir: Path = TUI_QUESTIONS) -> None:
    """Fixed progress for snapshots and stats: reviews over ten days, a passed and a failed
    kata attempt, and a finished mock interview."""
    from quizapp.banks import load_banks
    from quizapp.store import Store

    banks = load_banks(questions_dir, cache=False)
    with Store.open(db) as store:
        plan = [(9, "tui-mcq-view", True), (9, "tui-truefalse-contiguous", True),
                (7, "tui-cloze-unsqueeze", False), (4, "tui-multi-dtypes", True),
                (3, "tui-autograd-leaf", False), (1, "tui-mcq-view", True),
                (1, "tui-output-sum", True), (0, "tui-cloze-unsqueeze", True)]
        for days, qid, correct in plan:
            q = banks.by_id[qid]
            store.record_review(qid, correct=correct, answer="seed", duration_ms=4000,
                                content_hash=q.content_hash,
                                when=FIXED_NOW - timedelta(days=days, hours=1))
        report = {"version": 3, "status": "pass", "message": None, "tests": []}
        store.record_kata_attempt("double", "cpu", "fail", 2.0, "x", {**report, "status": "fail"},
                                  when=FIXED_NOW - timedelta(days=2))
        store.record_kata_attempt("double", "cpu", "pass", 2.0, "x", report,
                                  when=FIXED_NOW - timedelta(days=1))
        sid = store.start_mock_session(30, 7, {"items": []},
                                       started_at=FIXED_NOW - timedelta(days=3))
        store.finish_mock_session(sid, {"total": 0.72}, {"summary": "seed"},
                                  finished_at=FIXED_NOW - timedelta(days=3) + timedelta(minutes=30))
