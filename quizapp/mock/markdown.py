"""A mock interview's report as Markdown, and a plan as a short table, in the report's language.

Every word comes from the text catalogue (:mod:`quizapp.texts.mock`); topics show with the banks'
names kept in the report (``topic_names``), their ids otherwise.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from quizapp.mock.clock import format_clock
from quizapp.mock.plan import Plan, json_number
from quizapp.mock.report import text_in
from quizapp.mock.scoring import NO_TOPIC, status_word
from quizapp.texts import LANGS, tr

#: The figures of a kata check shown in the report's table, in this order.
FIGURE_KEYS = ("max_abs_diff", "max_rel_diff", "mismatched", "seed", "dtype", "device", "trial",
               "shape", "duration_s", "p_value", "statistic")


def _pts(value: Any) -> str:
    """Points with at most one decimal."""
    return "-" if value is None else str(json_number(round(float(value), 1)))


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{round(value * 100):d}%"


def _cell(value: Any) -> str:
    """A value made safe for a Markdown table cell."""
    text = "" if value is None else str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace(
        "\n", "<br>").strip()


def _fence(text: str, lang: str = "") -> list[str]:
    ticks = "```"
    while ticks in text:  # a fence longer than any run of backticks inside
        ticks += "`"
    return [f"{ticks}{lang}", text.rstrip("\n"), ticks]


def _quote(text: str) -> list[str]:
    return [("> " + line) if line.strip() else ">" for line in str(text).strip().splitlines()] \
        or [">"]


def _when(value: Any) -> str:
    if not value:
        return "-"
    try:
        return datetime.fromisoformat(str(value)).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return str(value)


def _figures(test: Mapping[str, Any]) -> str:
    parts = []
    for key in FIGURE_KEYS:
        if test.get(key) is not None:
            value = test[key]
            if isinstance(value, float):
                value = f"{value:.3g}"
            parts.append(f"{key}={value}")
    return ", ".join(parts)


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns (a Korean syllable takes two)."""
    columns = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - columns)


def type_word(qtype: str | None, lang: str) -> str:
    """A question type (or ``kata``) as the report names it in ``lang``."""
    if not qtype:
        return "?"
    key = f"mock.report.type.{qtype}"
    word = tr(key, lang)
    return qtype if word == key else word


class _Words:
    """The texts of one report: ``w("key", **values)`` is ``mock.report.key`` in its language;
    ``w.topic(id)`` a topic's name."""

    def __init__(self, lang: str, topic_names: Mapping[str, Any] | None = None) -> None:
        self.lang = lang
        self.topic_names = {t: text_in(n, lang) for t, n in (topic_names or {}).items()}

    def __call__(self, key: str, **values: Any) -> str:
        return tr(f"mock.report.{key}", self.lang, **values)

    def known(self, key: str, fallback: str) -> str:
        """``mock.report.key``, or ``fallback`` when the catalogue has no such text."""
        text = self(key)
        return fallback if text == f"mock.report.{key}" else text

    def topic(self, topic: str) -> str:
        if topic == NO_TOPIC:
            return self("no_topic")
        return self.topic_names.get(topic) or topic

    def topics(self, topics: Any) -> str:
        return ", ".join(self.topic(t) for t in topics or [])


def render_markdown(report: Mapping[str, Any]) -> str:
    """The report as Markdown: header, score by section and topic, every item with the answer
    beside the model answer (and the kata verdicts with their figures), the schedule changes
    and the trend over past mock interviews."""
    lang = report.get("lang") if report.get("lang") in LANGS else "en"
    w = _Words(lang, report.get("topic_names"))
    scores = report.get("scores") or {}
    lines = _header(report, scores, w)
    lines += _score_tables(scores, w)
    lines += ["", f"## {w('items')}"]
    for item in report.get("items") or []:
        lines += [""] + _render_item(item, w)
    lines += _schedule(report.get("schedule") or [], w)
    lines += _trend(report.get("trend") or [], report.get("id"), w)
    return "\n".join(lines) + "\n"


def _header(report: Mapping[str, Any], scores: Mapping[str, Any], w: _Words) -> list[str]:
    number = f" #{report['id']}" if report.get("id") is not None else ""
    when = f": {_when(report['started_at'])}" if report.get("started_at") else ""
    lines = [f"# {tr('mock.title', w.lang)}{number}{when}", ""]
    head = [tr("mock.minutes", w.lang, m=report.get("minutes")), w("seed", s=report.get("seed")),
            w("used", t=format_clock(scores.get("time_used_s") or 0, up=True))]
    if report.get("topics"):
        head.append(w.topics(report["topics"]))
    lines.append(" · ".join(head))
    lines.append("")
    lines.append(f"**{w('score')}: {_pct(scores.get('total'))}** "
                 f"({_pts(scores.get('earned', 0))} / {_pts(scores.get('possible', 0))} "
                 f"{w('points')})")
    if report.get("time_ran_out"):
        lines += ["", w("ran_out")]
    return lines


def _score_row(name: str, s: Mapping[str, Any]) -> str:
    return (f"| {_cell(name)} | {_pct(s.get('score'))} | {_pts(s.get('earned'))} / "
            f"{_pts(s.get('possible'))} | {s.get('answered')} / {s.get('items')} |")


def _score_tables(scores: Mapping[str, Any], w: _Words) -> list[str]:
    lines = ["", f"## {w('by_section')}", "",
             f"| {w('section')} | {w('score')} | {w('points_col')} | {w('answered')} |",
             "|---|---:|---:|---:|"]
    for name, s in (scores.get("sections") or {}).items():
        lines.append(_score_row(w.known(f"section.{name}", name), s))
    lines += ["", f"## {w('by_topic')}", "",
              f"| {w('topic')} | {w('score')} | {w('points_col')} | {w('answered')} |",
              "|---|---:|---:|---:|"]
    for name, s in (scores.get("topics") or {}).items():
        lines.append(_score_row(w.topic(name), s))
    return lines


