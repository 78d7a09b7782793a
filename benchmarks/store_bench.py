"""Benchmark of the progress store: recording one review, and stats over 100,000 reviews.

    python benchmarks/store_bench.py [--reviews 100000] [--questions 2000] [--writes 300]

Prints figures (milliseconds) for:
- recording one review (open store, WAL, synchronous=FULL as shipped; NORMAL for comparison),
- opening a database holding the 100,000 reviews (includes PRAGMA quick_check),
- gathering the stats' inputs from it and assembling them (what ``quizapp stats`` does
  after loading the banks), and ``quizapp stats --json`` end to end in-process,
- exporting the whole log as JSON.
Runs in a temporary folder; nothing is left behind.
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import tempfile
import time
from contextlib import redirect_stdout
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quizapp import stats as stats_module  # noqa: E402
from quizapp.export import export_data  # noqa: E402
from quizapp.scheduling import Rating, new_card, review  # noqa: E402
from quizapp.stats import build_stats  # noqa: E402
from quizapp.store import Store, _day, _json, _ts  # noqa: E402


@dataclass(frozen=True)
class Q:
    id: str
    topic: str
    topics: tuple[str, ...]
    content_hash: str
    difficulty: int = 2


def figures(samples_s: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples_s)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return (f"median {statistics.median(ms):7.2f} ms   p95 {p95:7.2f} ms   "
            f"min {ms[0]:7.2f} ms   (n={len(ms)})")


def timed(fn, repeat: int) -> tuple[list[float], object]:
    samples, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - t)
    return samples, result


def bench_record(folder: Path, writes: int, synchronous: str) -> list[float]:
    store = Store.open(folder / f"record-{synchronous}.db")
    store._conn.execute(f"PRAGMA synchronous = {synchronous}")
    samples = []
    for i in range(writes):
        t = time.perf_counter()
        store.record_review(f"q{i % 50}", correct=i % 3 != 0, answer={"choice": i % 4},
                            duration_ms=3000, content_hash="h")
        samples.append(time.perf_counter() - t)
    store.close()
    return samples


def fill(path: Path, questions: list[Q], n_reviews: int, n_attempts: int) -> None:
    """``n_reviews`` reviews spread over a year, with the FSRS cards they lead to."""
    rng = random.Random(7)
    per_question = max(1, n_reviews // len(questions))
    start = datetime.now(timezone.utc) - timedelta(days=365)
    cards, reviews = [], []
    for card_id, q in enumerate(questions, start=1):
        card, when = new_card(card_id, start), start + timedelta(minutes=rng.randrange(60 * 24))
        for _ in range(per_question):
            rating = rng.choice((Rating.Again, Rating.Good, Rating.Good, Rating.Good, Rating.Easy))
            card, _ = review(card, rating, when)
            reviews.append((q.id, _ts(when), _day(when), _json({"choice": 1}), int(rating > 1),
                            int(rating), 3000, q.content_hash, int(card.state), card.stability,
                            card.difficulty, _ts(card.due)))
            when += timedelta(hours=rng.uniform(1, 24 * 7))
        cards.append((q.id, card_id, int(card.state), card.step, card.stability,
                      card.difficulty, _ts(card.due), _ts(card.last_review), q.content_hash,
                      per_question, 0, _ts(start), _ts(when)))
    code = "import torch\n" * 40
    attempts = [(f"kata-{i % 12}", _ts(start + timedelta(hours=i * 3)),
                 _day(start + timedelta(hours=i * 3)), "cpu", rng.choice(("pass", "fail")),
                 1.5, code, _json({"version": 3, "status": "pass", "tests": []}))
                for i in range(n_attempts)]
    with Store.open(path) as store, store.transaction() as s:
        conn = s._conn
        conn.executemany("INSERT INTO cards (question_id, card_id, state, step, stability,"
                         " difficulty, due, last_review, content_hash, reps, lapses, created_at,"
                         " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", cards)
        conn.executemany("INSERT INTO reviews (question_id, reviewed_at, day, answer, correct,"
                         " rating, duration_ms, content_hash, state, stability, difficulty, due)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", reviews)
        conn.executemany("INSERT INTO kata_attempts (kata_id, attempted_at, day, device, status,"
                         " duration_s, code, report) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", attempts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=100_000)
    parser.add_argument("--questions", type=int, default=2000)
    parser.add_argument("--attempts", type=int, default=2000)
    parser.add_argument("--writes", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()

    import sqlite3

    print(f"Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}")
    with tempfile.TemporaryDirectory(prefix="quizapp-bench-") as tmp:
        folder = Path(tmp)
        print("\nRecording one review (card + log row, one BEGIN IMMEDIATE transaction):")
        print(f"  synchronous=FULL (shipped)  {figures(bench_record(folder, args.writes, 'FULL'))}")
        print(f"  synchronous=NORMAL          {figures(bench_record(folder, args.writes, 'NORMAL'))}")

        topics = [f"topic{i}" for i in range(10)]
        questions = [Q(f"q{i}", topics[i % 10], (topics[(i + 3) % 10],), f"h{i}")
                     for i in range(args.questions)]
        big = folder / "big.db"
        t = time.perf_counter()
        fill(big, questions, args.reviews, args.attempts)
        size = big.stat().st_size + sum(p.stat().st_size for p in folder.glob("big.db-*"))
        with Store.open(big) as store:
            n_reviews, n_cards = store.review_count(), len(store.cards())
        print(f"\nDatabase with {n_reviews:,} reviews, {n_cards:,} cards, {args.attempts:,} kata "
              f"attempts: {size / 1e6:.1f} MB (built in {time.perf_counter() - t:.1f} s)")

        samples, _ = timed(lambda: Store.open(big).close(), args.repeat)
        print(f"  open (quick_check included) {figures(samples)}")
        samples, _ = timed(lambda: Store.open(big, check=False).close(), args.repeat)
        print(f"  open without quick_check    {figures(samples)}")

        store = Store.open(big)
        now = datetime.now(timezone.utc)

        def gather():
            with store.snapshot():
                return dict(cards=store.cards(), review_count=store.review_count(),
                            kata_attempt_count=store.kata_attempt_count(),
                            kata_status=store.kata_status(),
                            activity_days=store.activity_days(),
                            recent_mocks=store.mock_sessions(5))

        samples, data = timed(gather, args.repeat)
        print(f"  stats: read from the store  {figures(samples)}")
        samples, result = timed(lambda: build_stats(
            questions=questions, now=now, today=date.today(), target=date.today() + timedelta(
                days=30), scheduler=store.scheduler, **data), args.repeat)
        print(f"  stats: assemble (pure)      {figures(samples)}")
        assert result["reviews"] == n_reviews

        stats_module.load_bank = lambda: (questions, {}, [])
        from quizapp.cli import main as cli

        def cli_stats():
            with redirect_stdout(io.StringIO()):
                return cli(["stats", "--json", "--db", str(big)])

        samples, code = timed(cli_stats, args.repeat)
        assert code == 0
        print(f"  quizapp stats --json        {figures(samples)}  (banks stubbed)")
        samples, _ = timed(lambda: store.record_review("q1", correct=True), args.repeat * 5)
        print(f"  record one review here      {figures(samples)}")
        samples, exported = timed(lambda: export_data(store), 3)
        print(f"  export (all rows, as dicts) {figures(samples)}  "
              f"({len(exported['reviews']):,} reviews)")
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
