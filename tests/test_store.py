"""The progress store: what it keeps, and that nothing committed is ever lost."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from quizapp.scheduling import Rating, State, is_changed
from quizapp.store import (
    BUSY_TIMEOUT_MS, MIGRATION_NAMES, MIGRATIONS, SCHEMA_VERSION, Store, StoreError,
    reset_database,
)

WRITER = Path(__file__).with_name("store_writer.py")
T0 = datetime(2025, 3, 10, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "progress.db"


@pytest.fixture
def store(db):
    s = Store.open(db)
    yield s
    s.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def writer(db: Path, prefix: str, count: int, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(WRITER), str(db), prefix, str(count), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


# -- opening ---------------------------------------------------------------------------------

def test_new_database_is_wal_with_busy_timeout_and_current_schema(store, db):
    conn = store._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == BUSY_TIMEOUT_MS
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store.schema_version == SCHEMA_VERSION
    assert store.integrity_check() == ["ok"]
    applied = [m.name for m in MIGRATIONS.applied(__import__("sqlite_utils").Database(conn))]
    assert applied == ["m001_progress", "m002_mock_interviews", "m003_adaptive_schedule",
                       "m004_overrules"]
    assert db.is_file()


def test_migration_names_match_the_schema_version():
    from sqlite_utils import Database

    pending = [m.name for m in MIGRATIONS.pending(Database(memory=True))]
    assert tuple(pending) == MIGRATION_NAMES and len(pending) == SCHEMA_VERSION


def test_open_creates_missing_folders(tmp_path):
    path = tmp_path / "a" / "b" / "progress.db"
    Store.open(path).close()
    assert path.is_file()


def test_open_without_create_refuses_missing_file(tmp_path):
    with pytest.raises(StoreError, match="no progress database"):
        Store.open(tmp_path / "missing.db", create=False)


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(StoreError, match=str(tmp_path)):
        Store.open(tmp_path)


# -- reviews and cards -------------------------------------------------------------------------

def test_record_review_appends_to_the_log_and_moves_the_card(store):
    r1 = store.record_review("q1", correct=True, answer=["b"], duration_ms=4000,
                             content_hash="h1", when=T0)
    assert r1.rating == Rating.Good and r1.id == 1
    card = store.card("q1")
    assert card.reps == 1 and card.content_hash == "h1"
    assert card.last_review == T0 and card.due > T0
    r2 = store.record_review("q1", self_grade=0.6, answer="free text", when=T0 + timedelta(hours=1))
    assert r2.rating == Rating.Hard and r2.id == 2
    assert store.card("q1").reps == 2
    assert store.card("q1").content_hash == "h1"  # kept when a review gives none
    log = store.reviews("q1")
    assert [(r.id, r.rating, r.answer, r.correct, r.self_grade) for r in log] == [
        (1, 3, ["b"], True, None), (2, 2, "free text", None, 0.6)]
    assert log[0].duration_ms == 4000 and log[0].reviewed_at == T0
    assert log[1].due == store.card("q1").due  # the log keeps the card state after the review
    assert store.review_count() == 2
    assert store.card("unknown") is None


def test_card_state_round_trips_exactly(store):
    when = T0
    for rating in (Rating.Good, Rating.Good, Rating.Again, Rating.Good):
        rec = store.record_review("q", rating, when=when)
        when = rec.due
    card = store.card("q")
    assert card.card.stability == rec.stability and card.card.difficulty == rec.difficulty
    assert card.due == rec.due and card.card.state == State(rec.state)
    assert card.lapses == 1 and card.reps == 4
    assert store.cards() == {"q": card}


def test_edited_question_keeps_history_and_is_flagged(store):
    store.record_review("q", correct=True, content_hash="old", when=T0)

    class Q:
        id, topic, content_hash = "q", "t", "new"

    assert is_changed(Q, store.card("q"))
    store.record_review("q", correct=True, content_hash="new", when=T0 + timedelta(days=1))
    assert not is_changed(Q, store.card("q"))
    assert [r.content_hash for r in store.reviews("q")] == ["old", "new"]


def test_due_count_and_activity(store):
    store.record_review("a", Rating.Good, when=T0)
    store.record_review("b", Rating.Again, when=T0 + timedelta(days=1))
    store.record_kata_attempt("k", "cpu", "fail", 1.0, "x", {}, when=T0 + timedelta(days=3))
    assert store.due_count(T0 + timedelta(days=30)) == 2
    assert store.due_count(T0 - timedelta(days=1)) == 0
    local = [(T0 + timedelta(days=d)).astimezone().date() for d in (0, 1, 3)]
    assert store.reviews_per_day() == {local[0]: 1, local[1]: 1}
    assert store.activity_days() == set(local)


def test_scheduler_parameters_are_stored_once(store, db):
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT params FROM fsrs_scheduler").fetchall()
    conn.close()
    assert len(rows) == 1 and '"desired_retention": 0.9' in rows[0][0]
    assert store.scheduler.desired_retention == 0.9


def test_values_the_schema_refuses_raise(store):
    with pytest.raises(ValueError):
        store.record_kata_attempt("k", "cpu", "maybe", 1.0, "", {})
    with pytest.raises(ValueError):
        store.record_review("q", 7)
    with pytest.raises(sqlite3.IntegrityError):
        store.record_review("q", Rating.Good, self_grade=1.5)
    assert store.review_count() == 0 and store.card("q") is None


# -- katas, mocks, settings --------------------------------------------------------------------

def test_kata_attempts_and_status(store):
    store.record_kata_attempt("add", "cpu", "fail", 0.4, "bad", {"status": "fail"}, when=T0)
    store.record_kata_attempt("add", "cuda", "pass", 0.6, "good", {"status": "pass"},
                              when=T0 + timedelta(hours=1))
    store.record_kata_attempt("add", "cpu", "error", 0.1, "broken", {"status": "error"},
                              when=T0 + timedelta(hours=2))
    store.record_kata_attempt("mul", "cpu", "fail", 0.4, "bad", {"status": "fail"}, when=T0)
    attempts = store.kata_attempts("add")
    assert [a.status for a in attempts] == ["error", "pass", "fail"]  # newest first
    assert attempts[1].code == "good" and attempts[1].report == {"status": "pass"}
    assert attempts[1].device == "cuda"
    assert store.kata_attempts(with_code=False)[0].code is None
    assert store.kata_attempt_count() == 4
    status = store.kata_status(["add", "mul", "never"])
    assert list(status) == ["add", "mul", "never"]
    assert status["add"].status == "passed" and status["add"].attempts == 3
    assert status["add"].first_passed_at == T0 + timedelta(hours=1)
    assert status["add"].last_status == "error"
    assert status["add"].last_attempt_at == T0 + timedelta(hours=2)
    assert status["mul"].status == "failing"
    assert status["never"].status == "never" and status["never"].attempts == 0


def test_mock_sessions_and_items(store):
    sid = store.start_mock_session(30, 42, {"items": ["q1", "k1"]}, started_at=T0)
    store.add_mock_item(sid, "question", "q1", answer="b", correct=False, time_used_s=40.5)
    store.add_mock_item(sid, "kata", "k1", score=0.5, verdict={"status": "fail"})
    store.finish_mock_session(sid, {"total": 0.25}, {"summary": "weak on autograd"},
                              finished_at=T0 + timedelta(minutes=30))
    m = store.mock_session(sid)
    assert (m.minutes, m.seed, m.plan, m.scores) == (30, 42, {"items": ["q1", "k1"]},
                                                    {"total": 0.25})
    assert m.finished_at == T0 + timedelta(minutes=30)
    assert [(i.position, i.kind, i.item_id, i.correct, i.score) for i in m.items] == [
        (0, "question", "q1", False, None), (1, "kata", "k1", None, 0.5)]
    assert m.items[1].verdict == {"status": "fail"}
    assert store.mock_sessions(limit=5)[0].id == sid
    with pytest.raises(ValueError):
        store.add_mock_item(sid, "essay", "x")
    with pytest.raises(KeyError):
        store.finish_mock_session(999, {}, {})


def test_settings_round_trip(store):
    assert store.get_setting("language", "en") == "en"
    store.set_setting("language", "ko")
    store.set_setting("target_date", "2025-04-01")
    store.set_setting("theme", {"name": "dark", "contrast": 1})
    assert store.settings() == {"language": "ko", "target_date": "2025-04-01",
                                "theme": {"name": "dark", "contrast": 1}}
    store.set_setting("language", None)
    assert store.get_setting("language") is None


def test_transaction_keeps_all_or_nothing(store):
    with pytest.raises(RuntimeError), store.transaction():
        store.record_review("a", correct=True)
        store.record_kata_attempt("k", "cpu", "pass", 1.0, "", {})
        raise RuntimeError("boom")
    assert store.review_count() == 0 and store.kata_attempt_count() == 0
    with store.transaction():
        store.record_review("a", correct=True)
        store.record_kata_attempt("k", "cpu", "pass", 1.0, "", {})
    assert store.review_count() == 1 and store.kata_attempt_count() == 1


def test_no_writes_inside_a_snapshot(store):
    with store.snapshot(), pytest.raises(RuntimeError):
        store.record_review("a", correct=True)
    store.record_review("a", correct=True)


def test_a_store_can_be_shared_by_threads(store):
    import threading

    errors = []

    def work(prefix):
        try:
            for n in range(30):
                store.record_review(f"{prefix}{n}", correct=True)
                store.cards()
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(p,)) for p in "abc"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and store.review_count() == 90


# -- nothing committed is lost -------------------------------------------------------------------

def committed(lines: list[str]) -> tuple[set[int], set[int]]:
    reviews = {int(line.split()[1]) for line in lines if line.startswith("review ")}
    katas = {int(line.split()[1]) for line in lines if line.startswith("kata ")}
    return reviews, katas


def check_consistent(db: Path) -> Store:
    store = Store.open(db)
    assert store.integrity_check() == ["ok"]
    # Card and log are written in one transaction: every review moved exactly one card.
    assert sum(c.reps for c in store.cards().values()) == store.review_count()
    return store


@pytest.mark.parametrize("kill_after", [1, 40, 150])
def test_sigkill_mid_write_loses_nothing_committed(db, kill_after):
    Store.open(db).close()  # the first write of a new file is the schema; race it elsewhere
    rounds_printed: list[str] = []
    for round_ in range(2):  # kill twice: the second writer starts on a recovered file
        proc = writer(db, f"r{round_}", 100_000)
        lines = []
        while len(lines) < kill_after:
            line = proc.stdout.readline()
            assert line, proc.stderr.read()
            lines.append(line)
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
        # Read on through the pipe's buffer (communicate() would skip what readline() buffered).
        rounds_printed += lines + proc.stdout.read().splitlines()
        proc.stdout.close()
        proc.stderr.close()
    reviews, katas = committed(rounds_printed)
    store = check_consistent(db)
    with store:
        have_reviews = {r.id for r in store.reviews()}
        have_katas = {a.id for a in store.kata_attempts(with_code=False)}
        assert reviews <= have_reviews and katas <= have_katas
        # At most the one write in flight when killed was committed but not yet reported.
        assert len(have_reviews - reviews) <= 2 and len(have_katas - katas) <= 2


def test_killed_while_holding_the_write_lock_loses_only_the_open_transaction(db):
    Store.open(db).close()
    proc = writer(db, "held", 1, "--hold")
    assert proc.stdout.readline().strip() == "holding"
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    started = time.monotonic()
    with check_consistent(db) as store:
        assert store.card("held-held") is None and store.review_count() == 0
        store.record_review("after", correct=True)  # the dead process's lock is gone
        assert time.monotonic() - started < BUSY_TIMEOUT_MS / 1000
        assert store.review_count() == 1


def test_two_processes_writing_at_once_both_succeed(db, tmp_path):
    go = tmp_path / "go"
    count = 150
    procs = [writer(db, prefix, count, "--go", str(go)) for prefix in ("A", "B")]
    time.sleep(0.3)  # both started and waiting; the file does not exist yet
    go.touch()  # both create/migrate the new file at once, then write interleaved
    results = [p.communicate(timeout=120) for p in procs]
    for p, (_out, err) in zip(procs, results):
        assert p.returncode == 0, err
    per_process = [committed(out.splitlines()) for out, _ in results]
    with check_consistent(db) as store:
        assert store.review_count() == 2 * count
        assert store.kata_attempt_count() == 2 * len(range(0, count, 5))
        ids = {r.id for r in store.reviews()}
        for reviews, _ in per_process:
            assert len(reviews) == count and reviews <= ids
        assert store.card("A-0").reps == store.card("B-0").reps == count // 20 + (count % 20 > 0)
        assert store.schema_version == SCHEMA_VERSION


def test_busy_writer_waits_for_the_lock(db):
    Store.open(db).close()
    proc = writer(db, "held", 1, "--hold")
    assert proc.stdout.readline().strip() == "holding"
    try:
        with Store.open(db, busy_timeout_ms=600) as store:
            started = time.monotonic()
            with pytest.raises(StoreError, match="busy") as info:
                store.record_review("x", correct=True)
            assert info.value.kind == "busy" and str(db) in str(info.value)
            assert time.monotonic() - started >= 0.5
            assert store.review_count() == 0  # reads are not blocked by the writer
    finally:
        proc.kill()
        proc.communicate()


# -- files we must not touch -------------------------------------------------------------------

def filled(db: Path, n: int = 300) -> Path:
    with Store.open(db) as store, store.transaction():
        for i in range(n):
            store.record_review(f"q{i}", correct=True, answer="x" * 200, when=T0)
    return db


def assert_refused(db: Path, kind: str, match: str):
    before = digest(db)
    with pytest.raises(StoreError, match=match) as info:
        Store.open(db)
    assert info.value.kind == kind
    assert str(db) in str(info.value)
    assert digest(db) == before


def test_garbage_file_is_refused_and_left_untouched(db):
    db.write_bytes(b"these are my notes, not a database\n" * 200)
    assert_refused(db, "corrupt", "not a readable quizapp progress database")
    assert not db.with_name(db.name + "-wal").exists()


def test_damaged_header_is_refused(db):
    filled(db)
    data = bytearray(db.read_bytes())
    data[0:16] = b"garbage garbage!"
    db.write_bytes(bytes(data))
    assert_refused(db, "corrupt", "not a readable")


def test_damaged_pages_are_refused(db):
    filled(db)
    data = bytearray(db.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    assert len(data) > 6 * page
    for start in (2 * page, 4 * page):  # scribble over two b-tree pages
        data[start:start + page] = os.urandom(page)
    db.write_bytes(bytes(data))
    assert_refused(db, "corrupt", "not a readable")


def test_newer_schema_version_is_refused(db):
    filled(db, 3)
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    assert_refused(db, "newer", "newer version of quizapp")


def test_unknown_migration_is_refused(db):
    filled(db, 3)
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
                     " VALUES ('quizapp', 'm003_from_the_future', '2030-01-01')")
    conn.close()
    assert_refused(db, "newer", "m003_from_the_future")


def test_someone_elses_database_is_refused(db):
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.close()
    assert_refused(db, "foreign", "not a quizapp progress database")


# -- upgrades ----------------------------------------------------------------------------------

def make_v1(db: Path) -> None:
    """A database as the first schema version left it, with some progress in it."""
    from sqlite_utils import Database

    database = Database(db)
    MIGRATIONS.apply(database, stop_before="m002_mock_interviews")
    assert database.execute("PRAGMA user_version").fetchone()[0] == 1
    with database.atomic():
        database.execute(
            "INSERT INTO cards (question_id, card_id, state, step, stability, difficulty, due,"
            " last_review, content_hash, reps, lapses, created_at, updated_at) VALUES"
            " ('q1', 1, 2, NULL, 3.5, 5.1, '2025-03-13T12:00:00.000000+00:00',"
            " '2025-03-10T12:00:00.000000+00:00', 'h1', 2, 0, '2025-03-09T12:00:00.000000+00:00',"
            " '2025-03-10T12:00:00.000000+00:00')")
        for when in ("2025-03-09T12:00:00.000000+00:00", "2025-03-10T12:00:00.000000+00:00"):
            database.execute(
                "INSERT INTO reviews (question_id, reviewed_at, day, answer, correct, rating,"
                " duration_ms, content_hash, state, stability, difficulty, due) VALUES"
                " ('q1', ?, ?, '\"b\"', 1, 3, 1500, 'h1', 2, 3.5, 5.1, '2025-03-13T12:00:00+00:00')",
                (when, when[:10]))
        database.execute(
            "INSERT INTO kata_attempts (kata_id, attempted_at, day, device, status, duration_s,"
            " code, report) VALUES ('k1', '2025-03-10T13:00:00.000000+00:00', '2025-03-10',"
            " 'cpu', 'pass', 0.7, 'print(1)', '{\"status\": \"pass\"}')")
        database.execute("INSERT INTO settings (key, value, updated_at) VALUES"
                         " ('language', '\"ko\"', '2025-03-10')")
    database.close()


def test_upgrade_from_the_first_schema_version_keeps_the_data(db):
    make_v1(db)
    with Store.open(db) as store:
        assert store.schema_version == SCHEMA_VERSION
        card = store.card("q1")
        assert (card.reps, card.content_hash, card.card.stability) == (2, "h1", 3.5)
        assert card.last_review == T0
        log = store.reviews()
        assert [(r.question_id, r.answer, r.correct, r.source) for r in log] == [
            ("q1", "b", True, "quiz")] * 2
        (attempt,) = store.kata_attempts()
        assert (attempt.kata_id, attempt.status, attempt.code, attempt.report, attempt.source) == (
            "k1", "pass", "print(1)", {"status": "pass"}, "cli")
        assert store.get_setting("language") == "ko"
        assert store.kata_status()["k1"].status == "passed"
        # The new version's tables work, and old cards keep being scheduled.
        sid = store.start_mock_session(15, 1, {})
        store.record_review("q1", correct=True, when=T0 + timedelta(days=3),
                            mock_session_id=sid, source="mock")
        assert store.card("q1").reps == 3
        # The old file was copied aside first, as it was.
        backup = store.backup_path
    assert backup is not None and backup.is_file() and ".v1-" in backup.name
    old = sqlite3.connect(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    assert old.execute("SELECT COUNT(*) FROM reviews").fetchone()[0] == 2
    old.close()
    # Opening again does not upgrade (or back up) again.
    with Store.open(db) as store:
        assert store.backup_path is None and store.review_count() == 3


# -- reset -------------------------------------------------------------------------------------

def test_reset_backs_up_then_erases_progress_but_keeps_settings(db):
    with Store.open(db) as store:
        store.record_review("q", correct=True)
        store.record_kata_attempt("k", "cpu", "pass", 1.0, "", {})
        store.start_mock_session(15, 1, {})
        store.set_setting("language", "ko")
    backup, message = reset_database(db)
    assert backup.is_file() and str(backup) in message
    with Store.open(db) as store:
        assert store.review_count() == 0 and store.cards() == {}
        assert store.kata_attempt_count() == 0 and store.mock_sessions() == []
        assert store.get_setting("language") == "ko"
    with Store.open(backup) as old:
        assert old.review_count() == 1 and old.kata_attempt_count() == 1


def test_reset_moves_an_unreadable_file_aside(db):
    db.write_bytes(b"not a database" * 100)
    before = digest(db)
    backup, message = reset_database(db)
    assert digest(backup) == before and "moved" in message
    with Store.open(db) as store:
        assert store.review_count() == 0


def test_reset_of_a_missing_file_does_nothing(db):
    assert reset_database(db)[0] is None and not db.exists()


def test_days_are_local_dates(store):
    store.record_review("q", correct=True, when=T0)
    assert store.reviews_per_day() == {T0.astimezone().date(): 1}
    assert isinstance(next(iter(store.activity_days())), date)


# -- mock answers kept while a mock runs -------------------------------------------------------

def test_mock_answers_are_kept_as_given_and_replaced_at_the_end(store):
    sid = store.start_mock_session(15, 7, {"items": []}, started_at=T0)
    store.save_mock_answer(sid, 1, "question", "q2", answer="first", time_used_s=5.0)
    store.save_mock_answer(sid, 0, "question", "q1", answer=None, time_used_s=2.0)
    store.save_mock_answer(sid, 1, "question", "q2", answer=["a", "b"], time_used_s=9.5)
    (open_one,) = store.unfinished_mock_sessions()
    assert open_one.id == sid
    assert [(i.position, i.item_id, i.answer, i.time_used_s) for i in open_one.items] == [
        (0, "q1", None, 2.0), (1, "q2", ["a", "b"], 9.5)]
    with store.transaction():
        assert store.clear_mock_items(sid) == 2
        store.add_mock_item(sid, "question", "q1", position=0, score=0.0)
        store.finish_mock_session(sid, {}, {"id": sid})
    assert store.unfinished_mock_sessions() == []
    assert [i.item_id for i in store.mock_session(sid).items] == ["q1"]
    with pytest.raises(ValueError, match="finished"):
        store.save_mock_answer(sid, 0, "question", "q1", answer="late")
    with pytest.raises(KeyError):
        store.save_mock_answer(999, 0, "question", "q1")
    with pytest.raises(ValueError):
        store.save_mock_answer(sid, 0, "essay", "q1")


def test_sigkill_during_a_mock_keeps_every_answer_given(db):
    proc = subprocess.Popen([sys.executable, str(Path(__file__).with_name("mock_writer.py")),
                             str(db), "5"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    lines = []
    try:
        for line in proc.stdout:
            lines.append(line.strip())
            if line.strip() == "waiting":
                break
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    assert lines[-1] == "waiting", (lines, proc.stderr.read())
    with Store.open(db) as store:
        (session,) = store.unfinished_mock_sessions()
        assert [(i.position, i.answer, i.time_used_s) for i in session.items] == [
            (n, f"answer {n}", float(n + 1)) for n in range(5)]
        assert store.integrity_check() == ["ok"]


def test_a_database_from_before_kept_answers_works_unchanged(db):
    """Answers kept while a mock runs use the existing ``mock_items`` table: a database of the
    current schema version (or one upgraded from the first) needs no migration for them, and a
    mock left unfinished by an older version is offered like any other."""
    make_v1(db)
    with Store.open(db) as store:
        assert store.schema_version == SCHEMA_VERSION
        sid = store.start_mock_session(15, 1, {"items": [{"kind": "question", "id": "q1"}]})
    with Store.open(db) as store:
        assert store.backup_path is None
        (session,) = store.unfinished_mock_sessions()
        assert session.id == sid and session.items == ()
        store.save_mock_answer(sid, 0, "question", "q1", answer="b")
        assert store.unfinished_mock_sessions()[0].items[0].answer == "b"
