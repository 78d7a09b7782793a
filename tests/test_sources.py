"""The sources index (``questions/sources.yaml``): descriptions in Korean and English, the plain
string an author may type instead, errors that name the file and the line, and every place that
shows a description showing it in the language the learner reads."""

from __future__ import annotations

import asyncio
import re
import textwrap
from pathlib import Path

import pytest
from tui_support import TUI_QUESTIONS, make_app, settle, text_of

from quizapp import anki
from quizapp.banklint import lint_paths
from quizapp.banks import (
    SourceIndex,
    SourcesError,
    load_banks,
    load_sources,
    read_sources,
)
from quizapp.cli import main

ROOT = Path(__file__).resolve().parent.parent
PROJECT_SOURCES = ROOT / "questions" / "sources.yaml"
HANGUL = re.compile(r"[\uac00-\ud7a3]")

BILINGUAL = """\
# a comment the loader ignores
concepts:
  tensor-ops:
    ko: 텐서 연산 (sum, mean, argmax)
    en: tensor operations (sum, mean, argmax)
  autograd: requires_grad, backward, grad
"""


def write(folder: Path, text: str, name: str = "sources.yaml") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------------
# Loading both forms

def test_both_forms_load_and_describe_in_each_language(tmp_path):
    index = load_sources(write(tmp_path, BILINGUAL))
    assert index.describe("concepts#tensor-ops", "ko") == "텐서 연산 (sum, mean, argmax)"
    assert index.describe("concepts#tensor-ops", "en") == "tensor operations (sum, mean, argmax)"
    # an author's quick entry: the plain string serves both languages
    assert index.describe("concepts#autograd", "ko") == "requires_grad, backward, grad"
    assert index.describe("concepts#autograd", "en") == "requires_grad, backward, grad"
    assert index.describe("concepts#tensor-ops") == index.describe("concepts#tensor-ops", "en")
    assert index.refs() == ["concepts#tensor-ops", "concepts#autograd"]
    assert index.describe("concepts#nope", "ko") is None


def test_describe_refuses_a_language_it_has_no_text_for():
    index = SourceIndex({"concepts": {"autograd": {"ko": "자동 미분", "en": "autograd"}}})
    with pytest.raises(ValueError, match="unknown language 'both'"):
        index.describe("concepts#autograd", "both")


def test_an_index_built_in_code_takes_plain_strings_too():
    index = SourceIndex({"concepts": {"tensor-stats": "statistics of tensors"}})
    text = index.description("concepts#tensor-stats")
    assert (text.ko, text.en) == ("statistics of tensors", "statistics of tensors")


# --------------------------------------------------------------------------------------------
# Malformed entries name the file and the line

MALFORMED = [
    ("no-en:\n    ko: 한국어만\n", "concepts#no-en.en: missing en translation"),
    ("no-ko: {en: only English}\n", "concepts#no-ko.ko: missing ko translation"),
    ("blank: ''\n", "concepts#blank: empty description"),
    ("blank-ko: {ko: ' ', en: text}\n", "concepts#blank-ko.ko: empty ko translation"),
    ("nothing:\n", "concepts#nothing: missing description"),
    ("number: 5\n", "concepts#number: a description is text or {ko: ..., en: ...}, not 5"),
    ("extra: {ko: 가, en: a, de: b}\n", "concepts#extra.de: unknown field 'de'"),
    ("bad-ko: {ko: 5, en: five}\n", "concepts#bad-ko.ko: expected text, got 5"),
    ("'not citable': x\n", "concepts: anchor 'not citable' cannot be cited"),
]


@pytest.mark.parametrize("entry, message", MALFORMED, ids=[m[1].split(":")[0] for m in MALFORMED])
def test_a_malformed_entry_names_file_line_and_anchor(tmp_path, entry, message):
    path = write(tmp_path, "concepts:\n  fine: a good entry\n  " + entry + "  after: still loads\n")
    result = read_sources(path, display="sources.yaml")
    assert len(result.errors) == 1, result.errors
    assert str(result.errors[0]).startswith(f"sources.yaml:3: {message}")
    # one bad entry loses its own description, not the others
    assert "concepts#fine" in result.index and "concepts#after" in result.index
    with pytest.raises(SourcesError) as caught:
        load_sources(path)
    assert str(caught.value).startswith(f"{path}:3: {message}")


def test_a_file_of_the_wrong_shape_is_reported_at_its_line(tmp_path):
    result = read_sources(write(tmp_path, "- a\n- b\n"), display="s.yaml")
    assert [str(e) for e in result.errors] == [
        "s.yaml:1: the sources index maps each document to its anchors (document: "
        "{anchor: description}); the file is a list"]
    result = read_sources(write(tmp_path, "concepts:\n  a: b\nBad_Doc:\n  a: b\nempty:\n"),
                          display="s.yaml")
    assert [str(e) for e in result.errors] == [
        "s.yaml:3: document name 'Bad_Doc' cannot be cited: lowercase letters, digits and '-'",
        "s.yaml:5: empty: expected its anchors as a mapping (anchor: description), got nothing"]


