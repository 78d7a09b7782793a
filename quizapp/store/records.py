"""The records the store returns: frozen dataclasses, one per kind of row.

Times are timezone-aware UTC datetimes; JSON columns come back decoded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class ReviewRecord:
    """One row of the append-only review log (the card's state after the review included)."""

    id: int
    question_id: str
    reviewed_at: datetime
    rating: int
    answer: Any = None
    correct: bool | None = None
    self_grade: float | None = None
    duration_ms: int | None = None
    content_hash: str | None = None
    source: str = "quiz"
    mock_session_id: int | None = None
    state: int | None = None
    stability: float | None = None
    difficulty: float | None = None
    due: datetime | None = None
    overrules: int | None = None  # the id of the review this one overrules ("I was right")


@dataclass(frozen=True)
class KataAttempt:
    id: int
    kata_id: str
    attempted_at: datetime
    status: str
    device: str | None = None
    duration_s: float | None = None
    code: str | None = None
    report: dict | None = None
    source: str = "cli"
    mock_session_id: int | None = None
    rating: int | None = None  # what the kata's card was reviewed with (None: left as it was)
    hints_used: int | None = None
    time_taken_s: float | None = None


@dataclass(frozen=True)
class StoredFit:
    """One fit of the learner's FSRS parameters: when, from how many reviews (``reviews`` in the
    log, ``reviews_used`` the optimizer learnt from), the 21 parameters, py-fsrs's optimal
    retention (or the reason it is missing), the metrics before and after, and the fit's time."""

    id: int
    fitted_at: datetime
    reviews: int
    reviews_used: int
    parameters: tuple[float, ...]
    optimal_retention: float | None = None
    optimal_retention_note: str | None = None
    metrics: dict | None = None
    seconds: float | None = None


@dataclass(frozen=True)
class KataStatus:
    """``status`` is ``never`` (no attempt), ``failing`` (attempts, none passed) or ``passed``."""

    kata_id: str
    status: str
    attempts: int = 0
    last_attempt_at: datetime | None = None
    last_status: str | None = None
    first_passed_at: datetime | None = None
    last_passed_at: datetime | None = None


@dataclass(frozen=True)
class MockItem:
    id: int
    session_id: int
    position: int
    kind: str
    item_id: str
    answer: Any = None
    correct: bool | None = None
    score: float | None = None
    time_used_s: float | None = None
    verdict: Any = None
    recorded_at: datetime | None = None


@dataclass(frozen=True)
class MockSession:
    id: int
    started_at: datetime
    finished_at: datetime | None = None
    minutes: int | None = None
    seed: int | None = None
    plan: Any = None
    scores: Any = None
    report: Any = None
    items: tuple[MockItem, ...] = field(default_factory=tuple)
