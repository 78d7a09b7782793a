"""Composition of mock interviews: time budget, katas, determinism, weak topics, the CLI plan."""

from __future__ import annotations

import json
import random
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import pytest

from mock_support import copy_katas, question, use_content, write_bank, write_banks
from quizapp.cli import main
from quizapp.mock import Plan, PlanItem, compose_plan
from quizapp.scheduling import topic_mastery
from quizapp.store import Store

TYPE_MINUTES = {"truefalse": 0.5, "mcq": 1.0, "cloze": 1.0, "output": 1.5, "multi": 1.5,
                "short": 3.0}
TYPES = tuple(TYPE_MINUTES)


@dataclass(frozen=True)
class Q:
    id: str
    type: str
    minutes: float
    topic: str
    topics: tuple[str, ...]
    difficulty: int = 1


@dataclass(frozen=True)
class K:
    id: str
    minutes: float
    topics: tuple[str, ...]
    difficulty: int = 2


def bank(topics=("tensors", "autograd", "nn-module"), per_topic=18):
    return [Q(f"{t}-{i:02d}", TYPES[i % len(TYPES)], TYPE_MINUTES[TYPES[i % len(TYPES)]], t,
              (t,)) for t in topics for i in range(per_topic)]


KATAS = [K("k-tensors-10", 10, ("tensors",)), K("k-autograd-12", 12, ("autograd",)),
         K("k-nn-15", 15, ("nn-module",)), K("k-nn-20", 20, ("nn-module", "autograd")),
         K("k-tensors-25", 25, ("tensors",))]


def kinds(plan):
    return Counter(item.kind for item in plan.items)


# --------------------------------------------------------------------------------------------
# Time budget

@pytest.mark.parametrize("minutes", [15, 30, 45, 60])
def test_plan_fits_the_minutes_and_fills_them(minutes):
    questions = bank()
    for seed in range(15):
        plan = compose_plan(questions, KATAS, {}, minutes, seed)
        total = sum(item.minutes for item in plan.items)
        assert total <= minutes
        assert plan.planned_minutes == pytest.approx(total)
        # Filled: no question left out would still fit in what is left.
        used = {item.id for item in plan.items}
        left = minutes - total
        assert all(q.minutes > left for q in questions if q.id not in used), (seed, left)
        # Every id at most once, every estimate carried over.
        assert len(used) == len(plan.items)
        by_id = {q.id: q for q in questions} | {k.id: k for k in KATAS}
        assert all(item.minutes == by_id[item.id].minutes for item in plan.items)


def test_items_carry_their_own_estimates():
    questions = [Q("long", "short", 7, "tensors", ("tensors",)),
                 Q("tiny", "truefalse", 0.5, "tensors", ("tensors",))]
    plan = compose_plan(questions, [], {}, 15, seed=1)
    assert {i.id: i.minutes for i in plan.items} == {"long": 7, "tiny": 0.5}
    assert plan.to_json()["items"][0]["minutes"] in (7, 0.5)


def test_nothing_too_long_for_the_budget_is_chosen():
    questions = [Q("huge", "short", 20, "tensors", ("tensors",))] + bank(per_topic=3)
    plan = compose_plan(questions, [K("big", 40, ("tensors",))], {}, 15, seed=0)
    assert "huge" not in {i.id for i in plan.items}
    assert "big" not in {i.id for i in plan.items}


# --------------------------------------------------------------------------------------------
# Katas

@pytest.mark.parametrize("minutes", [15, 30, 45, 60])
def test_at_least_one_kata_from_15_minutes(minutes):
    for seed in range(20):
        plan = compose_plan(bank(), KATAS, {}, minutes, seed)
        assert kinds(plan)["kata"] >= 1, seed
        assert kinds(plan)["question"] >= 1, seed
        # questions come first, katas after them
        order = [i.kind for i in plan.items]
        assert order == sorted(order, key=lambda k: k == "kata")


