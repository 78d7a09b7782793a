"""Opening a mock: a plan to run now (``quizapp mock``), and the mocks the app was closed or
killed during (found on the home screen, then resumed or closed with a report).

These functions show a screen in the ``mock`` section: on top of its set-up screen, or in place
of a report of an earlier mock left there.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.screen import Screen

from quizapp.mock import MockRun, Plan, kept_answers
from quizapp.tui.screens.mock.grade import MockSelfGradeScreen
from quizapp.tui.screens.mock.run import MockRunScreen
from quizapp.tui.screens.mock.setup import MockScreen


def show_in_mock_section(app: Any, screen: Screen) -> None:
    """Switch to the mock section and show ``screen`` there: pushed on the set-up, or in place
    of whatever an earlier mock left on top of it (its report)."""
    app.open_section("mock")
    if app.current_mode != "mock":  # the section is not installed: open_section said so
        return
    if isinstance(app.screen, MockScreen):
        app.push_screen(screen)
    else:
        app.switch_screen(screen)


def open_mock(app: Any, plan: Plan, *, clock: Callable[[], float] | None = None) -> None:
    """Run ``plan`` now (``quizapp mock`` starts the app with it), on ``clock`` (default: the
    app's)."""
    show_in_mock_section(app, MockRunScreen(plan, clock=clock or app.clock))


@dataclass
class KeptMock:
    """An unfinished mock as it was stored, ready to close: what :class:`MockSelfGradeScreen`
    reads from the run screen. Only the katas that were answered are graded; the items not
    answered count as blank."""

    app: Any
    plan: Plan
    run: MockRun
    session_id: int
    started_at: Any
    kata_files: dict[str, Path] = field(default_factory=dict)
    kata_code: dict[str, str] = field(default_factory=dict)
    only_answered_katas: bool = True


def plan_of_session(app: Any, session: Any) -> Plan:
    """A stored session's plan, with topics and types from the app's banks and katas."""
    data = getattr(app, "data", None)
    questions = data.banks.by_id if data is not None else {}
    katas = {k.id: k for k in (data.katas if data is not None else []) if k.ok}
    return Plan.from_json(session.plan or {}, questions, katas)


def kept_mock(app: Any, session: Any, clock: Callable[[], float] | None = None) -> KeptMock:
    """An unfinished session's answers, its clock stopped, for closing it with a report. A
    kata is graded as its file stands (or, when the file is gone, as the code kept with its
    answer)."""
    from quizapp import paths
    from quizapp.katas import workspace_file

    plan = plan_of_session(app, session)
    run = MockRun(plan, now=clock or getattr(app, "clock", None) or time.monotonic)
    answers, used = kept_answers(plan, session.items)
    run.restore(answers, used)
    run.finish()
    kept = KeptMock(app, plan, run, session.id, session.started_at)
    folder = paths.workspace_dir() / "mock" / str(session.id)
    for index, item in enumerate(plan.items):
        if item.kind != "kata":
            continue
        path = workspace_file(item.id, folder)
        answer = answers.get(index) if isinstance(answers.get(index), dict) else {}
        try:
            code = path.read_text(encoding="utf-8") if path.is_file() else None
        except (OSError, UnicodeDecodeError):
            code = None
        if code is None:
            code = answer.get("code") if isinstance(answer.get("code"), str) else ""
        kept.kata_files[item.id] = path
        kept.kata_code[item.id] = code
        if index in run.answers:
            run.answers[index] = {"file": str(path), "code": code}
    return kept


def _active_sessions(app: Any) -> tuple[set[int], bool]:
    """Ids of the mocks this app is running or grading, and whether one is still under way
    (running, or being self-graded and graded)."""
    ids: set[int] = set()
    running = False
    screens = getattr(app, "_all_screens", None)
    for screen in (screens() if screens is not None else ()):
        if isinstance(screen, MockRunScreen):
            running = running or not screen.submitted
            if screen.session_id is not None:
                ids.add(screen.session_id)
            if screen.resume is not None:
                ids.add(screen.resume.id)
        elif isinstance(screen, MockSelfGradeScreen) and not screen.finished:
            running = True
            if screen.source.session_id is not None:
                ids.add(screen.source.session_id)
    return ids, running


def unfinished_mock(app: Any) -> Any:
    """The newest mock interview that was started and never finished (the app was closed or
    killed during it), or None; never one this app is running now."""
    store = getattr(app, "store", None)
    if store is None:
        return None
    active, running = _active_sessions(app)
    if running:
        return None
    for session in store.unfinished_mock_sessions():
        if session.id not in active and (session.plan or {}).get("items"):
            return session
    return None


def open_unfinished_mock(app: Any, session: Any, *, close: bool = False,
                         clock: Callable[[], float] | None = None) -> None:
    """Resume an unfinished mock (the countdown goes on from the time already used), or close
    it: self-grade its short answers, grade its answered katas, and store its report."""
    clock = clock or app.clock
    if close:
        screen: Screen = MockSelfGradeScreen(kept_mock(app, session, clock), ran_out=False)
    else:
        screen = MockRunScreen(plan_of_session(app, session), clock=clock, resume=session)
    show_in_mock_section(app, screen)
