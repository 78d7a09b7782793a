"""Timed mock interviews: the plan, the clock, the score, the report and ``quizapp mock``.

A mock interview is a rehearsal: a mix of conceptual questions and coding katas that fits a time
budget, answered against a countdown with no feedback until the end, then scored and reported.

The pieces, pure unless said otherwise::

    plan = compose_plan(questions, katas, mastery, minutes=30, seed=7)     # what to ask
    run = MockRun(plan, now=time.monotonic)                                # the clock
    run.goto(2); run.set_answer(2, "unsqueeze"); run.remaining()           # while it runs
    outcome = score_mock(plan, questions_by_id, run.answers, ...)          # results + scores
    updates = schedule_updates(outcome.results, cards, questions_by_id, now)
    report = build_report(...); print(render_markdown(report))

:func:`finish_mock` writes a finished mock to the progress store (I/O) and :func:`cmd_mock` is
the handler of ``quizapp mock``; the app's mock screens (:mod:`quizapp.tui.screens.mock`) run
the interview and grade the katas in a child process.

Composition rules (see :func:`compose_plan`): the estimated minutes of the items never exceed the
budget; from 15 minutes up there is at least one kata (two from 45); the rest of the time goes to
questions drawn at random, weighted toward topics with a low recall in the store and away from
topics and types already picked, so the plan mixes both; the same seed, catalogue and history give
the same plan.

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

import json
import math
import random
import secrets
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

__all__ = [
    "MINUTES", "SECTIONS", "WARNING_S", "DANGER_S", "PlanItem", "Plan", "MockRun", "ItemResult",
    "MockOutcome", "ScheduleUpdate", "compose_plan", "new_seed", "countdown_level", "format_clock",
    "grade_question", "score_mock", "score_results", "schedule_updates", "build_report",
    "mock_trend", "render_markdown", "render_plan", "finish_mock", "cmd_mock", "kept_answers",
]

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2

#: The lengths a mock can have (``--minutes``).
MINUTES: tuple[int, ...] = (15, 30, 45, 60)
#: Report sections, by item kind.
SECTIONS: dict[str, str] = {"question": "concepts", "kata": "katas"}
#: The countdown turns amber at five minutes left and red at one.
WARNING_S = 5 * 60
DANGER_S = 60
#: From this many minutes a plan has at least one kata, from the second bound two.
KATA_FROM_MINUTES = 15
TWO_KATAS_FROM_MINUTES = 45
#: Minutes kept for questions when katas are picked: the larger of these two.
QUESTION_RESERVE_MIN = 4.0
QUESTION_RESERVE_SHARE = 0.3
#: Weights of the random draw: a floor so that strong topics still appear, and the factor a
#: question's weight is multiplied by for each item of its type already in the plan. (A topic's
#: weight is divided by one plus its items so far: over a long plan, topics get questions in
#: proportion to ``floor + weakness``, and equally weak topics alternate.)
WEIGHT_FLOOR = 0.15
TYPE_REPEAT_FACTOR = 0.55
_EPS = 1e-9


# --------------------------------------------------------------------------------------------
# The plan

@dataclass(frozen=True)
class PlanItem:
    """One item of a plan: a question or a kata, with its estimated minutes.

    ``topics`` and ``type`` (a question type, or ``"kata"``) are kept for scoring and display;
    the JSON form (:meth:`to_json`) holds only ``kind``, ``id`` and ``minutes``.
    """

    kind: str
    id: str
    minutes: float
    topics: tuple[str, ...] = ()
    type: str = ""

    @property
    def section(self) -> str:
        return SECTIONS[self.kind]

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "minutes": _number(self.minutes)}


@dataclass(frozen=True)
class Plan:
    """What a mock interview asks, in order: questions first, then katas."""

    minutes: int
    seed: int
    items: tuple[PlanItem, ...]
    topics: tuple[str, ...] | None = None

    @property
    def planned_minutes(self) -> float:
        """The sum of the items' estimates (never more than ``minutes``)."""
        return round(sum(item.minutes for item in self.items), 4)

    def to_json(self) -> dict[str, Any]:
        """``{"minutes": M, "seed": N, "items": [{"kind", "id", "minutes"}, ...]}`` (the shape
        ``quizapp mock --plan --json`` prints; a topic filter shows in the items chosen)."""
        return {"minutes": self.minutes, "seed": self.seed,
                "items": [item.to_json() for item in self.items]}

    @classmethod
    def from_json(cls, data: Mapping[str, Any], questions: Mapping[str, Any] | None = None,
                  katas: Mapping[str, Any] | None = None) -> Plan:
        """The plan back from :meth:`to_json`; ``questions`` / ``katas`` (id -> object) fill in
        topics and types when given."""
        questions, katas = questions or {}, katas or {}
        items = []
        for raw in data.get("items", []):
            kind, item_id = raw["kind"], raw["id"]
            source = questions.get(item_id) if kind == "question" else katas.get(item_id)
            topics = _topics_of(source) if source is not None else ()
            qtype = "kata" if kind == "kata" else getattr(source, "type", "")
            items.append(PlanItem(kind, item_id, float(raw.get("minutes") or 0), topics, qtype))
        topics_filter = data.get("topics")
        return cls(int(data.get("minutes") or 0), int(data.get("seed") or 0), tuple(items),
                   tuple(topics_filter) if topics_filter else None)


