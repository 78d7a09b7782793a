"""The quiz flow, driven as a person would: pick a quiz on the home screen, answer one question
of every type with the keyboard, see the verdict, and find every answer in the progress store."""

from __future__ import annotations

import asyncio

from tui_support import SIZE, make_app, running_app, settle, text_of, type_text

from quizapp.answers import suggest_key_points
from quizapp.store import Store
from quizapp.tui.data import RESUME_KEY
from quizapp.tui.widgets.answers import SUBMIT_KEY

def plain(text: str) -> str:
    """A text as shown: inline `code` keeps its words, loses its backticks."""
    return text.replace("`", "")


SHORT_TEXT = "compare from the trailing dimension; sizes equal or 1"


async def answer(pilot, question, right: bool = True) -> None:
    """Answer the question on screen with keys (wrong on purpose when ``right`` is False)."""
    q = question
    if q.type == "mcq":
        index = q.answer if right else (q.answer + 1) % len(q.choices)
        await pilot.press(str(index + 1))
    elif q.type == "multi":
        picks = q.answer if right else [i for i in range(len(q.choices)) if i not in q.answer]
        await pilot.press(*[str(i + 1) for i in picks], "enter")
    elif q.type == "truefalse":
        await pilot.press("t" if q.answer == right else "f")
    elif q.type == "cloze":
        await type_text(pilot, q.answer[0] if right else "squeeze")
        await pilot.press("enter")
    elif q.type == "output":
        await type_text(pilot, q.answer.strip() if right else "tensor([3, 7])")
        await pilot.press(SUBMIT_KEY)             # enter would start a new line
    elif q.type == "short":
        await type_text(pilot, SHORT_TEXT)
        await pilot.press("ctrl+s")
    await pilot.pause()


def test_every_question_type_is_answered_and_recorded(tui_env):
    async def run():
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert type(app.screen).__name__ == "HomeScreen"
            await pilot.press("q")                      # home -> quiz setup
            await settle(pilot)
            assert type(app.screen).__name__ == "QuizSetupScreen"
            await pilot.press("s")                      # start: 10 asked, 8 in the banks
            await settle(pilot)
            screen = app.screen
            assert type(screen).__name__ == "QuizScreen"
            session = screen.session
            assert session.total == 8
            seen_types = set()
            wrong_on_purpose = None
            while not session.is_done:
                q = session.current
                assert plain(q.prompt.en) in text_of(screen.query_one("#quiz-prompt"))
                if q.code:
                    assert screen.query_one("#quiz-code").display
                right = not (q.type == "mcq" and wrong_on_purpose is None)
                if not right:
                    wrong_on_purpose = q.id
                await answer(pilot, q, right)
                if q.type == "short":
                    # the model answer and the key points, pre-ticked by keywords
                    assert session.phase == "self_grade"
                    points = screen.query_one("#answer-points")
                    expected = suggest_key_points(q, SHORT_TEXT)
                    assert points.ticks == expected == [True, True, False]
                    await pilot.press("3")              # tick the third one by its number
                    assert points.ticks == [True, True, True]
                    await pilot.press("enter")          # confirm
                    await pilot.pause()
                await settle(pilot, 1)
                assert session.phase == "feedback"
                feedback = text_of(screen.query_one("#feedback-text"))
                if q.type == "short":
                    assert "Self-graded: 3 of 3 key points (Easy)" in feedback
                elif right:
                    assert "Right" in feedback
                else:
                    assert "Wrong" in feedback and "Answer: 1." in feedback
                assert plain(q.explanation.en) in feedback
                assert f"Source: {q.source} — " in feedback   # with the sources index entry
                seen_types.add(q.type)
                await pilot.press("n")
                await settle(pilot, 1)
            assert seen_types == {"mcq", "multi", "truefalse", "cloze", "output", "short"}
            summary = text_of(screen.query_one("#quiz-prompt"))
            assert "7 of 8 right" in summary
            await pilot.press("escape")
            await settle(pilot)
            assert type(app.screen).__name__ == "HomeScreen"
            assert "8 answered today" in text_of(app.screen.query_one("#home-today"))
        return wrong_on_purpose

    wrong_id = asyncio.run(run())
    with Store.open(tui_env.db) as store:
        reviews = store.reviews()
        cards = store.cards()
        resume = store.get_setting(RESUME_KEY)
    assert len(reviews) == 8 and len(cards) == 8
    by_id = {r.question_id: r for r in reviews}
    assert by_id[wrong_id].correct is False and by_id[wrong_id].rating == 1
    short = by_id["tui-short-broadcast"]
    assert short.correct is None and short.self_grade == 1.0 and short.rating == 4
    assert short.answer == {"text": SHORT_TEXT, "ticks": [True, True, True]}
    assert by_id["tui-multi-dtypes"].answer == [0, 2]
    assert by_id["tui-truefalse-contiguous"].answer is True
    assert all(r.correct for qid, r in by_id.items() if qid not in (wrong_id, short.question_id))
    assert all(r.content_hash for r in reviews)
    assert resume is None                     # finished: nothing to continue


