"""The quiz session state machine and quiz planning, without a UI."""

from __future__ import annotations

from datetime import timedelta

import pytest
from tui_support import FIXED_NOW, TUI_QUESTIONS

from quizapp.banks import load_banks
from quizapp.quiz_session import PhaseError, QuizSession, due_questions, plan_quiz
from quizapp.store import Store


@pytest.fixture(scope="module")
def banks():
    return load_banks(TUI_QUESTIONS, cache=False)


def q(banks, qid):
    return banks.by_id[qid]


class Clock:
    def __init__(self):
        self.t = 100.0

    def __call__(self):
        return self.t


def test_auto_checked_answers_move_to_feedback_with_a_rating(banks):
    clock = Clock()
    session = QuizSession([q(banks, "tui-mcq-view"), q(banks, "tui-cloze-unsqueeze")],
                          lang="en", clock=clock)
    assert session.phase == "question" and session.current.id == "tui-mcq-view"
    clock.t += 4.25
    verdict = session.submit(1)                          # wrong
    assert verdict.correct is False and session.phase == "feedback"
    kwargs = session.review_kwargs()
    assert kwargs["question_id"] == "tui-mcq-view" and kwargs["rating"] == 1
    assert kwargs["correct"] is False and kwargs["duration_ms"] == 4250
    assert kwargs["content_hash"] == q(banks, "tui-mcq-view").content_hash
    with pytest.raises(PhaseError):
        session.submit(0)                                # no second answer
    assert session.advance().id == "tui-cloze-unsqueeze"
    assert session.submit(" `Unsqueeze` ").correct        # normalised like the CLI
    assert session.review_kwargs()["rating"] == 3
    assert session.advance() is None and session.is_done
    s = session.summary()
    assert (s.answered, s.passed, s.missed) == (2, 1, ("tui-mcq-view",))


def test_short_answers_are_self_graded_from_the_ticks(banks):
    session = QuizSession([q(banks, "tui-short-broadcast")], lang="ko")
    verdict = session.submit("뒤쪽 차원부터 비교한다")
    assert verdict.correct is None and session.phase == "self_grade"
    assert session.ticks == [True, False, False]
    with pytest.raises(PhaseError):
        session.advance()
    session.toggle_tick(1)
    answered = session.confirm_self_grade()
    assert answered.share == pytest.approx(2 / 3) and answered.rating == 2   # Hard
    assert session.review_kwargs()["answer"] == {"text": "뒤쪽 차원부터 비교한다",
                                                 "ticks": [True, True, False]}
    assert session.review_kwargs()["self_grade"] == pytest.approx(2 / 3)


def test_every_type_and_remaining_ids(banks):
    ids = ["tui-multi-dtypes", "tui-truefalse-contiguous", "tui-output-sum"]
    session = QuizSession([q(banks, i) for i in ids])
    assert session.remaining_ids() == ids
    assert session.submit([2, 0]).correct                # order does not matter
    assert session.remaining_ids() == ids[1:]            # answered: not resumed again
    session.advance()
    assert session.submit(True).correct
    session.advance()
    assert session.submit("tensor([4,   6])").correct     # spacing does not count
    assert session.review_kwargs()["answer"] == "tensor([4,   6])"
    session.advance()
    assert session.remaining_ids() == [] and session.summary().passed == 3


def test_an_empty_quiz_is_done_at_once():
    assert QuizSession([]).is_done


def test_plan_quiz_modes(banks, tmp_path):
    with Store.open(tmp_path / "p.db") as store:
        store.record_review("tui-mcq-view", correct=False, when=FIXED_NOW - timedelta(days=3))
        cards = store.cards()
    due = due_questions(banks.questions, cards, FIXED_NOW)
    assert [x.id for x in due] == ["tui-mcq-view"]
    assert [x.id for x in plan_quiz(banks.questions, cards, FIXED_NOW, mode="due")] == \
        ["tui-mcq-view"]
    by_topic = plan_quiz(banks.questions, cards, FIXED_NOW, mode="topics",
                         topics=["autograd"], count=5)
    assert {x.topic for x in by_topic} == {"autograd"} and len(by_topic) == 2
    mixed = plan_quiz(banks.questions, cards, FIXED_NOW, mode="count", count=3)
    assert mixed[0].id == "tui-mcq-view" and len(mixed) == 3      # due first
    with pytest.raises(ValueError):
        plan_quiz(banks.questions, cards, FIXED_NOW, mode="topics", topics=[])
    with pytest.raises(ValueError):
        plan_quiz(banks.questions, cards, FIXED_NOW, mode="sometimes")


def test_the_missed_list_tells_output_questions_apart():
    from quizapp.quiz_session import question_gist

    outputs = [q for q in load_banks().questions if q.type == "output"][:40]
    assert len(outputs) == 40
    gists = [question_gist(q, lang) for q in outputs for lang in ("ko", "en")]
    assert len(set(gists)) >= 0.9 * len(gists)  # not one "What does this code print?" for all
    assert all(len(g) <= 110 for g in gists)


def test_a_self_grade_rated_hard_counts_as_right_as_fsrs_does(banks):
    from quizapp.quiz_session import Answered
    from quizapp.scheduling import rating_for

    short = next(x for x in banks.questions if x.type == "short")
    hard = int(rating_for(share=2 / 3))
    assert hard == 2  # two of three key points: Hard, a pass for FSRS
    answered = Answered(short, "text", None, None, 2 / 3, hard, 0)
    assert answered.passed
    assert not Answered(short, "", None, None, 0.0, int(rating_for(share=0.0)), 0).passed


def test_an_automatic_wrong_can_be_overruled_once_and_counts_as_right(banks):
    session = QuizSession([q(banks, "tui-output-sum")], lang="en")
    verdict = session.submit("definitely not the output")
    assert verdict.correct is False and session.can_overrule()
    answered = session.overrule()
    assert answered.correct is True and answered.overruled and answered.rating == 3
    assert session.summary().passed == 1
    assert not session.can_overrule()
    with pytest.raises(PhaseError):
        session.overrule()


def test_a_right_answer_or_a_self_grade_cannot_be_overruled(banks):
    session = QuizSession([q(banks, "tui-mcq-view"), q(banks, "tui-short-broadcast")], lang="en")
    session.submit(banks.by_id["tui-mcq-view"].answer)
    assert not session.can_overrule()
    session.advance()
    session.submit("some text")
    assert not session.can_overrule()  # self-grading, not a verdict of the checker


def test_a_picked_choice_cannot_be_overruled(banks):
    session = QuizSession([q(banks, "tui-truefalse-contiguous")], lang="en")
    session.submit(not banks.by_id["tui-truefalse-contiguous"].answer)
    assert session.last.correct is False and not session.can_overrule()