def new_seed() -> int:
    """A fresh seed for a plan (short enough to type back with ``--seed``)."""
    return secrets.randbelow(1_000_000)


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    value = round(float(value), 4)
    return int(value) if value.is_integer() else value


def _topics_of(obj: Any) -> tuple[str, ...]:
    """All topics of a question (its main ``topic`` first) or a kata, without repeats."""
    seen: list[str] = []
    for topic in (getattr(obj, "topic", None), *(getattr(obj, "topics", None) or ())):
        if topic and topic not in seen:
            seen.append(topic)
    return tuple(seen)


def _recall(mastery: Mapping[str, Any] | None) -> dict[str, float]:
    """topic -> recall (0..1) from :func:`quizapp.scheduling.topic_mastery`'s result or from
    plain numbers."""
    out: dict[str, float] = {}
    for topic, value in (mastery or {}).items():
        number = getattr(value, "recall_now", value)
        try:
            out[topic] = min(1.0, max(0.0, float(number)))
        except (TypeError, ValueError):
            continue
    return out


def _weakness(topics: Sequence[str], recall: Mapping[str, float]) -> float:
    """1 - mean recall over ``topics``; a topic never practised counts as recall 0."""
    if not topics:
        return 1.0
    return sum(1.0 - recall.get(t, 0.0) for t in topics) / len(topics)


def _weighted_pick(rng: random.Random, items: Sequence[Any], weights: Sequence[float]) -> int:
    """Index of one item drawn with probability proportional to its weight."""
    total = sum(weights)
    point = rng.random() * total
    acc = 0.0
    for index, weight in enumerate(weights):
        acc += weight
        if point < acc:
            return index
    return len(items) - 1


def _kata_count(minutes: float) -> int:
    if minutes < KATA_FROM_MINUTES:
        return 0
    return 2 if minutes >= TWO_KATAS_FROM_MINUTES else 1


def compose_plan(questions: Iterable[Any], katas: Iterable[Any], mastery: Mapping[str, Any] | None,
                 minutes: int | float, seed: int, topics: Iterable[str] | None = None) -> Plan:
    """The items of a mock interview of ``minutes``, drawn with ``random.Random(seed)``.

    ``questions`` are :class:`quizapp.banks.Question` (``id``, ``type``, ``minutes``, ``topic``,
    ``topics``); ``katas`` anything with ``id``, ``minutes`` and ``topics`` (catalogue entries or
    kata specs; entries without minutes are left out); ``mastery`` maps a topic to its recall
    (a :class:`quizapp.scheduling.TopicMastery` or a number 0..1; a missing topic counts as never
    practised). ``topics`` keeps only items with at least one of those topics.

    1. Katas: none under 15 minutes, one from 15, two from 45. They take at most the budget less
       the time kept for questions (the larger of 4 minutes and 30 %), except that the first kata
       may use the whole budget when no shorter one exists. Drawn weighted by weakness.
    2. Questions fill the rest, one at a time among those that still fit, each drawn with weight
       ``(floor + weakness) / (1 + items of its topic so far) * 0.55**(items of its type so
       far)``, with ``floor`` 0.15 and ``weakness`` one minus the mean recall of the question's
       topics: weak topics get more, in proportion, but the plan keeps a mix of topics and
       types.

    The inputs are sorted by id first, so the plan depends only on the seed, the catalogue and
    the history, not on the order in which banks were read.
    """
    budget = float(minutes)
    rng = random.Random(seed)
    recall = _recall(mastery)
    wanted = set(topics) if topics else None

    def keep(obj: Any, item_minutes: float | None) -> bool:
        if item_minutes is None or item_minutes <= 0 or item_minutes > budget + _EPS:
            return False
        return wanted is None or bool(wanted.intersection(_topics_of(obj)))

    unique_q: dict[str, Any] = {}
    for q in questions:
        unique_q.setdefault(q.id, q)
    q_pool = [q for _, q in sorted(unique_q.items()) if keep(q, getattr(q, "minutes", None))]
    unique_k: dict[str, Any] = {}
    for k in katas:
        unique_k.setdefault(k.id, k)
    k_pool = [k for _, k in sorted(unique_k.items()) if keep(k, getattr(k, "minutes", None))]

    # 1. katas
    chosen_katas: list[Any] = []
    reserve = max(QUESTION_RESERVE_MIN, QUESTION_RESERVE_SHARE * budget) if q_pool else 0.0
    kata_budget = budget - reserve
    wanted_katas = _kata_count(budget)
    for n in range(wanted_katas):
        left = kata_budget - sum(k.minutes for k in chosen_katas)
        fits = [k for k in k_pool if k not in chosen_katas and k.minutes <= left + _EPS]
        if n + 1 < wanted_katas:  # leave room for the next kata when one can follow
            roomy = [k for k in fits if any(
                o is not k and o not in chosen_katas and o.minutes <= left - k.minutes + _EPS
                for o in k_pool)]
            fits = roomy or fits
        if not fits and n == 0:
            fits = [k for k in k_pool if k.minutes <= budget + _EPS]
            if fits:  # only the shortest ones: leave as much time for questions as possible
                shortest = min(k.minutes for k in fits)
                fits = [k for k in fits if k.minutes <= shortest + _EPS]
        if not fits:
            break
        weights = [WEIGHT_FLOOR + _weakness(_topics_of(k), recall) for k in fits]
        chosen_katas.append(fits[_weighted_pick(rng, fits, weights)])

    # 2. questions
    remaining = budget - sum(k.minutes for k in chosen_katas)
    chosen_q: list[Any] = []
    topic_count: Counter[str] = Counter()
    type_count: Counter[str] = Counter()
    pool = list(q_pool)
    while pool:
        fits = [q for q in pool if q.minutes <= remaining + _EPS]
        if not fits:
            break
        weights = []
        for q in fits:
            q_topics = _topics_of(q)
            weight = WEIGHT_FLOOR + _weakness(q_topics, recall)
            weight /= 1 + (topic_count[q_topics[0]] if q_topics else 0)
            weight *= TYPE_REPEAT_FACTOR ** type_count[q.type]
            weights.append(weight)
        q = fits[_weighted_pick(rng, fits, weights)]
        pool.remove(q)
        chosen_q.append(q)
        q_topics = _topics_of(q)
        if q_topics:
            topic_count[q_topics[0]] += 1
        type_count[q.type] += 1
        remaining -= q.minutes

    items = [PlanItem("question", q.id, float(q.minutes), _topics_of(q), q.type) for q in chosen_q]
    items += [PlanItem("kata", k.id, float(k.minutes), _topics_of(k), "kata") for k in chosen_katas]
    return Plan(int(minutes) if float(minutes).is_integer() else minutes, seed, tuple(items),
                tuple(sorted(wanted)) if wanted else None)


