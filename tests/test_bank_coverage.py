"""The project's question banks are complete: every source section cited, enough questions, every
type used. (These check the content in questions/, not the code.)"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from quizapp.banks import QUESTION_TYPES, load_banks, load_sources

QUESTIONS = Path(__file__).resolve().parent.parent / "questions"
PLANNED_TOPICS = ("tensors", "autograd", "nn-module", "training", "optim", "cnn", "init",
                  "frameworks", "data", "networks", "dataloader", "mixed-precision", "distributed",
                  "memory", "fine-tuning", "sequence-models", "compile", "reproducibility")
KATAS = QUESTIONS.parent / "katas"
#: What an interview at a company that trains models asks about: each needs 8+ questions and a
#: kata. Topic -> words in the questions' English text that show it (None: the whole topic bank).
INTERVIEW_TOPICS = {
    "dataloader": None, "mixed-precision": None, "distributed": None, "memory": None,
    "fine-tuning": None, "sequence-models": None, "compile": None, "reproducibility": None,
    "in-place ops and their autograd errors": ("in-place", "inplace", "in place"),
    "broadcasting": ("broadcast",),
    "train/eval behaviour": ("eval()", "eval mode", "train mode", "running_mean", "running stat"),
    "custom autograd": ("autograd.Function", "register_hook", "create_graph", "save_for_backward"),
}
#: Katas that exercise the topics without a bank of their own.
INTERVIEW_KATAS = {
    "in-place ops and their autograd errors": ("custom-autograd-function",),
    "broadcasting": ("pairwise-distance", "expand-no-copy"),
    "train/eval behaviour": ("dropout-train-eval", "batchnorm-running-stats"),
    "custom autograd": ("custom-autograd-function", "backward-vjp"),
}


@pytest.fixture(scope="module")
def banks():
    return load_banks(QUESTIONS, cache=False)


def test_banks_load_without_errors(banks):
    assert [str(e) for e in banks.errors] == []


def test_every_source_anchor_is_cited(banks):
    sources = load_sources(QUESTIONS / "sources.yaml")
    cited = {q.source for q in banks.questions}
    missing = [ref for ref in sources.refs() if ref not in cited]
    assert missing == [], f"{len(missing)} anchors not cited by any question: {missing}"


def test_enough_questions(banks):
    assert len(banks.questions) >= 400


@pytest.mark.parametrize("topic", sorted(INTERVIEW_TOPICS))
def test_interview_topics_have_questions_and_a_kata(banks, topic):
    words = INTERVIEW_TOPICS[topic]
    if words is None:
        questions = [q for q in banks.questions if topic in q.topics]
    else:
        def text(q):
            return " ".join(filter(None, [q.prompt.en, q.code, q.explanation.en])).lower()

        questions = [q for q in banks.questions if any(w.lower() in text(q) for w in words)]
    assert len(questions) >= 8, f"{topic}: {len(questions)} questions"
    import yaml

    if words is None:
        katas = [p.parent.name for p in KATAS.glob("*/kata.yaml")
                 if topic in yaml.safe_load(p.read_text(encoding="utf-8")).get("topics", [])]
    else:
        katas = [k for k in INTERVIEW_KATAS[topic] if (KATAS / k / "kata.yaml").is_file()]
    assert katas, f"{topic}: no kata"


def test_aliases_do_not_shadow_questions(banks):
    assert [old for old in banks.aliases if old in banks.by_id] == []


def test_enough_output_questions(banks):
    outputs = [q for q in banks.questions if q.type == "output"]
    assert len(outputs) >= 30


def test_every_type_used(banks):
    used = Counter(q.type for q in banks.questions)
    assert [t for t in QUESTION_TYPES if not used[t]] == []


def test_planned_topics_have_banks(banks):
    assert [t for t in PLANNED_TOPICS if t not in banks.topics] == []


def test_difficulties_are_mixed(banks):
    for topic in banks.topics:
        levels = {q.difficulty for q in banks.questions if q.topic == topic}
        assert len(levels) >= 2, f"{topic}: all questions have difficulty {levels}"
