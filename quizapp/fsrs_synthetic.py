"""Synthetic review logs from known FSRS parameters, for the fit's benchmark and tests.

A simulated learner whose memory follows FSRS with ``true_parameters`` studies cards on the
schedule the app would give them (FSRS-6 defaults, desired retention 0.9): each review comes when
the card is due, plus a delay of up to ``max_delay_hours`` (people are late). Whether the learner
recalls is drawn from the retrievability of their *true* memory at that moment; a recall is rated
Hard, Good or Easy with fixed odds, a lapse Again. A card's reviews stop at ``horizon_days``
after the log's start, so the log spans what a learner's would (two years by default), not the
decades that a dozen growing intervals can reach. Since the log was made from known parameters, a
fit can be judged by how much better than the defaults it predicts the recalls.

Deterministic for a given ``seed``.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from fsrs import Card, Rating, Scheduler

from quizapp.scheduling import DEFAULT_PARAMETERS, ReviewEvent

__all__ = ["FORGETFUL_LEARNER", "synthetic_log"]


def _forgetful() -> tuple[float, ...]:
    """A learner who forgets much faster than FSRS-6's average user: first stabilities of
    about a tenth to a third of the defaults, and smaller gains after each recall."""
    params = list(DEFAULT_PARAMETERS)
    params[0:4] = [0.08, 0.4, 0.9, 3.0]  # initial stability after Again, Hard, Good, Easy (days)
    params[8] = 1.3                      # how much a recall multiplies stability (exp(w8))
    params[10] = 0.6                     # how much low retrievability boosts that gain
    return tuple(params)


#: The parameters the benchmark and the tests simulate (a learner the defaults misjudge).
FORGETFUL_LEARNER = _forgetful()

_FIRST_RATINGS = ((Rating.Again, Rating.Hard, Rating.Good, Rating.Easy), (0.2, 0.05, 0.65, 0.1))
_RECALL_RATINGS = ((Rating.Hard, Rating.Good, Rating.Easy), (0.1, 0.8, 0.1))


def synthetic_log(reviews: int, *, true_parameters: tuple[float, ...] = FORGETFUL_LEARNER,
                  reviews_per_card: int = 12, seed: int = 0, max_delay_hours: float = 36.0,
                  start: datetime = datetime(2025, 1, 1, 9, tzinfo=timezone.utc),
                  spread_days: int = 120, horizon_days: int = 730) -> list[ReviewEvent]:
    """``reviews`` review events of simulated cards (ids ``c1``, ``c2``, ...), each card with up
    to ``reviews_per_card`` reviews, first studied on a day within ``spread_days`` of ``start``
    and reviewed until ``horizon_days`` after it. Review durations are 3-30 s, so the optimal
    retention can be computed too. The events come card after card (the fit and the calibration
    sort them by time)."""
    if reviews < 0 or reviews_per_card < 1:
        raise ValueError("need reviews >= 0 and reviews_per_card >= 1")
    if not 0 < spread_days < horizon_days:
        raise ValueError("need 0 < spread_days < horizon_days")
    end = start + timedelta(days=horizon_days)
    rng = random.Random(seed)
    app = Scheduler(enable_fuzzing=False)
    memory = Scheduler(parameters=true_parameters, enable_fuzzing=False)
    log: list[ReviewEvent] = []
    card_number = 0
    while len(log) < reviews:
        card_number += 1
        when = start + timedelta(days=rng.randrange(spread_days), minutes=rng.randrange(600))
        scheduled, true_state = Card(card_id=card_number, due=when), Card(card_id=card_number,
                                                                            due=when)
        for _ in range(min(reviews_per_card, reviews - len(log))):
            if when >= end:
                break
            if true_state.last_review is None:
                rating = rng.choices(*_FIRST_RATINGS)[0]
            elif rng.random() < memory.get_card_retrievability(true_state, current_datetime=when):
                rating = rng.choices(*_RECALL_RATINGS)[0]
            else:
                rating = Rating.Again
            log.append(ReviewEvent(f"c{card_number}", when, int(rating),
                                   rng.randrange(3000, 30000)))
            scheduled, _ = app.review_card(scheduled, rating, review_datetime=when)
            true_state, _ = memory.review_card(true_state, rating, review_datetime=when)
            when = scheduled.due + timedelta(hours=rng.uniform(0, max_delay_hours))
    return log
