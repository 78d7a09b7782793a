"""The project's question banks are complete: every source section cited, enough questions, every
type used. (These check the content in questions/, not the code.)"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from quizapp.banks import QUESTION_TYPES, load_banks, load_sources

QUESTIONS = Path(__file__).resolve().parent.parent / "questions"
PLANNED_TOPICS = ("tensors", "autograd", "nn-module", "training", "optim", "cnn", "init",
                  "frameworks", "data", "networks")


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
    assert len(banks.questions) >= 150


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
