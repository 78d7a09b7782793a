"""The bank schema and loader: valid banks load, bad ones are reported with file:line and do not
stop the others."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from quizapp.banks import (
    DEFAULT_MINUTES,
    QUESTION_TYPES,
    BankError,
    Question,
    Text,
    load_bank_file,
    load_banks,
    load_sources,
)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "banks"
VALID = FIXTURES / "valid"
BROKEN = FIXTURES / "broken"


def base_question(**over) -> dict:
    q = {
        "id": "t-q", "type": "truefalse", "difficulty": 1, "topics": ["t"],
        "source": "concepts#autograd", "prompt": {"ko": "질문", "en": "Question"},
        "answer": True, "explanation": {"ko": "설명", "en": "Explanation"},
    }
    q.update(over)
    return q


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------
# Loading the valid fixture

def test_valid_fixture_loads_without_errors():
    banks = load_banks(VALID)
    assert banks.errors == []
    assert [q.id for q in banks.questions] == [
        "autograd-fixture-grad",  # files in name order
        "tensors-fixture-mcq", "tensors-fixture-multi", "tensors-fixture-truefalse",
        "tensors-fixture-cloze", "tensors-fixture-output", "tensors-fixture-short",
    ]
    assert set(banks.by_id) == {q.id for q in banks.questions}
    assert banks.topics["tensors"] == Text(ko="텐서", en="Tensors")
    assert banks.topics["autograd"].get("ko") == "자동 미분"
    assert {q.type for q in banks.questions} == set(QUESTION_TYPES)
    assert [b.topic for b in banks.banks] == ["autograd", "tensors"]


def test_question_fields_set_by_loader():
    banks = load_banks(VALID)
    q = banks.by_id["tensors-fixture-multi"]
    assert q.topic == "tensors"
    assert q.topics == ["tensors", "autograd"]
    assert q.file == str(VALID / "tensors.yaml")
    assert q.line == 20  # the line of "- id: tensors-fixture-multi"
    lines = (VALID / "tensors.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[q.line - 1].strip() == "- id: tensors-fixture-multi"
    assert q.answer == [0, 1]  # sorted
    assert banks.for_topic("autograd") == [banks.by_id["autograd-fixture-grad"], q]


def test_answers_by_type():
    by_id = load_banks(VALID).by_id
    assert by_id["tensors-fixture-mcq"].answer == 0
    assert by_id["tensors-fixture-truefalse"].answer is True
    assert by_id["tensors-fixture-cloze"].answer == ["unsqueeze", "torch.unsqueeze", "x.unsqueeze"]
    assert by_id["tensors-fixture-output"].answer == "(2, 4)\ntorch.float32\n"
    short = by_id["tensors-fixture-short"]
    assert isinstance(short.answer, Text)
    assert short.answer.get("en").startswith("view never copies")
    assert [kp.keywords for kp in short.key_points][1] == ["copy", "복사본"]
    assert by_id["tensors-fixture-output"].code.startswith("import torch\n")
    assert by_id["tensors-fixture-mcq"].choices[2].get("en") == "Only when contiguous"
    assert by_id["tensors-fixture-truefalse"].choices is None
    assert not by_id["tensors-fixture-short"].auto_checked
    assert by_id["tensors-fixture-cloze"].auto_checked


def test_minutes_default_by_type_and_override():
    by_id = load_banks(VALID).by_id
    assert by_id["tensors-fixture-short"].minutes == 2  # given in the file
    for qid in ("tensors-fixture-mcq", "tensors-fixture-multi", "tensors-fixture-truefalse",
                "tensors-fixture-cloze", "tensors-fixture-output"):
        q = by_id[qid]
        assert q.minutes == DEFAULT_MINUTES[q.type]
    assert DEFAULT_MINUTES == {"truefalse": 0.5, "mcq": 1.0, "cloze": 1.0, "output": 1.5,
                               "multi": 1.5, "short": 3.0}


def test_text_get():
    t = Text(ko="가", en="a")
    assert t.get("ko") == "가"
    assert t.get("en") == "a"
    assert t.get(None) == "a"


# --------------------------------------------------------------------------------------------
# content_hash

def test_content_hash_is_stable_and_tracks_content():
    q = Question.model_validate(base_question())
    again = Question.model_validate(base_question())
    assert q.content_hash == again.content_hash
    assert len(q.content_hash) == 64
    # metadata does not change it
    meta = Question.model_validate(base_question(difficulty=3, minutes=5, id="t-other",
                                                 source="concepts#tensor-ops"))
    assert meta.content_hash == q.content_hash
    # user-visible content does
    for change in ({"prompt": {"ko": "질문!", "en": "Question"}}, {"answer": False},
                   {"explanation": {"ko": "설명", "en": "Explained"}}, {"code": "print(1)"}):
        assert Question.model_validate(base_question(**change)).content_hash != q.content_hash


def test_content_hash_of_loaded_questions_is_known():
    """Pin one hash: changing the canonical form would flag every card as edited."""
    q = Question.model_validate(base_question())
    assert q.content_hash == Question.model_validate(base_question()).content_hash
    hashes = {q.id: q.content_hash for q in load_banks(VALID).questions}
    assert len(set(hashes.values())) == len(hashes)


# --------------------------------------------------------------------------------------------
# Schema rules (unit level)

@pytest.mark.parametrize("over, field, fragment", [
    ({"type": "mcq", "choices": [{"ko": "가", "en": "a"}], "answer": 0}, "choices", "at least 2"),
    ({"type": "mcq", "choices": [{"ko": "가", "en": "a"}, {"ko": "나", "en": "b"}],
      "answer": 2}, "answer", "out of range"),
    ({"type": "mcq", "choices": [{"ko": "가", "en": "a"}, {"ko": "나", "en": "b"}],
      "answer": True}, "answer", "index"),
    ({"type": "mcq", "choices": [{"ko": "가", "en": "a"}, {"ko": "가", "en": "b"}],
      "answer": 0}, "choices", "same ko text"),
    ({"type": "multi", "choices": [{"ko": "가", "en": "a"}, {"ko": "나", "en": "b"}],
      "answer": []}, "answer", "no choice"),
    ({"type": "multi", "choices": [{"ko": "가", "en": "a"}, {"ko": "나", "en": "b"}],
      "answer": [1, 1]}, "answer", "twice"),
    ({"type": "multi", "choices": [{"ko": "가", "en": "a"}, {"ko": "나", "en": "b"}],
      "answer": 1}, "answer", "list"),
    ({"answer": "true"}, "answer", "true or false"),
    ({"type": "cloze", "answer": []}, "answer", "non-empty"),
    ({"type": "cloze", "answer": ["ok", 3]}, "answer", "quote"),
    ({"type": "output", "answer": "1"}, "code", "need code"),
    ({"type": "output", "code": "print(1)", "answer": 1}, "answer", "string"),
    ({"type": "short", "answer": {"ko": "가", "en": "a"}}, "key_points", "need key_points"),
    ({"type": "short", "answer": "a", "key_points": [{"ko": "가", "en": "a", "keywords": ["a"]}]},
     "answer", "ko and en"),
    ({"key_points": [{"ko": "가", "en": "a", "keywords": ["a"]}]}, "key_points", "only short"),
    ({"choices": [{"ko": "가", "en": "a"}, {"ko": "나", "en": "b"}]}, "choices", "only mcq"),
    ({"difficulty": 0}, "difficulty", ""),
    ({"difficulty": 2.5}, "difficulty", ""),
    ({"topics": []}, "topics", ""),
    ({"source": "concepts"}, "source", ""),
    ({"id": "Has Space"}, "id", ""),
    ({"prompt": {"ko": "질문", "en": "  "}}, "prompt", "empty"),
    ({"prompt": "just a string"}, "prompt", ""),
    ({"minutes": 0}, "minutes", ""),
    ({"colour": "red"}, "colour", "Extra"),
])
def test_schema_rejects(over, field, fragment):
    with pytest.raises(Exception) as info:
        Question.model_validate(base_question(**over))
    errors = info.value.errors()
    assert any(e["loc"][0] == field and fragment in e["msg"] for e in errors), errors


def test_schema_accepts_every_type():
    two = [{"ko": "가", "en": "a"}, {"ko": "나", "en": "b"}]
    kp = [{"ko": "가", "en": "a", "keywords": ["a", "가"]}]
    for over in ({"type": "mcq", "choices": two, "answer": 1},
                 {"type": "multi", "choices": two, "answer": [1, 0]},
                 {"type": "truefalse", "answer": False},
                 {"type": "cloze", "answer": "single string"},
                 {"type": "output", "code": "print(1)", "answer": "1\n"},
                 {"type": "short", "answer": {"ko": "가", "en": "a"}, "key_points": kp}):
        q = Question.model_validate(base_question(**over))
        assert q.type == over["type"]
    assert Question.model_validate(base_question(type="cloze", answer="x")).answer == ["x"]


# --------------------------------------------------------------------------------------------
# Errors with file:line, and bad files not stopping good ones

def test_broken_folder_still_loads_the_good_questions():
    banks = load_banks(BROKEN)
    ids = [q.id for q in banks.questions]
    assert "schema-good" in ids and "misnamed-ok" in ids and "output-right" in ids
    assert ids.count("dupes-twice") == 1
    assert "schema-missing-en" not in ids
    messages = [str(e) for e in banks.errors]
    syntax = str(BROKEN / "syntax.yaml")
    assert f"{syntax}:8: YAML syntax error: found unexpected end of stream " \
           "(while scanning a quoted scalar at line 6)" in messages
    schema = str(BROKEN / "schema.yaml")
    assert f"{schema}:20: questions[1].prompt.en: missing en translation (id schema-missing-en)" \
        in messages
    assert f"{schema}:104: questions[10].answer: answer 3 is out of range: there are 3 choices " \
           "(0..2) (id schema-mcq-range)" in messages
    dupes = str(BROKEN / "dupes.yaml")
    assert f"{dupes}:20: duplicate id 'dupes-twice' (first at {dupes}:12)" in messages
    assert f"{schema}:4: duplicate id 'schema-good' (first at {dupes}:4)" in messages
    for e in banks.errors:
        assert isinstance(e, BankError) and e.line >= 1
        assert str(e) == f"{e.file}:{e.line}: {e.message}"


def test_one_malformed_file_does_not_stop_the_others(tmp_path):
    for p in VALID.glob("*.yaml"):
        (tmp_path / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    write(tmp_path, "bad.yaml", """\
        topic: bad
        title: {ko: 나쁨, en: Bad}
        questions:
          - id: bad-one
            type: [unclosed
        """)
    write(tmp_path, "notmapping.yaml", "- just\n- a list\n")
    write(tmp_path, "empty.yaml", "")
    banks = load_banks(tmp_path)
    assert len(banks.questions) == 7
    files = sorted(Path(e.file).name for e in banks.errors)
    assert files == ["bad.yaml", "empty.yaml", "notmapping.yaml"]
    by_file = {Path(e.file).name: e for e in banks.errors}
    assert by_file["bad.yaml"].line == 6
    assert by_file["bad.yaml"].message.startswith("YAML syntax error")
    assert by_file["empty.yaml"].message.endswith("(the file is empty)")
    assert by_file["notmapping.yaml"].message.endswith("(the file is a list)")


def test_bad_question_leaves_the_rest_of_its_file(tmp_path):
    path = write(tmp_path, "t.yaml", """\
        topic: t
        title: {ko: 티, en: T}
        questions:
          - id: t-good-1
            type: truefalse
            difficulty: 1
            topics: [t]
            source: concepts#autograd
            prompt: {ko: 질문, en: Question}
            answer: true
            explanation: {ko: 설명, en: Explanation}
          - id: t-bad
            type: truefalse
            difficulty: 1
            topics: [t]
            source: concepts#autograd
            prompt:
              ko: 질문
            answer: true
            explanation: {ko: 설명, en: Explanation}
          - not a mapping
        """)
    result = load_bank_file(path, display="t.yaml")
    assert [q.id for q in result.bank.questions] == ["t-good-1"]
    assert [str(e) for e in result.errors] == [
        "t.yaml:17: questions[1].prompt.en: missing en translation (id t-bad)",
        "t.yaml:21: questions[2]: expected a mapping, got 'not a mapping'",
    ]


def test_missing_folder_is_an_error_not_an_exception(tmp_path):
    banks = load_banks(tmp_path / "nope")
    assert banks.questions == [] and len(banks.errors) == 1
    assert "no such folder" in banks.errors[0].message


def test_default_folder_honours_environment(tmp_path, monkeypatch):
    for p in VALID.glob("*.yaml"):
        (tmp_path / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setenv("QUIZAPP_QUESTIONS", str(tmp_path))
    assert len(load_banks().questions) == 7


def test_loader_does_not_import_torch():
    code = ("import sys, quizapp.banks, quizapp.answers; quizapp.banks.load_banks(); "
            "assert 'torch' not in sys.modules, 'torch imported'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


# --------------------------------------------------------------------------------------------
# Sources index

def test_sources_index():
    sources = load_sources(ROOT / "questions" / "sources.yaml")
    # The four seed documents and the PyTorch documentation, in the file's order.
    assert list(sources.documents) == ["interview-qa", "boostcamp-day11", "concepts", "peer-sessions",
                                       "pytorch-docs"]
    assert "peer-sessions#day4-xavier" in sources
    assert "peer-sessions#nope" not in sources
    assert "blog#q1" not in sources
    assert "interview-qa" not in sources
    assert sources.describe("interview-qa#q13") == "zero_grad, why and when"
    refs = sources.refs()
    assert refs[0] == "interview-qa#q1" and len(refs) == len(set(refs))


def test_sources_file_shape_is_checked(tmp_path):
    bad = write(tmp_path, "sources.yaml", "- a\n- b\n")
    with pytest.raises(ValueError):
        load_sources(bad)
    with pytest.raises(yaml.YAMLError):
        load_sources(write(tmp_path, "s2.yaml", "a: [\n"))


# --------------------------------------------------------------------------------------------
# Cache of parsed banks

def copy_valid(tmp_path: Path) -> Path:
    folder = tmp_path / "banks"
    folder.mkdir()
    for p in VALID.glob("*.yaml"):
        (folder / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def snapshot(banks):
    return [(q.model_dump(), q.content_hash) for q in banks.questions], banks.topics


def test_cache_gives_the_same_result(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("QUIZAPP_CACHE", str(cache))
    folder = copy_valid(tmp_path)
    first = load_banks(folder)
    assert len(list(cache.glob("*.json"))) == 2
    second = load_banks(folder)
    assert snapshot(second) == snapshot(first) == snapshot(load_banks(folder, cache=False))
    assert second.errors == []


def test_cache_misses_when_the_file_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("QUIZAPP_CACHE", str(tmp_path / "cache"))
    folder = copy_valid(tmp_path)
    load_banks(folder)
    path = folder / "autograd.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("What is printed?", "Output?"),
                    encoding="utf-8")
    assert load_banks(folder).by_id["autograd-fixture-grad"].prompt.en == "Output?"
    # an edit that breaks the file is reported with its line, not hidden by the cache
    path.write_text(path.read_text(encoding="utf-8").replace("difficulty: 1", "difficulty: 9"),
                    encoding="utf-8")
    banks = load_banks(folder)
    assert [e.line for e in banks.errors] == [6]
    assert "autograd-fixture-grad" not in banks.by_id


def test_corrupt_cache_is_ignored(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("QUIZAPP_CACHE", str(cache))
    folder = copy_valid(tmp_path)
    load_banks(folder)
    for entry in cache.glob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    assert len(load_banks(folder).questions) == 7
    monkeypatch.setenv("QUIZAPP_CACHE", "off")
    assert len(load_banks(folder).questions) == 7


def test_comma_in_flow_mapping_gets_a_hint(tmp_path):
    path = write(tmp_path, "t.yaml", """\
        topic: t
        title: {ko: 데이터, en: Data, NumPy and datasets}
        questions: [1]
        """)
    result = load_bank_file(path, display="t.yaml")
    assert [str(e) for e in result.errors] == [
        "t.yaml:2: title.NumPy and datasets: unknown field 'NumPy and datasets': a comma cut a "
        "text in two inside {...}; quote the text"]
