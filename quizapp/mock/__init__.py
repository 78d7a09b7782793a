"""Timed mock interviews: the plan, the clock, the score, the report and their storage.

A mock interview is a rehearsal: a mix of conceptual questions and coding katas that fits a time
budget, answered against a countdown with no feedback until the end, then scored and reported.

The pieces, pure unless said otherwise::

    plan = compose_plan(questions, katas, mastery, minutes=30, seed=7)     # what to ask
    run = MockRun(plan, now=time.monotonic)                                # the clock
    run.goto(2); run.set_answer(2, "unsqueeze"); run.remaining()           # while it runs
    outcome = score_mock(plan, questions_by_id, run.answers, ...)          # results + scores
    updates = schedule_updates(outcome.results, cards, questions_by_id, now)
    report = build_report(...); markdown = render_markdown(report)

One module per concern:

- :mod:`~quizapp.mock.plan`: :class:`Plan`, :class:`PlanItem`, :func:`compose_plan`;
- :mod:`~quizapp.mock.clock`: :class:`MockRun`, :func:`format_clock`, the countdown's colours;
- :mod:`~quizapp.mock.scoring`: :func:`score_mock` and the schedule rule
  (:func:`schedule_updates`);
- :mod:`~quizapp.mock.report`: the report as a JSON-ready dict, the trend over past mocks;
- :mod:`~quizapp.mock.markdown`: the report as Markdown, a plan as text;
- :mod:`~quizapp.mock.storage`: the answers kept while a mock runs, :func:`finish_mock` (I/O),
  the catalogue and history a plan is drawn from.

The package returns values: it never prints or reads arguments, and it imports neither the
TUI nor the command layer. ``quizapp mock`` is :mod:`quizapp.commands.mock`; the app's mock
screens are :mod:`quizapp.tui.screens.mock`.
"""

from __future__ import annotations

from quizapp.mock.clock import DANGER_S, WARNING_S, MockRun, countdown_level, format_clock
from quizapp.mock.markdown import render_markdown, render_plan
from quizapp.mock.plan import (
    KATA_FROM_MINUTES, MINUTES, SECTIONS, Plan, PlanItem, compose_plan, known_topics, new_seed,
    topics_of,
)
from quizapp.mock.report import build_report, mock_trend
from quizapp.mock.scoring import (
    ItemResult, MockOutcome, ScheduleUpdate, grade_question, kata_summary, schedule_updates,
    score_mock, score_results,
)
from quizapp.mock.storage import Catalogue, finish_mock, kept_answers, load_catalogue, load_mastery

__all__ = [
    "DANGER_S", "KATA_FROM_MINUTES", "MINUTES", "SECTIONS", "WARNING_S", "Catalogue", "ItemResult",
    "MockOutcome", "MockRun", "Plan", "PlanItem", "ScheduleUpdate", "build_report", "compose_plan",
    "countdown_level", "finish_mock", "format_clock", "grade_question", "kata_summary",
    "kept_answers", "known_topics", "load_catalogue", "load_mastery", "mock_trend", "new_seed",
    "render_markdown", "render_plan", "schedule_updates", "score_mock", "score_results",
    "topics_of",
]