def test_unreadable_and_unparsable_files_are_errors_not_exceptions(tmp_path):
    missing = read_sources(tmp_path / "none.yaml", display="none.yaml")
    assert missing.errors[0].line == 1 and "cannot read the file" in missing.errors[0].message
    broken = read_sources(write(tmp_path, "concepts:\n  a: [\n"), display="s.yaml")
    assert str(broken.errors[0]).startswith("s.yaml:3: YAML syntax error")
    assert broken.root is None and broken.index.refs() == []


# --------------------------------------------------------------------------------------------
# The bank lint checks the index

BANK = """\
topic: tensors
title: {ko: 텐서, en: Tensors}
questions:
  - id: lint-sources-q
    type: truefalse
    difficulty: 1
    topics: [tensors]
    source: concepts#tensor-ops
    prompt: {ko: 참일까요?, en: True?}
    answer: true
    explanation: {ko: 그렇습니다., en: It is.}
"""


def test_lint_reports_the_index_problems_with_its_own_file_and_line(tmp_path):
    write(tmp_path, BANK, "tensors.yaml")
    write(tmp_path, """\
        concepts:
          tensor-ops: tensor operations
          autograd:
            ko: 자동 미분
          tensor-ops: tensors again
        """)
    report = lint_paths([tmp_path], run_code=False)
    sources = str(tmp_path / "sources.yaml")
    assert [str(e) for e in report.errors] == [
        f"{sources}:3: concepts#autograd.en: missing en translation",
        f"{sources}:5: key 'tensor-ops' given twice in one mapping (first at line 2); "
        "YAML keeps only the last"]


def test_lint_of_the_index_alone(tmp_path, capsys):
    path = write(tmp_path, "concepts:\n  ok: {ko: 좋음, en: fine}\n  bad: {ko: 나쁨}\n")
    assert main(["bank", "lint", "--no-run", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:3: concepts#bad.en: missing en translation" in out
    assert main(["bank", "lint", "--no-run", str(PROJECT_SOURCES)]) == 0
    assert capsys.readouterr().out.startswith("OK: 1 file")


# --------------------------------------------------------------------------------------------
# The project's index

def test_every_anchor_of_the_project_has_korean_and_english():
    result = read_sources(PROJECT_SOURCES)
    assert result.errors == []
    refs = result.index.refs()
    assert len(refs) > 100
    for ref in refs:
        text = result.index.description(ref)
        assert HANGUL.search(text.ko), f"{ref}: the ko description is not Korean: {text.ko!r}"
        assert not HANGUL.search(text.en), f"{ref}: the en description has Korean: {text.en!r}"


def test_the_index_file_keeps_its_header_comment():
    head = PROJECT_SOURCES.read_text(encoding="utf-8").splitlines()[0]
    assert head.startswith("# Index of the source documents' sections.")


# --------------------------------------------------------------------------------------------
# Where a learner reads a description

def test_kata_show_in_korean_prints_the_korean_description(capsys, project_cwd):
    index = load_sources(PROJECT_SOURCES)
    assert main(["kata", "show", "custom-linear", "--lang", "ko"]) == 0
    out = capsys.readouterr().out
    assert f"출처: interview-qa#q10 ({index.describe('interview-qa#q10', 'ko')})" in out
    assert index.describe("interview-qa#q10", "en") not in out
    assert main(["kata", "show", "custom-linear", "--lang", "en"]) == 0
    assert f"interview-qa#q10 ({index.describe('interview-qa#q10', 'en')})" in \
        capsys.readouterr().out


def test_anki_cards_show_the_description_in_the_deck_language(tmp_path):
    question = load_banks(TUI_QUESTIONS, cache=False).by_id["tui-mcq-view"]
    index = load_sources(write(tmp_path, BILINGUAL))

    def source_field(lang: str) -> str:
        return anki.question_note(question, lang, sources=index).fields[-1]

    assert "concepts#tensor-ops — 텐서 연산 (sum, mean, argmax) ·" in source_field("ko")
    assert "concepts#tensor-ops — tensor operations (sum, mean, argmax) ·" in source_field("en")
    assert ("concepts#tensor-ops — 텐서 연산 (sum, mean, argmax) / tensor operations "
            "(sum, mean, argmax) ·") in source_field("both")


def test_korean_quiz_feedback_shows_the_korean_description(tui_env):
    write(tui_env.questions, BILINGUAL)

    async def run(lang: str) -> str:
        app = make_app(lang=lang)
        async with app.run_test() as pilot:
            await settle(pilot)
            app.start_quiz([app.data.banks.by_id["tui-mcq-view"]])
            await settle(pilot)
            await pilot.press("1")
            await settle(pilot, 1)
            return text_of(app.screen.query_one("#feedback-text"))

    korean = asyncio.run(run("ko"))
    assert "출처: concepts#tensor-ops — 텐서 연산 (sum, mean, argmax)" in korean
    assert "tensor operations" not in korean
    english = asyncio.run(run("en"))
    assert "Source: concepts#tensor-ops — tensor operations (sum, mean, argmax)" in english
