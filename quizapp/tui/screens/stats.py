"""Stats: mastery per topic as bars, activity over time, the katas, mock interview history."""

from __future__ import annotations

from datetime import timedelta

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual import work
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, Sparkline, Static

from quizapp.fsrs_fit import fit_status, learner_calibration
from quizapp.heatmap import build_heatmap, count_days, render_rich
from quizapp.schedule_report import schedule_lines, when_text
from quizapp.stats import RECENT_MOCKS, build_stats
from quizapp.store import StoreError
from quizapp.tui.screens.base import AppScreen
from quizapp.tui.widgets.bars import bar, pct, recall_style
from quizapp.tui.widgets.footer import LocalFooter

ACTIVITY_DAYS = 30


def _local(value: str | None) -> str:
    from datetime import datetime

    if not value:
        return "-"
    return datetime.fromisoformat(value).astimezone().strftime("%Y-%m-%d %H:%M")


def mock_score(scores) -> str:
    """A mock interview's overall score as a percentage (or '-')."""
    if isinstance(scores, dict):
        for key in ("total", "overall", "score"):
            value = scores.get(key)
            if isinstance(value, (int, float)):
                return pct(value) if value <= 1 else f"{value:g}"
    if isinstance(scores, (int, float)) and not isinstance(scores, bool):
        return pct(scores) if scores <= 1 else f"{scores:g}"
    return "-"