def test_two_katas_from_45_minutes_none_below_15():
    for seed in range(10):
        assert kinds(compose_plan(bank(), KATAS, {}, 45, seed))["kata"] == 2
        assert kinds(compose_plan(bank(), KATAS, {}, 60, seed))["kata"] == 2
        assert kinds(compose_plan(bank(), KATAS, {}, 10, seed))["kata"] == 0


def test_a_kata_longer_than_its_share_still_makes_a_15_minute_plan():
    # 15 minutes keep 4.5 for questions; the only katas take 12 and 13.
    katas = [K("k12", 12, ("tensors",)), K("k13", 13, ("tensors",))]
    for seed in range(10):
        plan = compose_plan(bank(), katas, {}, 15, seed)
        assert [i.id for i in plan.items if i.kind == "kata"] == ["k12"]
        assert plan.planned_minutes <= 15


def test_katas_without_minutes_are_left_out():
    broken = K("broken", None, ("tensors",))  # type: ignore[arg-type]
    plan = compose_plan(bank(), [broken, KATAS[0]], {}, 15, seed=4)
    assert [i.id for i in plan.items if i.kind == "kata"] == ["k-tensors-10"]


# --------------------------------------------------------------------------------------------
# Determinism

def test_same_seed_same_plan_whatever_the_input_order():
    questions = bank()
    first = compose_plan(questions, KATAS, {"tensors": 0.8}, 30, seed=42)
    shuffled = list(questions)
    random.Random(0).shuffle(shuffled)
    again = compose_plan(shuffled, list(reversed(KATAS)), {"tensors": 0.8}, 30, seed=42)
    assert first == again
    assert first.to_json() == again.to_json()


def test_different_seeds_give_different_plans():
    plans = {tuple(i.id for i in compose_plan(bank(), KATAS, {}, 30, seed).items)
             for seed in range(10)}
    assert len(plans) >= 8


def test_history_changes_the_plan():
    questions = bank()
    fresh = compose_plan(questions, KATAS, {}, 30, seed=5)
    practised = compose_plan(questions, KATAS, {"tensors": 1.0, "autograd": 1.0}, 30, seed=5)
    assert fresh != practised


def test_plan_json_round_trip():
    questions = bank()
    plan = compose_plan(questions, KATAS, {}, 30, seed=9, topics=["tensors"])
    data = json.loads(json.dumps(plan.to_json()))
    back = Plan.from_json({**data, "topics": ["tensors"]}, {q.id: q for q in questions},
                          {k.id: k for k in KATAS})
    assert back == plan
    assert set(data) == {"minutes", "seed", "items"}


# --------------------------------------------------------------------------------------------
# Weak topics and variety

def topic_counts(questions, katas, mastery, minutes=30, seeds=range(30)):
    counts: Counter[str] = Counter()
    for seed in seeds:
        for item in compose_plan(questions, katas, mastery, minutes, seed).items:
            counts[item.topics[0]] += 1
    return counts


def test_weak_topics_get_more_questions():
    questions = bank(("weak", "strong"), per_topic=30)
    counts = topic_counts(questions, [], {"weak": 0.05, "strong": 0.95})
    assert counts["weak"] > 1.5 * counts["strong"], counts
    # the other way round when the history is the other way round
    flipped = topic_counts(questions, [], {"weak": 0.95, "strong": 0.05})
    assert flipped["strong"] > 1.5 * flipped["weak"], flipped
    # and no lean without history
    even = topic_counts(questions, [], {})
    assert 0.6 < even["weak"] / even["strong"] < 1.6, even


def test_weak_topics_get_the_katas():
    katas = [K("k-weak", 10, ("weak",)), K("k-strong", 10, ("strong",))]
    questions = bank(("weak", "strong"), per_topic=10)
    picked = Counter(next(i.id for i in compose_plan(questions, katas,
                                                     {"weak": 0.0, "strong": 1.0}, 15, s).items
                          if i.kind == "kata") for s in range(40))
    assert picked["k-weak"] > 3 * picked["k-strong"], picked