# --------------------------------------------------------------------------------------------
# The clock

def countdown_level(remaining_s: float) -> str:
    """``"normal"``, ``"warning"`` (amber: 5 minutes or less) or ``"danger"`` (red: 1 minute or
    less)."""
    if remaining_s <= DANGER_S:
        return "danger"
    if remaining_s <= WARNING_S:
        return "warning"
    return "normal"


def format_clock(seconds: float, *, up: bool = False) -> str:
    """``MM:SS`` (``H:MM:SS`` from an hour). A countdown (``up=False``) rounds up, so it shows
    00:00 only when the time is really over; a clock counting up rounds down."""
    seconds = max(0.0, float(seconds))
    whole = int(seconds) if up else int(math.ceil(seconds - 1e-6))
    hours, rest = divmod(whole, 3600)
    mins, secs = divmod(rest, 60)
    return f"{hours}:{mins:02d}:{secs:02d}" if hours else f"{mins:02d}:{secs:02d}"


class MockRun:
    """The state of a mock interview while it runs: which item is open, what was answered, how
    much time each item took and how much is left.

    ``now`` is a clock in seconds (``time.monotonic`` in the app; a fake one in tests), so that
    time can be made to run out. Time counts toward the open item only, and never past the
    deadline. Answers are whatever the screen collected (see :func:`grade_question`); ``None``
    means not answered.
    """

    def __init__(self, plan: Plan, now: Callable[[], float], *, started: float | None = None):
        self.plan = plan
        self._now = now
        self.started = now() if started is None else started
        self.deadline = self.started + plan.minutes * 60.0
        self.current: int | None = 0 if plan.items else None
        self._since = self.started
        self.used: list[float] = [0.0] * len(plan.items)
        self.visited: set[int] = {0} if plan.items else set()
        self.answers: dict[int, Any] = {}
        self.finished_at: float | None = None

    def _clamped_now(self) -> float:
        moment = self._now()
        if self.finished_at is not None:
            moment = min(moment, self.finished_at)
        return min(moment, self.deadline)

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    def remaining(self) -> float:
        """Seconds left (0 once the time is over; frozen when the mock is submitted early)."""
        moment = self._now() if self.finished_at is None else self.finished_at
        return max(0.0, self.deadline - moment)

    def elapsed(self) -> float:
        """Seconds since the start (at most the whole budget)."""
        return max(0.0, self._clamped_now() - self.started)

    def expired(self) -> bool:
        """True once the countdown reached zero."""
        return self._now() >= self.deadline

    def level(self) -> str:
        """:func:`countdown_level` of what is left."""
        return countdown_level(self.remaining())

    def _bank_time(self) -> None:
        if self.current is not None:
            moment = self._clamped_now()
            self.used[self.current] += max(0.0, moment - self._since)
            self._since = moment

    def item_time(self, index: int | None = None) -> float:
        """Seconds spent on item ``index`` (default: the open one), the open stretch included."""
        index = self.current if index is None else index
        if index is None:
            return 0.0
        spent = self.used[index]
        if index == self.current and self.finished_at is None:
            spent += max(0.0, self._clamped_now() - self._since)
        return spent

    def goto(self, index: int) -> None:
        """Open item ``index`` (skipping or revisiting are the same move)."""
        if not 0 <= index < len(self.plan.items):
            raise IndexError(f"no item {index} in a plan of {len(self.plan.items)}")
        if self.finished_at is not None:
            return
        self._bank_time()
        self.current = index
        self.visited.add(index)

    def next_index(self, step: int = 1) -> int | None:
        """The item ``step`` places after the open one (wrapping around), or None."""
        if not self.plan.items:
            return None
        base = 0 if self.current is None else self.current
        return (base + step) % len(self.plan.items)

    def set_answer(self, index: int, value: Any) -> None:
        """Keep an answer (``None`` or blank text clears it). Ignored once finished."""
        if self.finished_at is not None:
            return
        if value is None or (isinstance(value, str) and not value.strip()) or \
                (isinstance(value, (list, tuple, set)) and not value):
            self.answers.pop(index, None)
        else:
            self.answers[index] = value

    def status(self, index: int) -> str:
        """``answered``, ``skipped`` (opened, no answer) or ``unseen``."""
        if index in self.answers:
            return "answered"
        return "skipped" if index in self.visited else "unseen"

    def finish(self) -> None:
        """Stop the clock (at the deadline at the latest); answers are kept as they stand."""
        if self.finished_at is None:
            self._bank_time()
            self.finished_at = min(self._now(), self.deadline)

    def time_used(self) -> list[float]:
        """Seconds per item, in plan order."""
        return [self.item_time(i) for i in range(len(self.plan.items))]

    def restore(self, answers: Mapping[int, Any], used: Mapping[int, float]) -> None:
        """Carry on from a mock that stopped before it was finished (the app was closed or
        killed): the answers and the seconds per item kept so far come back, and the countdown
        goes on from the time those seconds add up to (the time the app was not running does
        not count). The open item becomes the first one not answered."""
        count = len(self.plan.items)
        for index, seconds in used.items():
            if 0 <= index < count and seconds:
                self.used[index] = max(0.0, float(seconds))
        budget = self.plan.minutes * 60.0
        moment = self._now()
        self.started = moment - min(budget, sum(self.used))
        self.deadline = self.started + budget
        self._since = moment
        for index, value in answers.items():
            if 0 <= index < count:
                self.set_answer(index, value)
        self.visited.update(i for i in (*used, *answers) if 0 <= i < count)
        if count:
            self.current = next((i for i in range(count) if i not in self.answers), 0)
            self.visited.add(self.current)


