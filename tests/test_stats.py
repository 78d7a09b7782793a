"""Stats assembly, and the stats / export / reset commands."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import pytest

from quizapp import stats as stats_module
from quizapp.cli import main
from quizapp.scheduling import Rating
from quizapp.commands.stats import format_stats
from quizapp.stats import build_stats, streak
from quizapp.store import Store

NOW = datetime(2025, 3, 10, 12, 0, tzinfo=timezone.utc)


@dataclass(frozen=True)
class Q:
    id: str
    topic: str
    topics: tuple[str, ...] = ()
    content_hash: str = "h0"
    difficulty: int = 1


@dataclass(frozen=True)
class Title:
    ko: str
    en: str


QUESTIONS = [Q("t1", "tensors"), Q("t2", "tensors"), Q("a1", "autograd"), Q("a2", "autograd"),
             Q("a3", "autograd", content_hash="edited")]
NAMES = {"tensors": Title("텐서", "Tensors"), "autograd": Title("자동 미분", "Autograd")}


@pytest.fixture
def fake_bank(monkeypatch, tmp_path, content_env):
    monkeypatch.setattr(stats_module, "load_bank", lambda: (list(QUESTIONS), dict(NAMES), []))
    katas = tmp_path / "katas"
    for kata in ("linear", "softmax"):
        (katas / kata).mkdir(parents=True)
        (katas / kata / "kata.yaml").write_text("id: x\n")
    content_env.use_katas(katas)


@pytest.fixture
def db(tmp_path):
    return tmp_path / "progress.db"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- pure ------------------------------------------------------------------------------------

def test_streak_counts_days_in_a_row():
    today = date(2025, 3, 10)
    days = {today - timedelta(days=d) for d in (0, 1, 2, 4)}
    assert streak(days, today) == 3
    assert streak(days - {today}, today) == 2  # today not practised yet: yesterday's streak holds
    assert streak({today - timedelta(days=2)}, today) == 0
    assert streak(set(), today) == 0


def test_build_stats_shape_and_counts():
    with Store.open(":memory:") as store:  # an in-memory store is enough for pure assembly
        store.record_review("t1", Rating.Good, when=NOW - timedelta(days=20))
        store.record_review("a3", Rating.Good, content_hash="h0", when=NOW - timedelta(hours=2))
        store.record_review("gone", Rating.Good, when=NOW - timedelta(days=1))
        cards = store.cards()
    data = build_stats(
        questions=QUESTIONS, cards=cards, now=NOW, today=date(2025, 3, 10), review_count=3,
        kata_attempt_count=0, activity_days={date(2025, 3, 9), date(2025, 3, 10)},
        topic_names=NAMES, target=date(2025, 4, 1), lang="ko")
    assert data["reviews"] == 3 and data["kata_attempts"] == 0
    assert data["due"] == 2  # t1 (long overdue) and a3 (edited since)
    assert data["changed"] == 1 and data["new"] == 3 and data["orphan_cards"] == 1
    assert data["streak"] == 2 and data["practiced_today"] and data["days_to_target"] == 22
    topics = {t["id"]: t for t in data["topics"]}
    assert [t["id"] for t in data["topics"]] == ["tensors", "autograd"]
    assert topics["autograd"]["name"] == "자동 미분"
    assert topics["tensors"]["seen"] == 1 and topics["tensors"]["questions"] == 2
    assert 0 < topics["tensors"]["recall_target"] < topics["tensors"]["recall_now"] < 0.5
    json.dumps(data)  # JSON-ready
    text = format_stats(data, "x.db")
    assert "자동 미분" in text and "Interview day 2025-04-01 (in 22 days)" in text


def test_past_target_date_has_no_prediction():
    data = build_stats(questions=QUESTIONS, cards={}, now=NOW, today=date(2025, 3, 10),
                       review_count=0, kata_attempt_count=0, target=date(2025, 3, 1))
    assert data["days_to_target"] == -9
    assert all(t["recall_target"] is None for t in data["topics"])


# -- quizapp stats ---------------------------------------------------------------------------

def test_stats_json_on_a_new_database(capsys, db, fake_bank):
    code, out, _ = run(capsys, "stats", "--json", "--db", str(db))
    assert code == 0
    data = json.loads(out)
    assert data["reviews"] == 0 and data["kata_attempts"] == 0 and data["due"] == 0
    assert [t["id"] for t in data["topics"]] == ["tensors", "autograd"]
    assert data["db"] == str(db) and db.exists()
    assert [(k["id"], k["status"]) for k in data["katas"]] == [("linear", "never"),
                                                              ("softmax", "never")]


def test_stats_json_counts_what_was_recorded(capsys, db, fake_bank):
    with Store.open(db) as store:
        store.record_review("t1", correct=True)
        store.record_review("a1", correct=False)
        store.record_kata_attempt("linear", "cpu", "fail", 1.0, "x", {"status": "fail"})
        store.record_kata_attempt("linear", "cpu", "pass", 1.0, "y", {"status": "pass"})
        store.record_kata_attempt("old-kata", "cpu", "fail", 1.0, "z", {"status": "fail"})
        sid = store.start_mock_session(30, 7, {"items": []})
        store.finish_mock_session(sid, {"total": 0.8}, {})
    code, out, _ = run(capsys, "--db", str(db), "stats", "--json")  # --db before the command
    data = json.loads(out)
    assert code == 0
    assert data["reviews"] == 2 and data["kata_attempts"] == 3
    assert data["streak"] == 1 and data["practiced_today"]
    assert {k["id"]: k["status"] for k in data["katas"]} == {
        "linear": "passed", "old-kata": "failing", "softmax": "never"}
    assert data["mock"][0]["scores"] == {"total": 0.8}
    seen = {t["id"]: t["seen"] for t in data["topics"]}
    assert seen == {"tensors": 1, "autograd": 1}
    code, out, _ = run(capsys, "stats", "--db", str(db))
    assert code == 0 and "Reviews 2" in out and "linear" in out and "Tensors" in out


def test_stats_target_date_is_remembered(capsys, db, fake_bank):
    target = (datetime.now().date() + timedelta(days=30)).isoformat()
    code, out, _ = run(capsys, "stats", "--json", "--db", str(db), "--target-date", target)
    assert code == 0 and json.loads(out)["target_date"] == target
    code, out, _ = run(capsys, "stats", "--json", "--db", str(db))
    data = json.loads(out)
    assert data["target_date"] == target and data["days_to_target"] == 30
    assert all(t["recall_target"] is not None for t in data["topics"])
    with Store.open(db) as store:
        assert store.get_setting("target_date") == target
    run(capsys, "stats", "--db", str(db), "--target-date", "none")
    code, out, _ = run(capsys, "stats", "--json", "--db", str(db))
    assert json.loads(out)["target_date"] is None
    code, _, err = run(capsys, "stats", "--db", str(db), "--target-date", "next friday")
    assert code == 2 and "YYYY-MM-DD" in err


def test_quizapp_db_environment_variable(capsys, tmp_path, monkeypatch, fake_bank):
    env_db = tmp_path / "env" / "p.db"
    monkeypatch.setenv("QUIZAPP_DB", str(env_db))
    code, out, _ = run(capsys, "stats", "--json")
    assert code == 0 and json.loads(out)["db"] == str(env_db) and env_db.exists()
    flag_db = tmp_path / "flag.db"
    code, out, _ = run(capsys, "stats", "--json", "--db", str(flag_db))
    assert json.loads(out)["db"] == str(flag_db)  # --db wins over QUIZAPP_DB


def test_stats_on_a_corrupt_file_names_it(capsys, db, fake_bank):
    db.write_bytes(b"junk" * 1000)
    code, out, err = run(capsys, "stats", "--db", str(db))
    assert code == 1 and str(db) in err and "not a readable" in err
    assert db.read_bytes() == b"junk" * 1000


def test_stats_with_the_real_banks(capsys, db):
    from quizapp.banks import load_banks

    bank = load_banks()
    code, out, _ = run(capsys, "stats", "--json", "--db", str(db))
    data = json.loads(out)
    assert code == 0 and data["new"] == len(bank.by_id)
    assert {t["id"] for t in data["topics"]} >= set(bank.topics)


# -- export and reset ------------------------------------------------------------------------

def filled(db):
    with Store.open(db) as store:
        store.record_review("t1", correct=True, answer=["a", "b"], duration_ms=2500)
        store.record_review("a1", self_grade=0.5, answer="텐서는 ...")
        store.record_kata_attempt("linear", "cpu", "pass", 1.5, "def f():\n    return 1\n",
                                  {"version": 3, "status": "pass", "tests": []})
        sid = store.start_mock_session(15, 1, {"items": ["t1"]})
        store.add_mock_item(sid, "question", "t1", correct=True)


def test_export_json(capsys, db, tmp_path):
    filled(db)
    code, out, _ = run(capsys, "export", "--db", str(db))
    assert code == 0
    data = json.loads(out)
    assert [r["question_id"] for r in data["reviews"]] == ["t1", "a1"]
    assert data["reviews"][0]["answer"] == ["a", "b"] and data["reviews"][1]["rating"] == 2
    assert data["kata_attempts"][0]["report"]["status"] == "pass"
    assert data["kata_attempts"][0]["code"].startswith("def f()")
    assert data["mock_sessions"][0]["items"][0]["item_id"] == "t1"
    out_file = tmp_path / "out.json"
    code, out, _ = run(capsys, "export", "--db", str(db), "--out", str(out_file))
    assert code == 0 and "2 reviews and 1 kata attempts" in out
    assert json.loads(out_file.read_text(encoding="utf-8"))["reviews"] == data["reviews"]


def test_export_csv(capsys, db, tmp_path):
    filled(db)
    out_file = tmp_path / "out.csv"
    code, _, _ = run(capsys, "export", "--format", "csv", "--db", str(db), "--out", str(out_file))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out_file.read_text(encoding="utf-8"))))
    assert [r["kind"] for r in rows] == ["review", "review", "kata_attempt"]
    assert rows[0]["item_id"] == "t1" and json.loads(rows[0]["answer"]) == ["a", "b"]
    assert rows[0]["duration_s"] == "2.5" and rows[0]["correct"] == "1"
    assert rows[1]["answer"] == "텐서는 ..." and rows[1]["self_grade"] == "0.5"
    assert rows[2]["code"] == "def f():\n    return 1\n"
    assert json.loads(rows[2]["report"])["status"] == "pass"


def test_export_of_a_missing_database_fails_clearly(capsys, db):
    code, _, err = run(capsys, "export", "--db", str(db))
    assert code == 1 and str(db) in err and not db.exists()


def test_reset_refuses_without_yes(capsys, db):
    filled(db)
    code, _, err = run(capsys, "reset", "--db", str(db))
    assert code == 2 and "--yes" in err
    with Store.open(db) as store:
        assert store.review_count() == 2


def test_reset_with_yes_prints_the_backup(capsys, db):
    filled(db)
    code, out, _ = run(capsys, "reset", "--yes", "--db", str(db))
    assert code == 0
    backup = out.strip().splitlines()[-1].removeprefix("Backup: ")
    with Store.open(backup) as old:
        assert old.review_count() == 2
    with Store.open(db) as store:
        assert store.review_count() == 0 and store.kata_attempt_count() == 0
