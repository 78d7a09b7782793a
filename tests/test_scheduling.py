"""Pure scheduling: ratings, FSRS reviews, what to ask next, mastery per topic."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import pytest

from quizapp.scheduling import (
    SELF_GRADE_THRESHOLDS, CardRecord, Rating, Scheduler, State, is_changed, is_due, new_card,
    pick_next, question_topics, rating_for, rating_from_share, retrievability, review,
    topic_mastery,
)

NOW = datetime(2025, 3, 10, 12, 0, tzinfo=timezone.utc)
NO_FUZZ = Scheduler(enable_fuzzing=False)


@dataclass(frozen=True)
class Q:
    id: str
    topic: str
    topics: tuple[str, ...] = ()
    content_hash: str = "h0"
    difficulty: object = None


def reviewed(qid: str, ratings, start: datetime, gap=timedelta(days=1), content_hash="h0",
             card_id=1) -> CardRecord:
    """A card reviewed with ``ratings``, ``gap`` apart, starting at ``start``."""
    card, when = new_card(card_id, start), start
    for rating in ratings:
        card, _ = review(card, rating, when, NO_FUZZ)
        when += gap
    return CardRecord(qid, card, content_hash=content_hash, reps=len(ratings))


def due_at(qid: str, due: datetime, content_hash="h0") -> CardRecord:
    """A card in Review state due at ``due``, last reviewed 3 days before."""
    rec = reviewed(qid, [Rating.Good, Rating.Good], due - timedelta(days=10),
                   content_hash=content_hash)
    card = rec.card
    card.due = due
    card.last_review = due - timedelta(days=3)
    return CardRecord(qid, card, content_hash=content_hash, reps=2)


# -- ratings -------------------------------------------------------------------------------

@pytest.mark.parametrize("share, expected", [
    (0.0, Rating.Again), (0.49, Rating.Again), (0.5, Rating.Hard), (0.74, Rating.Hard),
    (0.75, Rating.Good), (0.99, Rating.Good), (1.0, Rating.Easy),
])
def test_self_grade_share_maps_to_rating(share, expected):
    assert rating_from_share(share) == expected


def test_thresholds_are_the_documented_table():
    assert [b for b, _ in SELF_GRADE_THRESHOLDS] == [0.5, 0.75, 1.0]
    assert [r for _, r in SELF_GRADE_THRESHOLDS] == [Rating.Again, Rating.Hard, Rating.Good]


@pytest.mark.parametrize("share", [-0.1, 1.01])
def test_share_out_of_range_is_refused(share):
    with pytest.raises(ValueError):
        rating_from_share(share)


def test_auto_graded_is_again_or_good():
    assert rating_for(correct=True) == Rating.Good
    assert rating_for(correct=False) == Rating.Again
    assert rating_for(share=1.0) == Rating.Easy
    with pytest.raises(ValueError):
        rating_for()
    with pytest.raises(ValueError):
        rating_for(correct=True, share=0.5)


# -- FSRS wrapping -------------------------------------------------------------------------

def test_review_moves_due_forward_and_again_keeps_it_short():
    card = new_card(7, NOW)
    good, log = review(card, Rating.Good, NOW, NO_FUZZ, duration_ms=1200)
    assert log.card_id == 7 and log.review_duration == 1200
    assert good.last_review == NOW and good.due > NOW
    # Learned: Good on the next step graduates to Review with a due date days away.
    later, _ = review(good, Rating.Good, good.due, NO_FUZZ)
    assert later.state == State.Review
    assert later.due - good.due >= timedelta(days=1)
    again, _ = review(later, Rating.Again, later.due, NO_FUZZ)
    assert again.state == State.Relearning
    assert again.due - later.due < timedelta(hours=1)


def test_review_accepts_naive_and_non_utc_datetimes_as_utc():
    kst = timezone(timedelta(hours=9))
    card, _ = review(new_card(1, NOW), Rating.Good, NOW.astimezone(kst), NO_FUZZ)
    assert card.last_review == NOW and card.last_review.tzinfo == timezone.utc
    card, _ = review(new_card(1, NOW), Rating.Good, NOW.replace(tzinfo=None), NO_FUZZ)
    assert card.last_review == NOW


def test_retrievability_is_zero_unseen_and_falls_with_time():
    assert retrievability(None, NOW) == 0.0
    rec = reviewed("a", [Rating.Good, Rating.Good, Rating.Good], NOW - timedelta(days=30),
                   gap=timedelta(days=5))
    last = rec.card.last_review
    r0 = retrievability(rec.card, last, NO_FUZZ)
    r10 = retrievability(rec.card, last + timedelta(days=10), NO_FUZZ)
    r100 = retrievability(rec.card, last + timedelta(days=100), NO_FUZZ)
    assert r0 == pytest.approx(1.0)
    assert 1.0 > r10 > r100 > 0.0


# -- changed content, due --------------------------------------------------------------------

def test_edited_question_is_flagged_changed_and_due():
    q = Q("a", "t", content_hash="h1")
    rec = due_at("a", NOW + timedelta(days=5), content_hash="h0")
    assert is_changed(q, rec)
    assert is_due(q, rec, NOW)
    assert not is_changed(Q("a", "t", content_hash="h0"), rec)
    assert not is_due(Q("a", "t", content_hash="h0"), rec, NOW)
    assert not is_changed(q, None)


def test_question_topics_main_first_without_repeats():
    assert question_topics(Q("a", "x", topics=("y", "x", "z"))) == ("x", "y", "z")
    assert question_topics(Q("a", "x")) == ("x",)


# -- pick_next -----------------------------------------------------------------------------

def test_due_first_most_overdue_first_then_new():
    qs = [Q("n1", "t"), Q("d1", "t"), Q("d2", "t"), Q("later", "t")]
    cards = {
        "d1": due_at("d1", NOW - timedelta(days=1)),
        "d2": due_at("d2", NOW - timedelta(days=5)),
        "later": due_at("later", NOW + timedelta(days=5)),
    }
    assert [q.id for q in pick_next(qs, cards, NOW, 3)] == ["d2", "d1", "n1"]
    assert [q.id for q in pick_next(qs, cards, NOW, 1)] == ["d2"]
    # With ahead (the default) a session can go on with questions not due yet; without, not.
    assert [q.id for q in pick_next(qs, cards, NOW, 10)] == ["d2", "d1", "n1", "later"]
    assert [q.id for q in pick_next(qs, cards, NOW, 10, ahead=False)] == ["d2", "d1", "n1"]


def test_new_questions_come_from_the_weakest_topics_in_turn():
    qs = [Q(f"strong{i}", "strong") for i in range(4)]
    qs += [Q(f"weak{i}", "weak") for i in range(4)]
    qs += [Q(f"mid{i}", "mid") for i in range(4)]
    # strong: 3 of 4 well known; mid: 1 of 4 known; weak: nothing known.
    cards = {}
    for qid in ("strong0", "strong1", "strong2", "mid0"):
        cards[qid] = reviewed(qid, [Rating.Good, Rating.Good], NOW - timedelta(days=2))
        cards[qid].card.due = NOW + timedelta(days=30)
    picked = [q.id for q in pick_next(qs, cards, NOW, 5, ahead=False)]
    assert picked == ["weak0", "mid1", "strong3", "weak1", "mid2"]


def test_easier_new_questions_first_within_a_topic():
    qs = [Q("hard", "t", difficulty=3), Q("easy", "t", difficulty="easy"), Q("mid", "t")]
    assert [q.id for q in pick_next(qs, {}, NOW, 3)] == ["easy", "mid", "hard"]


def test_never_twice_and_exclusions_and_topic_filter():
    qs = [Q("a", "x"), Q("a", "x"), Q("b", "y", topics=("z",)), Q("c", "z"), Q("d", "x")]
    picked = [q.id for q in pick_next(qs, {}, NOW, 10)]
    assert sorted(picked) == ["a", "b", "c", "d"] and len(picked) == len(set(picked))
    assert "a" not in [q.id for q in pick_next(qs, {}, NOW, 10, exclude_ids={"a"})]
    assert sorted(q.id for q in pick_next(qs, {}, NOW, 10, topics=["z"])) == ["b", "c"]
    assert pick_next(qs, {}, NOW, 0) == []
    # A whole session of picks, asking for one at a time, never repeats a question.
    session: list[str] = []
    while (nxt := pick_next(qs, {}, NOW, 1, exclude_ids=session)):
        session.append(nxt[0].id)
    assert sorted(session) == ["a", "b", "c", "d"]


def test_changed_question_is_picked_as_due():
    qs = [Q("new", "t"), Q("edited", "t", content_hash="h2")]
    cards = {"edited": due_at("edited", NOW + timedelta(days=20), content_hash="h1")}
    assert [q.id for q in pick_next(qs, cards, NOW, 1)] == ["edited"]


# -- mastery -------------------------------------------------------------------------------

def test_topic_mastery_counts_and_recall():
    qs = [Q("a", "x"), Q("b", "x"), Q("c", "y", topics=("x",)), Q("d", "y")]
    cards = {
        "a": reviewed("a", [Rating.Good, Rating.Good, Rating.Good], NOW - timedelta(days=3)),
        "c": due_at("c", NOW - timedelta(days=1)),
    }
    m = topic_mastery(qs, cards, NOW, scheduler=NO_FUZZ)
    assert list(m) == ["x", "y"]
    assert (m["x"].questions, m["x"].seen, m["x"].due) == (3, 2, 1)
    assert (m["y"].questions, m["y"].seen, m["y"].due) == (2, 1, 1)
    r_a = retrievability(cards["a"].card, NOW, NO_FUZZ)
    r_c = retrievability(cards["c"].card, NOW, NO_FUZZ)
    assert m["x"].recall_now == pytest.approx((r_a + 0 + r_c) / 3)
    assert m["y"].recall_now == pytest.approx((r_c + 0) / 2)
    assert m["x"].recall_target is None


def test_recall_on_target_date_is_lower_than_now():
    qs = [Q("a", "x")]
    cards = {"a": reviewed("a", [Rating.Good, Rating.Good], NOW - timedelta(days=1))}
    m = topic_mastery(qs, cards, NOW, target=NOW + timedelta(days=60), scheduler=NO_FUZZ)["x"]
    assert 0 < m.recall_target < m.recall_now <= 1
    unseen = topic_mastery([Q("z", "x")], {}, NOW, target=NOW + timedelta(days=1))["x"]
    assert unseen.recall_now == 0 and unseen.recall_target == 0
