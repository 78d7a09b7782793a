"""Home: what is due, the weakest topics, kata status, continue, and the way to everything else."""

from __future__ import annotations

from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from quizapp.store import StoreError
from quizapp.tui.data import home_summary, resume_questions
from quizapp.tui.screens.base import AppScreen
from quizapp.tui.widgets.bars import bar, pct, recall_style
from quizapp.tui.widgets.footer import LocalFooter

WEAK_NAME_CELLS = 20
ACTION_KEYS = {"resume_mock": "r", "close_mock": "x", "continue": "c", "quiz": "q", "katas": "k",
               "mock": "m", "stats": "s", "settings": ","}


class HomeScreen(AppScreen):
    """The first screen: today's figures and the actions (also on their own keys)."""

    TITLE_KEY = "home.title"
    BINDINGS = [
        Binding("r", "resume_mock", "Resume mock"),
        Binding("x", "close_mock", "Close mock"),
        Binding("c", "continue", "Continue"),
        Binding("q", "quiz", "Quiz"),
        Binding("k", "katas", "Katas"),
        Binding("m", "mock", "Mock"),
        Binding("s", "stats", "Stats"),
        Binding("comma", "settings", "Settings"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.summary = None
        self.unfinished = None  # a mock interview the app was closed or killed during
        self.fit_offered = False  # enough new reviews to fit FSRS (found by a worker)
        self._fit_checked_for: int | None = None  # the review count it was found for

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="home"):
            yield Static(id="home-today")
            yield Static(id="home-notice")
            with Horizontal(id="home-columns"):
                with Vertical(id="home-left"):
                    yield Static(self.t("home.actions"), classes="section-title")
                    yield OptionList(id="home-actions")
                with Vertical(id="home-right"):
                    yield Static(self.t("home.weak"), classes="section-title")
                    yield Static(id="home-weak")
                    yield Static(self.t("home.kata_status"), classes="section-title")
                    yield Static(id="home-katas")
            yield Static(id="home-problems")
        yield LocalFooter()

    def on_mount(self) -> None:
        self.watch(self.app, "data_version", lambda _v: self.refresh_content(), init=False)
        self.query_one("#home-actions").focus()
        self.call_after_refresh(self.qapp.start_loading)

    def on_screen_resume(self) -> None:
        self.refresh_content()

    # -- content ------------------------------------------------------------------------------

    def refresh_content(self) -> None:
        app = self.qapp
        today = self.query_one("#home-today", Static)
        if not app.ready:
            today.update(Text(self.t("home.loading"), style="italic"))
            self._fill_actions()
            return
        try:
            self.summary = home_summary(app.data, app.store, app.now(), self.lang)
        except StoreError as exc:
            self.summary = None
            today.update(Text(str(exc), style="bold red"))
            return
        s = self.summary
        line = Text()
        line.append(self.t("home.today") + "  ", style="bold")
        line.append(self.t("home.due", n=s.due), style="bold yellow" if s.due else "")
        if s.due_katas:
            line.append("  ·  " + self.t("home.katas_due", n=len(s.due_katas)), style="bold yellow")
        line.append("  ·  " + self.t("home.new", n=s.new))
        line.append("  ·  " + self.t("home.streak", n=s.streak))
        line.append("  ·  " + self.t("home.reviews_today", n=s.answered_today))
        today.update(line)
        self.unfinished = self._find_unfinished()
        notice = Text()
        if app.temporary_store:
            notice.append(self.t("home.temporary") + "\n", style="bold yellow")
        if self.unfinished is not None:
            u = self.unfinished
            notice.append(self.t("home.unfinished_mock", id=u.id, when=_when(u.started_at),
                                 answered=_answered(u), total=len(u.plan.get("items") or [])),
                          style="bold yellow")
        if self.fit_offered:
            notice.append(("\n" if notice.plain else "") + self.t("home.fit_offer"), style="cyan")
        widget = self.query_one("#home-notice", Static)
        widget.update(notice)
        widget.display = bool(notice.plain.strip())
        self._check_fit_offer()
        self._fill_actions()
        self.refresh_bindings()
        self._fill_weak()
        self._fill_katas()
        self._fill_problems()

    def _check_fit_offer(self) -> None:
        """Whether to offer a fit reads the whole review log (about 0.9 s for 100k reviews), so
        it runs in a worker on a connection of its own, once per new review count."""
        app = self.qapp
        if app.temporary_store or app.store is None:
            return
        try:
            count = app.store.review_count()
        except StoreError:
            return
        if count != self._fit_checked_for:
            self._fit_checked_for = count
            self._find_fit_offer(app.db_path)

    @work(thread=True, exclusive=True, group="fit-offer", exit_on_error=False)
    def _find_fit_offer(self, db_path) -> None:
        from quizapp import fsrs_fit
        from quizapp.store import Store

        try:
            with Store.open(db_path, create=False) as store:
                offered = fsrs_fit.fit_offer_for(store).offer
        except StoreError:
            return
        if offered != self.fit_offered:
            self.app.call_from_thread(self._fit_offer_found, offered)

    def _fit_offer_found(self, offered: bool) -> None:
        self.fit_offered = offered
        self.refresh_content()

    def _find_unfinished(self):
        if "mock" not in self.qapp._modes:
            return None
        from quizapp.tui.screens.mock import unfinished_mock

        try:
            return unfinished_mock(self.qapp)
        except StoreError:
            return None

    def _action_label(self, name: str) -> str:
        s = self.summary
        u = self.unfinished
        if name in ("resume_mock", "close_mock") and u is not None:
            return self.t(f"home.{name}", id=u.id, answered=_answered(u),
                          total=len(u.plan.get("items") or []))
        if name == "continue" and s is not None and s.resume:
            if s.resume.get("kind") == "quiz":
                left = len(resume_questions(self.qapp.data, s.resume))
                return self.t("home.continue_quiz", left=left, total=s.resume.get("total", left))
            return self.t("home.continue_kata", kata=s.resume.get("id", "?"))
        if name == "quiz":
            return self.t("home.quiz_due", n=s.due) if s is not None and s.due else \
                self.t("home.quiz")
        if name == "katas":
            if s is None:
                return self.t("katas.title")
            return self.t("home.katas", passed=s.kata_passed, total=s.kata_total)
        return self.t(f"home.{name}")

    def _visible_actions(self) -> list[str]:
        names = ["quiz", "katas", "mock", "stats", "settings"]
        if self._can_continue():
            names.insert(0, "continue")
        if "mock" not in self.qapp._modes:
            names.remove("mock")
        if self.unfinished is not None:
            names[:0] = ["resume_mock", "close_mock"]
        return names

    def _fill_actions(self) -> None:
        actions = self.query_one("#home-actions", OptionList)
        highlighted = actions.highlighted
        actions.clear_options()
        for name in self._visible_actions():
            prompt = Text(f" {ACTION_KEYS[name]} ", style="reverse bold")
            prompt.append("  " + self._action_label(name))
            actions.add_option(Option(prompt, id=name))
        if actions.option_count:
            actions.highlighted = min(highlighted or 0, actions.option_count - 1)

    def _fill_weak(self) -> None:
        table = Table.grid(padding=(0, 1))
        for justify in ("left", "left", "right", "left"):
            table.add_column(no_wrap=True, justify=justify)
        for w in self.summary.weakest:
            due = self.t("stats.col.due") + f" {w.due}" if w.due else ""
            name = Text(w.name)
            name.truncate(WEAK_NAME_CELLS, overflow="ellipsis")
            table.add_row(name, bar(w.recall, 10, recall_style(w.recall)), pct(w.recall), due)
        self.query_one("#home-weak", Static).update(
            table if self.summary.weakest else self.t("home.weak_none"))

    def _fill_katas(self) -> None:
        s = self.summary
        text = Text(self.t("home.kata_counts", passed=s.kata_passed, failing=s.kata_failing,
                           never=s.kata_never))
        text.append("\n")
        if s.next_kata:
            info = self.qapp.data.kata(s.next_kata)
            title = info.title(self.lang) if info is not None else s.next_kata
            key = "home.kata_due_next" if s.next_kata in s.due_katas else "home.kata_next"
            text.append(self.t(key, kata=f"{title} ({s.next_kata})"))
        elif s.kata_total:
            text.append(self.t("home.kata_all"), style="green")
        self.query_one("#home-katas", Static).update(text)

    def _fill_problems(self) -> None:
        data = self.qapp.data
        widget = self.query_one("#home-problems", Static)
        lines = Text()
        if data.bank_errors:
            lines.append(self.t("home.problems", n=len(data.bank_errors)) + "\n", style="bold red")
            for error in data.bank_errors[:5]:
                where = Path(error.file).name if error.file else "?"
                lines.append(f"  {where}:{error.line}: {error.message}\n", style="red")
            if len(data.bank_errors) > 5:
                lines.append(f"  … (+{len(data.bank_errors) - 5})\n", style="red")
        broken = data.broken_katas
        if broken:
            lines.append(self.t("home.kata_problems", n=len(broken),
                                ids=", ".join(k.id for k in broken)) + "\n", style="bold red")
        other = [p for p in data.problems if not any(p == str(e) for e in data.bank_errors)]
        for problem in other:
            lines.append(f"{problem}\n", style="red")
        widget.update(lines)
        widget.display = bool(lines.plain.strip())

    # -- actions ------------------------------------------------------------------------------

    def _can_continue(self) -> bool:
        s = self.summary
        if s is None or not s.resume:
            return False
        if s.resume.get("kind") == "quiz":
            return bool(resume_questions(self.qapp.data, s.resume))
        info = self.qapp.data.kata(s.resume.get("id", ""))
        return info is not None and info.ok

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "back":
            return False
        if action == "continue":
            return bool(self._can_continue())
        if action == "mock":
            return "mock" in self.qapp._modes
        if action in ("resume_mock", "close_mock"):
            return self.unfinished is not None
        return True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        getattr(self, f"action_{event.option.id}")()

    def action_continue(self) -> None:
        if not self._can_continue():
            return
        resume = self.summary.resume
        if resume.get("kind") == "quiz":
            self.qapp.start_quiz(resume_questions(self.qapp.data, resume))
        else:
            self.qapp.open_kata(resume["id"])

    def action_resume_mock(self) -> None:
        """r: carry on with the unfinished mock interview, its answers and time as they were."""
        self._open_unfinished(close=False)

    def action_close_mock(self) -> None:
        """x: close the unfinished mock interview: self-grade, grade, and its report."""
        self._open_unfinished(close=True)

    def _open_unfinished(self, *, close: bool) -> None:
        if self.unfinished is None or not self.qapp.require_ready():
            return
        from quizapp.tui.screens.mock import open_unfinished_mock

        session, self.unfinished = self.unfinished, None
        open_unfinished_mock(self.qapp, session, close=close)

    def action_quiz(self) -> None:
        self.qapp.open_quiz_setup()

    def action_katas(self) -> None:
        self.qapp.open_kata_list()

    def action_mock(self) -> None:
        self.qapp.open_section("mock")

    def action_stats(self) -> None:
        self.qapp.open_section("stats")

    def action_settings(self) -> None:
        self.qapp.open_section("settings")


def _answered(session) -> int:
    """How many items of a stored mock have an answer."""
    return sum(1 for item in session.items if item.answer is not None)


def _when(moment) -> str:
    """A stored time as local ``YYYY-MM-DD HH:MM``."""
    try:
        return moment.astimezone().strftime("%Y-%m-%d %H:%M")
    except (AttributeError, ValueError):
        return str(moment or "?")