def kept_answers(plan: Plan, items: Iterable[Any]) -> tuple[dict[int, Any], dict[int, float]]:
    """``(answers, seconds)`` by plan position from the ``mock_items`` rows kept while a mock ran
    (:class:`quizapp.store.MockItem`); rows that do not match the plan's item at their position
    are left out."""
    answers: dict[int, Any] = {}
    used: dict[int, float] = {}
    for row in items:
        position = getattr(row, "position", None)
        if position is None or not 0 <= position < len(plan.items):
            continue
        item = plan.items[position]
        if (item.kind, item.id) != (row.kind, row.item_id):
            continue
        if row.answer is not None:
            answers[position] = row.answer
        if row.time_used_s:
            used[position] = float(row.time_used_s)
    return answers, used


# --------------------------------------------------------------------------------------------
# Scoring

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
                result.topics = result.topics or _topics_of(question)
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
            result.given = kata_summary(verdict)
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
        buckets += [topics.setdefault(t, _bucket()) for t in (r.topics or ("(none)",))]
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


def kata_summary(verdict: Mapping[str, Any] | None) -> str:
    """``pass, 4/4 checks`` / ``fail, 1/3 checks: message`` / ``not graded``."""
    if not verdict:
        return "not graded"
    tests = verdict.get("tests") or []
    passed = sum(1 for t in tests if t.get("status") == "pass")
    text = f"{verdict.get('status', '?')}, {passed}/{len(tests)} checks"
    if verdict.get("status") != "pass" and verdict.get("message"):
        text += f": {_first_line(verdict['message'])}"
    return text


def _first_line(text: Any) -> str:
    lines = str(text or "").strip().splitlines()
    return lines[0] if lines else ""


# --------------------------------------------------------------------------------------------
# What a mock changes in the spaced-repetition schedule

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


# --------------------------------------------------------------------------------------------
# The report

def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def _text(obj: Any, lang: str) -> str:
    if obj is None:
        return ""
    if hasattr(obj, "get") and not isinstance(obj, Mapping):
        return obj.get(lang)
    if isinstance(obj, Mapping):
        return obj.get(lang) or obj.get("en") or ""
    return str(obj)


def build_report(*, plan: Plan, outcome: MockOutcome, questions: Mapping[str, Any],
                 katas: Mapping[str, Any] | None = None, session_id: int | None = None,
                 started_at: datetime | None = None, finished_at: datetime | None = None,
                 time_ran_out: bool = False, updates: Sequence[ScheduleUpdate] = (),
                 trend: Sequence[Mapping[str, Any]] = (), lang: str = "en") -> dict[str, Any]:
    """The report as a JSON-ready dict (what the store keeps and ``--format json`` prints).

    Items carry the prompt, the answer beside the model answer (key points with their ticks for
    short answers), the explanation, the time used and, for katas, the verdict with every
    check's figures.
    """
    katas = katas or {}
    items = []
    for r in outcome.results:
        entry: dict[str, Any] = {
            "position": r.position, "kind": r.kind, "id": r.id, "type": r.type,
            "section": r.section, "topics": list(r.topics), "minutes": _number(r.minutes),
            "time_used_s": round(r.time_used_s, 1), "answered": r.answered,
            "correct": r.correct, "score": round(r.score, 4), "points": round(r.points, 4),
        }
        if r.kind == "question":
            q = questions.get(r.id)
            entry.update({
                "prompt": _text(q.prompt, lang) if q is not None else "",
                "code": getattr(q, "code", None) if q is not None else None,
                "answer": r.answer, "given": r.given, "expected": r.expected,
                "explanation": _text(q.explanation, lang) if q is not None else "",
                "missing": r.missing,
            })
            if r.type == "short" and q is not None:
                entry["self_grade"] = r.self_grade
                entry["key_points"] = [
                    {"text": _text(kp, lang), "ticked": bool(r.ticks[i]) if i < len(r.ticks)
                     else False} for i, kp in enumerate(q.key_points)]
        else:
            k = katas.get(r.id)
            title = k.title(lang) if callable(getattr(k, "title", None)) else _text(
                getattr(getattr(k, "spec", k), "title", None), lang)
            code = r.answer.get("code") if isinstance(r.answer, Mapping) else None
            entry.update({"title": title or r.id, "verdict": r.verdict,
                          "summary": kata_summary(r.verdict),
                          "file": r.answer.get("file") if isinstance(r.answer, Mapping) else None,
                          "code": code})
        items.append(entry)
    return {
        "id": session_id, "lang": lang, "minutes": plan.minutes, "seed": plan.seed,
        "topics": list(plan.topics) if plan.topics else None,
        "started_at": _iso(started_at), "finished_at": _iso(finished_at),
        "time_ran_out": time_ran_out, "scores": outcome.scores, "items": items,
        "schedule": [{"id": u.question_id, "reason": u.reason} for u in updates],
        "trend": [dict(t) for t in trend],
    }


