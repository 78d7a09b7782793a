"""Mock interviews after the clock: scoring, the schedule rule, the stored report, Markdown."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from mock_support import question, write_bank
from quizapp.banks import load_banks
from quizapp.cli import main
from quizapp.mock import (
    MockRun, Plan, PlanItem, build_report, countdown_level, finish_mock, format_clock,
    mock_trend, render_markdown, schedule_updates, score_mock,
)
from quizapp.store import Store

NOW = datetime(2025, 3, 10, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def questions(tmp_path):
    folder = tmp_path / "banks"
    write_bank(folder, "tensors", [
        question("t-mcq", "mcq", ["tensors"]),                      # 1 min
        question("t-multi", "multi", ["tensors", "autograd"]),      # 1.5 min
        question("t-tf", "truefalse", ["tensors"]),                 # 0.5 min
        question("t-short", "short", ["tensors"], minutes=4),       # 4 min
        question("t-cloze", "cloze", ["tensors"]),                  # 1 min
    ])
    write_bank(folder, "autograd", [question("a-output", "output", ["autograd"])])  # 1.5 min
    banks = load_banks(folder, cache=False)
    assert not banks.errors, banks.errors
    return banks.by_id


def make_plan(questions, katas=(("k-pass", 10, ("tensors",)), ("k-fail", 5, ("autograd",)))):
    items = [PlanItem("question", q.id, q.minutes, tuple(dict.fromkeys([q.topic, *q.topics])),
                      q.type) for q in questions.values()]
    items += [PlanItem("kata", k, m, t, "kata") for k, m, t in katas]
    return Plan(30, 11, tuple(items))


def verdict(status, passed=1, failed=0, **figures):
    tests = [{"name": f"ok {i}", "status": "pass", "message": None} for i in range(passed)]
    tests += [{"name": f"bad {i}", "status": "fail", "message": "outputs differ",
               **figures} for i in range(failed)]
    return {"version": 3, "status": status, "message": None if status == "pass" else
            "1 check failed", "tests": tests, "device": "cpu", "duration_s": 1.5}


def positions(plan):
    return {item.id: n for n, item in enumerate(plan.items)}


def standard_outcome(questions):
    plan = make_plan(questions)
    at = positions(plan)
    answers = {at["t-mcq"]: 1,               # right
               at["t-multi"]: [0, 1],        # wrong
               # t-tf left blank
               at["t-short"]: "view never copies; reshape may copy",
               at["t-cloze"]: " `Unsqueeze` ",  # right after normalisation
               at["a-output"]: "3",          # wrong
               at["k-pass"]: {"file": "k-pass.py", "code": "def f(): pass\n"}}
    reports = {"k-pass": verdict("pass", passed=3),
               "k-fail": verdict("fail", passed=2, failed=1, max_abs_diff=0.25, mismatched=4)}
    outcome = score_mock(plan, questions, answers, self_grades={at["t-short"]: [True, True, False]},
                         kata_reports=reports, time_used=[30.0 * (n + 1) for n in range(8)])
    return plan, at, outcome


# --------------------------------------------------------------------------------------------
# Scoring

def test_item_scores(questions):
    plan, at, outcome = standard_outcome(questions)
    r = {res.id: res for res in outcome.results}
    assert r["t-mcq"].correct is True and r["t-mcq"].score == 1.0
    assert r["t-multi"].correct is False and r["t-multi"].score == 0.0
    assert r["t-tf"].answered is False and r["t-tf"].score == 0.0
    assert r["t-short"].correct is None
    assert r["t-short"].self_grade == pytest.approx(2 / 3)
    assert r["t-short"].points == pytest.approx(4 * 2 / 3)
    assert r["t-cloze"].correct is True
    assert r["a-output"].correct is False
    assert r["k-pass"].score == 1.0 and r["k-pass"].correct is True
    assert r["k-fail"].score == 0.0 and r["k-fail"].correct is False
    assert r["k-fail"].answered is True  # graded as it stood, even untouched
    assert r["t-mcq"].given.startswith("2.") and r["t-mcq"].expected.startswith("2.")
    assert [res.time_used_s for res in outcome.results] == [30.0 * (n + 1) for n in range(8)]


def test_section_topic_and_total_scores(questions):
    _, _, outcome = standard_outcome(questions)
    s = outcome.scores
    concepts_possible = 1 + 1.5 + 0.5 + 4 + 1 + 1.5
    concepts_earned = 1 + 4 * 2 / 3 + 1
    assert s["sections"]["concepts"]["possible"] == pytest.approx(concepts_possible)
    assert s["sections"]["concepts"]["earned"] == pytest.approx(concepts_earned, abs=1e-3)
    assert s["sections"]["concepts"]["score"] == pytest.approx(
        concepts_earned / concepts_possible, abs=1e-3)
    assert s["sections"]["katas"] == {"score": pytest.approx(10 / 15, abs=1e-3), "earned": 10,
                                      "possible": 15, "items": 2, "answered": 2}
    assert s["total"] == pytest.approx((concepts_earned + 10) / (concepts_possible + 15), abs=1e-3)
    assert s["items"] == 8 and s["answered"] == 7
    # per topic: an item counts in each of its topics (t-multi is tensors and autograd)
    autograd = s["topics"]["autograd"]
    assert autograd["possible"] == pytest.approx(1.5 + 1.5 + 5)
    assert autograd["earned"] == 0
    tensors = s["topics"]["tensors"]
    assert tensors["possible"] == pytest.approx(1 + 1.5 + 0.5 + 4 + 1 + 10)
    assert tensors["earned"] == pytest.approx(1 + 4 * 2 / 3 + 1 + 10, abs=1e-3)
    assert s["time_used_s"] == pytest.approx(sum(30.0 * (n + 1) for n in range(8)))


def test_short_answer_without_self_grade_uses_the_keywords(questions):
    plan = Plan(15, 1, (PlanItem("question", "t-short", 4, ("tensors",), "short"),))
    outcome = score_mock(plan, questions, {0: "a view never copies, but stride matters"})
    result = outcome.results[0]
    assert result.ticks == (True, False, True)
    assert result.self_grade == pytest.approx(2 / 3)


def test_ticks_on_a_blank_short_answer_count_for_nothing(questions):
    plan = Plan(15, 1, (PlanItem("question", "t-short", 4, ("tensors",), "short"),))
    outcome = score_mock(plan, questions, {}, self_grades={0: [True, True, True]})
    assert outcome.results[0].score == 0 and outcome.results[0].self_grade is None
    assert outcome.scores["total"] == 0


def test_missing_question_and_ungraded_kata_earn_nothing(questions):
    plan = Plan(15, 1, (PlanItem("question", "gone", 1, ("tensors",), "mcq"),
                        PlanItem("kata", "k", 10, ("tensors",), "kata")))
    outcome = score_mock(plan, questions, {0: 1})
    gone, kata = outcome.results
    assert gone.missing and gone.score == 0
    assert kata.verdict is None and kata.score == 0 and kata.given == "not graded"
    assert outcome.scores["total"] == 0


def test_empty_plan_scores_none():
    outcome = score_mock(Plan(15, 0, ()), {}, {})
    assert outcome.scores["total"] is None and outcome.scores["sections"] == {}


# --------------------------------------------------------------------------------------------
# The schedule rule

def learn(store, qid, days_ago, content_hash=None):
    """Three good reviews ending ``days_ago`` days before NOW: out of the learning steps, into
    review with a stability of days."""
    last = NOW - timedelta(days=days_ago)
    for when in (last - timedelta(days=4), last - timedelta(days=4) + timedelta(minutes=15), last):
        store.record_review(qid, correct=True, when=when, content_hash=content_hash)


def cards_for(tmp_path, reviews):
    """Cards as the store keeps them after ``reviews``: (question id, days since the last)."""
    with Store.open(tmp_path / "cards.db") as store:
        for qid, days in reviews:
            learn(store, qid, days, content_hash="old" if qid == "t-cloze" else None)
        cards = store.cards()
    for qid, days in reviews:  # preconditions: recent means not due, long ago means due
        assert (cards[qid].due <= NOW) == (days >= 60), (qid, cards[qid].due)
    return cards


def test_only_failed_answers_and_due_cards_update_the_schedule(questions, tmp_path):
    _, at, outcome = standard_outcome(questions)
    cards = cards_for(tmp_path, [
        ("t-mcq", 1),       # right, reviewed yesterday: not due -> unchanged
        ("a-output", 1),    # wrong -> failed
        ("t-multi", 60),    # wrong -> failed (also due)
        ("t-tf", 60),       # due but not answered -> unchanged
    ])
    updates = {u.question_id: u for u in schedule_updates(outcome.results, cards, questions, NOW)}
    assert set(updates) == {"a-output", "t-multi"}
    assert updates["a-output"].reason == "failed" and updates["a-output"].correct is False
    # t-short covered 2/3 of its key points (Good) and was never reviewed: unchanged;
    # t-cloze was right and is new: unchanged.


def test_right_answers_to_due_cards_update_the_schedule(questions, tmp_path):
    _, _, outcome = standard_outcome(questions)
    cards = cards_for(tmp_path, [("t-mcq", 90)])
    updates = schedule_updates(outcome.results, cards, questions, NOW)
    assert {(u.question_id, u.reason, u.correct) for u in updates} == {
        ("t-multi", "failed", False), ("t-mcq", "due", True), ("a-output", "failed", False)}


def test_edited_questions_count_as_due(questions, tmp_path):
    _, _, outcome = standard_outcome(questions)
    cards = cards_for(tmp_path, [("t-cloze", 1)])  # reviewed with another content hash
    updates = {u.question_id: u.reason for u in
               schedule_updates(outcome.results, cards, questions, NOW)}
    assert updates.get("t-cloze") == "due"


def test_low_self_grade_fails_and_half_does_not(questions):
    plan = Plan(15, 1, (PlanItem("question", "t-short", 4, ("tensors",), "short"),))
    low = score_mock(plan, questions, {0: "some text"}, self_grades={0: [True, False, False]})
    half = score_mock(plan, questions, {0: "some text"}, self_grades={0: [True, True, False]})
    assert [u.reason for u in schedule_updates(low.results, {}, questions, NOW)] == ["failed"]
    assert low.results[0].failed and schedule_updates(low.results, {}, questions, NOW)[0] \
        .self_grade == pytest.approx(1 / 3)
    assert schedule_updates(half.results, {}, questions, NOW) == []


def test_katas_never_update_the_schedule(questions):
    _, _, outcome = standard_outcome(questions)
    ids = {u.question_id for u in schedule_updates(outcome.results, {}, questions, NOW)}
    assert not ids & {"k-pass", "k-fail"}


# --------------------------------------------------------------------------------------------
# Storing a finished mock

def test_finish_mock_stores_items_reviews_attempts_and_report(questions, tmp_path):
    plan, at, outcome = standard_outcome(questions)
    with Store.open(tmp_path / "p.db") as store:
        learn(store, "t-mcq", 1)
        before = store.card("t-mcq")
        assert before.due > NOW
        sid = store.start_mock_session(plan.minutes, plan.seed, plan.to_json(),
                                       started_at=NOW - timedelta(minutes=30))
        report = finish_mock(store, sid, plan, outcome, questions=questions, lang="en",
                             started_at=NOW - timedelta(minutes=30), finished_at=NOW,
                             time_ran_out=True)
        session = store.mock_session(sid)
        assert session.finished_at == NOW
        assert session.scores["total"] == pytest.approx(outcome.scores["total"])
        assert session.report == json.loads(json.dumps(report))
        assert [(i.position, i.kind, i.item_id) for i in session.items] == [
            (n, item.kind, item.id) for n, item in enumerate(plan.items)]
        short = session.items[at["t-short"]]
        assert short.verdict == {"self_grade": pytest.approx(2 / 3), "ticks": [True, True, False]}
        assert session.items[at["k-fail"]].verdict["status"] == "fail"
        # reviews: only the failed ones, tagged as coming from this mock
        reviews = store.reviews()
        mock_reviews = [r for r in reviews if r.source == "mock"]
        assert {r.question_id for r in mock_reviews} == {"t-multi", "a-output"}
        assert all(r.mock_session_id == sid and r.rating == 1 for r in mock_reviews)
        assert store.card("t-mcq") == before            # right and not due: untouched
        assert store.card("t-short") is None             # self-graded Good, new: no card
        # kata attempts, with the code when it was given
        attempts = {a.kata_id: a for a in store.kata_attempts()}
        assert set(attempts) == {"k-pass", "k-fail"}
        assert attempts["k-pass"].code == "def f(): pass\n"
        assert all(a.source == "mock" and a.mock_session_id == sid for a in attempts.values())
    assert sorted(report["schedule"], key=lambda u: u["id"]) == [
        {"id": "a-output", "reason": "failed"}, {"id": "t-multi", "reason": "failed"}]
    assert report["trend"][-1]["id"] == sid


def test_trend_over_sessions(tmp_path):
    with Store.open(tmp_path / "p.db") as store:
        ids = []
        for n, total in enumerate((0.4, None, 0.7)):
            sid = store.start_mock_session(15, n, {}, started_at=NOW + timedelta(days=n))
            if total is not None:
                store.finish_mock_session(sid, {"total": total}, {"id": sid},
                                          finished_at=NOW + timedelta(days=n, minutes=15))
            ids.append(sid)
        sessions = store.mock_sessions()
    trend = mock_trend(sessions)
    assert [(t["id"], t["total"]) for t in trend] == [(ids[0], 0.4), (ids[2], 0.7)]
    assert [t["id"] for t in mock_trend(sessions, upto=ids[0])] == [ids[0]]


# --------------------------------------------------------------------------------------------
# The report

def test_markdown_report(questions):
    plan, at, outcome = standard_outcome(questions)
    report = build_report(plan=plan, outcome=outcome, questions=questions, session_id=4,
                          started_at=NOW, finished_at=NOW + timedelta(minutes=30),
                          time_ran_out=True, trend=[
                              {"id": 3, "started_at": (NOW - timedelta(days=2)).isoformat(),
                               "minutes": 15, "total": 0.5},
                              {"id": 4, "started_at": NOW.isoformat(), "minutes": 30,
                               "total": outcome.scores["total"]}])
    md = render_markdown(report)
    assert md.startswith("# Mock interview #4")
    assert "30 minutes · seed 11" in md
    assert "The time ran out" in md
    assert "## Score by section" in md and "| Concepts | 49% |" in md and "| Katas | 67% |" in md
    assert "### 8. Kata: k-fail" in md
    assert "## Score by topic" in md and "| autograd | 0% |" in md
    # each answer beside the model answer
    assert "**Your answer:**" in md and "**Model answer:**" in md
    assert "> 2. beta" in md
    assert "> view never copies; reshape may copy" in md
    assert "- [x] view never copies" in md and "- [ ] strides must fit" in md
    assert "self-graded 67% of the key points" in md
    assert "(no answer)" in md  # t-tf
    # kata verdicts with their figures, and the code
    assert "**FAIL**" in md and "max_abs_diff=0.25" in md and "mismatched=4" in md
    assert "def f(): pass" in md
    # time used per item
    assert "00:30 (estimated 1.5 min)" in md  # a-output, the first item
    assert "4.7 / 9.5" in md                  # concepts: points with one decimal
    # trend
    assert "## Trend over mock interviews" in md and "| 3 |" in md and "←" in md
    assert "No card changed" in md


def test_markdown_report_in_korean_and_escaped_cells(questions):
    plan, _, outcome = standard_outcome(questions)
    outcome.results[-1].verdict["tests"][-1]["message"] = "a | b\nc"
    report = build_report(plan=plan, outcome=outcome, questions=questions, lang="ko")
    md = render_markdown(report)
    assert md.startswith("# 모의 면접")
    assert "Prompt of t-mcq? (ko)" in md
    assert "a \\| b<br>c" in md


def test_markdown_report_in_korean_names_topics_and_verdicts_in_korean(questions, tmp_path):
    """A Korean report says its verdicts, check statuses, schedule reasons and question types in
    Korean, and names topics as the banks do in Korean (kept in the report)."""
    plan, _, outcome = standard_outcome(questions)
    names = load_banks(tmp_path / "banks", cache=False).topics
    updates = schedule_updates(outcome.results, {}, questions, NOW)
    report = build_report(plan=plan, outcome=outcome, questions=questions, lang="ko",
                          updates=updates, topic_names=names)
    assert report["topic_names"] == {"tensors": "Tensors (ko)", "autograd": "Autograd (ko)"}
    md = render_markdown(json.loads(json.dumps(report)))      # as stored, then printed
    assert "| Tensors (ko) |" in md and "| Autograd (ko) | 0% |" in md
    assert "**통과**" in md and "**실패**" in md
    assert "통과, 검사 3/3개 통과" in md and "| bad 0 | 실패 |" in md
    assert "- `a-output` (틀림)" in md
    assert "`t-mcq` (객관식)" in md
    for english in ("**PASS**", "**FAIL**", "(failed)", "(mcq)", "3/3 checks"):
        assert english not in md, english


def test_markdown_report_in_english_uses_the_banks_topic_names(questions, tmp_path):
    plan, _, outcome = standard_outcome(questions)
    names = load_banks(tmp_path / "banks", cache=False).topics
    md = render_markdown(build_report(plan=plan, outcome=outcome, questions=questions,
                                      topic_names=names))
    assert "| Tensors |" in md and "| Autograd | 0% |" in md
    assert "**FAIL**" in md and "`t-mcq` (mcq)" in md and "pass, 3/3 checks" in md


# --------------------------------------------------------------------------------------------
# The clock

def test_countdown_levels():
    assert countdown_level(301) == "normal"
    assert countdown_level(300) == "warning"
    assert countdown_level(61) == "warning"
    assert countdown_level(60) == "danger"
    assert countdown_level(0) == "danger"


def test_format_clock():
    assert format_clock(0) == "00:00"
    assert format_clock(0.2) == "00:01"       # a countdown rounds up
    assert format_clock(0.2, up=True) == "00:00"
    assert format_clock(65) == "01:05"
    assert format_clock(3725, up=True) == "1:02:05"


class FakeClock:
    def __init__(self):
        self.t = 1000.0

    def __call__(self):
        return self.t


def test_mock_run_counts_time_per_item_and_stops_at_zero():
    plan = Plan(15, 1, (PlanItem("question", "a", 1), PlanItem("question", "b", 1),
                        PlanItem("kata", "k", 10)))
    clock = FakeClock()
    run = MockRun(plan, now=clock)
    clock.t += 40
    assert run.item_time() == 40 and run.remaining() == 15 * 60 - 40
    run.goto(2)                       # skip b
    clock.t += 100
    run.set_answer(2, {"file": "k.py"})
    run.goto(0)                       # revisit a
    clock.t += 20
    run.set_answer(0, "x")
    assert run.status(0) == "answered" and run.status(1) == "unseen"
    run.goto(1)
    run.set_answer(1, "   ")          # blank is no answer
    assert run.status(1) == "skipped"
    assert run.level() == "normal"
    clock.t = run.deadline - 200
    assert run.level() == "warning"
    clock.t = run.deadline - 30
    assert run.level() == "danger" and not run.expired()
    clock.t = run.deadline + 500      # time beyond zero is not counted
    assert run.expired() and run.remaining() == 0
    run.finish()
    run.set_answer(1, "late")         # ignored once finished
    assert 1 not in run.answers
    used = run.time_used()
    assert used[0] == 60 and used[2] == 100
    assert sum(used) == pytest.approx(15 * 60)
    clock.t += 100
    assert run.time_used() == used


def test_mock_run_finished_early_keeps_the_time_left():
    plan = Plan(15, 1, (PlanItem("question", "a", 1),))
    clock = FakeClock()
    run = MockRun(plan, now=clock)
    clock.t += 120
    run.finish()
    clock.t += 60
    assert run.time_used() == [120]
    assert run.elapsed() == 120


# --------------------------------------------------------------------------------------------
# quizapp mock report

def stored_report(db, questions):
    plan, _, outcome = standard_outcome(questions)
    with Store.open(db) as store:
        first = store.start_mock_session(15, 1, {}, started_at=NOW - timedelta(days=3))
        store.finish_mock_session(first, {"total": 0.25}, {"id": first, "items": []},
                                  finished_at=NOW - timedelta(days=3))
        sid = store.start_mock_session(plan.minutes, plan.seed, plan.to_json(), started_at=NOW)
        finish_mock(store, sid, plan, outcome, questions=questions, started_at=NOW,
                    finished_at=NOW + timedelta(minutes=30))
        store.start_mock_session(30, 5, {}, started_at=NOW + timedelta(hours=1))  # unfinished
    return first, sid


def test_cli_report_markdown_and_json(questions, tmp_path, capsys):
    db = tmp_path / "p.db"
    first, sid = stored_report(db, questions)
    assert main(["mock", "report", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"# Mock interview #{sid}")
    assert "## Trend over mock interviews" in out and f"| {first} |" in out
    assert main(["mock", "report", str(sid), "--format", "json", "--db", str(db)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["id"] == sid and [t["id"] for t in data["trend"]] == [first, sid]
    assert data["scores"]["sections"]["katas"]["possible"] == 15
    # an older report shows the trend up to itself
    assert main(["mock", "report", str(first), "--format", "json", "--db", str(db)]) == 0
    assert [t["id"] for t in json.loads(capsys.readouterr().out)["trend"]] == [first]


def test_cli_report_errors(questions, tmp_path, capsys):
    db = tmp_path / "p.db"
    assert main(["mock", "report", "--db", str(db)]) == 1
    assert "no progress database" in capsys.readouterr().err
    Store.open(db).close()
    assert main(["mock", "report", "--db", str(db)]) == 1
    assert "no finished mock interview" in capsys.readouterr().err
    stored_report(db, questions)
    assert main(["mock", "report", "99", "--db", str(db)]) == 1
    assert "no mock interview 99" in capsys.readouterr().err
    assert main(["mock", "report", "abc", "--db", str(db)]) == 2
    unfinished = max(s.id for s in Store.open(db).mock_sessions())
    assert main(["mock", "report", str(unfinished), "--db", str(db)]) == 1
    assert "not finished" in capsys.readouterr().err


def test_mock_run_restored_after_a_drop_goes_on_from_the_time_used():
    from quizapp.mock import kept_answers
    from quizapp.store import MockItem

    plan = Plan(15, 1, (PlanItem("question", "a", 1), PlanItem("question", "b", 1),
                        PlanItem("kata", "k", 10)))
    rows = [MockItem(1, 9, 0, "question", "a", answer="x", time_used_s=40.0),
            MockItem(2, 9, 1, "question", "b", answer=None, time_used_s=20.0),
            MockItem(3, 9, 2, "question", "not-k", answer="stale", time_used_s=5.0)]
    answers, used = kept_answers(plan, rows)
    assert answers == {0: "x"} and used == {0: 40.0, 1: 20.0}   # a row off the plan is left out
    clock = FakeClock()
    run = MockRun(plan, now=clock)
    clock.t += 1000                  # the time the app was not running does not count
    run.restore(answers, used)
    assert run.remaining() == pytest.approx(15 * 60 - 60)
    assert run.current == 1 and run.status(0) == "answered" and run.status(1) == "skipped"
    assert run.status(2) == "unseen"
    clock.t += 30
    assert run.item_time(1) == pytest.approx(50)
    clock.t = run.deadline + 1
    assert run.expired()


def test_finish_mock_replaces_the_answers_kept_while_it_ran(questions, tmp_path):
    plan, at, outcome = standard_outcome(questions)
    with Store.open(tmp_path / "p.db") as store:
        sid = store.start_mock_session(plan.minutes, plan.seed, plan.to_json(), started_at=NOW)
        store.save_mock_answer(sid, at["t-mcq"], "question", "t-mcq", answer=1, time_used_s=3)
        store.save_mock_answer(sid, at["t-tf"], "question", "t-tf", answer=None, time_used_s=2)
        finish_mock(store, sid, plan, outcome, questions=questions, lang="en", started_at=NOW,
                    finished_at=NOW + timedelta(minutes=30))
        session = store.mock_session(sid)
        assert [(i.position, i.item_id) for i in session.items] == [
            (n, item.id) for n, item in enumerate(plan.items)]
        assert store.unfinished_mock_sessions() == []
