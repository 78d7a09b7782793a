"""A year at a glance: practice per day over the last 365 days, as a grid of weeks.

Like GitHub's contribution graph or Anki's review heatmap: 53 columns (weeks, oldest on the
left) by 7 rows (Monday on top), ending today. Pure: it takes counts per day and a ``today`` and
returns values; :func:`render_text` gives terminal lines for ``quizapp stats`` and
:func:`render_rich` the same lines as a Rich ``Text`` with a colour per level for the TUI::

    from datetime import date
    from quizapp.heatmap import build_heatmap, count_days, render_text

    with Store.open(path) as store:
        reviews = store.reviews_per_day()                       # {date: reviews}
        katas = count_days(a.attempted_at for a in store.kata_attempts(with_code=False))
        practised = store.activity_days()                       # the stats screen's streak days
    heatmap = build_heatmap(reviews, date.today(), katas=katas, streak_days=practised)
    print("\\n".join(render_text(heatmap, "ko")))

What a cell counts: a day's *practice*, its reviews plus its kata attempts (one attempt counts
as one review would). The two are kept apart in each :class:`Day` and in the :class:`Totals`, so
a caller can show them separately.

Levels 0..4 are relative to the learner's own days, so that a light and a heavy user both see
contrast: 0 is a day with no practice; the thresholds are the 25th, 50th and 75th percentiles
(nearest rank) of the active days in the window; a day gets 1 plus the number of thresholds its
count exceeds, and the busiest days always get 4 (so a perfectly regular habit shows dark, not
pale).

Totals: ``days_active``, ``reviews`` and ``kata_attempts`` cover the window; the streaks cover
every day given (so the current streak is the stats screen's even after a year). The current
streak follows :func:`quizapp.stats.streak`: days in a row ending today, or ending yesterday
while today has no practice yet.

This module imports neither the store nor textual; Rich is imported only by :func:`render_rich`.
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from quizapp.stats import streak as current_streak  # the rule of `quizapp stats`
from quizapp.texts import tr

__all__ = [
    "ASCII_SHADES",
    "BLOCK_SHADES",
    "LEVEL_STYLES",
    "WEEKS",
    "WINDOW_DAYS",
    "Day",
    "Heatmap",
    "MonthLabel",
    "Totals",
    "build_heatmap",
    "count_days",
    "current_streak",
    "level_of",
    "level_thresholds",
    "longest_streak",
    "place_month_names",
    "render_rich",
    "render_text",
    "text_width",
]

#: The window: today and the 364 days before it.
WINDOW_DAYS = 365
#: Columns of the grid. 365 days starting on any weekday always span 53 Monday-first weeks.
WEEKS = 53
#: One character per level 0..4. Level 0 is a dot so that a day without practice differs from
#: a cell outside the window (a blank).
BLOCK_SHADES = "·░▒▓█"
#: For terminals that draw the block shades two columns wide (some CJK locales).
ASCII_SHADES = ".-+*#"
#: Rich styles per level (GitHub's greens), used by :func:`render_rich`.
LEVEL_STYLES = ("grey42", "#0e4429", "#006d32", "#26a641", "#39d353")
#: How far (columns) a month label may move right to keep one blank after the previous label.
MAX_LABEL_SHIFT = 2

_LANGS = ("ko", "en")
_MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "ko": tuple(f"{m}월" for m in range(1, 13)),
}
#: Labels of rows 0 (Monday), 2 (Wednesday) and 4 (Friday); the other rows have none.
_WEEKDAYS = {"en": {0: "Mon", 2: "Wed", 4: "Fri"}, "ko": {0: "월", 2: "수", 4: "금"}}
def _tr(key: str, lang: str, n: int | None = None) -> str:
    return tr(key, lang, n=n)


DayEvent = date | datetime | str


# --------------------------------------------------------------------------------------------
# Values

@dataclass(frozen=True)
class Day:
    """One cell: a date in the window, its reviews and kata attempts, and its level 0..4."""

    date: date
    reviews: int
    katas: int
    level: int

    @property
    def count(self) -> int:
        """Practice that day: reviews plus kata attempts."""
        return self.reviews + self.katas


@dataclass(frozen=True)
class MonthLabel:
    """A month of the window: ``column`` holds its first day (the window's first month, which
    may have begun before the window, is at column 0) and ``last_column`` its last day in the
    window. Where its name is drawn depends on the language: see :func:`place_month_names`."""

    column: int
    year: int
    month: int
    last_column: int


@dataclass(frozen=True)
class Totals:
    """The figures under the grid (see the module docstring for what each one covers).
    ``busiest_day`` is the most recent day with the most practice (``None`` without any)."""

    days_active: int
    reviews: int
    kata_attempts: int
    longest_streak: int
    current_streak: int
    busiest_day: date | None
    busiest_count: int


@dataclass(frozen=True)
class Heatmap:
    """The grid of the window ``start``..``today``.

    ``weeks[column][row]`` is a :class:`Day`, or ``None`` for the cells of the first and last
    week that fall outside the window; column 0 is the oldest week, row 0 is Monday.
    """

    today: date
    start: date
    weeks: tuple[tuple[Day | None, ...], ...]
    thresholds: tuple[int, int, int]
    months: tuple[MonthLabel, ...]
    totals: Totals

    def days(self) -> list[Day]:
        """Every day of the window, oldest first."""
        return [d for week in self.weeks for d in week if d is not None]

    def day(self, when: date) -> Day | None:
        """The cell of ``when``, or ``None`` outside the window."""
        if not self.start <= when <= self.today:
            return None
        column, row = _cell_of(when, self.start)
        return self.weeks[column][row]

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: dates as ISO text, the active days only (``[date, reviews, katas,
        level]``), thresholds, month labels and totals."""
        t = self.totals
        return {
            "start": self.start.isoformat(),
            "today": self.today.isoformat(),
            "thresholds": list(self.thresholds),
            "days": [[d.date.isoformat(), d.reviews, d.katas, d.level]
                     for d in self.days() if d.count],
            "months": [{"column": m.column, "year": m.year, "month": m.month}
                       for m in self.months],
            "totals": {
                "days_active": t.days_active, "reviews": t.reviews,
                "kata_attempts": t.kata_attempts, "longest_streak": t.longest_streak,
                "current_streak": t.current_streak,
                "busiest_day": t.busiest_day.isoformat() if t.busiest_day else None,
                "busiest_count": t.busiest_count,
            },
        }


