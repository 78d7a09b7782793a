"""A quiz session as a state machine: which question is asked, the answer, the verdict, the next.

Pure logic, no I/O and no UI: the TUI drives a :class:`QuizSession` and writes what
:meth:`QuizSession.review_kwargs` returns to the progress store, so the same session can be
tested without a terminal::

    from quizapp.quiz_session import QuizSession, plan_quiz

    questions = plan_quiz(banks.questions, store.cards(), now, mode="count", count=10)
    session = QuizSession(questions, lang="ko")
    verdict = session.submit(2)                 # mcq: a 0-based index
    store.record_review(**session.review_kwargs())
    session.advance()                           # next question (phase "question") or "done"

A ``short`` question goes through one more phase: :meth:`QuizSession.submit` with the typed text
pre-ticks the key points it mentions (phase ``self_grade``); the learner toggles the ticks
(:meth:`QuizSession.toggle_tick`) and confirms (:meth:`QuizSession.confirm_self_grade`), which
gives the share of key points covered, and so the rating.

Phases: ``question`` -> (``self_grade`` ->) ``feedback`` -> ``question`` ... -> ``done``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from quizapp.answers import Verdict, check_answer, self_grade_share
from quizapp.quiz_mix import mixed_selection, spread
from quizapp.scheduling import is_due, pick_next, question_topics, rating_for

__all__ = [
    "QUIZ_MODES", "Answered", "QuizSession", "QuizSummary", "TopicScore", "due_questions",
    "plan_quiz", "PhaseError",
]

#: How a quiz picks its questions: what is due, the scheduler's mix for some topics, or a count.
QUIZ_MODES = ("due", "topics", "count")
#: Typed answers, where the checker can miss a right answer written differently.
OVERRULABLE_TYPES = ("cloze", "output")
PHASES = ("question", "self_grade", "feedback", "done")


class PhaseError(RuntimeError):
    """A call that does not fit the session's phase (answering twice, confirming too early)."""


def due_questions(questions: Sequence[Any], cards: Mapping[str, Any], now: datetime) -> list[Any]:
    """Questions due for review now (FSRS due, or edited since their last review), most
    overdue first."""
    due = [q for q in questions if is_due(q, cards.get(q.id), now)]
    return pick_next(due, cards, now, n=len(due), ahead=False) if due else []


#: A mixed quiz draws from this many ranked candidates per question asked.
CANDIDATES_PER_QUESTION = 3


def plan_quiz(questions: Sequence[Any], cards: Mapping[str, Any], now: datetime, *,
              mode: str = "count", count: int = 10,
              topics: Iterable[str] | None = None, seed: int | None = None) -> list[Any]:
    """The questions of a new quiz, types and topics mixed (the same for the same ``seed``; by
    default the day, so a quiz planned twice in a day is the same quiz).

    - ``due``: only questions due for review (at most ``count``; ``count <= 0`` means all).
    - ``topics``: ``count`` questions of ``topics`` (due first, then new ones from the weakest of
      those topics, then reviewed ones ahead of time).
    - ``count``: ``count`` questions of every topic, picked the same way.

    Due questions always come first; the rest is drawn by :func:`quizapp.quiz_mix.mixed_selection`
    from a ranked list a few times longer than the quiz.
    """
    if mode not in QUIZ_MODES:
        raise ValueError(f"quiz mode must be one of {QUIZ_MODES}, got {mode!r}")
    seed = now.date().toordinal() if seed is None else seed
    topics = list(topics or [])
    if mode == "due":
        due = due_questions(questions, cards, now)
        if topics:
            due = [q for q in due if set(topics).intersection(question_topics(q))]
        due = due[:count] if count > 0 else due
        return spread(due)
    if mode == "topics" and not topics:
        raise ValueError("a quiz by topics needs at least one topic")
    count = max(count, 0)
    ranked = pick_next(questions, cards, now, count * CANDIDATES_PER_QUESTION, topics=topics or None)
    n_due = sum(1 for q in ranked[:count] if is_due(q, cards.get(q.id), now) and q.id in cards)
    chosen = mixed_selection(ranked, count, seed, keep_first=n_due)
    return spread(chosen, fixed=n_due)


