"""The mock interview section: set up, run against the clock, self-grade, read the report.

Four screens, one after the other on the ``mock`` section's stack:

- :class:`MockScreen` (:mod:`.setup`, the section's base): length, topics and seed, and the
  scores of past mocks. ``quizapp mock`` starts the app with a plan
  (``QuizApp(start=StartWith(mock_plan=...))``), which :func:`open_mock` runs at once.
- :class:`MockRunScreen` (:mod:`.run`): the countdown, a clock per item, the items to skip to and
  come back to, and the answer widgets (:mod:`.items`; the kata files in :mod:`.katafiles` and
  :mod:`.kata_editing`). Nothing says right or wrong.
- :class:`MockSelfGradeScreen` (:mod:`.grade`): short answers are ticked against their key
  points while the katas are graded in a worker (in a child process: the app never imports
  torch).
- :class:`MockReportScreen` (:mod:`.report`): the report (stored with the mock; ``quizapp mock
  report ID`` prints it again).

:mod:`.opening` finds a mock the app was closed or killed during, and resumes or closes it.
The logic lives in :mod:`quizapp.mock` (plan, clock, scores, report); these screens only drive
it. The clock is the app's (``QuizApp(clock=...)``, ``time.monotonic`` by default) so that tests
can make the time run out.
"""

from __future__ import annotations

from quizapp.tui.screens.mock.grade import MockSelfGradeScreen
from quizapp.tui.screens.mock.opening import (
    KeptMock, kept_mock, open_mock, open_unfinished_mock, plan_of_session, unfinished_mock,
)
from quizapp.tui.screens.mock.report import MockReportScreen
from quizapp.tui.screens.mock.run import MockRunScreen
from quizapp.tui.screens.mock.setup import MockScreen, plan_for_app

__all__ = [
    "KeptMock", "MockReportScreen", "MockRunScreen", "MockScreen", "MockSelfGradeScreen",
    "kept_mock", "open_mock", "open_unfinished_mock", "plan_for_app", "plan_of_session",
    "unfinished_mock",
]
