"""How well FSRS's predictions match what the learner actually recalled.

Pure: it takes the review log (:class:`quizapp.scheduling.ReviewEvent`, from
:meth:`quizapp.store.Store.review_events`) and a set of FSRS parameters, and replays every card's
history with those parameters, as FSRS's optimizer does:

- the *predicted* retention of a review is the card's retrievability at the review's time,
  computed from the card's state before that review;
- it was *recalled* when the rating is above Again;
- only reviews that come on a later day than the card's previous review count (the optimizer's
  rule: on the same day FSRS predicts certain recall, so those learning steps say nothing about
  memory), and only each card's first :data:`MAX_REVIEWS_PER_CARD` reviews, like the optimizer.

Figures: per month, the mean predicted retention beside the share actually recalled; over the whole
log, the log-loss (mean binary cross-entropy, lower is better) and the RMSE over bins of predicted
retention (the calibration error FSRS's benchmarks report as "RMSE (bins)": predictions are put in
:data:`RMSE_BINS` equal-width bins, and the root of the count-weighted mean squared gap between the
mean prediction and the share recalled in each bin).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from fsrs import Card, Rating, Scheduler

from quizapp.scheduling import DEFAULT_PARAMETERS, ReviewEvent, utc

__all__ = [
    "Calibration", "MAX_REVIEWS_PER_CARD", "Metrics", "MonthCalibration", "Prediction",
    "RMSE_BINS", "calibration", "compare", "histories", "metrics", "predictions",
    "usable_review_count",
]

#: The optimizer learns from the first 64 reviews of each card (py-fsrs ``max_seq_len``).
MAX_REVIEWS_PER_CARD = 64
RMSE_BINS = 20
_EPS = 1e-6  # keeps log(0) out of the log-loss when FSRS predicts 0 or 1


@dataclass(frozen=True)
class Prediction:
    """One counted review: what FSRS predicted, and whether the learner recalled."""

    event: ReviewEvent
    predicted: float
    recalled: bool


@dataclass(frozen=True)
class Metrics:
    """Log-loss and RMSE (bins) of a set of parameters over ``reviews`` counted reviews."""

    reviews: int
    log_loss: float | None
    rmse: float | None

    def to_json(self) -> dict:
        return {"reviews": self.reviews, "log_loss": _round(self.log_loss),
                "rmse": _round(self.rmse)}


@dataclass(frozen=True)
class MonthCalibration:
    """One month (``YYYY-MM``, the learner's local calendar): mean predicted retention and the
    share of those reviews recalled."""

    month: str
    reviews: int
    predicted: float
    recalled: float

    def to_json(self) -> dict:
        return {"month": self.month, "reviews": self.reviews,
                "predicted": _round(self.predicted), "recalled": _round(self.recalled)}


@dataclass(frozen=True)
class Calibration:
    """Predicted against actual retention per month, and the whole log's metrics."""

    months: tuple[MonthCalibration, ...]
    metrics: Metrics
    parameters: tuple[float, ...]

    def to_json(self) -> dict:
        return {"months": [m.to_json() for m in self.months], **self.metrics.to_json()}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def histories(events: Iterable[ReviewEvent]) -> dict[str, list[ReviewEvent]]:
    """Each card's reviews in time order (cards in the order of their first review)."""
    by_card: dict[str, list[ReviewEvent]] = {}
    for event in sorted(events, key=lambda e: utc(e.at)):
        by_card.setdefault(event.card, []).append(event)
    return by_card


def _counts(previous: ReviewEvent | None, event: ReviewEvent) -> bool:
    """Whether a review counts: the card had a review before, on an earlier day (at least 24 h
    before, as FSRS counts days)."""
    return previous is not None and utc(event.at) - utc(previous.at) >= timedelta(days=1)


def usable_review_count(events: Iterable[ReviewEvent]) -> int:
    """How many reviews FSRS's optimizer can learn from (see the module's rules). It needs
    512 of them; with fewer it returns its default parameters."""
    count = 0
    for history in histories(events).values():
        history = history[:MAX_REVIEWS_PER_CARD]
        count += sum(_counts(a, b) for a, b in zip(history, history[1:]))
    return count


def predictions(events: Iterable[ReviewEvent],
                parameters: Sequence[float] | None = None) -> list[Prediction]:
    """Every counted review with the retrievability FSRS (with ``parameters``, default FSRS-6's)
    predicted for it, in the order of the cards' first reviews."""
    scheduler = Scheduler(parameters=tuple(parameters or DEFAULT_PARAMETERS),
                          enable_fuzzing=False)
    result: list[Prediction] = []
    for history in histories(events).values():
        card, previous = Card(card_id=1, due=utc(history[0].at)), None
        for event in history[:MAX_REVIEWS_PER_CARD]:
            when = utc(event.at)
            if _counts(previous, event):
                predicted = float(scheduler.get_card_retrievability(card, current_datetime=when))
                result.append(Prediction(event, predicted, event.rating > Rating.Again))
            card, _ = scheduler.review_card(card, Rating(event.rating), review_datetime=when)
            previous = event
    return result


def _log_loss(preds: Sequence[Prediction]) -> float | None:
    if not preds:
        return None
    total = 0.0
    for p in preds:
        q = min(max(p.predicted, _EPS), 1 - _EPS)
        total -= math.log(q) if p.recalled else math.log(1 - q)
    return total / len(preds)


def _rmse_bins(preds: Sequence[Prediction], bins: int = RMSE_BINS) -> float | None:
    if not preds:
        return None
    sums: dict[int, list[float]] = {}
    for p in preds:
        b = sums.setdefault(min(int(p.predicted * bins), bins - 1), [0, 0.0, 0.0])
        b[0] += 1
        b[1] += p.predicted
        b[2] += p.recalled
    squared = sum(n * (pred / n - recalled / n) ** 2 for n, pred, recalled in sums.values())
    return math.sqrt(squared / len(preds))


def metrics(events: Iterable[ReviewEvent], parameters: Sequence[float] | None = None) -> Metrics:
    """Log-loss and RMSE (bins) of ``parameters`` over the log (None where nothing counts)."""
    preds = predictions(events, parameters)
    return Metrics(len(preds), _log_loss(preds), _rmse_bins(preds))


def compare(events: Sequence[ReviewEvent],
            parameter_sets: dict[str, Sequence[float] | None]) -> dict[str, Metrics]:
    """:func:`metrics` of several named parameter sets over the same log (e.g. ``defaults``,
    ``current``, ``fitted``)."""
    events = list(events)
    return {name: metrics(events, params) for name, params in parameter_sets.items()}


def _month(event: ReviewEvent) -> str:
    day = event.day or utc(event.at).date()
    return f"{day.year:04d}-{day.month:02d}"


def calibration(events: Iterable[ReviewEvent],
                parameters: Sequence[float] | None = None) -> Calibration:
    """Predicted against recalled retention per month (oldest first) and the log's metrics, with
    ``parameters`` (default FSRS-6's; pass ``store.scheduler.parameters`` for the learner's)."""
    preds = predictions(events, parameters)
    per_month: dict[str, list[float]] = {}
    for p in preds:
        m = per_month.setdefault(_month(p.event), [0, 0.0, 0.0])
        m[0] += 1
        m[1] += p.predicted
        m[2] += p.recalled
    months = tuple(MonthCalibration(month, n, pred / n, rec / n)
                   for month, (n, pred, rec) in sorted(per_month.items()))
    return Calibration(months, Metrics(len(preds), _log_loss(preds), _rmse_bins(preds)),
                       tuple(parameters or DEFAULT_PARAMETERS))