@dataclass(frozen=True)
class Answered:
    """One answered question.

    ``correct`` is True/False for automatically checked types and None for ``short``, whose
    ``share`` (0..1) is the part of the key points the learner ticked. ``rating`` is the FSRS
    rating (1 Again .. 4 Easy) the review is recorded with.
    """

    question: Any
    given: Any
    verdict: Verdict
    correct: bool | None
    share: float | None
    rating: int
    duration_ms: int
    ticks: tuple[bool, ...] = ()
    overruled: bool = False  # the learner said the checker was wrong ("I was right")

    @property
    def passed(self) -> bool:
        """Counted as right: correct, or a self-grade that FSRS counts as recalled (rated Hard,
        Good or Easy: only Again is a lapse), so the tally and the schedule agree."""
        if self.correct is not None:
            return self.correct
        return self.rating >= 2


@dataclass(frozen=True)
class TopicScore:
    topic: str
    answered: int
    passed: int


@dataclass(frozen=True)
class QuizSummary:
    """What a finished (or left) quiz adds up to."""

    total: int
    answered: int
    passed: int
    self_graded: int
    topics: tuple[TopicScore, ...] = ()
    missed: tuple[str, ...] = ()  # ids of the questions answered wrong

    @property
    def score(self) -> float:
        return self.passed / self.answered if self.answered else 0.0


def _json_answer(question: Any, given: Any) -> Any:
    """The answer as stored in the review log (a JSON value)."""
    if question.type == "multi" and not isinstance(given, (str, bytes)):
        try:
            return sorted(int(g) for g in given)
        except (TypeError, ValueError):
            return str(given)
    if isinstance(given, (bool, int, float, str)) or given is None:
        return given
    return str(given)


