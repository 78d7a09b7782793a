"""Scoring a mock interview, and what it changes in the spaced-repetition schedule.

Scoring rules (see :func:`score_mock`): each item is worth its estimated minutes in points; an
auto-checked question earns them all when right, a short answer the share of key points the
candidate ticks when self-grading, a kata all of them when it passes (a failing kata earns none,
whatever share of its checks passed). Sections (concepts, katas), topics and the total are
earned points over possible points.

Schedule rule (see :func:`schedule_updates`): a mock must not disturb spaced repetition, so only
answered questions that failed (an FSRS rating of Again) or whose card was already due update
their card; everything else leaves the schedule as it was.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from quizapp.mock.plan import SECTIONS, Plan, topics_of
from quizapp.texts import tr

#: The bucket of items without a topic in the per-topic scores.
NO_TOPIC = "(none)"


@dataclass
class ItemResult:
    """One item after the mock: what was given, what was expected, what it earned.

    ``answer`` is the raw answer as collected (JSON-ready); ``given`` and ``expected`` are the
    displays for the report. ``correct`` is None for short answers (self-graded: see
    ``self_grade``, the share of key points ticked, and ``ticks``). ``points`` is
    ``score * minutes``. For a kata, ``verdict`` is the grader's results-v3 JSON.
    """

    position: int
    kind: str
    id: str
    type: str
    topics: tuple[str, ...]
    minutes: float
    time_used_s: float = 0.0
    answered: bool = False
    answer: Any = None
    given: str = ""
    expected: str = ""
    correct: bool | None = None
    self_grade: float | None = None
    ticks: tuple[bool, ...] = ()
    score: float = 0.0
    verdict: dict | None = None
    missing: bool = False

    @property
    def section(self) -> str:
        return SECTIONS[self.kind]

    @property
    def points(self) -> float:
        return self.score * self.minutes

    @property
    def failed(self) -> bool:
        """Answered and failed: wrong, a kata that did not pass, or a short answer whose
        self-grade maps to an FSRS rating of Again."""
        if not self.answered:
            return False
        if self.kind == "kata":
            return not self.verdict or self.verdict.get("status") != "pass"
        if self.self_grade is not None:
            from quizapp.scheduling import Rating, rating_from_share

            return rating_from_share(self.self_grade) == Rating.Again
        return not self.correct


@dataclass
class MockOutcome:
    """:func:`score_mock`'s result: one :class:`ItemResult` per plan item, and the scores."""

    results: list[ItemResult]
    scores: dict[str, Any]


def grade_question(question: Any, given: Any, ticks: Sequence[bool] | None = None,
                   lang: str = "en") -> dict[str, Any]:
    """Grade one answer. Returns ``answered``, ``correct``, ``score`` (0..1), ``self_grade``,
    ``ticks``, ``given`` and ``expected`` (displays).

    Auto-checked types go through :func:`quizapp.answers.check_answer`. A short answer scores
    the share of key points ticked; ``ticks`` defaults to the keywords' suggestion
    (:func:`quizapp.answers.suggest_key_points`) and ticks on an empty answer count for nothing.
    """
    from quizapp.answers import check_answer, self_grade_share, suggest_key_points

    answered = given is not None and not (isinstance(given, str) and not given.strip()) and \
        not (isinstance(given, (list, tuple)) and not given)
    verdict = check_answer(question, given if answered else ("" if question.type in (
        "cloze", "output", "short") else None), lang)
    if question.type == "short":
        n = len(question.key_points)
        if not answered:
            marks = (False,) * n
        elif ticks is None:
            marks = tuple(suggest_key_points(question, str(given)))
        else:
            marks = tuple(bool(t) for t in list(ticks)[:n]) + (False,) * max(0, n - len(ticks))
        share = self_grade_share(marks) if answered else 0.0
        return {"answered": answered, "correct": None, "score": share,
                "self_grade": share if answered else None, "ticks": marks,
                "given": str(given) if answered else "", "expected": verdict.expected_display}
    correct = bool(verdict.correct) if answered else False
    return {"answered": answered, "correct": correct, "score": 1.0 if correct else 0.0,
            "self_grade": None, "ticks": (),
            "given": verdict.given_display if answered else "",
            "expected": verdict.expected_display}


def _kata_passed(verdict: Mapping[str, Any] | None) -> bool:
    return bool(verdict) and verdict.get("status") == "pass"