def test_strong_topics_still_appear():
    questions = bank(("weak", "strong"), per_topic=30)
    counts = topic_counts(questions, [], {"weak": 0.0, "strong": 1.0})
    assert counts["strong"] > 0


def test_mastery_from_topic_mastery_objects():
    questions = bank(("weak", "strong"), per_topic=30)
    numbers = {"weak": 0.1, "strong": 0.9}

    @dataclass(frozen=True)
    class M:
        recall_now: float

    objects = {t: M(v) for t, v in numbers.items()}
    for seed in range(5):
        assert compose_plan(questions, [], numbers, 30, seed) == \
            compose_plan(questions, [], objects, 30, seed)


def test_plan_mixes_types_and_topics():
    questions = bank()
    for seed in range(10):
        plan = compose_plan(questions, KATAS, {}, 30, seed)
        qs = [i for i in plan.items if i.kind == "question"]
        assert len({i.type for i in qs}) >= min(4, len(qs)), [i.type for i in qs]
        assert len({i.topics[0] for i in qs}) >= (3 if len(qs) >= 6 else 2), qs


def test_topic_filter_keeps_only_those_topics():
    questions = bank() + [Q("mixed", "mcq", 1, "autograd", ("autograd", "tensors"))]
    for seed in range(10):
        plan = compose_plan(questions, KATAS, {}, 45, seed, topics=["tensors"])
        assert plan.items
        assert all("tensors" in i.topics for i in plan.items), plan.items
        assert plan.topics == ("tensors",)
    # katas are filtered too: no nn-module kata fits a tensors-only plan
    plan = compose_plan(questions, KATAS, {}, 30, 1, topics=["nn-module"])
    assert {i.id for i in plan.items if i.kind == "kata"} <= {"k-nn-15", "k-nn-20"}


# --------------------------------------------------------------------------------------------
# The CLI: quizapp mock --plan --json

@pytest.fixture
def catalogue(tmp_path, content_env):
    banks = write_banks(tmp_path / "questions", {"tensors": 14, "autograd": 14})
    katas = copy_katas(tmp_path / "katas", {"double": 10, "triple": 12},
                       {"triple": ["autograd"]})
    use_content(content_env, banks, katas)
    return banks


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_plan_json_shape(catalogue, capsys):
    code, out, err = run(capsys, "mock", "--plan", "--json", "--minutes", "15", "--seed", "7")
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == {"minutes", "seed", "items"}
    assert data["minutes"] == 15 and data["seed"] == 7
    assert data["items"]
    for item in data["items"]:
        assert set(item) == {"kind", "id", "minutes"}
        assert item["kind"] in ("question", "kata")
        assert isinstance(item["minutes"], (int, float)) and item["minutes"] > 0
    assert sum(i["minutes"] for i in data["items"]) <= 15
    assert any(i["kind"] == "kata" for i in data["items"])
    # the same seed prints the same plan
    assert run(capsys, "mock", "--plan", "--json", "--minutes", "15", "--seed", "7")[1] == out


def test_cli_plan_without_seed_prints_the_seed_it_chose(catalogue, capsys):
    code, out, err = run(capsys, "mock", "--plan", "--json", "--minutes", "30")
    assert code == 0
    seed = json.loads(out)["seed"]
    assert f"--seed {seed}" in err
    again = run(capsys, "mock", "--plan", "--json", "--minutes", "30", "--seed", str(seed))[1]
    assert again == out


def test_cli_plan_topic_filter_and_unknown_topic(catalogue, capsys):
    code, out, _ = run(capsys, "mock", "--plan", "--json", "--topics", "autograd", "--seed", "1")
    assert code == 0
    assert set(json.loads(out)) == {"minutes", "seed", "items"}
    ids = [i["id"] for i in json.loads(out)["items"]]
    assert ids and all(i.startswith("autograd-") or i == "triple" for i in ids)
    code, _, err = run(capsys, "mock", "--plan", "--topics", "optics")
    assert code == 2 and "optics" in err