# --------------------------------------------------------------------------------------------
# Reading the input

def _local_date(value: DayEvent) -> date:
    """The learner's local date of one event (an aware datetime is converted to local time,
    as the progress store does when it files a review under a day)."""
    if isinstance(value, datetime):
        return value.astimezone().date() if value.tzinfo is not None else value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return _local_date(datetime.fromisoformat(value))
        except ValueError:
            raise ValueError(f"not an ISO date or timestamp: {value!r}") from None
    raise TypeError(f"expected a date, a datetime or ISO text, got {type(value).__name__}")


def count_days(events: Iterable[DayEvent]) -> dict[date, int]:
    """Events per local date: ``count_days([t1, t2, ...])`` for timestamps of reviews or kata
    attempts (datetimes, dates or ISO text)."""
    return dict(Counter(_local_date(e) for e in events))


def _as_counts(data: Mapping[Any, int] | Iterable[DayEvent], what: str) -> dict[date, int]:
    """Counts per date from a mapping ``{date: count}`` or from a list of events."""
    if not isinstance(data, Mapping):
        return count_days(data)
    counts: dict[date, int] = {}
    for key, n in data.items():
        if isinstance(n, bool) or not isinstance(n, int):
            raise TypeError(f"{what} per day must be integers, got {n!r} for {key!r}")
        if n < 0:
            raise ValueError(f"{what} per day cannot be negative: {n} on {key}")
        day = _local_date(key)
        counts[day] = counts.get(day, 0) + n
    return counts


def _as_today(today: date) -> date:
    if isinstance(today, datetime):
        return _local_date(today)
    if not isinstance(today, date):
        raise TypeError(f"today must be a date, got {type(today).__name__}")
    return today


# --------------------------------------------------------------------------------------------
# Levels and streaks

def level_thresholds(counts: Iterable[int]) -> tuple[int, int, int]:
    """The 25th, 50th and 75th percentiles (nearest rank) of the non-zero ``counts``;
    ``(0, 0, 0)`` when there are none."""
    active = sorted(n for n in counts if n > 0)
    if not active:
        return (0, 0, 0)

    def rank(p: float) -> int:
        return active[max(0, math.ceil(p * len(active)) - 1)]

    return (rank(0.25), rank(0.5), rank(0.75))


def level_of(count: int, thresholds: tuple[int, int, int], busiest: int) -> int:
    """0 for no practice, 4 for the busiest count, else 1 plus the thresholds exceeded."""
    if count <= 0:
        return 0
    if count >= busiest:
        return 4
    return 1 + sum(count > t for t in thresholds)


def longest_streak(days: Iterable[date]) -> int:
    """The most days in a row with practice."""
    practised = set(days)
    best = 0
    for day in practised:
        if day - timedelta(days=1) in practised:
            continue  # not the first day of a run: its run is counted from its first day
        length = 1
        while day + timedelta(days=length) in practised:
            length += 1
        best = max(best, length)
    return best