def score_mock(plan: Plan, questions: Mapping[str, Any], answers: Mapping[int, Any], *,
               self_grades: Mapping[int, Sequence[bool]] | None = None,
               kata_reports: Mapping[str, Mapping[str, Any] | None] | None = None,
               time_used: Sequence[float] | None = None, lang: str = "en") -> MockOutcome:
    """Score a mock interview.

    ``answers`` maps a plan position to what was given (see :func:`grade_question`; for a kata,
    any JSON value describing the file, such as ``{"file": ..., "code": ...}``). ``self_grades``
    maps the position of a short question to the key points ticked; ``kata_reports`` a kata id
    to the grader's results-v3 JSON (missing or None: not graded, which earns nothing);
    ``time_used`` is seconds per position. A question that left the banks is scored 0 and
    marked ``missing``.
    """
    self_grades = self_grades or {}
    kata_reports = kata_reports or {}
    results = []
    for position, item in enumerate(plan.items):
        used = float(time_used[position]) if time_used is not None and position < len(
            time_used) else 0.0
        given = answers.get(position)
        result = ItemResult(position, item.kind, item.id, item.type, tuple(item.topics),
                            float(item.minutes), round(used, 3))
        if item.kind == "question":
            question = questions.get(item.id)
            if question is None:
                result.missing = True
                result.answer = given
                result.answered = given is not None
                result.correct = False
            else:
                graded = grade_question(question, given, self_grades.get(position), lang)
                result.type = question.type
                result.topics = result.topics or topics_of(question)
                result.answered = graded["answered"]
                result.answer = given if graded["answered"] else None
                result.given, result.expected = graded["given"], graded["expected"]
                result.correct, result.score = graded["correct"], graded["score"]
                result.self_grade, result.ticks = graded["self_grade"], graded["ticks"]
        else:
            verdict = kata_reports.get(item.id)
            result.verdict = dict(verdict) if verdict else None
            result.answer = given
            result.answered = verdict is not None or given is not None
            result.correct = _kata_passed(verdict)
            result.score = 1.0 if result.correct else 0.0
            result.given = kata_summary(verdict, lang)
        results.append(result)
    return MockOutcome(results, score_results(results, plan))


def _bucket() -> dict[str, Any]:
    return {"earned": 0.0, "possible": 0.0, "items": 0, "answered": 0}


def _close(bucket: dict[str, Any]) -> dict[str, Any]:
    possible = bucket["possible"]
    return {"score": round(bucket["earned"] / possible, 4) if possible else None,
            "earned": round(bucket["earned"], 4), "possible": round(possible, 4),
            "items": bucket["items"], "answered": bucket["answered"]}


def score_results(results: Sequence[ItemResult], plan: Plan | None = None) -> dict[str, Any]:
    """Scores from item results: ``total`` (0..1, None for an empty plan), ``earned`` and
    ``possible`` points, and the same per section (``concepts``, ``katas``) and per topic (an
    item counts fully in each of its topics). Also time used and the number answered."""
    total, sections = _bucket(), {name: _bucket() for name in SECTIONS.values()}
    topics: dict[str, dict[str, Any]] = {}
    for r in results:
        buckets = [total, sections[r.section]]
        buckets += [topics.setdefault(t, _bucket()) for t in (r.topics or (NO_TOPIC,))]
        for b in buckets:
            b["earned"] += r.points
            b["possible"] += r.minutes
            b["items"] += 1
            b["answered"] += int(r.answered)
    closed = _close(total)
    scores = {
        "total": closed["score"], "earned": closed["earned"], "possible": closed["possible"],
        "items": closed["items"], "answered": closed["answered"],
        "time_used_s": round(sum(r.time_used_s for r in results), 3),
        "sections": {name: _close(b) for name, b in sections.items() if b["items"]},
        "topics": {t: _close(b) for t, b in sorted(topics.items())},
    }
    if plan is not None:
        scores["minutes"] = plan.minutes
    return scores


def kata_summary(verdict: Mapping[str, Any] | None, lang: str = "en") -> str:
    """``pass, 4/4 checks`` / ``fail, 1/3 checks: message`` / ``not graded`` (in ``lang``)."""
    if not verdict:
        return tr("mock.report.not_graded", lang)
    tests = verdict.get("tests") or []
    passed = sum(1 for t in tests if t.get("status") == "pass")
    text = tr("mock.report.kata_summary", lang, status=status_word(verdict.get("status"), lang),
              passed=passed, total=len(tests))
    if verdict.get("status") != "pass" and verdict.get("message"):
        text += f": {first_line(verdict['message'])}"
    return text


def status_word(status: Any, lang: str = "en") -> str:
    """A grader status (``pass``, ``fail``, ``error``) as a word in ``lang``; ``?`` when there is
    none, an unknown status as it is."""
    if not status:
        return "?"
    key = f"mock.report.status.{status}"
    word = tr(key, lang)
    return str(status) if word == key else word


def first_line(text: Any) -> str:
    """The first line of ``text`` (a grader's message can be long)."""
    lines = str(text or "").strip().splitlines()
    return lines[0] if lines else ""


# -- what a mock changes in the spaced-repetition schedule --------------------------------------

@dataclass(frozen=True)
class ScheduleUpdate:
    """A review a mock records: ``reason`` is ``failed`` or ``due``."""

    position: int
    question_id: str
    reason: str
    correct: bool | None = None
    self_grade: float | None = None


def schedule_updates(results: Sequence[ItemResult], cards: Mapping[str, Any],
                     questions: Mapping[str, Any], now: datetime) -> list[ScheduleUpdate]:
    """The reviews a finished mock records, so that it does not disturb the schedule.

    Only answered questions still in the banks are considered (katas have no card; a question
    left blank says nothing about memory, the clock may have run out first). Of those, one
    updates its card when it failed (an FSRS rating of Again: wrong, or a self-grade below half
    of the key points) or when its card was already due at ``now`` (FSRS due, or edited since
    its last review). A right answer to a card not yet due changes nothing.
    """
    from quizapp.scheduling import is_due

    updates = []
    for r in results:
        if r.kind != "question" or not r.answered or r.missing:
            continue
        question = questions.get(r.id)
        if question is None:
            continue
        if r.failed:
            reason = "failed"
        elif is_due(question, cards.get(r.id), now):
            reason = "due"
        else:
            continue
        updates.append(ScheduleUpdate(r.position, r.id, reason,
                                      None if r.self_grade is not None else bool(r.correct),
                                      r.self_grade))
    return updates
