"""``quizapp stats [--json] [--target-date YYYY-MM-DD|none]``: progress at a glance, printed."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime, timezone
from typing import Any

from quizapp import exit_codes, stats
from quizapp.commands.common import error, language
from quizapp.table import cell_width, pad
from quizapp.fsrs_fit import fit_status, learner_calibration
from quizapp.schedule_report import schedule_lines
from quizapp.heatmap import build_heatmap, count_days, render_text
from quizapp.texts import tr


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.0f}%"


def _when(value: str | None) -> str:
    if not value:
        return "-"
    return datetime.fromisoformat(value).astimezone().strftime("%Y-%m-%d %H:%M")


def _mock_score(scores: Any, lang: str) -> str:
    if isinstance(scores, Mapping):
        for key in ("total", "overall", "score"):
            if isinstance(scores.get(key), (int, float)):
                value = scores[key]
                return _pct(value) if value <= 1 else f"{value:g}"
    if isinstance(scores, (int, float)):
        return _pct(scores) if scores <= 1 else f"{scores:g}"
    return tr("cli.stats.unfinished", lang) if scores is None else "-"


def _summary_lines(s: Mapping[str, Any], db: str, lang: str) -> list[str]:
    line = tr("cli.stats.summary", lang, reviews=s["reviews"], katas=s["kata_attempts"],
              due=s["due"], new=s["new"],
              streak=tr("cli.stats.days", lang, n=s["streak"]))
    if s["streak"] and not s["practiced_today"]:
        line += tr("cli.stats.keep_streak", lang)
    lines = [tr("cli.stats.db", lang, db=db), line]
    if s["changed"]:
        lines.append(tr("cli.stats.changed", lang, n=s["changed"]))
    if s["target_date"]:
        days = s["days_to_target"]
        when = (tr("cli.stats.today", lang) if days == 0 else
                tr("cli.stats.in_days", lang, n=days) if days > 0 else
                tr("cli.stats.days_ago", lang, n=-days))
        lines.append(tr("cli.stats.target", lang, date=s["target_date"], when=when))
    return lines


def _topic_lines(s: Mapping[str, Any], lang: str) -> list[str]:
    if not s["topics"]:
        return [tr("cli.stats.no_questions", lang)]
    target = s["target_date"]
    head = [tr(f"cli.stats.col.{c}", lang) for c in ("topic", "questions", "seen", "due", "recall")]
    if target and s["days_to_target"] >= 0:
        head.append(tr("cli.stats.col.on", lang, date=target[5:]))
    rows = [[t["name"], str(t["questions"]), str(t["seen"]), str(t["due"]), _pct(t["recall_now"])]
            + ([_pct(t["recall_target"])] if len(head) > 5 else []) for t in s["topics"]]
    widths = [max(cell_width(r[i]) for r in [head, *rows]) for i in range(len(head))]
    return ["  ".join([pad(r[0], widths[0])] + [pad(c, w, right=True)
                                               for c, w in zip(r[1:], widths[1:])]).rstrip()
            for r in [head, *rows]]


def _kata_detail(k: Mapping[str, Any], lang: str) -> str:
    if k["status"] == "never":
        return tr("cli.stats.kata_never", lang)
    if k["status"] == "passed":
        detail = tr("cli.stats.kata_passed", lang, when=_when(k["first_passed_at"]))
        if k["last_status"] != "pass":
            detail += tr("cli.stats.kata_last", lang, status=k["last_status"],
                         when=_when(k["last_attempt_at"]))
    else:
        detail = tr("cli.stats.kata_failing", lang, status=k["last_status"],
                    when=_when(k["last_attempt_at"]))
    if k["attempts"]:
        detail += tr("cli.stats.kata_attempts", lang, n=k["attempts"])
    return detail


def format_stats(s: Mapping[str, Any], db: str, lang: str = "en") -> str:
    """The human-readable report of :func:`quizapp.stats.build_stats`' result, in ``lang``."""
    lines = [*_summary_lines(s, db, lang), "", *_topic_lines(s, lang)]
    if s["katas"]:
        lines += ["", tr("cli.stats.katas", lang)]
        id_w = max(len(k["id"]) for k in s["katas"])
        lines += [f"  {k['id'].ljust(id_w)}  {_kata_detail(k, lang)}" for k in s["katas"]]
    if s["mock"]:
        lines += ["", tr("cli.stats.mocks", lang)]
        for m in s["mock"]:
            minutes = tr("cli.stats.minutes", lang, n=m["minutes"]) if m["minutes"] else ""
            lines.append(f"  #{m['id']}  {_when(m['started_at'])}  {minutes:>6}  "
                         f"{_mock_score(m['scores'], lang)}")
    if s["orphan_cards"]:
        lines += ["", tr("cli.stats.orphans", lang, n=s["orphan_cards"])]
    return "\n".join(lines)


def _save_target(store, target_arg) -> None:
    if target_arg == "clear":
        store.set_setting("target_date", None)
    elif target_arg is not None:
        store.set_setting("target_date", target_arg.isoformat())


def run(args) -> int:
    """``quizapp stats [--json] [--target-date YYYY-MM-DD|none]``."""
    from quizapp.paths import default_db_path
    from quizapp.store import Store, StoreError

    try:
        target_arg = stats.parse_target_date(getattr(args, "target_date", None))
    except ValueError:
        error(f"--target-date wants YYYY-MM-DD (or 'none'), got {args.target_date!r}", "stats")
        return exit_codes.USAGE
    questions, names, errors = stats.load_bank()
    if errors:
        error(f"{len(errors)} problem(s) in the question banks; run `quizapp bank lint`", "stats")
    lang = language(args)
    path = default_db_path(args.db)
    try:
        with Store.open(path) as store:
            store.adopt_aliases({old: q.id for q in questions for old in getattr(q, "aliases", [])})
            _save_target(store, target_arg)
            with store.snapshot():
                saved = store.get_setting("target_date")
                data = dict(
                    cards=store.cards(), review_count=store.review_count(),
                    kata_attempt_count=store.kata_attempt_count(),
                    kata_status=store.kata_status(stats.kata_ids()),
                    activity_days=store.activity_days(),
                    recent_mocks=store.mock_sessions(stats.RECENT_MOCKS))
                year = _year_heatmap(store, data["activity_days"])
            scheduler = store.scheduler
            schedule, fit = learner_calibration(store), fit_status(store)
    except StoreError as exc:
        error(str(exc), "stats")
        return exit_codes.FAIL
    try:
        target = date.fromisoformat(saved) if saved else None
    except (TypeError, ValueError):
        target = None
    now = datetime.now(timezone.utc)
    result = stats.build_stats(questions=questions, topic_names=names, now=now,
                               today=now.astimezone().date(), target=target, scheduler=scheduler,
                               lang=lang, **data)
    if args.json:
        print(json.dumps({"db": str(path), "generated_at": now.isoformat(), **result,
                          "heatmap": year.as_dict(), "calibration": schedule.to_json(),
                          "schedule": fit.to_json()},
                         ensure_ascii=False, indent=2, default=str))
    else:
        print(format_stats(result, str(path), lang))
        print("\n" + tr("cli.stats.year", lang))
        print("\n".join(render_text(year, lang)))
        print("\n" + "\n".join(schedule_lines(schedule, fit, lang)))
    return exit_codes.OK


def _year_heatmap(store, activity_days):
    """The last 365 days of reviews and kata attempts, ending today (local time)."""
    attempts = count_days(a.attempted_at for a in store.kata_attempts(with_code=False))
    return build_heatmap(store.reviews_per_day(), date.today(), katas=attempts,
                         streak_days=activity_days)