@dataclass
class QuizSession:
    """The state of one quiz over a fixed list of questions.

    ``clock`` returns seconds (monotonic); it times each answer for the review log.
    """

    questions: list[Any]
    lang: str = "ko"
    clock: Callable[[], float] = time.monotonic
    position: int = 0
    phase: str = "question"
    answered: list[Answered] = field(default_factory=list)
    ticks: list[bool] = field(default_factory=list)
    _pending: tuple[Any, Verdict] | None = None
    _started: float = 0.0

    def __post_init__(self) -> None:
        self.questions = list(self.questions)
        if not self.questions:
            self.phase = "done"
        self._started = self.clock()

    # -- where we are ------------------------------------------------------------------------

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def current(self) -> Any | None:
        """The question being asked or shown (None when done)."""
        return None if self.phase == "done" else self.questions[self.position]

    @property
    def last(self) -> Answered | None:
        """The most recent answer (what the feedback phase shows)."""
        return self.answered[-1] if self.answered else None

    @property
    def is_done(self) -> bool:
        return self.phase == "done"

    def remaining_ids(self) -> list[str]:
        """Ids of the questions not answered yet (the current one included unless answered),
        to resume the quiz later."""
        if self.phase == "done":
            return []
        start = self.position + (1 if self.phase == "feedback" else 0)
        return [q.id for q in self.questions[start:]]

    # -- answering ---------------------------------------------------------------------------

    def _require(self, *phases: str) -> None:
        if self.phase not in phases:
            raise PhaseError(f"cannot do that in phase {self.phase!r} (needs {' or '.join(phases)})")

    def _elapsed_ms(self) -> int:
        return max(0, int(round((self.clock() - self._started) * 1000)))

    def submit(self, given: Any) -> Verdict:
        """Answer the current question.

        Auto-checked types move to ``feedback`` with the verdict. ``short`` moves to
        ``self_grade`` with :attr:`ticks` pre-ticked from the keywords the text uses.
        """
        self._require("question")
        question = self.current
        verdict = check_answer(question, given, self.lang)
        if question.type == "short":
            self.ticks = list(verdict.suggested)
            self._pending = (given, verdict)
            self.phase = "self_grade"
            return verdict
        rating = int(rating_for(correct=bool(verdict.correct)))
        self.answered.append(Answered(question, given, verdict, bool(verdict.correct), None,
                                      rating, self._elapsed_ms()))
        self.phase = "feedback"
        return verdict

    def toggle_tick(self, index: int) -> None:
        """Tick or untick key point ``index`` while self-grading."""
        self._require("self_grade")
        if not 0 <= index < len(self.ticks):
            raise IndexError(f"key point {index} out of range (0..{len(self.ticks) - 1})")
        self.ticks[index] = not self.ticks[index]

    def set_ticks(self, ticks: Sequence[bool]) -> None:
        """Replace the ticks while self-grading (one bool per key point)."""
        self._require("self_grade")
        if len(ticks) != len(self.ticks):
            raise ValueError(f"expected {len(self.ticks)} ticks, got {len(ticks)}")
        self.ticks = [bool(t) for t in ticks]

    def confirm_self_grade(self) -> Answered:
        """Finish self-grading a short answer: record the share of key points ticked."""
        self._require("self_grade")
        assert self._pending is not None
        given, verdict = self._pending
        share = self_grade_share(self.ticks)
        answered = Answered(self.current, given, verdict, None, share,
                            int(rating_for(share=share)), self._elapsed_ms(), tuple(self.ticks))
        self.answered.append(answered)
        self._pending = None
        self.phase = "feedback"
        return answered

    def can_overrule(self) -> bool:
        """Whether the learner may say "I was right" now: the verdict on screen is an automatic
        "wrong" of a typed answer (``23`` against ``23.0``, a synonym the bank does not list); a
        picked choice is what it is."""
        a = self.last if self.phase == "feedback" else None
        return (a is not None and a.correct is False and not a.overruled
                and a.question.type in OVERRULABLE_TYPES)

    def overrule(self) -> Answered:
        """Count the last answer as right because the learner says so: rated Good, marked as
        overruled (the review log keeps both the verdict and the overrule)."""
        self._require("feedback")
        if not self.can_overrule():
            raise PhaseError("only an automatic 'wrong' can be overruled")
        a = self.answered[-1]
        self.answered[-1] = replace(a, correct=True, rating=int(rating_for(correct=True)),
                                    overruled=True)
        return self.answered[-1]

    def review_kwargs(self, answered: Answered | None = None) -> dict[str, Any]:
        """Keyword arguments for :meth:`quizapp.store.Store.record_review` of an answer
        (default: the last one)."""
        a = answered or self.last
        if a is None:
            raise PhaseError("nothing answered yet")
        answer: Any = _json_answer(a.question, a.given)
        if a.question.type == "short":
            answer = {"text": answer, "ticks": list(a.ticks)}
        return {
            "question_id": a.question.id, "rating": a.rating, "correct": a.correct,
            "self_grade": a.share, "answer": answer, "duration_ms": a.duration_ms,
            "content_hash": getattr(a.question, "content_hash", None),
        }

    def advance(self) -> Any | None:
        """Go on from the feedback to the next question; returns it (None when the quiz is
        over)."""
        self._require("feedback")
        self.position += 1
        self.ticks = []
        if self.position >= len(self.questions):
            self.phase = "done"
            return None
        self.phase = "question"
        self._started = self.clock()
        return self.current

    # -- the end -----------------------------------------------------------------------------

    def summary(self) -> QuizSummary:
        """Totals so far (over the answered questions), with a line per topic."""
        per_topic: dict[str, list[int]] = {}
        for a in self.answered:
            topic = question_topics(a.question)[0] if question_topics(a.question) else "?"
            row = per_topic.setdefault(topic, [0, 0])
            row[0] += 1
            row[1] += a.passed
        return QuizSummary(
            total=self.total, answered=len(self.answered),
            passed=sum(a.passed for a in self.answered),
            self_graded=sum(a.correct is None for a in self.answered),
            topics=tuple(TopicScore(t, n, p) for t, (n, p) in per_topic.items()),
            missed=tuple(a.question.id for a in self.answered if not a.passed))


def question_gist(question: Any, lang: str, width: int = 110) -> str:
    """One line that tells a question apart from its neighbours (for "to look at again").

    Output questions share a prompt ("What does this code print?"), so their gist adds the
    snippet's last line (what is printed); the result is cut to ``width`` characters."""
    prompt = " ".join(question.prompt.get(lang).split())
    code = getattr(question, "code", None)
    if code:
        lines = [line.strip() for line in str(code).strip().splitlines() if line.strip()]
        if lines:
            prompt = f"{prompt} `{lines[-1]}`"
    return prompt if len(prompt) <= width else prompt[: width - 1] + "…"
