"""Progress at a glance: mastery per topic, what is due, the streak, katas and mock interviews.

:func:`build_stats` is pure (it takes what was read and returns a JSON-ready dict); the TUI's stats
screen can call it as ``quizapp stats --json`` does. :func:`cmd_stats` is the CLI handler.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from quizapp.scheduling import CardRecord, Scheduler, is_changed, is_due, topic_mastery

RECENT_MOCKS = 5


def streak(days: Iterable[date], today: date) -> int:
    """Days in a row with practice, ending today, or yesterday while today has none yet (a
    streak is not broken until the day is over)."""
    practised = set(days)
    day = today if today in practised else today - timedelta(days=1)
    count = 0
    while day in practised:
        count += 1
        day -= timedelta(days=1)
    return count


def target_moment(target: date) -> datetime:
    """The interview day as a UTC moment (local noon of that date)."""
    return datetime.combine(target, time(12)).astimezone().astimezone(timezone.utc)


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def _name(text: Any, topic: str, lang: str) -> str:
    if text is None:
        return topic
    if isinstance(text, str):
        return text
    if isinstance(text, Mapping):
        return text.get(lang) or text.get("en") or topic
    return getattr(text, lang, None) or getattr(text, "en", None) or topic


def build_stats(*, questions: Sequence[Any], cards: Mapping[str, CardRecord], now: datetime,
                today: date, review_count: int, kata_attempt_count: int,
                kata_status: Mapping[str, Any] | None = None, activity_days: Iterable[date] = (),
                recent_mocks: Sequence[Any] = (), topic_names: Mapping[str, Any] | None = None,
                target: date | None = None, scheduler: Scheduler | None = None,
                lang: str = "en") -> dict[str, Any]:
    """Assemble the stats as a JSON-ready dict (the shape ``quizapp stats --json`` prints).

    ``due`` counts bank questions due now (FSRS due or edited since their last review); cards
    whose question left the banks are counted as ``orphan_cards``. ``recall_target`` is filled
    only for a target date today or later.
    """
    topic_names = topic_names or {}
    kata_status = kata_status or {}
    target_at = target_moment(target) if target is not None and target >= today else None
    mastery = topic_mastery(questions, cards, now, target_at, scheduler)
    unique = {q.id: q for q in reversed(questions)}  # the first of a repeated id wins
    ids = unique.keys()
    due = sum(1 for q in unique.values() if is_due(q, cards.get(q.id), now))
    changed = sum(1 for q in unique.values() if is_changed(q, cards.get(q.id)))
    days = set(activity_days)
    topics = [
        {"id": t, "name": _name(topic_names.get(t), t, lang), "questions": m.questions,
         "seen": m.seen, "due": m.due, "changed": m.changed,
         "recall_now": round(m.recall_now, 4),
         "recall_target": None if m.recall_target is None else round(m.recall_target, 4)}
        for t, m in mastery.items()
    ]
    order = {t: i for i, t in enumerate(topic_names)}
    topics.sort(key=lambda row: (order.get(row["id"], len(order)), row["id"]))
    return {
        "reviews": review_count,
        "kata_attempts": kata_attempt_count,
        "due": due,
        "new": len(ids - cards.keys()),
        "changed": changed,
        "questions": len(ids),
        "orphan_cards": len(cards.keys() - ids),
        "streak": streak(days, today),
        "practiced_today": today in days,
        "last_practice": _iso(max(days)) if days else None,
        "target_date": _iso(target),
        "days_to_target": (target - today).days if target is not None else None,
        "topics": topics,
        "katas": [
            {"id": k, "status": s.status, "attempts": s.attempts,
             "last_attempt_at": _iso(s.last_attempt_at), "last_status": s.last_status,
             "first_passed_at": _iso(s.first_passed_at), "last_passed_at": _iso(s.last_passed_at)}
            for k, s in kata_status.items()
        ],
        "mock": [
            {"id": m.id, "started_at": _iso(m.started_at), "finished_at": _iso(m.finished_at),
             "minutes": m.minutes, "scores": m.scores}
            for m in recent_mocks
        ],
    }


# --------------------------------------------------------------------------------------------
# Text output

def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _ljust(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.0f}%"


def _when(value: str | None) -> str:
    if not value:
        return "-"
    return datetime.fromisoformat(value).astimezone().strftime("%Y-%m-%d %H:%M")


def _mock_score(scores: Any) -> str:
    if isinstance(scores, Mapping):
        for key in ("total", "overall", "score"):
            if isinstance(scores.get(key), (int, float)):
                value = scores[key]
                return _pct(value) if value <= 1 else f"{value:g}"
    if isinstance(scores, (int, float)):
        return _pct(scores) if scores <= 1 else f"{scores:g}"
    return "unfinished" if scores is None else "-"


def format_stats(stats: Mapping[str, Any], db: str) -> str:
    """The human-readable report of :func:`build_stats`' result."""
    s = stats
    lines = [f"Progress database: {db}",
             f"Reviews {s['reviews']} · kata attempts {s['kata_attempts']} · due now {s['due']}"
             f" · new {s['new']} · streak {s['streak']} day{'s' if s['streak'] != 1 else ''}"
             + ("" if s["practiced_today"] or not s["streak"] else " (practise today to keep it)")]
    if s["changed"]:
        lines.append(f"{s['changed']} question(s) edited since you last reviewed them: due again.")
    target = s["target_date"]
    if target:
        days = s["days_to_target"]
        when = "today" if days == 0 else (f"in {days} days" if days > 0 else f"{-days} days ago")
        lines.append(f"Interview day {target} ({when})")
    lines.append("")
    if s["topics"]:
        head = ["Topic", "Qs", "Seen", "Due", "Recall now"]
        if target and s["days_to_target"] >= 0:
            head.append(f"On {target[5:]}")
        rows = [[t["name"], str(t["questions"]), str(t["seen"]), str(t["due"]),
                 _pct(t["recall_now"])] + ([_pct(t["recall_target"])] if len(head) > 5 else [])
                for t in s["topics"]]
        name_w = max(_width(r[0]) for r in rows + [head])
        widths = [max(len(r[i]) for r in rows + [head]) for i in range(1, len(head))]
        for r in [head] + rows:
            lines.append("  ".join([_ljust(r[0], name_w)]
                                   + [c.rjust(w) for c, w in zip(r[1:], widths)]).rstrip())
    else:
        lines.append("No questions found in the banks.")
    if s["katas"]:
        lines += ["", "Katas"]
        id_w = max(len(k["id"]) for k in s["katas"])
        for k in s["katas"]:
            if k["status"] == "never":
                detail = "never tried"
            elif k["status"] == "passed":
                detail = f"passed {_when(k['first_passed_at'])}"
                if k["last_status"] != "pass":
                    detail += f" (last attempt {k['last_status']} {_when(k['last_attempt_at'])})"
            else:
                detail = f"failing (last {k['last_status']} {_when(k['last_attempt_at'])})"
            if k["attempts"]:
                detail += f", {k['attempts']} attempt{'s' if k['attempts'] != 1 else ''}"
            lines.append(f"  {k['id'].ljust(id_w)}  {detail}")
    if s["mock"]:
        lines += ["", "Recent mock interviews"]
        for m in s["mock"]:
            minutes = f"{m['minutes']} min" if m["minutes"] else ""
            lines.append(f"  #{m['id']}  {_when(m['started_at'])}  {minutes:>6}  "
                         f"{_mock_score(m['scores'])}")
    if s["orphan_cards"]:
        lines += ["", f"{s['orphan_cards']} reviewed question(s) are no longer in the banks "
                      f"(their history is kept)."]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# CLI