def test_a_quiz_left_halfway_continues_from_home(tui_env):
    async def run():
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("q")
            await settle(pilot)
            await pilot.press("s")
            await settle(pilot)
            session = app.screen.session
            first = session.current.id
            await answer(pilot, session.current)
            if session.phase == "self_grade":
                await pilot.press("enter")
            await settle(pilot, 1)
            await pilot.press("escape")               # leave after one answer
            await settle(pilot)
            home = app.screen
            actions = home.query_one("#home-actions")
            assert actions.get_option_at_index(0).id == "continue"
            assert "Continue: quiz, 7 of 8 left" in str(actions.get_option_at_index(0).prompt)
            await pilot.press("c")
            await settle(pilot)
            resumed = app.screen.session
            assert resumed.total == 7 and first not in [q.id for q in resumed.questions]
        return first

    asyncio.run(run())
    with Store.open(tui_env.db) as store:
        assert len(store.reviews()) == 1
        assert len(store.get_setting(RESUME_KEY)["ids"]) == 7


def test_korean_quiz_shows_korean_texts(tui_env):
    async def run():
        app = make_app(lang="ko")
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            app.start_quiz([app.data.banks.by_id["tui-mcq-view"]])
            await settle(pilot)
            screen = app.screen
            assert "같은 저장 공간" in str(screen.query_one("#answer-choices").get_option_at_index(0).prompt)
            assert "`x.view(6)`가" not in text_of(screen.query_one("#quiz-prompt"))  # code styled
            assert "x.view(6)가 돌려주는" in text_of(screen.query_one("#quiz-prompt"))
            await pilot.press("1")
            await settle(pilot, 1)
            feedback = text_of(screen.query_one("#feedback-text"))
            assert "정답입니다" in feedback and "출처" in feedback
            await pilot.press("n")
            await settle(pilot, 1)
            assert "1문제 중 1문제 맞힘" in text_of(screen.query_one("#quiz-prompt"))

    asyncio.run(run())
    with Store.open(tui_env.db) as store:
        assert store.get_setting("language") == "ko"     # --lang is remembered


TWO_LINES_BANK = """\
topic: printing
title: {ko: 출력, en: Printing}
questions:
  - id: tui-output-two-lines
    type: output
    difficulty: 1
    topics: [printing]
    source: concepts#tensor-ops
    prompt: {ko: "무엇이 출력될까요?", en: "What does it print?"}
    code: |
      print(1)
      print(2)
    answer: "1\\n2\\n"
    explanation: {ko: "print마다 한 줄입니다.", en: "Each print is a line of its own."}
"""


def test_an_output_answer_of_two_lines_is_typed_in_a_box_and_sent_with_the_submit_key(tui_env):
    """Enter starts a new line in the answer box (it does not submit); the submit key, named
    under the box, checks the answer."""
    (tui_env.questions / "printing.yaml").write_text(TWO_LINES_BANK, encoding="utf-8")

    async def run():
        async with running_app(lang="en") as pilot:
            app = pilot.app
            app.start_quiz([app.data.banks.by_id["tui-output-two-lines"]])
            await settle(pilot)
            screen = app.screen
            box = screen.query_one("#answer-box")
            assert box.has_focus
            assert f"{SUBMIT_KEY} submits" in text_of(screen.query_one("#answer-hint"))
            await pilot.press("1", "enter")
            await pilot.pause()
            assert screen.session.phase == "question"        # enter did not submit
            assert box.text == "1\n"
            await pilot.press("2", SUBMIT_KEY)
            await settle(pilot, 1)
            assert screen.session.phase == "feedback"
            assert "Right" in text_of(screen.query_one("#feedback-text"))

    asyncio.run(run())
    with Store.open(tui_env.db) as store:
        (review,) = store.reviews()
    assert review.question_id == "tui-output-two-lines"
    assert review.correct is True and review.answer == "1\n2"


def test_the_hint_under_an_answer_box_names_the_submit_key_in_both_languages():
    from quizapp.tui.widgets.answers import submit_hint

    for lang in ("ko", "en"):
        for where in ("quiz", "mock"):
            assert SUBMIT_KEY in submit_hint(lang, where), (lang, where)
    assert submit_hint("ko") != submit_hint("en")