def _schedule(schedule: list[Mapping[str, Any]], w: _Words) -> list[str]:
    lines = ["", f"## {w('schedule')}", ""]
    if not schedule:
        return lines + [w("schedule_none")]
    failed = sum(1 for s in schedule if s.get("reason") == "failed")
    lines.append(w("schedule_some", n=len(schedule), failed=failed, due=len(schedule) - failed))
    lines.append("")
    for s in schedule:
        reason = str(s.get("reason"))
        lines.append(f"- `{s['id']}` ({w.known('reason.' + reason, reason)})")
    return lines


def _trend(trend: list[Mapping[str, Any]], this_id: Any, w: _Words) -> list[str]:
    if not trend:
        return []
    lines = ["", f"## {w('trend')}", "",
             f"| # | {w('date')} | {w('minutes_col')} | {w('score')} | |",
             "|---:|---|---:|---:|---|"]
    for t in trend:
        total = t.get("total")
        bar = "#" * round((total or 0) * 20)
        mark = " ←" if t.get("id") == this_id else ""
        lines.append(f"| {t.get('id')} | {_when(t.get('started_at'))} | {t.get('minutes')} | "
                     f"{_pct(total)} | `{bar:<20}`{mark} |")
    return lines


def _render_item(item: Mapping[str, Any], w: _Words) -> list[str]:
    used = format_clock(item.get("time_used_s") or 0, up=True)
    est = w("est", m=json_number(item.get("minutes")))
    topics = w.topics(item.get("topics"))
    if item.get("kind") == "kata":
        return _render_kata(item, w, f"{topics} · {used} ({est})")
    if item.get("self_grade") is not None:
        result = w("self_graded", p=_pct(item["self_grade"]))
    elif not item.get("answered"):
        result = w("no_answer")
    else:
        result = w("right") if item.get("correct") else w("wrong")
    title = (f"### {item['position'] + 1}. {w('question')} `{item['id']}` "
             f"({type_word(item.get('type'), w.lang)})")
    line = (f"{topics} · {used} ({est}) · **{result}** · {_pts(item.get('points'))} / "
            f"{_pts(item.get('minutes'))} {w('points')}")
    lines = [title, "", line, ""]
    if item.get("missing"):
        return lines + [w("missing")]
    lines += _quote(item.get("prompt") or "")
    if item.get("code"):
        lines += [""] + _fence(item["code"], "python")
    given = item.get("given") if item.get("answered") else w("no_answer")
    lines += ["", f"**{w('your_answer')}:**", ""] + _quote(given or w("no_answer"))
    lines += ["", f"**{w('model_answer')}:**", ""] + _quote(item.get("expected") or "")
    if item.get("key_points"):
        lines += ["", f"**{w('key_points')}:**", ""]
        lines += [f"- [{'x' if kp.get('ticked') else ' '}] {kp.get('text')}"
                  for kp in item["key_points"]]
    if item.get("explanation"):
        lines += ["", f"**{w('explanation')}:** {item['explanation'].strip()}"]
    return lines


def _render_kata(item: Mapping[str, Any], w: _Words, where: str) -> list[str]:
    verdict = item.get("verdict") or {}
    status = status_word(verdict["status"], w.lang) if verdict.get("status") else w("none")
    title = (f"### {item['position'] + 1}. {w('kata')}: {item.get('title') or item['id']} "
             f"(`{item['id']}`)")
    line = (f"{where} · **{status.upper()}** · "
            f"{_pts(item.get('points'))} / {_pts(item.get('minutes'))} {w('points')}")
    lines = [title, "", line, "", f"**{w('verdict')}:** {_cell(item.get('summary'))}"]
    tests = verdict.get("tests") or []
    if tests:
        lines += ["", f"| {w('check')} | {w('status')} | {w('figures')} | {w('message')} |",
                  "|---|---|---|---|"]
        for t in tests:
            message = t.get("message") if t.get("status") != "pass" else ""
            lines.append(f"| {_cell(t.get('name'))} | {status_word(t.get('status'), w.lang)} | "
                         f"{_cell(_figures(t))} | {_cell(message)} |")
    if item.get("code"):
        lines += ["", f"**{w('your_code')}:**", ""] + _fence(item["code"], "python")
    return lines


def render_plan(plan: Plan, lang: str = "en", topic_names: Mapping[str, Any] | None = None) -> str:
    """A plan as a short table for the terminal, in ``lang`` (``topic_names``: topic id -> its
    title, a bilingual text or a plain name; ids show where it has none)."""
    w = _Words(lang, topic_names)
    head = tr("mock.plan.head", lang, minutes=plan.minutes, seed=plan.seed)
    if plan.topics:
        head += tr("mock.plan.topics", lang, topics=w.topics(plan.topics))
    lines = [head, tr("mock.plan.count", lang, n=len(plan.items),
                      m=json_number(plan.planned_minutes)), ""]
    width = max([len(i.id) for i in plan.items] + [2])
    unit = tr("mock.plan.min", lang)
    for n, item in enumerate(plan.items, 1):
        kind = type_word(item.type if item.kind == "question" else "kata", lang)
        minutes = json_number(item.minutes)
        lines.append(f"{n:>3}. {item.id:<{width}}  {_pad(kind, 9)} {minutes:>4} {unit}  "
                     f"{w.topics(item.topics)}")
    return "\n".join(lines)