def mock_trend(sessions: Iterable[Any], upto: int | None = None) -> list[dict[str, Any]]:
    """Finished mock interviews, oldest first, as ``{"id", "started_at", "minutes", "total"}``;
    with ``upto``, only those that started no later than that session."""
    finished = [s for s in sessions if getattr(s, "finished_at", None) is not None]
    finished.sort(key=lambda s: (s.started_at, s.id))
    if upto is not None:
        ids = [s.id for s in finished]
        if upto in ids:
            finished = finished[: ids.index(upto) + 1]
    out = []
    for s in finished:
        scores = s.scores if isinstance(s.scores, Mapping) else {}
        out.append({"id": s.id, "started_at": _iso(s.started_at), "minutes": s.minutes,
                    "total": scores.get("total")})
    return out


LABELS = {
    "en": {
        "title": "Mock interview", "minutes": "{m} minutes", "seed": "seed {s}",
        "used": "time used {t}", "Score": "Score", "Points": "Points", "points": "points",
        "min": "Minutes", "kata": "Kata",
        "ran_out": "The time ran out; the answers were submitted as they stood.",
        "by_section": "Score by section", "by_topic": "Score by topic", "section": "Section",
        "topic": "Topic", "answered": "Answered", "items": "Items", "concepts": "Concepts",
        "katas": "Katas", "question": "Question", "your_answer": "Your answer",
        "model_answer": "Model answer", "key_points": "Key points", "explanation": "Explanation",
        "no_answer": "(no answer)", "right": "right", "wrong": "wrong",
        "self_graded": "self-graded {p} of the key points", "est": "estimated {m} min",
        "verdict": "Verdict", "check": "Check", "status": "Status", "figures": "Figures",
        "message": "Message", "your_code": "Your code", "trend": "Trend over mock interviews",
        "date": "Date", "schedule": "Spaced repetition",
        "schedule_none": "No card changed: nothing failed and nothing was due.",
        "schedule_some": "{n} card(s) updated: {failed} failed, {due} already due.",
        "missing": "(this question is no longer in the banks)", "none": "-",
    },
    "ko": {
        "title": "모의 면접", "minutes": "{m}분", "seed": "시드 {s}", "used": "사용 시간 {t}",
        "Score": "점수", "Points": "점수(점)", "points": "점", "min": "분", "kata": "코딩 카타",
        "ran_out": "시간이 끝나 그때까지의 답을 그대로 제출했습니다.",
        "by_section": "영역별 점수", "by_topic": "주제별 점수", "section": "영역", "topic": "주제",
        "answered": "답함", "items": "문항", "concepts": "개념", "katas": "코딩 카타",
        "question": "문제", "your_answer": "내 답", "model_answer": "모범 답안",
        "key_points": "핵심 포인트", "explanation": "해설", "no_answer": "(답 없음)",
        "right": "정답", "wrong": "오답", "self_graded": "핵심 포인트 {p} 자가 채점",
        "est": "예상 {m}분", "verdict": "판정", "check": "검사", "status": "결과",
        "figures": "수치", "message": "메시지", "your_code": "내 코드",
        "trend": "모의 면접 추이", "date": "날짜", "schedule": "간격 반복",
        "schedule_none": "바뀐 카드가 없습니다: 틀린 것도, 복습할 때가 된 것도 없었습니다.",
        "schedule_some": "카드 {n}장 갱신: 틀림 {failed}, 복습 예정 {due}.",
        "missing": "(이 문제는 더 이상 문제 은행에 없습니다)", "none": "-",
    },
}

_FIGURE_KEYS = ("max_abs_diff", "max_rel_diff", "mismatched", "seed", "dtype", "device", "trial",
                "shape", "duration_s", "p_value", "statistic")


def _pts(value: Any) -> str:
    """Points with at most one decimal."""
    return "-" if value is None else str(_number(round(float(value), 1)))


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{round(value * 100):d}%"


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace(
        "\n", "<br>").strip()


def _fence(text: str, lang: str = "") -> list[str]:
    ticks = "```"
    while ticks in text:
        ticks += "`"
    return [f"{ticks}{lang}", text.rstrip("\n"), ticks]


def _quote(text: str) -> list[str]:
    return [("> " + line) if line.strip() else ">" for line in str(text).strip().splitlines()] \
        or [">"]


