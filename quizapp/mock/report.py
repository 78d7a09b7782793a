"""The report of a finished mock interview, as a JSON-ready dict, and the trend over past mocks.

The report is what the store keeps with the session and what ``quizapp mock report --format
json`` prints; :mod:`quizapp.mock.markdown` renders it. It is a document in one language (its
``lang``): prompts, explanations, kata titles and topic names are taken in that language when it
is built, so that it reads the same later, whatever the banks have become.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from quizapp.mock.plan import Plan, json_number
from quizapp.mock.scoring import MockOutcome, ScheduleUpdate, kata_summary


def iso(value: Any) -> Any:
    """A datetime as ISO 8601 text; anything else as it is."""
    return value.isoformat() if isinstance(value, datetime) else value


def text_in(obj: Any, lang: str) -> str:
    """A bilingual text (:class:`quizapp.banks.Text`, a ``{"ko", "en"}`` mapping, or a plain
    string) in ``lang``, English when that language is missing."""
    if obj is None:
        return ""
    if hasattr(obj, "get") and not isinstance(obj, Mapping):
        return obj.get(lang)
    if isinstance(obj, Mapping):
        return obj.get(lang) or obj.get("en") or ""
    return str(obj)


def _question_entry(r: Any, q: Any, lang: str) -> dict[str, Any]:
    entry = {
        "prompt": text_in(q.prompt, lang) if q is not None else "",
        "code": getattr(q, "code", None) if q is not None else None,
        "answer": r.answer, "given": r.given, "expected": r.expected,
        "explanation": text_in(q.explanation, lang) if q is not None else "",
        "missing": r.missing,
    }
    if r.type == "short" and q is not None:
        entry["self_grade"] = r.self_grade
        entry["key_points"] = [
            {"text": text_in(kp, lang), "ticked": bool(r.ticks[i]) if i < len(r.ticks)
             else False} for i, kp in enumerate(q.key_points)]
    return entry


def _kata_entry(r: Any, k: Any, lang: str) -> dict[str, Any]:
    title = k.title(lang) if callable(getattr(k, "title", None)) else text_in(
        getattr(getattr(k, "spec", k), "title", None), lang)
    answer = r.answer if isinstance(r.answer, Mapping) else {}
    return {"title": title or r.id, "verdict": r.verdict,
            "summary": kata_summary(r.verdict, lang),
            "file": answer.get("file") if answer else None,
            "code": answer.get("code") if answer else None}


def _topic_names(outcome: MockOutcome, plan: Plan, names: Mapping[str, Any] | None,
                 lang: str) -> dict[str, str]:
    """Topic id -> its name in ``lang``, for every topic the report mentions that the banks
    name (the others show as their id)."""
    if not names:
        return {}
    mentioned = dict.fromkeys([*(t for r in outcome.results for t in r.topics),
                               *(outcome.scores.get("topics") or {}), *(plan.topics or ())])
    out = {}
    for topic in mentioned:
        name = text_in(names.get(topic), lang) if topic in names else ""
        if name:
            out[topic] = name
    return out


def build_report(*, plan: Plan, outcome: MockOutcome, questions: Mapping[str, Any],
                 katas: Mapping[str, Any] | None = None, session_id: int | None = None,
                 started_at: datetime | None = None, finished_at: datetime | None = None,
                 time_ran_out: bool = False, updates: Sequence[ScheduleUpdate] = (),
                 trend: Sequence[Mapping[str, Any]] = (), lang: str = "en",
                 topic_names: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The report as a JSON-ready dict (what the store keeps and ``--format json`` prints).

    Items carry the prompt, the answer beside the model answer (key points with their ticks for
    short answers), the explanation, the time used and, for katas, the verdict with every
    check's figures. ``topic_names`` maps a topic id to its title (the banks' ``topics``:
    bilingual texts); the report keeps the names in its language as ``topic_names``.
    """
    katas = katas or {}
    items = []
    for r in outcome.results:
        entry: dict[str, Any] = {
            "position": r.position, "kind": r.kind, "id": r.id, "type": r.type,
            "section": r.section, "topics": list(r.topics), "minutes": json_number(r.minutes),
            "time_used_s": round(r.time_used_s, 1), "answered": r.answered,
            "correct": r.correct, "score": round(r.score, 4), "points": round(r.points, 4),
        }
        if r.kind == "question":
            entry.update(_question_entry(r, questions.get(r.id), lang))
        else:
            entry.update(_kata_entry(r, katas.get(r.id), lang))
        items.append(entry)
    return {
        "id": session_id, "lang": lang, "minutes": plan.minutes, "seed": plan.seed,
        "topics": list(plan.topics) if plan.topics else None,
        "started_at": iso(started_at), "finished_at": iso(finished_at),
        "time_ran_out": time_ran_out, "scores": outcome.scores, "items": items,
        "schedule": [{"id": u.question_id, "reason": u.reason} for u in updates],
        "trend": [dict(t) for t in trend],
        "topic_names": _topic_names(outcome, plan, topic_names, lang),
    }


def mock_trend(sessions: Iterable[Any], upto: int | None = None) -> list[dict[str, Any]]:
    """Finished mock interviews, oldest first, as ``{"id", "started_at", "minutes", "total"}``;
    with ``upto``, only those that started no later than that session."""
    finished = [s for s in sessions if getattr(s, "finished_at", None) is not None]
    finished.sort(key=lambda s: (s.started_at, s.id))
    if upto is not None:
        ids = [s.id for s in finished]
        if upto in ids:
            finished = finished[: ids.index(upto) + 1]
    out = []
    for s in finished:
        scores = s.scores if isinstance(s.scores, Mapping) else {}
        out.append({"id": s.id, "started_at": iso(s.started_at), "minutes": s.minutes,
                    "total": scores.get("total")})
    return out
