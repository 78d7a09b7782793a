"""Katas on the review schedule: the rating of an attempt, the kata's own card, due katas mixed
with due questions, and the questions a failed check brings back (with the reason shown)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

import pytest

from quizapp.kata_rating import kata_rating
from quizapp.kata_schedule import (
    attempt_context, due_agenda, due_katas, failed_checks, kata_card_key, related_question_ids,
)
from quizapp.quiz_session import plan_quiz
from quizapp.scheduling import Rating, is_due, pick_next, topic_mastery
from quizapp.store import KATA_SITTING, Store

T0 = datetime(2026, 3, 2, 12, 0, tzinfo=timezone.utc)
FAILED_GRADIENTS = {"version": 3, "status": "fail", "message": None, "tests": [
    {"name": "outputs", "status": "pass"}, {"name": "gradients", "status": "fail"},
    {"name": "dtype", "status": "error"}]}
PASSED = {"version": 3, "status": "pass", "message": None, "tests": [
    {"name": "outputs", "status": "pass"}, {"name": "gradients", "status": "pass"}]}


@dataclass(frozen=True)
class Q:
    id: str
    topic: str
    topics: tuple[str, ...] = ()
    content_hash: str = "h0"
    difficulty: int = 1


QUESTIONS = [Q("lin-1", "nn", ("nn",)), Q("lin-2", "nn", ("nn",)), Q("lin-3", "nn", ("nn",)),
             Q("lin-4", "nn", ("nn",)), Q("grad-1", "autograd", ("autograd",)),
             Q("view-1", "tensors", ("tensors",))]


@pytest.fixture
def store():
    with Store.open(":memory:") as s:
        yield s


def attempt(store, status, when, report=None, **kwargs):
    report = report if report is not None else (PASSED if status == "pass" else FAILED_GRADIENTS)
    return store.record_kata_attempt("custom-linear", "cpu", status, 1.0, "code", report,
                                     when=when, **kwargs)


# -- the rating rule -----------------------------------------------------------------------

@pytest.mark.parametrize("status, hints, seconds, expected", [
    ("fail", 0, 60, Rating.Again),
    ("error", None, None, Rating.Again),
    ("pass", 0, 10 * 60, Rating.Easy),          # within the 15 minutes, no hint
    ("pass", 1, 10 * 60, Rating.Good),          # one hint
    ("pass", 0, 20 * 60, Rating.Good),          # between 1x and 2x the minutes
    ("pass", 2, 5 * 60, Rating.Hard),           # two hints, however quick
    ("pass", 0, 31 * 60, Rating.Hard),          # more than twice the minutes
    ("pass", None, None, Rating.Good),          # the command line knows neither
    ("pass", 0, None, Rating.Good),             # quick is not known: not Easy
])
def test_the_rating_of_an_attempt_follows_the_documented_table(status, hints, seconds, expected):
    assert kata_rating(status, hints_used=hints, time_taken_s=seconds, minutes=15) == expected


def test_the_rating_refuses_what_cannot_be():
    with pytest.raises(ValueError, match="status"):
        kata_rating("maybe")
    with pytest.raises(ValueError, match="hints_used"):
        kata_rating("pass", hints_used=-1)


# -- the kata's card -------------------------------------------------------------------------

def test_an_attempt_reviews_the_katas_card_and_no_question_card(store):
    attempt(store, "pass", T0, hints_used=0, time_taken_s=300, minutes=15)
    cards = store.kata_cards()
    assert list(cards) == ["custom-linear"]
    assert cards["custom-linear"].question_id == kata_card_key("custom-linear")
    assert cards["custom-linear"].reps == 1
    assert store.cards() == {} and store.review_count() == 0
    (recorded,) = store.kata_attempts()
    assert (recorded.rating, recorded.hints_used, recorded.time_taken_s) == (Rating.Easy, 0, 300)


def test_a_passed_kata_comes_back_due_days_later(store):
    attempt(store, "pass", T0)
    due = store.kata_cards()["custom-linear"].due
    assert due - T0 >= timedelta(days=1)          # no same-day learning steps for a kata
    assert due_katas(["custom-linear"], store.kata_cards(), T0) == []
    assert due_katas(["custom-linear"], store.kata_cards(), due) == ["custom-linear"]


def test_an_easy_pass_waits_longer_than_a_hard_one():
    intervals = {}
    for hints in (0, 2):
        with Store.open(":memory:") as s:
            attempt(s, "pass", T0, hints_used=hints, time_taken_s=60, minutes=15)
            intervals[hints] = s.kata_cards()["custom-linear"].due - T0
    assert intervals[0] > intervals[2]


def test_a_string_of_fails_in_one_sitting_is_one_lapse(store):
    attempt(store, "fail", T0)
    attempt(store, "fail", T0 + timedelta(minutes=5))
    attempt(store, "fail", T0 + timedelta(minutes=40))
    assert store.kata_cards()["custom-linear"].reps == 1
    assert [a.rating for a in store.kata_attempts()] == [None, None, Rating.Again]
    attempt(store, "pass", T0 + timedelta(minutes=50))          # the fix counts
    attempt(store, "pass", T0 + timedelta(minutes=55))          # the re-grade on save does not
    assert store.kata_cards()["custom-linear"].reps == 2
    attempt(store, "fail", T0 + timedelta(minutes=55) + KATA_SITTING)  # another day, another try
    assert store.kata_cards()["custom-linear"].reps == 3


def test_due_katas_and_questions_come_in_one_agenda(store):
    store.record_review("view-1", correct=True, when=T0 - timedelta(days=30))
    attempt(store, "pass", T0 - timedelta(days=20))
    katas = [SimpleNamespace(id="custom-linear"), SimpleNamespace(id="never-tried")]
    agenda = due_agenda(QUESTIONS, store.cards(), katas, store.kata_cards(), T0)
    assert [(i.kind, i.id) for i in agenda] == [("question", "view-1"), ("kata", "custom-linear")]
    assert agenda[0].due <= agenda[1].due


# -- a failed check brings back its concepts ------------------------------------------------

def test_failed_checks_are_named_from_the_report():
    assert failed_checks(FAILED_GRADIENTS) == ("gradients", "dtype")
    assert failed_checks(PASSED) == () and failed_checks(None) == ()


def test_a_topic_stands_for_its_weakest_few_questions(store):
    store.record_review("lin-1", correct=True, when=T0 - timedelta(days=1))
    picked = related_question_ids(["grad-1", "nn", "gone-question", "grad-1"], QUESTIONS,
                                  store.cards(), T0, per_topic=2)
    assert picked == ["grad-1", "lin-2", "lin-3"]     # lin-1 is the best known of the topic


def test_a_failed_check_recalls_the_related_questions_with_the_reason(store):
    store.record_review("lin-1", correct=True, when=T0 - timedelta(days=1))
    attempt_id = attempt(store, "fail", T0, related=["lin-1", "grad-1"])
    recalls = store.recalls()
    assert set(recalls) == {"lin-1", "grad-1"}
    assert recalls["grad-1"].kata_id == "custom-linear"
    assert recalls["grad-1"].checks == ("gradients", "dtype")
    assert recalls["grad-1"].attempt_id == attempt_id
    cards = store.cards()
    # due now, and asked before anything else, even before a long-overdue question
    store.record_review("view-1", correct=True, when=T0 - timedelta(days=60))
    cards = store.cards()
    assert all(is_due(q, cards.get(q.id), T0) for q in QUESTIONS if q.id in recalls)
    assert [q.id for q in pick_next(QUESTIONS, cards, T0, n=3)][:2] == ["lin-1", "grad-1"]
    assert [q.id for q in plan_quiz(QUESTIONS, cards, T0, mode="due")][:2] == ["lin-1", "grad-1"]
    # one never reviewed is due, not new, and not counted as seen
    assert cards["grad-1"].reps == 0
    assert topic_mastery(QUESTIONS, cards, T0)["autograd"].seen == 0


def test_answering_a_recalled_question_closes_its_recall(store):
    attempt(store, "fail", T0, related=["grad-1"])
    store.record_review("grad-1", correct=True, when=T0 + timedelta(minutes=3))
    assert store.recalls() == {}
    assert store.cards()["grad-1"].recall is None and store.cards()["grad-1"].reps == 1


def test_a_question_already_recalled_keeps_its_first_reason(store):
    attempt(store, "fail", T0, related=["grad-1"])
    other = {**FAILED_GRADIENTS, "tests": [{"name": "outputs", "status": "fail"}]}
    store.record_kata_attempt("mlp", "cpu", "fail", 1.0, "", other, when=T0, related=["grad-1"])
    assert store.recalls()["grad-1"].kata_id == "custom-linear"


@pytest.mark.parametrize("status", ["pass", "error"])
def test_only_a_failed_check_recalls(store, status):
    report = PASSED if status == "pass" else {"version": 3, "status": "error", "tests": []}
    attempt(store, status, T0, report=report, related=["grad-1"])
    assert store.recalls() == {}


def test_attempt_context_reads_minutes_and_related_from_the_kata(store):
    spec = SimpleNamespace(minutes=15, related=["nn"])
    context = attempt_context(spec, QUESTIONS, store.cards(), T0, hints_used=1)
    assert context["minutes"] == 15 and context["hints_used"] == 1
    assert context["related"] == ["lin-1", "lin-2", "lin-3"]
    # a kata model without `related` yet, and a kata the catalogue cannot read
    assert attempt_context(SimpleNamespace(minutes=5), QUESTIONS, {}, T0)["related"] == []
    assert attempt_context(None, QUESTIONS, {}, T0) == {
        "minutes": None, "related": [], "hints_used": None, "time_taken_s": None}


# -- the screens ---------------------------------------------------------------------------

def test_home_names_a_due_kata_first(store):
    from quizapp.banks import BankSet
    from quizapp.tui.data import AppData, home_summary

    katas = [SimpleNamespace(id=k, ok=True, difficulty=1) for k in ("custom-linear", "other")]
    attempt(store, "pass", T0 - timedelta(days=30))
    summary = home_summary(AppData(banks=BankSet(), katas=katas), store, T0, "en")
    assert summary.due_katas == ("custom-linear",)
    assert summary.next_kata == "custom-linear"
    assert [(i.kind, i.id) for i in summary.agenda] == [("kata", "custom-linear")]


def test_the_quiz_says_why_a_question_came_back(tui_env):
    from tui_support import FIXED_NOW, running_app, settle, text_of

    with Store.open(tui_env.db) as s:
        s.recall_questions(["tui-autograd-leaf"], "double", ["gradients"], when=FIXED_NOW)

    async def run():
        async with running_app(lang="en") as pilot:
            pilot.app.start_planned_quiz("due", [], 0)
            await settle(pilot)
            screen = pilot.app.screen
            assert screen.session.current.id == "tui-autograd-leaf"
            assert "Back because double failed: gradients" in text_of(screen.query_one("#quiz-meta"))
            pilot.app.lang = "ko"
            await settle(pilot)
            assert "카타 double의 검사 실패 (gradients)" in text_of(
                pilot.app.screen.query_one("#quiz-meta"))

    asyncio.run(run())


def test_kata_list_marks_a_kata_that_is_due_again(tmp_path, capsys):
    from datetime import datetime, timedelta, timezone

    from quizapp.cli import main
    from quizapp.store import Store

    db = tmp_path / "p.db"
    long_ago = datetime.now(timezone.utc) - timedelta(days=400)
    with Store.open(db) as store:
        store.record_kata_attempt("custom-linear", "cpu", "pass", 1.0, "code", {"status": "pass"},
                                  when=long_ago)
    assert main(["kata", "list", "--db", str(db), "--lang", "en"]) == 0
    row = next(line for line in capsys.readouterr().out.splitlines()
               if line.startswith("custom-linear "))
    assert " due " in row