def _when(value: Any) -> str:
    if not value:
        return "-"
    try:
        return datetime.fromisoformat(str(value)).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return str(value)


def _figures(test: Mapping[str, Any]) -> str:
    parts = []
    for key in _FIGURE_KEYS:
        if test.get(key) is not None:
            value = test[key]
            if isinstance(value, float):
                value = f"{value:.3g}"
            parts.append(f"{key}={value}")
    return ", ".join(parts)


def render_markdown(report: Mapping[str, Any]) -> str:
    """The report as Markdown: header, score by section and topic, every item with the answer
    beside the model answer (and the kata verdicts with their figures), the schedule changes
    and the trend over past mock interviews."""
    lang = report.get("lang") if report.get("lang") in LABELS else "en"
    L = LABELS[lang]
    scores = report.get("scores") or {}
    number = f" #{report['id']}" if report.get("id") is not None else ""
    when = f": {_when(report['started_at'])}" if report.get("started_at") else ""
    lines = [f"# {L['title']}{number}{when}", ""]
    head = [L["minutes"].format(m=report.get("minutes")), L["seed"].format(s=report.get("seed")),
            L["used"].format(t=format_clock(scores.get("time_used_s") or 0, up=True))]
    if report.get("topics"):
        head.append(", ".join(report["topics"]))
    lines.append(" · ".join(head))
    lines.append("")
    lines.append(f"**{L['Score']}: {_pct(scores.get('total'))}** "
                 f"({_pts(scores.get('earned', 0))} / {_pts(scores.get('possible', 0))} "
                 f"{L['points']})")
    if report.get("time_ran_out"):
        lines += ["", L["ran_out"]]

    lines += ["", f"## {L['by_section']}", "",
              f"| {L['section']} | {L['Score']} | {L['Points']} | {L['answered']} |",
              "|---|---:|---:|---:|"]
    for name, s in (scores.get("sections") or {}).items():
        lines.append(f"| {L.get(name, name)} | {_pct(s.get('score'))} | "
                     f"{_pts(s.get('earned'))} / {_pts(s.get('possible'))} | "
                     f"{s.get('answered')} / {s.get('items')} |")
    lines += ["", f"## {L['by_topic']}", "",
              f"| {L['topic']} | {L['Score']} | {L['Points']} | {L['answered']} |",
              "|---|---:|---:|---:|"]
    for name, s in (scores.get("topics") or {}).items():
        lines.append(f"| {_cell(name)} | {_pct(s.get('score'))} | {_pts(s.get('earned'))} / "
                     f"{_pts(s.get('possible'))} | {s.get('answered')} / {s.get('items')} |")

    lines += ["", f"## {L['items']}"]
    for item in report.get("items") or []:
        lines += [""] + _render_item(item, L)

    schedule = report.get("schedule") or []
    lines += ["", f"## {L['schedule']}", ""]
    if schedule:
        failed = sum(1 for s in schedule if s.get("reason") == "failed")
        lines.append(L["schedule_some"].format(n=len(schedule), failed=failed,
                                               due=len(schedule) - failed))
        lines += [""] + [f"- `{s['id']}` ({s['reason']})" for s in schedule]
    else:
        lines.append(L["schedule_none"])

    trend = report.get("trend") or []
    if trend:
        lines += ["", f"## {L['trend']}", "",
                  f"| # | {L['date']} | {L['min']} | {L['Score']} | |",
                  "|---:|---|---:|---:|---|"]
        for t in trend:
            total = t.get("total")
            bar = "#" * int(round((total or 0) * 20))
            mark = " ←" if t.get("id") == report.get("id") else ""
            lines.append(f"| {t.get('id')} | {_when(t.get('started_at'))} | {t.get('minutes')} | "
                         f"{_pct(total)} | `{bar:<20}`{mark} |")
    return "\n".join(lines) + "\n"


def _render_item(item: Mapping[str, Any], L: Mapping[str, str]) -> list[str]:
    used = format_clock(item.get("time_used_s") or 0, up=True)
    est = L["est"].format(m=_number(item.get("minutes")))
    topics = ", ".join(item.get("topics") or [])
    if item.get("kind") == "kata":
        status = (item.get("verdict") or {}).get("status", L["none"])
        lines = [f"### {item['position'] + 1}. {L['kata']}: {item.get('title') or item['id']} "
                 f"(`{item['id']}`)", "",
                 f"{topics} · {used} ({est}) · **{status.upper()}** · "
                 f"{_pts(item.get('points'))} / {_pts(item.get('minutes'))} {L['points']}",
                 "", f"**{L['verdict']}:** {_cell(item.get('summary'))}"]
        verdict = item.get("verdict") or {}
        tests = verdict.get("tests") or []
        if tests:
            lines += ["", f"| {L['check']} | {L['status']} | {L['figures']} | {L['message']} |",
                      "|---|---|---|---|"]
            for t in tests:
                message = t.get("message") if t.get("status") != "pass" else ""
                lines.append(f"| {_cell(t.get('name'))} | {t.get('status')} | "
                             f"{_cell(_figures(t))} | {_cell(message)} |")
        if item.get("code"):
            lines += ["", f"**{L['your_code']}:**", ""] + _fence(item["code"], "python")
        return lines

    qtype = item.get("type") or "?"
    if item.get("self_grade") is not None:
        result = L["self_graded"].format(p=_pct(item["self_grade"]))
    elif not item.get("answered"):
        result = L["no_answer"]
    else:
        result = L["right"] if item.get("correct") else L["wrong"]
    lines = [f"### {item['position'] + 1}. {L['question']} `{item['id']}` ({qtype})", "",
             f"{topics} · {used} ({est}) · **{result}** · {_pts(item.get('points'))} / "
             f"{_pts(item.get('minutes'))} {L['points']}", ""]
    if item.get("missing"):
        return lines + [L["missing"]]
    lines += _quote(item.get("prompt") or "")
    if item.get("code"):
        lines += [""] + _fence(item["code"], "python")
    given = item.get("given") if item.get("answered") else L["no_answer"]
    lines += ["", f"**{L['your_answer']}:**", ""] + _quote(given or L["no_answer"])
    lines += ["", f"**{L['model_answer']}:**", ""] + _quote(item.get("expected") or "")
    if item.get("key_points"):
        lines += ["", f"**{L['key_points']}:**", ""]
        lines += [f"- [{'x' if kp.get('ticked') else ' '}] {kp.get('text')}"
                  for kp in item["key_points"]]
    if item.get("explanation"):
        lines += ["", f"**{L['explanation']}:** {item['explanation'].strip()}"]
    return lines


