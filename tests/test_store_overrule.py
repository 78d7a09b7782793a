"""'I was right': an automatic wrong overruled by the learner, recorded as such in the store."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from quizapp.scheduling import Rating
from quizapp.store import Store

T0 = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)


def test_an_overruled_wrong_schedules_the_card_as_a_right_answer(tmp_path):
    with Store.open(tmp_path / "a.db") as overruled, Store.open(tmp_path / "b.db") as right:
        for store in (overruled, right):
            store.record_review("q", correct=True, when=T0)
        wrong = overruled.record_review("q", correct=False, answer="23.0", when=T0 + timedelta(days=3))
        right.record_review("q", correct=True, when=T0 + timedelta(days=3))
        record = overruled.overrule_review(wrong.id)
        assert record.overrules == wrong.id and record.correct and record.rating == Rating.Good
        mine, theirs = overruled.card("q").card, right.card("q").card
        assert mine.state == theirs.state and mine.stability == pytest.approx(theirs.stability)
        assert mine.difficulty == pytest.approx(theirs.difficulty)
        assert abs(mine.due - theirs.due) <= timedelta(days=5)    # FSRS fuzzes the interval
        log = overruled.reviews("q")
        assert [r.rating for r in log] == [3, 1, 3] and log[-1].overrules == log[1].id
        assert overruled.review_count() == 2                       # one answer, counted once
        assert [e.rating for e in overruled.review_events()] == [3, 3]


def test_only_the_latest_automatic_wrong_can_be_overruled(tmp_path):
    with Store.open(tmp_path / "p.db") as store:
        first = store.record_review("q", correct=False, when=T0)
        store.record_review("q", correct=False, when=T0 + timedelta(days=1))
        with pytest.raises(ValueError):
            store.overrule_review(first.id)                         # not the latest
        right = store.record_review("r", correct=True, when=T0)
        with pytest.raises(ValueError):
            store.overrule_review(right.id)                         # not a wrong
        graded = store.record_review("s", self_grade=0.0, when=T0)
        with pytest.raises(ValueError):
            store.overrule_review(graded.id)                        # a self-grade, not a verdict
        last = store.reviews("q")[-1]
        store.overrule_review(last.id)
        with pytest.raises(ValueError):
            store.overrule_review(last.id)                          # once