def load_bank() -> tuple[list[Any], dict[str, Any], list[Any]]:
    """``(questions, topic names, errors)`` from the question banks."""
    try:
        from quizapp.banks import load_banks
    except ModuleNotFoundError as exc:  # a checkout without the banks loader
        if exc.name != "quizapp.banks":
            raise
        return [], {}, ["quizapp.banks is missing"]
    bank = load_banks()
    return list(bank.questions), dict(getattr(bank, "topics", {}) or {}), list(
        getattr(bank, "errors", []) or [])


def kata_ids() -> list[str]:
    """Ids of the katas in the catalogue (folders with a kata.yaml)."""
    from quizapp.paths import katas_dir

    root = katas_dir()
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / "kata.yaml").is_file())


def parse_target_date(text: str | None) -> date | None | str:
    """``YYYY-MM-DD`` as a date; ``none``/empty clears (returns ``"clear"``)."""
    if text is None:
        return None
    if text.strip().lower() in ("", "none", "clear"):
        return "clear"
    return date.fromisoformat(text.strip())


def cmd_stats(args) -> int:
    """``quizapp stats [--json] [--target-date YYYY-MM-DD|none]``."""
    from quizapp.paths import default_db_path
    from quizapp.store import Store, StoreError

    try:
        target_arg = parse_target_date(getattr(args, "target_date", None))
    except ValueError:
        print(f"quizapp stats: error: --target-date wants YYYY-MM-DD (or 'none'), got "
              f"{args.target_date!r}", file=sys.stderr)
        return 2
    questions, names, errors = load_bank()
    if errors:
        print(f"quizapp stats: {len(errors)} problem(s) in the question banks; "
              f"run `quizapp bank lint`", file=sys.stderr)
    path = default_db_path(args.db)
    try:
        with Store.open(path) as store:
            store.adopt_aliases({old: q.id for q in questions for old in getattr(q, "aliases", [])})
            if target_arg == "clear":
                store.set_setting("target_date", None)
            elif target_arg is not None:
                store.set_setting("target_date", target_arg.isoformat())
            with store.snapshot():
                saved = store.get_setting("target_date")
                lang = args.lang or store.get_setting("language") or "en"
                data = dict(
                    cards=store.cards(), review_count=store.review_count(),
                    kata_attempt_count=store.kata_attempt_count(),
                    kata_status=store.kata_status(kata_ids()),
                    activity_days=store.activity_days(),
                    recent_mocks=store.mock_sessions(RECENT_MOCKS))
            scheduler = store.scheduler
    except StoreError as exc:
        print(f"quizapp stats: error: {exc}", file=sys.stderr)
        return 1
    try:
        target = date.fromisoformat(saved) if saved else None
    except (TypeError, ValueError):
        target = None
    now = datetime.now(timezone.utc)
    stats = build_stats(questions=questions, topic_names=names, now=now,
                        today=now.astimezone().date(), target=target, scheduler=scheduler,
                        lang=lang, **data)
    if args.json:
        print(json.dumps({"db": str(path), "generated_at": now.isoformat(), **stats},
                         ensure_ascii=False, indent=2))
    else:
        print(format_stats(stats, str(path)))
    return 0