def render_plan(plan: Plan) -> str:
    """A plan as a short table for the terminal."""
    lines = [f"Mock interview: {plan.minutes} minutes, seed {plan.seed}"
             + (f", topics {', '.join(plan.topics)}" if plan.topics else ""),
             f"{len(plan.items)} items, {_number(plan.planned_minutes)} minutes estimated", ""]
    width = max([len(i.id) for i in plan.items] + [2])
    for n, item in enumerate(plan.items, 1):
        kind = item.type if item.kind == "question" else "kata"
        lines.append(f"{n:>3}. {item.id:<{width}}  {kind:<9} {_number(item.minutes):>4} min  "
                     f"{', '.join(item.topics)}")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# I/O: storing a finished mock

def finish_mock(store: Any, session_id: int, plan: Plan, outcome: MockOutcome, *,
                questions: Mapping[str, Any], katas: Mapping[str, Any] | None = None,
                started_at: datetime | None = None, finished_at: datetime | None = None,
                time_ran_out: bool = False, lang: str = "en",
                kata_files: Mapping[str, str | Path] | None = None) -> dict[str, Any]:
    """Store a finished mock in one transaction and return its report.

    Replaces the answers kept while the mock ran (:meth:`quizapp.store.Store.save_mock_answer`)
    with one ``mock_items`` row per item, the reviews :func:`schedule_updates` asks for
    (``source="mock"``), one kata attempt per graded kata (with the code), and the session's
    scores and report.
    """
    finished_at = finished_at or datetime.now(timezone.utc)
    kata_files = kata_files or {}
    cards = store.cards()
    updates = schedule_updates(outcome.results, cards, questions, finished_at)
    previous = store.mock_sessions()
    trend = mock_trend([s for s in previous if s.id != session_id])
    with store.transaction():
        clear = getattr(store, "clear_mock_items", None)
        if clear is not None:  # the answers kept while the mock ran give way to the results
            clear(session_id)
        for r in outcome.results:
            store.add_mock_item(
                session_id, r.kind, r.id, answer=r.answer, correct=r.correct, score=r.score,
                time_used_s=r.time_used_s, position=r.position, when=finished_at,
                verdict=r.verdict if r.kind == "kata" else (
                    {"self_grade": r.self_grade, "ticks": list(r.ticks)} if r.self_grade
                    is not None else None))
        for u in updates:
            q = questions[u.question_id]
            r = outcome.results[u.position]
            store.record_review(
                u.question_id, correct=u.correct, self_grade=u.self_grade, answer=r.answer,
                duration_ms=int(r.time_used_s * 1000), content_hash=getattr(q, "content_hash",
                                                                             None),
                when=finished_at, source="mock", mock_session_id=session_id)
        for r in outcome.results:
            if r.kind == "kata" and r.verdict and not r.verdict.get("unavailable"):
                code = r.answer.get("code") if isinstance(r.answer, Mapping) else None
                file = kata_files.get(r.id)
                if code is None and file is not None and Path(file).is_file():
                    code = Path(file).read_text(encoding="utf-8", errors="replace")
                status = r.verdict.get("status")
                if status in ("pass", "fail", "error"):
                    store.record_kata_attempt(
                        r.id, r.verdict.get("device"), status, r.verdict.get("duration_s"),
                        code, r.verdict, when=finished_at, source="mock",
                        mock_session_id=session_id)
        this = {"id": session_id, "started_at": _iso(started_at), "minutes": plan.minutes,
                "total": outcome.scores.get("total")}
        report = build_report(plan=plan, outcome=outcome, questions=questions, katas=katas,
                              session_id=session_id, started_at=started_at,
                              finished_at=finished_at, time_ran_out=time_ran_out,
                              updates=updates, trend=[*trend, this], lang=lang)
        store.finish_mock_session(session_id, outcome.scores, report, finished_at=finished_at)
    return report


# --------------------------------------------------------------------------------------------
# Loading what a mock needs

def load_catalogue() -> tuple[list[Any], list[Any]]:
    """``(questions, katas)``: the valid questions of the banks and the usable katas."""
    from quizapp.banks import load_banks
    from quizapp.katas import list_katas

    return list(load_banks().questions), [k for k in list_katas() if k.ok]


