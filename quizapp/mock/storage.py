"""Persistence glue of the mock interview: the answers kept while a mock runs, the finished mock
written to the progress store in one transaction, and the catalogue and history a plan needs.

These functions do I/O (the store, the banks, the katas) and return values; they never print.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from quizapp.mock.plan import Plan
from quizapp.mock.report import build_report, iso, mock_trend
from quizapp.mock.scoring import MockOutcome, schedule_updates
from quizapp.kata_schedule import attempt_context


def kept_answers(plan: Plan, items: Iterable[Any]) -> tuple[dict[int, Any], dict[int, float]]:
    """``(answers, seconds)`` by plan position from the ``mock_items`` rows kept while a mock ran
    (:class:`quizapp.store.MockItem`); rows that do not match the plan's item at their position
    are left out."""
    answers: dict[int, Any] = {}
    used: dict[int, float] = {}
    for row in items:
        position = getattr(row, "position", None)
        if position is None or not 0 <= position < len(plan.items):
            continue
        item = plan.items[position]
        if (item.kind, item.id) != (row.kind, row.item_id):
            continue
        if row.answer is not None:
            answers[position] = row.answer
        if row.time_used_s:
            used[position] = float(row.time_used_s)
    return answers, used


def finish_mock(store: Any, session_id: int, plan: Plan, outcome: MockOutcome, *,
                questions: Mapping[str, Any], katas: Mapping[str, Any] | None = None,
                started_at: datetime | None = None, finished_at: datetime | None = None,
                time_ran_out: bool = False, lang: str = "en",
                kata_files: Mapping[str, str | Path] | None = None,
                topic_names: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Store a finished mock in one transaction and return its report.

    Replaces the answers kept while the mock ran (:meth:`quizapp.store.Store.save_mock_answer`)
    with one ``mock_items`` row per item, the reviews :func:`schedule_updates` asks for
    (``source="mock"``), one kata attempt per graded kata (with the code), and the session's
    scores and report (``topic_names``: see :func:`quizapp.mock.report.build_report`).
    """
    finished_at = finished_at or datetime.now(timezone.utc)
    kata_files = kata_files or {}
    cards = store.cards()
    updates = schedule_updates(outcome.results, cards, questions, finished_at)
    previous = store.mock_sessions()
    trend = mock_trend([s for s in previous if s.id != session_id])
    with store.transaction():
        clear = getattr(store, "clear_mock_items", None)
        if clear is not None:  # the answers kept while the mock ran give way to the results
            clear(session_id)
        for r in outcome.results:
            store.add_mock_item(
                session_id, r.kind, r.id, answer=r.answer, correct=r.correct, score=r.score,
                time_used_s=r.time_used_s, position=r.position, when=finished_at,
                verdict=r.verdict if r.kind == "kata" else (
                    {"self_grade": r.self_grade, "ticks": list(r.ticks)} if r.self_grade
                    is not None else None))
        for u in updates:
            q = questions[u.question_id]
            r = outcome.results[u.position]
            store.record_review(
                u.question_id, correct=u.correct, self_grade=u.self_grade, answer=r.answer,
                duration_ms=int(r.time_used_s * 1000), content_hash=getattr(q, "content_hash",
                                                                             None),
                when=finished_at, source="mock", mock_session_id=session_id)
        for r in outcome.results:
            if r.kind == "kata" and r.verdict and not r.verdict.get("unavailable"):
                code = r.answer.get("code") if isinstance(r.answer, Mapping) else None
                file = kata_files.get(r.id)
                if code is None and file is not None and Path(file).is_file():
                    code = Path(file).read_text(encoding="utf-8", errors="replace")
                status = r.verdict.get("status")
                if status in ("pass", "fail", "error"):
                    # As in the workbench: the kata's card is reviewed and, when a check failed,
                    # the questions it names under `related:` come back (no hints in a mock).
                    info = (katas or {}).get(r.id)
                    context = attempt_context(getattr(info, "spec", info), list(questions.values()),
                                              cards, finished_at, hints_used=0,
                                              time_taken_s=r.time_used_s)
                    store.record_kata_attempt(
                        r.id, r.verdict.get("device"), status, r.verdict.get("duration_s"),
                        code, r.verdict, when=finished_at, source="mock",
                        mock_session_id=session_id, **context)
        this = {"id": session_id, "started_at": iso(started_at), "minutes": plan.minutes,
                "total": outcome.scores.get("total")}
        report = build_report(plan=plan, outcome=outcome, questions=questions, katas=katas,
                              session_id=session_id, started_at=started_at,
                              finished_at=finished_at, time_ran_out=time_ran_out,
                              updates=updates, trend=[*trend, this], lang=lang,
                              topic_names=topic_names)
        store.finish_mock_session(session_id, outcome.scores, report, finished_at=finished_at)
    return report


@dataclass
class Catalogue:
    """What a plan is drawn from: the valid questions of the banks, the usable katas, and the
    banks' topic titles (topic id -> bilingual text)."""

    questions: list[Any] = field(default_factory=list)
    katas: list[Any] = field(default_factory=list)
    topic_names: dict[str, Any] = field(default_factory=dict)


def load_catalogue() -> Catalogue:
    """The banks and katas from their folders (``QUIZAPP_QUESTIONS``, ``QUIZAPP_KATAS``)."""
    from quizapp.banks import load_banks
    from quizapp.katas import list_katas

    banks = load_banks()
    return Catalogue(list(banks.questions), [k for k in list_katas() if k.ok], dict(banks.topics))


def load_mastery(db: str | None, questions: Sequence[Any], now: datetime | None = None):
    """Topic mastery from the progress database (empty when there is none yet)."""
    from quizapp import paths
    from quizapp.scheduling import topic_mastery

    path = paths.default_db_path(db)
    if not path.is_file():
        return {}
    from quizapp.store import Store

    with Store.open(path, create=False) as store:
        cards = store.cards()
        return topic_mastery(questions, cards, now or datetime.now(timezone.utc),
                             scheduler=store.scheduler)