class StatsScreen(AppScreen):
    """Progress at a glance (the same figures as ``quizapp stats``)."""

    TITLE_KEY = "stats.title"
    _stats: dict | None = None  # the figures last shown (the bars are redrawn on a resize)
    BINDINGS = [Binding("r", "refresh", "Refresh"), Binding("o", "fit", "Fit schedule")]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="stats"):
            yield Static(id="stats-overview")
            yield Static(self.t("stats.mastery"), classes="section-title")
            yield Static(id="stats-mastery")
            yield Static(self.t("stats.activity", days=ACTIVITY_DAYS), classes="section-title")
            yield Sparkline([0], id="stats-spark")
            yield Static(id="stats-activity")
            yield Static(self.t("cli.stats.year"), classes="section-title")
            yield Static(id="stats-year")
            yield Static(id="stats-schedule")
            yield Static(self.t("stats.katas"), classes="section-title")
            yield Static(id="stats-katas")
            yield Static(self.t("stats.mocks"), classes="section-title")
            yield Static(id="stats-mocks")
        yield LocalFooter()

    def on_mount(self) -> None:
        self.watch(self.app, "data_version", lambda _v: self.refresh_content(), init=False)
        self.query_one("#stats").focus()

    def on_screen_resume(self) -> None:
        self.refresh_content()

    def action_refresh(self) -> None:
        self.refresh_content()

    def action_fit(self) -> None:
        """Fit FSRS to the learner's reviews (``quizapp optimize``) in a worker: the fit itself
        runs in a child process, so the app never imports torch."""
        self.notify(self.t("stats.fit_started"), timeout=4)
        self._fit()

    @work(thread=True, exclusive=True, group="fit", exit_on_error=False)
    def _fit(self) -> None:
        from quizapp.fsrs_fit import FitError, optimize
        from quizapp.store import Store

        try:
            with Store.open(self.qapp.db_path) as store:
                result = optimize(store)
        except (FitError, StoreError) as exc:
            message, severity = self.t("fit.failed", error=exc), "error"
        else:
            message = (self.t("fit.fallback", used=result.reviews_used, needed=result.needed,
                              more=max(result.needed - result.reviews_used, 1))
                       if result.fallback else
                       self.t("fit.stored", id=result.fit_id, when=when_text(result.fitted_at))
                       if result.stored else self.t("fit.worse"))
            severity = "information"
        self.app.call_from_thread(self._fitted, message, severity)

    def _fitted(self, message: str, severity: str) -> None:
        self.notify(message, severity=severity, timeout=12)
        self.refresh_content()

    def refresh_content(self) -> None:
        app = self.qapp
        if not app.ready:
            self.query_one("#stats-overview", Static).update(self.t("home.loading"))
            return
        store, data = app.store, app.data
        now = app.now()
        today = now.astimezone().date()
        try:
            with store.snapshot():
                target = store.get_setting("target_date")
                raw = dict(cards=store.cards(), review_count=store.review_count(),
                           kata_attempt_count=store.kata_attempt_count(),
                           kata_status=store.kata_status([k.id for k in data.katas if k.ok]),
                           activity_days=store.activity_days(),
                           recent_mocks=store.mock_sessions(RECENT_MOCKS * 2))
                per_day = store.reviews_per_day()
                attempt_times = [a.attempted_at for a in store.kata_attempts(with_code=False)]
        except StoreError as exc:
            self.query_one("#stats-overview", Static).update(Text(str(exc), style="bold red"))
            return
        from datetime import date

        try:
            target_day = date.fromisoformat(target) if target else None
        except (TypeError, ValueError):
            target_day = None
        stats = build_stats(questions=data.banks.questions, topic_names=data.banks.topics,
                            now=now, today=today, target=target_day, scheduler=store.scheduler,
                            lang=self.lang, **raw)
        self.query_one("#stats-overview", Static).update(Text(self.t(
            "stats.overview", reviews=stats["reviews"], due=stats["due"], new=stats["new"],
            streak=stats["streak"], katas=stats["kata_attempts"]), style="bold"))
        self._stats = stats
        self._mastery(stats)
        self._activity(per_day, today)
        self._year(per_day, attempt_times, raw["activity_days"], today)
        if app.temporary_store:  # nothing on disk to open a second connection to
            self._show_schedule(schedule_lines(learner_calibration(store), fit_status(store),
                                               self.lang))
        else:
            self._load_schedule(app.db_path, self.lang)
        self._katas(stats)
        self._mocks(stats)

    def _mastery(self, stats: dict) -> None:
        table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold")
        # One line per topic at any width: a long name is cut (…), the bar shrinks on a narrow
        # terminal, the figures always show.
        table.add_column(self.t("stats.col.topic"), no_wrap=True, overflow="ellipsis")
        table.add_column("", no_wrap=True)
        table.add_column(self.t("stats.col.recall"), justify="right")
        table.add_column(self.t("stats.col.seen"), justify="right")
        table.add_column(self.t("stats.col.due"), justify="right")
        for row in stats["topics"]:
            share = row["recall_now"]
            table.add_row(row["name"], bar(share, self._bar_width(), recall_style(share)), pct(share),
                          f"{row['seen']}/{row['questions']}", str(row["due"]))
        self.query_one("#stats-mastery", Static).update(table)

    def _bar_width(self) -> int:
        return 24 if self.size.width >= 100 else 10

    def on_resize(self) -> None:
        if self._stats is not None:  # only the bars change with the width
            self._mastery(self._stats)

    @work(thread=True, exclusive=True, group="schedule", exit_on_error=False)
    def _load_schedule(self, db_path, lang: str) -> None:
        """The schedule section replays the whole review log (about 5 s for 100k reviews), so
        it is read in a worker on a connection of its own."""
        from quizapp.store import Store

        try:
            with Store.open(db_path, create=False) as store:
                lines = schedule_lines(learner_calibration(store), fit_status(store), lang)
        except StoreError as exc:
            lines = [str(exc)]
        self.app.call_from_thread(self._show_schedule, lines)

    def _show_schedule(self, lines: list[str]) -> None:
        title, *body = lines
        self.query_one("#stats-schedule", Static).update(
            Text(title, style="bold").append("\n" + "\n".join(body), style=""))

    def _activity(self, per_day: dict, today) -> None:
        days = [today - timedelta(days=i) for i in range(ACTIVITY_DAYS - 1, -1, -1)]
        counts = [per_day.get(d, 0) for d in days]
        self.query_one("#stats-spark", Sparkline).data = counts
        text = Text(f"{days[0]:%m-%d}", style="dim")
        text.append(" … ", style="dim")
        text.append(f"{days[-1]:%m-%d}", style="dim")
        text.append("   " + self.t("stats.activity_total", days=ACTIVITY_DAYS, n=sum(counts),
                                    active=sum(1 for c in counts if c)))
        self.query_one("#stats-activity", Static).update(text)

    def _year(self, per_day: dict, attempt_times: list, activity_days, today) -> None:
        year = build_heatmap(per_day, today, katas=count_days(attempt_times),
                             streak_days=activity_days)
        self.query_one("#stats-year", Static).update(render_rich(year, self.lang))

    def _katas(self, stats: dict) -> None:
        table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold")
        for key in ("kata", "status", "attempts", "last"):
            table.add_column(self.t(f"stats.col.{key}"),
                             justify="right" if key == "attempts" else "left")
        styles = {"passed": "green", "failing": "yellow", "never": "dim"}
        data = self.qapp.data
        for k in stats["katas"]:
            info = data.kata(k["id"])
            name = f"{info.title(self.lang)} ({k['id']})" if info is not None else k["id"]
            table.add_row(name, Text(self.t(f"katas.status.{k['status']}"),
                                     style=styles.get(k["status"], "")),
                          str(k["attempts"]), _local(k["last_attempt_at"]))
        self.query_one("#stats-katas", Static).update(table)

    def _mocks(self, stats: dict) -> None:
        widget = self.query_one("#stats-mocks", Static)
        if not stats["mock"]:
            widget.update(Text(self.t("stats.no_mocks"), style="dim"))
            return
        table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold")
        table.add_column("#", justify="right")
        table.add_column(self.t("stats.col.started"))
        table.add_column(self.t("stats.col.minutes"), justify="right")
        table.add_column(self.t("stats.col.score"), justify="right")
        for m in stats["mock"]:
            score = mock_score(m["scores"]) if m["finished_at"] else self.t("stats.unfinished")
            table.add_row(str(m["id"]), _local(m["started_at"]), str(m["minutes"] or "-"), score)
        widget.update(table)