# --------------------------------------------------------------------------------------------
# The grid

def _grid_start(start: date) -> date:
    """The Monday of the week that holds the window's first day."""
    return start - timedelta(days=start.weekday())


def _cell_of(when: date, start: date) -> tuple[int, int]:
    """(column, row) of a date in the window that begins on ``start``."""
    return (when - _grid_start(start)).days // 7, when.weekday()


def build_heatmap(reviews: Mapping[Any, int] | Iterable[DayEvent], today: date, *,
                  katas: Mapping[Any, int] | Iterable[DayEvent] = (),
                  streak_days: Iterable[date] | None = None) -> Heatmap:
    """The heatmap of the 365 days ending ``today``.

    ``reviews`` and ``katas`` are counts per day (``{date: n}``, as
    ``Store.reviews_per_day()`` returns) or lists of events (datetimes, dates or ISO text).
    Days outside the window are left out of the grid and its totals, but count for the
    streaks. ``streak_days`` (e.g. ``Store.activity_days()``, which includes days with only a
    mock interview) replaces the days with practice for the streaks, so that they match the
    stats screen exactly.
    """
    today = _as_today(today)
    review_counts = _as_counts(reviews, "reviews")
    kata_counts = _as_counts(katas, "kata attempts")
    start = today - timedelta(days=WINDOW_DAYS - 1)

    window = [start + timedelta(days=i) for i in range(WINDOW_DAYS)]
    totals_per_day = {d: review_counts.get(d, 0) + kata_counts.get(d, 0) for d in window}
    thresholds = level_thresholds(totals_per_day.values())
    busiest = max(totals_per_day.values())

    columns: list[list[Day | None]] = [[None] * 7 for _ in range(WEEKS)]
    for d in window:
        column, row = _cell_of(d, start)
        columns[column][row] = Day(d, review_counts.get(d, 0), kata_counts.get(d, 0),
                                   level_of(totals_per_day[d], thresholds, busiest))

    if streak_days is None:
        practised = {d for d in review_counts.keys() | kata_counts.keys()
                     if review_counts.get(d, 0) + kata_counts.get(d, 0) > 0}
    else:
        practised = {_local_date(d) for d in streak_days}
    # the most recent of the busiest days: "your record" is the one you remember
    busiest_day = max((d for d in window if totals_per_day[d] == busiest), default=None) \
        if busiest else None
    totals = Totals(
        days_active=sum(1 for n in totals_per_day.values() if n),
        reviews=sum(review_counts.get(d, 0) for d in window),
        kata_attempts=sum(kata_counts.get(d, 0) for d in window),
        longest_streak=longest_streak(practised),
        current_streak=current_streak(practised, today),
        busiest_day=busiest_day,
        busiest_count=busiest,
    )
    return Heatmap(today, start, tuple(tuple(c) for c in columns), thresholds,
                   _months(start, today), totals)


def _months(start: date, today: date) -> tuple[MonthLabel, ...]:
    """The months of the window, oldest first, with the columns of their first and last day."""
    found = []
    first = start
    while first <= today:
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        last = min(following - timedelta(days=1), today)
        found.append(MonthLabel(_cell_of(first, start)[0], first.year, first.month,
                                _cell_of(last, start)[0]))
        first = following
    return tuple(found)


# --------------------------------------------------------------------------------------------
# Rendering

