"""The FSRS rating of a kata attempt: how well the learner knew the kata, from the grader's
verdict, the hints they opened and the time they took.

Pure: no store, no clock. :meth:`quizapp.store.Store.record_kata_attempt` calls
:func:`kata_rating` for every attempt and reviews the kata's card with it.
"""

from __future__ import annotations

from fsrs import Rating

__all__ = ["HARD_HINTS", "SLOW_FACTOR", "kata_rating"]

#: Opening this many hints (or more) makes a pass Hard: the learner was walked to the answer.
HARD_HINTS = 2
#: Taking more than this many times the kata's ``minutes`` makes a pass Hard.
SLOW_FACTOR = 2.0

_STATUSES = ("pass", "fail", "error")


def kata_rating(status: str, *, hints_used: int | None = None, time_taken_s: float | None = None,
                minutes: float | None = None) -> Rating:
    """The rating of one kata attempt.

    ==========================================================  ========
    the attempt                                                  rating
    ==========================================================  ========
    failed a check, or could not run (``fail`` / ``error``)      Again
    passed, with 2 hints or more, or after more than 2 x the     Hard
    kata's ``minutes``
    passed within the kata's ``minutes`` and with no hint        Easy
    any other pass (1 hint, or between 1 x and 2 x the           Good
    minutes, or a time or hint count that is not known)
    ==========================================================  ========

    ``hints_used`` and ``time_taken_s`` are None when the caller cannot know them (a grade from
    the command line): a pass then counts as Good, never Easy, because nothing shows it was easy.
    ``minutes`` is the kata's estimated time; without it the time says nothing.
    """
    if status not in _STATUSES:
        raise ValueError(f"kata attempt status must be one of {_STATUSES}, got {status!r}")
    if hints_used is not None and hints_used < 0:
        raise ValueError(f"hints_used cannot be negative, got {hints_used}")
    if time_taken_s is not None and time_taken_s < 0:
        raise ValueError(f"time_taken_s cannot be negative, got {time_taken_s}")
    if status != "pass":
        return Rating.Again
    budget_s = minutes * 60.0 if minutes and minutes > 0 else None
    slow = budget_s is not None and time_taken_s is not None and time_taken_s > SLOW_FACTOR * budget_s
    if (hints_used or 0) >= HARD_HINTS or slow:
        return Rating.Hard
    quick = budget_s is not None and time_taken_s is not None and time_taken_s <= budget_s
    if hints_used == 0 and quick:
        return Rating.Easy
    return Rating.Good
