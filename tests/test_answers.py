"""Answer checking: pure functions."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizapp.answers import (
    Verdict,
    check_answer,
    choice_label,
    keyword_in,
    normalise_cloze,
    normalise_output,
    parse_choice,
    parse_truefalse,
    self_grade_share,
    suggest_key_points,
)
from quizapp.banks import Question, load_banks

VALID = Path(__file__).resolve().parent / "fixtures" / "banks" / "valid"


@pytest.fixture(scope="module")
def q():
    return load_banks(VALID, cache=False).by_id


def make(**over) -> Question:
    base = {"id": "t-q", "type": "truefalse", "difficulty": 1, "topics": ["t"],
            "source": "concepts#autograd", "prompt": {"ko": "질문", "en": "Question"},
            "answer": True, "explanation": {"ko": "설명", "en": "Explanation"}}
    base.update(over)
    return Question.model_validate(base)


# --------------------------------------------------------------------------------------------
# mcq / multi / truefalse

def test_mcq(q):
    mcq = q["tensors-fixture-mcq"]
    v = check_answer(mcq, 0, lang="en")
    assert v == Verdict(True, "1. Always", "1. Always")
    assert check_answer(mcq, 2).correct is False
    assert check_answer(mcq, 2, lang="ko").given_display == "3. 연속일 때만"
    assert check_answer(mcq, 0, lang="ko").expected_display == "1. 항상 공유한다"
    assert check_answer(mcq, "a").correct is True      # a letter as typed
    assert check_answer(mcq, "1").correct is True      # 1-based digit as typed
    assert check_answer(mcq, 7).correct is False       # out of range
    assert check_answer(mcq, None).correct is False
    assert check_answer(mcq, True).correct is False    # bools are not indices


def test_multi(q):
    multi = q["tensors-fixture-multi"]
    assert check_answer(multi, [0, 1]).correct is True
    assert check_answer(multi, {1, 0}).correct is True
    assert check_answer(multi, (1, 0, 1)).correct is True   # repeats do not matter
    assert check_answer(multi, [0]).correct is False
    assert check_answer(multi, [0, 1, 2]).correct is False
    assert check_answer(multi, []).correct is False
    assert check_answer(multi, "a, b").correct is True
    assert check_answer(multi, "1 2").correct is True
    assert check_answer(multi, "a, z").correct is False
    v = check_answer(multi, [1], lang="en")
    assert v.expected_display == "1. view\n2. transpose"
    assert v.given_display == "2. transpose"


def test_truefalse(q):
    tf = q["tensors-fixture-truefalse"]  # answer: true
    assert check_answer(tf, True).correct is True
    assert check_answer(tf, False).correct is False
    for typed in ("true", "T", "yes", "o", "참", "예", " True. "):
        assert check_answer(tf, typed).correct is True, typed
    for typed in ("false", "x", "거짓", "아니오"):
        assert check_answer(tf, typed).correct is False, typed
    assert check_answer(tf, "maybe").correct is False
    assert check_answer(tf, None).correct is False
    assert check_answer(tf, True, lang="en").expected_display == "true"
    assert check_answer(tf, True, lang="ko").expected_display == "참 (true)"


def test_parsers():
    assert parse_choice(0) == 0 and parse_choice("B") == 1 and parse_choice("3") == 2
    assert parse_choice("c)") == 2 and parse_choice("0") is None and parse_choice(-1) is None
    assert parse_choice(3, 3) is None and parse_choice("가") is None
    assert parse_truefalse("F") is False and parse_truefalse("") is None
    assert [choice_label(i) for i in (0, 1, 25, 26)] == ["1", "2", "26", "27"]


# --------------------------------------------------------------------------------------------
# cloze

@pytest.mark.parametrize("typed", [
    "unsqueeze", "UNSQUEEZE", " unsqueeze ", "`unsqueeze`", "``unsqueeze``", "torch.unsqueeze",
    "`torch.unsqueeze`", "x.unsqueeze", "'unsqueeze'", "```unsqueeze```", "```python\nunsqueeze\n```",
    "x . unsqueeze",
])
def test_cloze_accepts(q, typed):
    v = check_answer(q["tensors-fixture-cloze"], typed)
    assert v.correct is True, typed
    assert v.matched in ("unsqueeze", "torch.unsqueeze", "x.unsqueeze")


@pytest.mark.parametrize("typed", ["squeeze", "unsqueeze()", "", "   ", None, "un squeeze"])
def test_cloze_rejects(q, typed):
    v = check_answer(q["tensors-fixture-cloze"], typed)
    assert v.correct is False and v.matched is None
    assert v.expected_display == "unsqueeze"


def test_normalise_cloze():
    assert normalise_cloze("x.view(2, 3)") == normalise_cloze("x.view(2,3)") == "x.view(2,3)"
    assert normalise_cloze("  Requires_Grad ") == "requires_grad"
    # NFC: a decomposed Hangul syllable equals the composed one
    decomposed = "\u1100\u1161"  # ᄀ + ᅡ = 가
    assert normalise_cloze(decomposed) == normalise_cloze("가")
    assert normalise_cloze("기울기   누적") == "기울기 누적"
    assert normalise_cloze("`a` and `b`") == "a and b"


def test_cloze_in_korean():
    question = make(type="cloze", answer=["기울기", "gradient"])
    assert check_answer(question, "기울기").correct is True
    assert check_answer(question, "\u1100\u1175\u110b\u116e\u11af\u1100\u1175").correct is True
    assert check_answer(question, "Gradient").correct is True
    assert check_answer(question, "기울기가").correct is False


# --------------------------------------------------------------------------------------------
# output

def test_output(q):
    out = q["tensors-fixture-output"]  # "(2, 4)\ntorch.float32\n"
    assert check_answer(out, "(2, 4)\ntorch.float32").correct is True
    assert check_answer(out, "(2,4)\r\ntorch.float32\n\n").correct is True
    assert check_answer(out, "  (2, 4)   torch.float32").correct is True
    assert check_answer(out, "(2, 4)\ntorch.float64").correct is False
    assert check_answer(out, "(2, 4)\nTorch.float32").correct is False  # case counts
    assert check_answer(out, "").correct is False
    assert check_answer(out, "x").expected_display == "(2, 4)\ntorch.float32"


def test_normalise_output_tolerates_torch_alignment():
    printed = "tensor([[ 1, 10],\n        [-3,  4]])"
    assert normalise_output(printed) == normalise_output("tensor([[1, 10], [-3, 4]])")
    assert normalise_output("True\nFalse") == "True False"
    assert normalise_output("True\nFalse") != normalise_output("TrueFalse")
    assert normalise_output("tensor([2., 4.])") != normalise_output("tensor([2, 4])")


# --------------------------------------------------------------------------------------------
# short: self-grading

def test_short_verdict_is_self_graded(q):
    short = q["tensors-fixture-short"]
    v = check_answer(short, "view does not copy; reshape may return a copy", lang="en")
    assert v.correct is None
    assert v.expected_display.startswith("view never copies")
    assert v.suggested == (True, True)
    assert check_answer(short, "", lang="ko").expected_display.startswith("view는")


def test_suggest_key_points_either_language(q):
    short = q["tensors-fixture-short"]  # keywords: [view, no copy, 복사하지 않] / [copy, 복사본]
    assert suggest_key_points(short, "VIEW returns a tensor") == [True, False]
    assert suggest_key_points(short, "reshape는 필요하면 복사본을 만든다") == [False, True]
    assert suggest_key_points(short, "뷰는 복사하지 않습니다") == [True, False]
    assert suggest_key_points(short, "it makes copies") == [False, True]  # suffix allowed
    assert suggest_key_points(short, "") == [False, False]
    assert suggest_key_points(short, "preview") == [False, False]  # word start required


def test_keyword_in():
    assert keyword_in("기울기", "기울기가 누적된다")            # particles attach in Korean
    assert keyword_in("기울기 누적", "기울기누적")               # spacing varies in Korean
    assert keyword_in("zero_grad", "call zero grad first")      # _ / - / space interchangeable
    assert keyword_in("zero_grad()", "optimizer.zero_grad")     # () optional
    assert keyword_in("Symmetry", "breaks the SYMMETRY")
    assert keyword_in("gradient", "gradients")
    assert keyword_in("initialise", "when initializing weights")
    assert keyword_in("symmetry", "symmetries")
    assert keyword_in("normalisation", "batch normalization")
    assert not keyword_in("grad", "upgrade")
    assert keyword_in(".grad", "x.grad is None")
    assert keyword_in("대칭", "\u1103\u1162\u110e\u1175\u11bc")  # NFC
    assert not keyword_in("", "anything")


def test_self_grade_share():
    assert self_grade_share([True, False, True, True]) == 0.75
    assert self_grade_share([]) == 0.0
    assert self_grade_share([False, False]) == 0.0
    assert self_grade_share((True,)) == 1.0


def test_check_answer_is_pure(q):
    short = q["tensors-fixture-short"]
    before = short.model_dump()
    for question in q.values():
        check_answer(question, "anything")
    assert short.model_dump() == before