def test_cli_plan_text(catalogue, capsys):
    code, out, _ = run(capsys, "mock", "--plan", "--minutes", "15", "--seed", "3")
    assert code == 0
    assert "15 minutes, seed 3" in out and "kata" in out


def test_cli_plan_leans_away_from_topics_learnt_in_the_store(catalogue, capsys, tmp_path):
    now = datetime.now(timezone.utc)
    with Store.open(tmp_path / "progress.db") as store:
        for i in range(14):  # every tensors question reviewed well, a few days apart
            for days in (20, 10, 1):
                store.record_review(f"tensors-q{i}", correct=True, when=now - timedelta(days=days))
    counts: Counter[str] = Counter()
    for seed in range(12):
        code, out, err = run(capsys, "mock", "--plan", "--json", "--minutes", "15", "--seed",
                             str(seed), "--db", str(tmp_path / "progress.db"))
        assert code == 0, err
        for item in json.loads(out)["items"]:
            if item["kind"] == "question":
                counts[item["id"].split("-")[0]] += 1
    assert counts["autograd"] > 1.5 * counts["tensors"], counts


def test_topic_mastery_feeds_the_plan(tmp_path):
    """The composition takes scheduling's TopicMastery as it comes from the store."""
    questions = bank(("weak", "strong"), per_topic=40)
    now = datetime(2025, 1, 1, tzinfo=timezone.utc)
    with Store.open(tmp_path / "p.db") as store:
        for q in questions:
            if q.topic == "strong":
                for days in (30, 12, 2):
                    store.record_review(q.id, correct=True, when=now - timedelta(days=days))
        mastery = topic_mastery(questions, store.cards(), now)
    assert mastery["strong"].recall_now > 0.5 > mastery["weak"].recall_now
    counts = topic_counts(questions, [], mastery, seeds=range(20))
    assert counts["weak"] > 1.5 * counts["strong"], counts


def test_plan_item_json_is_minimal():
    item = PlanItem("question", "a", 1.5, ("tensors",), "multi")
    assert item.to_json() == {"kind": "question", "id": "a", "minutes": 1.5}
    assert PlanItem("kata", "k", 10.0).to_json() == {"kind": "kata", "id": "k", "minutes": 10}


def test_bank_questions_plan_with_default_minutes(tmp_path):
    from quizapp.banks import load_banks

    write_bank(tmp_path, "tensors", [question("a", "short", ["tensors"]),
                                      question("b", "truefalse", ["tensors"], minutes=2)])
    questions = load_banks(tmp_path, cache=False).questions
    plan = compose_plan(questions, [], {}, 15, seed=0)
    assert {i.id: i.minutes for i in plan.items} == {"a": 3.0, "b": 2.0}


def test_cli_mock_without_plan_opens_the_app_on_the_plan(catalogue, capsys, monkeypatch):
    import quizapp.tui.app as tui_app
    from quizapp.tui.start import StartWith

    started = {}

    class FakeApp:
        """Stands in for the app: records what it was asked to open."""

        return_code = 0

        def __init__(self, **kwargs):
            started.update(kwargs)

        def run(self):
            started["ran"] = True

    monkeypatch.setattr(tui_app, "QuizApp", FakeApp)
    assert main(["mock", "--minutes", "15", "--seed", "5"]) == 0
    assert started["ran"] and isinstance(started["start"], StartWith)
    plan = started["start"].mock_plan
    assert plan.minutes == 15 and plan.seed == 5 and started["start"].kata_id is None
    assert plan.to_json() == json.loads(run(capsys, "mock", "--plan", "--json", "--minutes",
                                            "15", "--seed", "5")[1])


def test_the_domain_package_stays_below_the_interface():
    """quizapp.mock returns values: it imports neither textual, nor the TUI, nor the command
    layer (the one import cycle the project had went from it to the mock screen)."""
    import subprocess
    import sys

    script = ("import sys, quizapp.mock, quizapp.mock.storage\n"
              "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'textual' or "
              "m.startswith(('quizapp.tui', 'quizapp.commands')))\n"
              "print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == ""
