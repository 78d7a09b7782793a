"""The app's ways to grade, in Korean: ``quizapp grade --lang ko`` (or the remembered language)
prints Korean reports and batch summaries, and the workbench's warm grader asks for the app's
language. The JSON keeps its keys and statuses in every language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.store import Store

pytestmark = pytest.mark.usefixtures("fixture_katas")

TRIPLES = "def double(x):\n    return 3 * x\n"
DOUBLES = "def double(x):\n    return x + x\n"


@pytest.fixture
def wrong(tmp_path) -> Path:
    path = tmp_path / "triple.py"
    path.write_text(TRIPLES, encoding="utf-8")
    return path


def test_grade_with_lang_ko_prints_a_korean_report(wrong, capsys):
    assert main(["grade", "double", str(wrong), "--lang", "ko", "--device", "cpu", "--no-record"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("double: 실패  (")
    assert "   실패  기준 구현과 출력이 일치 (double)" in out
    assert "가능한 원인: 출력이 기대한 출력에 1.5를 곱한 값입니다" in out
    assert out.rstrip().endswith("검사 2개 중 0개 통과")
    assert "checks passed" not in out and "FAIL" not in out


def test_the_remembered_language_words_the_json_but_not_its_keys(wrong, content_env, capsys):
    with Store.open(content_env.db) as store:
        store.set_setting("language", "ko")
    assert main(["grade", "double", str(wrong), "--json", "--device", "cpu"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert {"version", "status", "message", "tests"} <= set(data) and data["status"] == "fail"
    outputs = data["tests"][0]
    assert {"name", "status", "message", "output", "check"} <= set(outputs)
    assert (outputs["status"], outputs["check"]) == ("fail", "outputs")
    assert outputs["name"] == "기준 구현과 출력이 일치 (double)"
    assert outputs["message"].startswith("시행 1/3 (") and outputs["mismatched"] > 0
    with Store.open(content_env.db) as store:
        [attempt] = store.kata_attempts()
    assert attempt.report["tests"][0]["name"] == outputs["name"]  # recorded as it was shown


def test_a_class_graded_in_korean_has_a_korean_summary(wrong, tmp_path, capsys):
    right = tmp_path / "double.py"
    right.write_text(DOUBLES, encoding="utf-8")
    assert main(["grade", "double", str(right), str(wrong), "--lang", "ko", "--jobs", "1", "--device", "cpu",
                 "--allow-unsandboxed"]) == 1
    out = capsys.readouterr().out
    assert "double: 제출물 2개, " in out and "  통과 1   실패 1   오류 0" in out
    assert "  실패   " in out and "검사 0/2" in out
    assert "passed" not in out


def test_the_workbench_grades_in_the_apps_language():
    from quizapp.workbench import WarmGrader, grade_command

    assert grade_command("double", "f.py", "cpu", "python", "ko")[-2:] == ["--lang", "ko"]
    assert "--lang" not in grade_command("double", "f.py", "cpu", "python")
    grader = WarmGrader(device="cpu")
    try:
        korean = grader("double", TRIPLES, lang="ko")
        english = grader("double", TRIPLES)
    finally:
        grader.stop()
    assert korean.status == english.status == "fail"
    assert [c.name for c in korean.checks] == ["기준 구현과 출력이 일치 (double)",
                                               "기준 autograd와 기울기가 일치 (double)"]
    assert [c.name for c in english.checks] == ["outputs match the reference (double)",
                                                "gradients match reference autograd (double)"]
    assert [c.kind for c in korean.checks] == [c.kind for c in english.checks]
