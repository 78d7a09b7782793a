"""The clock of a mock interview: the countdown, its colours, and the state of a run.

``MockRun`` keeps which item is open, what was answered, the seconds each item took and how much
time is left, on an injectable clock (``time.monotonic`` in the app, a fake one in tests).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from quizapp.mock.plan import Plan

#: The countdown turns amber at five minutes left and red at one.
WARNING_S = 5 * 60
DANGER_S = 60


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
    whole = int(seconds) if up else math.ceil(seconds - 1e-6)
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