def text_width(text: str) -> int:
    """Terminal columns of ``text``: wide and full-width characters (Hangul) count two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _check_lang(lang: str) -> str:
    if lang not in _LANGS:
        raise ValueError(f"language must be one of {', '.join(_LANGS)}, got {lang!r}")
    return lang


def _check_shades(shades: str) -> str:
    if len(shades) != 5:
        raise ValueError(f"shades must be 5 characters (levels 0..4), got {shades!r}")
    if any(text_width(c) != 1 for c in shades):
        raise ValueError(f"shades must be one terminal column each, got {shades!r}")
    return shades


Segment = tuple[str, str | None]  # (text, Rich style or None)


def _label_column_width(lang: str) -> int:
    return max(text_width(t) for t in _WEEKDAYS[lang].values()) + 1


def place_month_names(months: Iterable[MonthLabel], lang: str) -> list[tuple[int, str]]:
    """(column, name) of the month names to draw over the grid.

    Each name goes over the column of its month's first day, with at least one blank after the
    previous name; a name may move up to :data:`MAX_LABEL_SHIFT` columns right to make room, as
    long as it still starts over a week of its own month. The window's first month, often a few
    days only, gets a name only when it fits without moving the next one; a month cut short by
    today may go unnamed when the previous name leaves no room.
    """
    months = list(months)
    placed: list[tuple[int, str]] = []
    next_free = 0
    for i, label in enumerate(months):
        name = _MONTHS[_check_lang(lang)][label.month - 1]
        position = max(label.column, next_free)
        end = position + text_width(name)
        if i == 0 and len(months) > 1 and end + 1 > months[1].column:
            continue  # the partial first month would push the second one
        if position - label.column > MAX_LABEL_SHIFT or position > label.last_column:
            continue
        placed.append((position, name))
        next_free = end + 1
    return placed


def _month_row(heatmap: Heatmap, lang: str) -> list[Segment]:
    line = ""
    for column, name in place_month_names(heatmap.months, lang):
        line += " " * (column - text_width(line)) + name
    return [(" " * _label_column_width(lang), None), (line, "dim")]


def _grid_rows(heatmap: Heatmap, lang: str, shades: str) -> list[list[Segment]]:
    width = _label_column_width(lang)
    rows = []
    for row in range(7):
        name = _WEEKDAYS[lang].get(row, "")
        segments: list[Segment] = [(name + " " * (width - text_width(name)), "dim")]
        for week in heatmap.weeks:
            day = week[row]
            if day is None:
                segments.append((" ", None))
            else:
                segments.append((shades[day.level], LEVEL_STYLES[day.level]))
        rows.append(segments)
    return rows


def _legend_row(lang: str, shades: str) -> list[Segment]:
    less, more = _tr("heatmap.less", lang), _tr("heatmap.more", lang)
    text_len = text_width(less) + 1 + len(shades) + 1 + text_width(more)
    pad = _label_column_width(lang) + WEEKS - text_len
    segments: list[Segment] = [(" " * max(0, pad) + less + " ", "dim")]
    segments += [(c, LEVEL_STYLES[i]) for i, c in enumerate(shades)]
    segments.append((" " + more, "dim"))
    return segments


def _summary_groups(heatmap: Heatmap, lang: str) -> list[list[str]]:
    """The totals as two groups of phrases: the window's figures, then the streaks."""
    t = heatmap.totals
    span = f"{heatmap.start.isoformat()} – {heatmap.today.isoformat()}"
    return [[span, _tr("heatmap.days_active", lang, t.days_active),
             _tr("heatmap.reviews", lang, t.reviews),
             _tr("heatmap.kata_attempts", lang, t.kata_attempts)],
            [_tr("heatmap.longest_streak", lang, t.longest_streak),
             _tr("heatmap.current_streak", lang, t.current_streak)]]


def _wrap_parts(parts: list[str], width: int, separator: str = " · ") -> list[str]:
    """Join ``parts`` with ``separator`` into lines of at most ``width`` columns."""
    lines: list[str] = []
    for part in parts:
        if lines and text_width(lines[-1] + separator + part) <= width:
            lines[-1] += separator + part
        else:
            lines.append(part)
    return lines


def _layout(heatmap: Heatmap, lang: str, shades: str, legend: bool,
            summary: bool, width: int) -> list[list[Segment]]:
    _check_lang(lang)
    _check_shades(shades)
    rows = [_month_row(heatmap, lang), *_grid_rows(heatmap, lang, shades)]
    if legend:
        rows.append(_legend_row(lang, shades))
    if summary:
        for group in _summary_groups(heatmap, lang):
            rows += [[(line, None)] for line in _wrap_parts(group, width)]
    return rows


def render_text(heatmap: Heatmap, lang: str = "ko", *, shades: str = BLOCK_SHADES,
                legend: bool = True, summary: bool = True, width: int = 80) -> list[str]:
    """The heatmap as plain terminal lines (no trailing blanks): month names, seven rows of
    cells with Mon/Wed/Fri (월/수/금) labels, a legend, and the totals wrapped to ``width``.
    The grid itself is at most 57 columns wide."""
    return [("".join(text for text, _ in row)).rstrip()
            for row in _layout(heatmap, lang, shades, legend, summary, width)]


def render_rich(heatmap: Heatmap, lang: str = "ko", *, shades: str = BLOCK_SHADES,
                legend: bool = True, summary: bool = True, width: int = 80):
    """The lines of :func:`render_text` as one ``rich.text.Text``, each level in its colour
    (:data:`LEVEL_STYLES`), labels dimmed: put it in a Textual ``Static``."""
    from rich.text import Text  # only here: the text renderer needs no Rich

    out = Text(no_wrap=True, overflow="crop")
    for i, row in enumerate(_layout(heatmap, lang, shades, legend, summary, width)):
        if i:
            out.append("\n")
        for text, style in row:
            out.append(text, style=style)
    out.rstrip()
    return out