def load_mastery(db: str | None, questions: Sequence[Any], now: datetime | None = None):
    """Topic mastery from the progress database (empty when there is none yet)."""
    from quizapp import paths
    from quizapp.scheduling import topic_mastery

    path = paths.default_db_path(db)
    if not path.is_file():
        return {}
    from quizapp.store import Store

    with Store.open(path, create=False) as store:
        cards = store.cards()
        return topic_mastery(questions, cards, now or datetime.now(timezone.utc),
                             scheduler=store.scheduler)


def _lang(args) -> str:
    """The language of this command's output."""
    from quizapp.store import preferred_language

    return preferred_language(getattr(args, "lang", None), getattr(args, "db", None))


# --------------------------------------------------------------------------------------------
# CLI

def _report_cmd(args: Any) -> int:
    from quizapp import paths
    from quizapp.store import Store, StoreError

    path = paths.default_db_path(getattr(args, "db", None))
    if not path.is_file():
        print(f"error: no progress database at {path}; no mock interview to report",
              file=sys.stderr)
        return EXIT_FAIL
    try:
        with Store.open(path, create=False) as store:
            sessions = store.mock_sessions()
            finished = [s for s in sessions if s.finished_at is not None and s.report]
            if args.report_id is not None:
                try:
                    wanted = int(args.report_id)
                except ValueError:
                    print(f"error: a mock interview id is a number, not {args.report_id!r}",
                          file=sys.stderr)
                    return EXIT_USAGE
                session = next((s for s in sessions if s.id == wanted), None)
                if session is None:
                    print(f"error: no mock interview {wanted}"
                          + (f" (ids: {', '.join(str(s.id) for s in finished[:10])})"
                             if finished else ""), file=sys.stderr)
                    return EXIT_FAIL
                if session.finished_at is None or not session.report:
                    print(f"error: mock interview {wanted} was not finished; it has no report",
                          file=sys.stderr)
                    return EXIT_FAIL
            elif finished:
                session = finished[0]
            else:
                print("no finished mock interview yet; start one with `quizapp mock`",
                      file=sys.stderr)
                return EXIT_FAIL
            report = dict(session.report)
            report["trend"] = mock_trend(sessions, upto=session.id)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAIL
    if args.format == "json" or getattr(args, "json", False):
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(render_markdown(report), end="")
    return EXIT_OK


def _plan_from_args(args: Any) -> tuple[Plan, list[Any], list[Any]] | int:
    questions, katas = load_catalogue()
    if not questions and not katas:
        print("error: no questions and no katas to build a mock interview from", file=sys.stderr)
        return EXIT_FAIL
    topics = args.topics
    if topics:
        known = {t for q in questions for t in _topics_of(q)} | {
            t for k in katas for t in _topics_of(k)}
        unknown = [t for t in topics if t not in known]
        if unknown:
            print(f"error: unknown topic(s) {', '.join(unknown)} (known: "
                  f"{', '.join(sorted(known))})", file=sys.stderr)
            return EXIT_USAGE
    try:
        mastery = load_mastery(getattr(args, "db", None), questions)
    except Exception as exc:  # noqa: BLE001 - a plan can be made without history
        print(f"warning: progress not read ({exc}); the plan ignores it", file=sys.stderr)
        mastery = {}
    seed = args.seed
    if seed is None:
        seed = new_seed()
        print(f"seed {seed} (repeat this plan with --seed {seed})", file=sys.stderr)
    plan = compose_plan(questions, katas, mastery, args.minutes, seed, topics)
    if not plan.items:
        print("error: nothing fits: no question or kata matches these topics and minutes",
              file=sys.stderr)
        return EXIT_FAIL
    if plan.minutes >= KATA_FROM_MINUTES and not any(i.kind == "kata" for i in plan.items):
        print("warning: no kata fits these topics and minutes; the plan has questions only",
              file=sys.stderr)
    return plan, questions, katas


def cmd_mock(args: Any) -> int:
    """Handler of ``quizapp mock``.

    - ``quizapp mock report [ID] [--format md|json]``: print a stored report (default: the
      latest finished mock).
    - ``quizapp mock --plan [--json] [--minutes M] [--topics ...] [--seed N]``: print the plan.
    - ``quizapp mock [--minutes M] [--topics ...] [--seed N]``: run it in the app.
    """
    if getattr(args, "action", None) == "report":
        return _report_cmd(args)
    if getattr(args, "report_id", None) is not None:
        print("error: an ID goes with `quizapp mock report ID`", file=sys.stderr)
        return EXIT_USAGE
    made = _plan_from_args(args)
    if isinstance(made, int):
        return made
    plan, questions, katas = made
    if args.plan or args.json:  # --json alone means the plan as JSON
        if args.json:
            print(json.dumps(plan.to_json(), ensure_ascii=False))
        else:
            print(render_plan(plan))
        return EXIT_OK
    return _run_tui(args, plan)


def _run_tui(args: Any, plan: Plan) -> int:
    """Open the app on the mock screen with ``plan``."""
    import importlib

    try:
        app_module = importlib.import_module("quizapp.tui.app")
    except ImportError as exc:
        print(f"error: the app cannot start: {exc}", file=sys.stderr)
        return EXIT_FAIL
    runner = getattr(app_module, "run_mock", None)
    if runner is not None:
        return int(runner(args, plan) or 0)
    from quizapp.tui.screens.mock import run_mock_app

    return int(run_mock_app(args, plan) or 0)
