"""`quizapp grade`: exit codes, JSON contract, and the attempt recorded in the store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quizapp.cli import main
from quizapp.store import Store



pytestmark = pytest.mark.usefixtures("fixture_katas")


@pytest.fixture
def correct(tmp_path) -> Path:
    path = tmp_path / "double.py"
    path.write_text("def double(x):\n    return x + x\n")
    return path


@pytest.fixture
def wrong(tmp_path) -> Path:
    path = tmp_path / "triple.py"
    path.write_text("def double(x):\n    return 3 * x\n")
    return path


def attempts(db: Path):
    with Store.open(db) as store:
        return store.kata_attempts()


def test_pass_exits_0_and_records_the_attempt_with_code_and_report(correct, tmp_path, capsys):
    db = tmp_path / "p.db"
    assert main(["grade", "double", str(correct), "--device", "cpu", "--db", str(db)]) == 0
    assert "double: PASS" in capsys.readouterr().out
    [attempt] = attempts(db)
    assert attempt.kata_id == "double" and attempt.status == "pass"
    assert "return x + x" in attempt.code
    assert attempt.report["version"] == 3 and attempt.report["status"] == "pass"


def test_fail_exits_1_and_prints_results_v3_json(wrong, tmp_path, capsys):
    db = tmp_path / "f.db"
    assert main(["grade", "double", str(wrong), "--json", "--device", "cpu", "--db", str(db)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["version"] == 3 and data["status"] == "fail"
    failing = [t for t in data["tests"] if t["status"] == "fail"]
    assert failing and {"name", "status", "message", "output"} <= set(failing[0])
    assert failing[0]["mismatched"] > 0 and "max_abs_diff" in failing[0]
    assert [a.status for a in attempts(db)] == ["fail"]


def test_no_record_leaves_the_store_untouched(correct, tmp_path):
    db = tmp_path / "n.db"
    assert main(["grade", "double", str(correct), "--device", "cpu", "--no-record", "--db", str(db)]) == 0
    assert not db.exists()


def test_quizapp_db_environment_variable_is_used(correct, tmp_path, monkeypatch):
    db = tmp_path / "env.db"
    monkeypatch.setenv("QUIZAPP_DB", str(db))
    assert main(["grade", "double", str(correct), "--device", "cpu"]) == 0
    assert len(attempts(db)) == 1


def test_bad_invocations_exit_2(correct, tmp_path, capsys):
    assert main(["grade", "doubel", str(correct)]) == 2
    assert "Did you mean: double" in capsys.readouterr().err
    assert main(["grade", "double", str(tmp_path / "missing.py")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_crashing_submission_is_an_error_verdict_with_exit_1(tmp_path, capsys):
    path = tmp_path / "broken.py"
    path.write_text("import nonexistent_module_for_test\n")
    assert main(["grade", "double", str(path), "--json", "--device", "cpu", "--no-record"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "error" and "nonexistent_module_for_test" in data["message"]
