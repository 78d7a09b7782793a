"""The year-at-a-glance heatmap: the grid, levels, streaks, month names and the terminal text."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from quizapp.heatmap import (
    ASCII_SHADES,
    BLOCK_SHADES,
    WEEKS,
    WINDOW_DAYS,
    build_heatmap,
    count_days,
    current_streak,
    level_of,
    level_thresholds,
    longest_streak,
    place_month_names,
    render_rich,
    render_text,
    text_width,
)
from quizapp.stats import streak as stats_streak

TODAY = date(2025, 6, 4)  # a Wednesday


def days_back(n: int, today: date = TODAY) -> date:
    return today - timedelta(days=n)


# -- the grid ---------------------------------------------------------------------------------

@pytest.mark.parametrize("today", [date(2025, 6, 2) + timedelta(days=i) for i in range(7)])
def test_grid_is_53_weeks_of_7_days_holding_exactly_the_365_days(today):
    heatmap = build_heatmap({}, today)
    assert len(heatmap.weeks) == WEEKS == 53
    assert all(len(week) == 7 for week in heatmap.weeks)
    days = heatmap.days()
    assert len(days) == WINDOW_DAYS == 365
    assert days[0].date == heatmap.start == today - timedelta(days=364)
    assert days[-1].date == today
    assert [d.date for d in days] == [heatmap.start + timedelta(days=i) for i in range(365)]


def test_rows_are_weekdays_monday_first_and_columns_are_weeks():
    heatmap = build_heatmap({}, TODAY)
    for week in heatmap.weeks:
        for row, day in enumerate(week):
            if day is not None:
                assert day.date.weekday() == row
        present = [d.date for d in week if d is not None]
        # a column is one Monday-to-Sunday week
        assert len({d - timedelta(days=d.weekday()) for d in present}) == 1
    # today (a Wednesday) is in the last column, row 2; the rest of that week is blank
    assert heatmap.weeks[-1][2].date == TODAY
    assert heatmap.weeks[-1][3:] == (None,) * 4


def test_known_dates_land_in_their_cells_with_their_counts():
    reviews = {TODAY: 3, days_back(1): 7, days_back(364): 2, date(2025, 1, 1): 5}
    katas = {TODAY: 1, date(2025, 1, 1): 2}
    heatmap = build_heatmap(reviews, TODAY, katas=katas)
    assert heatmap.weeks[-1][2].reviews == 3 and heatmap.weeks[-1][2].katas == 1
    assert heatmap.weeks[-1][1].date == days_back(1) and heatmap.weeks[-1][1].count == 7
    first = heatmap.day(days_back(364))  # 2024-06-05, a Wednesday, in the first column
    assert first == heatmap.weeks[0][2] and first.count == 2
    new_year = heatmap.day(date(2025, 1, 1))  # a Wednesday
    column = (date(2025, 1, 1) - date(2024, 6, 3)).days // 7
    assert heatmap.weeks[column][2] is new_year
    assert (new_year.reviews, new_year.katas, new_year.count) == (5, 2, 7)
    assert heatmap.weeks[0][:2] == (None, None)  # Mon and Tue before the window


def test_window_edges_keep_day_364_and_drop_day_365_and_the_future():
    reviews = {days_back(364): 4, days_back(365): 9, TODAY + timedelta(days=1): 6}
    heatmap = build_heatmap(reviews, TODAY)
    assert heatmap.day(days_back(364)).count == 4
    assert heatmap.day(days_back(365)) is None
    assert heatmap.day(TODAY + timedelta(days=1)) is None
    assert heatmap.totals.reviews == 4 and heatmap.totals.days_active == 1


@pytest.mark.parametrize("today", [date(2024, 2, 29), date(2024, 3, 1), date(2025, 2, 28),
                                   date(2024, 12, 31)])
def test_leap_years_keep_a_365_day_window(today):
    reviews = {date(2024, 2, 29): 1, date(2024, 2, 28): 1, date(2024, 3, 1): 1}
    heatmap = build_heatmap(reviews, today)
    assert len(heatmap.days()) == 365
    in_window = [d for d in reviews if heatmap.start <= d <= today]
    assert heatmap.totals.reviews == len(in_window)
    if date(2024, 2, 29) in in_window:
        leap_day = heatmap.day(date(2024, 2, 29))
        assert leap_day.count == 1 and leap_day.date.weekday() == 3  # a Thursday


def test_a_window_ending_on_the_first_of_march_after_a_leap_day_starts_on_the_second():
    heatmap = build_heatmap({}, date(2025, 3, 1))
    assert heatmap.start == date(2024, 3, 2)  # 365 days, not "the same date a year ago"


def test_timestamps_count_on_their_local_date(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Seoul")
    import time
    time.tzset()
    try:
        late_utc = datetime(2025, 6, 3, 16, 30, tzinfo=timezone.utc)  # 01:30 on the 4th in Seoul
        counts = count_days([late_utc, "2025-06-03T01:00:00+00:00", date(2025, 6, 1)])
        assert counts == {date(2025, 6, 4): 1, date(2025, 6, 3): 1, date(2025, 6, 1): 1}
        heatmap = build_heatmap([late_utc, late_utc], TODAY)
        assert heatmap.day(TODAY).reviews == 2
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_bad_input_gets_a_clear_error():
    with pytest.raises(ValueError, match="negative"):
        build_heatmap({TODAY: -1}, TODAY)
    with pytest.raises(TypeError, match="integers"):
        build_heatmap({TODAY: 1.5}, TODAY)
    with pytest.raises(ValueError, match="not an ISO date"):
        count_days(["yesterday"])
    with pytest.raises(TypeError, match="today must be a date"):
        build_heatmap({}, "2025-06-04")


# -- levels -----------------------------------------------------------------------------------

def test_thresholds_are_the_quartiles_of_active_days():
    assert level_thresholds([0, 0, 1, 2, 3, 4, 5, 6, 7, 8]) == (2, 4, 6)
    assert level_thresholds([0, 0]) == (0, 0, 0)


def test_levels_spread_a_learners_days_over_four_shades():
    reviews = {days_back(i): n for i, n in enumerate([1, 2, 3, 4, 5, 6, 7, 8])}
    heatmap = build_heatmap(reviews, TODAY)
    levels = {n: heatmap.day(days_back(i)).level for i, n in enumerate([1, 2, 3, 4, 5, 6, 7, 8])}
    assert levels == {1: 1, 2: 1, 3: 2, 4: 2, 5: 3, 6: 3, 7: 4, 8: 4}
    assert heatmap.day(days_back(100)).level == 0


def test_busiest_days_are_always_darkest_and_one_outlier_does_not_flatten_the_rest():
    regular = build_heatmap({days_back(i): 10 for i in range(30)}, TODAY)
    assert {d.level for d in regular.days() if d.count} == {4}
    outlier = {days_back(i): 10 for i in range(30)} | {days_back(40): 500}
    heatmap = build_heatmap(outlier, TODAY)
    assert heatmap.day(days_back(40)).level == 4
    assert heatmap.day(days_back(3)).level == 1
    assert heatmap.totals.busiest_day == days_back(40) and heatmap.totals.busiest_count == 500


def test_level_of_reads_thresholds():
    assert level_of(0, (2, 4, 6), 8) == 0
    assert [level_of(n, (2, 4, 6), 8) for n in (1, 2, 3, 5, 7, 8, 9)] == [1, 1, 2, 3, 4, 4, 4]


def test_kata_attempts_add_to_a_days_level():
    heatmap = build_heatmap({TODAY: 1, days_back(1): 1}, TODAY, katas={TODAY: 3})
    assert heatmap.day(TODAY).level == 4 and heatmap.day(days_back(1)).level == 1
    assert heatmap.totals.kata_attempts == 3 and heatmap.totals.reviews == 2


# -- streaks and totals -----------------------------------------------------------------------

def test_streaks_and_totals():
    practised = [days_back(i) for i in (0, 1, 2, 10, 11, 12, 13, 14, 30)]
    heatmap = build_heatmap({d: 2 for d in practised}, TODAY)
    t = heatmap.totals
    assert (t.days_active, t.reviews, t.longest_streak, t.current_streak) == (9, 18, 5, 3)


def test_current_streak_survives_until_today_ends_like_the_stats_screen():
    days = [days_back(i) for i in (1, 2, 3)]
    assert current_streak(days, TODAY) == 3 == stats_streak(days, TODAY)
    assert current_streak([days_back(2)], TODAY) == 0 == stats_streak([days_back(2)], TODAY)
    for n in range(8):  # the same rule for any history
        history = [days_back(i) for i in range(n)] + [days_back(n + 2)]
        assert current_streak(history, TODAY) == stats_streak(history, TODAY)


def test_streaks_count_history_before_the_window_and_can_follow_store_activity_days():
    history = [days_back(i) for i in range(400)]  # practised every day for 400 days
    heatmap = build_heatmap({d: 1 for d in history}, TODAY)
    assert heatmap.totals.current_streak == 400 == heatmap.totals.longest_streak
    assert heatmap.totals.days_active == 365
    mock_only = build_heatmap({days_back(1): 1}, TODAY, streak_days=[TODAY, days_back(1)])
    assert mock_only.totals.current_streak == 2 and mock_only.totals.days_active == 1


def test_longest_streak_over_a_leap_day_and_a_year_end():
    run = [date(2024, 2, 27) + timedelta(days=i) for i in range(5)]  # 27th .. 2nd March
    assert longest_streak(run + [date(2024, 3, 10)]) == 5
    assert longest_streak([date(2024, 12, 30), date(2024, 12, 31), date(2025, 1, 1)]) == 3
    assert longest_streak([]) == 0


# -- month names ------------------------------------------------------------------------------

MONTH_NAMES = {"en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                      "Nov", "Dec"],
               "ko": [f"{m}월" for m in range(1, 13)]}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_month_begun_in_the_window_is_named_over_its_own_days(lang):
    for i in range(0, 366 * 4, 13):  # windows ending on every weekday, across leap years
        heatmap = build_heatmap({}, date(2023, 1, 1) + timedelta(days=i))
        placed = place_month_names(heatmap.months, lang)
        for label in heatmap.months[1:]:  # every month whose first day is in the window
            if label is heatmap.months[-1] and label.last_column - label.column < 2:
                continue  # today's month, begun in the last week or two: may lack the room
            name = MONTH_NAMES[lang][label.month - 1]
            column = next(c for c, n in placed if n == name and c >= label.column)
            assert column - label.column <= 2
            assert any(d is not None and d.date.month == label.month
                       for d in heatmap.weeks[column])
        ends = [c + text_width(n) for c, n in placed]
        assert all(ends[k] < placed[k + 1][0] for k in range(len(placed) - 1))  # a blank between


def test_month_labels_sit_over_the_first_week_of_each_month():
    heatmap = build_heatmap({}, date(2025, 6, 2))  # window 2024-06-03 (a Monday) .. 2025-06-02
    lines = render_text(heatmap, "en", legend=False, summary=False)
    header = lines[0]
    january = (date(2025, 1, 1) - date(2024, 6, 3)).days // 7  # its first day's column
    assert header[4 + january:].startswith("Jan")
    assert header.startswith("    Jun")  # the window starts with June 3rd, a whole week


# -- rendering --------------------------------------------------------------------------------

def test_text_has_months_seven_rows_legend_and_totals_within_80_columns():
    reviews = {days_back(i): (i % 7) * 3 for i in range(300)}
    heatmap = build_heatmap(reviews, TODAY, katas={TODAY: 2})
    lines = render_text(heatmap, "en")
    assert lines[1].startswith("Mon ") and lines[3].startswith("Wed ") and lines[5].startswith("Fri ")
    assert lines[2].startswith("    ")
    assert "Less " + BLOCK_SHADES + " More" in lines[8]
    summary = "\n".join(lines[9:])
    assert "2024-06-05 – 2025-06-04" in summary and "2 kata attempts" in summary
    assert f"{heatmap.totals.reviews:,} reviews" in summary
    assert "current streak" in summary and "longest streak" in summary
    grid = [line[4:] for line in lines[1:8]]
    # each cell shows its level's shade; today (Wed) is the last cell of its row
    assert grid[2][52] == BLOCK_SHADES[heatmap.day(TODAY).level]
    assert grid[0][0] == " " and grid[2][0] == BLOCK_SHADES[heatmap.day(days_back(364)).level]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_window_renders_within_80_columns(lang):
    busy = {date(2020, 1, 1) + timedelta(days=i): 12345 for i in range(2400)}
    for i in range(0, 366 * 5, 17):  # every weekday, across leap years
        today = date(2020, 1, 1) + timedelta(days=i)
        lines = render_text(build_heatmap(busy, today, katas=busy), lang)
        assert max(text_width(line) for line in lines) <= 80


def test_korean_labels():
    heatmap = build_heatmap({TODAY: 5, days_back(1): 1}, TODAY, katas={TODAY: 1})
    lines = render_text(heatmap, "ko")
    assert lines[1].startswith("월 ") and lines[3].startswith("수 ") and lines[5].startswith("금 ")
    assert "6월" in lines[0] and "1월" in lines[0] and "12월" in lines[0]
    assert "적음 " + BLOCK_SHADES + " 많음" in lines[8]
    summary = "\n".join(lines[9:])
    assert "활동 2일" in summary and "복습 6회" in summary and "카타 1회" in summary
    assert "현재 연속 2일" in summary and "최장 연속 2일" in summary
    # Korean labels are two columns wide: the cells still line up under the month row
    assert text_width(lines[1]) - len(lines[1]) == 1


def test_ascii_shades_and_bad_render_options():
    heatmap = build_heatmap({TODAY: 1}, TODAY)
    lines = render_text(heatmap, "en", shades=ASCII_SHADES, summary=False)
    cells = "".join(line[4:] for line in lines[1:8])
    assert lines[3].endswith("#") and set(cells) <= set(ASCII_SHADES + " ")
    with pytest.raises(ValueError, match="language"):
        render_text(heatmap, "fr")
    with pytest.raises(ValueError, match="5 characters"):
        render_text(heatmap, "en", shades="ab")
    with pytest.raises(ValueError, match="one terminal column"):
        render_text(heatmap, "en", shades="가나다라마")


def test_rich_text_matches_the_plain_lines_and_colours_levels():
    heatmap = build_heatmap({TODAY: 9, days_back(1): 1}, TODAY)
    rich_text = render_rich(heatmap, "ko")
    plain = [line.rstrip() for line in rich_text.plain.split("\n")]
    assert plain == render_text(heatmap, "ko")
    styles = {str(span.style) for span in rich_text.spans}
    assert {"#39d353", "#0e4429", "grey42"} <= styles


def test_as_dict_is_json_ready():
    import json

    heatmap = build_heatmap({TODAY: 3}, TODAY, katas={days_back(2): 3})
    data = json.loads(json.dumps(heatmap.as_dict()))
    assert data["days"] == [["2025-06-02", 0, 3, 4], ["2025-06-04", 3, 0, 4]]
    assert data["totals"]["days_active"] == 2 and data["totals"]["busiest_day"] == "2025-06-04"
    assert data["start"] == "2024-06-05" and data["months"][0] == {"column": 0, "year": 2024,
                                                                   "month": 6}


def test_reads_a_progress_database_through_the_stores_existing_queries(tmp_path):
    """The calls the stats screen and ``quizapp stats`` make: no new store query is needed."""
    from quizapp.store import Store

    noon = datetime.combine(TODAY, datetime.min.time()).astimezone().replace(hour=12)
    with Store.open(tmp_path / "progress.db") as store:
        for when in (noon, noon, noon - timedelta(days=1), noon - timedelta(days=400)):
            store.record_review("q1", correct=True, when=when)
        store.record_kata_attempt("k1", "cpu", "pass", 1.0, "code", {}, when=noon)
        store.record_kata_attempt("k1", "cpu", "fail", 1.0, "code", {},
                                  when=noon - timedelta(days=3))
        heatmap = build_heatmap(
            store.reviews_per_day(), TODAY,
            katas=count_days(a.attempted_at for a in store.kata_attempts(with_code=False)),
            streak_days=store.activity_days())
    assert (heatmap.day(TODAY).reviews, heatmap.day(TODAY).katas) == (2, 1)
    assert heatmap.day(days_back(1)).reviews == 1 and heatmap.day(days_back(3)).katas == 1
    assert heatmap.totals.reviews == 3 and heatmap.totals.kata_attempts == 2
    assert heatmap.totals.current_streak == 2 and heatmap.totals.days_active == 3
